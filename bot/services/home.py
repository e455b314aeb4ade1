"""A person's home page: what they owe, what is owed to them, and the kudos they gave and got."""

from __future__ import annotations

from bot.services import kudos, promises
from bot.services.directory import Directory, known_person
from bot.services.env import Env
from bot.services.replies.home import Home


def home(env: Env, directory: Directory, person_ref: str) -> Home:
    """Read in one go, the person looked up once: a Home is built after every change."""
    person = known_person(env, directory, person_ref)
    with env.db.reading() as session:
        return Home(
            promises.listing_of(session, person, env.clock.now()),
            kudos.summary_of(session, env, person),
        )
