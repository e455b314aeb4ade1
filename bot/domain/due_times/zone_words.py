"""Time zones as people name them: abbreviations, long names, the zone database, places."""

from __future__ import annotations

import re
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain import place_zones
from bot.domain.due_times.words import ANY_CASE

_ZONE_NAMES = {
    "et": "America/New_York", "est": "America/New_York", "eastern": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "central": "America/Chicago",
    "mt": "America/Denver", "mst": "America/Denver", "mountain": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "cet": "Europe/Paris", "eet": "Europe/Helsinki", "wet": "Europe/Lisbon",
    "gmt": "UTC", "utc": "UTC", "z": "UTC", "ist": "Asia/Kolkata", "jst": "Asia/Tokyo",
    "sgt": "Asia/Singapore", "hkt": "Asia/Hong_Kong", "aest": "Australia/Sydney",
    "aet": "Australia/Sydney", "nzst": "Pacific/Auckland", "nzt": "Pacific/Auckland",
}  # fmt: skip
_ZONE_OFFSETS = {
    "edt": -4, "cdt": -5, "mdt": -6, "pdt": -7, "bst": 1, "cest": 2, "eest": 3,
    "west": 1, "aedt": 11, "nzdt": 13,
}  # fmt: skip
# Zones by their long names, before the short ones they start with ("Central European Time").
_ZONE_LONG_NAMES = {
    "central european": "Europe/Paris", "eastern european": "Europe/Helsinki",
    "western european": "Europe/Lisbon", "greenwich mean": "UTC", "british summer": "Europe/London",
    "indian standard": "Asia/Kolkata", "japan standard": "Asia/Tokyo",
    "australian eastern": "Australia/Sydney", "new zealand": "Pacific/Auckland",
}  # fmt: skip
_IANA = r"(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)/\w+(?:/\w+)?"
ZONE = re.compile(
    r"\s*\(?(?:(?P<long>"
    + "|".join(name.replace(" ", r"\s+") for name in _ZONE_LONG_NAMES)
    + r")(?:\s+(?:standard|summer|daylight))?\s+time\b"
    + rf"|(?P<iana>(?-i:{_IANA}))(?:\s+time\b)?"
    + r"|(?P<z>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-](?:0\d|1[0-4]):?[0-5]\d(?!\d)|"
    + "|".join(sorted([*_ZONE_NAMES, *_ZONE_OFFSETS], key=len, reverse=True))
    + r")\)?(?![\w+-])(?:\s+time\b)?"
    + r"|in\s+(?P<place_in>"
    + place_zones.pattern()
    + r")\b(?:\s+time\b)?\)?"
    + r"|(?P<place>"
    + place_zones.pattern()
    + r")\s+time\b\)?"
    + r"|(?P<known>"
    + place_zones.well_known()
    + r")\b(?!\s+(?:office|team|site|hq|branch|store|warehouse|airport)\b)\)?)",
    ANY_CASE,
)


def zone_of(said: re.Match[str]) -> tzinfo | None:
    """The zone a match of ZONE names."""
    if said.group("long"):
        return ZoneInfo(_ZONE_LONG_NAMES[" ".join(said.group("long").lower().split())])
    if said.group("iana"):
        try:
            return ZoneInfo(said.group("iana"))
        except (ZoneInfoNotFoundError, ValueError):
            return None
    named = said.group("z") or said.group("place_in") or said.group("place") or said.group("known")
    return _zone(named)


def _zone(name: str) -> tzinfo | None:
    if (place := place_zones.zone_of_place(name)) is not None:
        return ZoneInfo(place)
    key = re.sub(r"\s+", "", name.lower())
    if key in _ZONE_NAMES:
        return ZoneInfo(_ZONE_NAMES[key])
    if key in _ZONE_OFFSETS:
        return timezone(timedelta(hours=_ZONE_OFFSETS[key]))
    offset = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d{2})?", key)
    if offset:
        sign = 1 if offset.group(1) == "+" else -1
        hours, minutes = int(offset.group(2)), int(offset.group(3) or 0)
        if hours > 14 or minutes > 59:
            return None
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None
