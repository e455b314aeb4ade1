"""The words of dates and times: month and weekday names, numbers in words, locales."""

from __future__ import annotations

import re

# --- the grammar -------------------------------------------------------------------------------

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAYS |= {"teu": 1, "wen": 2, "thr": 3, "fir": 4}  # as typed in a hurry: "thrusday"
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
ORDINAL_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ORD_SMALL) if i}
ORDINAL_WORDS.update({"twentieth": 20, "thirtieth": 30, "thirty first": 31})
ORDINAL_WORDS.update({f"twenty {w}": 20 + i for i, w in enumerate(_ORD_SMALL[1:10], start=1)})
_NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_SMALL)}
_NUMBER_WORDS.update({w: float(n) for w, n in _TENS.items()})
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2})
_NUMBER_WORDS.update({"a few": 3, "few": 3, "a pair of": 2, "several": 3})

ANY_CASE = re.IGNORECASE
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_FULL = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
WEEKDAY = (
    r"(?:monday|mon|tuesday|tues?|wednesday|wed|thursday|thurs?|thu|friday|fri"
    r"|saturday|sat|sunday|sun)"
)
ORD_WORD = "|".join(w.replace(" ", r"[\s-]") for w in sorted(ORDINAL_WORDS, key=len, reverse=True))
DAY = rf"(?:(?P<d>[0-3]?\d)(?P<suf>st|nd|rd|th)?|(?P<dw>{ORD_WORD}))"
NUM = (
    r"(?:\d+(?:\.\d+)?|a\s+couple(?:\s+of)?|couple\s+of|a\s+few|few|a\s+pair\s+of|several|an?"
    r"|(?:twenty|thirty|forty|fifty|sixty)(?:[\s-](?:one|two|three|four|five|six|seven|eight"
    r"|nine))?|" + "|".join(sorted(_SMALL, key=len, reverse=True)) + ")"
)


def first_group(m: re.Match[str], *names: str) -> str:
    """The first of the named groups that matched, lower-cased and with single spaces."""
    groups = m.groupdict()
    for name in names:
        value = groups.get(name)
        if value:
            return " ".join(value.lower().replace("-", " ").split())
    return ""


def year_said(text: str) -> int | None:
    digits = text.strip("'’-")
    if not digits:
        return None
    year = int(digits)
    if len(digits) == 2:
        year += 2000 if year < 69 else 1900
    return year


def number_said(text: str) -> float | None:
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


FRACTIONS = {
    "half an hour": 30, "half hour": 30, "an hour and a half": 90, "one and a half hours": 90,
    "a quarter of an hour": 15, "quarter of an hour": 15, "a quarter hour": 15,
    "three quarters of an hour": 45, "1/2 h": 30, "1/4 h": 15, "3/4 h": 45,
    "1/2 hour": 30, "1/4 hour": 15, "3/4 hour": 45, "1/2h": 30, "1/4h": 15, "3/4h": 45,
    "the hour": 60, "the next hour": 60,
}  # fmt: skip


SPOKEN_MINUTES = {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                   "forty five": 45, "fortyfive": 45, "fifty": 50}  # fmt: skip


HOUR_WORDS = {w: i for i, w in enumerate(_SMALL) if 1 <= i <= 12}
HOUR_WORD = "|".join(sorted(HOUR_WORDS, key=len, reverse=True))


def hour_of(written: str) -> int:
    """An hour written in digits or in a word ("4", "four")."""
    return HOUR_WORDS[written] if written in HOUR_WORDS else int(written)


MINUTE_WORDS = {"o'clock": 0, "oclock": 0, "o’clock": 0, "five": 5, "ten": 10, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty five": 45, "forty": 40, "fifty": 50}  # fmt: skip


UNIT = r"(?P<u>minutes?|mins?|m\b|hours?|hrs?|h\b|days?|weeks?|wks?|fortnights?|months?)"
BIZ = r"(?:(?P<biz>business|biz|working|work)\s+)?"


# Where the fiscal year does not start in January, as people there say "FY end", "EOFY".
_FISCAL_STARTS = {"IN": 4, "GB": 4, "JP": 4, "NZ": 4, "AU": 7, "EG": 7, "PK": 7, "CA": 4}


def fiscal_start_in(locale: str) -> int:
    return _FISCAL_STARTS.get(region_of(locale), 1)


def month_first_in(locale: str) -> bool:
    """Month before day (11/27) for the US and plain "en"; day first for other regions."""
    return region_of(locale) in {"", "US", "PH", "PR", "GU", "AS", "VI", "UM", "MP"}


def region_of(locale: str) -> str:
    """The country of a locale ("en-IN", "en_GB"), upper case; "" when it names none ("en")."""
    parts = locale.replace("_", "-").split("-")
    return parts[1].upper() if len(parts) > 1 else ""
