"""Commands and chat messages from any platform, turned into service calls and a reply to
render."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.domain.commands import ON_ITS_CARD, Command, Topic, asks_for_a_button
from bot.domain.errors import KeptError
from bot.services import digest, digest_csv, kudos, promises, teams
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.replies import Help, Refusal, Reply
from bot.services.replies.promises import Draft, Made, Suggestion

R = TypeVar("R")


def attempt(use_case: Callable[[], R]) -> R | Refusal:
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
    channel_ref: str | None = None,
) -> Reply:
    """The reply to a parsed command, typed in `channel_ref` (None in a direct message); a
    refusal when the rules say no."""
    return attempt(lambda: _dispatch(env, directory, actor_ref, command, channel_ref))


def hear(
    env: Env, directory: Directory, author_ref: str, text: str, *, source_ref: str | None = None
) -> Suggestion | Made | Refusal | None:
    """A chat message (not a command): the promise it makes offered to its author ("Track
    this?"), or tracked at once where the workspace auto-tracks; None when it makes none."""
    offer = promises.suggest(env, directory, author_ref, text)
    if offer is None or not env.settings.detection.auto_track:
        return offer
    return attempt(lambda: promises.track(env, directory, author_ref, offer, source_ref=source_ref))


def _dispatch(
    env: Env, directory: Directory, actor_ref: str, command: Command, channel_ref: str | None
) -> Reply:
    if command.verb == "help":
        return Help(command.topic)
    match command.topic:
        case Topic.KUDOS:
            return _kudos(env, directory, actor_ref, command, channel_ref)
        case Topic.DIGEST:
            return _digest(env, directory, actor_ref, command)
        case Topic.PROMISE:
            return _promise(env, directory, actor_ref, command)


def _promise(env: Env, directory: Directory, actor_ref: str, command: Command) -> Reply:
    if command.verb == "list":
        return promises.listing(env, directory, actor_ref)
    if not command.rest:
        return Draft("", None, None, None, "")
    if asks_for_a_button(command.rest):
        raise KeptError(ON_ITS_CARD)
    return promises.make_from_text(env, directory, actor_ref, command.rest, source="command")


def _kudos(
    env: Env, directory: Directory, actor_ref: str, command: Command, channel_ref: str | None
) -> Reply:
    if command.verb == "top":
        return kudos.top(env, directory, actor_ref, command.rest)
    return kudos.give(env, directory, actor_ref, command.rest, channel_ref=channel_ref)


def _digest(env: Env, directory: Directory, actor_ref: str, command: Command) -> Reply:
    if command.verb == "team":
        return teams.team_command(env, directory, actor_ref, command.rest)
    if command.verb == "last-week":
        return digest.show(env, directory, actor_ref, "last-week")
    if command.verb == "csv":
        return digest_csv.csv_of(env, directory, actor_ref, command.rest)
    return digest.show(env, directory, actor_ref, command.rest)
