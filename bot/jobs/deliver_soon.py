"""Delivering at once what a request queued: after a commit that queued a message, a thread
of the web process drains the outbox, claiming rows as the clock's drain does (so never
twice). The minute's drain stays the safety net.

Each such commit wakes one drainer, not all: a burst wakes several, which then send in
parallel, each claiming its own rows; a lone message is not looked for by every thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from bot.clock import Clock
from bot.domain.working_hours import WorkingHours
from bot.jobs.drain_outbox import drain_outbox
from bot.services.outbox import Sender
from bot.store.db import Database
from bot.store.outbox import QUEUED

log = logging.getLogger(__name__)


# Threads draining at once: one sends a message at a time, waiting on the platform each time.
DRAINERS = 4


class DeliverSoon:
    def __init__(
        self, db: Database, senders: Sequence[Sender], clock: Clock, hours: WorkingHours
    ) -> None:
        self._db, self._senders, self._clock, self._hours = db, senders, clock, hours
        self._queued = threading.Semaphore(0)  # one release for each commit that queued
        self._threads = [
            threading.Thread(target=self._run, name=f"deliver-soon-{n}", daemon=True)
            for n in range(DRAINERS)
        ]

    def start(self) -> None:
        """Drain after every commit that queued a message, from now on."""
        self._db.after_commit_of(QUEUED, self._queued.release)
        for thread in self._threads:
            thread.start()

    def _run(self) -> None:
        while True:
            self._queued.acquire()
            try:
                drain_outbox(self._db, self._senders, self._clock, self._hours)
            except Exception:  # the minute's drain tries again; this thread must live on
                log.exception("delivering at once failed: the next minute's drain will retry")
