"""Short written durations: "30m", "2h", "1d", "1w", "1h30m"."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*([wdhm])")
_WHOLE = re.compile(r"(?:\d+\s*[wdhm]\s*)+")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}


def parse_duration(text: str) -> timedelta:
    """The duration written in `text`; ValueError when it is not one."""
    written = text.strip().lower()
    if not _WHOLE.fullmatch(written):
        raise ValueError(f"{text!r} is not a duration like 30m, 2h, 1d or 1w")
    total = timedelta(0)
    for number, unit in _PART.findall(written):
        total += timedelta(**{_UNITS[unit]: int(number)})
    return total
