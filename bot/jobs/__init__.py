"""Scheduled work: a few periodic jobs over the database, never one job per promise.

Every job is listed here, in the order `tick` runs it; `scheduler.py` runs them every minute.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from bot.jobs.drain_outbox import drain_outbox
from bot.jobs.forget_old_events import forget_old_events
from bot.jobs.queue_digests import queue_digests
from bot.jobs.scheduler import Job
from bot.jobs.sweep_nudges import sweep_nudges
from bot.jobs.sync_configured_teams import sync_configured_teams
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.nudges import hours_of
from bot.services.outbox import Sender


def periodic_jobs(
    env: Env, senders: Sequence[Sender], *, team_directory: Directory | None = None
) -> list[Job]:
    """The jobs; `team_directory` is where the people of `[digest] teams` are looked up (the
    Slack workspace), when the settings name any."""
    jobs = [
        Job("sweep_nudges", partial(sweep_nudges, env)),
        # Before the drain, so what is queued goes out in the same run (one `tick` from cron
        # delivers the digest it queued).
        Job("queue_digests", partial(queue_digests, env)),
        Job("drain_outbox", partial(drain_outbox, env.db, senders, env.clock, hours_of(env))),
        Job("forget_old_events", partial(forget_old_events, env)),
    ]
    if team_directory is not None and env.settings.digest.teams:
        jobs.append(
            Job("sync_configured_teams", partial(sync_configured_teams, env, team_directory))
        )
    return jobs
