"""What a command answers, as plain values: each platform's renderer turns them into messages."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.commands import Topic
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.kudos import Given, Leaderboard
from bot.services.replies.promises import Changed, Draft, Listing, Made
from bot.services.replies.teams import TeamView


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
