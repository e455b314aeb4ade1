"""A nudge or digest that waited in the outbox (an outage, Kept down) goes out only when it
still fits: in its reader's working hours, and never "On track?" after the deadline."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import pytest

from bot.clock import FixedClock
from bot.domain.nudges import Stage
from bot.domain.working_hours import WorkingHours
from bot.jobs.drain_outbox import drain_outbox
from bot.services.outbox import Delivery, Nudge, Payload, SendResult, Sent
from bot.store import outbox
from bot.store.db import Database
from tests.fakes.outbox import NEWS, all_rows

NEW_YORK, KOLKATA = "America/New_York", "Asia/Kolkata"
DUE = datetime(2026, 12, 4, 20, 0, tzinfo=UTC)  # Friday 15:00 in New York
ON_TRACK = Nudge(
    stage=Stage.FINAL_CHECK,
    promise_id=1,
    what="send the deck",
    due=DUE,
    zone=NEW_YORK,
    owner="ana",
    owner_ref="U00000ANA",
    counterpart=None,
    counterpart_ref=None,
    customer=None,
)


@dataclass
class Platform:
    platform: str = "slack"
    handed: list[str] = field(default_factory=list)

    def send(self, delivery: Delivery) -> SendResult:
        self.handed.append(delivery.key)
        return Sent()


def waiting(db: Database, payload: Payload, queued_at: datetime) -> None:
    """`payload` queued at `queued_at`, due at once: it waits until a drain runs."""
    with db.unit_of_work() as session:
        outbox.enqueue(
            session,
            key="k",
            platform="slack",
            workspace_id="T00000001",
            recipient="U00000ANA",
            payload=payload,
            deliver_after=queued_at,
            now=queued_at,
        )


def drain_at(db: Database, at: datetime) -> Platform:
    platform = Platform()
    drain_outbox(db, [platform], FixedClock(at), WorkingHours())
    return platform


def test_on_track_after_the_deadline_is_never_sent(db: Database) -> None:
    waiting(db, ON_TRACK, datetime(2026, 12, 4, 18, 5, tzinfo=UTC))

    saturday_night = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # Sat 04:00 in New York
    assert drain_at(db, saturday_night).handed == []
    [row] = all_rows(db)
    assert row.status == "withdrawn"
    assert "came due" in (row.last_error or "")


@pytest.mark.parametrize(
    ("payload", "night", "morning"),
    [
        (  # "Did you deliver it?" on a Saturday at 04:00 in New York: Monday 09:00
            replace(ON_TRACK, stage=Stage.AT_DEADLINE),
            datetime(2026, 12, 5, 9, 0, tzinfo=UTC),
            datetime(2026, 12, 7, 14, 0, tzinfo=UTC),
        ),
        (  # an escalation to a manager in Kolkata at 18:30 there: 09:00 the next day
            replace(ON_TRACK, stage=Stage.ESCALATION, to_zone=KOLKATA),
            datetime(2026, 12, 8, 13, 0, tzinfo=UTC),
            datetime(2026, 12, 9, 3, 30, tzinfo=UTC),
        ),
    ],
)
def test_a_nudge_that_waited_into_the_night_waits_for_its_readers_morning(
    db: Database, payload: Nudge, night: datetime, morning: datetime
) -> None:
    waiting(db, payload, datetime(2026, 12, 4, 20, 0, tzinfo=UTC))

    assert drain_at(db, night).handed == []
    [row] = all_rows(db)
    assert (row.status, row.deliver_after.replace(tzinfo=UTC), row.attempts) == (
        "pending",
        morning,
        0,
    )
    assert drain_at(db, morning).handed == ["k"]


def test_news_a_request_caused_goes_at_once_whatever_the_hour(db: Database) -> None:
    night = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    waiting(db, NEWS, night)

    assert drain_at(db, night).handed == ["k"]
