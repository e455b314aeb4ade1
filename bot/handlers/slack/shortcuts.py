"""The message shortcut "Track as promise": any message, tracked with its author as owner."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.bootstrap import Kept
from bot.domain.errors import KeptError
from bot.handlers.slack.context import directory_for
from bot.handlers.slack.forms import open_promise_form
from bot.render.slack.ids import CallbackId
from bot.render.slack.kit import refusal
from bot.services import promises
from bot.services.promises import Draft


def register(app: App, kept: Kept) -> None:
    @app.shortcut(CallbackId.TRACK_SHORTCUT)
    def track_message(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        directory = directory_for(kept, client, body)
        message, clicker = body.get("message", {}), body["user"]["id"]
        author = message.get("user") or clicker
        try:
            draft = promises.draft(kept, directory, author, message.get("text", ""))
        except KeptError as error:  # an empty or overlong message: the form starts blank
            draft = Draft("", None, None, None, str(error))
        if clicker != author:  # the one who asked to track it is the one it was promised to
            draft = Draft(draft.what, clicker, None, draft.due_at, draft.problem, draft.grain)
        if not open_promise_form(
            client,
            body.get("trigger_id"),
            draft,
            owner=author,
            response_url=None,
            source="shortcut",
        ):
            client.chat_postEphemeral(
                channel=body.get("channel", {}).get("id", clicker),
                user=clicker,
                **refusal("Slack didn't let me open the form in time. Please try again."),
            )
