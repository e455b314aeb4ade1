"""The periodic jobs, run by APScheduler in `clock`/`serve`, or once by `tick`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from bot.clock import Clock
from bot.store.db import why

log = logging.getLogger(__name__)

# How often each job looks for due work.
INTERVAL_SECONDS = 60
# With the database down, the jobs wait this long before trying again, twice as long each
# time, up to the most.
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(minutes=15)
# What a database that does not answer raises: a connection refused or lost.
UNREACHABLE = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]


def run_once(jobs: list[Job]) -> dict[str, object]:
    """Every job once, in order: what `tick` does. Returns what each job reported."""
    return {job.name: job.run() for job in jobs}


class DatabaseWatch:
    """What the scheduled jobs do when the database does not answer: say so in one line, wait,
    try again later and later, and say when it answers again. Not a traceback a minute."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._wait: timedelta | None = None  # None: the database answered last time
        self._next_try: datetime | None = None

    def run(self, job: Job) -> None:
        now = self._clock.now()
        if self._next_try is not None and now < self._next_try:
            return
        try:
            job.run()
        except DBAPIError as error:
            if not (error.connection_invalidated or isinstance(error, UNREACHABLE)):
                raise  # a mistake in a statement, not a database down
            self._failed(job, error, now)
            return
        if self._wait is not None:
            log.warning("the database answers again: the jobs go on")
            self._wait, self._next_try = None, None

    def _failed(self, job: Job, error: DBAPIError, now: datetime) -> None:
        first = self._wait is None
        self._wait = FIRST_WAIT if self._wait is None else min(self._wait * 2, LONGEST_WAIT)
        self._next_try = now + self._wait
        if first:
            log.error(
                "the database does not answer (%s, in %s): the jobs try again in %d s, then"
                " less and less often",
                why(error),
                job.name,
                self._wait.total_seconds(),
            )


def build_scheduler(jobs: list[Job], clock: Clock, *, blocking: bool) -> BaseScheduler:
    """A scheduler running each job every minute, never two runs of a job at once; while the
    database is down, they wait together (one `DatabaseWatch`)."""
    scheduler: BaseScheduler = BlockingScheduler() if blocking else BackgroundScheduler()
    watch = DatabaseWatch(clock)
    for job in jobs:
        scheduler.add_job(
            watch.run,
            "interval",
            args=[job],
            seconds=INTERVAL_SECONDS,
            id=job.name,
            name=job.name,
            max_instances=1,
            coalesce=True,
        )
    return scheduler
