"""The composition root: settings, clock, database, senders and jobs, wired once at start-up."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from bot.clock import Clock
from bot.jobs.drain import drain_outbox
from bot.jobs.scheduler import Job
from bot.services.outbox import Sender
from bot.settings import Settings
from bot.store.db import Database


@dataclass
class Kept:
    """Everything a running Kept needs, built once and handed to the platform adapters."""

    settings: Settings
    clock: Clock
    db: Database
    senders: list[Sender] = field(default_factory=list)

    def jobs(self) -> list[Job]:
        """The periodic work, in the order `tick` runs it."""
        return [Job("drain_outbox", partial(drain_outbox, self.db, self.senders, self.clock))]


def build(settings: Settings, clock: Clock) -> Kept:
    return Kept(settings=settings, clock=clock, db=Database(settings.database_url))
