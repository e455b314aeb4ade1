"""Messages to Kept in Teams: commands typed in its personal chat or with @Kept in a channel,
and channel messages it reads for promises."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from microsoft_teams.api.activities.message import MessageActivity
from microsoft_teams.apps import ActivityContext, App

from bot.domain.commands import Command, Topic, parse_command
from bot.domain.detection import may_contain_promise
from bot.handlers.teams.context import incoming_of, message_params, run
from bot.handlers.teams.directory import TeamsDirectory
from bot.handlers.teams.errors import apologising_in_chat
from bot.handlers.teams.incoming import PLATFORM, Incoming, read, split_command
from bot.render.teams import render_reply
from bot.render.teams.help import WELCOME
from bot.render.teams.kit import TeamsMessage
from bot.render.teams.promises import suggestion_card
from bot.services import chat, platform_events
from bot.services.env import Env
from bot.services.replies import Refusal
from bot.services.replies.promises import Suggestion

CHANNEL_HERE = (
    "Say it in the channel that should see the team's results, without a channel name:"
    " @Kept digest team channel."
)


def register(app: App, env: Env) -> None:
    @app.on_message
    @apologising_in_chat
    async def on_message(ctx: ActivityContext[MessageActivity]) -> None:
        heard = read(ctx.activity, str(ctx.activity.recipient.id))
        if heard.speaker.is_bot or not (
            heard.personal or heard.mentions_bot or _may_offer(env, heard.text)
        ):
            return  # channel chatter (or a bot): nothing to do, and nothing to ask Teams
        if not await run(lambda: _first_time(env, ctx.activity)):
            return  # a message Teams sent twice
        incoming, directory = await incoming_of(ctx, env)
        answer = await run(lambda: _answer(env, directory, incoming))
        if answer is not None:
            await ctx.send(message_params(answer))


def _may_offer(env: Env, text: str) -> bool:
    return env.settings.detection.enabled and may_contain_promise(text)


def _first_time(env: Env, activity: MessageActivity) -> bool:
    """Whether this message is new. Its id is unique in its conversation only (Teams numbers
    a chat's messages), so the key is both."""
    if not activity.id:
        return True
    conversation = hashlib.sha256(str(activity.conversation.id).encode()).hexdigest()[:32]
    return platform_events.first_delivery(env, PLATFORM, f"{conversation}:{activity.id}")


def _answer(env: Env, directory: TeamsDirectory, incoming: Incoming) -> TeamsMessage | None:
    """A command's reply; for other words, a promise offered to track (or nothing at all)."""
    topic, rest = split_command(incoming.text)
    addressed = incoming.personal or incoming.mentions_bot
    if addressed and topic is not None:
        command = _command(topic, rest)
        if command is None:
            return WELCOME
        if _sets_the_channel(command):
            if incoming.personal or not _here(command):
                return render_reply(Refusal(CHANNEL_HERE))
            command = replace(command, rest=f"channel <#{incoming.place.owner_ref}>")
        where = None if incoming.personal else incoming.place.owner_ref
        return render_reply(
            chat.handle(env, directory, incoming.speaker.user_id, command, channel_ref=where)
        )
    offer = _offer(env, directory, incoming)
    if offer is not None:
        return offer
    return WELCOME if addressed else None


def _command(topic: str, rest: str) -> Command | None:
    """The command typed; "help kudos" asks for kudos' help, bare "help" for none in particular."""
    if topic != "help":
        return parse_command(Topic(topic), rest)
    about = rest.lstrip("/").lower()
    return parse_command(Topic(about), "help") if about in set(Topic) else None


def _sets_the_channel(command: Command) -> bool:
    """`digest team channel`: Teams has no #channel to type, so it means the one it is said in."""
    action = command.rest.partition(" ")[0]
    return command.topic is Topic.DIGEST and command.verb == "team" and action.lower() == "channel"


def _here(command: Command) -> bool:
    return command.rest.partition(" ")[2].strip().lower() in ("", "here", "this channel")


def _offer(env: Env, directory: TeamsDirectory, incoming: Incoming) -> TeamsMessage | None:
    """A promise read in the words, offered to its author ("Track this?") or tracked at once."""
    if not env.settings.detection.enabled:
        return None
    author = incoming.speaker.user_id
    heard = chat.hear(env, directory, author, incoming.text)
    if not isinstance(heard, Suggestion):
        return None if heard is None else render_reply(heard)
    named = directory.profile(heard.counterpart_ref) if heard.counterpart_ref else None
    return suggestion_card(heard, author=author, counterpart=named.display_name if named else None)
