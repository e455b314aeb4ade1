"""Commands from any platform, turned into service calls and a reply to render."""

from __future__ import annotations

from bot.domain.commands import Command
from bot.services.replies import Help, Reply


def handle(command: Command) -> Reply:
    """The reply to a parsed command."""
    match command.verb:
        case _:
            return Help(command.topic)
