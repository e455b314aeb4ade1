"""Events the manifest subscribes to; each has a listener, or Bolt answers 404 and Slack retries."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.bootstrap import Kept
from bot.handlers.slack.context import directory_for
from bot.render.slack_blocks import render_reply, suggestion_prompt
from bot.services import chat, promises

log = logging.getLogger(__name__)

# Message subtypes a person writes; the rest (edits, deletions, joins, bots) are not promises.
PERSON_SUBTYPES = {None, "thread_broadcast", "file_share", "me_message"}


def register(app: App, kept: Kept) -> None:
    @app.event("message")
    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        """A person's message in a channel the bot is in, or its DM: a promise gets a prompt."""
        if (
            event.get("subtype") not in PERSON_SUBTYPES
            or event.get("bot_id")
            or not event.get("user")
        ):
            return  # edits, deletions, joins and bots make no promises
        directory = directory_for(kept, client, body)
        author, text = event["user"], event.get("text") or ""
        offer = promises.suggest(kept, directory, author, text)
        if offer is None:
            return
        where = {"channel": event["channel"], "user": author}
        if event.get("thread_ts"):
            where["thread_ts"] = event["thread_ts"]
        if not kept.settings.detection.auto_track:
            client.chat_postEphemeral(**where, **suggestion_prompt(offer))
            return
        source_ref = f"{event['channel']}/{event.get('ts')}"
        made = chat.attempt(
            lambda: promises.track(kept, directory, author, offer, source_ref=source_ref)
        )
        client.chat_postEphemeral(**where, **render_reply(made))

    @app.event("app_mention")
    def on_mention(event: dict[str, Any]) -> None:
        """Mentions also arrive as channel messages, where detection reads them."""

    @app.event("reaction_added")
    def on_reaction_added(event: dict[str, Any]) -> None:
        """The kudos reaction gives kudos to the message's author."""

    @app.event("reaction_removed")
    def on_reaction_removed(event: dict[str, Any]) -> None:
        """Removing the kudos reaction takes the kudos back."""

    @app.event("app_uninstalled")
    def on_uninstalled(body: dict[str, Any]) -> None:
        log.warning("Kept was uninstalled from Slack workspace %s", body.get("team_id"))

    @app.event("tokens_revoked")
    def on_tokens_revoked(body: dict[str, Any]) -> None:
        log.warning("Slack tokens were revoked in workspace %s", body.get("team_id"))
