"""What a command answers, as plain values: each platform's renderer turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.commands import Topic
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, Leaderboard
from bot.services.promises import Changed, Draft, Listing, Made


@dataclass(frozen=True)
class Help:
    topic: Topic


@dataclass(frozen=True)
class Refusal:
    """A request that changed nothing, with why (the domain error's words) and an example."""

    reason: str
    example: str | None = None


Reply = (
    Help
    | Refusal
    | Made
    | Draft
    | Changed
    | Listing
    | Given
    | Leaderboard
    | Digest
    | DigestCsv
    | TeamView
)
