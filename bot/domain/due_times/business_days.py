"""Business-day arithmetic on the working-day calendar, and the dates behind words."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

from bot.domain.due_times.times import NAMED_DAY_PASSED, RECENTLY_PASSED, ReadingRules
from bot.domain.working_hours import NoWorkingDay, WorkingHours


@lru_cache(maxsize=64)
def business_calendar(rules: ReadingRules, country: str, year: int) -> WorkingHours:
    """Business days for a writer in `country` around `year` (built once, not per message):
    only days and holidays play a part here, the rules' and the country's public holidays
    ("by month end" on a bank holiday is the day before)."""
    public: frozenset[date] = frozenset()
    if rules.named_days is not None:
        years = range(year - 1, year + 2)
        public = public.union(*(rules.named_days.public_holidays(country, y) for y in years))
    return WorkingHours(days=rules.working_days, holidays=rules.holidays | public)


def nearest_date(today: date, month: int, day: int) -> date:
    """A month and day said without a year: the next such date, unless one passed within
    RECENTLY_PASSED ("by Nov 20" on 23 November is a slip to ask about, not next year's)."""
    years = range(today.year - 1, today.year + 2)
    if (month, day) == (2, 29):
        years = range(today.year - 1, today.year + 5)
    dates = [date(year, month, day) for year in years if day <= calendar.monthrange(year, month)[1]]
    ahead = min(d for d in dates if d >= today)
    passed = [d for d in dates if today - RECENTLY_PASSED <= d < today]
    return passed[-1] if passed else ahead


def days_off_around(calendar: WorkingHours, day: date) -> date:
    """The first of the days off the named `day` is among (it is one, whatever the calendar
    of the writer's region says: "the King's Birthday long weekend", "the Memorial Day
    weekend" from London)."""
    for _ in range(_LONGEST_BREAK):
        if calendar.is_working_day(day - timedelta(days=1)):
            break
        day -= timedelta(days=1)
    return day


_LONGEST_BREAK = 21  # days off in a row looked back over (a Christmas shutdown)
LOOK_AHEAD = 400  # days looked ahead for the next long weekend


def nearest_named(
    date_of: Callable[[str, int], date | None], country: str, today: date
) -> date | None:
    """This year's, unless it passed: then the one that passed within NAMED_DAY_PASSED (a slip to
    ask about), else next year's (in February, "by MLK Day" is next January's)."""
    this_year = date_of(country, today.year)
    if this_year is None or this_year >= today or today - this_year <= NAMED_DAY_PASSED:
        return this_year
    return date_of(country, today.year + 1)


def business_day_before(calendar: WorkingHours, day: date) -> date:
    try:
        return calendar.previous_working_day(day)
    except NoWorkingDay:
        return day - timedelta(days=1)


# --- calendar arithmetic ----------------------------------------------------------------------
# Business days are the working calendar's working days. A reading never fails for want of them:
# with no working day in reach, business days count as calendar days, and a period's first or
# last business day is its first or last day.


def business_days_after(calendar: WorkingHours, day: date, count: int) -> date:
    try:
        return calendar.add_working_days(day, count)
    except NoWorkingDay:
        return day + timedelta(days=count)


def first_business_day(calendar: WorkingHours, day: date) -> date:
    try:
        return calendar.first_working_day(day)
    except NoWorkingDay:
        return day


def last_business_day(calendar: WorkingHours, first: date, last: date) -> date:
    """The last business day from `first` to `last` (a week to a year), else `last`."""
    try:
        day = calendar.previous_working_day(last + timedelta(days=1))
    except NoWorkingDay:
        return last
    return day if day >= first else last


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return d.replace(year=year, month=month0 + 1, day=min(d.day, last))


def next_month_with_day(d: date, day: int) -> date:
    first = d.replace(day=1)
    for _ in range(24):
        first = add_months(first, 1)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            return first.replace(day=day)
    return first


def same_day_next_year(d: date) -> date:
    year = d.year + 1
    if (d.month, d.day) == (2, 29):
        while not calendar.isleap(year):
            year += 1
    return d.replace(year=year)
