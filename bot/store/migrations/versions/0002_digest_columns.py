"""digest columns: a promise's first due time, and whether an event was said before the deadline

Both were only in the JSON event data, which SQLite and PostgreSQL query differently; the
digest counts them with plain SQL aggregates.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DIGEST_COLUMNS = [
    "owner_id",
    "first_due_at",
    "status",
    "due_at",
    "closed_at",
    "customer_name",
    "id",
]

promises = sa.table(
    "promises",
    sa.column("id", sa.Integer),
    sa.column("due_at", sa.DateTime(timezone=True)),
    sa.column("first_due_at", sa.DateTime(timezone=True)),
)
events = sa.table(
    "promise_events",
    sa.column("id", sa.Integer),
    sa.column("promise_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("data", sa.JSON),
    sa.column("before_deadline", sa.Boolean),
)


def upgrade() -> None:
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("first_due_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("promise_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("before_deadline", sa.Boolean(), nullable=True))

    _backfill()

    # first_due_at stays nullable though Kept always sets it: on SQLite, NOT NULL would mean
    # copying the promises table, and dropping the old one breaks promise_events' foreign key.
    with op.batch_alter_table("promises", schema=None) as batch_op:
        # Covering: the digest reads a team's weeks from the index alone, no random heap reads.
        batch_op.create_index("ix_promises_owner_first_due", DIGEST_COLUMNS, unique=False)
    with op.batch_alter_table("promise_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_promise_events_promise_kind_at",
            ["promise_id", "kind", "at", "before_deadline"],
            unique=False,
        )


def _backfill() -> None:
    """The first due time is the old one of the first renegotiation, or the due time itself;
    a renegotiation says "early", a customer_informed "before_deadline"."""
    bind = op.get_bind()
    bind.execute(promises.update().values(first_due_at=promises.c.due_at))
    rows = bind.execute(
        sa.select(events.c.id, events.c.promise_id, events.c.kind, events.c.data)
        .where(events.c.kind.in_(("renegotiated", "customer_informed")))
        .order_by(events.c.id)
    ).all()
    firsts: dict[int, str] = {}
    for event_id, promise_id, kind, data in rows:
        said = (data or {}).get("early" if kind == "renegotiated" else "before_deadline")
        if said is not None:
            bind.execute(
                events.update().where(events.c.id == event_id).values(before_deadline=bool(said))
            )
        if kind == "renegotiated" and "old_due" in (data or {}):
            firsts.setdefault(promise_id, data["old_due"])
    for promise_id, old_due in firsts.items():
        first = datetime.fromisoformat(old_due).astimezone(UTC)
        bind.execute(
            promises.update().where(promises.c.id == promise_id).values(first_due_at=first)
        )


def downgrade() -> None:
    with op.batch_alter_table("promise_events", schema=None) as batch_op:
        batch_op.drop_index("ix_promise_events_promise_kind_at")
    with op.batch_alter_table("promises", schema=None) as batch_op:
        batch_op.drop_index("ix_promises_owner_first_due")
        batch_op.drop_column("first_due_at")
    with op.batch_alter_table("promise_events", schema=None) as batch_op:
        batch_op.drop_column("before_deadline")
