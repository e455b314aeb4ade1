"""Nudges: planning each promise's reminders, and the sweep that queues them in the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, joinedload, object_session

from bot.domain.nudges import (
    NudgePlan,
    Stage,
    Subject,
    after,
    schedule,
    step,
)
from bot.domain.promises import Status
from bot.domain.working_hours import WorkingHours
from bot.services import digest, outbox
from bot.services.env import Env
from bot.store.models import Person, Promise, PromiseEvent

QUIETABLE = {Stage.HEADS_UP, Stage.FINAL_CHECK, Stage.AT_DEADLINE}
# Promises handled per transaction by the sweep: bounds locks and memory, whatever is due.
SWEEP_BATCH = 500


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


def replan(env: Env, promise: Promise, owner: Person, now: datetime) -> None:
    """Plan the promise's nudges from now on (made, or given a new due time)."""
    stop(promise)
    subject = Subject(
        now, promise.due_at, ZoneInfo(owner.timezone), _manager(env, owner) is not None
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


def quiet(env: Env, promise: Promise, owner: Person) -> None:
    """Skip the next reminder, up to the deadline's question: the owner said it is on track.

    Reminders after the deadline still come: by then "on track" has not come true.
    """
    if promise.nudge_stage not in QUIETABLE:
        return
    nudges = schedule(
        _subject(promise, owner, _manager(env, owner) is not None), plan_of(env), hours_of(env)
    )
    skipped = Stage(promise.nudge_stage)
    promise.nudge_stage, promise.next_nudge_at = after(nudges, skipped) or (None, None)


def sweep(env: Env) -> int:
    """Queue every nudge that has come due; the number queued.

    Each batch is one transaction that locks its promises (`SKIP LOCKED` on PostgreSQL), so a
    second clock running at the same time takes other promises, never the same nudge.
    """
    queued = 0
    plan, hours = plan_of(env), hours_of(env)
    while True:
        with env.db.unit_of_work() as session:
            now = env.clock.now()
            due = _due_promises(session, now)
            # Every owner's manager in one query, not one (and an autoflush) per promise.
            managers = _managers(env, session, [promise.owner for promise in due])
            messages, events = [], []
            for promise in due:
                manager = managers.get(promise.owner_id)
                nudges = schedule(
                    _subject(promise, promise.owner, manager is not None), plan, hours
                )
                planned = step(
                    nudges, Stage(promise.nudge_stage) if promise.nudge_stage else None, now
                )
                if planned.send is not None:
                    messages.append(_nudge(env, promise, planned.send, manager))
                    events.append(_nudged(promise, planned.send, now))
                promise.nudge_stage, promise.next_nudge_at = planned.next or (None, None)
            outbox.enqueue_many(session, messages, now)
            if events:
                session.execute(insert(PromiseEvent), events)
            queued += len(messages)
        if len(due) < SWEEP_BATCH:
            return queued


def _due_promises(session: Session, now: datetime) -> list[Promise]:
    return list(
        session.scalars(
            select(Promise)
            .where(Promise.status == Status.OPEN, Promise.next_nudge_at <= now)
            .order_by(Promise.next_nudge_at)
            .limit(SWEEP_BATCH)
            .options(joinedload(Promise.owner), joinedload(Promise.counterpart))
            .with_for_update(of=Promise, skip_locked=True)
        ).unique()
    )


def _subject(promise: Promise, owner: Person, has_manager: bool) -> Subject:
    return Subject(promise.created_at, promise.due_at, ZoneInfo(owner.timezone), has_manager)


def _managers(env: Env, session: Session, owners: list[Person]) -> dict[int, str]:
    """Whom each owner's escalation goes to, by owner id: their team's manager, else
    `[nudges] managers`. One query for a whole batch."""
    found = digest.managers_of(session, owners)
    configured = env.settings.nudges.managers
    for owner in owners:
        if owner.id not in found and owner.user_id in configured:
            found[owner.id] = configured[owner.user_id]
    return found


def _manager(env: Env, owner: Person) -> str | None:
    session = object_session(owner)
    if session is None:
        with env.db.unit_of_work() as own:
            return _managers(env, own, [owner]).get(owner.id)
    return _managers(env, session, [owner]).get(owner.id)


def _nudge(env: Env, promise: Promise, stage: Stage, manager: str | None) -> dict[str, Any]:
    """The outbox row of one nudge: to the owner, or to their manager for an escalation."""
    owner, counterpart = promise.owner, promise.counterpart
    recipient = manager if stage is Stage.ESCALATION else owner.user_id
    return {
        "key": f"nudge:{promise.id}:{stage}:{int(promise.due_at.timestamp())}",
        "platform": owner.platform,
        "workspace_id": owner.workspace_id,
        "recipient": recipient,
        "kind": "nudge",
        "deliver_after": env.clock.now(),
        "payload": {
            "stage": str(stage),
            "promise_id": promise.id,
            "what": promise.what,
            "due": promise.due_at.isoformat(),
            "zone": owner.timezone,
            "owner": owner.display_name,
            "owner_ref": owner.user_id,
            "counterpart": counterpart.display_name if counterpart else None,
            "counterpart_ref": counterpart.user_id if counterpart else None,
            "customer": promise.customer_name,
        },
    }


def _nudged(promise: Promise, stage: Stage, now: datetime) -> dict[str, Any]:
    return {
        "promise_id": promise.id,
        "kind": "nudged",
        "actor_id": None,
        "at": now,
        "data": {"stage": str(stage)},
    }
