"""The digest's numbers, worked out by hand on one week (2026-W45, a manager in New York)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.digest import (
    IsoWeek,
    Outcome,
    PromiseFacts,
    WeekCounts,
    count_week,
    outcome,
    trend_weeks,
    week_bounds,
)
from bot.domain.errors import KeptError


def at(day: int, hour: int, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=UTC)


def promise(
    due: datetime,
    status: str = "open",
    closed: datetime | None = None,
    renegotiated: datetime | None = None,
    new_due: datetime | None = None,
    *,
    external: bool = False,
    told_early: bool = False,
) -> PromiseFacts:
    return PromiseFacts(due, new_due or due, status, closed, renegotiated, external, told_early)


# Now: Sunday 8 November 2026, 10:00 in New York (15:00 UTC), late in the week.
NOW = at(8, 15)
# The week's promises, each with the outcome the rules give it and why.
WEEK = {
    # done before its due time
    "A": (promise(at(3, 22), "done", at(3, 20)), Outcome.KEPT_ON_TIME),
    # done at the very minute it was due: still on time
    "B": (promise(at(4, 22), "done", at(4, 22)), Outcome.KEPT_ON_TIME),
    # done 3 hours late
    "C": (promise(at(4, 22), "done", at(5, 1)), Outcome.KEPT_LATE),
    # to Acme, done a day late, Acme never told
    "D": (promise(at(5, 17), "done", at(6, 17), external=True), Outcome.KEPT_LATE),
    # a co-worker's, moved 10 hours before its deadline (Kept told them then); still open
    "E": (
        promise(at(5, 22), renegotiated=at(5, 12), new_due=at(10, 17)),
        Outcome.RENEGOTIATED_EARLY,
    ),
    # to Globex, moved early, Globex told early, delivered Sunday 12:00 UTC: 43 hours late
    "F": (
        promise(at(6, 17), "done", at(8, 12), at(6, 9), at(9, 13), external=True, told_early=True),
        Outcome.RENEGOTIATED_EARLY,
    ),
    # to Initech, moved early, but nobody told Initech
    "G": (
        promise(at(6, 17), renegotiated=at(6, 10), new_due=at(10, 17), external=True),
        Outcome.RENEGOTIATED_EARLY,
    ),
    # moved the morning after its deadline, then delivered Sunday 10:00 UTC: 41 hours late
    "H": (promise(at(6, 17), "done", at(8, 10), at(7, 9), at(10, 17)), Outcome.RENEGOTIATED_LATE),
    # overdue since Friday evening, still open
    "I": (promise(at(6, 20)), Outcome.BROKEN),
    # cancelled
    "J": (promise(at(7, 17), "cancelled", at(5, 9)), Outcome.CANCELLED),
    # due Sunday 18:00 in New York: this week, not yet due
    "K": (promise(at(8, 23)), Outcome.NOT_YET_DUE),
}


@pytest.mark.parametrize("name", WEEK)
def test_each_promise_of_the_week_has_the_outcome_the_rules_give(name: str) -> None:
    facts, expected = WEEK[name]

    assert outcome(facts, NOW) is expected


def test_the_weeks_numbers_are_the_ones_worked_out_by_hand() -> None:
    counts = count_week([facts for facts, _ in WEEK.values()], NOW)

    # On time: A, B. Late: C, D. Renegotiated early: E, F, G; late: H. Broken: I.
    assert counts == WeekCounts(
        kept_on_time=2,
        kept_late=2,
        renegotiated_early=3,
        renegotiated_late=1,
        broken=1,
        cancelled=1,
        not_yet_due=1,
        # E (a co-worker's, moved early) and F (Globex told early); not D, G (customers never
        # told) nor H (moved after the deadline).
        warned=2,
        # Delivered late: C 3h, D 24h, H 41h, F 43h; the middle two average to 32.5h.
        median_delay_seconds=32.5 * 3600,
    )
    # Fell due: everything but J (cancelled) and K (not yet due): 9, of which 2 on time.
    assert counts.fell_due == 9
    assert counts.on_time_rate == pytest.approx(2 / 9)
    # Slipped: C, D, E, F, G, H, I: 7, of which 2 warned.
    assert counts.slipped == 7
    assert counts.early_warning_rate == pytest.approx(2 / 7)
    assert counts.median_delay == timedelta(hours=32, minutes=30)


def test_an_empty_week_has_no_rates_rather_than_zero() -> None:
    counts = count_week([], NOW)

    assert counts.on_time_rate is None
    assert counts.early_warning_rate is None
    assert counts.median_delay is None


def test_a_week_with_an_odd_number_of_delays_takes_the_middle_one() -> None:
    late = [promise(at(3, 10), "done", at(3, 10) + timedelta(hours=h)) for h in (1, 5, 2)]

    assert count_week(late, NOW).median_delay == timedelta(hours=2)


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
