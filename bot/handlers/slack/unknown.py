"""Clicks, forms, shortcuts and events no listener knows: an old message's button, a forged
action id, an event the manifest no longer subscribes to. Registered last, each is acked (and
a person answered), so Slack never shows an error, nor retries, after a 404."""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.handlers.slack.actions import STALE
from bot.handlers.slack.context import answer_click
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.views import OUT_OF_DATE
from bot.render.slack.kit import refusal
from bot.services.env import Env

ANY = re.compile(".*")


def register(app: App, _env: Env) -> None:
    @app.action(ANY)
    @guarded
    def on_unknown_click(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        answer_click(client, body, refusal(STALE))

    @app.view(ANY)
    @guarded
    def on_unknown_form(ack: Ack, view: dict[str, Any]) -> None:
        """Told under its first input, where the person looks; a form without one just closes."""
        inputs = [b.get("block_id") for b in view.get("blocks", []) if b.get("type") == "input"]
        if inputs and isinstance(inputs[0], str):
            ack(response_action="errors", errors={inputs[0]: OUT_OF_DATE})
        else:
            ack()

    @app.shortcut(ANY)
    @guarded
    def on_unknown_shortcut(ack: Ack) -> None:
        ack()

    @app.options(ANY)
    @guarded
    def on_unknown_options(ack: Ack) -> None:
        ack(options=[])

    @app.event(ANY)
    def on_unknown_event() -> None:
        """Nothing to do: acked, so that Slack does not send it again."""
