"""Times as people write them in the nudge stories: `local_time(KOLKATA, "Fri 27 Nov 15:00")`.

A wall time in someone's zone becomes the instant (in UTC, as Kept stores it), and back.
The year is 2026 unless written (`"Mon 4 Jan 2027 09:00"`); the day's name is checked, so a
story cannot say Friday and mean Saturday.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

KOLKATA = "Asia/Kolkata"  # UTC+05:30, no daylight saving
NEW_YORK = "America/New_York"  # UTC-05:00 in winter, UTC-04:00 in summer
YEAR = 2026


def local_time(zone: str, written: str) -> datetime:
    """`"Fri 27 Nov 15:00"` in `zone`, as an instant in UTC."""
    with_year = written.count(" ") == 4
    form = "%a %d %b %Y %H:%M" if with_year else "%a %d %b %H:%M"
    parsed = datetime.strptime(written, form)  # noqa: DTZ007 - the zone is added below
    if not with_year:
        parsed = parsed.replace(year=YEAR)
    if f"{parsed:%a}" != written[:3]:
        raise ValueError(f"{written}: that day is a {parsed:%A}")
    return parsed.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def as_read(at: datetime, zone: str) -> str:
    """An instant as someone in `zone` reads it: `"Fri 27 Nov 15:00"`."""
    local = at.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b} {local:%H:%M}"


def in_working_hours(at: datetime, zone: str) -> bool:
    """Monday to Friday, 09:00 to 17:00 in `zone` (config/kept.toml's working hours)."""
    local = at.astimezone(ZoneInfo(zone))
    return local.weekday() < 5 and 9 <= local.hour < 17
