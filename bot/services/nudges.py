"""Nudges: planning each promise's reminders (the job that sends them: jobs/sweep_nudges.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, object_session

from bot.domain.nudges import (
    NudgePlan,
    Stage,
    Subject,
    after,
    schedule,
)
from bot.domain.working_hours import WorkingHours
from bot.services import teams
from bot.services.env import Env
from bot.store import outbox
from bot.store.models import Person, Promise

QUIETABLE = {Stage.HEADS_UP, Stage.FINAL_CHECK, Stage.AT_DEADLINE}


def plan_of(env: Env) -> NudgePlan:
    nudges = env.settings.nudges
    return NudgePlan(
        heads_up=nudges.heads_up,
        final_check_before=nudges.final_check_before,
        at_deadline=nudges.at_deadline,
        overdue_reminder=nudges.overdue_reminder,
        escalate_after_working_days=nudges.escalate_after_working_days,
    )


def hours_of(env: Env) -> WorkingHours:
    hours = env.settings.working_hours
    return WorkingHours(hours.start, hours.end, hours.days, env.rules.holidays)


def replan(env: Env, session: Session, promise: Promise, owner: Person, now: datetime) -> None:
    """Plan the promise's nudges from now on (made, or given a new due time)."""
    stop(promise)
    subject = Subject(
        now, promise.due_at, ZoneInfo(owner.timezone), _has_manager(env, session, owner)
    )
    ahead = [
        (stage, at) for stage, at in schedule(subject, plan_of(env), hours_of(env)) if at > now
    ]
    promise.nudge_stage, promise.next_nudge_at = (
        (ahead[0][0], ahead[0][1]) if ahead else (None, None)
    )


def stop(promise: Promise) -> None:
    """No more nudges for this promise, including any queued but not yet sent."""
    promise.nudge_stage, promise.next_nudge_at = None, None
    session = object_session(promise)
    if session is not None:
        outbox.withdraw(session, f"nudge:{promise.id}:")


def quiet(env: Env, session: Session, promise: Promise, owner: Person) -> None:
    """Skip the next reminder, up to the deadline's question: the owner said it is on track.

    Reminders after the deadline still come: by then "on track" has not come true.
    """
    if promise.nudge_stage not in QUIETABLE:
        return
    nudges = schedule(
        subject(promise, owner, _has_manager(env, session, owner)), plan_of(env), hours_of(env)
    )
    skipped = Stage(promise.nudge_stage)
    promise.nudge_stage, promise.next_nudge_at = after(nudges, skipped) or (None, None)


def subject(promise: Promise, owner: Person, has_manager: bool) -> Subject:
    return Subject(promise.created_at, promise.due_at, ZoneInfo(owner.timezone), has_manager)


def managers(env: Env, session: Session, owners: list[Person]) -> dict[int, str]:
    """Whom each owner's escalation goes to, by owner id: their team's manager, else
    `[nudges] managers`. One query for a whole batch."""
    found = teams.managers_of(session, owners)
    configured = env.settings.nudges.managers
    for owner in owners:
        if owner.id not in found and owner.user_id in configured:
            found[owner.id] = configured[owner.user_id]
    return found


def _has_manager(env: Env, session: Session, owner: Person) -> bool:
    """Asked in the change's own transaction: a second one would wait for the first's lock."""
    return owner.id in managers(env, session, [owner])
