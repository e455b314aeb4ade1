"""The workspaces of Enterprise Grid orgs that installed Kept org-wide, learnt from requests."""

from __future__ import annotations

from datetime import datetime

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
