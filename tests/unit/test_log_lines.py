"""Kept's log lines: one line each, no OAuth code in them, no warning Kept itself causes."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from bot.log_lines import log_to_stderr


@pytest.fixture
def log() -> Iterator[io.StringIO]:
    """What the root logger writes, set up as `python -m bot` sets it up."""
    root = logging.getLogger()
    saved, root.handlers = root.handlers, []
    out = io.StringIO()
    logging.basicConfig(stream=out, force=True)
    log_to_stderr(logging.INFO)
    yield out
    root.handlers = saved


def test_an_oauth_code_bolt_could_not_exchange_is_not_written(log: io.StringIO) -> None:
    logging.getLogger("slack_bolt.App").warning(
        "Failed to fetch oauth.v2.access result with code: 1234.5678.abcdef - error: invalid_code"
    )

    assert "with code: (hidden) - error: invalid_code" in log.getvalue()
    assert "abcdef" not in log.getvalue()


def test_bolt_warning_of_its_unused_token_is_not_written(log: io.StringIO) -> None:
    logging.getLogger("slack_bolt.App").warning(
        "As you gave `client` as well, `token` will be unused."
    )
    logging.getLogger("slack_bolt.App").warning("something else")

    assert log.getvalue().count("\n") == 1
    assert "something else" in log.getvalue()


def test_a_name_with_a_line_break_stays_on_its_line(log: io.StringIO) -> None:
    logging.getLogger("bot").warning("refused %s", "ana\n2026-12-03 ERROR forged")

    assert log.getvalue().count("\n") == 1
    assert "ana\\x0a2026" in log.getvalue()
