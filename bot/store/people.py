"""Remembering people and keeping their time zone as their platform profile says."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.domain.people import PersonKey, Profile
from bot.store.models import Person
from bot.store.writes import upsert

# How long a stored profile is trusted before the platform is asked again.
PROFILE_FRESHNESS = timedelta(hours=12)


# Built once: every request looks someone up, and building a statement costs more than
# running it on SQLite.
_BY_KEY = select(Person).where(
    Person.platform == bindparam("platform"),
    Person.workspace_id == bindparam("workspace_id"),
    Person.user_id == bindparam("user_id"),
)


def find(session: Session, key: PersonKey) -> Person | None:
    return session.scalar(
        _BY_KEY,
        {"platform": key.platform, "workspace_id": key.workspace_id, "user_id": key.user_id},
    )


def in_workspace(session: Session, platform: str, workspace_id: str) -> list[Person]:
    """Everyone Kept knows in a workspace (a Slack workspace, a Teams tenant), people only."""
    return list(
        session.scalars(
            select(Person).where(
                Person.platform == platform,
                Person.workspace_id == workspace_id,
                Person.is_bot.is_(False),
            )
        )
    )


def lock(session: Session, person: Person) -> None:
    """Hold the person's row until the transaction ends, so that two changes of theirs at once
    are decided one after the other on PostgreSQL (SQLite's units of work already are)."""
    session.execute(select(Person.id).where(Person.id == person.id).with_for_update())


def needs_profile(person: Person | None, now: datetime) -> bool:
    return person is None or now - person.updated_at > PROFILE_FRESHNESS


def remember(session: Session, key: PersonKey, profile: Profile, now: datetime) -> Person:
    """The person for `key`, created or brought up to date with `profile`."""
    return upsert(
        session,
        Person,
        {"platform": key.platform, "workspace_id": key.workspace_id, "user_id": key.user_id},
        {
            "display_name": profile.display_name,
            "timezone": profile.timezone,
            "locale": profile.locale,
            "is_bot": profile.is_bot,
            "updated_at": now,
        },
        created_at=now,
    )
