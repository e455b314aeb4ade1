"""Delivers outbox messages to Slack, telling passing failures from permanent ones."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.render.shared.digest_chart import chart_file
from bot.render.slack import render_delivery
from bot.services.outbox import (
    Delivery,
    RetryLater,
    SendResult,
    Sent,
    TeamDigest,
    Undeliverable,
    backoff,
    retry_after,
)

log = logging.getLogger(__name__)


class SlackSender:
    """Sends with the bot token, or, when workspaces install Kept, with the token of the
    message's workspace (`token_of`; None when it has none, uninstalled since)."""

    platform = "slack"

    def __init__(
        self, client: WebClient, token_of: Callable[[str], str | None] | None = None
    ) -> None:
        self._client = client
        self._token_of = token_of

    def send(self, delivery: Delivery) -> SendResult:
        client = self._client_of(delivery.workspace_id)
        if client is None:
            return Undeliverable("not_installed")
        message = render_delivery(delivery)
        try:
            answer = client.chat_postMessage(channel=delivery.recipient, **message)
        except SlackApiError as error:
            return classify(error, delivery.attempts)
        except (URLError, TimeoutError, ConnectionError) as error:
            return RetryLater(backoff(delivery.attempts), f"network: {error}")
        if isinstance(delivery.payload, TeamDigest):
            channel = str(answer.get("channel") or delivery.recipient)
            self._upload_chart(client, delivery.key, delivery.payload, channel)
        return Sent()

    def _client_of(self, workspace_id: str) -> WebClient | None:
        if self._token_of is None:
            return self._client
        token = self._token_of(workspace_id)
        if token is None:
            return None
        return WebClient(
            token=token,
            base_url=self._client.base_url,
            timeout=self._client.timeout,
            retry_handlers=self._client.retry_handlers,
        )

    def _upload_chart(self, client: WebClient, key: str, digest: TeamDigest, channel: str) -> None:
        """The digest's chart, uploaded after it to the same conversation (the DM's channel id,
        which chat.postMessage answers). The digest is delivered already: a failed upload is
        logged, not retried, since a retry would post the digest twice."""
        try:
            filename, title, png = chart_file(digest)
            client.files_upload_v2(channel=channel, content=png, filename=filename, title=title)
        except Exception:
            log.exception("uploading the chart of %s failed", key)


def classify(error: SlackApiError, attempts: int) -> SendResult:
    """Slack's answer to a failed call: wait and retry, or give up with Slack's reason."""
    status = error.response.status_code
    code = str(error.response.get("error", "unknown_error"))
    if status == 429:
        wait = retry_after(error.response.headers.get("Retry-After"), attempts)
        return RetryLater(wait, "ratelimited", throttled=True)
    if status >= 500 or code in {"internal_error", "fatal_error", "service_unavailable"}:
        return RetryLater(backoff(attempts), f"slack answered {status} {code}")
    return Undeliverable(code)
