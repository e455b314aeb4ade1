"""A platform asking Kept to slow down: the message waits and is never given up on, and the
drain stops sending to that platform for the run while the other platforms go on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from bot.clock import FixedClock
from bot.domain.working_hours import WorkingHours
from bot.jobs.drain_outbox import drain_outbox
from bot.services.outbox import MAX_ATTEMPTS, Delivery, RetryLater, SendResult, Sent
from bot.store import outbox
from bot.store.db import Database
from bot.store.models import OutboxMessage
from tests.fakes.outbox import all_rows, queue

SLOW_DOWN = RetryLater(timedelta(seconds=30), "ratelimited", throttled=True)
OUTAGE = RetryLater(timedelta(minutes=1), "slack answered 500 internal_error")


@dataclass
class ScriptedPlatform:
    """A platform's sender answering each message by its key as scripted, `Sent()` otherwise,
    and remembering which messages it was handed."""

    platform: str
    answers: dict[str, SendResult] = field(default_factory=dict)
    handed: list[str] = field(default_factory=list)

    def send(self, delivery: Delivery) -> SendResult:
        self.handed.append(delivery.key)
        return self.answers.pop(delivery.key, Sent())


def test_a_message_held_back_for_a_day_is_given_up_on(db: Database, clock: FixedClock) -> None:
    queue(db, clock, "digest:1")
    held_back = RetryLater(timedelta(hours=1), "ratelimited", throttled=True)

    for _ in range(24):  # held back for the 24 hours after it was queued
        claim_and_record(db, clock, held_back)
        clock.advance(held_back.wait)
    assert stored(db, "digest:1").status == "pending"
    claim_and_record(db, clock, held_back)

    row = stored(db, "digest:1")
    assert (row.status, row.attempts, row.last_error) == ("failed", 0, "ratelimited")


def test_a_throttled_message_is_not_given_up_on_for_its_attempts(
    db: Database, clock: FixedClock
) -> None:
    queue(db, clock, "digest:1")

    for _ in range(MAX_ATTEMPTS * 3):
        claim_and_record(db, clock, SLOW_DOWN)
        clock.advance(SLOW_DOWN.wait)

    row = stored(db, "digest:1")
    assert (row.status, row.attempts, row.last_error) == ("pending", 0, "ratelimited")
    assert row.deliver_after == clock.now()
    claim_and_record(db, clock, Sent())
    assert (stored(db, "digest:1").status, stored(db, "digest:1").attempts) == ("sent", 1)


def test_a_message_that_keeps_failing_is_given_up_on_after_its_attempts_throttles_aside(
    db: Database, clock: FixedClock
) -> None:
    queue(db, clock, "nudge:1:final")

    for attempt in range(1, MAX_ATTEMPTS + 1):
        claim_and_record(db, clock, SLOW_DOWN)
        clock.advance(SLOW_DOWN.wait)
        claim_and_record(db, clock, OUTAGE)
        clock.advance(OUTAGE.wait)
        row = stored(db, "nudge:1:final")
        assert row.attempts == attempt
        assert row.status == ("failed" if attempt == MAX_ATTEMPTS else "pending")

    assert stored(db, "nudge:1:final").last_error == OUTAGE.reason


def test_a_platform_that_says_slow_down_is_left_alone_for_the_run_while_the_others_go_on(
    db: Database, clock: FixedClock
) -> None:
    for key in ("slack:a", "slack:b", "slack:c"):
        queue(db, clock, key, platform="slack")
    for key in ("teams:x", "teams:y"):
        queue(db, clock, key, platform="teams")
    slack = ScriptedPlatform("slack", {"slack:b": SLOW_DOWN})
    teams = ScriptedPlatform("teams")

    handled = drain_outbox(db, [slack, teams], clock, WorkingHours())

    assert handled == 4
    assert slack.handed == ["slack:a", "slack:b"]  # c is not tried while Slack is throttling
    assert teams.handed == ["teams:x", "teams:y"]
    throttled = stored(db, "slack:b")
    assert (throttled.status, throttled.attempts) == ("pending", 0)
    assert throttled.deliver_after == clock.now() + SLOW_DOWN.wait
    assert (stored(db, "slack:c").status, stored(db, "slack:c").attempts) == ("pending", 0)

    drain_outbox(
        db, [slack, teams], clock, WorkingHours()
    )  # the next run: b still waits its Retry-After
    assert slack.handed[2:] == ["slack:c"]

    clock.advance(SLOW_DOWN.wait)
    drain_outbox(db, [slack, teams], clock, WorkingHours())
    assert slack.handed[3:] == ["slack:b"]
    assert {row.key: row.status for row in all_rows(db)} == dict.fromkeys(
        ["slack:a", "slack:b", "slack:c", "teams:x", "teams:y"], "sent"
    )


def test_a_message_failing_for_itself_does_not_hold_back_the_others(
    db: Database, clock: FixedClock
) -> None:
    for key in ("slack:a", "slack:b"):
        queue(db, clock, key, platform="slack")
    slack = ScriptedPlatform("slack", {"slack:a": OUTAGE})

    drain_outbox(db, [slack], clock, WorkingHours())

    assert slack.handed == ["slack:a", "slack:b"]
    assert stored(db, "slack:b").status == "sent"


# --- helpers ------------------------------------------------------------------------------------


def claim_and_record(db: Database, clock: FixedClock, result: SendResult) -> None:
    with db.unit_of_work() as session:
        delivery = outbox.claim_next(session, "slack", clock.now())
        assert delivery is not None
        outbox.record(session, delivery, result, clock.now())


def stored(db: Database, key: str) -> OutboxMessage:
    with db.unit_of_work() as session:
        return session.scalars(select(OutboxMessage).where(OutboxMessage.key == key)).one()
