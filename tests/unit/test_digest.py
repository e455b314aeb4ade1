"""The digest's weeks: ISO weeks in the manager's zone, across the new year, and refused names.

The numbers themselves are worked out by hand against the SQL that counts them, in
tests/integration/test_digest_queries.py.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.domain.digest import IsoWeek, trend_weeks, week_bounds
from bot.domain.errors import KeptError


def at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def test_an_iso_week_runs_monday_to_monday_in_the_managers_zone() -> None:
    # 2026-W45 starts Monday 2 November, the day after New York leaves summer time.
    assert week_bounds("2026-W45", "America/New_York") == (at(2, 5), at(9, 5))
    assert week_bounds("2026-W45", "Asia/Kolkata") == (
        datetime(2026, 11, 1, 18, 30, tzinfo=UTC),
        datetime(2026, 11, 8, 18, 30, tzinfo=UTC),
    )


def test_the_week_of_an_instant_depends_on_the_zone() -> None:
    sunday_night_in_new_york = at(9, 4)

    assert str(IsoWeek.containing(sunday_night_in_new_york, "America/New_York")) == "2026-W45"
    assert str(IsoWeek.containing(sunday_night_in_new_york, "Europe/Berlin")) == "2026-W46"


def test_weeks_cross_the_new_year() -> None:
    assert str(IsoWeek.parse("2026-W53").shifted(1)) == "2027-W01"
    assert str(IsoWeek.parse("2027-W01").shifted(-1)) == "2026-W53"
    assert [str(w) for w in trend_weeks(IsoWeek.parse("2027-W02"))] == [
        "2026-W48",
        "2026-W49",
        "2026-W50",
        "2026-W51",
        "2026-W52",
        "2026-W53",
        "2027-W01",
        "2027-W02",
    ]


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "last tuesday", "2026-45"])
def test_a_week_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(KeptError, match="Write it like 2026-W45"):
        IsoWeek.parse(text)
