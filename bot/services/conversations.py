"""Where Kept may write unasked: the conversations a platform lets it use (Teams' conversation
references), remembered when Kept is added and forgotten when it is removed."""

from __future__ import annotations

from bot.domain.people import Place
from bot.services.env import Env
from bot.store import conversations


def remember(env: Env, place: Place) -> None:
    with env.db.unit_of_work() as session:
        conversations.remember(session, place, env.clock.now())


def forget(env: Env, platform: str, workspace_id: str, owner_ref: str) -> None:
    """Kept was removed from that chat or team: write there no more until it is added back."""
    with env.db.unit_of_work() as session:
        conversations.uninstalled(session, platform, workspace_id, owner_ref)


def where_to_write(
    env: Env, platform: str, workspace_id: str, owner_ref: str
) -> tuple[Place | None, str | None]:
    """The place to write to a person or channel, with its service; with no place, the service
    that last spoke for the workspace (to start a chat at), if any."""
    with env.db.unit_of_work() as session:
        place = conversations.find(session, platform, workspace_id, owner_ref)
        if place is not None:
            return place, place.service_url
        return None, conversations.service_url(session, platform, workspace_id)
