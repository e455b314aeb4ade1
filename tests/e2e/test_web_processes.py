"""`serve` in WEB_CONCURRENCY processes (as a Heroku dyno sets it): one port, one database,
each process a Kept of its own, every command answered once whichever process takes it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import ROOT, SIGNING_SECRET, RunBot
from tests.fakes.slack_api import DEFAULT_TOKEN, FakeSlackAPI
from tests.fakes.slack_requests import SlackRequests

ANA, RAJ = "U00000ANA", "U00000RAJ"
START_TIMEOUT = 60.0
PROCESS_TIMEOUT = 30.0


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as api:
        yield api


@contextmanager
def serving(
    database_url: str, slack: FakeSlackAPI, log: Path, processes: int
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`python -m bot serve` with WEB_CONCURRENCY=`processes`, until it answers /healthz; its
    base URL and process. Stopped at the end as an operator would (SIGTERM)."""
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KEPT_"))},
        "DATABASE_URL": database_url,
        "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.base_url,
        "KEPT_CONFIG": str(ROOT / "config/kept.toml"),
        "PORT": str(port),
        "WEB_CONCURRENCY": str(processes),
        "PYTHONPATH": str(ROOT),
    }
    with log.open("wb") as out:
        serve = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_healthy(base, serve)
        yield base, serve
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=PROCESS_TIMEOUT)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_healthy(base: str, serve: subprocess.Popen[bytes]) -> None:
    with httpx.Client(timeout=2) as http:
        for _ in range(int(START_TIMEOUT * 10)):
            assert serve.poll() is None, "serve exited before it answered"
            try:
                if http.get(base + "/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            _pause(serve)
    raise AssertionError(f"serve did not answer /healthz within {START_TIMEOUT} s")


def _pause(serve: subprocess.Popen[bytes]) -> None:
    """A tenth of a second, or less if serve exits meanwhile."""
    with suppress(subprocess.TimeoutExpired):
        serve.wait(timeout=0.1)


def _server_processes(log: str) -> set[str]:
    """The process ids uvicorn says started a server: one for each web process."""
    return set(re.findall(r"Started server process \[(\d+)\]", log))


def test_two_web_processes_answer_every_command_once(
    database_url: str, slack: FakeSlackAPI, tmp_path: Path
) -> None:
    log = tmp_path / "serve.log"
    with serving(database_url, slack, log, processes=2) as (base, serve):
        rq = SlackRequests(base, SIGNING_SECRET, response_url_base=slack.hooks_base_url)
        commands = [
            rq.command_fields("/promise", f"send report {n} to <@{RAJ}> by Friday 3pm", ANA)
            for n in range(12)
        ]
        replayed = [commands[0], commands[0]]  # Slack sent the first again
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(rq.post_form, [*commands, *replayed]))
        assert [a.status_code for a in answers] == [200] * 14

        notices = slack.wait_for("chat.postMessage", 12, timeout=30)
        replies = slack.wait_for("response_url", 12, timeout=30)

        assert all(str(r.args["text"]).startswith("Tracked") for r in replies)
        assert Counter(c.args["channel"] for c in notices) == {RAJ: 12}
        assert len(slack.calls_to("response_url")) == 12  # the replays changed nothing
        assert len(_server_processes(log.read_text())) == 2
    assert serve.returncode == 0


@pytest.mark.parametrize("value", ["0", "two", "-1", "17"])
def test_a_wrong_web_concurrency_is_named(run_bot: RunBot, value: str) -> None:
    result = run_bot(
        "serve",
        SLACK_BOT_TOKEN=DEFAULT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        WEB_CONCURRENCY=value,
    )

    assert result.returncode == 2
    assert "WEB_CONCURRENCY: expected how many web processes" in result.stderr
    assert repr(value) in result.stderr
    assert "Traceback" not in result.stderr
