"""Writes that must hold under concurrency, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.models import Base

M = TypeVar("M", bound=Base)


def insert_once(session: Session, model: type[Base], **values: Any) -> bool:
    """Insert a row unless one with the same unique key exists; True when this call inserted it.

    The database decides, so two processes racing on one key cannot both win.
    """
    key = inspect(model).primary_key
    statement = _insert(session, model).values(**values).on_conflict_do_nothing().returning(*key)
    return session.execute(statement).first() is not None


def insert_many_once(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert many rows, skipping those whose unique key exists.

    One statement, compiled once and cached, run for every row in a batch (executemany); not
    a VALUES list of all the rows, which SQLAlchemy compiles afresh on every call.
    """
    if rows:
        session.execute(_insert(session, model).on_conflict_do_nothing(), rows)


def upsert(
    session: Session, model: type[M], key: dict[str, Any], changes: dict[str, Any], **first: Any
) -> M:
    """The row with this unique `key`, inserted with `changes` (and `first`, the values only a
    new row gets), or updated with `changes` when it exists; one statement, so two processes
    racing on one key both succeed, one inserting and the other updating."""
    statement = (
        _dialect(session)
        .insert(model)  # the entity, not its table: the row comes back as one
        .values(**key, **changes, **first)
        .on_conflict_do_update(index_elements=list(key), set_=changes)
        .returning(model)
    )
    row: M = session.scalars(statement, execution_options={"populate_existing": True}).one()
    return row


def _insert(session: Session, model: type[Base]) -> Any:
    return _dialect(session).insert(model.__table__)


def _dialect(session: Session) -> Any:
    """The dialect's own INSERT, which knows ON CONFLICT (SQLite and PostgreSQL alike)."""
    return postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
