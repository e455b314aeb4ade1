"""The job that sends nudges: every promise whose next nudge has come due gets it queued in the
outbox, and moves on to its next stage (the plan: bot/services/nudges.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, joinedload

from bot.domain.nudges import Stage, schedule, step
from bot.domain.people import PersonKey
from bot.domain.promises import Status
from bot.domain.working_hours import WorkingHours
from bot.services.env import Env
from bot.services.nudges import hours_of, managers, plan_of, subject
from bot.services.outbox import Nudge, Outgoing
from bot.store import outbox, people
from bot.store.models import Promise, PromiseEvent

# Promises handled per transaction by the sweep: bounds locks and memory, whatever is due.
SWEEP_BATCH = 500


def sweep_nudges(env: Env) -> int:
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
            managers_by_owner = managers(env, session, [promise.owner for promise in due])
            messages, events = [], []
            for promise in due:
                manager = managers_by_owner.get(promise.owner_id)
                about = subject(promise, promise.owner, manager is not None)
                nudges = schedule(about, plan, hours)
                waiting = Stage(promise.nudge_stage) if promise.nudge_stage else None
                planned = step(nudges, waiting, now, about, hours)
                if planned.send is not None:
                    escalated = manager if planned.send is Stage.ESCALATION else None
                    after, to_zone = _in_hours_of(env, session, promise, escalated, hours, now)
                    messages.append(_nudge(promise, planned.send, escalated, after, to_zone))
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


def _in_hours_of(
    env: Env,
    session: Session,
    promise: Promise,
    manager_ref: str | None,
    hours: WorkingHours,
    now: datetime,
) -> tuple[datetime, str | None]:
    """When a nudge may go out, and the zone of its reader when not the owner: now for the
    owner (their plan is in their working hours); an escalation waits for its manager's, read
    in their zone (the default zone when Kept has not met them), so that a Kolkata morning is
    not a New York night."""
    if manager_ref is None:
        return now, None
    owner = promise.owner
    manager = people.find(session, PersonKey(owner.platform, owner.workspace_id, manager_ref))
    zone = manager.timezone if manager else env.settings.working_hours.default_timezone
    return hours.next_slot_from(now, ZoneInfo(zone)), zone


def _nudge(
    promise: Promise, stage: Stage, escalated: str | None, after: datetime, to_zone: str | None
) -> Outgoing:
    """The outbox message of one nudge: to the owner, or to the manager it `escalated` to (an
    escalation is planned only for an owner who has one, read in `to_zone`), to go `after`."""
    owner, counterpart = promise.owner, promise.counterpart
    return Outgoing(
        key=f"nudge:{promise.id}:{stage}:{int(promise.due_at.timestamp())}",
        platform=owner.platform,
        workspace_id=owner.workspace_id,
        recipient=escalated or owner.user_id,
        deliver_after=after,
        payload=Nudge(
            stage=stage,
            promise_id=promise.id,
            what=promise.what,
            due=promise.due_at,
            zone=owner.timezone,
            owner=owner.display_name,
            owner_ref=owner.user_id,
            counterpart=counterpart.display_name if counterpart else None,
            counterpart_ref=counterpart.user_id if counterpart else None,
            customer=promise.customer_name,
            to_zone=to_zone,
            said_at=after,
        ),
    )


def _nudged(promise: Promise, stage: Stage, now: datetime) -> dict[str, Any]:
    return {
        "promise_id": promise.id,
        "kind": "nudged",
        "actor_id": None,
        "at": now,
        "data": {"stage": str(stage)},
    }
