"""The outbox's rows: queueing a message once, taking it back, claiming the next one due for a
sender, and writing down what the sender did (the messages and the policy:
bot/services/outbox.py)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.services.outbox import (
    MAX_ATTEMPTS,
    MAX_HELD,
    SENDING_LEASE,
    Deferred,
    Delivery,
    Outdated,
    Outgoing,
    Payload,
    RetryLater,
    SendResult,
    Sent,
    Undeliverable,
    UnknownDelivery,
    decode,
    encode,
)
from bot.store.models import OutboxMessage
from bot.store.writes import insert_many_once, insert_once

log = logging.getLogger(__name__)

# Set in a session that queued a message: its commit may wake a sender (jobs/deliver_soon.py).
QUEUED = "outbox_queued"


def enqueue(
    session: Session,
    *,
    key: str,
    platform: str,
    workspace_id: str,
    recipient: str,
    payload: Payload,
    now: datetime,
    deliver_after: datetime | None = None,
) -> bool:
    """Queue a message, to go out at once or after `deliver_after`; False when a message with
    this key was queued before."""
    session.info[QUEUED] = True
    return insert_once(
        session,
        OutboxMessage,
        key=key,
        platform=platform,
        workspace_id=workspace_id,
        recipient=recipient,
        kind=str(payload.kind),
        payload=encode(payload),
        status="pending",
        attempts=0,
        deliver_after=deliver_after or now,
        created_at=now,
    )


def enqueue_many(session: Session, messages: list[Outgoing], now: datetime) -> None:
    """Queue many messages in one statement (the sweep's); keys queued before are skipped."""
    rows = [
        {
            "key": message.key,
            "platform": message.platform,
            "workspace_id": message.workspace_id,
            "recipient": message.recipient,
            "kind": str(message.payload.kind),
            "payload": encode(message.payload),
            "status": "pending",
            "attempts": 0,
            "deliver_after": message.deliver_after or now,
            "created_at": now,
        }
        for message in messages
    ]
    session.info[QUEUED] = True
    insert_many_once(session, OutboxMessage, rows)


def withdraw(session: Session, key_prefix: str) -> None:
    """Take back messages not yet sent (a promise's nudges, once it is done or moved)."""
    _move(session, key_prefix, "pending", "withdrawn")


def withdraw_workspace(session: Session, platform: str, workspace_id: str, reason: str) -> int:
    """Take back every message not yet sent to a workspace, saying why; how many there were."""
    taken = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.platform == platform,
            OutboxMessage.workspace_id == workspace_id,
            OutboxMessage.status == "pending",
        )
        .values(status="withdrawn", last_error=reason)
    )
    return int(taken.rowcount)  # type: ignore[attr-defined]


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
    """The oldest due message of a platform, marked as being sent (for SENDING_LEASE) as this
    transaction commits: commit before sending, so no lock is held while the platform answers
    and a drain killed mid-send leaves a message known to be maybe sent.

    The mark is a conditional update that one drain alone can win, on SQLite as on PostgreSQL
    (where other drains also skip a row being claimed). A message whose lease ran out is
    claimed again, counted as an attempt and logged. A row no sender could read is marked
    failed on the way, with why.
    """
    while True:
        row = session.scalar(
            select(OutboxMessage)
            .where(
                OutboxMessage.platform == platform,
                OutboxMessage.status.in_(("pending", "sending")),
                OutboxMessage.deliver_after <= now,
            )
            .order_by(OutboxMessage.deliver_after, OutboxMessage.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)  # a row lost to another drain, anew
        )
        if row is None:
            return None
        if not _mark_sending(session, row, now):
            continue  # another drain won it between the look and the mark
        if row.attempts >= MAX_ATTEMPTS:
            row.status = "failed"
            continue
        try:
            return delivery_of(row)
        except UnknownDelivery as error:
            row.attempts += 1
            row.status, row.last_error = "failed", str(error)
            session.flush()


def _mark_sending(session: Session, row: OutboxMessage, now: datetime) -> bool:
    """Mark the row as being sent, if it is still as it was read; False when another won it."""
    stopped_mid_send = row.status == "sending"
    lease_ends = now + SENDING_LEASE
    won = session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == row.id,
            OutboxMessage.status == row.status,
            OutboxMessage.deliver_after == row.deliver_after,
        )
        .values(status="sending", deliver_after=lease_ends)
        .execution_options(synchronize_session=False)
    )
    if won.rowcount != 1:  # type: ignore[attr-defined]
        return False
    set_committed_value(row, "status", "sending")  # as the update left it, without reading it
    set_committed_value(row, "deliver_after", lease_ends)
    if stopped_mid_send:
        log.warning(
            "outbox message %s may have been sent already: its drain stopped while sending it;"
            " sending it again",
            row.key,
        )
        row.attempts += 1
        row.last_error = "maybe sent: its drain stopped while sending it"
    return True


def delivery_of(row: OutboxMessage) -> Delivery:
    """A stored message as a sender sees it."""
    return Delivery(
        id=row.id,
        key=row.key,
        platform=row.platform,
        workspace_id=row.workspace_id,
        recipient=row.recipient,
        payload=decode(row.kind, row.payload),
        attempts=row.attempts,
    )


def record(session: Session, delivery: Delivery, result: SendResult, now: datetime) -> None:
    """Write down what the sender did with a claimed message, in one statement (the row is
    the claim's until its lease ends, so it is as the claim left it).

    `attempts` counts the tries the platform looked at; a throttled one (refused unread) is not
    counted, so a message waits out however long a throttle lasts (Monday 09:00, every digest
    at once) and is never given up on because of it.
    """
    session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == delivery.id)
        .values(_outcome(delivery, result, now))
        .execution_options(synchronize_session=False)
    )


def _outcome(delivery: Delivery, result: SendResult, now: datetime) -> dict[str, Any]:
    attempts = delivery.attempts + 1  # counted only where the platform looked at the message
    match result:
        case RetryLater(wait, reason, throttled=True):
            held_too_long = OutboxMessage.created_at <= now - MAX_HELD
            return {
                "status": case((held_too_long, "failed"), else_="pending"),
                "deliver_after": now + wait,
                "last_error": reason,
            }
        case Deferred(until, reason):
            return {"status": "pending", "deliver_after": until, "last_error": reason}
        case Outdated(reason):
            return {"status": "withdrawn", "last_error": reason}
        case Sent():
            return {"status": "sent", "attempts": attempts, "sent_at": now, "last_error": None}
        case RetryLater(wait, reason) if attempts < MAX_ATTEMPTS:
            return {
                "status": "pending",
                "attempts": attempts,
                "deliver_after": now + wait,
                "last_error": reason,
            }
        case RetryLater(_, reason) | Undeliverable(reason):
            return {"status": "failed", "attempts": attempts, "last_error": reason}
