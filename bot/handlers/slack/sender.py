"""Delivers outbox messages to Slack, telling passing failures from permanent ones."""

from __future__ import annotations

from datetime import timedelta
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.jobs.drain import backoff
from bot.render.deliveries import UnknownDelivery
from bot.render.slack_blocks import render_delivery
from bot.services.outbox import Delivery, RetryLater, SendResult, Sent, Undeliverable


class SlackSender:
    platform = "slack"

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def send(self, delivery: Delivery) -> SendResult:
        try:
            message = render_delivery(delivery)
        except UnknownDelivery as error:
            return Undeliverable(str(error))
        try:
            self._client.chat_postMessage(channel=delivery.recipient, **message)
        except SlackApiError as error:
            return classify(error, delivery.attempts)
        except (URLError, TimeoutError, ConnectionError) as error:
            return RetryLater(backoff(delivery.attempts), f"network: {error}")
        return Sent()


def classify(error: SlackApiError, attempts: int) -> SendResult:
    """Slack's answer to a failed call: wait and retry, or give up with Slack's reason."""
    status = error.response.status_code
    code = str(error.response.get("error", "unknown_error"))
    if status == 429:
        wait = int(error.response.headers.get("Retry-After", "1") or 1)
        return RetryLater(timedelta(seconds=wait), "ratelimited")
    if status >= 500 or code in {"internal_error", "fatal_error", "service_unavailable"}:
        return RetryLater(backoff(attempts), f"slack answered {status} {code}")
    return Undeliverable(code)
