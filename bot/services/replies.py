"""What a command answers, as plain values: each platform's renderer turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.commands import Topic


@dataclass(frozen=True)
class Help:
    topic: Topic


@dataclass(frozen=True)
class Refusal:
    """A request that changed nothing, with why (the domain error's words) and an example."""

    reason: str
    example: str | None = None


Reply = Help | Refusal
