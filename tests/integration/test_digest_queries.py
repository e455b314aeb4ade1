"""The digest's SQL gives the answers the rules of bot/domain/digest.py give, worked out by hand
on one week (2026-W45, a manager in New York) made through the promise services and the clock,
promise by promise and counted, on SQLite and PostgreSQL.

Ana manages Bo and Cy from New York; Dee, on no team, keeps promises of her own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import text

from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.domain.digest import IsoWeek, Outcome, WeekCounts
from bot.domain.people import Profile
from bot.services import promises
from bot.services.directory import known_person
from bot.store.db import Database, alembic_config
from bot.store.digest_queries import team_weeks, week_rows
from bot.store.models import Promise, Team, TeamMember
from tests.fakes.directory import FakeDirectory

ANA, BO, CY, DEE = "U0ANA", "U0BO", "U0CY", "U0DEE"
PEOPLE = {
    ANA: Profile("ana", "America/New_York"),
    BO: Profile("bo", "America/New_York"),
    CY: Profile("cy", "Asia/Kolkata"),
    DEE: Profile("dee", "Europe/Lisbon"),
}


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, 0, tzinfo=UTC)


NOW = at(8, 15)  # Sunday 10:00 in New York, late in 2026-W45
W45 = IsoWeek.parse("2026-W45")
ZONE = "America/New_York"  # Ana's
HOUR = 3600


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


def make_promise(
    kept: Kept, directory: FakeDirectory, owner: str, due: datetime, customer: str | None = None
) -> int:
    """A promise made on the form to the customer, or else to Dee, a co-worker; its id."""
    made = promises.make(
        kept,
        directory,
        owner,
        "send the Q3 deck",
        due,
        "minute",
        None if customer else DEE,
        customer,
        source="form",
    )
    return made.promise.id


def make_week(kept: Kept, directory: FakeDirectory, clock: FixedClock) -> dict[str, int]:
    """The week's promises, made the Sunday before, then kept, moved or dropped in time order;
    the ids of A to K."""
    clock.set(at(1, 12))

    def promise(owner: str, due: datetime, *, customer: str | None = None) -> int:
        return make_promise(kept, directory, owner, due, customer)

    a = promise(BO, at(3, 22))
    b = promise(CY, at(4, 22))
    c = promise(BO, at(4, 22))
    d = promise(CY, at(5, 17), customer="Acme")
    e = promise(BO, at(5, 22))
    f = promise(BO, at(6, 17), customer="Globex")
    g = promise(CY, at(6, 17), customer="Initech")
    h = promise(CY, at(6, 17))
    i = promise(BO, at(6, 20))  # never delivered
    j = promise(CY, at(7, 17))
    k = promise(BO, at(8, 23))  # due Sunday 18:00 in New York, not yet
    promise(BO, at(2, 4))  # Sunday 23:00 in New York: the week before, broken
    promise(CY, at(9, 5))  # Monday 00:00 in New York: the week after
    promise(DEE, at(4, 22))  # Dee is on no team

    def move(owner: str, promise_id: int, to: datetime) -> Callable[[], object]:
        return lambda: promises.renegotiate(kept, directory, owner, promise_id, to, "sorry")

    story: list[tuple[datetime, Callable[[], object]]] = [
        (at(3, 20), lambda: promises.complete(kept, directory, BO, a)),
        (at(4, 22), lambda: promises.complete(kept, directory, CY, b)),
        (at(5, 1), lambda: promises.complete(kept, directory, BO, c)),
        (at(5, 9), lambda: promises.cancel(kept, directory, CY, j)),
        (at(5, 12), move(BO, e, at(10, 17))),
        (at(6, 9), move(BO, f, at(9, 13))),
        (at(6, 10), lambda: promises.customer_told(kept, directory, BO, f)),
        (at(6, 10), move(CY, g, at(10, 17))),
        (at(6, 17), lambda: promises.complete(kept, directory, CY, d)),
        (at(7, 9), move(CY, h, at(10, 17))),
        (at(8, 10), lambda: promises.complete(kept, directory, CY, h)),
        (at(8, 12), lambda: promises.complete(kept, directory, BO, f)),
    ]
    for when, happens in story:
        clock.set(when)
        happens()
    clock.set(NOW)
    return dict(zip("ABCDEFGHIJK", (a, b, c, d, e, f, g, h, i, j, k), strict=True))


def team_of(kept: Kept, directory: FakeDirectory, manager: str, members: list[str]) -> int:
    ids = {ref: known_person(kept, directory, ref).id for ref in (manager, *members)}
    with kept.db.unit_of_work() as session:
        team = Team(
            platform="slack",
            workspace_id=FakeDirectory.workspace_id,
            name="deck",
            manager_id=ids[manager],
            created_at=NOW,
        )
        team.members = [TeamMember(person_id=ids[m], joined_at=NOW) for m in members]
        session.add(team)
        session.flush()
        return team.id


# Each promise of the week made by make_week, with the outcome the rules give it, whether its
# customer was told before the deadline, and how many seconds late it was delivered; and why.
WEEK: dict[str, tuple[Outcome, bool, int | None]] = {
    # done before its due time
    "A": (Outcome.KEPT_ON_TIME, False, None),
    # done at the very minute it was due: still on time
    "B": (Outcome.KEPT_ON_TIME, False, None),
    # done 3 hours late, never moved: Dee was not warned
    "C": (Outcome.KEPT_LATE, False, 3 * HOUR),
    # to Acme, done a day late, Acme never told
    "D": (Outcome.KEPT_LATE, False, 24 * HOUR),
    # to Dee, a co-worker, moved 10 hours before its deadline (Kept told her then); still open
    "E": (Outcome.RENEGOTIATED_EARLY, True, None),
    # to Globex, moved early, Globex told early, delivered Sunday 12:00 UTC: 43 hours late
    "F": (Outcome.RENEGOTIATED_EARLY, True, 43 * HOUR),
    # to Initech, moved early, but nobody told Initech; still open
    "G": (Outcome.RENEGOTIATED_EARLY, False, None),
    # moved the morning after its deadline, then delivered Sunday 10:00 UTC: 41 hours late
    "H": (Outcome.RENEGOTIATED_LATE, False, 41 * HOUR),
    # overdue since Friday evening, still open: its delay is still growing, so it has none
    "I": (Outcome.BROKEN, False, None),
    # cancelled
    "J": (Outcome.CANCELLED, False, None),
    # due Sunday 18:00 in New York: this week, not yet due
    "K": (Outcome.NOT_YET_DUE, False, None),
}


def test_each_promise_of_the_week_has_the_outcome_the_rules_give(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = make_week(kept, directory, clock)
    team = team_of(kept, directory, ANA, [BO, CY])

    with kept.db.unit_of_work() as session:
        rows = {row.id: row for row in week_rows(session, team, *W45.bounds(ZONE), NOW)}

    # One week built for all eleven: a wrong one shows by its letter in the dicts' diff. warned
    # is 1 or 0 in SQL: equal to True or False, and to nothing else.
    read = {
        name: (Outcome(rows[made[name]].outcome), rows[made[name]].warned, rows[made[name]].delay)
        for name in WEEK
    }
    assert read == WEEK


def test_the_weeks_numbers_are_the_ones_worked_out_by_hand(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_week(kept, directory, clock)
    team = team_of(kept, directory, ANA, [BO, CY])
    w44, w46 = W45.shifted(-1), W45.shifted(1)
    edges = [w44.bounds(ZONE)[0], *(w.bounds(ZONE)[1] for w in (w44, W45, w46))]

    with kept.db.unit_of_work() as session:
        before, week, after = team_weeks(session, team, edges, clock.now())

    assert week == WeekCounts(
        kept_on_time=2,  # A, B
        kept_late=2,  # C, D
        renegotiated_early=3,  # E, F, G
        renegotiated_late=1,  # H
        broken=1,  # I
        cancelled=1,  # J
        not_yet_due=1,  # K
        # E (Kept told Dee) and F (Globex told before the deadline); not D, G (customers never
        # told) nor H (moved after the deadline).
        warned=2,
        # Delivered late: C 3h, D 24h, H 41h, F 43h; an even count: the middle two average to
        # 32.5h.
        median_delay_seconds=32.5 * HOUR,
    )
    # Fell due: everything but J (cancelled) and K (not yet due): 9, of which 2 on time.
    assert week.fell_due == 9
    assert week.on_time_rate == pytest.approx(2 / 9)
    # Slipped: C, D, E, F, G, H, I: 7, of which 2 warned.
    assert week.slipped == 7
    assert week.early_warning_rate == pytest.approx(2 / 7)
    assert week.median_delay == timedelta(hours=32, minutes=30)
    # Sunday 23:00 in New York is the week before; Monday 00:00 the week after.
    assert before == WeekCounts(broken=1)
    assert after == WeekCounts(not_yet_due=1)


def test_an_empty_week_has_no_rates_rather_than_zero(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_week(kept, directory, clock)
    team = team_of(kept, directory, ANA, [BO, CY])
    w46, w47 = W45.shifted(1), W45.shifted(2)

    with kept.db.unit_of_work() as session:
        nothing_due, empty = team_weeks(
            session, team, [*w46.bounds(ZONE), w47.bounds(ZONE)[1]], NOW
        )

    # W46 has only the promise due Monday 00:00, not yet due; W47 has none at all.
    assert nothing_due == WeekCounts(not_yet_due=1)
    assert empty == WeekCounts()
    for week in (nothing_due, empty):
        assert week.on_time_rate is None
        assert week.early_warning_rate is None
        assert week.median_delay is None


def test_a_week_with_an_odd_number_of_delays_takes_the_middle_one(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    team = team_of(kept, directory, ANA, [BO])
    clock.set(at(1, 12))
    # Made in this order, delivered 1, 5 and 2 hours late; the one 2 hours late was due and done
    # first: neither the middle one made nor the middle one done is the median.
    late = [(at(3, 10), 1), (at(3, 10), 5), (at(3, 8), 2)]
    made = [
        (make_promise(kept, directory, BO, due), due + timedelta(hours=hours))
        for due, hours in late
    ]
    for promise_id, done in sorted(made, key=lambda promise: promise[1]):
        clock.set(done)
        promises.complete(kept, directory, BO, promise_id)
    clock.set(NOW)

    with kept.db.unit_of_work() as session:
        (week,) = team_weeks(session, team, W45.bounds(ZONE), NOW)

    assert week == WeekCounts(kept_late=3, median_delay_seconds=2 * HOUR)
    assert week.median_delay == timedelta(hours=2)


def test_a_week_on_its_own_counts_the_same(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_week(kept, directory, clock)
    team = team_of(kept, directory, ANA, [BO])

    with kept.db.unit_of_work() as session:
        (week,) = team_weeks(
            session, team, IsoWeek.parse("2026-W45").bounds("America/New_York"), NOW
        )

    # Bo's alone: A on time, C late, E and F moved early (both warned), I broken, K not yet due.
    assert week == WeekCounts(
        kept_on_time=1,
        kept_late=1,
        renegotiated_early=2,
        broken=1,
        not_yet_due=1,
        warned=2,
        median_delay_seconds=(3 + 43) / 2 * 3600,
    )


def test_upgrading_a_database_with_history_fills_the_digest_columns(db: Database) -> None:
    with db.engine.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    moved = {"old_due": "2026-11-06T17:00:00+00:00", "new_due": "2026-11-10T17:00:00+00:00"}
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO people (id, platform, workspace_id, user_id, display_name, timezone,"
                " is_bot, created_at, updated_at) VALUES (1, 'slack', 'T1', 'U0BO', 'bo', 'UTC',"
                " false, :now, :now)"
            ),
            {"now": NOW},
        )
        connection.execute(
            text(
                "INSERT INTO promises (id, owner_id, customer_name, what, due_at, due_grain,"
                " status, source, created_at, updated_at) VALUES (1, 1, 'Globex', 'the deck',"
                " :due, 'minute', 'open', 'form', :now, :now)"
            ),
            {"due": at(10, 17), "now": NOW},
        )
        events = [
            ("renegotiated", {**moved, "early": True}),
            ("customer_informed", {"before_deadline": False}),
            ("nudged", {}),
        ]
        for number, (kind, data) in enumerate(events, start=1):
            connection.execute(
                text(
                    "INSERT INTO promise_events (id, promise_id, kind, at, data)"
                    " VALUES (:id, 1, :kind, :at, :data)"
                ),
                {"id": number, "kind": kind, "at": at(6, 9), "data": json.dumps(data)},
            )

    db.upgrade()

    with db.unit_of_work() as session:
        promise = session.get_one(Promise, 1)
        said = [e.before_deadline for e in promise.events]
    assert promise.first_due_at == at(6, 17)  # the due time before the first move
    assert said == [True, False, None]
