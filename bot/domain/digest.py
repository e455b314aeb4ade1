"""What the weekly digest counts, defined once: outcomes of promises due in an ISO week, rates.

Which promises a week counts
    A promise belongs to the week its *first* due time (the one promised when it was made,
    `first_due_at`) falls in, [start, end), where the week is an ISO week (Monday 00:00 to the
    next Monday 00:00) in the manager's zone. A renegotiated promise therefore stays in the
    week it was first due: moving the date does not move a slip out of view, and each promise
    is counted once.

Its outcome, as known at `now` (the first rule that applies wins)
    cancelled           it was cancelled (whatever happened before);
    renegotiated early  its due time was moved, and the first move was asked for before the
                        first due time;
    renegotiated late   its due time was moved, the first move at or after the first due time;
    kept on time        done, at or before its due time;
    kept late           done, after its due time;
    broken              still open, and its due time has passed (overdue);
    not yet due         still open, its due time still ahead ("this week so far").

On-time rate
    kept on time / fell due, where "fell due" is every outcome but cancelled and not yet due.
    None when nothing fell due.

Early-warning rate
    Of the promises that slipped (kept late, renegotiated early or late, broken), the share
    whose customer was told before the deadline. A co-worker counterpart is told by Kept when
    the promise is renegotiated, so a promise to a co-worker (or to nobody) counts when it was
    renegotiated early. An external customer counts only when the owner recorded telling them
    (a `customer_informed` event) with `before_deadline: true`. None when nothing slipped.

Median delay
    Over the slipped promises that have since been delivered (done after their first due
    time): the median of (done at - first due time), in whole seconds; with an even count, the
    mean of the two middle delays. None when there are none. Broken promises are left out: their
    delay is still growing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.errors import KeptError

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
# How many weeks the trend shows, the digest's own week last.
TREND_WEEKS = 8


class Outcome(StrEnum):
    KEPT_ON_TIME = "kept_on_time"
    KEPT_LATE = "kept_late"
    RENEGOTIATED_EARLY = "renegotiated_early"
    RENEGOTIATED_LATE = "renegotiated_late"
    BROKEN = "broken"
    CANCELLED = "cancelled"
    NOT_YET_DUE = "not_yet_due"


SLIPPED = frozenset(
    {Outcome.KEPT_LATE, Outcome.RENEGOTIATED_EARLY, Outcome.RENEGOTIATED_LATE, Outcome.BROKEN}
)


@dataclass(frozen=True)
class WeekCounts:
    """The week's numbers, as bot/store/digest_queries.py counts them with SQL aggregates."""

    kept_on_time: int = 0
    kept_late: int = 0
    renegotiated_early: int = 0
    renegotiated_late: int = 0
    broken: int = 0
    cancelled: int = 0
    not_yet_due: int = 0
    warned: int = 0  # slipped promises whose customer was told before the deadline
    median_delay_seconds: float | None = None

    @property
    def slipped(self) -> int:
        return self.kept_late + self.renegotiated_early + self.renegotiated_late + self.broken

    @property
    def fell_due(self) -> int:
        return self.kept_on_time + self.slipped

    @property
    def on_time_rate(self) -> float | None:
        return self.kept_on_time / self.fell_due if self.fell_due else None

    @property
    def early_warning_rate(self) -> float | None:
        return self.warned / self.slipped if self.slipped else None

    @property
    def median_delay(self) -> timedelta | None:
        if self.median_delay_seconds is None:
            return None
        return timedelta(seconds=self.median_delay_seconds)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week: its year and number (2026-W45)."""

    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def shifted(self, weeks: int) -> IsoWeek:
        return IsoWeek.of_day(self.monday + timedelta(weeks=weeks))

    def bounds(self, zone: str) -> tuple[datetime, datetime]:
        """[start, end): Monday 00:00 to the next Monday 00:00 in the zone, as instants."""
        tz = ZoneInfo(zone)
        start = datetime.combine(self.monday, time(0), tz)
        end = datetime.combine(self.monday + timedelta(weeks=1), time(0), tz)
        return start, end

    @staticmethod
    def of_day(day: date) -> IsoWeek:
        year, week, _ = day.isocalendar()
        return IsoWeek(year, week)

    @staticmethod
    def containing(instant: datetime, zone: str) -> IsoWeek:
        """The week the instant falls in, in the zone."""
        return IsoWeek.of_day(instant.astimezone(ZoneInfo(zone)).date())

    @staticmethod
    def parse(text: str) -> IsoWeek:
        """ "2026-W45"; refused when it is not a week of that year."""
        found = ISO_WEEK.match(text.strip().upper())
        if found:
            year, week = int(found[1]), int(found[2])
            try:
                date.fromisocalendar(year, week, 1)
            except ValueError:
                pass
            else:
                return IsoWeek(year, week)
        raise KeptError(
            f"“{text}” is not a week I know. Write it like 2026-W45.", "/digest 2026-W45"
        )


def week_bounds(iso_week: str, zone: str) -> tuple[datetime, datetime]:
    """The week's [start, end) instants in the zone, from its ISO name (2026-W45)."""
    return IsoWeek.parse(iso_week).bounds(zone)


def trend_weeks(last: IsoWeek) -> tuple[IsoWeek, ...]:
    """The weeks of the trend, oldest first, ending with `last`."""
    return tuple(last.shifted(-back) for back in range(TREND_WEEKS - 1, -1, -1))


TEAM_EXAMPLE = "/digest team add @ana @raj"
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>|@\w(?:[\w.\-]*\w)?")
# A Slack channel as Slack writes it (<#C123|name>), a Teams channel's id as the Teams adapter
# writes it (<#19:…@thread.tacv2>), or "#name" as the shell does.
_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+|19:[^>|\s]+)(?:\|[^>]*)?>|(#[\w\-]+)")


@dataclass(frozen=True)
class TeamWords:
    """What `/digest team …` asks: add or remove people, show the team, set its channel."""

    action: str  # "add", "remove", "show", "channel"; "join" or "leave" a manager's team
    mentions: tuple[str, ...] = ()
    channel: str | None = None  # a Slack or Teams channel id, or "#name" as the shell writes it


def read_team(text: str) -> TeamWords:
    """`add @a @b`, `remove @a`, `show` (or nothing), `channel #x`."""
    action, _, rest = text.strip().partition(" ")
    action = action.lower() or "show"
    if action == "show":
        return TeamWords("show")
    if action in {"add", "remove"}:
        mentions = tuple(dict.fromkeys(m.group(0) for m in _MENTION.finditer(rest)))
        if not mentions:
            raise KeptError(f"Whom should I {action}? Mention them with @.", TEAM_EXAMPLE)
        return TeamWords(action, mentions)
    if action in {"join", "leave"}:
        mentions = tuple(dict.fromkeys(m.group(0) for m in _MENTION.finditer(rest)))
        if len(mentions) != 1:
            raise KeptError(
                f"Whose team should you {action}? Mention their manager with @.",
                f"/digest team {action} @ana",
            )
        return TeamWords(action, mentions)
    if action == "channel":
        found = _CHANNEL.search(rest)
        if found is None:
            raise KeptError(
                "Which channel should see the team's results? Name it with #.",
                "/digest team channel #team-results",
            )
        return TeamWords("channel", channel=found.group(1) or found.group(2))
    raise KeptError(
        "I know `/digest team add`, `remove`, `show`, `channel`, `join` and `leave`.",
        TEAM_EXAMPLE,
    )


def read_week(text: str, now: datetime, zone: str) -> tuple[IsoWeek, bool]:
    """The week `/digest …` asks for, in the manager's zone, and whether it is still going:
    nothing (this week so far), `last-week`, or `2026-W45`."""
    this_week = IsoWeek.containing(now, zone)
    words = text.strip().lower()
    if not words or words in {"this-week", "this week"}:
        return this_week, True
    if words in {"last-week", "last week"}:
        return this_week.shifted(-1), False
    week = IsoWeek.parse(words)
    if week > this_week:
        raise KeptError(f"{week} hasn't started yet. Ask for this week or one before.")
    return week, week == this_week
