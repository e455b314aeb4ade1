"""Form submissions: a promise written or edited, and "Need more time". The submitter is the
actor; what the form carries is Kept's only when its seal says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.domain.errors import KeptError
from bot.domain.promises import Sooner, read_id
from bot.handlers.slack import suggestions
from bot.handlers.slack.context import answer_where_asked, directory_for, typed
from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.home_queue import refresh_homes
from bot.handlers.slack.sealed import key_of, seal, unseal
from bot.render.slack import render_reply
from bot.render.slack.forms import sooner_form
from bot.render.slack.ids import BlockId, CallbackId
from bot.render.slack.promises import asked_message
from bot.services import promises
from bot.services.env import Env
from bot.services.platform_events import first_delivery, taken_back
from bot.services.replies.promises import Changed, Made, Suggestion

Body = dict[str, Any]


# A form's use case: (directory, submitting user, the form's metadata, its fields) -> the result.
Submission = Callable[[SlackDirectory, str, Body, dict[str, Any]], Made | Changed | Suggestion]
OUT_OF_DATE = "That form is out of date. Open it again."
SENT_ALREADY = "You sent this form already. Open it again to change anything."
SOONER = "sooner"  # in a Deliver sooner? form: the earlier time it was opened on
VIEW = "view"  # the form as sent ("view:" and the id Slack gave it when it opened)
ONE_OR_THE_OTHER = (
    "A promise is to a co-worker or for a customer, not both: leave one of them empty."
)


def register(app: App, env: Env) -> None:
    def save_promise(
        directory: SlackDirectory, user: str, meta: Body, fields: Body
    ) -> Made | Changed | Suggestion:
        what = _text(fields, BlockId.WHAT)
        if "promise" in meta:  # the edit form
            return promises.edit(env, directory, user, _promise_of(meta), what)
        promised = (what, _due(fields), "minute", fields.get(BlockId.COUNTERPART))
        customer = _text(fields, BlockId.CUSTOMER) or None
        if customer and fields.get(BlockId.COUNTERPART):
            raise KeptError(ONE_OR_THE_OTHER, field=BlockId.CUSTOMER)
        if meta.get("author"):  # read in someone else's message: theirs to confirm
            return promises.offer_to(env, directory, str(meta["author"]), *promised, customer)
        # One message, or else one form, makes one promise, however often it is sent.
        message = meta.get("message") or meta[VIEW]
        return promises.make(
            env,
            directory,
            user,
            *promised,
            customer,
            source=str(meta.get("source") or "form"),
            source_ref=str(message),
        )

    def ask_more_time(directory: SlackDirectory, user: str, meta: Body, fields: Body) -> Changed:
        return promises.renegotiate(
            env, directory, user, _promise_of(meta), _due(fields), _text(fields, BlockId.NOTE)
        )

    def bring_forward(directory: SlackDirectory, user: str, meta: Body, fields: Body) -> Changed:
        try:
            sooner = datetime.fromisoformat(str(meta.get(SOONER)))
        except ValueError:
            raise KeptError(OUT_OF_DATE) from None
        note = str(meta.get("note") or "")
        return promises.bring_forward(env, directory, user, _promise_of(meta), sooner, note)

    app.view(CallbackId.PROMISE_FORM)(guarded(_on_submit(env, save_promise)))
    app.view(CallbackId.MORE_TIME_FORM)(guarded(_on_submit(env, ask_more_time)))
    app.view(CallbackId.SOONER_FORM)(guarded(_on_submit(env, bring_forward)))


def _on_submit(env: Env, use_case: Submission) -> Callable[..., None]:
    """A submission listener: errors go back under the form's field, success to the chat."""

    def submit(ack: Ack, body: Body, view: Body, client: WebClient) -> None:
        directory = directory_for(env, client, body)
        user = body["user"]["id"]
        meta = unseal(view.get("private_metadata"), user, key_of(env.settings.slack))
        sent = f"view:{view.get('id')}"
        try:
            if meta is None:
                raise KeptError(OUT_OF_DATE)
            if not first_delivery(env, "slack", sent):  # a form is sent once, then closes
                raise KeptError(SENT_ALREADY)
            try:
                reply = use_case(directory, user, {**meta, VIEW: sent}, _fields(view))
            except KeptError:
                taken_back(env, "slack", sent)  # to be sent again, put right
                raise
        except Sooner as earlier:  # the form asks again: bring it forward instead?
            kept = {k: v for k, v in (meta or {}).items() if k != VIEW}
            offer = {**kept, SOONER: earlier.asked.isoformat(), "note": earlier.note}
            sealed = seal(offer, user, key_of(env.settings.slack))
            ack(response_action="update", view=sooner_form(earlier, sealed))
            return
        except KeptError as error:
            ack(response_action="errors", errors={_field(error, view): str(error)})
            return
        ack()
        _show(env, client, directory, meta, user, reply)

    return submit


def _show(
    env: Env,
    client: WebClient,
    directory: Any,
    meta: Body,
    user: str,
    reply: Made | Changed | Suggestion,
) -> None:
    """The card where the form was opened from (in place of a clicked message), and Homes; an
    offer to someone else goes to them, and the submitter is told it went."""
    if isinstance(reply, Suggestion):
        author = str(meta["author"])
        key = key_of(env.settings.slack)
        shown = suggestions.prompt(reply, author, meta.get("message"), key, asked_by=user)
        client.chat_postMessage(channel=author, **shown)
        client.chat_postMessage(channel=user, **asked_message(author, reply))
        return
    url = str(meta["response_url"]) if meta.get("response_url") else None
    changed = isinstance(reply, Changed)
    answer_where_asked(client, user, url, render_reply(reply), replace=changed)
    promise = reply.promise
    refresh_homes(env, client, directory, user, *promise.refs)


def _promise_of(meta: Body) -> int:
    """The promise a form was opened on; refused when its metadata names none of Kept's."""
    promise_id = read_id(meta.get("promise"))
    if promise_id is None:
        raise KeptError(OUT_OF_DATE)
    return promise_id


def _fields(view: Body) -> dict[str, Any]:
    """Each input's value, by block id, whatever kind of input it is."""
    values: dict[str, Any] = {}
    for block_id, inputs in view.get("state", {}).get("values", {}).items():
        for state in inputs.values():
            for key in ("value", "selected_user", "selected_date_time"):
                if state.get(key) is not None:
                    values[block_id] = state[key]
    return values


def _text(fields: dict[str, Any], block: str) -> str:
    """A typed field as Slack formats message text: slash commands and messages arrive that way
    already, so every stored promise reads the same when shown again."""
    given = str(fields.get(block) or "")
    return typed(given.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


def _due(fields: dict[str, Any]) -> datetime:
    stamp = fields.get(BlockId.DUE)
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        raise KeptError("Pick the date and time you'll deliver it by.", field=BlockId.DUE)
    try:
        return datetime.fromtimestamp(stamp, UTC)
    except (ValueError, OverflowError, OSError):  # a time no calendar holds
        raise KeptError("Pick a date in the next ten years.", field=BlockId.DUE) from None


def _field(error: KeptError, view: Body) -> str:
    """The form's block to show an error under: the one it names, if the form has it."""
    blocks = {block.get("block_id") for block in view.get("blocks", [])} - {None}
    if error.field in blocks:
        return str(error.field)
    return next((b for b in (BlockId.WHAT, BlockId.DUE) if b in blocks), BlockId.WHAT)
