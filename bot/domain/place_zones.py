"""Time zones named by a place, as people write them: "5pm London time", "9am Sydney time",
"noon NYC time", "by 3 Bangalore time".

Every city of the zone database ("London", "New York", "Sao Paulo"…), and the countries and
cities people name for a zone that the database does not (UK, NYC, Bangalore, Germany…).
After a clock time, a place names a zone when "time" follows it ("9am Sydney time"), "in" comes
before it ("5pm in Chicago"), or it is a well-known city ("5pm Berlin"); "the London office" is
a place, not a zone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from zoneinfo import available_timezones

# The zone database's own areas; its other names (US/Eastern, Etc/GMT+5…) are not places.
_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")

_ALSO = {
    "Europe/London": "uk|britain|great britain|england|scotland|wales|british",
    "Europe/Dublin": "ireland|irish",
    "America/New_York": "nyc|ny|new york city|boston|miami|atlanta|washington|dc|philly"
    "|philadelphia|east coast",
    "America/Chicago": "dallas|houston|austin|texas|minneapolis|st louis",
    "America/Los_Angeles": "la|sf|san francisco|seattle|silicon valley|bay area|california"
    "|portland|san diego|west coast",
    "America/Toronto": "ottawa",
    "America/Sao_Paulo": "são paulo|brazil|rio|rio de janeiro",
    "America/Mexico_City": "mexico",
    "Europe/Berlin": "germany|german|munich|frankfurt|hamburg|cologne|berlin",
    "Europe/Paris": "france|french",
    "Europe/Madrid": "spain|barcelona",
    "Europe/Rome": "italy|milan",
    "Europe/Amsterdam": "netherlands|holland|dutch",
    "Europe/Zurich": "switzerland|swiss|geneva",
    "Europe/Warsaw": "poland|krakow",
    "Europe/Stockholm": "sweden",
    "Europe/Oslo": "norway",
    "Europe/Copenhagen": "denmark",
    "Europe/Helsinki": "finland",
    "Europe/Istanbul": "turkey",
    "Europe/Moscow": "russia",
    "Asia/Kolkata": "india|indian|bangalore|bengaluru|mumbai|bombay|delhi|new delhi|chennai"
    "|hyderabad|pune|gurgaon|gurugram|noida",
    "Asia/Tokyo": "japan",
    "Asia/Shanghai": "china|beijing|shenzhen",
    "Asia/Seoul": "korea",
    "Asia/Manila": "philippines",
    "Asia/Jakarta": "indonesia",
    "Asia/Dubai": "uae|abu dhabi",
    "Asia/Jerusalem": "israel|tel aviv",
    "Africa/Johannesburg": "south africa|cape town|joburg|jozi|durban|pretoria",
    "America/Phoenix": "arizona",
    "Africa/Lagos": "nigeria",
    "Africa/Nairobi": "kenya",
    "Africa/Cairo": "egypt",
    "Pacific/Auckland": "new zealand|nz|wellington",
    "Pacific/Honolulu": "hawaii",
}


@cache
def places() -> dict[str, str]:
    """Each place's name, lower case with single spaces, to its zone."""
    named: dict[str, str] = {}
    for key in sorted(available_timezones()):
        area, _, city = key.rpartition("/")
        if area.split("/")[0] in _AREAS and city:
            named.setdefault(city.replace("_", " ").lower(), key)
    for key, names in _ALSO.items():
        for name in names.split("|"):
            named[name] = key
    return named


# Cities well known enough to name a zone without "time": "5pm Berlin", "noon Tokyo".
_WELL_KNOWN = (
    "london paris berlin madrid rome lisbon dublin amsterdam brussels zurich vienna stockholm oslo"
    " copenhagen helsinki warsaw prague athens istanbul moscow cairo lagos nairobi johannesburg"
    " dubai karachi kolkata dhaka bangkok jakarta singapore manila shanghai tokyo seoul sydney"
    " melbourne brisbane perth adelaide auckland chicago denver phoenix toronto vancouver"
    " montreal"
)


@cache
def well_known() -> str:
    """Places that name a zone without "time" after a clock time: the well-known cities and
    every name people use that the zone database lacks (NYC, Bangalore, Joburg)."""
    names = {*_WELL_KNOWN.split(), *(n for names in _ALSO.values() for n in names.split("|"))}
    return _alternatives(names)


@cache
def pattern() -> str:
    """The places as one regular expression (longest first), each words apart by blanks."""
    return _alternatives(places())


def _alternatives(names: Iterable[str]) -> str:
    words = sorted(names, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in words)


def zone_of_place(name: str) -> str | None:
    return places().get(" ".join(name.lower().split()))
