"""Reads due times ("by Friday 3pm", "EOW", "in 2 business days") from chat, in business terms.

Pure domain: no I/O and no clock (`now` is passed in). The only module allowed to import
`dateparser`, and only lazily, for the few short texts the own grammar below cannot read.

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
  17:00, in the writer's country (from the locale; `rules.named_days` gives the dates); "before
  Easter" is the last business day before it, that country's holidays off too. "after Diwali"
  and a name before a noun ("the Christmas party") are no due time.
- `read_due_time` returns None when the text holds two or more different due times
  ("Friday or Monday", "by Friday ... actually Monday"): the caller then asks.
- Only texts of at most eight words that the grammar cannot read go to `dateparser`; long chat
  messages never do (it is slow and reads numbers in prose as dates).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import cache, lru_cache, partial
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain import named_days, place_zones
from bot.domain.blanks import squeeze
from bot.domain.named_days import NamedDays
from bot.domain.working_hours import NoWorkingDay, WorkingHours
from bot.domain.zones import country_of

Grain = Literal["minute", "hour", "day", "week", "month"]

UTC = UTC
LATE_EVENING = time(23, 0)
LAST_MINUTE = time(23, 59)
_MAX_STEPS = 800  # bounds rolling a past date forward
# A date said without its year that passed this recently is that one (a slip); else the next.
RECENTLY_PASSED = timedelta(days=90)
# A named day recurs every year and people name the coming one: only a week behind is a slip.
NAMED_DAY_PASSED = timedelta(days=7)
# A day of the month this close behind is the one just passed ("by the 17th" on the 18th), not
# next month's: a slip to ask about.
_DAY_JUST_PASSED = timedelta(days=3)
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


def read_times(
    text: str,
    *,
    now: datetime,
    tz: str,
    locale: str = "en-US",
    rules: ReadingRules = ReadingRules(),
) -> TimesSaid:
    """The due times in the text, and the phrases that look like one and are not."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if not _PREFILTER.search(text.replace("_", " ")):  # "_Friday_": Slack's italics
        return TimesSaid([], (), ())
    reading = _Reading(text, now, ZoneInfo(tz), locale, rules)
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
    rules: ReadingRules = ReadingRules(),
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
    rules: ReadingRules = ReadingRules(),
) -> DueTime | None:
    """The one due time in the text; None when there is none or when the times found conflict
    (the caller then asks the person)."""
    found = find_due_times(text, now=now, tz=tz, locale=locale, rules=rules)
    return found[0] if len(found) == 1 else None


def why_impossible(phrase: str) -> str:
    """Why a phrase `read_times` named impossible is no due time, in a sentence to show."""
    if _IMPOSSIBLE_CLOCK.search(phrase):
        return f"There is no {phrase} on the clock. What time did you mean?"
    return f"There is no {phrase} in the calendar. Which day did you mean?"


# --- the grammar -------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_WEEKDAYS |= {"teu": 1, "wen": 2, "thr": 3, "fir": 4}  # as typed in a hurry: "thrusday"
_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_ORD_SMALL = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
]
_ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORD_SMALL) if i}
_ORDINAL_WORDS.update({"twentieth": 20, "thirtieth": 30, "thirty first": 31})
_ORDINAL_WORDS.update({f"twenty {w}": 20 + i for i, w in enumerate(_ORD_SMALL[1:10], start=1)})
_NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
_NUMBER_WORDS.update({w: float(n) for w, n in _TENS.items()})
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2})
_NUMBER_WORDS.update({"a few": 3, "few": 3, "a pair of": 2, "several": 3})

_F = re.IGNORECASE
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_WEEKDAY = (
    r"(?:monday|mon|tuesday|tues?|wednesday|wed|thursday|thurs?|thu|friday|fri"
    r"|saturday|sat|sunday|sun)"
)
_ORD_WORD = "|".join(
    w.replace(" ", r"[\s-]") for w in sorted(_ORDINAL_WORDS, key=len, reverse=True)
)
_DAY = rf"(?:(?P<d>[0-3]?\d)(?P<suf>st|nd|rd|th)?|(?P<dw>{_ORD_WORD}))"
_NUM = (
    r"(?:\d+(?:\.\d+)?|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|a\s+pair\s+of|several|an?"
    r"|(?:twenty|thirty|forty|fifty|sixty)(?:[\s-](?:one|two|three|four|five|six|seven|eight"
    r"|nine))?|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + ")"
)
_ZONE_NAMES = {
    "et": "America/New_York", "est": "America/New_York", "eastern": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "central": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mountain": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "cet": "Europe/Paris", "eet": "Europe/Helsinki", "wet": "Europe/Lisbon",
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "ist": "Asia/Kolkata", "jst": "Asia/Tokyo",
    "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong", "aest": "Australia/Sydney",
    "aet": "Australia/Sydney", "nzst": "Pacific/Auckland", "nzt": "Pacific/Auckland",
}  # fmt: skip
_ZONE_OFFSETS = {
    "edt": -4, "cdt": -5, "mdt": -6, "pdt": -7, "bst": 1, "cest": 2, "eest": 3,
    "west": 1, "aedt": 11, "nzdt": 13,
}  # fmt: skip
# Zones by their long names, before the short ones they start with ("Central European Time").
_ZONE_LONG_NAMES = {
    "central european": "Europe/Paris", "eastern european": "Europe/Helsinki",
    "western european": "Europe/Lisbon", "greenwich mean": "UTC", "british summer": "Europe/London",
    "indian standard": "Asia/Kolkata", "japan standard": "Asia/Tokyo",
    "australian eastern": "Australia/Sydney", "new zealand": "Pacific/Auckland",
}  # fmt: skip
_IANA = r"(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/\w+(?:/\w+)?"
_ZONE = re.compile(
    r"\s*\(?(?:(?P<long>"
    + "|".join(name.replace(" ", r"\s+") for name in _ZONE_LONG_NAMES)
    + r")(?:\s+(?:standard|summer|daylight))?\s+time\b"
    + rf"|(?P<iana>(?-i:{_IANA}))(?:\s+time\b)?"
    + r"|(?P<z>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-](?:0\d|1[0-4]):?[0-5]\d(?!\d)|"
    + "|".join(sorted([*_ZONE_NAMES, *_ZONE_OFFSETS], key=len, reverse=True))
    + r")\)?(?![\w+-])(?:\s+time\b)?"
    + r"|in\s+(?P<place_in>"
    + place_zones.pattern()
    + r")\b(?:\s+time\b)?\)?"
    + r"|(?P<place>"
    + place_zones.pattern()
    + r")\s+time\b\)?"
    + r"|(?P<known>"
    + place_zones.well_known()
    + r")\b(?!\s+(?:office|team|site|hq|branch|store|warehouse|airport)\b)\)?)",
    _F,
)

# Cheap first look: no digit and none of these words means no due time (microseconds).
_PREFILTER = re.compile(
    r"\d|\b(?:today|tonight|tonite|tomorrow|tomorow|tmrw?|tmw|eo[dwmqybp]|cob|c\.o\.b|end\s+of"
    r"|close\s+of|noon|midday|midnight|morning|afternoon|arvo|evening|night|lunch|first\s+thing"
    r"|week|month|fortnight|quarter|year|\bfy|eofy|fiscal|financial|hours?\b|minutes?\b|day"
    r"|half|past|uhr\b|mins?\b|hrs?\b|yesterday"
    r"|mon|tue|wed|thu|fri|sat|sun|"
    + named_days.PATTERN
    + "|"
    + _MONTH
    + r"|(?:in|within)\s+(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+couple"
    r"|a\s+few|a\s+quarter|three)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)[\s-]+(?:[a-z]+\s*)?(?:[ap]\.?m\b|o['’]?\s?clock)"
    r"|\b(?:at|by|before|until|till)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\b|wendesday|wensday|thrusday|thurday|firday|fridy|teusday"
    r"|\b(?:by|before|ahead\s+of|prior\s+to|until|till)\s+(?:the\s+)?(?-i:[A-Z]))",  # a holiday
    _F,
)
# Links, mentions, channels, e-mail, phone and version numbers, and "24/7", never hold a due
# time: they are blanked first (same length, so positions in the text stay true). An address
# is tried from the start of a word only, and a link holds no other "<": tried from every
# character of a long word, they cost its length squared.
_NOISE = re.compile(
    r"<[^<>\s]*>|https?://\S+|www\.\S+|(?<!\S)[^\s@]+(?:@[^\s@]+)*@[^\s@]+\.\w+"
    r"|(?<!\w)[@#](?!\d)[\w.-]+|:[a-z][a-z0-9_+-]*:"
    r"|\b\d{3}[-. ]\d{4}\b|\b(?:v|version|release|rev|build)\s*\d[\w.-]*"
    r"|\b24\s*[/x]\s*7\b"  # "24/7" is always, not the 24th of July
    r"|(?<![\w_])_+(?=[^\W_])|(?<=[^\W_])_+(?![\w_])"  # Slack's _italics_ around words
    r"|(?<![\w~])~(?=\S)[^~\n]+(?<=\S)~(?![\w~])",  # ~struck out~: taken back
    _F,
)
_PREFIX = re.compile(
    r"(?:\b(?:no|not)\s+later\s+than|\bby|\bbefore|\buntil|\btill|\btil|\bdue(?:\s+(?:on|by|at|"
    r"before))?|\bon|\bat|@|\bfor)(?:\s+the)?\s*$",
    _F,
)
# What may stand between a day and a clock time of one due time: "Friday at 3", "tomorrow
# before 3pm", "tomorrow's 3pm call", "the 3pm meeting tomorrow", "the 10am standup on Friday".
_EVENT = (
    r"(?:[a-z]+[\s-])?(?:meeting|call|stand-?up|sync|review|demo|session|check-?in|catch-?up"
    r"|interview|presentation|workshop|huddle|kick-?off|briefing|webinar|pitch|retro|slot"
    r"|appointment|flight|train|class|talk|all-hands|town\s?hall|cut-?off)s?"
)
_JOIN = re.compile(
    r"[\s,(]*(?:['’]s\b)?[\s,]*"
    r"(?:(?:at|on|@|by|of|the|in\s+the|around|-|before|until|till|no\s+later\s+than"
    r"|ahead\s+of|prior\s+to)\s*)?(?:the\s+)?"
    rf"(?:{_EVENT}\s*(?:(?:at|on|of)\s*)?)?[\s,]*",
    _F,
)
_BEFORE = re.compile(r"before|prior\s+to|ahead\s+of", _F)
_ON_OR = re.compile(r"\bon\s+or\s+(?:\S+\s+){0,2}$", _F)
_AT_THE_LATEST = re.compile(r"\s*,?\s*(?:at\s+the\s+)?latest\b", _F)
_JOIN_LONGEST = 40  # characters: "no later than the 3pm client meeting on "
_JOIN_PAST = re.compile(r"[\s,(]*(?:(?:at|on|@|by|of|the|in\s+the|around|from|-)\s*)?[\s,]*", _F)
# Only a text this short goes to dateparser, which reads a long one slowly (worse than linearly).
_SHORT_WORDS = 8
_SHORT_TEXT = 80  # characters: eight words of ten letters


@dataclass(frozen=True)
class _Day:
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
class _Clock:
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
class _Moment:
    """A due time complete in itself ("in 2 hours")."""

    at: datetime


@dataclass(frozen=True)
class _Past:
    """Words about the past ("yesterday", "last Sunday", "3 days ago"): no due time there."""


_Part = _Day | _Clock | _Moment | _Past


@dataclass
class _Piece:
    start: int
    end: int
    part: _Part


class _Reading:
    def __init__(
        self, text: str, now: datetime, zone: ZoneInfo, locale: str, rules: ReadingRules
    ) -> None:
        self.text = text
        # What the patterns read: noise blanked, then long runs of blanks (a blanked link too)
        # cut short; `squeezed.origin` finds a phrase's words in the text as written.
        self.squeezed = squeeze(_NOISE.sub(lambda m: " " * len(m.group()), text))
        self.clean = self.squeezed.text
        self.now = now.astimezone(UTC)
        self.zone = zone
        self.local = now.astimezone(zone)
        self.today = self.local.date()
        self.rules = rules
        # Holidays are where the writer is, not their language's: an "en-US" writer in
        # Toronto keeps Canada's Thanksgiving.
        self.country = country_of(str(zone)) or _region(locale)
        self.calendar = _business_days(rules, self.country, self.today.year)
        self.month_first = _month_first(locale)
        self.fiscal_start = rules.fiscal_year_start or _fiscal_start(locale)
        self.invalid: list[str] = []
        self.past: list[str] = []  # "by yesterday": said as a deadline, of the past

    # -- pieces -------------------------------------------------------------------------------
    def pieces(self) -> list[_Piece]:
        found: list[_Piece] = []
        for pattern, handler in _grammar():
            for m in pattern.finditer(self.clean):
                part = handler(self, m)
                if part is None:
                    continue
                end = m.end()
                if isinstance(part, _Clock) and part.zone is None:
                    z = _ZONE.match(self.clean, end)
                    if z and (zone := _zone_of(z)) is not None:
                        part = replace(part, zone=zone, bare=False)
                        end = z.end()
                found.append(_Piece(m.start(), end, part))
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        chosen: list[_Piece] = []
        for piece in found:
            if chosen and piece.start < chosen[-1].end:
                continue
            chosen.append(piece)
        return chosen

    def due_times(self) -> Iterator[DueTime]:
        pieces = self.pieces()
        if self.invalid:
            return  # "by Friday 25:00", "Feb 30": no due time is guessed; the caller asks
        for group in _clusters(self.clean, pieces):
            due = self._resolve(group)
            if due is not None:
                yield due
        if not pieces and not self.invalid:
            fallback = self._fallback()
            if fallback is not None:
                yield fallback

    # -- resolution ---------------------------------------------------------------------------
    def _resolve(self, group: list[_Piece]) -> DueTime | None:
        days = [p.part for p in group if isinstance(p.part, _Day)]
        clocks = [p.part for p in group if isinstance(p.part, _Clock)]
        moments = [p.part for p in group if isinstance(p.part, _Moment)]
        start, end = group[0].start, group[-1].end
        prefix = _PREFIX.search(self.clean, max(0, start - 24), start)
        if prefix:
            start = prefix.start()
        matched = self.text[self.squeezed.origin(start) : self.squeezed.origin(end)].strip()
        if any(isinstance(p.part, _Past) for p in group):
            if prefix or matched == self.text.strip():  # "by yesterday"; "yesterday" alone
                self.past.append(matched)
            return None  # "yesterday at 3pm" is not a due time today
        if moments:
            return DueTime(moments[0].at, "minute", matched)
        if len(days) > 1 and _AT_THE_LATEST.match(self.clean, end):
            days = days[-1:]  # "Monday, Tuesday at the latest": the latest is the promise
        if _contradict(days):  # "Thursday 27th" when the 27th is a Friday: ask which
            self.invalid.append(matched)
            return None
        day = _pick_day(days)
        clock = _pick_clock(clocks, day.bias if day else None)
        before = prefix and _BEFORE.match(prefix[0]) and not _ON_OR.search(self.clean, 0, start)
        if day is not None and day.dated and clock is None and before:
            # "before the 16th": by the end of the business day before it ("on or before": on)
            day = replace(day, day=_business_day_before(self.calendar, day.day), roll="none")
        if day is None and (clock is None or clock.bare):
            return None
        at, grain = self._when(day, clock)
        return DueTime(_in_utc(at), grain, matched)

    def _when(self, day: _Day | None, clock: _Clock | None) -> tuple[datetime, Grain]:
        rules = self.rules
        if clock is None:
            assert day is not None
            at = datetime.combine(day.day, day.default or rules.end_of_day, self.zone)
            if day.today and at <= self.now:
                late = LATE_EVENING if self.local.time() < LATE_EVENING else LAST_MINUTE
                at = datetime.combine(day.day, late, self.zone)
            return self._roll(at, day), day.grain
        zone = clock.zone or self.zone
        if day is None:
            local_day = self.now.astimezone(zone).date()
            if clock.next_business_day:  # "by 3" on a Saturday is Monday's
                local_day = _first_business_day(self.calendar, local_day)
            at = datetime.combine(local_day, clock.at, zone)
            if at <= self.now:  # passed: the next business day's ("by 5pm" on a Friday night)
                later = _business_days_after(self.calendar, local_day, 1)
                at = datetime.combine(later, clock.at, zone)
            return at, clock.grain
        at = datetime.combine(day.day, clock.at, zone)
        return self._roll(at, day), clock.grain

    def _roll(self, at: datetime, day: _Day) -> datetime:
        if day.roll == "none" or at > self.now:
            return at
        wall, zone, d = at.time(), at.tzinfo, at.date()
        for _ in range(_MAX_STEPS):
            if day.roll == "week":
                d += timedelta(days=7)
            elif day.roll == "year":
                d = _same_day_next_year(d)
            else:
                d = _next_month_with_day(d, day.month_day or d.day)
            at = datetime.combine(d, wall, zone)
            if at > self.now:
                break
        return at

    # -- the rest goes to dateparser ------------------------------------------------------------
    def _fallback(self) -> DueTime | None:
        words = self.clean.split(maxsplit=_SHORT_WORDS)
        short = " ".join(words)
        if not words or len(words) > _SHORT_WORDS or len(short) > _SHORT_TEXT:
            return None
        if not (_DIGIT.search(short) and _NAMED.search(short)):
            return None
        data = _dateparser_read(
            short, self.local.replace(tzinfo=None), self.rules.languages, self.month_first
        )
        if data is None:
            return None
        found, period = data
        rules = self.rules
        grain: Grain
        if period == "time":
            at = datetime.combine(found.date(), found.time(), self.zone)
            grain = "minute" if found.minute else "hour"
        elif period == "day":
            at = datetime.combine(found.date(), rules.end_of_day, self.zone)
            grain = "day"
        elif period == "week":
            monday = found.date() - timedelta(days=found.weekday())
            at = datetime.combine(
                _first_business_day(self.calendar, monday), rules.morning, self.zone
            )
            grain = "week"
        else:
            first = found.date().replace(day=1)
            at = datetime.combine(
                _first_business_day(self.calendar, first), rules.morning, self.zone
            )
            grain = "month"
        return DueTime(_in_utc(at), grain, self.text.strip())


# Worth asking dateparser only with a digit and a month or weekday name ("14april 2015").
_DIGIT = re.compile(r"\d")
_NAMED = re.compile(r"\b" + _MONTH + "|" + _MONTH + r"\b|\b" + _WEEKDAY + r"\b", _F)


def _dateparser_read(
    text: str, base: datetime, languages: tuple[str, ...], month_first: bool
) -> tuple[datetime, str] | None:
    """dateparser's reading of a short text, relative to the naive local `base`."""
    # Imported here: dateparser is slow to import, and only a few short texts need it.
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=list(languages),
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "MDY" if month_first else "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": False,
        },
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, LookupError):  # pragma: no cover - dateparser's own limits
        return None
    found = data["date_obj"]
    period = data["period"]
    if not isinstance(found, datetime) or period not in ("day", "week", "month", "time"):
        return None
    return found.replace(tzinfo=None), str(period)


def _in_utc(at: datetime) -> datetime:
    """The instant in UTC; a wall time past the last instant Python holds (9999-12-31 evening
    west of UTC) as that last instant, far enough in the future for any rule to refuse."""
    try:
        return at.astimezone(UTC)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def _contradict(days: list[_Day]) -> bool:
    """A weekday and a date said together that are not the same day."""
    dated = [d.day for d in days if d.dated]
    weekdays = {d.weekday for d in days if d.weekday is not None}
    return bool(dated and weekdays and weekdays != {dated[0].weekday()})


def _pick_day(days: list[_Day]) -> _Day | None:
    if not days:
        return None
    strong = [d for d in days if d.weekday is None or d.roll == "none"]
    if not strong:
        return days[0]
    day = strong[0]
    weekdays = [d.weekday for d in days if d.weekday is not None and d is not day]
    if day.grain == "week" and weekdays and weekdays[0] is not None:
        # "next week Friday": the Friday of that week
        monday = day.day - timedelta(days=day.day.weekday())
        return _Day(monday + timedelta(days=weekdays[0]))
    return day


def _pick_clock(clocks: list[_Clock], bias: Literal["am", "pm"] | None) -> _Clock | None:
    if not clocks:
        return None
    exact = [c for c in clocks if c.part is None]
    parts = [c for c in clocks if c.part is not None]
    if not exact:
        return parts[0]
    clock = exact[0]
    if parts:
        bias = parts[0].part
        clock = replace(clock, bare=False)
    if clock.ambiguous:
        clock = replace(clock, at=_working_hour(clock.at, bias), ambiguous=False)
    return clock


def _working_hour(at: time, bias: Literal["am", "pm"] | None) -> time:
    hour = at.hour
    if bias == "pm" and hour < 12:
        hour += 12
    elif bias == "am" and hour == 12:
        hour = 0
    elif bias is None and 1 <= hour <= 6:
        hour += 12
    return at.replace(hour=hour)


@lru_cache(maxsize=64)
def _business_days(rules: ReadingRules, country: str, year: int) -> WorkingHours:
    """Business days for a writer in `country` around `year` (built once, not per message):
    only days and holidays play a part here, the rules' and the country's public holidays
    ("by month end" on a bank holiday is the day before)."""
    public: frozenset[date] = frozenset()
    if rules.named_days is not None:
        years = range(year - 1, year + 2)
        public = public.union(*(rules.named_days.public_holidays(country, y) for y in years))
    return WorkingHours(days=rules.working_days, holidays=rules.holidays | public)


def _clusters(text: str, pieces: list[_Piece]) -> Iterator[list[_Piece]]:
    group: list[_Piece] = []
    past = False  # whether the group speaks of the past: known as it grows, not searched for
    for piece in pieces:
        if group and _joins(text, group, piece, past=past):
            group.append(piece)
            past = past or isinstance(piece.part, _Past)
            continue
        if group:
            yield group
        group, past = [piece], isinstance(piece.part, _Past)
    if group:
        yield group


def _joins(text: str, group: list[_Piece], piece: _Piece, *, past: bool) -> bool:
    """Whether the piece belongs with the group before it. Only a group about the past grows
    without bound ("yesterday, the day before yesterday..."); the others hold a few pieces."""
    gap = text[group[-1].end : piece.start]
    part = piece.part
    if past or isinstance(part, _Past):
        return len(gap) <= 12 and bool(_JOIN_PAST.fullmatch(gap))
    if len(gap) > _JOIN_LONGEST or not _JOIN.fullmatch(gap):
        return False
    if isinstance(part, _Moment) or any(isinstance(p.part, _Moment) for p in group):
        return False
    if isinstance(part, _Day):
        days = [p.part for p in group if isinstance(p.part, _Day)]
        return not days or (
            len(days) == 1 and (days[0].weekday is not None or part.weekday is not None)
        )
    clocks = [p.part for p in group if isinstance(p.part, _Clock)]
    if not clocks:
        return True
    if len(clocks) > 1:
        return False
    # a part of day goes with one exact time: "this afternoon at 3", "3 in the afternoon"
    return (clocks[0].part is None) != (part.part is None)


# --- handlers: one per phrase shape ----------------------------------------------------------

_Handler = Callable[["_Reading", re.Match[str]], _Part | None]


def _g(m: re.Match[str], *names: str) -> str:
    """The first of the named groups that matched, lower-cased and with single spaces."""
    groups = m.groupdict()
    for name in names:
        value = groups.get(name)
        if value:
            return " ".join(value.lower().replace("-", " ").split())
    return ""


def _day_today(r: _Reading, m: re.Match[str]) -> _Part | None:
    word = _g(m, "w")
    if word.startswith("toni"):
        return _Day(r.today, default=r.rules.end_of_day, today=True, bias="pm")
    if word == "today":
        return _Day(r.today, today=True)
    if "after" in word:
        return _Day(r.today + timedelta(days=2))
    return _Day(r.today + timedelta(days=1))


def _day_weekday(r: _Reading, m: re.Match[str]) -> _Part | None:
    name = _g(m, "wd")
    mod = _g(m, "mod")
    after = _g(m, "after")
    if name in ("sat", "sun", "wed", "mon") and not (m.group("dot") or mod or after):
        before = r.clean[max(0, m.start() - 8) : m.start()]
        following = r.clean[m.end() : m.end() + 4]
        if not (
            re.search(r"\b(?:on|by|until|till|before|due|from)\s+$", before, _F)
            or re.match(r"\s*,?\s*\d", following)
        ):
            return None  # "I sat down", "the sun": a short name needs a hint that it is a day
    weekday = _WEEKDAYS[name[:3]]
    monday = r.today - timedelta(days=r.today.weekday())
    if mod == "next" or "next week" in after:
        return _Day(monday + timedelta(days=7 + weekday))
    if "this week" in after:
        return _Day(monday + timedelta(days=weekday))
    ahead = (weekday - r.today.weekday()) % 7
    day = r.today + timedelta(days=ahead)
    if mod == "this" and ahead == 0 and not after:  # "this Friday" on a Friday: today
        return _Day(day, today=True)
    if "after next" in after or after == "week":  # "Monday week": a week after Monday
        return _Day(day + timedelta(days=7))
    if after == "fortnight":
        return _Day(day + timedelta(days=14))
    return _Day(day, roll="week", weekday=None if mod else weekday)


def _day_from_day(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "a week from Friday", "2 weeks from Monday", "3 days from tomorrow": counted from it."""
    count = 1 if _g(m, "n") in ("a", "an", "one") else _number(_g(m, "n"))
    if count is None or count != int(count) or count > _MAX_COUNTED:
        return None
    unit = _g(m, "u")
    days = {"d": 1, "w": 7, "f": 14}[unit[0]] * int(count)
    if _g(m, "wd") in ("tomorrow", "tmrw"):
        return _Day(r.today + timedelta(days=1 + days))
    weekday = _WEEKDAYS[_g(m, "wd")[:3]]
    ahead = (weekday - r.today.weekday()) % 7 or 7
    return _Day(r.today + timedelta(days=ahead + days))


_MAX_COUNTED = 52  # "2 weeks from Friday", not "900 days from Friday"


def _year(text: str) -> int | None:
    digits = text.strip("'’-")
    if not digits:
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 69 else 1900
    return year


def _day_month_name(r: _Reading, m: re.Match[str]) -> _Part | None:
    month = _MONTHS[_g(m, "mon")[:3]]
    day = int(m.group("d")) if m.group("d") else _ORDINAL_WORDS.get(_g(m, "dw"), 0)
    year = _year(_g(m, "y", "y2"))
    if m.group("mon") == "may" and not (m.group("suf") or year or " of " in m.group(0)):
        return None  # "we may 2x it", "the first may be": lower-case "may" is the verb
    return _calendar_day(r, m, day, month, year)


def _calendar_day(
    r: _Reading, m: re.Match[str], day: int, month: int, year: int | None
) -> _Part | None:
    if not 1 <= month <= 12 or day < 1:
        return None
    probe = year or 2024  # a leap year: Feb 29 exists when no year is said
    if day > calendar.monthrange(probe, month)[1]:
        r.invalid.append(m.group(0).strip())
        return None
    if year is not None:
        return _Day(date(year, month, day), dated=True)
    if (month, day) == (2, 29):
        coming = r.today.year if r.today < date(r.today.year, 3, 1) else r.today.year + 1
        if not calendar.isleap(coming):  # not the Feb 29 of years ahead: ask
            r.invalid.append(f"{m.group(0).strip()} {coming}")
            return None
    return _Day(_nearest(r.today, month, day), dated=True)


def _nearest(today: date, month: int, day: int) -> date:
    """A month and day said without a year: the next such date, unless one passed within
    RECENTLY_PASSED ("by Nov 20" on 23 November is a slip to ask about, not next year's)."""
    years = range(today.year - 1, today.year + 2)
    if (month, day) == (2, 29):
        years = range(today.year - 1, today.year + 5)
    dates = [date(year, month, day) for year in years if day <= calendar.monthrange(year, month)[1]]
    ahead = min(d for d in dates if d >= today)
    passed = [d for d in dates if today - RECENTLY_PASSED <= d < today]
    return passed[-1] if passed else ahead


def _day_numeric(r: _Reading, m: re.Match[str]) -> _Part | None:
    following = r.clean[m.end() : m.end() + 8]
    if re.match(r"\s*(?:h\b|hrs?\b|hours?\b|of\b|an?\b|mins?\b|minutes?\b)", following, _F):
        return None  # fractions: "1/2 h", "3/4 of the team"
    a, b = int(m.group("a")), int(m.group("b"))
    month, day = (a, b) if r.month_first else (b, a)
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None  # an impossible reading is no date: the other order is never guessed
    return _calendar_day(r, m, day, month, _year(_g(m, "y")))


def _day_iso(r: _Reading, m: re.Match[str]) -> _Part | None:
    month, day = int(m.group("m")), int(m.group("d"))
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    return _calendar_day(r, m, day, month, int(m.group("y")))


def _day_of_month(r: _Reading, m: re.Match[str]) -> _Part | None:
    day = int(m.group("d"))
    if not 1 <= day <= 31:
        return None
    which = _g(m, "which")
    if which:
        first = r.today.replace(day=1)
        if "next" in which or "following" in which:
            first = _add_months(first, 1)
        if day > calendar.monthrange(first.year, first.month)[1]:
            r.invalid.append(m.group(0).strip())
            return None
        return _Day(first.replace(day=day), dated=True)
    target = r.today.replace(day=1)
    if 0 < r.today.day - day <= _DAY_JUST_PASSED.days:
        return _Day(target.replace(day=day), dated=True)  # "by the 17th" on the 18th: a slip
    if day > calendar.monthrange(target.year, target.month)[1] or day < r.today.day:
        target = _next_month_with_day(target, day)
    else:
        target = target.replace(day=day)
    return _Day(target, roll="month", month_day=day, dated=True)


def _day_month_only(r: _Reading, m: re.Match[str]) -> _Part | None:
    pre = _g(m, "pre")
    month_word = _g(m, "mon", "mon2")
    if m.group("mon") == "may" and pre not in ("in", "by", "during", "until", "till", "before"):
        return None  # "for may", "next may be": the verb more often than the month
    month = _MONTHS[month_word[:3]]
    year = _year(_g(m, "y", "y2"))
    if year is None:
        year = r.today.year
        if month < r.today.month or (pre == "next" and month <= r.today.month):
            year += 1
    first = _first_business_day(r.calendar, date(year, month, 1))
    return _Day(first, default=r.rules.morning, grain="month")


def _day_period(r: _Reading, m: re.Match[str]) -> _Part | None:
    """EOW, end of the month, this week, next month, end of March..."""
    short = _g(m, "u2")
    unit = {"eow": "week", "eom": "month", "eoq": "quarter", "eoy": "year"}.get(short, _g(m, "u"))
    which = _g(m, "which")
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
        first = _add_months(first, months * step)
        if not ending and unit != "month":
            return None  # a quarter or a year is no due grain of ours
        size = 0
    else:  # a month by name: "end of March"
        if not (ending or start):
            return None
        month = _MONTHS[unit[:3]]
        first = date(r.today.year + (1 if month < r.today.month else 0), month, 1)
        unit, months, size = "month", 1, 0

    def last_day(first: date) -> date:
        after = first + timedelta(days=size) if size else _add_months(first, months)
        return _last_business_day(r.calendar, first, after - timedelta(days=1))

    grain: Grain = "week" if unit == "week" else "month"
    if ending or (step == 0 and not start):
        last = last_day(first)
        if datetime.combine(last, rules.end_of_day, r.zone) <= r.now and step == 0:
            if last == r.today:  # "EOM" at 17:30 on the last day: tonight, not a month late
                return _Day(last, grain="day" if ending else grain, today=True)
            first = first + timedelta(days=size) if size else _add_months(first, months)
            last = last_day(first)
        return _Day(last, grain="day" if ending else grain)
    return _Day(_first_business_day(r.calendar, first), default=rules.morning, grain=grain)


def _day_period_end(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "by month end", "end of Q1", "by H2", "FY end", "before the weekend": the last business
    day of that period, 17:00 (grain "day", as "end of the quarter"); the next one once it has
    passed."""
    name = _g(m, "p", "p2", "u", "u2") or "fy"
    next_one = _g(m, "which", "which2") == "next"
    if name in ("weekend", "week"):
        monday = r.today - timedelta(days=r.today.weekday())
        return _period_end(r, monday + timedelta(days=7 * next_one), weeks=1)
    if name in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[name]
        first = r.today.replace(day=1)
        first = first.replace(month=(first.month - 1) // months * months + 1)
        return _period_end(r, _add_months(first, months * next_one), months=months)
    if name[0] in "qh":  # Q1-Q4, H1-H2 of the year said, else of this year or the next
        months = 3 if name[0] == "q" else 6
        year = m.group("y")
        first = date(int(year or r.today.year), (int(name[1]) - 1) * months + 1, 1)
        return _period_end(r, first, months=months, then=0 if year else 12)
    fiscal = date(r.today.year, r.fiscal_start, 1)  # "FY end", "EOFY": the fiscal year's
    return _period_end(r, fiscal if fiscal <= r.today else _add_months(fiscal, -12), months=12)


def _period_end(
    r: _Reading, first: date, *, weeks: int = 0, months: int = 0, then: int | None = None
) -> _Day:
    """The last business day of the period that starts on `first` (so many weeks or months);
    once its 17:00 has passed, that of the period `then` months later (by default the next),
    but on that very day tonight ("EOM" at 17:30 on the last day is not a month late)."""

    def last(first: date) -> date:
        after = first + timedelta(weeks=weeks) if weeks else _add_months(first, months)
        return _last_business_day(r.calendar, first, after - timedelta(days=1))

    day = last(first)
    passed = datetime.combine(day, r.rules.end_of_day, r.zone) <= r.now
    if passed and day == r.today:
        return _Day(day, today=True)
    later = months if then is None else then
    if passed and (weeks or later):
        day = last(first + timedelta(weeks=weeks) if weeks else _add_months(first, later))
    return _Day(day)


def _day_named(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "by Thanksgiving", "on Boxing Day": that day, 17:00; "before Easter": the last business
    day before it (its own country's holidays off too); "after Diwali" is no deadline."""
    calendar = r.rules.named_days
    if calendar is None or _g(m, "rel") == "after":
        return None
    return _named_deadline(r, m, partial(calendar.date_of, named_days.key_of(m.group("named"))))


def _day_beside_named(r: _Reading, m: re.Match[str]) -> _Part | None:
    """The day, or the weekday, just after or before a named day, in the writer's country."""
    calendar = r.rules.named_days
    if calendar is None:
        return None
    key = named_days.key_of(m.group("named"))
    named = _nearest_named(partial(calendar.date_of, key), r.country, r.today)
    if named is None:
        return None
    step = 1 if _g(m, "dir") == "after" else -1
    day = named + timedelta(days=step)
    if _g(m, "wd") != "day":
        while day.weekday() != _WEEKDAYS[_g(m, "wd")[:3]]:
            day += timedelta(days=step)
    return _Day(day, dated=True)


def _day_called(r: _Reading, m: re.Match[str]) -> _Part | None:
    """A holiday named as its country's calendar names it, the longest name that is one."""
    calendar = r.rules.named_days
    if calendar is None or _g(m, "rel") == "after":
        return None
    words = m.group("called").split()
    for size in range(len(words), 0, -1):
        day = _named_deadline(r, m, partial(calendar.date_called, " ".join(words[:size])))
        if day is not None:
            return day
    return None


def _named_deadline(
    r: _Reading, m: re.Match[str], date_of: Callable[[str, int], date | None]
) -> _Day | None:
    """The named day `date_of` gives in the writer's country, or with "before" the last business
    day before it; before its days off ("the Easter break") when they are named."""
    year = _g(m, "ny")
    day = date_of(r.country, int(year)) if year else _nearest_named(date_of, r.country, r.today)
    if day is None:
        return None
    if _g(m, "off"):
        return _Day(_business_day_before(r.calendar, _days_off_around(r.calendar, day)))
    return _Day(_business_day_before(r.calendar, day) if _g(m, "rel") else day)


def _days_off_around(calendar: WorkingHours, day: date) -> date:
    """The first of the days off the named `day` is among (it is one, whatever the calendar
    of the writer's region says: "the King's Birthday long weekend", "the Memorial Day
    weekend" from London)."""
    for _ in range(_LONGEST_BREAK):
        if calendar.is_working_day(day - timedelta(days=1)):
            break
        day -= timedelta(days=1)
    return day


_LONGEST_BREAK = 21  # days off in a row looked back over (a Christmas shutdown)
_LOOK_AHEAD = 400  # days looked ahead for the next long weekend


def _day_long_weekend(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "before the long weekend": the last business day before the next three days off or more."""
    day, off = r.today + timedelta(days=1), 0
    for _ in range(_LOOK_AHEAD):
        off = 0 if r.calendar.is_working_day(day) else off + 1
        first = day - timedelta(days=2)
        if off == 3 and any(first + timedelta(days=n) in r.calendar.holidays for n in range(3)):
            return _Day(_business_day_before(r.calendar, first))
        day += timedelta(days=1)
    return None


def _nearest_named(
    date_of: Callable[[str, int], date | None], country: str, today: date
) -> date | None:
    """This year's, unless it passed: then the one that passed within NAMED_DAY_PASSED (a slip to
    ask about), else next year's (in February, "by MLK Day" is next January's)."""
    this_year = date_of(country, today.year)
    if this_year is None or this_year >= today or today - this_year <= NAMED_DAY_PASSED:
        return this_year
    return date_of(country, today.year + 1)


def _business_day_before(calendar: WorkingHours, day: date) -> date:
    try:
        return calendar.previous_working_day(day)
    except NoWorkingDay:
        return day - timedelta(days=1)


def _day_after(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "in 3 days", "in 2 business days", "2 weeks from now", "in 2 hours"."""
    n_text = _g(m, "n", "n2")
    unit = _g(m, "u", "u2")
    business = bool(m.group("biz") or m.group("biz2"))
    if n_text in ("a", "an") and unit.startswith(("min", "sec")):
        return None  # "in a minute" is an idiom, not a time
    n = _number(n_text)
    if n is None or n > 10_000:
        return None
    if unit.startswith("m") and not unit.startswith("mo"):
        return _Moment(r.now + timedelta(minutes=n))
    if unit.startswith("h"):
        return None if business else _Moment(r.now + timedelta(hours=n))
    if n != int(n):
        return None
    count = int(n)
    if unit.startswith("d"):
        if business:
            return _Day(_business_days_after(r.calendar, r.today, count))
        return _Day(r.today + timedelta(days=count))
    if unit.startswith(("w", "f")):
        return _Day(r.today + timedelta(days=7 * count * (2 if unit.startswith("f") else 1)))
    target = _add_months(r.today.replace(day=1), count)
    last = calendar.monthrange(target.year, target.month)[1]
    return _Day(target.replace(day=min(r.today.day, last)))


def _number(text: str) -> float | None:
    if not text:
        return None
    if text[0].isdigit():
        return float(text)
    if text in _NUMBER_WORDS:
        return _NUMBER_WORDS[text]
    words = text.replace("-", " ").split()
    if len(words) == 2 and words[0] in _TENS and words[1] in _NUMBER_WORDS:
        return _TENS[words[0]] + _NUMBER_WORDS[words[1]]
    return None


_FRACTIONS = {
    "half an hour": 30, "half hour": 30, "an hour and a half": 90, "one and a half hours": 90,
    "a quarter of an hour": 15, "quarter of an hour": 15, "a quarter hour": 15,
    "three quarters of an hour": 45, "1/2 h": 30, "1/4 h": 15, "3/4 h": 45,
    "1/2 hour": 30, "1/4 hour": 15, "3/4 hour": 45, "1/2h": 30, "1/4h": 15, "3/4h": 45,
    "the hour": 60, "the next hour": 60,
}  # fmt: skip


def _after_fraction(r: _Reading, m: re.Match[str]) -> _Part | None:
    minutes = _FRACTIONS.get(" ".join(_g(m, "f").split()))
    return None if minutes is None else _Moment(r.now + timedelta(minutes=minutes))


# "at 3p", "@ 9h": an hour with a bare a/p or h needs "at" (or "@") just before it.
_AT_BEFORE = re.compile(r"(?:\bat|@)\s*$", _F)  # on a few characters at a time


def _at_before(r: _Reading, m: re.Match[str]) -> bool:
    """Whether "at" or "@" comes before the match, with only blanks between. Found by stepping
    back over those blanks: searching all the text before each match was quadratic."""
    end = m.start()
    while end and r.clean[end - 1].isspace():
        end -= 1
    return _AT_BEFORE.search(r.clean, max(0, end - 2), end) is not None


def _clock_ampm(r: _Reading, m: re.Match[str]) -> _Part | None:
    digits = m.group("hm")
    if digits:
        hour, minute = int(digits[:-2]), int(digits[-2:])
    else:
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
    short = m.group("ap2")
    if short and not (m.group("m") or _at_before(r, m)):
        return None  # "step 1a", "option 2p": a lone a/p needs minutes or "at"
    if not 1 <= hour <= 12 or minute > 59:
        return None
    pm = _g(m, "ap", "ap2").startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    grain: Grain = "minute" if (m.group("m") or digits) else "hour"
    return _Clock(time(hour, minute), grain)


def _clock_24h(r: _Reading, m: re.Match[str]) -> _Part | None:
    hour, minute = int(m.group("h")), int(m.group("m"))
    ambiguous = 1 <= hour <= 12 and not m.group("h").startswith("0")
    return _Clock(time(hour % 24, minute), "minute", ambiguous=ambiguous)


def _clock_half_day(r: _Reading, m: re.Match[str]) -> _Part | None:
    if _g(m, "ap").startswith("a"):
        return _Clock(r.rules.morning, "hour", part="am")
    return _Clock(r.rules.afternoon, "hour", part="pm")


_SPOKEN_MINUTES = {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                   "forty five": 45, "fortyfive": 45, "fifty": 50}  # fmt: skip


def _clock_spoken(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "three thirty": an hour and its minutes in words; "4ish": about four, its hour."""
    if m.group("hw"):
        minute = _SPOKEN_MINUTES[_g(m, "mw")]
        return _Clock(time(_hour_of(_g(m, "hw")), minute), "minute", ambiguous=True)
    hour = int(_g(m, "h", "h2"))
    if not 1 <= hour <= 12:
        return None
    return _Clock(time(hour), "hour", ambiguous=True)


def _clock_military(r: _Reading, m: re.Match[str]) -> _Part | None:
    if m.group("h2") and _AN_AMOUNT_AFTER.match(r.clean, m.end()):
        return None  # "grew by 1500 users": an amount
    hour, minute = int(_g(m, "h", "h2")), int(_g(m, "m", "m2"))
    return _Clock(time(hour, minute), "minute")


# A word after a number that makes it an amount, not a time ("by 1500 users", "at 1800 rpm").
_AN_AMOUNT_AFTER = re.compile(
    r"\s*(?!(?:today|tomorrow|tonight|tmrw|on|at|in|the|sharp|latest|local|time|\w+day)\b)[a-z]", _F
)


def _clock_h(r: _Reading, m: re.Match[str]) -> _Part | None:
    hour = int(m.group("h"))
    if hour > 23:
        return None
    before = r.clean[max(0, m.start() - 12) : m.start()]
    said_as_time = _AT_BEFORE.search(before[-4:]) or _DEADLINE_BEFORE.search(before)
    if not m.group("m") and hour < 13 and not said_as_time:
        return None  # "2h" is a duration; "at 10h", "before 10h" a time
    return _Clock(time(hour, int(m.group("m") or 0)), "minute" if m.group("m") else "hour")


def _clock_word(r: _Reading, m: re.Match[str]) -> _Part | None:
    word = _g(m, "w")
    rules = r.rules
    # "good morning", "grab lunch", "good night": a part of day alone is no due time; "by
    # lunch", "before morning" are
    said = word.startswith(("this ", "in the ", "first thing")) or bool(
        _DEADLINE_BEFORE.search(r.clean, max(0, m.start() - 20), m.start())
    )
    if word in ("noon", "midday", "mid day", "12 noon", "12noon"):
        return _Clock(rules.noon, "hour")
    if word in ("lunch", "lunchtime", "lunch time"):
        return _Clock(rules.noon, "hour", bare=not said)
    if word == "midnight":
        return _Clock(LAST_MINUTE, "minute")
    if word.startswith("this "):
        return _this_part(r, word.split()[-1])
    if word.endswith("morning") or word.startswith(("first thing", "bright and early")):
        return _Clock(rules.morning, "hour", part="am", bare=not said)
    if word.startswith(("start", "beginning", "open", "the start", "the beginning")):
        return _Clock(rules.morning, "hour", part="am")  # "start of business": a due time
    if word.endswith(("afternoon", "arvo")):
        return _Clock(rules.afternoon, "hour", part="pm", bare=not said)
    if word.endswith(("evening", "night")):
        return _Clock(rules.end_of_day, "hour", part="pm", bare=not said)
    return _Clock(rules.end_of_day, "day", next_business_day=True)


def _this_part(r: _Reading, part: str) -> _Part:
    """ "this morning": its hour; once that passed, by its end; once it is over, the past (said
    at 14:00, "I'll send it this morning" is a slip to ask about, not tomorrow morning)."""
    rules = r.rules
    at, end = {
        "morning": (rules.morning, rules.noon),
        "afternoon": (rules.afternoon, rules.end_of_day),
        "arvo": (rules.afternoon, rules.end_of_day),
        "evening": (rules.end_of_day, LATE_EVENING),
    }[part]
    half: Literal["am", "pm"] = "am" if part == "morning" else "pm"
    now = r.local.time()
    if now >= end:
        return _Past()
    return _Clock(end if now >= at else at, "hour", part=half)


def _clock_bare(r: _Reading, m: re.Match[str]) -> _Part | None:
    written = m.group("h") or m.group("h2") or m.group("h3") or ""
    hour = int(written)
    if hour > 23:
        return None
    oclock = bool(m.group("oc") or m.group("oc2"))
    deadline = _is_deadline_hour(r, m)
    bare = not (oclock or deadline)
    if hour > 12 or hour == 0 or written.startswith("0"):
        return _Clock(time(hour), "hour", bare=bare)
    return _Clock(time(hour), "hour", ambiguous=True, bare=bare, next_business_day=deadline)


# "by 3", "until five": an hour alone is a deadline, the next such working hour; not "by 3
# items" nor "cut it by 3" (an amount), so what comes after it and the verb before are looked at.
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until|till|til|no\s+later\s+than)\s+$", _F)
_CHANGED_BY = re.compile(
    r"\b(?:cut|cuts|divided?|multiplied|multiply|increased?|decreased?|reduced?|reduces|grew"
    r"|grow|grows|up|down|rose|fell|drops?|dropped|raised?|lowered?|improved?|off|over|under"
    r"|behind|ahead|beat|lost|won|short|slipped|slips?|delayed?|late|early|shrunk|shrink)\b"
    r"(?:\s+[\w'’]+){0,2}\s+by\s+$",
    _F,
)
_DEADLINE_AFTER = re.compile(
    r"\s*(?:$|[^\w\s]|(?:today|tomorrow|tmrw|tonight|latest|at\s+the\s+latest|sharp|please|pls"
    r"|and|or|then|so|if|ok|okay|thanks|thx|cheers|promise|my\s+time|your\s+time|local"
    r"|o['’]?\s?clock|i|we|you|he|she|they|when|once|but|as|because|since|after|for\s+the)\b)",
    _F,
)


def _is_deadline_hour(r: _Reading, m: re.Match[str]) -> bool:
    """Whether the hour is a deadline: "by 3" ending its clause, or before a zone or a word
    that carries on the sentence."""
    window = max(0, m.start() - 60)
    if _DEADLINE_BEFORE.search(r.clean, window, m.start()) is None:
        return False
    if _CHANGED_BY.search(r.clean, window, m.start()):
        return False  # "reduce latency by 5": an amount
    return bool(_DEADLINE_AFTER.match(r.clean, m.end()) or _ZONE.match(r.clean, m.end()))


def _clock_past(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "half past 3", "a quarter to noon", "20 minutes past 3pm"."""
    amount = _g(m, "q")
    direction = _g(m, "dir")
    target = _g(m, "t")
    if amount[0].isdigit() and "min" not in amount and direction != "past" and target.isdigit():
        return None  # "2 to 3 people" is a range of numbers, not 2:58
    spoken = amount.split()[0] if amount[0].isdigit() else amount.replace(" minutes", "")
    minutes = 30 if amount == "half" else 15 if "quarter" in amount else int(_number(spoken) or 0)
    if minutes >= 60:
        return None
    ap = _g(m, "ap")
    if target in ("noon", "midday"):
        hour, ambiguous = 12, False
    elif target == "midnight":
        hour, ambiguous = 0, False
    else:
        hour = _hour_of(target)
        if hour > 23:
            return None
        ambiguous = not ap and 1 <= hour <= 12
        if ap:
            hour = hour % 12 + (12 if ap.startswith("p") else 0)
    if ambiguous:
        hour = _working_hour(time(hour), None).hour
    base = datetime.combine(date(2000, 1, 2), time(hour))
    delta = timedelta(minutes=minutes)
    at = base - delta if direction in ("to", "till", "before") else base + delta
    return _Clock(at.time(), "minute")


def _clock_half(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "by half four": 16:30, the hour read as a working hour."""
    hour = _hour_of(_g(m, "t"))
    if not 1 <= hour <= 12:
        return None
    at = datetime.combine(date(2000, 1, 2), _working_hour(time(hour), None)) + timedelta(minutes=30)
    return _Clock(at.time(), "minute")


def _day_dotted(r: _Reading, m: re.Match[str]) -> _Part | None:
    return _calendar_day(r, m, int(m.group("d")), int(m.group("mo")), None)


# "by Friday 25:00", "at 13pm", "by 10:75": a time that does not exist, so no due time at all.
_IMPOSSIBLE_CLOCK = re.compile(
    r"(?<![\w:.])(?:(?:2[5-9]|[3-9]\d):\d\d|\d{1,2}:[6-9]\d|(?:1[3-9]|2\d)\s*(?:am|pm))(?![\w:])",
    _F,
)


def _impossible_clock(r: _Reading, m: re.Match[str]) -> _Part | None:
    r.invalid.append(m.group("t"))
    return None


def _past(r: _Reading, m: re.Match[str]) -> _Part | None:
    return _Past()


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
_NTH.update({"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1})


def _day_nth_of_month(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "the first Monday of next month", "last Friday of October", "last day of March"."""
    nth = _NTH[_g(m, "nth")]
    which = _g(m, "which")
    rules = r.rules
    if which:
        first = _add_months(r.today.replace(day=1), 0 if which in ("this", "the", "the current",
            "current") else 1)  # fmt: skip
        roll = which == "the"
    else:
        month = _MONTHS[_g(m, "mon")[:3]]
        year = _year(_g(m, "y"))
        roll = year is None
        if year is None:
            year = r.today.year + (1 if month < r.today.month else 0)
        first = date(year, month, 1)

    def pick(first: date) -> date | None:
        last = _add_months(first, 1) - timedelta(days=1)
        kind = _g(m, "wd")
        days = [first + timedelta(days=i) for i in range(last.day)]
        if kind in ("business day", "working day", "weekday"):
            days = [d for d in days if r.calendar.is_working_day(d)]
        elif kind != "day":
            days = [d for d in days if d.weekday() == _WEEKDAYS[kind[:3]]]
        if not days or nth > len(days):
            return None
        return days[nth - 1] if nth > 0 else days[-1]

    day = pick(first)
    if day is not None and roll and datetime.combine(day, rules.end_of_day, r.zone) <= r.now:
        day = pick(_add_months(first, 12 if not which else 1))
    return None if day is None else _Day(day)


_HOUR_WORDS = {w: i for i, w in enumerate(_SMALL) if 1 <= i <= 12}
_HOUR_WORD = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))


def _hour_of(written: str) -> int:
    """An hour written in digits or in a word ("4", "four")."""
    return _HOUR_WORDS[written] if written in _HOUR_WORDS else int(written)


_MINUTE_WORDS = {"o'clock": 0, "oclock": 0, "o’clock": 0, "five": 5, "ten": 10, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty five": 45, "forty": 40, "fifty": 50}  # fmt: skip


def _clock_words(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "three pm", "at three", "eight tonight", "seven thirty p.m."."""
    hour = _HOUR_WORDS[_g(m, "hw")]
    minutes_word = _g(m, "mw")
    minute = _MINUTE_WORDS.get(minutes_word, 0)
    ap = _g(m, "ap")
    grain: Grain = "minute" if minute else "hour"
    if ap:
        return _Clock(time(hour % 12 + (12 if ap.startswith("p") else 0), minute), grain)
    before = r.clean[max(0, m.start() - 8) : m.start()]
    anchored = re.search(r"\b(?:at|around)\s+$", before, _F) or m.group("next") is not None
    deadline = _is_deadline_hour(r, m)
    if not (anchored or deadline or "clock" in minutes_word):
        return None
    return _Clock(
        time(hour, minute),
        grain,
        ambiguous=True,
        bare=not (deadline or "clock" in minutes_word),
        next_business_day=deadline,
    )


def _clock_range(r: _Reading, m: re.Match[str]) -> _Part | None:
    """ "3-4pm", "between 9:30 and 11:00", "9h30 - 11h": the end is the due time."""
    a, b = m.group("a"), m.group("b")
    ap = _g(m, "apb") or _g(m, "apa")
    if not (ap or re.search(r"[:h]", a + b, _F)):
        return None  # "2-3 people", "9 to 5": numbers, not times
    hour, _, minute_text = b.lower().replace("h", ":").partition(":")
    hour_n, minute = int(hour), int(minute_text or 0)
    if hour_n > 23:
        return None
    grain: Grain = "minute" if minute_text else "hour"
    if ap:
        if not 1 <= hour_n <= 12:
            return None
        return _Clock(time(hour_n % 12 + (12 if ap.startswith("p") else 0), minute), grain)
    ambiguous = 1 <= hour_n <= 12 and not hour.startswith("0")
    return _Clock(time(hour_n % 24, minute), grain, ambiguous=ambiguous)


def _zone_of(said: re.Match[str]) -> tzinfo | None:
    """The zone a match of _ZONE names."""
    if said.group("long"):
        return ZoneInfo(_ZONE_LONG_NAMES[" ".join(said.group("long").lower().split())])
    if said.group("iana"):
        try:
            return ZoneInfo(said.group("iana"))
        except (ZoneInfoNotFoundError, ValueError):
            return None
    named = said.group("z") or said.group("place_in") or said.group("place") or said.group("known")
    return _zone(named)


def _zone(name: str) -> tzinfo | None:
    if (place := place_zones.zone_of_place(name)) is not None:
        return ZoneInfo(place)
    key = re.sub(r"\s+", "", name.lower())
    if key in _ZONE_NAMES:
        return ZoneInfo(_ZONE_NAMES[key])
    if key in _ZONE_OFFSETS:
        return timezone(timedelta(hours=_ZONE_OFFSETS[key]))
    offset = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", key)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


_UNIT = r"(?P<u>minutes?|mins?|m\b|hours?|hrs?|h\b|days?|weeks?|wks?|fortnights?|months?)"
_BIZ = r"(?:(?P<biz>business|biz|working|work)\s+)?"
# After a month's name, a day of it: "by June 26" is that day, not June (nor June 2026).
_NO_DAY_AFTER = rf"(?!\s*(?:the\s+)?(?:[0-3]?\d(?!\d)|(?:{_ORD_WORD})\b))"
_DAY_AFTER_ORDINAL = (  # words that may follow "the 3rd" when it is a date, not "the 3rd time"
    r"(?=\s*(?:$|[.,;:!?)\]]|\d|(?:at|by|in|on|and|or|then|so|please|eod|eow|cob|morning"
    r"|afternoon|evening|noon|latest|first|next|this|if|when|but|is|works?|ok|@)\b))"
)


# The words that put a named day as a deadline: "before" (and kin) the day before it.
# ("off for CNY", "out for Christmas" are days off, not deadlines)
_NAMED_RELATION = (
    r"(?P<rel>before|ahead\s+of|prior\s+to|after)|by|on|until|till"
    r"|(?<!off\s)(?<!out\s)(?<!away\s)(?<!closed\s)(?<!leave\s)for"
)
_NAMED_DAY_AS_NOUN = (
    r"(?:party|parties|lunch|dinner|do|shopping|cards?|trees?|sales?|rush"
    r"|period|week|freeze|campaign|release|edition|special)\b"
)
# The days off around a named day: "before the Easter break", "the MLK long weekend".
_DAYS_OFF = r"(?P<off>\s+(?:long\s+)?(?:week-?end|break|holidays?|shutdown|closure)\b)?"


@cache
def _grammar() -> tuple[tuple[re.Pattern[str], _Handler], ...]:
    """The phrase shapes, compiled once on first use."""
    shapes: list[tuple[str, _Handler]] = [
        (
            r"\b(?P<w>today|tonight|tonite|tomorrows?|tomorow|tmrw?|tmw|2moro|2morrow|2mrw"
            r"|(?:the\s+)?day\s+after\s+(?:tomorrow|tmrw))\b",
            _day_today,
        ),
        (
            r"(?<!cyber\s)(?<!easter\s)(?<!black\s)(?<!good\s)(?<!whit\s)(?<!ash\s)(?<!palm\s)"
            r"(?<!shrove\s)(?<!maundy\s)(?<!giving\s)(?<!holy\s)(?<!super\s)"
            r"\b(?:(?P<mod>this|next|coming|upcoming|the\s+coming)\s+)?(?P<wd>monday|tuesday"
            r"|wednesday|thursday|friday|saturday|sunday|wendesday|wensday|wednsday|thrusday|thurday"
            r"|firday|fridy|tuesdy|teusday|(?:mon|tues?|weds?|thurs?|thu|fri|sat|sun)"
            r"(?P<dot>\.(?!\w))?)(?P<after>\s+after\s+next|\s+(?:of\s+)?next\s+week|\s+of\s+this\s+week"
            r"|\s+this\s+week|\s+week(?![\w'’-])|\s+fortnight(?![\w'’-]))?"
            r"(?:['’]s(?=\s+\d))?(?![\w'’])",  # "Thursday's 2pm call"
            _day_weekday,
        ),
        (
            rf"\b(?P<n>{_NUM})\s+(?P<u>days?|weeks?|fortnights?)\s+from\s+(?:this\s+)?"
            r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thurs?"
            r"|thu|fri|tomorrow|tmrw)\b",
            _day_from_day,
        ),
        (
            r"\b(?P<mon>"
            + _MONTH
            + r")\.?\s*(?:the\s+)?"
            + _DAY
            + r"(?![\d:]|\.\d|\s*(?:am|pm|a\.m|p\.m|h\d|o'?clock)\b)\b"
            r"(?:,?\s*(?P<y>\d{4}|'\d{2})(?![\d:]))?",
            _day_month_name,
        ),
        (
            r"\b(?:the\s+)?" + _DAY + r"(?:\s+day)?\s*(?:of\s+)?(?P<mon>" + _MONTH + r")\b"
            r"(?:\.?,?\s*(?P<y>\d{4}|'\d{2})(?![\d:])|-(?P<y2>\d{2})\b)?",
            _day_month_name,
        ),
        (
            r"(?<![\w/.:-])(?P<a>\d{1,2})\s?/\s?(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?"
            r"(?![\w/]|\.\d)",
            _day_numeric,
        ),
        (
            r"(?<![\w/.:-])(?P<a>\d{1,2})(?P<sep>[-.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            r"(?![\w.-])",
            _day_numeric,
        ),
        (r"(?<![\w/.-])(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?![\d/-])", _day_iso),
        (
            r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\bdue\s)|(?<=\buntil\s)|(?<=\bbefore\s)|(?<=day\s)"
            r"|(?<=day,\s)|\bthe\s+)(?P<d>[0-3]?\d)(?:st|nd|rd|th)(?:\s+day)?"
            r"(?:\s+of\s+(?P<which>this|next|the\s+following)\s+month)?" + _DAY_AFTER_ORDINAL,
            _day_of_month,
        ),
        (
            r"\b(?P<pre>in|by|during|before|until|till|next|early|mid|late)[\s-]+"
            r"(?:(?:early|mid|late)[\s-]+)?(?P<mon>"
            + _MONTH_FULL
            + r")"
            + _NO_DAY_AFTER
            + r"(?:,?\s+(?P<y>\d{4}))?\b"
            r"|\b(?P<mon2>" + _MONTH_FULL + r")\s+(?P<y2>\d{4})\b",
            _day_month_only,
        ),
        (
            r"\b(?:the\s+)?(?:(?P<end>end|close)[\s-]+of[\s-]+|(?P<start>beginning|start)\s+of\s+"
            r"|early\s+)?(?:the\s+)?(?P<which>this|next|the\s+following|following|coming"
            r"|the\s+coming|upcoming|current|last|previous|past)?\s*(?P<u>week\s+after\s+next"
            r"|week|month|quarter|year|" + _MONTH_FULL + r")\b(?!\s*\d|['’]s)"
            r"|\b(?P<u2>eow|eom|eoq|eoy)\b",
            _day_period,
        ),
        (
            r"\b(?:by|before|until|till|for|at|come)\s+(?:the\s+)?(?P<which>this|next)?\s*"
            r"(?P<u>month|quarter|year)[\s-]end\b"
            r"|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?|(?:by|before|until|till)\s+(?:the\s+)?)"
            r"(?P<p>q[1-4]|h[12])(?:[\s-]+end)?(?:\s*(?P<y>20\d\d))?\b"
            r"|\b(?P<p2>q[1-4]|h[12])[\s-]+end\b"
            r"|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?P<fy>fy|fiscal\s+year|financial\s+year)"
            r"|(?P<fy2>fy|fiscal\s+year|financial\s+year)[\s-]+end|(?P<fy3>eofy))\b"
            r"|\b(?:before|by)\s+(?:the\s+)?(?P<which2>next\s+)?(?P<u2>weekend)\b",
            _day_period_end,
        ),
        (
            # a name as a deadline ("by Xmas"), not as a noun's ("the Christmas party")
            rf"\b(?:{_NAMED_RELATION}|come)\s+"
            rf"(?:(?:the|this|next|coming|upcoming)\s+)?(?P<named>{named_days.PATTERN})(?![\w'’-])"
            rf"(?:,?\s+(?:of\s+)?(?P<ny>20\d\d)(?!\d))?{_DAYS_OFF}"
            rf"(?!\s+{_NAMED_DAY_AS_NOUN})",
            _day_named,
        ),
        (
            # "Tuesday AM", "tmrw pm": the morning or the afternoon of that day
            r"(?:(?<=day\s)|(?<=tmrw\s)|(?<=tmw\s)|(?<=tomorrow\s)|(?<=today\s))"
            r"(?P<ap>am|a\.m\.|pm|p\.m\.)(?![\w.])",
            _clock_half_day,
        ),
        (
            # "at three thirty", "by four fifteen", "by 4ish"
            rf"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s))(?:(?P<hw>{_HOUR_WORD})[\s-]+"
            r"(?P<mw>fifteen|thirty|forty[\s-]?five|forty|twenty|ten|fifty)|(?P<h>\d{1,2})\s*-?ish)\b"
            r"|(?<=\s)(?P<h2>\d{1,2})-?ish\b",
            _clock_spoken,
        ),
        (
            # "the Monday after Thanksgiving", "the Friday before Christmas", "the day after
            # Labor Day": counted from the named day
            r"\b(?:the\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|day)"
            rf"\s+(?P<dir>after|before)\s+(?:the\s+)?(?P<named>{named_days.PATTERN})(?![\w'’-])",
            _day_beside_named,
        ),
        (
            # "in 3 days", "give me 2 working days", "ETA 20 mins"
            r"\b(?:in|within|eta:?|give\s+me|gimme|allow)\s+(?:the\s+next\s+|about\s+|~\s*)?(?P<n>"
            + _NUM
            + r")\s*(?:more\s+)?"
            + _BIZ
            + _UNIT
            + r"(?!\w)|\b(?P<n2>"
            + _NUM
            + r")\s+"
            + _BIZ.replace("biz", "biz2")
            + _UNIT.replace("<u>", "<u2>")
            + r"\s+(?:from\s+(?:now|today)|hence|out)\b",
            _day_after,
        ),
        (
            # any holiday of the writer's country by its name: "before Republic Day"
            rf"\b(?:{_NAMED_RELATION})\s+"
            r"(?:the\s+)?(?P<called>(?>(?-i:[A-Z][\w'’.-]*)(?:\s+(?:(?:der|des|de|of|la|du)\s+)?"
            rf"(?-i:[A-Z][\w'’.-]*)){{0,3}}|(?:[a-z][\w'’-]*\s+){{1,3}}(?:day|eve)\b))"
            rf"{_DAYS_OFF}(?!\s+{_NAMED_DAY_AS_NOUN})",  # "by Republic Day", "by valentine's day"
            _day_called,
        ),
        (
            # "before the long weekend": the next one in the writer's country
            r"\b(?:before|by|ahead\s+of|prior\s+to|until|till)\s+the\s+(?:next\s+)?long\s+week-?end\b",
            _day_long_weekend,
        ),
        (
            r"\b(?:in|within)\s+(?:about\s+)?(?P<f>the\s+(?:next\s+)?hour|half\s+an\s+hour"
            r"|half\s+hour|an\s+hour\s+and\s+a\s+half"
            r"|one\s+and\s+a\s+half\s+hours|a\s+quarter\s+of\s+an\s+hour|quarter\s+of\s+an\s+hour"
            r"|three[\s-]quarters\s+of\s+an\s+hour|[13]/[24]\s*h(?:our)?)\b",
            _after_fraction,
        ),
        (
            r"(?<![\w:.$£€/-])(?:(?P<h>\d{1,2})(?::(?P<m>[0-5]\d))?(?::[0-5]\d)?|(?P<hm>\d{3,4}))"
            r"(?:\s*(?P<ap>a\.\s?m\.?|p\.\s?m\.?|am|pm)(?![a-z])|(?P<ap2>a|p)(?![a-z]))",
            _clock_ampm,
        ),
        (
            r"(?<![\w:.$£€/-])(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?::[0-5]\d)?(?![\d:]|\.\d)",
            _clock_24h,
        ),
        (
            # military time after a deadline word: "by 0900", "at 1630hrs" (not "by 2026")
            r"(?:(?<=\bby\s)|(?<=\bat\s)|(?<=\bbefore\s)|(?<=\buntil\s)|(?<=@)|(?<=day\s)"
            r"|(?<=\bthe\s))(?:(?P<h>0\d|1\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hrs|hours|h)\b"
            r"|(?P<h2>0\d|1[3-8]|2[1-3])(?P<m2>[0-5]\d)\b(?![.,]\d))",
            _clock_military,
        ),
        (r"(?<![\w:.$£€/-])(?P<h>\d{1,2})h(?P<m>[0-5]\d)?(?![\w:])", _clock_h),
        (
            r"\b(?P<w>noon|mid[\s-]?day|12\s*noon|lunch\s*time|lunch|midnight|bright\s+and\s+early"
            r"|(?:(?:this|in\s+the)\s+)?arvo"
            r"|(?:the\s+)?(?:start|beginning|open)[\s-]+of[\s-]+(?:the\s+)?(?:business|work(?:ing)?"
            r"[\s-]+day|(?:the\s+)?day)"
            r"|(?:(?:this|in\s+the)\s+)?(?:early\s+)?morning"
            r"|(?:(?:this|in\s+the)\s+)?afternoon|(?:(?:this|in\s+the)\s+)?evening"
            r"|night|first\s+thing(?:\s+in\s+the\s+morning)?|eod|eop|cob|eob|c\.o\.b"
            r"|(?:the\s+)?(?:end|close)[\s-]+of[\s-]+(?:the\s+)?(?:business[\s-]+|work(?:ing)?[\s-]+)?"
            r"(?:day|business|play))\b",
            _clock_word,
        ),
        (
            r"(?:(?<=\bat\s)|(?<=@)|(?<=@\s)|(?<=\baround\s)|(?<=\bby\s)|(?<=\bbefore\s)"
            r"|(?<=\buntil\s)|(?<=\btill\s)|(?<=\btil\s))(?P<h>\d{1,2})"
            r"(?P<oc>\s*(?:o['’]?\s?clock|uhr\b))?(?![\w:/%-]|[.,]\d|\s*%)"
            r"|\b(?P<h2>\d{1,2})(?P<oc2>\s*(?:o['’]?\s?clock|uhr\b))(?!\w)"
            r"|\b(?P<h3>\d{1,2})(?=\s+(?:tomorrow|today|tonight|in\s+the\s+(?:morning|afternoon"
            r"|evening)|this\s+(?:morning|afternoon|evening))\b)",
            _clock_bare,
        ),
        (
            r"\b(?P<q>half|(?:a\s+)?quarter|(?:\d{1,2}|five|ten|twenty|twenty[\s-]five)"
            r"(?:\s+minutes?)?)\s+(?P<dir>past|after|to|till|before)\s+(?P<t>\d{1,2}|noon|midday"
            rf"|midnight|{_HOUR_WORD})(?:\s*(?P<ap>am|pm|a\.m\.?|p\.m\.?))?(?![\w:])",
            _clock_past,
        ),
        (
            # British "half four": half past four, after a word that puts a time next
            r"\b(?:by|at|around|until|till|before|for|from|about)\s+half\s+"
            rf"(?P<t>\d{{1,2}}|{_HOUR_WORD})(?![\w:]|\s*(?:an?|past|of|hours?|mins?|the)\b)",
            _clock_half,
        ),
        (
            # "on 4.3.", "bis 12.11.": a day and a month with dots, the German way
            r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\bam\s)|(?<=\bbis\s)|(?<=\buntil\s)|(?<=\btill\s)"
            r"|(?<=\bbefore\s)|(?<=\bfrom\s))(?P<d>[0-3]?\d)\.(?P<mo>[01]?\d)\.(?![\w.])",
            _day_dotted,
        ),
    ]
    shapes += [
        (
            r"(?:\b(?:by|at|before|until|till|@)\s+(?:(?:"
            + _WEEKDAY
            + r"|today|tomorrow|tmrw)\s+)?"
            r"|\b(?:" + _WEEKDAY + r"|today|tomorrow|tmrw)\s+)"  # "Friday 25:00", as /more-time
            r"(?:at\s+)?(?P<t>" + _IMPOSSIBLE_CLOCK.pattern + ")",
            _impossible_clock,
        ),
        (
            r"\b(?:yesterday|(?:the\s+)?day\s+before\s+yesterday|(?:late\s+)?last\s+night"
            r"|(?:last|past|previous|this\s+past)\s+(?:" + _WEEKDAY + r"|week(?:[\s-]?end)?|month"
            r"|year|night|time)(?:['’]s)?|(?:" + _NUM + r")\s+(?:" + _WEEKDAY + r"s?|minutes?|mins?"
            r"|hours?|hrs?|days?|weeks?|fortnights?|months?|years?)\s+(?:ago|back|before)"
            r"|earlier\s+today)\b",
            _past,
        ),
        (
            r"\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+"
            r"(?P<wd>" + _WEEKDAY + r"|day|business\s+day|working\s+day|weekday)\s+(?:of|in)\s+"
            r"(?:(?P<which>this|next|the|the\s+next|the\s+following|the\s+current|current"
            r"|the\s+coming|coming)\s+month|(?P<mon>" + _MONTH + r")(?:,?\s+(?P<y>\d{4}))?)\b",
            _day_nth_of_month,
        ),
        (
            r"\b(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+day)?\s+of\s+(?:the\s+)?"
            r"(?P<which>this|next|following|current|coming)\s+month\b",
            _day_of_month,
        ),
        (
            r"\b(?P<hw>" + _HOUR_WORD + r")"
            r"(?:[\s-](?P<mw>o['’]?\s?clock|forty[\s-]five|fifteen|thirty|twenty|forty|fifty|ten"
            r"|five))?(?:\s*(?P<ap>am|pm|a\.m\.?|p\.m\.?)(?![a-z]))?"
            r"(?P<next>(?=\s+(?:tonight|in\s+the\s+(?:morning|afternoon"
            r"|evening))\b))?(?![\w-])",
            _clock_words,
        ),
        (
            r"(?:\b(?:from|between)\s+)?(?<![\w:.])(?P<a>\d{1,2}(?:[:h][0-5]\d)?)\s*"
            r"(?P<apa>[ap]\.?m\.?|[ap](?![a-z]))?\s*(?:-|–|to|till|until|untill|and|thru|through)"
            r"\s*(?P<b>\d{1,2}(?:[:h][0-5]\d)?)\s*(?P<apb>[ap]\.?m\.?(?![a-z])|[ap](?![a-z]))?"
            r"(?![\w:/])",
            _clock_range,
        ),
    ]
    return tuple((re.compile(p, _F), h) for p, h in shapes)


# --- calendar arithmetic ----------------------------------------------------------------------
# Business days are the working calendar's working days. A reading never fails for want of them:
# with no working day in reach, business days count as calendar days, and a period's first or
# last business day is its first or last day.


def _business_days_after(calendar: WorkingHours, day: date, count: int) -> date:
    try:
        return calendar.add_working_days(day, count)
    except NoWorkingDay:
        return day + timedelta(days=count)


def _first_business_day(calendar: WorkingHours, day: date) -> date:
    try:
        return calendar.first_working_day(day)
    except NoWorkingDay:
        return day


def _last_business_day(calendar: WorkingHours, first: date, last: date) -> date:
    """The last business day from `first` to `last` (a week to a year), else `last`."""
    try:
        day = calendar.previous_working_day(last + timedelta(days=1))
    except NoWorkingDay:
        return last
    return day if day >= first else last


def _add_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return d.replace(year=year, month=month0 + 1, day=min(d.day, last))


def _next_month_with_day(d: date, day: int) -> date:
    first = d.replace(day=1)
    for _ in range(24):
        first = _add_months(first, 1)
        if day <= calendar.monthrange(first.year, first.month)[1]:
            return first.replace(day=day)
    return first


def _same_day_next_year(d: date) -> date:
    year = d.year + 1
    if (d.month, d.day) == (2, 29):
        while not calendar.isleap(year):
            year += 1
    return d.replace(year=year)


# Where the fiscal year does not start in January, as people there say "FY end", "EOFY".
_FISCAL_STARTS = {"IN": 4, "GB": 4, "JP": 4, "NZ": 4, "AU": 7, "EG": 7, "PK": 7, "CA": 4}


def _fiscal_start(locale: str) -> int:
    return _FISCAL_STARTS.get(_region(locale), 1)


def _month_first(locale: str) -> bool:
    """Month before day (11/27) for the US and plain "en"; day first for other regions."""
    return _region(locale) in {"", "US", "PH", "PR", "GU", "AS", "VI", "UM", "MP"}


def _region(locale: str) -> str:
    """The country of a locale ("en-IN", "en_GB"), upper case; "" when it names none ("en")."""
    parts = locale.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 else ""
