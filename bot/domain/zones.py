"""Time zones and wall times as people type them on a command line or in a JSON line."""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone(name: str) -> str:
    """`name` when it is a time zone; ValueError saying what one looks like otherwise."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        shown = name if len(name) <= 60 else name[:57] + "..."
        raise ValueError(f"{shown!r} is not a time zone like Europe/London") from None
    return name


def local_time(text: str, tz: str) -> datetime:
    """An ISO time; without an offset it is wall time in `tz`."""
    try:
        at = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO time like 2026-11-20T10:00") from None
    if not _FIRST_YEAR <= at.year <= _LAST_YEAR:  # due times are read up to ten years on
        raise ValueError(f"{text!r} is outside the years {_FIRST_YEAR}-{_LAST_YEAR}")
    return at if at.tzinfo else at.replace(tzinfo=ZoneInfo(tz))


_FIRST_YEAR, _LAST_YEAR = 1970, 9000


def locale_tag(text: str) -> str:
    """`text` when it is a locale like en-US, en_GB or de (a language, and a country the world
    knows); ValueError saying what one looks like otherwise."""
    tag = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}))?", text)
    if tag is None or (tag[2] is not None and tag[2].upper() not in _country_codes()):
        shown = text if len(text) <= 60 else text[:57] + "..."
        raise ValueError(f"{shown!r} is not a locale like en-US or en-GB")
    return text


@cache
def _country_codes() -> frozenset[str]:
    table = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    return frozenset(line[:2] for line in table.splitlines() if line and not line.startswith("#"))


def country_of(tz: str) -> str | None:
    """The country a zone keeps the time of ("America/Toronto" -> "CA"), from the zone
    database's own table; None for a zone of no country ("UTC", "Etc/GMT+2")."""
    return _countries().get(tz)


@cache
def _countries() -> dict[str, str]:
    table = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {row[2]: row[0] for row in rows if len(row) >= 3}
