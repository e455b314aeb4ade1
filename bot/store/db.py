"""The database: engine, units of work, and bringing the schema up to date with Alembic."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from time import monotonic
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Dialect, Engine, create_engine, event, exc, inspect
from sqlalchemy.orm import Session, sessionmaker

from bot.store.models import Base

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
# A connection that only reads: on SQLite it need not wait for the write lock.
READ_ONLY = {"sqlite_begin": "BEGIN DEFERRED"}
# A pooled PostgreSQL connection idle this long (seconds) is pinged before use (a restart, a
# proxy's timeout); one in steady use is not, so a busy Kept spends no round trip on it.
IDLE_BEFORE_PING = 1.0
# How often a write that must not be lost is tried again after a lost connection or a lock.
RETRIES = 3


class Database:
    """One engine and its sessions; `unit_of_work()` is one transaction of a use case."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work is committed together, or not at all."""
        with self._sessions() as session, session.begin():
            yield session

    def again_if_lost(self, work: Callable[[Session], None]) -> None:
        """`work` in a unit of work, done again (up to RETRIES times) when the database dropped
        its connection or stayed locked: for writes that are the same however often they are
        done, and must not be lost (what a platform did with a message it already took)."""
        for attempt in range(RETRIES + 1):
            try:
                with self.unit_of_work() as session:
                    work(session)
                return
            except exc.OperationalError as error:
                if attempt == RETRIES:
                    raise
                log.warning("the database failed a write (%s): trying it again", why(error))

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session that only reads: on SQLite it takes no write lock, so a read never waits
        for a change (nor a change for it), and sees the database as the last commit left it."""
        with self._sessions() as session, session.begin():
            session.connection(execution_options=READ_ONLY)
            yield session

    def after_commit_of(self, flag: str, callback: Callable[[], None]) -> None:
        """Call `callback` after each commit of a unit of work that set `flag` in its
        `session.info` (the outbox does, when it queues a message to deliver at once)."""

        def committed(session: Session) -> None:
            if session.info.pop(flag, False):
                callback()

        event.listen(self._sessions, "after_commit", committed)
        event.listen(self._sessions, "after_rollback", lambda session: session.info.pop(flag, None))

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (the only way tables are made)."""
        with self.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def ping(self) -> bool:
        """Whether the database answers: what /healthz reports."""
        return self.problem() is None

    def problem(self) -> str | None:
        """Why the database does not answer, in its driver's first line; None when it does."""
        try:
            with self.engine.connect().execution_options(**READ_ONLY) as connection:
                connection.exec_driver_sql("SELECT 1")
        except Exception as error:
            return why(error)
        return None

    def unready(self) -> str | None:
        """Why Kept cannot serve yet (the database does not answer, or its schema is not the
        newest migration), in one line; None when it can: what /readyz reports."""
        try:
            with self.engine.connect().execution_options(**READ_ONLY) as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                tables = set(inspect(connection).get_table_names())
        except Exception as error:
            return why(error)
        newest = newest_revision()
        if current != newest:
            return (
                f"the schema is at {current or 'nothing'}, Kept needs {newest}:"
                " run `python -m bot db upgrade`"
            )
        missing = sorted(set(Base.metadata.tables) - tables)
        if missing:  # at the newest migration, yet a table was dropped by hand
            return f"the table {missing[0]} is missing: restore it from a backup"
        return None

    def dispose(self) -> None:
        self.engine.dispose()


def why(error: Exception) -> str:
    """Why the database refused, in one line: its driver's first, or the error's kind."""
    cause = getattr(error, "orig", None) or error
    return (str(cause).strip().splitlines() or [type(cause).__name__])[0]


@cache
def newest_revision() -> str | None:
    """The newest migration's id, read from the migration scripts once (not on every probe)."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        engine = create_engine(url)
        event.listen(engine, "checkin", _stamp_idle)
        event.listen(engine, "checkout", partial(_ping_if_idle, engine.dialect))
        return engine
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
    event.listen(engine, "connect", _tune_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _stamp_idle(_connection: Any, record: Any) -> None:
    record.info["idle_since"] = monotonic()


def _ping_if_idle(dialect: Dialect, connection: Any, record: Any, _proxy: Any) -> None:
    """Ping a connection that sat idle in the pool; if the server is gone, the pool discards it
    and connects afresh (SQLAlchemy's own pre-ping pings at every checkout: nine round trips
    a command). A connection lost while busy fails that one unit of work, and SQLAlchemy then
    invalidates the rest of the pool."""
    if monotonic() - record.info.get("idle_since", monotonic()) < IDLE_BEFORE_PING:
        return
    try:
        dialect.do_ping(connection)
    except Exception as error:
        raise exc.DisconnectionError(why(error)) from error


def _tune_sqlite(connection: Any, _record: Any) -> None:
    """Foreign keys on; WAL so the web threads and the scheduler can read while one writes;
    transactions begun by Kept (`_begin_sqlite`), not by the driver."""
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    """Each unit of work takes SQLite's write lock as it begins, as PostgreSQL's row locks
    would: so what it read is still so when it writes, and two identical clicks, two drains
    or two sweeps at once are applied one after the other, never both on the same reading.
    (The driver's own way begins a transaction only at the first write, after the reads.)"""
    connection.exec_driver_sql(
        connection.get_execution_options().get("sqlite_begin", "BEGIN IMMEDIATE")
    )
