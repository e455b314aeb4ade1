"""Opening Kept's forms (modals); Slack allows it only within 3 seconds of a click or command."""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.handlers.slack.sealed import seal
from bot.render.slack.forms import promise_form
from bot.services.replies.promises import Draft

log = logging.getLogger(__name__)

# Said when Slack would not open a form, in place of the form.
FORM_UNAVAILABLE = "Slack didn't let me open the form in time. Please try again."


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
    """Open the form; False when Slack would not (the caller answers in words instead). Slack
    failing on its side is asked once more at once: the trigger lives only 3 seconds."""
    if not trigger_id:
        return False
    for last_try in (False, True):
        try:
            client.views_open(trigger_id=trigger_id, view=view)
            return True
        except SlackApiError as error:
            if last_try or error.response.status_code < 500:
                log.warning("views.open failed: %s", error.response.get("error"))
                return False
    return False
