"""team consent: a person is on a team once they say yes (joined_at); until then, asked

Members already on a team were put there before anyone was asked: they count as joined when
their team was made.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("team_members") as table:
        table.add_column(sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE team_members SET joined_at ="
        " (SELECT created_at FROM teams WHERE teams.id = team_members.team_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("team_members") as table:
        table.drop_column("joined_at")
