"""co-workers told of a promise besides its first: "to @ana and @raj" tells both

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "promise_co_workers",
        sa.Column("promise_id", sa.Integer(), sa.ForeignKey("promises.id"), primary_key=True),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id"), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
    )
    op.create_index("ix_promise_co_workers_person", "promise_co_workers", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_promise_co_workers_person", table_name="promise_co_workers")
    op.drop_table("promise_co_workers")
