"""Messages to Kept in Teams: commands typed in its personal chat or with @Kept in a channel,
and channel messages it reads for promises."""

from __future__ import annotations

from dataclasses import replace

from microsoft_teams.api.activities.message import MessageActivity
from microsoft_teams.apps import ActivityContext, App

from bot.bootstrap import Kept
from bot.domain.commands import Command, Topic, parse_command
from bot.handlers.teams.context import incoming_of, message_params, run
from bot.handlers.teams.directory import TeamsDirectory
from bot.handlers.teams.incoming import PLATFORM, Incoming, split_command
from bot.render.teams_cards import WELCOME, TeamsMessage, render_reply, render_suggestion
from bot.services import chat, platform_events, promises
from bot.services.replies import Refusal

CHANNEL_HERE = (
    "Say it in the channel that should see the team's results: @Kept digest team channel."
)


def register(app: App, kept: Kept) -> None:
    @app.on_message
    async def on_message(ctx: ActivityContext[MessageActivity]) -> None:
        if not await run(lambda: _first_time(kept, ctx.activity.id)):
            return  # a message Teams sent twice
        incoming, directory = await incoming_of(ctx, kept)
        answer = await run(lambda: _answer(kept, directory, incoming))
        if answer is not None:
            await ctx.send(message_params(answer))


def _first_time(kept: Kept, activity_id: str | None) -> bool:
    if not activity_id:
        return True
    with kept.db.unit_of_work() as session:
        return platform_events.first_delivery(session, PLATFORM, activity_id, kept.clock.now())


def _answer(kept: Kept, directory: TeamsDirectory, incoming: Incoming) -> TeamsMessage | None:
    """A command's reply; for other words, a promise offered to track (or nothing at all)."""
    topic, rest = split_command(incoming.text)
    addressed = incoming.personal or incoming.mentions_bot
    if addressed and topic is not None:
        command = _command(topic, rest)
        if command is None:
            return WELCOME
        if _names_this_channel(command):
            if incoming.personal:
                return render_reply(Refusal(CHANNEL_HERE))
            command = replace(command, rest=f"channel <#{incoming.place.owner_ref}>")
        where = None if incoming.personal else incoming.place.owner_ref
        return render_reply(
            chat.handle(kept, directory, incoming.speaker.user_id, command, source_ref=where)
        )
    offer = _offer(kept, directory, incoming)
    if offer is not None:
        return offer
    return WELCOME if addressed else None


def _command(topic: str, rest: str) -> Command | None:
    """The command typed; "help kudos" asks for kudos' help, bare "help" for none in particular."""
    if topic != "help":
        return parse_command(Topic(topic), rest)
    about = rest.lstrip("/").lower()
    return parse_command(Topic(about), "help") if about in set(Topic) else None


def _names_this_channel(command: Command) -> bool:
    """`digest team channel`: Teams has no #channel to type, so it means the one it is said in."""
    action, _, rest = command.rest.partition(" ")
    return (
        command.topic is Topic.DIGEST
        and command.verb == "team"
        and action.lower() == "channel"
        and rest.strip().lower() in ("", "here", "this channel")
    )


def _offer(kept: Kept, directory: TeamsDirectory, incoming: Incoming) -> TeamsMessage | None:
    """A promise read in the words, offered to its author ("Track this?") or tracked at once."""
    if not kept.settings.detection.enabled:
        return None
    author = incoming.speaker.user_id
    offer = promises.suggest(kept, directory, author, incoming.text)
    if offer is None:
        return None
    if not kept.settings.detection.auto_track:
        return render_suggestion(offer, author=author, text=incoming.text)
    made = chat.attempt(lambda: promises.track(kept, directory, author, offer))
    return render_reply(made)
