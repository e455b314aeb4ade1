"""Telling someone that a message they caused could not reach its addressee.

A promise's news or a thank-you to a person the platform won't let Kept write to (Teams: they
have not installed Kept) is not dropped silently: the person who made the promise or gave the
kudos hears of it, so they can tell them themselves.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.people import PersonKey
from bot.services import outbox, people
from bot.services.outbox import Delivery
from bot.store.db import Database

# For each kind of message to a person: the payload key naming who caused it, and what it said.
CAUSES = {"promise_news": ("by_ref", "what"), "kudos_news": ("giver_ref", "reason")}


def report(db: Database, delivery: Delivery, now: datetime) -> bool:
    """Queue word of an undeliverable message to whoever caused it; False when no one did."""
    cause = CAUSES.get(delivery.kind)
    if cause is None:
        return False
    by, about = (delivery.payload.get(key) for key in cause)
    if not isinstance(by, str) or by == delivery.recipient:
        return False
    with db.unit_of_work() as session:
        addressee = people.find(
            session, PersonKey(delivery.platform, delivery.workspace_id, delivery.recipient)
        )
        return outbox.enqueue(
            session,
            key=f"unreachable:{delivery.key}",
            platform=delivery.platform,
            workspace_id=delivery.workspace_id,
            recipient=by,
            kind="unreachable",
            payload={
                "who": addressee.display_name if addressee else None,
                "about": str(about or ""),
                "cause": delivery.kind,
            },
            now=now,
        )
