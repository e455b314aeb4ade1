"""The conversations a platform lets Kept write into unasked (Teams' conversation references)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.people import Place
from bot.store.models import Conversation
from bot.store.writes import upsert


def remember(session: Session, place: Place, now: datetime) -> None:
    """Keep the latest reference for a person or a channel; Kept is installed there."""
    upsert(
        session,
        Conversation,
        {
            "platform": place.platform,
            "workspace_id": place.workspace_id,
            "owner_ref": place.owner_ref,
        },
        {
            "scope": place.scope,
            "conversation_id": place.conversation_id,
            "service_url": place.service_url,
            "installed": True,
            "updated_at": now,
        },
    )


def uninstalled(session: Session, platform: str, workspace_id: str, owner_ref: str) -> None:
    """Kept was removed from that chat or team: write there no more until it is added back."""
    row = _find(session, platform, workspace_id, owner_ref)
    if row is not None:
        row.installed = False


def find(session: Session, platform: str, workspace_id: str, owner_ref: str) -> Place | None:
    """The place to write to a person or channel; None if Kept was never, or is no longer, there."""
    row = _find(session, platform, workspace_id, owner_ref)
    if row is None or not row.installed:
        return None
    return Place(
        row.platform,
        row.workspace_id,
        row.owner_ref,
        row.scope,
        row.conversation_id,
        row.service_url,
    )


def service_url(session: Session, platform: str, workspace_id: str) -> str | None:
    """The service that last spoke for this workspace (a tenant's region), to start a chat at."""
    return session.scalar(
        select(Conversation.service_url)
        .where(Conversation.platform == platform, Conversation.workspace_id == workspace_id)
        .order_by(Conversation.updated_at.desc())
        .limit(1)
    )


def _find(
    session: Session, platform: str, workspace_id: str, owner_ref: str
) -> Conversation | None:
    return session.scalar(
        select(Conversation).where(
            Conversation.platform == platform,
            Conversation.workspace_id == workspace_id,
            Conversation.owner_ref == owner_ref,
        )
    )
