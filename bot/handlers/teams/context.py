"""What every Teams handler does first: read the activity, learn who and where, and answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from microsoft_teams.api.activities.message import MessageActivityInput
from microsoft_teams.apps import ActivityContext

from bot.handlers.teams.directory import TeamsDirectory
from bot.handlers.teams.incoming import Incoming, Mentioned, read
from bot.render.teams.kit import TeamsMessage
from bot.services import people
from bot.services.directory import key
from bot.services.env import Env

log = logging.getLogger(__name__)
T = TypeVar("T")


async def run(work: Callable[[], T]) -> T:
    """A service call (blocking: the database) off the event loop."""
    return await asyncio.to_thread(work)


async def incoming_of(ctx: ActivityContext[Any], env: Env) -> tuple[Incoming, TeamsDirectory]:
    """The activity's plain values, mentions resolved to people; the speaker and the place
    (where Kept may write to them later) are remembered on the way."""
    incoming = read(ctx.activity, _bot_id(ctx))
    mentions = {
        handle: await _resolved(ctx, mentioned) for handle, mentioned in incoming.mentions.items()
    }
    incoming = replace(incoming, mentions=mentions)
    directory = TeamsDirectory(env, incoming)
    await run(lambda: _remember(env, directory, incoming))
    return incoming, directory


def message_params(message: TeamsMessage) -> MessageActivityInput:
    return MessageActivityInput.model_validate(message.activity())


def _bot_id(ctx: ActivityContext[Any]) -> str:
    return str(ctx.activity.recipient.id)


async def _resolved(ctx: ActivityContext[Any], mentioned: Mentioned) -> Mentioned:
    """A mention with the person's AAD object id, asked of the conversation's member list when
    the mention did not carry it."""
    if mentioned.user_id or mentioned.is_bot:
        return mentioned
    conversation = str(ctx.activity.conversation.id)
    try:
        member = await ctx.api.conversations.get_member_by_id(conversation, mentioned.member_id)
    except Exception as error:  # an unknown member: the command says it doesn't know them
        log.warning("looking up a mentioned Teams member failed: %s", type(error).__name__)
        return mentioned
    return replace(mentioned, user_id=member.aad_object_id or None)


def _remember(env: Env, directory: TeamsDirectory, incoming: Incoming) -> None:
    """The speaker and the people they mention, as this activity tells of them, and where to
    write to the speaker later. A mentioned co-worker is stored now: a card's Track, pressed
    later, names them by id alone."""
    ids = [incoming.speaker.user_id]
    ids += [m.user_id for m in incoming.mentions.values() if m.user_id]
    known = []
    for user_id in dict.fromkeys(ids):
        profile = directory.profile(user_id)
        assert profile is not None  # the activity says who they are
        known.append((key(directory, user_id), profile))
    place = incoming.place if incoming.place.service_url else None
    people.remember(env, *known, place=place)
