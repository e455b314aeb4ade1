"""The dates behind named days ("by Thanksgiving", "before Diwali"), from the `holidays`
package: the writer's country first, else the country the day belongs to."""

from __future__ import annotations

import re
import warnings
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

import holidays
from dateutil.easter import easter

# How each named day is called in the `holidays` package's English names.
_CALLED: dict[str, str] = {
    "christmas": r"christmas(?: day)?$",
    "boxing_day": r"boxing day$|second day of christmas$|saint stephen's day$",
    "new_years_day": r"new year's day$",
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
# Where a day is from, for writers whose own calendar lacks it ("before Diwali" from London);
# not the names many countries give their own days (Independence Day, Labour Day).
_HOME: dict[str, tuple[str, str | None]] = {
    "thanksgiving": ("US", None),
    "black_friday": ("US", None),
    "memorial_day": ("US", None),
    "juneteenth": ("US", None),
    "canada_day": ("CA", None),
    "australia_day": ("AU", None),
    "anzac_day": ("AU", None),
    "melbourne_cup": ("AU", "VIC"),
    "boxing_day": ("GB", None),
    "diwali": ("IN", None),
    "holi": ("IN", None),
    "chinese_new_year": ("SG", None),
}
# Days counted from Easter Sunday (Western), wherever the writer is.
_FROM_EASTER = {
    "shrove_tuesday": -47,
    "ash_wednesday": -46,
    "palm_sunday": -7,
    "maundy_thursday": -3,
    "good_friday": -2,
    "easter": 0,
    "easter_monday": 1,
    "ascension_day": 39,
    "whit_sunday": 49,
    "whit_monday": 50,
    "corpus_christi": 60,
}
_FROM_THANKSGIVING = {"black_friday": 1, "cyber_monday": 4, "giving_tuesday": 5}
# Days everyone names that are on no public calendar, as (month, day).
_FIXED = {"christmas_eve": (12, 24), "new_years_eve": (12, 31), "halloween": (10, 31)}


def _calendar(country: str, **chosen: Any) -> holidays.HolidayBase:
    """A country's holidays; a year past the package's tables has none it knows, which is no
    news for the log (it warns of it)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Requested Holidays are available only")
        return holidays.country_holidays(country, **chosen)


class HolidayCalendar:
    """`NamedDays` for the reader, on the `holidays` package (names read in English)."""

    def date_of(self, day: str, country: str, year: int) -> date | None:
        if day in _FIXED:
            return date(year, *_FIXED[day])
        if day in _FROM_EASTER:
            return easter(year) + timedelta(days=_FROM_EASTER[day])
        if day in _FROM_THANKSGIVING:
            thanksgiving = self.date_of("thanksgiving", "US", year)
            return thanksgiving + timedelta(days=_FROM_THANKSGIVING[day]) if thanksgiving else None
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
        """The holiday called `name` as people say it ("MLK Day", "Paddy's Day", "Gandhi
        Jayanti", "Hari Raya"): any of the country's names for it in English or its own
        language, its states' too; a name of two words or more (or one long word, "Himmelfahrt")
        may be part of one."""
        spoken = _spoken(name)
        if not spoken:
            return None
        for everywhere in (False, True):
            names = _by_name(country, year, everywhere=everywhere)
            if spoken in names:
                return names[spoken]
            if " " in spoken or (len(spoken) >= 8 and not spoken.endswith("day")):
                within = [day for called, day in names.items() if f" {spoken} " in f" {called} "]
                if within:
                    return min(within)
        return None

    def public_holidays(self, country: str, year: int) -> frozenset[date]:
        return _public(country, year)


@lru_cache(maxsize=256)
def _by_name(country: str, year: int, *, everywhere: bool = False) -> dict[str, date]:
    """A country's holidays by each name people may say (see `_spoken`), the first day of each:
    in its English and own languages; `everywhere`, its states' and regions' holidays too."""
    if country not in holidays.list_supported_countries():
        return {}
    kind = _calendar(country)
    languages = getattr(kind, "supported_languages", ()) or (None,)
    wanted = [f"en_{country}", "en_US", "en_GB", kind.default_language]
    parts = [None, *(getattr(kind, "subdivisions", ()) if everywhere else ())]
    found: dict[str, date] = {}
    for language in (w for w in dict.fromkeys(wanted) if w in languages or w is None):
        for part in parts:
            calendar = _calendar(
                country,
                subdiv=part,
                years=year,
                categories=kind.supported_categories,
                language=language,
            )
            for day, names in sorted(calendar.items()):
                for name in re.split(r"[;/]", names):
                    found.setdefault(_spoken(name), day)
    found.pop("", None)
    return found


# How people shorten holidays' names: "MLK Day", "Paddy's Day".
_SAID_FOR = {"mlk": "martin luther king", "paddys": "patricks", "paddy": "patrick"}
_UNSAID = frozenset({"the", "day", "saint", "st", "jr", "observed", "holiday"})


def _spoken(name: str) -> str:
    """A holiday's name as compared: lower case, no possessives, punctuation or words people
    leave out ("Martin Luther King Jr. Day" and "MLK day" are both "martin luther king")."""
    words = re.sub(r"\(.*?\)", " ", name.lower().replace("’", "'"))
    words = re.sub(r"'s\b|'", "", words)
    said = (_SAID_FOR.get(word, word) for word in re.findall(r"[^\W_]+(?:-[^\W_]+)*", words))
    return " ".join(word for word in said if word not in _UNSAID)


@lru_cache(maxsize=256)
def _named(country: str, subdivision: str | None, year: int) -> tuple[tuple[date, str], ...]:
    """A country's holidays of every category (names, not days off), soonest first."""
    if country not in holidays.list_supported_countries():
        return ()
    kind = _calendar(country)
    calendar = _calendar(
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
    return frozenset(_calendar(country, subdiv=_MOST_OF.get(country), years=year))


def _english(kind: holidays.HolidayBase) -> str | None:
    languages = getattr(kind, "supported_languages", ())
    return next((language for language in ("en_US", "en_GB") if language in languages), None)


def _first_called(called: str, country: str, subdivision: str | None, year: int) -> date | None:
    pattern = re.compile(called, re.IGNORECASE)
    for day, names in _named(country, subdivision, year):
        if any(pattern.match(name.strip()) for name in names.split(";")):
            return day
    return None
