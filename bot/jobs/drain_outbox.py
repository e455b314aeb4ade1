"""The job that drains the outbox: hands due messages to each platform's sender and records
what happened."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import partial

from bot.clock import Clock
from bot.domain.working_hours import WorkingHours
from bot.services.outbox import Delivery, RetryLater, Sender, SendResult, backoff
from bot.services.timely import untimely
from bot.store import outbox
from bot.store.db import Database

log = logging.getLogger(__name__)

# At most this many messages per platform in one run, so one run always ends.
BATCH = 500


def drain_outbox(db: Database, senders: Sequence[Sender], clock: Clock, hours: WorkingHours) -> int:
    """Deliver every due message; the number of messages handed over. Each is claimed in one
    transaction and its outcome written in another: nothing is held while a platform answers,
    so drains at once (`serve` and `tick`) share the work and never send a message twice. A
    nudge or digest that no longer fits the moment (`hours`) waits or is dropped instead."""
    return sum(_drain(db, sender, clock, hours) for sender in senders)


def _drain(db: Database, sender: Sender, clock: Clock, hours: WorkingHours) -> int:
    """One platform's due messages, until none is left, the batch is done, or the platform asks
    us to slow down: sending more then would only be refused too (the next run tries again)."""
    handled = 0
    for _ in range(BATCH):
        with db.unit_of_work() as session:
            delivery = outbox.claim_next(session, sender.platform, clock.now())
        if delivery is None:
            break
        result = untimely(delivery, clock.now(), hours) or _send(sender, delivery)
        # Lost, the outcome would leave the message "sending", and sent again once its lease ends.
        db.again_if_lost(partial(outbox.record, delivery=delivery, result=result, now=clock.now()))
        handled += 1
        if isinstance(result, RetryLater) and result.throttled:
            log.warning(
                "%s asked to slow down (%s): its other messages wait for the next run",
                sender.platform,
                result.reason,
            )
            break
    return handled


def _send(sender: Sender, delivery: Delivery) -> SendResult:
    try:
        return sender.send(delivery)
    except Exception as error:  # a bug or an outage must not stop the other messages
        log.exception("sending outbox message %s (%s) failed", delivery.key, delivery.kind)
        return RetryLater(backoff(delivery.attempts), f"{type(error).__name__}: {error}")
