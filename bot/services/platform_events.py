"""De-duplicating platform events: Slack retries an event it thinks we missed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.store.models import ProcessedEvent
from bot.store.writes import insert_once


def first_delivery(session: Session, platform: str, event_id: str, now: datetime) -> bool:
    """Record the event; False when it was already recorded (a retry), True the first time."""
    return insert_once(
        session, ProcessedEvent, platform=platform, event_id=event_id, received_at=now
    )
