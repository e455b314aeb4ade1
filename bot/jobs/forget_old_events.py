"""The job that forgets event ids too old to be retried, so de-duplication stays small."""

from __future__ import annotations

from datetime import timedelta

from bot.services.env import Env
from bot.store.platform_events import forget_before, newest_received

# Slack retries an event for minutes, not days: ids older than this are forgotten.
REMEMBERED_FOR = timedelta(days=1)


def forget_old_events(env: Env) -> int:
    """How many event ids were forgotten: those received a day before the newest, or before
    now if sooner, so that a clock set ahead (`tick --at` next week) never forgets an event
    just received, which Slack may still send again."""
    with env.db.unit_of_work() as session:
        newest = newest_received(session) or env.clock.now()
        return forget_before(session, min(newest, env.clock.now()) - REMEMBERED_FOR)
