"""The periodic jobs, run by APScheduler in `clock`/`serve`, or once by `tick`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

log = logging.getLogger(__name__)

# How often each job looks for due work.
INTERVAL_SECONDS = 60


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]


def run_once(jobs: list[Job]) -> dict[str, object]:
    """Every job once, in order: what `tick` does. Returns what each job reported."""
    return {job.name: job.run() for job in jobs}


def build_scheduler(jobs: list[Job], *, blocking: bool) -> BaseScheduler:
    """A scheduler running each job every minute, never two runs of a job at once."""
    scheduler: BaseScheduler = BlockingScheduler() if blocking else BackgroundScheduler()
    for job in jobs:
        scheduler.add_job(
            job.run,
            "interval",
            seconds=INTERVAL_SECONDS,
            id=job.name,
            name=job.name,
            max_instances=1,
            coalesce=True,
        )
    return scheduler
