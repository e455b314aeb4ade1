"""Two drains at once (`serve` and a `tick` beside it, or two `tick`s), and a drain stopped in
the middle of a send, on SQLite and on PostgreSQL: every message is handed over once."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest

from bot.clock import FixedClock
from bot.domain.working_hours import WorkingHours
from bot.jobs.drain_outbox import drain_outbox
from bot.services.outbox import SENDING_LEASE, Delivery, SendResult, Sent
from bot.store import outbox
from bot.store.db import Database
from tests.fakes.outbox import all_rows, queue


@dataclass
class SlowPlatform:
    """A sender whose first send in each drain waits for the other drain to be sending too:
    so the two drains are sending at the same time, if they can be."""

    platform: str = "slack"
    handed: list[str] = field(default_factory=list)
    both_sending: threading.Barrier = field(default_factory=lambda: threading.Barrier(2, timeout=2))
    _waited: threading.local = field(default_factory=threading.local)

    def send(self, delivery: Delivery) -> SendResult:
        self.handed.append(delivery.key)
        if not getattr(self._waited, "done", False):
            self._waited.done = True
            with contextlib.suppress(threading.BrokenBarrierError):
                self.both_sending.wait()
        return Sent()


def test_two_drains_at_once_hand_over_each_message_once_while_both_send(
    db: Database, clock: FixedClock
) -> None:
    keys = [f"news:{n}" for n in range(30)]
    for key in keys:
        queue(db, clock, key)
    slack = SlowPlatform()

    with ThreadPoolExecutor(2) as jobs:
        drains = [jobs.submit(drain_outbox, db, [slack], clock, WorkingHours()) for _ in "ab"]
        handled = [run.result() for run in drains]

    assert Counter(slack.handed) == dict.fromkeys(keys, 1)
    assert sum(handled) == len(keys)
    assert not slack.both_sending.broken  # neither waited for the other's send to end
    assert {row.status for row in all_rows(db)} == {"sent"}


def test_a_message_being_sent_when_kept_stopped_is_sent_again_once_after_the_lease(
    db: Database, clock: FixedClock, caplog: pytest.LogCaptureFixture
) -> None:
    queue(db, clock, "news:1")
    with db.unit_of_work() as session:  # claimed, then the process was killed mid-send
        assert outbox.claim_next(session, "slack", clock.now()) is not None
    slack = SlowPlatform()
    slack.both_sending.abort()

    drain_outbox(
        db, [slack], clock, WorkingHours()
    )  # another drain may still be sending it: left alone
    assert slack.handed == []

    clock.advance(SENDING_LEASE)
    with caplog.at_level(logging.WARNING):
        drain_outbox(db, [slack], clock, WorkingHours())
    drain_outbox(db, [slack], clock, WorkingHours())

    assert slack.handed == ["news:1"]
    [row] = all_rows(db)
    assert (row.status, row.attempts) == ("sent", 2)  # the lost try is counted
    assert "news:1 may have been sent already" in caplog.text


# --- helpers ------------------------------------------------------------------------------------
