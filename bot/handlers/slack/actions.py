"""Buttons and menus on Kept's messages and App Home. A button's value is user input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import KeptError
from bot.domain.promises import Action, read_id
from bot.handlers.slack.context import (
    answer_click,
    delete_original,
    directory_for,
)
from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.forms import FORM_UNAVAILABLE, open_promise_form, open_view
from bot.handlers.slack.home_queue import refresh_homes
from bot.handlers.slack.sealed import key_of, seal
from bot.handlers.slack.suggestions import not_mine_of, offer_of
from bot.render.slack import render_reply
from bot.render.slack.forms import more_time_form, promise_form
from bot.render.slack.ids import ActionId
from bot.render.slack.kit import refusal
from bot.render.slack.promises import not_theirs_message, not_yours_message
from bot.services import chat, promises
from bot.services.env import Env
from bot.services.replies import Reply
from bot.services.replies.promises import Changed, Made

Body = dict[str, Any]
T = TypeVar("T")
STALE = "That button is out of date. Try `/promise list` for your promises as they are now."


def register(app: App, env: Env) -> None:
    changes: dict[str, Callable[..., Changed]] = {
        "done": promises.complete,
        "cancel": promises.cancel,
        "on_track": promises.on_track,
        "customer_told": promises.customer_told,
    }

    def change(body: Body, client: WebClient, verb: str, value: str, *, in_place: bool) -> None:
        """Apply a button's verb; `in_place` replaces the card clicked with the outcome."""
        directory = directory_for(env, client, body)
        user = body["user"]["id"]
        promise_id = read_id(value)
        if promise_id is None:
            answer_click(client, body, refusal(STALE))
            return
        if verb in changes:
            reply = chat.attempt(lambda: changes[verb](env, directory, user, promise_id))
            _answer(env, body, client, directory, reply, in_place=in_place)
        else:
            _open_form(env, body, client, directory, verb, promise_id)

    def clicked(verb: str) -> Callable[..., None]:
        # Bolt fills a listener's parameters by name, so the verb is closed over, not passed.
        def on_click(ack: Ack, body: Body, action: Body, client: WebClient) -> None:
            ack()
            change(body, client, verb, str(action.get("value", "")), in_place=True)

        return on_click

    for verb, action_id in (
        ("done", ActionId.PROMISE_DONE),
        ("cancel", ActionId.PROMISE_CANCEL),
        ("more_time", ActionId.PROMISE_MORE_TIME),
        ("edit", ActionId.PROMISE_EDIT),
        ("on_track", ActionId.PROMISE_ON_TRACK),
        ("customer_told", ActionId.CUSTOMER_TOLD),
    ):
        app.action(action_id)(guarded(clicked(verb)))

    @app.action(ActionId.PROMISE_MENU)
    @guarded
    def on_menu(ack: Ack, body: Body, action: Body, client: WebClient) -> None:
        ack()
        verb, _, value = str(action.get("selected_option", {}).get("value", "")).partition(":")
        if verb in {"done", "cancel", "more_time", "edit"}:  # a list stays; the outcome follows it
            change(body, client, verb, value, in_place=False)
        else:
            answer_click(client, body, refusal(STALE))

    @app.action(ActionId.TRACK)
    @guarded
    def on_track(ack: Ack, body: Body, action: Body, client: WebClient) -> None:
        ack()
        directory = directory_for(env, client, body)
        owner = body["user"]["id"]  # only the one it was sealed for may track it, as theirs
        offered = _unsealed(env, client, body, action, offer_of)
        if offered is None:
            return
        offer, message = offered
        source = message or _prompt_of(body)  # one message (or prompt) tracks one promise
        reply = chat.attempt(
            lambda: promises.track(env, directory, owner, offer, source_ref=source)
        )
        _answer(env, body, client, directory, reply, in_place=True)

    @app.action(ActionId.TRACK_EDIT)
    @guarded
    def on_track_edit(ack: Ack, body: Body, action: Body, client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        offered = _unsealed(env, client, body, action, offer_of)
        if offered is None:
            return
        offer, message = offered
        if not open_promise_form(
            client,
            body.get("trigger_id"),
            offer,
            key=key_of(env.settings.slack),
            user=user,
            response_url=body.get("response_url"),
            source="detected",
            message=message or _prompt_of(body),
        ):
            answer_click(client, body, refusal(FORM_UNAVAILABLE))

    @app.action(ActionId.NOT_A_PROMISE)
    @guarded
    def on_not_a_promise(ack: Ack, body: Body) -> None:
        ack()
        delete_original(body.get("response_url"))

    @app.action(ActionId.NOT_MINE)
    @guarded
    def on_not_mine(ack: Ack, body: Body, action: Body, client: WebClient) -> None:
        """Asked to track a promise, its author says no: whoever asked is told."""
        ack()
        author = body["user"]["id"]
        asked = _unsealed(env, client, body, action, not_mine_of)
        if asked is None:
            return
        asked_by, what, message = asked
        directory = directory_for(env, client, body)
        declined = chat.attempt(lambda: promises.decline(env, directory, author, message))
        if declined is not None:  # tracked already, or said already: the asker is not told
            answer_click(client, body, render_reply(declined))
            return
        client.chat_postMessage(channel=asked_by, **not_theirs_message(author, what))
        answer_click(client, body, not_yours_message(asked_by), replace=True)


def _answer(
    env: Env,
    body: Body,
    client: WebClient,
    directory: SlackDirectory,
    reply: Reply,
    *,
    in_place: bool,
) -> None:
    """Show the outcome where the click happened (in place of the card, when it changed
    something there), and on the App Homes of everyone it touches."""
    changed = isinstance(reply, Changed | Made)
    if body.get("response_url") or not changed:  # a change on the App Home shows there
        answer_click(client, body, render_reply(reply), replace=in_place and changed)
    if isinstance(reply, Changed | Made):
        promise = reply.promise
        user = body["user"]["id"]
        refresh_homes(env, client, directory, user, *promise.refs)


def _open_form(
    env: Env, body: Body, client: WebClient, directory: SlackDirectory, verb: str, promise_id: int
) -> None:
    user = body["user"]["id"]
    action = Action.RENEGOTIATE if verb == "more_time" else Action.EDIT
    try:
        promise, zone = promises.prepare(env, directory, user, promise_id, action)
    except KeptError as error:
        answer_click(client, body, refusal(str(error)))
        return
    meta = seal(
        {"promise": promise_id, "response_url": body.get("response_url")},
        user,
        key_of(env.settings.slack),
    )
    if verb == "more_time":
        view = more_time_form(promise, zone, meta)
    else:
        view = promise_form(
            what=promise.what,
            due_at=promise.due_at,
            counterpart_ref=None,
            customer=None,
            metadata=meta,
            editing=True,
        )
    if not open_view(client, body.get("trigger_id"), view):
        answer_click(client, body, refusal(FORM_UNAVAILABLE))


def _unsealed(
    env: Env, client: WebClient, body: Body, action: Body, read: Callable[[object, str, bytes], T]
) -> T:
    """What a sealed button carries for the one clicking it; None, answered as out of date, when
    Kept did not seal it for them."""
    found = read(action.get("value"), body["user"]["id"], key_of(env.settings.slack))
    if found is None:
        answer_click(client, body, refusal(STALE))
    return found


def _prompt_of(body: Body) -> str | None:
    """The "Track this?" message clicked, so that one prompt tracks one promise."""
    container = body.get("container") or {}
    if not (container.get("channel_id") and container.get("message_ts")):
        return None
    return f"{container['channel_id']}/{container['message_ts']}"
