"""Telling someone that a message they caused could not reach its addressee.

A promise's news, a thank-you or a manager's question to a person the platform won't let Kept
write to (Teams: they have not installed Kept) is not dropped silently: the person who made the
promise, gave the kudos or asked hears of it, so they can tell them themselves.
"""

from __future__ import annotations

from bot.domain.people import PersonKey
from bot.services.env import Env
from bot.services.outbox import Delivery, KudosNews, PromiseNews, TeamInvite, Unreachable
from bot.store import outbox, people


def report(env: Env, delivery: Delivery) -> bool:
    """Queue word of an undeliverable message to whoever caused it; False when no one did."""
    match delivery.payload:
        case PromiseNews(by_ref=by, what=about) | KudosNews(giver_ref=by, reason=about):
            pass
        case TeamInvite(manager_ref=by):
            about = ""
        case _:
            return False
    if by == delivery.recipient:
        return False
    with env.db.unit_of_work() as session:
        addressee = people.find(
            session, PersonKey(delivery.platform, delivery.workspace_id, delivery.recipient)
        )
        return outbox.enqueue(
            session,
            key=f"unreachable:{delivery.key}",
            platform=delivery.platform,
            workspace_id=delivery.workspace_id,
            recipient=by,
            payload=Unreachable(
                who=addressee.display_name if addressee else None,
                about=about,
                cause=delivery.kind,
            ),
            now=env.clock.now(),
        )
