"""Reads due times ("by Friday 3pm", "EOW", "in 2 business days") from chat, in business terms.

Pure domain: no I/O and no clock (`now` is passed in). Only `fallback.py` imports `dateparser`,
and only lazily, for the few short texts the package's own grammar cannot read.

How a text is read (the choices, in the product's words):
- Everything is read in the owner's zone `tz`; results are aware datetimes in UTC.
- A bare day ("Friday", "the 3rd", "Dec 3", "tomorrow", "11/27") is the end of that business
  day, `rules.end_of_day` (17:00), grain "day". "EOD", "COB", "end of (the) day", "end of
  business" are 17:00 today, grain "day"; said after 17:00 they mean the next business day's
  17:00. "today"/"tonight" after 17:00 mean 23:00 today (23:59 once 23:00 has passed too).
- "morning"/"first thing" 09:00, "noon"/"midday"/"lunch" 12:00, "afternoon" 15:00,
  "evening"/"night" 17:00 (all from `rules`), grain "hour"; "midnight" is 23:59 of that day.
  A part of day alone ("good morning", "grab lunch", "good night") is no due time; it needs a
  day ("Thursday morning") or "this"/"in the" ("this afternoon", "in the morning").
- A clock time is grain "hour" when written as a whole hour ("3pm", "at 15h") and "minute" when
  it has minutes ("3:30pm", "15:00"). An hour without am/pm ("at 5 tomorrow", "3:30") is read
  as a working hour: 1-6 are afternoon, 7-11 morning, 12 noon; a leading zero ("09:00") or a
  part of day ("this afternoon at 3") decides otherwise.
- A time in a named zone ("9am ET", "5pm GMT", "noon IST") is that zone's wall time, converted.
  Generic and standard names (ET, EST, PT, PST, CT, MT, CET, ...) follow the region's own
  daylight saving (people write "EST" in July); explicit summer names (EDT, BST, CEST, ...) are
  fixed offsets.
- "EOW", "end of (the/this) week" are the last working day of the week, 17:00, grain "day";
  "end of (the) month"/"EOM" the last business day of the month, grain "day"; likewise
  quarter and year. "this week" is the end of the week and "this month" the end of the month,
  both with grain "week"/"month"; "next week" is the first business day of next week at 09:00,
  grain "week"; "next month" the first business day of next month at 09:00, grain "month"; a
  month by name ("in March", "by May") the first business day of that month, 09:00, grain
  "month".
- "in 3 business days"/"working days" counts business days (working days that are not
  holidays) from today, 17:00 of that day; "in 3 days"/"in 2 weeks" count calendar days, 17:00;
  "in 2 hours"/"in 30 minutes" are exactly that from now, grain "minute". "in a second",
  "in a sec", "in a minute", "in a moment" are idioms, not times.
- Past dates roll forward: a bare weekday equal to today is today until 17:00 (or the stated
  time), then next week; "the 3rd" after the 3rd is next month's. A month and day without a
  year is the next one, unless it passed within the last 90 days: "by Nov 20" on 23 November
  is that past day (the caller asks), "by Jan 5" in December next year's. Dates with a year,
  "today" and "tomorrow" never roll.
- "next Friday" is the Friday of next (Monday-started) week; "this Friday" is the coming one;
  "Friday after next" is a week after the coming Friday.
- Day/month order comes from the locale: month first for en-US (and plain "en"), day first for
  the other English locales. An impossible reading ("13/11" in en-US, "24/7") is no date at all:
  the other order is never guessed.
- A date that does not exist ("Feb 30", "4/31") gives no due time; `read_times` names such
  phrases so the caller can say why.
- Expressions of the past ("yesterday", "last Sunday", "2 days ago") are not due times, and
  neither is a time said with them ("yesterday at 3pm").
- A range of times ("3-4pm", "Thursday between 9:30 and 11:00") is due at its end. Bare
  numbers with a dash or "to" ("2-3 people", "9 to 5") are no range of times.
- Hours in words need am/pm, "o'clock", "at"/"by", or "tonight" ("three pm", "at three
  tomorrow", "eight tonight"); "at 5" with digits likewise needs a day next to it. An hour
  alone after "by"/"before"/"until" ("by 3", "by five") is a deadline: the next such working
  hour, the next business day's once it has passed; not an amount ("by 3 items", "cut by 3").
- A time in a place ("5pm London time", "by 3 Berlin time") is that place's wall time.
- Ends of periods ("by month end", "end of Q1", "by H2", "FY end", "before the weekend") are
  the period's last business day, 17:00, grain "day"; the fiscal year starts in
  `rules.fiscal_year_start`, else in the writer's country's month.
- Named days after a deadline word ("by Thanksgiving", "on Boxing Day", "by NYE") are that day,
  17:00, in the writer's country (their zone's, else their locale's; `rules.named_days` gives
  the dates, by any name the country's calendar gives them); "before Easter" is the last
  business day before it, that country's holidays off too; "before the Easter break" the last
  business day before the days off around it. "after Diwali", "off for CNY" and a name before
  a noun ("the Christmas party") are no due time.
- "before" a date said as one ("before the 16th") is the business day before it; "on or
  before" is on it. A weekday that is not the date's ("Thursday 27th"), Feb 29 in a year
  without one, and a day of the month just passed are asked about, not guessed.
- A period ending today, said after 17:00 ("EOM" on the last day), is tonight, not the next
  period's; "this morning" once the morning is over is the past.
- `read_due_time` returns None when the text holds two or more different due times
  ("Friday or Monday", "by Friday ... actually Monday"): the caller then asks.
- Only texts of at most eight words that the grammar cannot read go to `dateparser`; long chat
  messages never do (it is slow and reads numbers in prose as dates).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.domain.due_times.clocks import IMPOSSIBLE_CLOCK
from bot.domain.due_times.reading import PREFILTER, TextReading
from bot.domain.due_times.times import (
    LAST_MINUTE,
    LATE_EVENING,
    MAX_DUE_TIMES,
    RECENTLY_PASSED,
    DueTime,
    Grain,
    ReadingRules,
    TimesSaid,
)

__all__ = [
    "LAST_MINUTE",
    "LATE_EVENING",
    "MAX_DUE_TIMES",
    "RECENTLY_PASSED",
    "DueTime",
    "Grain",
    "ReadingRules",
    "TimesSaid",
    "find_due_times",
    "read_due_time",
    "read_times",
    "why_impossible",
]

# No holidays and no named days: the rules a caller that gives none reads with.
_PLAIN = ReadingRules()


def read_times(
    text: str,
    *,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    rules: ReadingRules = _PLAIN,
) -> TimesSaid:
    """The due times in the text, and the phrases that look like one and are not."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not PREFILTER.search(text.replace("_", " ")):  # "_Friday_": Slack's italics
        return TimesSaid([], (), ())
    reading = TextReading(text, now, ZoneInfo(tz), locale, rules)
    found: list[DueTime] = []
    seen: set[datetime] = set()
    for due in reading.due_times():
        if due.at not in seen:
            seen.add(due.at)
            found.append(due)
            if len(found) == MAX_DUE_TIMES:
                break
    invalid = tuple(dict.fromkeys(reading.invalid))
    return TimesSaid(found, invalid, tuple(dict.fromkeys(reading.past)))


def find_due_times(
    text: str,
    *,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    rules: ReadingRules = _PLAIN,
) -> list[DueTime]:
    """The distinct due times in the text, in order of appearance (empty when none), at most
    MAX_DUE_TIMES of them."""
    return read_times(text, now=now, tz=tz, locale=locale, rules=rules).due_times


def read_due_time(
    text: str,
    *,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    rules: ReadingRules = _PLAIN,
) -> DueTime | None:
    """The one due time in the text; None when there is none or when the times found conflict
    (the caller then asks the person)."""
    found = find_due_times(text, now=now, tz=tz, locale=locale, rules=rules)
    return found[0] if len(found) == 1 else None


def why_impossible(phrase: str) -> str:
    """Why a phrase `read_times` named impossible is no due time, in a sentence to show."""
    if IMPOSSIBLE_CLOCK.search(phrase):
        return f"There is no {phrase} on the clock. What time did you mean?"
    return f"There is no {phrase} in the calendar. Which day did you mean?"
