"""The handlers of clock times: "3pm", "15:00", "by 3", "half four", "this morning"."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Literal

from bot.domain.due_times.times import (
    LAST_MINUTE,
    LATE_EVENING,
    Grain,
    SaidClock,
    SaidPart,
    SaidPast,
)
from bot.domain.due_times.words import (
    ANY_CASE,
    HOUR_WORDS,
    MINUTE_WORDS,
    SPOKEN_MINUTES,
    first_group,
    hour_of,
    number_said,
)
from bot.domain.due_times.zone_words import ZONE

if TYPE_CHECKING:
    from bot.domain.due_times.reading import TextReading


def working_hour(at: time, bias: Literal["am", "pm"] | None) -> time:
    hour = at.hour
    if bias == "pm" and hour < 12:
        hour += 12
    elif bias == "am" and hour == 12:
        hour = 0
    elif bias is None and 1 <= hour <= 6:
        hour += 12
    return at.replace(hour=hour)


# "at 3p", "@ 9h": an hour with a bare a/p or h needs "at" (or "@") just before it.
_AT_BEFORE = re.compile(r"(?:\bat|@)\s*$", ANY_CASE)  # on a few characters at a time


def _at_before(r: TextReading, m: re.Match[str]) -> bool:
    """Whether "at" or "@" comes before the match, with only blanks between. Found by stepping
    back over those blanks: searching all the text before each match was quadratic."""
    end = m.start()
    while end and r.clean[end - 1].isspace():
        end -= 1
    return _AT_BEFORE.search(r.clean, max(0, end - 2), end) is not None


def clock_ampm(r: TextReading, m: re.Match[str]) -> SaidPart | None:
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
    pm = first_group(m, "ap", "ap2").startswith("p")
    hour = hour % 12 + (12 if pm else 0)
    grain: Grain = "minute" if (m.group("m") or digits) else "hour"
    return SaidClock(time(hour, minute), grain)


def clock_24h(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    hour, minute = int(m.group("h")), int(m.group("m"))
    ambiguous = 1 <= hour <= 12 and not m.group("h").startswith("0")
    return SaidClock(time(hour % 24, minute), "minute", ambiguous=ambiguous)


def clock_half_day(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    if first_group(m, "ap").startswith("a"):
        return SaidClock(r.rules.morning, "hour", part="am")
    return SaidClock(r.rules.afternoon, "hour", part="pm")


def clock_spoken(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "three thirty": an hour and its minutes in words; "4ish": about four, its hour."""
    if m.group("hw"):
        minute = SPOKEN_MINUTES[first_group(m, "mw")]
        return SaidClock(time(hour_of(first_group(m, "hw")), minute), "minute", ambiguous=True)
    hour = int(first_group(m, "h", "h2"))
    if not 1 <= hour <= 12:
        return None
    return SaidClock(time(hour), "hour", ambiguous=True)


def clock_military(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    if m.group("h2") and _AN_AMOUNT_AFTER.match(r.clean, m.end()):
        return None  # "grew by 1500 users": an amount
    hour, minute = int(first_group(m, "h", "h2")), int(first_group(m, "m", "m2"))
    return SaidClock(time(hour, minute), "minute")


# A word after a number that makes it an amount, not a time ("by 1500 users", "at 1800 rpm").
_AN_AMOUNT_AFTER = re.compile(
    r"\s*(?!(?:today|tomorrow|tonight|tmrw|on|at|in|the|sharp|latest|local|time|\w+day)\b)[a-z]",
    ANY_CASE,
)


def clock_h(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    hour = int(m.group("h"))
    if hour > 23:
        return None
    before = r.clean[max(0, m.start() - 12) : m.start()]
    said_as_time = _AT_BEFORE.search(before[-4:]) or _DEADLINE_BEFORE.search(before)
    if not m.group("m") and hour < 13 and not said_as_time:
        return None  # "2h" is a duration; "at 10h", "before 10h" a time
    return SaidClock(time(hour, int(m.group("m") or 0)), "minute" if m.group("m") else "hour")


def clock_word(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    word = first_group(m, "w")
    rules = r.rules
    # "good morning", "grab lunch", "good night": a part of day alone is no due time; "by
    # lunch", "before morning" are
    said = word.startswith(("this ", "in the ", "first thing")) or bool(
        _DEADLINE_BEFORE.search(r.clean, max(0, m.start() - 20), m.start())
    )
    if word in ("noon", "midday", "mid day", "12 noon", "12noon"):
        return SaidClock(rules.noon, "hour")
    if word in ("lunch", "lunchtime", "lunch time"):
        return SaidClock(rules.noon, "hour", bare=not said)
    if word == "midnight":
        return SaidClock(LAST_MINUTE, "minute")
    if word.startswith("this "):
        return _this_part(r, word.split()[-1])
    if word.endswith("morning") or word.startswith(("first thing", "bright and early")):
        return SaidClock(rules.morning, "hour", part="am", bare=not said)
    if word.startswith(("start", "beginning", "open", "the start", "the beginning")):
        return SaidClock(rules.morning, "hour", part="am")  # "start of business": a due time
    if word.endswith(("afternoon", "arvo")):
        return SaidClock(rules.afternoon, "hour", part="pm", bare=not said)
    if word.endswith(("evening", "night")):
        return SaidClock(rules.end_of_day, "hour", part="pm", bare=not said)
    return SaidClock(rules.end_of_day, "day", next_business_day=True)


def _this_part(r: TextReading, part: str) -> SaidPart:
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
        return SaidPast()
    return SaidClock(end if now >= at else at, "hour", part=half)


def clock_bare(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    written = m.group("h") or m.group("h2") or m.group("h3") or ""
    hour = int(written)
    if hour > 23:
        return None
    oclock = bool(m.group("oc") or m.group("oc2"))
    deadline = _is_deadline_hour(r, m)
    bare = not (oclock or deadline)
    if hour > 12 or hour == 0 or written.startswith("0"):
        return SaidClock(time(hour), "hour", bare=bare)
    return SaidClock(time(hour), "hour", ambiguous=True, bare=bare, next_business_day=deadline)


# "by 3", "until five": an hour alone is a deadline, the next such working hour; not "by 3
# items" nor "cut it by 3" (an amount), so what comes after it and the verb before are looked at.
_DEADLINE_BEFORE = re.compile(r"\b(?:by|before|until|till|til|no\s+later\s+than)\s+$", ANY_CASE)
_CHANGED_BY = re.compile(
    r"\b(?:cut|cuts|divided?|multiplied|multiply|increased?|decreased?|reduced?|reduces|grew"
    r"|grow|grows|up|down|rose|fell|drops?|dropped|raised?|lowered?|improved?|off|over|under"
    r"|behind|ahead|beat|lost|won|short|slipped|slips?|delayed?|late|early|shrunk|shrink)\b"
    r"(?:\s+[\w'’]+){0,2}\s+by\s+$",
    ANY_CASE,
)
_DEADLINE_AFTER = re.compile(
    r"\s*(?:$|[^\w\s]|(?:today|tomorrow|tmrw|tonight|latest|at\s+the\s+latest|sharp|please|pls"
    r"|and|or|then|so|if|ok|okay|thanks|thx|cheers|promise|my\s+time|your\s+time|local"
    r"|o['’]?\s?clock|i|we|you|he|she|they|when|once|but|as|because|since|after|for\s+the)\b)",
    ANY_CASE,
)


def _is_deadline_hour(r: TextReading, m: re.Match[str]) -> bool:
    """Whether the hour is a deadline: "by 3" ending its clause, or before a zone or a word
    that carries on the sentence."""
    window = max(0, m.start() - 60)
    if _DEADLINE_BEFORE.search(r.clean, window, m.start()) is None:
        return False
    if _CHANGED_BY.search(r.clean, window, m.start()):
        return False  # "reduce latency by 5": an amount
    return bool(_DEADLINE_AFTER.match(r.clean, m.end()) or ZONE.match(r.clean, m.end()))


def clock_past(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "half past 3", "a quarter to noon", "20 minutes past 3pm"."""
    amount = first_group(m, "q")
    direction = first_group(m, "dir")
    target = first_group(m, "t")
    if amount[0].isdigit() and "min" not in amount and direction != "past" and target.isdigit():
        return None  # "2 to 3 people" is a range of numbers, not 2:58
    spoken = amount.split()[0] if amount[0].isdigit() else amount.replace(" minutes", "")
    minutes = (
        30 if amount == "half" else 15 if "quarter" in amount else int(number_said(spoken) or 0)
    )
    if minutes >= 60:
        return None
    ap = first_group(m, "ap")
    if target in ("noon", "midday"):
        hour, ambiguous = 12, False
    elif target == "midnight":
        hour, ambiguous = 0, False
    else:
        hour = hour_of(target)
        if hour > 23:
            return None
        ambiguous = not ap and 1 <= hour <= 12
        if ap:
            hour = hour % 12 + (12 if ap.startswith("p") else 0)
    if ambiguous:
        hour = working_hour(time(hour), None).hour
    base = datetime.combine(date(2000, 1, 2), time(hour))
    delta = timedelta(minutes=minutes)
    at = base - delta if direction in ("to", "till", "before") else base + delta
    return SaidClock(at.time(), "minute")


def clock_half(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "by half four": 16:30, the hour read as a working hour."""
    hour = hour_of(first_group(m, "t"))
    if not 1 <= hour <= 12:
        return None
    at = datetime.combine(date(2000, 1, 2), working_hour(time(hour), None)) + timedelta(minutes=30)
    return SaidClock(at.time(), "minute")


# "by Friday 25:00", "at 13pm", "by 10:75": a time that does not exist, so no due time at all.
IMPOSSIBLE_CLOCK = re.compile(
    r"(?<![\w:.])(?:(?:2[5-9]|[3-9]\d):\d\d|\d{1,2}:[6-9]\d|(?:1[3-9]|2\d)\s*(?:am|pm))(?![\w:])",
    ANY_CASE,
)


def impossible_clock(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    r.invalid.append(m.group("t"))
    return None


def clock_words(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "three pm", "at three", "eight tonight", "seven thirty p.m."."""
    hour = HOUR_WORDS[first_group(m, "hw")]
    minutes_word = first_group(m, "mw")
    minute = MINUTE_WORDS.get(minutes_word, 0)
    ap = first_group(m, "ap")
    grain: Grain = "minute" if minute else "hour"
    if ap:
        return SaidClock(time(hour % 12 + (12 if ap.startswith("p") else 0), minute), grain)
    before = r.clean[max(0, m.start() - 8) : m.start()]
    anchored = re.search(r"\b(?:at|around)\s+$", before, ANY_CASE) or m.group("next") is not None
    deadline = _is_deadline_hour(r, m)
    if not (anchored or deadline or "clock" in minutes_word):
        return None
    return SaidClock(
        time(hour, minute),
        grain,
        ambiguous=True,
        bare=not (deadline or "clock" in minutes_word),
        next_business_day=deadline,
    )


def clock_range(r: TextReading, m: re.Match[str]) -> SaidPart | None:
    """ "3-4pm", "between 9:30 and 11:00", "9h30 - 11h": the end is the due time."""
    a, b = m.group("a"), m.group("b")
    ap = first_group(m, "apb") or first_group(m, "apa")
    if not (ap or re.search(r"[:h]", a + b, ANY_CASE)):
        return None  # "2-3 people", "9 to 5": numbers, not times
    hour, _, minute_text = b.lower().replace("h", ":").partition(":")
    hour_n, minute = int(hour), int(minute_text or 0)
    if hour_n > 23:
        return None
    grain: Grain = "minute" if minute_text else "hour"
    if ap:
        if not 1 <= hour_n <= 12:
            return None
        return SaidClock(time(hour_n % 12 + (12 if ap.startswith("p") else 0), minute), grain)
    ambiguous = 1 <= hour_n <= 12 and not hour.startswith("0")
    return SaidClock(time(hour_n % 24, minute), grain, ambiguous=ambiguous)
