"""Days people name instead of dating them: "by Thanksgiving", "before Christmas", "by NYE".

The words are read here; which date each names depends on the writer's country and comes
from a calendar the caller gives (`NamedDays`: the `holidays` package, outside the domain).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol


class NamedDays(Protocol):
    """The calendar behind the names: a country's holidays, and a few days everyone names."""

    def date_of(self, day: str, country: str, year: int) -> date | None:
        """The date `day` (a key of NAMES) falls on in `year` for a writer in `country`."""
        ...

    def date_called(self, name: str, country: str, year: int) -> date | None:
        """The holiday of `country` in `year` called `name` ("Republic Day"), if it has one."""
        ...

    def public_holidays(self, country: str, year: int) -> frozenset[date]:
        """The public holidays of `country` in `year`: not business days for its writers."""
        ...


# Each named day's key and the ways people write it; a longer name comes before the shorter
# one it starts with ("christmas eve" before "christmas").
NAMES: dict[str, str] = {
    "christmas_eve": r"christmas\s+eve|xmas\s+eve",
    "christmas": r"christmas(?:\s+day)?|xmas|x-mas",
    "boxing_day": r"boxing\s+day|st\.?\s+stephen['’]?s\s+day",
    "new_years_eve": r"new\s+year['’]?s\s+eve|nye",
    "new_years_day": r"new\s+year['’]?s(?:\s+day)?|the\s+new\s+year",
    "shrove_tuesday": r"shrove\s+tuesday|pancake\s+day|mardi\s+gras",
    "ash_wednesday": r"ash\s+wednesday",
    "palm_sunday": r"palm\s+sunday",
    "maundy_thursday": r"maundy\s+thursday|holy\s+thursday",
    "easter_monday": r"easter\s+monday",
    "good_friday": r"good\s+friday",
    "easter": r"easter(?:\s+sunday)?",
    "ascension_day": r"ascension(?:\s+day)?",
    "whit_monday": r"whit\s+monday|pentecost\s+monday",
    "whit_sunday": r"whit\s+sunday|pentecost(?:\s+sunday)?",
    "corpus_christi": r"corpus\s+christi",
    "thanksgiving": r"thanksgiving(?:\s+day)?|turkey\s+day",
    "black_friday": r"black\s+friday",
    "cyber_monday": r"cyber\s+monday",
    "giving_tuesday": r"giving\s+tuesday",
    "labour_day": r"labou?r\s+day",
    "memorial_day": r"memorial\s+day",
    "independence_day": r"independence\s+day|july\s+4(?:th)?|(?:the\s+)?4th\s+of\s+july"
    r"|(?:the\s+)?fourth\s+of\s+july",
    "juneteenth": r"juneteenth",
    "canada_day": r"canada\s+day",
    "australia_day": r"australia\s+day",
    "anzac_day": r"anzac\s+day",
    "melbourne_cup": r"(?:melbourne\s+)?cup\s+day",
    "diwali": r"diwali|deepavali",
    "holi": r"holi",
    "chinese_new_year": r"cny|chinese\s+new\s+year|lunar\s+new\s+year",
    "halloween": r"hall?owe['’]?en",
}

PATTERN = "|".join(f"(?:{words})" for words in NAMES.values())
_KEYS = [(key, re.compile(rf"(?:{words})$", re.IGNORECASE)) for key, words in NAMES.items()]


def key_of(name: str) -> str:
    """The key of a named day as written ("Xmas" -> "christmas")."""
    spoken = " ".join(name.lower().split())
    return next(key for key, words in _KEYS if words.match(spoken))
