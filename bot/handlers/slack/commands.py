"""Slash commands: /promise, /kudos and /digest."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond

from bot.bootstrap import Kept
from bot.domain.commands import Topic, parse_command
from bot.render.slack_blocks import render_reply
from bot.services import chat


def register(app: App, kept: Kept) -> None:
    for topic in Topic:
        app.command(f"/{topic}")(_listener(topic))


def _listener(topic: Topic) -> Any:
    def answer(ack: Ack, command: dict[str, Any], respond: Respond) -> None:
        ack()
        reply = chat.handle(parse_command(topic, command.get("text", "")))
        respond(response_type="ephemeral", **render_reply(reply))

    answer.__name__ = f"answer_{topic}_command"
    return answer
