"""Instants as a person reads them: in their own zone, with the day's name."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo


def when(
    at: datetime, zone: str, now: datetime | None = None, *, said: datetime | None = None
) -> str:
    """'Fri 27 Nov, 15:00', or 'today, 15:00' / 'tomorrow, 09:00' relative to `now`; with its
    year ('Tue 5 Jan 2027, 17:00') outside the year of `now`, or of when it was `said`."""
    local = at.astimezone(ZoneInfo(zone))
    if now is not None:
        today = now.astimezone(ZoneInfo(zone)).date()
        days = (local.date() - today).days
        if days in (0, 1):
            return f"{'today' if days == 0 else 'tomorrow'}, {local:%H:%M}"
    seen = now or said
    year = f" {local.year}" if seen and seen.astimezone(ZoneInfo(zone)).year != local.year else ""
    return f"{local:%a} {local.day} {local:%b}{year}, {local:%H:%M}"
