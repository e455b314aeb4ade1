"""A team's weekly digest and its CSV, as plain values (the numbers: bot/domain/digest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.digest import WeekCounts


@dataclass(frozen=True)
class AtRisk:
    """An open promise due next week that was moved, or whose last nudge has no answer."""

    promise_id: int
    what: str
    owner: str
    due_at: datetime
    renegotiated: bool
    unanswered: bool


@dataclass(frozen=True)
class WeekTrend:
    week: str
    counts: WeekCounts


@dataclass(frozen=True)
class Digest:
    """A team's week: the numbers (see bot/domain/digest.py), the trend, what is at risk, kudos."""

    team: str
    week: str
    start: datetime
    end: datetime
    zone: str  # the manager's: weeks and times are read in it
    so_far: bool  # the week is still going: numbers as of `now`
    now: datetime
    counts: WeekCounts
    trend: tuple[WeekTrend, ...]  # oldest first, ending with this week
    at_risk: tuple[AtRisk, ...]
    kudos_given: int
    kudos_received: int
    kudos_by_value: tuple[tuple[str, int], ...]
    most_thanked: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DigestRow:
    """One promise of the week, as the CSV lists it; `outcome` as bot/domain/digest.py says."""

    promise_id: int
    owner: str
    what: str
    counterpart: str | None
    customer: str | None
    first_due_at: datetime
    due_at: datetime
    status: str
    closed_at: datetime | None
    outcome: str
    warned: bool
    delay_seconds: int | None


@dataclass(frozen=True)
class DigestCsv:
    """The week's promises, for a spreadsheet (`/digest csv`)."""

    team: str
    week: str
    zone: str
    rows: tuple[DigestRow, ...]
