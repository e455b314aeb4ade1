"""Events the manifest subscribes to; each has a listener, or Bolt answers 404 and Slack retries."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.error import URLError

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.domain.commands import asked_in_a_direct_message
from bot.domain.errors import KeptError
from bot.domain.kudos import counts_as_kudos
from bot.handlers.slack import suggestions
from bot.handlers.slack.context import directory_for, typed
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.home_queue import refresh_homes
from bot.handlers.slack.sealed import key_of
from bot.render.slack import render_reply
from bot.render.slack.kit import refusal
from bot.render.slack.kudos import message_reason
from bot.services import chat, kudos
from bot.services.env import Env
from bot.services.platform_events import first_delivery
from bot.services.replies.promises import Suggestion

log = logging.getLogger(__name__)

# Message subtypes a person writes; the rest (edits, deletions, joins, bots) are not promises.
PERSON_SUBTYPES = {None, "thread_broadcast", "file_share", "me_message"}


def register(app: App, env: Env) -> None:
    @app.event("message")
    @guarded
    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        """A person's message in a channel the bot is in, or its DM: a promise gets a prompt."""
        if (
            event.get("subtype") not in PERSON_SUBTYPES
            or event.get("bot_id")
            or not event.get("user")
        ):
            return  # edits, deletions, joins and bots make no promises
        directory = directory_for(env, client, body)
        author, text = event["user"], typed(event.get("text") or "")
        source_ref = f"{event['channel']}/{event.get('ts')}"
        heard = chat.hear(env, directory, author, text, source_ref=source_ref)
        if heard is None:
            asked = asked_in_a_direct_message(text) if event.get("channel_type") == "im" else None
            if asked is not None:  # "help", "list": answered where they were said
                reply = chat.handle(env, directory, author, asked)
                client.chat_postMessage(channel=event["channel"], **render_reply(reply))
            return
        where = {"channel": event["channel"], "user": author}
        if event.get("thread_ts"):
            where["thread_ts"] = event["thread_ts"]
        if isinstance(heard, Suggestion):
            if not first_delivery(env, "slack", f"offer:{source_ref}"):
                return  # the same message, delivered again under another event id
            shown = suggestions.prompt(heard, author, source_ref, key_of(env.settings.slack))
        else:
            shown = render_reply(heard)
        client.chat_postEphemeral(**where, **shown)

    @app.event("reaction_added")
    @guarded
    def on_reaction_added(
        body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """The kudos reaction gives kudos to the message's author."""
        reacted = _kudos_reaction(env, event, context)
        if reacted is None:
            return
        directory = directory_for(env, client, body)
        reason = message_reason(_permalink(client, reacted), reacted.channel)
        try:
            given = kudos.react(
                env,
                directory,
                reacted.giver,
                reacted.author,
                channel_ref=reacted.channel,
                message_ref=reacted.message_ref,
                reason=reason,
            )
        except KeptError as error:  # no kudos left today: the giver is told, no one else
            client.chat_postEphemeral(
                channel=reacted.channel, user=reacted.giver, **refusal(str(error))
            )
            return
        if given is not None:
            refresh_homes(env, client, directory, reacted.giver, reacted.author)

    @app.event("reaction_removed")
    @guarded
    def on_reaction_removed(
        body: dict[str, Any], event: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        """Removing the kudos reaction takes the kudos back."""
        reacted = _kudos_reaction(env, event, context)
        if reacted is None:
            return
        directory = directory_for(env, client, body)
        giver, author = reacted.giver, reacted.author
        if kudos.unreact(env, directory, giver, author, message_ref=reacted.message_ref):
            refresh_homes(env, client, directory, giver, author)


@dataclass(frozen=True)
class _Reaction:
    giver: str
    author: str
    channel: str
    ts: str

    @property
    def message_ref(self) -> str:
        return f"{self.channel}/{self.ts}"


def _kudos_reaction(env: Env, event: dict[str, Any], context: BoltContext) -> _Reaction | None:
    """Who reacted to whose message, when the reaction is the kudos one on someone else's
    message; None for other emoji, files, messages with no author (webhooks) and Kept's own
    (its kudos posts draw the most reactions: no need to ask Slack who wrote them)."""
    item = event.get("item") or {}
    giver, author = event.get("user"), event.get("item_user")
    channel, ts = item.get("channel"), item.get("ts")
    if item.get("type") != "message" or not (giver and author and channel and ts):
        return None
    if author == context.bot_user_id:
        return None
    reaction, configured = str(event.get("reaction", "")), env.settings.kudos.reaction
    if not counts_as_kudos(reaction, configured, giver, author):
        return None
    return _Reaction(str(giver), str(author), str(channel), str(ts))


def _permalink(client: WebClient, reacted: _Reaction) -> str | None:
    """A link to the message; None when Slack gives none (the reason then names the channel)."""
    try:
        answer = client.chat_getPermalink(channel=reacted.channel, message_ts=reacted.ts)
    except (SlackApiError, URLError, OSError) as error:
        log.warning("chat.getPermalink for a kudos reaction failed: %s", error)
        return None
    link = answer.get("permalink")
    return str(link) if link else None
