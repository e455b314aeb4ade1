"""The message shortcut "Track as promise": one's own message is tracked; someone else's, they
are asked to track (the form's submitter acts, the author confirms)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.handlers.slack.context import directory_for, typed
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.forms import FORM_UNAVAILABLE, open_promise_form
from bot.handlers.slack.sealed import key_of
from bot.render.slack.ids import CallbackId
from bot.render.slack.kit import refusal
from bot.services import promises
from bot.services.env import Env


def register(app: App, env: Env) -> None:
    @app.shortcut(CallbackId.TRACK_SHORTCUT)
    @guarded
    def track_message(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        directory = directory_for(env, client, body)
        message, clicker = body.get("message", {}), body["user"]["id"]
        author = message.get("user") or clicker
        draft = promises.draft_from_message(
            env, directory, clicker, author, typed(message.get("text", ""))
        )
        if not open_promise_form(
            client,
            body.get("trigger_id"),
            draft,
            key=key_of(env.settings.slack),
            user=clicker,
            response_url=None,
            source="shortcut",
            author=author,
            message=_message_of(body),
        ):
            client.chat_postEphemeral(
                channel=body.get("channel", {}).get("id", clicker),
                user=clicker,
                **refusal(FORM_UNAVAILABLE),
            )


def _message_of(body: dict[str, Any]) -> str | None:
    """The message the shortcut was used on, "channel/ts": it makes one promise."""
    channel, ts = body.get("channel", {}).get("id"), body.get("message", {}).get("ts")
    return f"{channel}/{ts}" if channel and ts else None
