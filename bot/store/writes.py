"""Writes that must hold under concurrency, the same on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.store.models import Base


def insert_once(session: Session, model: type[Base], **values: Any) -> bool:
    """Insert a row unless one with the same unique key exists; True when this call inserted it.

    The database decides, so two processes racing on one key cannot both win.
    """
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = model.__table__
    key = inspect(model).primary_key
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(*key)
    return session.execute(statement).first() is not None
