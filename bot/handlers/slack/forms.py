"""Opening Kept's forms (modals); Slack allows it only within 3 seconds of a click or command."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.handlers.slack.sealed import seal
from bot.render.slack.forms import promise_form
from bot.services.replies.promises import Draft

log = logging.getLogger(__name__)


def open_promise_form(
    client: WebClient,
    trigger_id: str | None,
    draft: Draft,
    *,
    key: bytes,
    user: str,
    response_url: str | None,
    source: str = "form",
    author: str | None = None,
    message: str | None = None,
) -> bool:
    """The promise form for `user`, prefilled with the draft; read in someone else's message
    (`author`), it asks them to track it; read in a `message` ("channel/ts"), that message
    makes one promise. False when Slack would not open it."""
    asking = author if author and author != user else None
    view = promise_form(
        what=draft.what,
        due_at=draft.due_at,
        counterpart_ref=draft.counterpart_ref,
        customer=draft.customer,
        problem=draft.problem,
        metadata=seal(
            {"author": asking, "source": source, "response_url": response_url, "message": message},
            user,
            key,
        ),
        asking=asking,
    )
    return open_view(client, trigger_id, view)


def open_view(client: WebClient, trigger_id: str | None, view: dict[str, object]) -> bool:
    if not trigger_id:
        return False
    try:
        client.views_open(trigger_id=trigger_id, view=view)
    except SlackApiError as error:  # an expired trigger: the caller answers in words instead
        log.warning("views.open failed: %s", error.response.get("error"))
        return False
    return True
