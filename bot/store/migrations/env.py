"""Alembic's entry: runs migrations on the connection Kept hands it, or on DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from bot.store import slack_installs
from bot.store.models import Base

assert slack_installs.BOTS.metadata is Base.metadata  # slack_sdk's tables, for autogenerate


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run(given)
else:
    from bot.settings import load_settings
    from bot.store.db import make_engine

    with make_engine(load_settings().database_url).begin() as connection:
        run(connection)
