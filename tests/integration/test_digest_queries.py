"""The digest's SQL gives the domain's answers: the hand-built week of tests/unit/test_digest.py,
made this time through the promise services and the clock, counted on SQLite and PostgreSQL.

Ana manages Bo and Cy from New York; Dee, on no team, keeps promises of her own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text

from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.domain.digest import IsoWeek, WeekCounts
from bot.domain.people import Profile
from bot.services import promises
from bot.services.directory import known_person
from bot.store.db import Database, alembic_config
from bot.store.digest_queries import team_weeks
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


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


def make_week(kept: Kept, directory: FakeDirectory, clock: FixedClock) -> None:
    """The week's promises, made the Sunday before, then kept, moved or dropped in time order."""
    clock.set(at(1, 12))

    def promise(
        owner: str, due: datetime, *, to: str | None = DEE, customer: str | None = None
    ) -> int:
        made = promises.make(
            kept,
            directory,
            owner,
            "send the Q3 deck",
            due,
            "minute",
            None if customer else to,
            customer,
            source="form",
        )
        return made.promise.id

    a = promise(BO, at(3, 22))
    b = promise(CY, at(4, 22))
    c = promise(BO, at(4, 22))
    d = promise(CY, at(5, 17), customer="Acme")
    e = promise(BO, at(5, 22))
    f = promise(BO, at(6, 17), customer="Globex")
    g = promise(CY, at(6, 17), customer="Initech")
    h = promise(CY, at(6, 17))
    promise(BO, at(6, 20))  # I: never delivered
    j = promise(CY, at(7, 17))
    promise(BO, at(8, 23))  # K: due Sunday 18:00 in New York, not yet
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
        team.members = [TeamMember(person_id=ids[m]) for m in members]
        session.add(team)
        session.flush()
        return team.id


def test_the_sql_counts_the_hand_built_week_as_the_domain_does(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_week(kept, directory, clock)
    team = team_of(kept, directory, ANA, [BO, CY])
    w44, w45, w46 = (IsoWeek.parse(w) for w in ("2026-W44", "2026-W45", "2026-W46"))
    edges = [
        w44.bounds("America/New_York")[0],
        *(w.bounds("America/New_York")[1] for w in (w44, w45, w46)),
    ]

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
        warned=2,  # E (Kept told Dee), F (Globex told before the deadline)
        median_delay_seconds=32.5 * 3600,  # C 3h, D 24h, H 41h, F 43h
    )
    assert week.on_time_rate == pytest.approx(2 / 9)
    assert week.early_warning_rate == pytest.approx(2 / 7)
    assert before == WeekCounts(broken=1)
    assert after == WeekCounts(not_yet_due=1)


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
