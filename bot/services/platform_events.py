"""Each platform event handled once: Slack retries an event it thinks Kept missed, Teams may
send a message twice."""

from __future__ import annotations

from bot.services.env import Env
from bot.store import platform_events


def first_delivery(env: Env, platform: str, event_id: str) -> bool:
    """True the first time an event arrives; False for a retry of it."""
    with env.db.unit_of_work() as session:
        return platform_events.first_delivery(session, platform, event_id, env.clock.now())


def taken_back(env: Env, platform: str, event_id: str) -> None:
    """Forget an event that changed nothing (a form refused), so that it may come again."""
    with env.db.unit_of_work() as session:
        platform_events.forget(session, platform, event_id)
