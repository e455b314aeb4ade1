"""The tables, as SQLAlchemy 2 typed models. The schema itself comes only from migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """An instant stored in UTC that always comes back timezone-aware, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} given for a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON}  # noqa: RUF012


class Person(Base):
    """Someone known on one platform and workspace (a Slack user, a Teams user, a shell name)."""

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str] = mapped_column(String(128))
    display_name: Mapped[str] = mapped_column(String(255))
    timezone: Mapped[str] = mapped_column(String(64))
    locale: Mapped[str | None] = mapped_column(String(16))
    is_bot: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Promise(Base):
    """What an owner promised a counterpart (a co-worker or a named customer), and by when."""

    __tablename__ = "promises"
    __table_args__ = (
        # The sweep's query: open promises whose next nudge has come.
        Index(
            "ix_promises_next_nudge_at_open",
            "next_nudge_at",
            postgresql_where=text("status = 'open'"),
            sqlite_where=text("status = 'open'"),
        ),
        Index("ix_promises_owner_status_due", "owner_id", "status", "due_at"),
        Index("ix_promises_counterpart_status_due", "counterpart_id", "status", "due_at"),
        Index("ix_promises_due_at", "due_at"),
        # The digest's query: a team's promises first due in some weeks, from the index alone.
        Index(
            "ix_promises_owner_first_due",
            "owner_id",
            "first_due_at",
            "status",
            "due_at",
            "closed_at",
            "customer_name",
            "id",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    counterpart_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    customer_name: Mapped[str | None] = mapped_column(String(255))
    what: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime]
    # As promised when made: the week the digest counts it in. Always set; nullable only
    # because SQLite could not add it NOT NULL to a table with rows (migration 0002).
    first_due_at: Mapped[datetime | None]
    due_grain: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="open")
    source: Mapped[str] = mapped_column(String(16))
    source_ref: Mapped[str | None] = mapped_column(String(255))
    next_nudge_at: Mapped[datetime | None]
    nudge_stage: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]

    owner: Mapped[Person] = relationship(foreign_keys=[owner_id])
    counterpart: Mapped[Person | None] = relationship(foreign_keys=[counterpart_id])
    events: Mapped[list[PromiseEvent]] = relationship(
        back_populates="promise", order_by="PromiseEvent.id"
    )
    # The co-workers named with the counterpart ("to @ana and @raj"), in the order named.
    co_workers: Mapped[list[PromiseCoWorker]] = relationship(
        order_by="PromiseCoWorker.position", lazy="selectin"
    )

    @property
    def told(self) -> list[Person]:
        """Every co-worker the promise is to: the counterpart, then the others named."""
        first = [self.counterpart] if self.counterpart else []
        return first + [row.person for row in self.co_workers]


class PromiseCoWorker(Base):
    """A co-worker a promise is to besides its counterpart: told of it, may mark it received."""

    __tablename__ = "promise_co_workers"
    __table_args__ = (Index("ix_promise_co_workers_person", "person_id"),)

    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    position: Mapped[int]

    person: Mapped[Person] = relationship(lazy="joined")


class PromiseEvent(Base):
    """One change in a promise's history: created, renegotiated, completed, nudged, answered…"""

    __tablename__ = "promise_events"
    __table_args__ = (
        Index("ix_promise_events_kind_at", "kind", "at"),
        # The digest's look-ups of a promise's renegotiations and customers told.
        Index("ix_promise_events_promise_kind_at", "promise_id", "kind", "at", "before_deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    promise_id: Mapped[int] = mapped_column(ForeignKey("promises.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # A renegotiation's "early", a customer_informed's "before_deadline": a column, so the
    # digest counts early warnings with plain SQL on SQLite and PostgreSQL alike.
    before_deadline: Mapped[bool | None]

    promise: Mapped[Promise] = relationship(back_populates="events")


class Kudos(Base):
    """One thank-you from a giver to one recipient, for a reason, tagged with company values."""

    __tablename__ = "kudos"
    __table_args__ = (
        # A reaction on a message counts once per giver and recipient, whatever Slack retries.
        UniqueConstraint("giver_id", "recipient_id", "message_ref", name="uq_kudos_reaction"),
        Index("ix_kudos_giver_given_at", "giver_id", "given_at"),
        Index("ix_kudos_recipient_given_at", "recipient_id", "given_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    giver_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    recipient_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    reason: Mapped[str] = mapped_column(Text)
    channel_ref: Mapped[str | None] = mapped_column(String(255))
    message_ref: Mapped[str | None] = mapped_column(String(255))
    given_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]

    values: Mapped[list[KudosValue]] = relationship(cascade="all, delete-orphan")


class KudosValue(Base):
    """A company value a kudos was given for: one row each, so the digest can count by value."""

    __tablename__ = "kudos_values"

    kudos_id: Mapped[int] = mapped_column(ForeignKey("kudos.id"), primary_key=True)
    value: Mapped[str] = mapped_column(String(64), primary_key=True)


class Team(Base):
    """A manager's team: whose promises and kudos a digest counts, and where escalations go."""

    __tablename__ = "teams"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    manager_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    channel_ref: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime]

    members: Mapped[list[TeamMember]] = relationship(cascade="all, delete-orphan")


class TeamMember(Base):
    """A person on a team, once they said yes: until then (`joined_at` None) asked to join,
    and counted nowhere, for a team shows its manager the member's promises."""

    __tablename__ = "team_members"

    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True, index=True)
    joined_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """A message that must reach someone, written with the change that caused it.

    The unique key makes "never twice" hold: writing the same key again is a no-op.
    A sender per platform delivers pending rows and marks them sent or failed.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_deliver_after", "status", "deliver_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), unique=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64))
    recipient: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    deliver_after: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ProcessedEvent(Base):
    """A platform event already handled, so a retry of it is acknowledged and ignored."""

    __tablename__ = "processed_events"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(index=True)


class Conversation(Base):
    """Where a platform lets Kept write to someone unasked: a person's personal chat with the
    bot, or a team's channel. Teams gives it at install time and with every message; the
    outbox sender needs it for a proactive message."""

    __tablename__ = "conversations"
    __table_args__ = (UniqueConstraint("platform", "workspace_id", "owner_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace_id: Mapped[str] = mapped_column(String(64))
    owner_ref: Mapped[str] = mapped_column(String(255))  # a person's id, or a channel's id
    scope: Mapped[str] = mapped_column(String(16))  # "personal", "channel" or "groupChat"
    conversation_id: Mapped[str] = mapped_column(String(512))
    service_url: Mapped[str] = mapped_column(String(512))
    installed: Mapped[bool] = mapped_column(default=True)  # False once Kept was removed there
    updated_at: Mapped[datetime]


class SlackOrgTeam(Base):
    """A workspace of an Enterprise Grid org that installed Kept for all its workspaces: the org
    has one token, kept under the org alone, and a message to this workspace goes with it."""

    __tablename__ = "slack_org_teams"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    enterprise_id: Mapped[str] = mapped_column(String(32))
    seen_at: Mapped[datetime]
