"""The only place that asks the system for the time; everything else is handed a Clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """Real time moved by an offset that can grow: the shell's clock and `tick --at`.

    Time keeps flowing, so a shell left open behaves like a real day; `advance`
    jumps ahead so a newcomer can watch a nudge arrive without waiting for it.
    """

    def __init__(self, start: datetime | None = None, base: Clock | None = None) -> None:
        self._base = base or SystemClock()
        self._offset = timedelta(0) if start is None else require_aware(start) - self._base.now()

    def now(self) -> datetime:
        return self._base.now() + self._offset

    def advance(self, by: timedelta) -> None:
        if by < timedelta(0):
            raise ValueError("The clock only moves forward.")
        self._offset += by


class FixedClock:
    """An instant that moves only when told to: for tests and for replaying a time."""

    def __init__(self, at: datetime) -> None:
        self._at = require_aware(at)

    def now(self) -> datetime:
        return self._at

    def advance(self, by: timedelta) -> None:
        if by < timedelta(0):
            raise ValueError("The clock only moves forward.")
        self._at += by

    def set(self, at: datetime) -> None:
        self._at = require_aware(at)


def require_aware(at: datetime) -> datetime:
    """`at` in UTC; a naive datetime is a bug (whose wall time would it be?)."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{at.isoformat()} has no time zone")
    return at.astimezone(UTC)
