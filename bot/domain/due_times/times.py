"""What a reading gives and what it works with: the rules, due times, and the parts of a text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Literal

from bot.domain.named_days import NamedDays

Grain = Literal["minute", "hour", "day", "week", "month"]

LATE_EVENING = time(23, 0)
LAST_MINUTE = time(23, 59)
MAX_STEPS = 800  # bounds rolling a past date forward
# A date said without its year that passed this recently is that one (a slip); else the next.
RECENTLY_PASSED = timedelta(days=90)
# A named day recurs every year and people name the coming one: only a week behind is a slip.
NAMED_DAY_PASSED = timedelta(days=7)
# A day of the month this close behind is the one just passed ("by the 17th" on the 18th), not
# next month's: a slip to ask about.
DAY_JUST_PASSED = timedelta(days=3)
# Two different due times already conflict; past this many, a long text's others are not read
# (each found is taken out of the promise's words: all of them made that quadratic).
MAX_DUE_TIMES = 10


@dataclass(frozen=True)
class ReadingRules:
    end_of_day: time = time(17, 0)  # a bare day, EOD, COB, "end of day", "tonight" -> 17:00
    morning: time = time(9, 0)  # "morning", "first thing", "next week" -> Monday at this time
    noon: time = time(12, 0)
    afternoon: time = time(15, 0)
    working_days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday=0
    holidays: frozenset[date] = frozenset()  # dates that are not business days
    # the month the fiscal year starts (1-12); 0: the writer's country's (April in India…)
    fiscal_year_start: int = 0
    # passed to dateparser explicitly: never let it detect the language per call
    languages: tuple[str, ...] = ("en",)
    # the dates behind "Thanksgiving", "Diwali"…; without it such names are no due time
    named_days: NamedDays | None = None


@dataclass(frozen=True)
class DueTime:
    at: datetime  # timezone-aware, in UTC
    grain: Grain
    matched: str  # the words it came from, as written in the text, e.g. "by Friday 3pm"


@dataclass(frozen=True)
class TimesSaid:
    """What a text says about time, read once."""

    due_times: list[DueTime]  # distinct, in order of appearance, at most MAX_DUE_TIMES
    invalid: tuple[str, ...]  # phrases naming what the calendar or clock lacks ("Feb 30")
    past: tuple[str, ...]  # phrases of the past where a due time would be ("by yesterday")


@dataclass(frozen=True)
class SaidDay:
    """A date said in the text, with what it means when no time goes with it."""

    day: date
    roll: Literal["none", "week", "month", "year"] = "none"
    grain: Grain = "day"
    default: time | None = None  # None: rules.end_of_day
    today: bool = False  # "today"/"tonight": the late-evening rule applies
    bias: Literal["am", "pm"] | None = None  # "tonight": a bare hour is pm
    weekday: int | None = None  # a weekday alone: an explicit date next to it wins
    month_day: int = 0  # for roll "month": the day of the month asked for
    dated: bool = False  # a date said as one ("the 16th", "1. Mai"): "before" it is the day before


@dataclass(frozen=True)
class SaidClock:
    """A time of day said in the text."""

    at: time
    grain: Grain
    zone: tzinfo | None = None
    ambiguous: bool = False  # an hour without am/pm: working-hours reading unless a bias says
    part: Literal["am", "pm"] | None = None  # a part of day: gives am/pm to a bare hour nearby
    # EOD/COB, "by 3": once it has passed today, the next business day's (not tomorrow's)
    next_business_day: bool = False
    bare: bool = False  # "at 5", "morning": a due time only next to a day or a part of day


@dataclass(frozen=True)
class SaidMoment:
    """A due time complete in itself ("in 2 hours")."""

    at: datetime


@dataclass(frozen=True)
class SaidPast:
    """Words about the past ("yesterday", "last Sunday", "3 days ago"): no due time there."""


SaidPart = SaidDay | SaidClock | SaidMoment | SaidPast


@dataclass
class Piece:
    start: int
    end: int
    part: SaidPart


# --- handlers: one per phrase shape ----------------------------------------------------------

Handler = Callable[["TextReading", re.Match[str]], SaidPart | None]

if TYPE_CHECKING:
    from bot.domain.due_times.reading import TextReading
