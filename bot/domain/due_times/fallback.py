"""The lazy `dateparser` fallback for short texts the grammar cannot read (its only importer)."""

from __future__ import annotations

import re
from datetime import datetime

from bot.domain.due_times.words import ANY_CASE, MONTH, WEEKDAY

# Only a text this short goes to dateparser, which reads a long one slowly (worse than linearly).
SHORT_WORDS = 8
SHORT_TEXT = 80  # characters: eight words of ten letters


# Worth asking dateparser only with a digit and a month or weekday name ("14april 2015").
DIGIT = re.compile(r"\d")
NAMED = re.compile(r"\b" + MONTH + "|" + MONTH + r"\b|\b" + WEEKDAY + r"\b", ANY_CASE)


def dateparser_read(
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
