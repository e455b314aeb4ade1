"""Who people are on a platform: the port each platform adapter implements for the services."""

from __future__ import annotations

from typing import Protocol

from bot.domain.errors import KeptError
from bot.domain.people import PersonKey, Profile
from bot.services.env import Env
from bot.store import people
from bot.store.models import Person


class Directory(Protocol):
    platform: str
    workspace_id: str

    def profile(self, user_id: str) -> Profile | None:
        """The person's profile; None when the platform knows no such person."""
        ...

    def user_id(self, mention: str) -> str | None:
        """The user a mention ("<@U123>", "@ana") names; None when it names nobody known."""
        ...


def key(directory: Directory, user_id: str) -> PersonKey:
    return PersonKey(directory.platform, directory.workspace_id, user_id)


def known_person(env: Env, directory: Directory, user_id: str) -> Person:
    """The stored person, asking the platform for their profile when it is missing or stale."""
    with env.db.reading() as session:
        person = people.find(session, key(directory, user_id))
        if not people.needs_profile(person, env.clock.now()):
            assert person is not None
            return person
    profile = directory.profile(user_id)  # a platform call: never inside a transaction
    if profile is None:
        raise KeptError("I couldn't find that person here. Mention them with @ so I know who.")
    with env.db.unit_of_work() as session:
        return people.remember(session, key(directory, user_id), profile, env.clock.now())
