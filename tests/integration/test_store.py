"""The store on SQLite and PostgreSQL: the schema, instants in UTC, de-duplication, the outbox."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import literal, select

from bot.bootstrap import build
from bot.clock import FixedClock
from bot.domain.people import PersonKey, Profile
from bot.jobs.forget_old_events import REMEMBERED_FOR, forget_old_events
from bot.services.outbox import MAX_ATTEMPTS, RetryLater, SendResult, Sent, Undeliverable
from bot.settings import Settings
from bot.store import db as db_module
from bot.store import outbox, people, slack_installs
from bot.store.db import Database
from bot.store.models import Base, OutboxMessage, Person
from bot.store.platform_events import first_delivery
from tests.fakes.outbox import queue

ANA = PersonKey("slack", "T00000001", "U00000ANA")


def test_the_migrations_build_exactly_the_models(db: Database) -> None:
    assert slack_installs.BOTS.metadata is Base.metadata  # slack_sdk's tables are compared too
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []


def test_upgrading_twice_changes_nothing(db: Database) -> None:
    db.upgrade()
    db.upgrade()

    assert db.ping()


def test_instants_come_back_in_utc_whatever_zone_they_went_in(
    db: Database, clock: FixedClock
) -> None:
    kolkata_noon = datetime(2026, 11, 24, 12, 0, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    with db.unit_of_work() as session:
        people.remember(session, ANA, Profile("ana", "America/New_York"), kolkata_noon)

    with db.unit_of_work() as session:
        stored = session.scalars(select(Person)).one()

    assert stored.created_at == datetime(2026, 11, 24, 6, 30, tzinfo=UTC)
    assert stored.created_at.tzinfo == UTC


def test_a_naive_instant_is_refused(db: Database) -> None:
    with pytest.raises(Exception, match="naive datetime"), db.unit_of_work() as session:
        people.remember(session, ANA, Profile("ana", "UTC"), datetime(2026, 11, 24, 12, 0))  # noqa: DTZ001


def test_a_person_is_remembered_once_and_kept_up_to_date(db: Database, clock: FixedClock) -> None:
    with db.unit_of_work() as session:
        first = people.remember(session, ANA, Profile("ana", "America/New_York"), clock.now())
    clock.advance(timedelta(days=1))
    with db.unit_of_work() as session:
        again = people.remember(
            session, ANA, Profile("Ana B.", "Europe/Lisbon", "pt-PT"), clock.now()
        )

    assert again.id == first.id
    assert (again.display_name, again.timezone, again.locale) == (
        "Ana B.",
        "Europe/Lisbon",
        "pt-PT",
    )
    with db.unit_of_work() as session:
        assert len(session.scalars(select(Person)).all()) == 1
        assert not people.needs_profile(people.find(session, ANA), clock.now())
        assert people.needs_profile(people.find(session, ANA), clock.now() + timedelta(days=1))


def test_a_retried_platform_event_is_seen_as_a_retry(db: Database, clock: FixedClock) -> None:
    with db.unit_of_work() as session:
        assert first_delivery(session, "slack", "Ev001", clock.now())
    with db.unit_of_work() as session:
        assert not first_delivery(session, "slack", "Ev001", clock.now())
        assert first_delivery(session, "teams", "Ev001", clock.now())


def test_the_same_message_key_is_queued_once(db: Database, clock: FixedClock) -> None:
    assert queue(db, clock, "nudge:1:final")
    assert not queue(db, clock, "nudge:1:final")

    with db.unit_of_work() as session:
        assert len(session.scalars(select(OutboxMessage)).all()) == 1


def test_a_message_waits_for_its_time(db: Database, clock: FixedClock) -> None:
    queue(db, clock, "later", after=timedelta(hours=1))

    with db.unit_of_work() as session:
        assert outbox.claim_next(session, "slack", clock.now()) is None
        assert outbox.claim_next(session, "slack", clock.now() + timedelta(hours=1)) is not None
        assert outbox.claim_next(session, "teams", clock.now() + timedelta(hours=1)) is None


def test_sent_failed_and_retried_messages_are_recorded(db: Database, clock: FixedClock) -> None:
    for key in ("sent", "gone", "busy"):
        queue(db, clock, key)
    outcomes: dict[str, SendResult] = {
        "sent": Sent(),
        "gone": Undeliverable("user_not_found"),
        "busy": RetryLater(timedelta(seconds=30), "ratelimited"),
    }
    for _ in outcomes:
        with db.unit_of_work() as session:
            delivery = outbox.claim_next(session, "slack", clock.now())
            assert delivery is not None
            outbox.record(session, delivery, outcomes[delivery.key], clock.now())

    with db.unit_of_work() as session:
        rows = {row.key: row for row in session.scalars(select(OutboxMessage))}
    assert (rows["sent"].status, rows["sent"].sent_at) == ("sent", clock.now())
    assert (rows["gone"].status, rows["gone"].last_error) == ("failed", "user_not_found")
    assert rows["busy"].status == "pending"
    assert rows["busy"].deliver_after == clock.now() + timedelta(seconds=30)


def test_a_message_that_keeps_failing_is_given_up_on(db: Database, clock: FixedClock) -> None:
    queue(db, clock, "flaky")
    for _ in range(MAX_ATTEMPTS):
        with db.unit_of_work() as session:
            delivery = outbox.claim_next(session, "slack", clock.now())
            assert delivery is not None
            outbox.record(session, delivery, RetryLater(timedelta(0), "500"), clock.now())

    with db.unit_of_work() as session:
        row = session.scalars(select(OutboxMessage)).one()
    assert (row.status, row.attempts, row.last_error) == ("failed", MAX_ATTEMPTS, "500")


@pytest.mark.postgres
def test_two_drains_never_claim_the_same_message(postgres_url: str, clock: FixedClock) -> None:
    database = Database(postgres_url)
    from tests.conftest import _empty_postgres

    _empty_postgres(postgres_url)
    queue(database, clock, "a")
    queue(database, clock, "b")

    with database.unit_of_work() as first, database.unit_of_work() as second:
        one = outbox.claim_next(first, "slack", clock.now())
        other = outbox.claim_next(second, "slack", clock.now())
        third = outbox.claim_next(second, "slack", clock.now())

    assert one is not None and other is not None
    assert {one.key, other.key} == {"a", "b"}
    assert third is None or third.key == other.key
    database.dispose()


def test_event_ids_too_old_to_be_retried_are_forgotten(
    settings: Settings, clock: FixedClock
) -> None:
    kept = build(settings, clock)
    with kept.db.unit_of_work() as session:
        first_delivery(session, "slack", "Ev-old", clock.now())
    clock.advance(REMEMBERED_FOR + timedelta(seconds=1))
    with kept.db.unit_of_work() as session:
        first_delivery(session, "slack", "Ev-new", clock.now())

    assert forget_old_events(kept) == 1
    with kept.db.unit_of_work() as session:
        assert not first_delivery(session, "slack", "Ev-new", clock.now())  # still remembered
        assert first_delivery(session, "slack", "Ev-old", clock.now())  # forgotten
    kept.db.dispose()


def test_a_clock_set_ahead_forgets_no_event_just_received(
    settings: Settings, clock: FixedClock
) -> None:
    """`tick --at` a week ahead: what was received today may still be retried by Slack."""
    kept = build(settings, clock)
    with kept.db.unit_of_work() as session:
        first_delivery(session, "slack", "Ev-today", clock.now())
    ahead = build(settings, FixedClock(clock.now() + timedelta(days=7)))

    assert forget_old_events(ahead) == 0
    with kept.db.unit_of_work() as session:
        assert not first_delivery(session, "slack", "Ev-today", clock.now())  # still remembered
    kept.db.dispose()
    ahead.db.dispose()


@pytest.mark.postgres
def test_a_connection_the_server_dropped_while_idle_is_replaced_unseen(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(db_module, "IDLE_BEFORE_PING", 0.0)  # every pooled connection is idle
    database = Database(postgres_url)
    with database.engine.connect() as connection:  # it stays in the pool, idle
        pooled = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    admin = Database(postgres_url)
    with admin.engine.connect() as connection:
        dropped = connection.exec_driver_sql(f"SELECT pg_terminate_backend({pooled})").scalar_one()
    admin.dispose()

    with database.reading() as session:
        answer = session.scalar(select(literal(1)))

    database.dispose()
    assert (dropped, answer) == (True, 1)


@pytest.mark.postgres
def test_a_connection_in_steady_use_is_not_pinged_before_each_unit_of_work(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = Database(postgres_url)
    pings: list[object] = []
    monkeypatch.setattr(database.engine.dialect, "do_ping", pings.append)

    for _ in range(3):
        with database.reading() as session:
            session.scalar(select(literal(1)))

    database.dispose()
    assert pings == []


def _drop_connections(url: str) -> None:
    """The server ends every other connection to the database, as a restart or failover does."""
    admin = Database(url)
    with admin.engine.connect() as connection:
        connection.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    admin.dispose()


@pytest.mark.postgres
def test_what_was_sent_is_written_down_though_the_connection_was_lost_meanwhile(
    postgres_url: str, clock: FixedClock
) -> None:
    from tests.conftest import _empty_postgres

    _empty_postgres(postgres_url)
    database = Database(postgres_url)
    queue(database, clock, "sent")
    with database.unit_of_work() as session:  # the connection is back in the pool, just used
        delivery = outbox.claim_next(session, "slack", clock.now())
    assert delivery is not None
    _drop_connections(postgres_url)  # while the platform took the message

    database.again_if_lost(lambda session: outbox.record(session, delivery, Sent(), clock.now()))

    with database.reading() as session:
        row = session.scalars(select(OutboxMessage)).one()
    database.dispose()
    assert (row.status, row.attempts) == ("sent", 1)
