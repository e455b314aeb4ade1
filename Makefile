# `make run`: set up and start Kept (the local shell when no Slack account is configured).
# `make test`: set up and run every check CI runs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test lint unit setup
run: setup
	$(PY) -m bot

test: setup lint
	$(PY) -m pytest -n auto

lint: setup
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy bot tests bench
	$(VENV)/bin/lint-imports

setup: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@
