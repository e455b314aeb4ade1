"""Kept added to or removed from a personal chat, a group chat or a team.

Each is where Kept may write later (nudges, notices, kudos, digests): the conversation is
remembered when Kept is added and forgotten when it is removed. Every other activity also
refreshes it, as the service URL of a tenant can move. Teams tells of one install twice (an
installationUpdate and a conversationUpdate): only the first greets.
"""

from __future__ import annotations

from typing import Any

from microsoft_teams.api.activities.conversation.conversation_update import (
    ConversationUpdateActivity,
)
from microsoft_teams.api.activities.install_update.add import InstalledActivity
from microsoft_teams.api.activities.install_update.remove import UninstalledActivity
from microsoft_teams.apps import ActivityContext, App

from bot.handlers.teams.context import incoming_of, message_params, run
from bot.handlers.teams.errors import apologising_in_chat
from bot.handlers.teams.incoming import PLATFORM, read
from bot.render.teams.help import WELCOME
from bot.services import conversations
from bot.services.env import Env


def register(app: App, env: Env) -> None:
    @app.on_install_add
    @apologising_in_chat
    async def on_install(ctx: ActivityContext[InstalledActivity]) -> None:
        await incoming_of(ctx, env)
        await ctx.send(message_params(WELCOME))

    @app.on_install_remove
    @apologising_in_chat
    async def on_uninstall(ctx: ActivityContext[UninstalledActivity]) -> None:
        await _forget(env, ctx.activity)

    @app.on_conversation_update
    @apologising_in_chat
    async def on_conversation_update(ctx: ActivityContext[ConversationUpdateActivity]) -> None:
        """Kept added to or removed from a team or chat: its conversation is remembered or
        forgotten. (Teams sends an installationUpdate too, which greets.)"""
        bot_id = str(ctx.activity.recipient.id)
        if any(member.id == bot_id for member in ctx.activity.members_removed or []):
            await _forget(env, ctx.activity)
            return
        await incoming_of(ctx, env)


async def _forget(env: Env, activity: Any) -> None:
    """Kept may write there no more."""
    place = read(activity, str(activity.recipient.id)).place

    await run(lambda: conversations.forget(env, PLATFORM, place.workspace_id, place.owner_ref))
