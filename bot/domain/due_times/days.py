"""The handlers of days: weekdays, dates, periods and their ends, named days, durations."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from bot.domain import named_days
from bot.domain.due_times.business_days import (
    LOOK_AHEAD,
    add_months,
    business_day_before,
    business_days_after,
    days_off_around,
    first_business_day,
    last_business_day,
    nearest_date,
    nearest_named,
    next_month_with_day,
)
from bot.domain.due_times.times import (
    DAY_JUST_PASSED,
    Grain,
    SaidDay,
    SaidMoment,
    SaidPart,
    SaidPast,
)
from bot.domain.due_times.words import (
    ANY_CASE,
    FRACTIONS,
    MONTHS,
    ORDINAL_WORDS,
    WEEKDAYS,
    first_group,
    number_said,
    year_said,
)

if TYPE_CHECKING:
    from bot.domain.due_times.reading import TextReading


def day_today(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    word = first_group(m, "w")
    if word.startswith("toni"):
        return SaidDay(r.today, default=r.rules.end_of_day, today=True, bias="pm")
    if word == "today":
        return SaidDay(r.today, today=True)
    if "after" in word:
        return SaidDay(r.today + timedelta(days=2))
    return SaidDay(r.today + timedelta(days=1))


def day_weekday(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    name = first_group(m, "wd")
    mod = first_group(m, "mod")
    after = first_group(m, "after")
    if name in ("sat", "sun", "wed", "mon") and not (m.group("dot") or mod or after):
        before = r.clean[max(0, m.start() - 8) : m.start()]
        following = r.clean[m.end() : m.end() + 4]
        if not (
            re.search(r"\b(?:on|by|until|till|before|due|from)\s+$", before, ANY_CASE)
            or re.match(r"\s*,?\s*\d", following)
        ):
            return None  # "I sat down", "the sun": a short name needs a hint that it is a day
    weekday = WEEKDAYS[name[:3]]
    monday = r.today - timedelta(days=r.today.weekday())
    if mod == "next" or "next week" in after:
        return SaidDay(monday + timedelta(days=7 + weekday))
    if "this week" in after:
        return SaidDay(monday + timedelta(days=weekday))
    ahead = (weekday - r.today.weekday()) % 7
    day = r.today + timedelta(days=ahead)
    if mod == "this" and ahead == 0 and not after:  # "this Friday" on a Friday: today
        return SaidDay(day, today=True)
    if "after next" in after or after == "week":  # "Monday week": a week after Monday
        return SaidDay(day + timedelta(days=7))
    if after == "fortnight":
        return SaidDay(day + timedelta(days=14))
    return SaidDay(day, roll="week", weekday=None if mod else weekday)


def day_from_day(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "a week from Friday", "2 weeks from Monday", "3 days from tomorrow": counted from it."""
    count = 1 if first_group(m, "n") in ("a", "an", "one") else number_said(first_group(m, "n"))
    if count is None or count != int(count) or count > _MAX_COUNTED:
        return None
    unit = first_group(m, "u")
    days = {"d": 1, "w": 7, "f": 14}[unit[0]] * int(count)
    if first_group(m, "wd") in ("tomorrow", "tmrw"):
        return SaidDay(r.today + timedelta(days=1 + days))
    weekday = WEEKDAYS[first_group(m, "wd")[:3]]
    ahead = (weekday - r.today.weekday()) % 7 or 7
    return SaidDay(r.today + timedelta(days=ahead + days))


_MAX_COUNTED = 52  # "2 weeks from Friday", not "900 days from Friday"


def day_month_name(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    month = MONTHS[first_group(m, "mon")[:3]]
    day = int(m.group("d")) if m.group("d") else ORDINAL_WORDS.get(first_group(m, "dw"), 0)
    year = year_said(first_group(m, "y", "y2"))
    if m.group("mon") == "may" and not (m.group("suf") or year or " of " in m.group(0)):
        return None  # "we may 2x it", "the first may be": lower-case "may" is the verb
    return _calendar_day(r, m, day, month, year)


def _calendar_day(
    r: TextReading, m: re.Match[str], day: int, month: int, year: int | None
) -> SaidPart | None:
    if not 1 <= month <= 12 or day < 1:
        return None
    probe = year or 2024  # a leap year: Feb 29 exists when no year is said
    if day > calendar.monthrange(probe, month)[1]:
        r.invalid.append(m.group(0).strip())
        return None
    if year is not None:
        return SaidDay(date(year, month, day), dated=True)
    if (month, day) == (2, 29):
        coming = r.today.year if r.today < date(r.today.year, 3, 1) else r.today.year + 1
        if not calendar.isleap(coming):  # not the Feb 29 of years ahead: ask
            r.invalid.append(f"{m.group(0).strip()} {coming}")
            return None
    return SaidDay(nearest_date(r.today, month, day), dated=True)


def day_numeric(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    following = r.clean[m.end() : m.end() + 8]
    if re.match(r"\s*(?:h\b|hrs?\b|hours?\b|of\b|an?\b|mins?\b|minutes?\b)", following, ANY_CASE):
        return None  # fractions: "1/2 h", "3/4 of the team"
    a, b = int(m.group("a")), int(m.group("b"))
    month, day = (a, b) if r.month_first else (b, a)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None  # an impossible reading is no date: the other order is never guessed
    return _calendar_day(r, m, day, month, year_said(first_group(m, "y")))


def day_iso(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    month, day = int(m.group("m")), int(m.group("d"))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        r.invalid.append(m.group(0).strip())  # "2026-13-01": no such date, so ask
        return None
    return _calendar_day(r, m, day, month, int(m.group("y")))


def day_of_month(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    which = first_group(m, "which")
    if which:
        first = r.today.replace(day=1)
        if "next" in which or "following" in which:
            first = add_months(first, 1)
        if day > calendar.monthrange(first.year, first.month)[1]:
            r.invalid.append(m.group(0).strip())
            return None
        return SaidDay(first.replace(day=day), dated=True)
    target = r.today.replace(day=1)
    if 0 < r.today.day - day <= DAY_JUST_PASSED.days:
        return SaidDay(target.replace(day=day), dated=True)  # "by the 17th" on the 18th: a slip
    if day > calendar.monthrange(target.year, target.month)[1] or day < r.today.day:
        target = next_month_with_day(target, day)
    else:
        target = target.replace(day=day)
    return SaidDay(target, roll="month", month_day=day, dated=True)


def day_month_only(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    pre = first_group(m, "pre")
    month_word = first_group(m, "mon", "mon2")
    if m.group("mon") == "may" and pre not in ("in", "by", "during", "until", "till", "before"):
        return None  # "for may", "next may be": the verb more often than the month
    month = MONTHS[month_word[:3]]
    year = year_said(first_group(m, "y", "y2"))
    if year is None:
        year = r.today.year
        if month < r.today.month or (pre == "next" and month <= r.today.month):
            year += 1
    first = first_business_day(r.calendar, date(year, month, 1))
    return SaidDay(first, default=r.rules.morning, grain="month")


def day_period(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """EOW, end of the month, this week, next month, end of March..."""
    short = first_group(m, "u2")
    unit = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}.get(
        short, first_group(m, "u")
    )
    which = first_group(m, "which")
    ending = bool(short or m.group("end"))
    start = bool(m.group("start"))
    if unit == "week after next":
        unit, which = "week", "after next"
    if not (ending or start or which):
        return None  # "a week", "per month", "the month": no particular one
    if which == "previous" or which == "last" or which == "past":
        return None  # the past is no due time
    step = {"": 0, "this": 0, "current": 0, "after next": 2}.get(which, 1)
    rules = r.rules
    if unit == "week":
        first = r.today - timedelta(days=r.today.weekday()) + timedelta(days=7 * step)
        size = 7
    elif unit in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[unit]
        first = r.today.replace(day=1)
        if unit == "quarter":
            first = first.replace(month=(first.month - 1) // 3 * 3 + 1)
        elif unit == "year":
            first = first.replace(month=1)
        first = add_months(first, months * step)
        if not ending and unit != "month":
            return None  # a quarter or a year is no due grain of ours
        size = 0
    else:  # a month by name: "end of March"
        if not (ending or start):
            return None
        month = MONTHS[unit[:3]]
        first = date(r.today.year + (1 if month < r.today.month else 0), month, 1)
        unit, months, size = "month", 1, 0

    def last_day(first: date) -> date:
        after = first + timedelta(days=size) if size else add_months(first, months)
        return last_business_day(r.calendar, first, after - timedelta(days=1))

    grain: Grain = "week" if unit == "week" else "month"
    if ending or (step == 0 and not start):
        last = last_day(first)
        if datetime.combine(last, rules.end_of_day, r.zone) <= r.now and step == 0:
            if last == r.today:  # "EOM" at 17:30 on the last day: tonight, not a month late
                return SaidDay(last, grain="day" if ending else grain, today=True)
            first = first + timedelta(days=size) if size else add_months(first, months)
            last = last_day(first)
        return SaidDay(last, grain="day" if ending else grain)
    return SaidDay(first_business_day(r.calendar, first), default=rules.morning, grain=grain)


def day_period_end(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "by month end", "end of Q1", "by H2", "FY end", "before the weekend": the last business
    day of that period, 17:00 (grain "day", as "end of the quarter"); the next one once it has
    passed."""
    name = first_group(m, "p", "p2", "u", "u2") or "fy"
    next_one = first_group(m, "which", "which2") == "next"
    if name in ("weekend", "week"):
        monday = r.today - timedelta(days=r.today.weekday())
        return _period_end(r, monday + timedelta(days=7 * next_one), weeks=1)
    if name in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[name]
        first = r.today.replace(day=1)
        first = first.replace(month=(first.month - 1) // months * months + 1)
        return _period_end(r, add_months(first, months * next_one), months=months)
    if name[0] in "qh":  # Q1-Q4, H1-H2 of the year said, else of this year or the next
        months = 3 if name[0] == "q" else 6
        year = m.group("y")
        first = date(int(year or r.today.year), (int(name[1]) - 1) * months + 1, 1)
        return _period_end(r, first, months=months, then=0 if year else 12)
    fiscal = date(r.today.year, r.fiscal_start, 1)  # "FY end", "EOFY": the fiscal year's
    return _period_end(r, fiscal if fiscal <= r.today else add_months(fiscal, -12), months=12)


def _period_end(
    r: TextReading, first: date, *, weeks: int = 0, months: int = 0, then: int | None = None
) -> SaidDay:
    """The last business day of the period that starts on `first` (so many weeks or months);
    once its 17:00 has passed, that of the period `then` months later (by default the next),
    but on that very day tonight ("EOM" at 17:30 on the last day is not a month late)."""

    def last(first: date) -> date:
        after = first + timedelta(weeks=weeks) if weeks else add_months(first, months)
        return last_business_day(r.calendar, first, after - timedelta(days=1))

    day = last(first)
    passed = datetime.combine(day, r.rules.end_of_day, r.zone) <= r.now
    if passed and day == r.today:
        return SaidDay(day, today=True)
    later = months if then is None else then
    if passed and (weeks or later):
        day = last(first + timedelta(weeks=weeks) if weeks else add_months(first, later))
    return SaidDay(day)


def day_named(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "by Thanksgiving", "on Boxing Day": that day, 17:00; "before Easter": the last business
    day before it (its own country's holidays off too); "after Diwali" is no deadline."""
    calendar = r.rules.named_days
    if calendar is None or first_group(m, "rel") == "after":
        return None
    return _named_deadline(r, m, partial(calendar.date_of, named_days.key_of(m.group("named"))))


def day_beside_named(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """The day, or the weekday, just after or before a named day, in the writer's country."""
    calendar = r.rules.named_days
    if calendar is None:
        return None
    key = named_days.key_of(m.group("named"))
    named = nearest_named(partial(calendar.date_of, key), r.country, r.today)
    if named is None:
        return None
    step = 1 if first_group(m, "dir") == "after" else -1
    day = named + timedelta(days=step)
    if first_group(m, "wd") != "day":
        while day.weekday() != WEEKDAYS[first_group(m, "wd")[:3]]:
            day += timedelta(days=step)
    return SaidDay(day, dated=True)


def day_called(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """A holiday named as its country's calendar names it, the longest name that is one."""
    calendar = r.rules.named_days
    if calendar is None or first_group(m, "rel") == "after":
        return None
    words = m.group("called").split()
    for size in range(len(words), 0, -1):
        day = _named_deadline(r, m, partial(calendar.date_called, " ".join(words[:size])))
        if day is not None:
            return day
    return None


def _named_deadline(
    r: TextReading, m: re.Match[str], date_of: Callable[[str, int], date | None]
) -> SaidDay | None:
    """The named day `date_of` gives in the writer's country, or with "before" the last business
    day before it; before its days off ("the Easter break") when they are named."""
    year = first_group(m, "ny")
    day = date_of(r.country, int(year)) if year else nearest_named(date_of, r.country, r.today)
    if day is None:
        return None
    if first_group(m, "off"):
        return SaidDay(business_day_before(r.calendar, days_off_around(r.calendar, day)))
    return SaidDay(business_day_before(r.calendar, day) if first_group(m, "rel") else day)


def day_long_weekend(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "before the long weekend": the last business day before the next three days off or more."""
    day, off = r.today + timedelta(days=1), 0
    for _ in range(LOOK_AHEAD):
        off = 0 if r.calendar.is_working_day(day) else off + 1
        first = day - timedelta(days=2)
        if off == 3 and any(first + timedelta(days=n) in r.calendar.holidays for n in range(3)):
            return SaidDay(business_day_before(r.calendar, first))
        day += timedelta(days=1)
    return None


def day_after(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "in 3 days", "in 2 business days", "2 weeks from now", "in 2 hours"."""
    n_text = first_group(m, "n", "n2")
    unit = first_group(m, "u", "u2")
    business = bool(m.group("biz") or m.group("biz2"))
    if n_text in ("a", "an") and unit.startswith(("min", "sec")):
        return None  # "in a minute" is an idiom, not a time
    n = number_said(n_text)
    if n is None or n > 10_000:
        return None
    if unit.startswith("m") and not unit.startswith("mo"):
        return SaidMoment(r.now + timedelta(minutes=n))
    if unit.startswith("h"):
        return None if business else SaidMoment(r.now + timedelta(hours=n))
    if n != int(n):
        return None
    count = int(n)
    if unit.startswith("d"):
        if business:
            return SaidDay(business_days_after(r.calendar, r.today, count))
        return SaidDay(r.today + timedelta(days=count))
    if unit.startswith(("w", "f")):
        return SaidDay(r.today + timedelta(days=7 * count * (2 if unit.startswith("f") else 1)))
    target = add_months(r.today.replace(day=1), count)
    last = calendar.monthrange(target.year, target.month)[1]
    return SaidDay(target.replace(day=min(r.today.day, last)))


def after_fraction(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    minutes = FRACTIONS.get(" ".join(first_group(m, "f").split()))
    return None if minutes is None else SaidMoment(r.now + timedelta(minutes=minutes))


def day_dotted(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    return _calendar_day(r, m, int(m.group("d")), int(m.group("mo")), None)


def said_past(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    return SaidPast()


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_NTH.update({"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1})


def day_nth_of_month(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "the first Monday of next month", "last Friday of October", "last day of March"."""
    nth = _NTH[first_group(m, "nth")]
    which = first_group(m, "which")
    rules = r.rules
    if which:
        first = add_months(r.today.replace(day=1), 0 if which in ("this", "the", "the current",
            "current") else 1)  # fmt: skip
        roll = which == "the"
    else:
        month = MONTHS[first_group(m, "mon")[:3]]
        year = year_said(first_group(m, "y"))
        roll = year is None
        if year is None:
            year = r.today.year + (1 if month < r.today.month else 0)
        first = date(year, month, 1)

    def pick(first: date) -> date | None:
        last = add_months(first, 1) - timedelta(days=1)
        kind = first_group(m, "wd")
        days = [first + timedelta(days=i) for i in range(last.day)]
        if kind in ("business day", "working day", "weekday"):
            days = [d for d in days if r.calendar.is_working_day(d)]
        elif kind != "day":
            days = [d for d in days if d.weekday() == WEEKDAYS[kind[:3]]]
        if not days or nth > len(days):
            return None
        return days[nth - 1] if nth > 0 else days[-1]

    day = pick(first)
    if day is not None and roll and datetime.combine(day, rules.end_of_day, r.zone) <= r.now:
        day = pick(add_months(first, 12 if not which else 1))
    return None if day is None else SaidDay(day)
