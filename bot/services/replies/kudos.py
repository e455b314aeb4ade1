"""What the kudos use cases answer, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.kudos import Period


@dataclass(frozen=True)
class Named:
    """Someone as a reply names them: their display name, and their user id to mention them."""

    name: str
    ref: str


@dataclass(frozen=True)
class Given:
    """Kudos given: one per recipient, posted in `channel_ref` (None: not posted anywhere)."""

    giver: Named
    recipients: tuple[Named, ...]
    reason: str
    values: tuple[str, ...]
    channel_ref: str | None
    left: int  # kudos the giver has left today


@dataclass(frozen=True)
class Leader:
    rank: int
    person: Named
    received: int
    values: tuple[tuple[str, int], ...]  # the values they were thanked for, most first


@dataclass(frozen=True)
class Leaderboard:
    period: Period
    leaders: tuple[Leader, ...]


@dataclass(frozen=True)
class KudosView:
    giver: Named
    recipient: Named
    reason: str
    values: tuple[str, ...]
    given_at: datetime


@dataclass(frozen=True)
class KudosSummary:
    """A person's kudos, for their App Home: totals, the values they are thanked for, the latest."""

    received: int
    given: int
    values: tuple[tuple[str, int], ...]
    latest_received: tuple[KudosView, ...]
    latest_given: tuple[KudosView, ...]
    left: int
    zone: str
