"""The clocks: aware UTC always, and only forward."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.clock import FixedClock, ShiftedClock


def test_a_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(datetime(2026, 11, 24, 9, 0, tzinfo=timezone(timedelta(hours=-5))))

    assert clock.now() == datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
    clock.advance(timedelta(hours=2))
    assert clock.now() == datetime(2026, 11, 24, 16, 0, tzinfo=UTC)


def test_a_shifted_clock_starts_where_asked_and_flows_with_its_base() -> None:
    base = FixedClock(datetime(2030, 1, 1, tzinfo=UTC))
    clock = ShiftedClock(start=datetime(2026, 11, 24, 9, 0, tzinfo=UTC), base=base)

    base.advance(timedelta(minutes=5))
    clock.advance(timedelta(hours=1))

    assert clock.now() == datetime(2026, 11, 24, 10, 5, tzinfo=UTC)


def test_naive_times_and_going_back_are_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        FixedClock(datetime(2026, 11, 24, 9, 0))  # noqa: DTZ001
    with pytest.raises(ValueError, match="only moves forward"):
        FixedClock(datetime(2026, 11, 24, tzinfo=UTC)).advance(timedelta(seconds=-1))
