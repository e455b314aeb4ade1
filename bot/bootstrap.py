"""The composition root: settings, clock, database, senders and jobs, wired once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field

import holidays

from bot.clock import Clock
from bot.domain.due_times import ReadingRules
from bot.jobs import periodic_jobs
from bot.jobs.scheduler import Job
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.holiday_calendar import HolidayCalendar
from bot.services.outbox import Sender
from bot.settings import Settings
from bot.store.db import Database

# Holidays are known for this many years either side of start-up.
HOLIDAY_YEARS = 2


@dataclass
class Kept(Env):
    """Everything a running Kept needs, built once and handed to the platform adapters."""

    senders: list[Sender] = field(default_factory=list)
    team_directory: Directory | None = None  # the Slack workspace `[digest] teams` names people in

    def jobs(self) -> list[Job]:
        """The periodic work, in the order `tick` runs it."""
        return periodic_jobs(self, self.senders, team_directory=self.team_directory)


def build(settings: Settings, clock: Clock) -> Kept:
    return Kept(
        settings=settings,
        clock=clock,
        db=Database(settings.database_url),
        rules=reading_rules(settings, clock.now().year),
    )


def reading_rules(settings: Settings, year: int) -> ReadingRules:
    """How due times are read here: the settings' hours and days, and the holiday calendar."""
    hours, words = settings.working_hours, settings.due_times
    days_off: frozenset = frozenset()  # type: ignore[type-arg]
    if hours.holiday_country:
        calendar = holidays.country_holidays(
            hours.holiday_country,
            subdiv=hours.holiday_subdivision,
            years=range(year - HOLIDAY_YEARS, year + HOLIDAY_YEARS + 1),
        )
        days_off = frozenset(calendar.keys())
    return ReadingRules(
        end_of_day=words.end_of_day,
        morning=words.morning,
        noon=words.noon,
        afternoon=words.afternoon,
        working_days=hours.days,
        holidays=days_off,
        languages=words.languages,
        fiscal_year_start=words.fiscal_year_start,
        named_days=HolidayCalendar(),
    )
