"""A person's home page: what they owe, what is owed to them, and the kudos they gave and got."""

from __future__ import annotations

from bot.services import kudos, promises
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.replies.home import Home


def home(env: Env, directory: Directory, person_ref: str) -> Home:
    return Home(
        promises.listing(env, directory, person_ref),
        kudos.summary(env, directory, person_ref),
    )
