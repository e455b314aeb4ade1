"""A message for tests that need one in the outbox, whatever it says, and the steps to queue
it and to read the outbox back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.clock import Clock
from bot.services.outbox import PromiseNews
from bot.store import outbox
from bot.store.db import Database
from bot.store.models import OutboxMessage

NEWS = PromiseNews(
    news="made",
    promise_id=1,
    by="raj",
    by_ref="U00000RAJ",
    what="send the Q3 deck",
    due=datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
    zone="America/New_York",
    note="",
)


def queue(
    db: Database, clock: Clock, key: str, platform: str = "slack", after: timedelta = timedelta(0)
) -> bool:
    """NEWS queued under `key`, for Ana, due `after` from now; False if the key was queued."""
    with db.unit_of_work() as session:
        return outbox.enqueue(
            session,
            key=key,
            platform=platform,
            workspace_id="T00000001",
            recipient="U00000ANA",
            payload=NEWS,
            deliver_after=clock.now() + after,
            now=clock.now(),
        )


def all_rows(db: Database) -> list[OutboxMessage]:
    """Every outbox row, oldest first."""
    with db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
