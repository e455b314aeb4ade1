"""The outbox: every message that must reach a person later, written with its cause.

Rows are keyed (`nudge:<promise>:<stage>`…) so the same message is never queued twice;
a sender per platform delivers them, and a row stays pending until a sender says it is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.store.models import OutboxMessage
from bot.store.writes import insert_many_once, insert_once

# After this many failed attempts a message is given up on and marked failed. A throttled try
# is not an attempt (see `record`): the platform never looked at the message.
MAX_ATTEMPTS = 8
# A message held back this long by a platform that keeps saying "wait" is given up on: it is
# news no longer, and the failure is on record for an operator.
MAX_HELD = timedelta(days=1)


@dataclass(frozen=True)
class Delivery:
    """One message to deliver, as a sender sees it."""

    id: int
    key: str
    platform: str
    workspace_id: str
    recipient: str
    kind: str
    payload: dict[str, Any]
    attempts: int


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class RetryLater:
    """A passing failure (5xx, timeout): try again after `wait`.

    `throttled` when the platform held every message back, not this one (a 429 and its
    Retry-After; Kept's own token refused): the try does not count toward MAX_ATTEMPTS, and
    the drain stops sending that platform anything more in this run. A message held back for
    MAX_HELD is given up on.
    """

    wait: timedelta
    reason: str
    throttled: bool = False


@dataclass(frozen=True)
class Undeliverable:
    """A permanent failure (the user is gone, the channel is archived): never retried."""

    reason: str


SendResult = Sent | RetryLater | Undeliverable


class Sender(Protocol):
    platform: str

    def send(self, delivery: Delivery) -> SendResult: ...


def enqueue(
    session: Session,
    *,
    key: str,
    platform: str,
    workspace_id: str,
    recipient: str,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    deliver_after: datetime | None = None,
) -> bool:
    """Queue a message, to go out at once or after `deliver_after`; False when a message with
    this key was queued before."""
    return insert_once(
        session,
        OutboxMessage,
        key=key,
        platform=platform,
        workspace_id=workspace_id,
        recipient=recipient,
        kind=kind,
        payload=payload,
        status="pending",
        attempts=0,
        deliver_after=deliver_after or now,
        created_at=now,
    )


def enqueue_many(session: Session, messages: list[dict[str, Any]], now: datetime) -> None:
    """Queue many messages in one statement (the sweep's); keys queued before are skipped."""
    rows = [{"status": "pending", "attempts": 0, "created_at": now, **m} for m in messages]
    insert_many_once(session, OutboxMessage, rows)


def withdraw(session: Session, key_prefix: str) -> None:
    """Take back messages not yet sent (a promise's nudges, once it is done or moved)."""
    _move(session, key_prefix, "pending", "withdrawn")


def restore(session: Session, key_prefix: str) -> None:
    """Send again what was withdrawn before it went out (a kudos reaction given back)."""
    _move(session, key_prefix, "withdrawn", "pending")


def _move(session: Session, key_prefix: str, old: str, new: str) -> None:
    session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.key.startswith(key_prefix, autoescape=True), OutboxMessage.status == old
        )
        .values(status=new)
    )


def claim_next(session: Session, platform: str, now: datetime) -> Delivery | None:
    """The oldest due message of a platform, locked for this transaction.

    On PostgreSQL other drains skip the locked row, so two clocks never send it twice.
    """
    row = session.scalar(
        select(OutboxMessage)
        .where(
            OutboxMessage.platform == platform,
            OutboxMessage.status == "pending",
            OutboxMessage.deliver_after <= now,
        )
        .order_by(OutboxMessage.deliver_after, OutboxMessage.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    if row is None:
        return None
    return delivery_of(row)


def delivery_of(row: OutboxMessage) -> Delivery:
    """A stored message as a sender sees it."""
    return Delivery(
        id=row.id,
        key=row.key,
        platform=row.platform,
        workspace_id=row.workspace_id,
        recipient=row.recipient,
        kind=row.kind,
        payload=dict(row.payload),
        attempts=row.attempts,
    )


def record(session: Session, delivery: Delivery, result: SendResult, now: datetime) -> None:
    """Write down what the sender did with a claimed message.

    `attempts` counts the tries the platform looked at; a throttled one (refused unread) is not
    counted, so a message waits out however long a throttle lasts (Monday 09:00, every digest
    at once) and is never given up on because of it.
    """
    row = session.get_one(OutboxMessage, delivery.id)
    if isinstance(result, RetryLater) and result.throttled:
        row.deliver_after, row.last_error = now + result.wait, result.reason
        if now - row.created_at >= MAX_HELD:
            row.status = "failed"
        return
    row.attempts += 1
    match result:
        case Sent():
            row.status, row.sent_at, row.last_error = "sent", now, None
        case RetryLater(wait, reason) if row.attempts < MAX_ATTEMPTS:
            row.deliver_after, row.last_error = now + wait, reason
        case RetryLater(_, reason) | Undeliverable(reason):
            row.status, row.last_error = "failed", reason
