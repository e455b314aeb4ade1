"""The ids of the platform events Kept has handled, so a retried one is seen as such."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.store.models import ProcessedEvent
from bot.store.writes import insert_once


def first_delivery(session: Session, platform: str, event_id: str, now: datetime) -> bool:
    """Record the event; False when it was already recorded (a retry), True the first time."""
    return insert_once(
        session, ProcessedEvent, platform=platform, event_id=event_id, received_at=now
    )


def forget(session: Session, platform: str, event_id: str) -> None:
    session.execute(
        delete(ProcessedEvent).where(
            ProcessedEvent.platform == platform, ProcessedEvent.event_id == event_id
        )
    )


def newest_received(session: Session) -> datetime | None:
    return session.scalar(select(func.max(ProcessedEvent.received_at)))


def forget_before(session: Session, cutoff: datetime) -> int:
    """Drop the ids of events received before `cutoff`; how many."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < cutoff))
    return int(result.rowcount)  # type: ignore[attr-defined]
