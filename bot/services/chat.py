"""Commands from any platform, turned into service calls and a reply to render."""

from __future__ import annotations

from collections.abc import Callable

from bot.domain.commands import Command, Topic
from bot.domain.errors import KeptError
from bot.services import digest, kudos, promises
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.replies import Help, Refusal, Reply


def attempt(use_case: Callable[[], Reply]) -> Reply:
    """The use case's reply, or the refusal its rules gave."""
    try:
        return use_case()
    except KeptError as error:
        return Refusal(str(error), error.example)


def handle(
    env: Env,
    directory: Directory,
    actor_ref: str,
    command: Command,
    *,
    source_ref: str | None = None,
) -> Reply:
    """The reply to a parsed command; a refusal when the rules say no."""
    return attempt(lambda: _dispatch(env, directory, actor_ref, command, source_ref))


def _dispatch(
    env: Env, directory: Directory, actor_ref: str, command: Command, source_ref: str | None
) -> Reply:
    if command.verb == "help":
        return Help(command.topic)
    match command.topic:
        case Topic.KUDOS:
            return _kudos(env, directory, actor_ref, command, source_ref)
        case Topic.DIGEST:
            return _digest(env, directory, actor_ref, command)
        case Topic.PROMISE:
            return _promise(env, directory, actor_ref, command, source_ref)


def _promise(
    env: Env, directory: Directory, actor_ref: str, command: Command, source_ref: str | None
) -> Reply:
    if command.verb == "list":
        return promises.listing(env, directory, actor_ref)
    if not command.rest:
        return promises.Draft("", None, None, None, "")
    return promises.make_from_text(
        env, directory, actor_ref, command.rest, source="command", source_ref=source_ref
    )


def _kudos(
    env: Env, directory: Directory, actor_ref: str, command: Command, channel_ref: str | None
) -> Reply:
    if command.verb == "top":
        return kudos.top(env, directory, actor_ref, command.rest)
    return kudos.give(env, directory, actor_ref, command.rest, channel_ref=channel_ref)


def _digest(env: Env, directory: Directory, actor_ref: str, command: Command) -> Reply:
    if command.verb == "team":
        return digest.team_command(env, directory, actor_ref, command.rest)
    if command.verb == "last-week":
        return digest.show(env, directory, actor_ref, "last-week")
    if command.verb == "csv":
        return digest.csv_of(env, directory, actor_ref, command.rest)
    return digest.show(env, directory, actor_ref, command.rest)
