"""What every Slack listener needs from a request: who, in which workspace, and how to answer."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.webhook import WebhookClient

from bot.domain.printable import printable
from bot.handlers.slack.directory import SlackDirectory
from bot.services.env import Env

log = logging.getLogger(__name__)


def directory_for(env: Env, client: WebClient, body: dict[str, Any]) -> SlackDirectory:
    team = (
        body.get("team_id")
        or (body.get("team") or {}).get("id")
        or body.get("user", {}).get("team_id")
    )
    return SlackDirectory(client, str(team or ""), env.settings.working_hours.default_timezone)


def reply_to(response_url: str | None, message: dict[str, Any], *, replace: bool = False) -> bool:
    """Answer through a response_url, in place of the message clicked when `replace`; False
    when Slack would not take it (a response_url lasts 30 minutes and five answers)."""
    if not response_url:
        return False
    sent = _webhook(response_url).send_dict(
        {"response_type": "ephemeral", "replace_original": replace, **message}
    )
    if sent.status_code != 200:
        log.warning("Slack did not take an answer at its response_url: %s", sent.status_code)
    return sent.status_code == 200


def answer_where_asked(
    client: WebClient,
    user: str,
    response_url: str | None,
    message: dict[str, Any],
    *,
    replace: bool = False,
) -> None:
    """Answer where the person asked (through the response_url), or else in their direct
    messages with Kept: the App Home has no response_url, and a late one is refused."""
    if reply_to(response_url, message, replace=replace):
        return
    try:
        client.chat_postMessage(channel=user, **message)
    except SlackApiError as error:
        # Slack failing on its side twice: the response_url is asked once more, with the answer
        if error.response.status_code < 500 or not reply_to(response_url, message, replace=replace):
            raise


def answer_click(
    client: WebClient, body: dict[str, Any], message: dict[str, Any], *, replace: bool = False
) -> None:
    """Answer a click where it happened (in place of the message clicked when `replace`)."""
    answer_where_asked(
        client, body["user"]["id"], body.get("response_url"), message, replace=replace
    )


def _webhook(response_url: str) -> WebhookClient:
    """A response_url's client: someone is waiting, so a 429 is waited out as Slack asks, and
    a connection lost on the way is tried once more."""
    return WebhookClient(
        response_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            RateLimitErrorRetryHandler(max_retry_count=2),
        ],
    )


def delete_original(response_url: str | None) -> None:
    """Remove the message clicked (an ephemeral prompt its reader dismissed)."""
    if response_url:
        _webhook(response_url).send_dict({"delete_original": True})


# Slack's special mentions (@channel, @here, @everyone, a user group), and links shown as words.
_SPECIAL_MENTION = re.compile(r"<!(channel|here|everyone|subteam\^[A-Z0-9]+)(?:\|([^>]*))?>")
_LABELLED_LINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^|>\s]+)\|([^>]*)>", re.IGNORECASE)  # any scheme
# After the @ of a defused mention: it reads the same, and Slack makes no ping of it.
WORD_JOINER = "\u2060"


def typed(text: str) -> str:
    """Someone's words as Kept keeps them, safe to show anyone later: a special mention pings
    no one (it reads @⁠channel), a link shows where it goes ("label (url)"), and characters no
    one can see are dropped."""
    text = _SPECIAL_MENTION.sub(
        lambda found: "@" + WORD_JOINER + (found[2] or found[1]).lstrip("@"), printable(text)
    )
    return _LABELLED_LINK.sub(lambda found: f"{found[2]} ({found[1]})", text)
