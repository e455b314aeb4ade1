"""Instants as people read them: their zone, the day, and the year when it is not this one."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.render.shared.times import when

LONDON = "Europe/London"
SAID = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_a_due_time_this_year_shows_no_year() -> None:
    assert when(datetime(2026, 12, 4, 17, 0, tzinfo=UTC), LONDON, said=SAID) == "Fri 4 Dec, 17:00"


def test_a_due_time_in_another_year_shows_its_year() -> None:
    january = datetime(2027, 1, 5, 17, 0, tzinfo=UTC)
    assert when(january, LONDON, said=SAID) == "Tue 5 Jan 2027, 17:00"
    assert when(january, LONDON, SAID) == "Tue 5 Jan 2027, 17:00"


def test_the_year_is_the_readers_own() -> None:
    """New Year's Eve 23:30 in London is already the new year in Tokyo."""
    eve = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert when(eve, LONDON, said=SAID) == "Thu 31 Dec, 23:30"
    assert when(eve, "Asia/Tokyo", said=SAID) == "Fri 1 Jan 2027, 08:30"
