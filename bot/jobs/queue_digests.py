"""The job that queues the weekly digests: each team's, once its manager's week has ended."""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.domain.digest import IsoWeek
from bot.services.digest import build_digests
from bot.services.env import Env
from bot.services.nudges import hours_of
from bot.services.outbox import ChannelDigest, TeamDigest
from bot.services.replies.digest import Digest
from bot.store import outbox
from bot.store.models import OutboxMessage, Person, Team


def queue_digests(env: Env) -> int:
    """The scheduled digests: for each team whose manager's local time has passed the configured
    weekday and hour, the digest of the week just ended (if the team existed by its end),
    queued once per team and week (outbox
    key `digest:<team id>:<ISO week>`) to the manager, and a summary to the team's channel.
    The number of teams queued."""
    now = env.clock.now()
    rules = env.settings.digest
    due: dict[str, tuple[int, IsoWeek]] = {}
    with env.db.unit_of_work() as session:
        teams = session.execute(
            select(Team.id, Person.timezone, Team.created_at).join(
                Person, Person.id == Team.manager_id
            )
        ).all()
        for team_id, zone, created_at in teams:
            this_week = IsoWeek.containing(now, zone)
            moment = datetime.combine(
                this_week.monday + timedelta(days=rules.weekday), rules.at, ZoneInfo(zone)
            )
            last_week = this_week.shifted(-1)
            # A team made mid-week gets its first digest for the week it was made in.
            if now >= moment and last_week.bounds(zone)[1] > created_at:
                due[f"digest:{team_id}:{last_week}"] = (team_id, last_week)
        if due:
            queued = set(
                session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(due)))
            )
            due = {key: value for key, value in due.items() if key not in queued}
    by_week: dict[IsoWeek, list[int]] = {}
    for team_id, week in due.values():
        by_week.setdefault(week, []).append(team_id)
    for week, ids in by_week.items():
        for team_id, result in zip(ids, build_digests(env, ids, week), strict=True):
            _queue(env, f"digest:{team_id}:{week}", team_id, result)
    return len(due)


def _queue(env: Env, key: str, team_id: int, result: Digest) -> None:
    """Queued to go out in the manager's working hours: a digest caught up after downtime
    waits for a working day, and replaces the team's older one still waiting (its week is
    over twice: the newer digest is the one worth reading)."""
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        team = session.get_one(Team, team_id)
        manager = session.get_one(Person, team.manager_id)
        after = hours_of(env).next_slot_from(now, ZoneInfo(manager.timezone))
        outbox.withdraw(session, f"digest:{team_id}:")
        sent = outbox.enqueue(
            session,
            key=key,
            platform=manager.platform,
            workspace_id=manager.workspace_id,
            recipient=manager.user_id,
            payload=TeamDigest(**_fields(result)),
            now=now,
            deliver_after=after,
        )
        if sent and team.channel_ref:
            shared = _fields(result)
            if not env.settings.digest.share_detail_in_channel:
                shared |= {"at_risk": (), "most_thanked": ()}  # the channel's copy names no one
            outbox.enqueue(
                session,
                key=f"{key}:channel",
                platform=team.platform,
                workspace_id=team.workspace_id,
                recipient=team.channel_ref,
                payload=ChannelDigest(**shared),
                now=now,
                deliver_after=after,
            )


def _fields(result: Digest) -> dict[str, Any]:
    return {field.name: getattr(result, field.name) for field in fields(result)}
