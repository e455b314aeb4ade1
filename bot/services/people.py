"""People as Kept knows them: remembered as their platform last described them."""

from __future__ import annotations

from bot.domain.people import PersonKey, Place, Profile, handle
from bot.services.env import Env
from bot.store import conversations, people


def remember(env: Env, *known: tuple[PersonKey, Profile], place: Place | None = None) -> None:
    """People as their platform describes them now and, when it says, where Kept may write to
    the first of them later (a Teams conversation), in one transaction."""
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        if place is not None:
            conversations.remember(session, place, now)
        for key, profile in known:
            people.remember(session, key, profile, now)


def stored_profile(env: Env, key: PersonKey) -> Profile | None:
    """What Kept last stored of someone; None for a stranger."""
    with env.db.unit_of_work() as session:
        person = people.find(session, key)
        if person is None:
            return None
        return Profile(person.display_name, person.timezone, person.locale, person.is_bot)


def known_by_handle(env: Env, platform: str, workspace_id: str, typed: str) -> str | None:
    """The user id of the one person of the workspace whose handle (@Ana_Lopez) is `typed`
    (without its @, any case); None when nobody, or more than one, has it."""
    with env.db.unit_of_work() as session:
        known = people.in_workspace(session, platform, workspace_id)
        matches = {p.user_id for p in known if handle(p.display_name)[1:].lower() == typed.lower()}
    return matches.pop() if len(matches) == 1 else None
