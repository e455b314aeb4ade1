"""The working calendar: working days, holidays and working hours, and the arithmetic on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# "The last working slot" of a day: this long before its working hours end.
LAST_SLOT = timedelta(minutes=30)
# Bounds every walk over the calendar, even with no working days at all.
MAX_DAYS = 400


class NoWorkingDay(ValueError):
    """The calendar has no working day within a year of the day asked about."""

    def __init__(self) -> None:
        super().__init__("no working day within a year: check [working_hours] days")


@dataclass(frozen=True)
class WorkingHours:
    """When people work: a working day is one of `days` that is not a holiday."""

    start: time = time(9, 0)
    end: time = time(17, 0)
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday is 0
    holidays: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays

    def next_working_day(self, day: date) -> date:
        """The first working day after `day`."""
        return self._walk(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day before `day`."""
        return self._walk(day, -1)

    def first_working_day(self, day: date) -> date:
        """`day` if it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def add_working_days(self, day: date, count: int) -> date:
        for _ in range(count):
            day = self.next_working_day(day)
        return day

    def start_of(self, day: date, tz: ZoneInfo) -> datetime:
        """When the working hours of `day` start."""
        return _at(day, self.start, tz)

    def last_slot_of(self, day: date, tz: ZoneInfo) -> datetime:
        """The last working slot of `day`."""
        return _at(day, self.end, tz) - LAST_SLOT

    def last_slot_by(self, at: datetime, tz: ZoneInfo) -> datetime:
        """`at` if it is inside working hours, else the last working slot before it."""
        local = at.astimezone(tz)
        day = local.date()
        if self.is_working_day(day):
            if self.start <= local.time() < self.end:
                return at
            if local.time() >= self.end:
                return self.last_slot_of(day, tz)
        return self.last_slot_of(self.previous_working_day(day), tz)

    def next_slot_from(self, at: datetime, tz: ZoneInfo) -> datetime:
        """`at` if it is inside working hours, else the start of the next working hours."""
        local = at.astimezone(tz)
        day = local.date()
        if self.is_working_day(day):
            if self.start <= local.time() < self.end:
                return at
            if local.time() < self.start:
                return self.start_of(day, tz)
        return self.start_of(self.next_working_day(day), tz)

    def morning_after(self, at: datetime, tz: ZoneInfo) -> datetime:
        """The start of the first working day after the day of `at`."""
        return self.start_of(self.next_working_day(at.astimezone(tz).date()), tz)

    def _walk(self, day: date, step: int) -> date:
        for _ in range(MAX_DAYS):
            day += timedelta(days=step)
            if self.is_working_day(day):
                return day
        raise NoWorkingDay()


def _at(day: date, at: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=tz)
