"""Delivering at once what a request queued: after a commit that queued a message, a thread
of the web process drains the outbox, claiming rows as the clock's drain does (so never
twice). The minute's drain stays the safety net. Wakes that come while it drains are one."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from bot.clock import Clock
from bot.jobs.drain_outbox import drain_outbox
from bot.services.outbox import Sender
from bot.store.db import Database
from bot.store.outbox import QUEUED

log = logging.getLogger(__name__)


class DeliverSoon:
    def __init__(self, db: Database, senders: Sequence[Sender], clock: Clock) -> None:
        self._db, self._senders, self._clock = db, senders, clock
        self._woken = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deliver-soon", daemon=True)

    def start(self) -> None:
        """Drain after every commit that queued a message, from now on."""
        self._db.after_commit_of(QUEUED, self._woken.set)
        self._thread.start()

    def _run(self) -> None:
        while True:
            self._woken.wait()
            self._woken.clear()
            try:
                drain_outbox(self._db, self._senders, self._clock)
            except Exception:  # the minute's drain tries again; this thread must live on
                log.exception("delivering at once failed: the next minute's drain will retry")
