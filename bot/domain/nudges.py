"""The nudge plan: when a promise's owner is reminded, always inside their working hours.

Before the deadline: a heads-up the working day before, and a final "on track?" check a
couple of hours before. At the deadline: "did you deliver it?". After it: a reminder the next
working morning, then, after a grace period, word to the owner's manager. A nudge that would
fall outside working hours moves to the last working slot before the deadline (nudges before
it) or to the next working slot (nudges after it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.working_hours import WorkingHours


class Stage(StrEnum):
    HEADS_UP = "heads_up"
    FINAL_CHECK = "final_check"
    AT_DEADLINE = "at_deadline"
    OVERDUE = "overdue"
    ESCALATION = "escalation"


ORDER = list(Stage)


@dataclass(frozen=True)
class NudgePlan:
    heads_up: bool = True
    final_check_before: timedelta = timedelta(hours=2)
    at_deadline: bool = True
    overdue_reminder: bool = True
    escalate_after_working_days: int = 2  # 0: never


@dataclass(frozen=True)
class Subject:
    """What the plan needs to know of a promise and its owner."""

    created_at: datetime
    due_at: datetime
    tz: ZoneInfo  # the owner's
    has_manager: bool


def schedule(
    subject: Subject, plan: NudgePlan, hours: WorkingHours
) -> list[tuple[Stage, datetime]]:
    """Every nudge the promise gets, in order, each in the owner's working hours."""
    due, tz = subject.due_at, subject.tz
    nudges: list[tuple[Stage, datetime]] = []
    if plan.heads_up:
        day_before = hours.previous_working_day(due.astimezone(tz).date())
        nudges.append((Stage.HEADS_UP, hours.start_of(day_before, tz)))
    if plan.final_check_before:
        check = due - plan.final_check_before
        at = hours.last_slot_by(check, tz)
        if at <= subject.created_at:  # made after that slot: the first working time still ahead
            at = hours.next_slot_from(check, tz)
        nudges.append((Stage.FINAL_CHECK, at))
    at_deadline = hours.next_slot_from(due, tz)
    if plan.at_deadline:
        nudges.append((Stage.AT_DEADLINE, at_deadline))
    if plan.overdue_reminder:
        nudges.append((Stage.OVERDUE, hours.morning_after(at_deadline, tz)))
    if plan.escalate_after_working_days and subject.has_manager:
        deadline_day = at_deadline.astimezone(tz).date()
        day = hours.add_working_days(deadline_day, plan.escalate_after_working_days)
        escalation = hours.start_of(day, tz)
        if nudges and escalation <= nudges[-1][1]:  # a one-day grace: later that same day
            escalation = hours.last_slot_of(day, tz)
        nudges.append((Stage.ESCALATION, escalation))
    # A nudge is only worth sending after the promise was made and after the nudge before it.
    kept: list[tuple[Stage, datetime]] = []
    for stage, at in nudges:
        before_deadline = ORDER.index(stage) < ORDER.index(Stage.AT_DEADLINE)
        if at <= subject.created_at or (before_deadline and at >= due):
            continue
        if kept and at <= kept[-1][1]:
            continue
        kept.append((stage, at))
    return kept


@dataclass(frozen=True)
class Step:
    """What the sweep does now: send `send` (if any), then wait for `next` (if any)."""

    send: Stage | None
    next: tuple[Stage, datetime] | None


def step(
    nudges: list[tuple[Stage, datetime]],
    waiting_for: Stage | None,
    now: datetime,
    subject: Subject,
    hours: WorkingHours,
) -> Step:
    """The nudge due now, and the one to wait for after it.

    After an outage several nudges may have come due; only the latest that still fits is sent,
    so nobody gets a heads-up, a final check and an overdue reminder in one minute, nor "on
    track?" once the deadline has passed. Back outside the owner's working hours (at 04:17, on
    a Saturday), the nudge waits for the next working hours.
    """
    start = ORDER.index(waiting_for) if waiting_for else 0
    ahead = [(stage, at) for stage, at in nudges if ORDER.index(stage) >= start]
    due_now = [stage for stage, at in ahead if at <= now and _fits(stage, now, subject)]
    later = [(stage, at) for stage, at in ahead if at > now]
    if not due_now:
        return Step(None, later[0] if later else None)
    working = hours.next_slot_from(now, subject.tz)
    if working > now:
        return Step(None, (due_now[-1], working))
    return Step(due_now[-1], later[0] if later else None)


def _fits(stage: Stage, now: datetime, subject: Subject) -> bool:
    """A nudge before the deadline asks about it: once it has passed, it no longer fits."""
    return ORDER.index(stage) >= ORDER.index(Stage.AT_DEADLINE) or now < subject.due_at


def after(nudges: list[tuple[Stage, datetime]], stage: Stage) -> tuple[Stage, datetime] | None:
    """The nudge planned after `stage` ("on track" quiets the deadline's question)."""
    later = [(s, at) for s, at in nudges if ORDER.index(s) > ORDER.index(stage)]
    return later[0] if later else None
