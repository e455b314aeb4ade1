"""De-duplicating platform events: Slack retries an event it thinks we missed."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.services.env import Env
from bot.store.models import ProcessedEvent
from bot.store.writes import insert_once

# Slack retries an event for minutes, not days: ids older than this are forgotten.
REMEMBERED_FOR = timedelta(days=1)


def first_delivery(session: Session, platform: str, event_id: str, now: datetime) -> bool:
    """Record the event; False when it was already recorded (a retry), True the first time."""
    return insert_once(
        session, ProcessedEvent, platform=platform, event_id=event_id, received_at=now
    )


def forget_old(env: Env) -> int:
    """Drop event ids too old to be retried (a job), so the table stays small; how many."""
    with env.db.unit_of_work() as session:
        cutoff = env.clock.now() - REMEMBERED_FOR
        result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
        return int(result.rowcount)  # type: ignore[attr-defined]
