"""Slash commands: /promise, /kudos and /digest."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.commands import Topic, parse_command
from bot.handlers.slack.after_ack import after_ack
from bot.handlers.slack.context import answer_where_asked, directory_for, typed
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.forms import open_promise_form
from bot.handlers.slack.home_queue import refresh_homes
from bot.handlers.slack.sealed import key_of
from bot.render.shared.digest_csv import csv_name, csv_text
from bot.render.slack import render_reply
from bot.services import chat
from bot.services.env import Env
from bot.services.platform_events import first_delivery
from bot.services.replies.digest import DigestCsv
from bot.services.replies.kudos import Given
from bot.services.replies.promises import Changed, Draft, Made


def register(app: App, env: Env) -> None:
    for topic in Topic:
        app.command(f"/{topic}")(guarded(_listener(env, topic)))


def send_csv(client: WebClient, user: str, table: DigestCsv) -> None:
    """The week's CSV as a file in the person's direct messages with Kept."""
    channel = client.conversations_open(users=user)["channel"]["id"]
    client.files_upload_v2(
        channel=channel, content=csv_text(table).encode(), filename=csv_name(table)
    )


def _listener(env: Env, topic: Topic) -> Any:
    def answer(ack: Ack, command: dict[str, Any], client: WebClient) -> None:
        ack()
        after_ack(lambda: work(command, client), command)

    def work(command: dict[str, Any], client: WebClient) -> None:
        # Slack makes a trigger id anew for every command typed: the same one is a replay. Told
        # after the ack, so that the ack never waits for the database.
        trigger = command.get("trigger_id")
        if trigger and not first_delivery(env, "slack", f"command:{trigger}"):
            return
        directory = directory_for(env, client, command)
        user = command["user_id"]
        parsed = parse_command(topic, typed(command.get("text", "")))
        channel = command.get("channel_id") or ""
        # A direct message is nobody else's channel: nothing is posted there for all to see.
        shared = channel if channel[:1] in ("C", "G") else None
        reply = chat.handle(env, directory, user, parsed, channel_ref=shared)
        if isinstance(reply, Draft) and open_promise_form(
            client,
            command.get("trigger_id"),
            reply,
            key=key_of(env.settings.slack),
            user=user,
            response_url=command.get("response_url"),
        ):
            return
        answer_where_asked(client, user, command.get("response_url"), render_reply(reply))
        if isinstance(reply, DigestCsv):
            send_csv(client, user, reply)
        if isinstance(reply, Made | Changed):
            refresh_homes(env, client, directory, user, *reply.promise.refs)
        if isinstance(reply, Given):
            refresh_homes(env, client, directory, user, *(r.ref for r in reply.recipients))

    answer.__name__ = f"answer_{topic}_command"
    return answer
