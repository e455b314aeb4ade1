"""The nudge sweep, as stories: planned when a promise is made, queued once when due, moved on.

Every story runs on SQLite and on PostgreSQL. kiran works in Kolkata and nina in New York, both
09:00–17:00, Monday to Friday; ana (Lisbon) is who they promise things to, and boss manages
kiran when the settings say so. The clock stands at Tuesday 24 November 2026, 14:00 UTC (the
`clock` fixture); the promises are due on Friday 27 November at 15:00 their owner's time.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.domain.people import Profile
from bot.jobs.sweep_nudges import SWEEP_BATCH, sweep_nudges
from bot.services import promises
from bot.services.directory import known_person
from bot.store import outbox
from bot.store.models import OutboxMessage, Promise, PromiseEvent
from tests.fakes.directory import FakeDirectory
from tests.fakes.wall_clock import KOLKATA, NEW_YORK, local_time
from tests.integration.conftest import KeptWith

KIRAN, NINA, ANA, BOSS = "U0KIRAN", "U0NINA", "U0ANA", "U0BOSS"
PEOPLE = {
    KIRAN: Profile("kiran", KOLKATA),
    NINA: Profile("nina", NEW_YORK),
    ANA: Profile("ana", "Europe/Lisbon"),
    BOSS: Profile("boss", "Europe/Lisbon"),
}
ZONE = {KIRAN: KOLKATA, NINA: NEW_YORK}
OWNERS = pytest.mark.parametrize("owner", [KIRAN, NINA], ids=["kiran-kolkata", "nina-new-york"])

DUE = "Fri 27 Nov 15:00"
# Each nudge of a promise due Friday 15:00, as its owner reads the time (config/kept.toml).
PLAN = {
    "heads_up": "Thu 26 Nov 09:00",
    "final_check": "Fri 27 Nov 13:00",
    "at_deadline": "Fri 27 Nov 15:00",
    "overdue": "Mon 30 Nov 09:00",
    "escalation": "Tue 1 Dec 09:00",  # only when the owner's manager is known
}
MANAGERS = f'[nudges]\nmanagers = {{ {KIRAN} = "{BOSS}" }}\n'


# --- the world the stories happen in ------------------------------------------------------


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


@pytest.fixture
def managed(kept_with: KeptWith) -> Kept:
    """Kept whose settings say boss manages kiran (nina's manager is not known); `kept` is
    Kept with the shipped settings, which name no managers (tests/integration/conftest.py)."""
    return kept_with(MANAGERS)


# --- shared steps -------------------------------------------------------------------------


def promise(
    kept: Kept,
    directory: FakeDirectory,
    owner: str = KIRAN,
    *,
    due: str = DUE,
    to: str | None = ANA,
    customer: str | None = None,
) -> int:
    """`owner` promises, through the form, to deliver by `due` (their own wall time)."""
    due_at = local_time(ZONE[owner], due)
    made = promises.make(
        kept, directory, owner, "send the Q3 deck", due_at, "minute", to, customer, source="form"
    )
    return made.promise.id


def nudge(owner: str, stage: str) -> datetime:
    """The instant of a stage of the plan of `owner`'s promise due Friday 15:00."""
    return local_time(ZONE[owner], PLAN[stage])


def sweep_at(kept: Kept, clock: FixedClock, at: datetime) -> int:
    """The clock reaches `at` and the sweep runs: the number of nudges it queued."""
    clock.set(at)
    return sweep_nudges(kept)


def planned(kept: Kept, promise_id: int) -> tuple[str | None, datetime | None]:
    """(stage, time) of the promise's next nudge."""
    with kept.db.unit_of_work() as session:
        row = session.get_one(Promise, promise_id)
        return row.nudge_stage, row.next_nudge_at


def queued(kept: Kept) -> list[OutboxMessage]:
    """The nudges in the outbox, oldest first."""
    with kept.db.unit_of_work() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "nudge")
        return list(session.scalars(query.order_by(OutboxMessage.id)))


def news(kept: Kept) -> list[OutboxMessage]:
    """What the outbox holds for the people promised things."""
    with kept.db.unit_of_work() as session:
        query = select(OutboxMessage).where(OutboxMessage.kind == "promise_news")
        return list(session.scalars(query))


def stages(kept: Kept) -> list[tuple[int, str]]:
    """(promise id, stage) of every queued nudge, oldest first."""
    return [(row.payload["promise_id"], row.payload["stage"]) for row in queued(kept)]


def history(kept: Kept, promise_id: int, kind: str) -> list[PromiseEvent]:
    with kept.db.unit_of_work() as session:
        query = select(PromiseEvent).where(
            PromiseEvent.promise_id == promise_id, PromiseEvent.kind == kind
        )
        return list(session.scalars(query.order_by(PromiseEvent.id)))


def due_epoch(kept: Kept, promise_id: int) -> int:
    with kept.db.unit_of_work() as session:
        return int(session.get_one(Promise, promise_id).due_at.timestamp())


# --- planning -----------------------------------------------------------------------------


@OWNERS
def test_making_a_promise_plans_its_first_nudge_in_the_owners_morning(
    kept: Kept, directory: FakeDirectory, owner: str
) -> None:
    made = promise(kept, directory, owner)

    assert planned(kept, made) == ("heads_up", nudge(owner, "heads_up"))
    assert queued(kept) == []


@OWNERS
def test_a_promise_made_after_its_heads_up_would_have_come_is_planned_from_the_final_check(
    kept: Kept, directory: FakeDirectory, clock: FixedClock, owner: str
) -> None:
    clock.set(local_time(ZONE[owner], "Thu 26 Nov 11:00"))

    made = promise(kept, directory, owner)

    assert planned(kept, made) == ("final_check", nudge(owner, "final_check"))


# --- the sweep ----------------------------------------------------------------------------


def test_nothing_is_queued_before_the_first_nudge_is_due(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)

    assert sweep_at(kept, clock, nudge(KIRAN, "heads_up") - timedelta(minutes=1)) == 0

    assert queued(kept) == []
    assert planned(kept, made) == ("heads_up", nudge(KIRAN, "heads_up"))


def test_a_due_nudge_is_queued_once_with_its_history_and_the_plan_moves_on(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)

    assert sweep_at(kept, clock, nudge(KIRAN, "heads_up")) == 1

    [row] = queued(kept)
    assert row.key == f"nudge:{made}:heads_up:{due_epoch(kept, made)}"
    assert (row.recipient, row.platform, row.workspace_id) == (KIRAN, "slack", "T00000001")
    assert (row.status, row.deliver_after) == ("pending", nudge(KIRAN, "heads_up"))
    assert row.payload | {"due": None} == {
        "stage": "heads_up",
        "promise_id": made,
        "what": "send the Q3 deck",
        "due": None,
        "zone": KOLKATA,
        "owner": "kiran",
        "owner_ref": KIRAN,
        "counterpart": "ana",
        "counterpart_ref": ANA,
        "customer": None,
        "to_zone": None,  # the reader is the owner: their zone
        "said_at": nudge(KIRAN, "heads_up").isoformat(),  # when it goes: its year is shown
    }
    [event] = history(kept, made, "nudged")
    assert (event.data, event.at, event.actor_id) == (
        {"stage": "heads_up"},
        nudge(KIRAN, "heads_up"),
        None,
    )
    assert planned(kept, made) == ("final_check", nudge(KIRAN, "final_check"))


def test_a_second_sweep_at_the_same_instant_queues_nothing(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "heads_up"))

    assert sweep_nudges(kept) == 0

    assert len(queued(kept)) == 1
    assert len(history(kept, made, "nudged")) == 1


@OWNERS
def test_every_stage_is_queued_in_turn_at_its_time_and_then_the_plan_ends(
    managed: Kept, directory: FakeDirectory, clock: FixedClock, owner: str
) -> None:
    made = promise(managed, directory, owner)
    stages_ahead = ["heads_up", "final_check", "at_deadline", "overdue"]
    if owner == KIRAN:  # boss manages kiran; nina's manager is not known
        stages_ahead.append("escalation")

    for stage in stages_ahead:
        assert sweep_at(managed, clock, nudge(owner, stage) - timedelta(seconds=1)) == 0, stage
        assert sweep_at(managed, clock, nudge(owner, stage)) == 1, stage

    assert stages(managed) == [(made, stage) for stage in stages_ahead]
    assert planned(managed, made) == (None, None)
    assert sweep_at(managed, clock, clock.now() + timedelta(days=30)) == 0


def test_after_an_outage_only_the_latest_due_nudge_is_queued(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)

    # Nothing ran from Tuesday until Monday 10:00 in Kolkata.
    assert sweep_at(kept, clock, local_time(KOLKATA, "Mon 30 Nov 10:00")) == 1

    assert stages(kept) == [(made, "overdue")]
    assert [e.data["stage"] for e in history(kept, made, "nudged")] == ["overdue"]
    assert planned(kept, made) == (None, None)


def test_promises_of_people_in_different_zones_come_due_at_different_instants(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    kirans = promise(kept, directory, KIRAN)
    ninas = promise(kept, directory, NINA)

    sweep_at(kept, clock, nudge(KIRAN, "heads_up"))  # 03:30 UTC: night in New York
    assert stages(kept) == [(kirans, "heads_up")]

    sweep_at(kept, clock, nudge(NINA, "heads_up"))
    assert stages(kept) == [(kirans, "heads_up"), (ninas, "heads_up")]


# --- what stops, moves or quiets the nudges ---------------------------------------------------


@pytest.mark.parametrize("close", [promises.complete, promises.cancel], ids=["done", "cancelled"])
def test_a_closed_promise_gets_no_more_nudges(
    kept: Kept, directory: FakeDirectory, clock: FixedClock, close: Any
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "heads_up"))

    close(kept, directory, KIRAN, made)

    assert planned(kept, made)[1] is None  # no next nudge: the sweep's index no longer has it
    for stage in ("final_check", "at_deadline", "overdue"):
        assert sweep_at(kept, clock, nudge(KIRAN, stage)) == 0, stage
    assert stages(kept) == [(made, "heads_up")]


def test_a_new_due_time_replans_the_nudges_for_the_new_date_and_none_is_doubled(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "heads_up"))
    old_due = due_epoch(kept, made)
    clock.set(local_time(KOLKATA, "Thu 26 Nov 10:00"))

    promises.renegotiate(
        kept, directory, KIRAN, made, local_time(KOLKATA, "Tue 1 Dec 15:00"), "data is late"
    )

    assert planned(kept, made) == ("heads_up", local_time(KOLKATA, "Mon 30 Nov 09:00"))
    for old in ("final_check", "at_deadline"):  # Friday's nudges no longer come
        assert sweep_at(kept, clock, nudge(KIRAN, old)) == 0, old
    for new in ("Mon 30 Nov 09:00", "Tue 1 Dec 13:00", "Tue 1 Dec 15:00", "Wed 2 Dec 09:00"):
        assert sweep_at(kept, clock, local_time(KOLKATA, new)) == 1, new
    new_due = due_epoch(kept, made)
    assert [row.key for row in queued(kept)] == [
        f"nudge:{made}:heads_up:{old_due}",
        f"nudge:{made}:heads_up:{new_due}",
        f"nudge:{made}:final_check:{new_due}",
        f"nudge:{made}:at_deadline:{new_due}",
        f"nudge:{made}:overdue:{new_due}",
    ]
    assert Counter(e.data["stage"] for e in history(kept, made, "nudged")) == {
        "heads_up": 2,  # one for each date
        "final_check": 1,
        "at_deadline": 1,
        "overdue": 1,
    }


def test_on_track_after_the_final_check_quiets_the_deadlines_question(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "final_check"))

    promises.on_track(kept, directory, KIRAN, made)

    assert planned(kept, made) == ("overdue", nudge(KIRAN, "overdue"))
    assert [e.kind for e in history(kept, made, "on_track")] == ["on_track"]
    assert sweep_at(kept, clock, nudge(KIRAN, "at_deadline")) == 0
    assert sweep_at(kept, clock, nudge(KIRAN, "overdue")) == 1  # on track did not come true
    assert stages(kept) == [(made, "final_check"), (made, "overdue")]


def test_on_track_skips_only_the_next_reminder(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)  # waiting for Thursday's heads-up

    promises.on_track(kept, directory, KIRAN, made)

    assert planned(kept, made) == ("final_check", nudge(KIRAN, "final_check"))
    assert sweep_at(kept, clock, nudge(KIRAN, "heads_up")) == 0
    assert sweep_at(kept, clock, nudge(KIRAN, "final_check")) == 1


def test_on_track_after_the_deadline_does_not_quiet_the_overdue_reminder(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "at_deadline"))  # "did you deliver it?"

    promises.on_track(kept, directory, KIRAN, made)

    assert planned(kept, made) == ("overdue", nudge(KIRAN, "overdue"))
    assert sweep_at(kept, clock, nudge(KIRAN, "overdue")) == 1


def test_on_track_is_the_owners_own_business_nobody_is_told(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory)
    sweep_at(kept, clock, nudge(KIRAN, "final_check"))
    told_before = len(news(kept))  # ana heard of the promise when it was made

    promises.on_track(kept, directory, KIRAN, made)

    assert len(news(kept)) == told_before


# --- escalation ---------------------------------------------------------------------------


def test_two_working_days_overdue_the_owners_manager_from_the_settings_is_told(
    managed: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(managed, directory, KIRAN)
    sweep_at(managed, clock, nudge(KIRAN, "overdue"))

    assert planned(managed, made) == ("escalation", nudge(KIRAN, "escalation"))
    assert sweep_at(managed, clock, nudge(KIRAN, "escalation")) == 1

    overdue, escalation = queued(managed)
    assert (overdue.recipient, overdue.payload["stage"]) == (KIRAN, "overdue")
    assert (escalation.recipient, escalation.payload["stage"]) == (BOSS, "escalation")
    assert escalation.key == f"nudge:{made}:escalation:{due_epoch(managed, made)}"
    assert (escalation.payload["owner"], escalation.payload["owner_ref"]) == ("kiran", KIRAN)


def test_an_escalation_waits_for_its_managers_working_hours(
    managed: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    """kiran's Tuesday 09:00 in Kolkata is 03:30 for boss in Lisbon: it goes out at 09:00 his."""
    known_person(managed, directory, BOSS)  # Kept has met boss: it knows his zone
    promise(managed, directory, KIRAN)
    sweep_at(managed, clock, nudge(KIRAN, "overdue"))
    sweep_at(managed, clock, nudge(KIRAN, "escalation"))

    overdue, escalation = queued(managed)
    assert overdue.deliver_after == nudge(KIRAN, "overdue")  # the owner's own: at once
    assert escalation.recipient == BOSS
    assert escalation.deliver_after == local_time("Europe/Lisbon", "Tue 1 Dec 09:00")


def test_an_escalation_to_a_manager_kept_never_met_waits_for_the_default_zones_hours(
    managed: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    promise(managed, directory, KIRAN)
    sweep_at(managed, clock, nudge(KIRAN, "overdue"))
    sweep_at(managed, clock, nudge(KIRAN, "escalation"))

    escalation = queued(managed)[-1]
    assert escalation.deliver_after == local_time("UTC", "Tue 1 Dec 09:00")  # config/kept.toml


def test_with_no_manager_known_the_overdue_reminder_is_the_last_nudge(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory, KIRAN)  # config/kept.toml names no managers

    sweep_at(kept, clock, nudge(KIRAN, "overdue"))

    assert planned(kept, made) == (None, None)
    assert sweep_at(kept, clock, nudge(KIRAN, "escalation")) == 0
    assert {row.recipient for row in queued(kept)} == {KIRAN}


# --- many at once -------------------------------------------------------------------------


def copies(kept: Kept, promise_id: int, count: int) -> list[int]:
    """`count` more promises just like this one (the plan included): a busy week, made fast."""
    with kept.db.unit_of_work() as session:
        row = session.get_one(Promise, promise_id)
        columns = [c.key for c in Promise.__table__.columns if c.key != "id"]
        values = {column: getattr(row, column) for column in columns}
        rows = [{**values, "what": f"send report {n}"} for n in range(count)]
        session.execute(insert(Promise), rows)
        return list(session.scalars(select(Promise.id).where(Promise.id != promise_id)))


def test_a_sweep_with_more_due_than_one_batch_queues_every_one(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    first = promise(kept, directory, to=None, customer="Acme")
    others = copies(kept, first, 2 * SWEEP_BATCH)
    everyone = {first, *others}

    queued_now = sweep_at(kept, clock, nudge(KIRAN, "heads_up"))

    assert queued_now == len(everyone) == 2 * SWEEP_BATCH + 1
    assert Counter(promise_id for promise_id, _ in stages(kept)) == dict.fromkeys(everyone, 1)
    with kept.db.unit_of_work() as session:
        waiting = Counter(session.scalars(select(Promise.nudge_stage)))
    assert waiting == {"final_check": len(everyone)}
    assert sweep_nudges(kept) == 0


# --- two clocks at once --------------------------------------------------------------------


def test_two_sweeps_at_once_queue_each_nudge_exactly_once(
    kept: Kept, clock: FixedClock, directory: FakeDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [promise(kept, directory, to=None, customer=f"client {n}") for n in range(40)]
    # Each sweep, inside its transaction with its promises locked, waits for the other to be
    # inside too: so each runs while the other holds what it took. (A clock that waits for
    # the other's locks instead, or for leadership, breaks the wait and goes on.)
    both_inside = threading.Barrier(2, timeout=5)
    first_batch = threading.local()
    enqueue_many = outbox.enqueue_many

    def enqueue_when_both_are_inside(session: Any, messages: Any, now: datetime) -> None:
        if not getattr(first_batch, "seen", False):
            first_batch.seen = True
            with contextlib.suppress(threading.BrokenBarrierError):
                both_inside.wait()
        enqueue_many(session, messages, now)

    monkeypatch.setattr(outbox, "enqueue_many", enqueue_when_both_are_inside)
    clock.set(nudge(KIRAN, "heads_up"))

    with ThreadPoolExecutor(2) as pool:
        counts = [run.result() for run in [pool.submit(sweep_nudges, kept) for _ in range(2)]]

    assert sum(counts) == 40, counts
    assert Counter(promise_id for promise_id, _ in stages(kept)) == dict.fromkeys(made, 1)
    assert sum(len(history(kept, p, "nudged")) for p in made) == 40
