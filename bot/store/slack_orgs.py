"""The workspaces of Enterprise Grid orgs that installed Kept org-wide, learnt from requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import SlackOrgTeam
from bot.store.writes import upsert


def remember(session: Session, team_id: str, enterprise_id: str, now: datetime) -> None:
    upsert(
        session,
        SlackOrgTeam,
        {"team_id": team_id},
        {"enterprise_id": enterprise_id, "seen_at": now},
    )


def teams_of(session: Session, enterprise_id: str) -> list[str]:
    """The workspaces of an org that Kept has seen requests from."""
    found = select(SlackOrgTeam.team_id).where(SlackOrgTeam.enterprise_id == enterprise_id)
    return list(session.scalars(found))
