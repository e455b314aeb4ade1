"""The dates behind named days ("by Thanksgiving", "before Diwali"), from the `holidays`
package: the writer's country first, else the country the day belongs to."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.easter import easter

# How each named day is called in the `holidays` package's English names.
_CALLED: dict[str, str] = {
    "christmas": r"christmas(?: day)?$",
    "boxing_day": r"boxing day$|second day of christmas$|saint stephen's day$",
    "new_years_day": r"new year's day$",
    "good_friday": r"good friday$",
    "easter_monday": r"easter monday$",
    "thanksgiving": r"thanksgiving(?: day)?$",
    "labour_day": r"labou?r day$",
    "memorial_day": r"memorial day$",
    "independence_day": r"independence day$",
    "juneteenth": r"juneteenth",
    "canada_day": r"canada day$",
    "australia_day": r"australia day$",
    "anzac_day": r"anzac day$",
    "melbourne_cup": r"melbourne cup",
    "diwali": r"diwali|deepavali",
    "holi": r"holi$",
    "chinese_new_year": r"chinese new year$|lunar new year$",
}
# Where a day is from, for writers whose own calendar lacks it ("before Diwali" from London).
_HOME: dict[str, tuple[str, str | None]] = {
    "thanksgiving": ("US", None),
    "black_friday": ("US", None),
    "memorial_day": ("US", None),
    "independence_day": ("US", None),
    "juneteenth": ("US", None),
    "labour_day": ("US", None),
    "canada_day": ("CA", None),
    "australia_day": ("AU", None),
    "anzac_day": ("AU", None),
    "melbourne_cup": ("AU", "VIC"),
    "boxing_day": ("GB", None),
    "diwali": ("IN", None),
    "holi": ("IN", None),
    "chinese_new_year": ("SG", None),
}
# Days everyone names that are on no public calendar, as (month, day).
_FIXED = {"christmas_eve": (12, 24), "new_years_eve": (12, 31), "halloween": (10, 31)}


class HolidayCalendar:
    """`NamedDays` for the reader, on the `holidays` package (names read in English)."""

    def date_of(self, day: str, country: str, year: int) -> date | None:
        if day in _FIXED:
            return date(year, *_FIXED[day])
        if day == "easter":
            return easter(year)
        if day == "black_friday":
            thanksgiving = self.date_of("thanksgiving", "US", year)
            return thanksgiving + timedelta(days=1) if thanksgiving else None
        called = _CALLED.get(day)
        if called is None:
            return None
        home, subdivision = _HOME.get(day, (country, None))
        for where, part in ((country, None), (home, subdivision)):
            found = _first_called(called, where, part, year)
            if found is not None:
                return found
        return None

    def date_called(self, name: str, country: str, year: int) -> date | None:
        return _by_name(country, year).get(" ".join(name.lower().split()))

    def public_holidays(self, country: str, year: int) -> frozenset[date]:
        return _public(country, year)


@lru_cache(maxsize=256)
def _by_name(country: str, year: int) -> dict[str, date]:
    """A country's holidays by their names in lower case, the first day of each."""
    found: dict[str, date] = {}
    for day, names in _named(country, None, year):
        for name in names.split(";"):
            found.setdefault(name.strip().lower(), day)
    return found


@lru_cache(maxsize=256)
def _named(country: str, subdivision: str | None, year: int) -> tuple[tuple[date, str], ...]:
    """A country's holidays of every category (names, not days off), soonest first."""
    if country not in holidays.list_supported_countries():
        return ()
    kind = holidays.country_holidays(country)
    calendar = holidays.country_holidays(
        country,
        subdiv=subdivision,
        years=year,
        categories=kind.supported_categories,
        language=_english(kind),
    )
    return tuple(sorted(calendar.items()))


# Where a country's own list lacks holidays most of it has: the UK's August bank holiday and
# Easter Monday are England's (and Wales'), not Scotland's, so the UK's list leaves them out.
_MOST_OF = {"GB": "ENG"}


@lru_cache(maxsize=256)
def _public(country: str, year: int) -> frozenset[date]:
    if country not in holidays.list_supported_countries():
        return frozenset()
    return frozenset(holidays.country_holidays(country, subdiv=_MOST_OF.get(country), years=year))


def _english(kind: holidays.HolidayBase) -> str | None:
    languages = getattr(kind, "supported_languages", ())
    return next((language for language in ("en_US", "en_GB") if language in languages), None)


def _first_called(called: str, country: str, subdivision: str | None, year: int) -> date | None:
    pattern = re.compile(called, re.IGNORECASE)
    for day, names in _named(country, subdivision, year):
        if any(pattern.match(name.strip()) for name in names.split(";")):
            return day
    return None
