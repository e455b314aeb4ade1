"""The job that forgets event ids too old to be retried, so de-duplication stays small."""

from __future__ import annotations

from datetime import timedelta

from bot.services.env import Env
from bot.store.platform_events import forget_before

# Slack retries an event for minutes, not days: ids older than this are forgotten.
REMEMBERED_FOR = timedelta(days=1)


def forget_old_events(env: Env) -> int:
    """How many event ids were forgotten."""
    with env.db.unit_of_work() as session:
        return forget_before(session, env.clock.now() - REMEMBERED_FOR)
