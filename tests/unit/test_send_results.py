"""How each platform's failed answer is read: slow down, retry later, or give up."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web import SlackResponse

from bot.handlers.slack import sender as slack
from bot.handlers.teams import sender as teams
from bot.services.outbox import RetryLater, Undeliverable, backoff


def slack_error(status: int, error: str, headers: dict[str, str] | None = None) -> SlackApiError:
    response = SlackResponse(
        client=None,
        http_verb="POST",
        api_url="https://slack.com/api/chat.postMessage",
        req_args={},
        data={"ok": False, "error": error},
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError(error, response)  # type: ignore[no-untyped-call]


def connector_answer(status: int, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, headers=headers, json={"error": {"code": "", "message": ""}})


def test_slack_saying_slow_down_is_a_throttle_for_its_retry_after() -> None:
    result = slack.classify(slack_error(429, "ratelimited", {"Retry-After": "30"}), attempts=3)

    assert result == RetryLater(timedelta(seconds=30), "ratelimited", throttled=True)


def test_a_slack_outage_is_retried_but_is_no_throttle() -> None:
    result = slack.classify(slack_error(503, "service_unavailable"), attempts=2)

    assert result == RetryLater(backoff(2), "slack answered 503 service_unavailable")
    assert not result.throttled


def test_teams_saying_slow_down_is_a_throttle_for_its_retry_after() -> None:
    result = teams.classify(connector_answer(429, {"Retry-After": "45"}), attempts=0)

    assert result == RetryLater(timedelta(seconds=45), "throttled", throttled=True)


def test_teams_refusing_kepts_token_is_retried_and_logged_loudly(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.ERROR):
        result = teams.classify(connector_answer(401), attempts=1)

    assert isinstance(result, RetryLater) and result.throttled  # held back, not counted
    assert result.wait == backoff(1)
    [logged] = caplog.records
    assert logged.levelno == logging.ERROR
    assert logged.getMessage() == (
        "the Bot Connector refused Kept's token: check CLIENT_ID/CLIENT_SECRET/TENANT_ID"
    )


@pytest.mark.parametrize(
    ("status", "reason"),
    [(413, "teams answered 413: too large"), (400, "teams answered 400")],
)
def test_a_message_teams_will_never_take_is_undeliverable(status: int, reason: str) -> None:
    assert teams.classify(connector_answer(status), attempts=0) == Undeliverable(reason)


def test_a_teams_outage_is_retried_with_backoff() -> None:
    assert teams.classify(connector_answer(502), attempts=3) == RetryLater(
        backoff(3), "teams answered 502"
    )
