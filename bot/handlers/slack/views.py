"""Form submissions: a promise written or edited, and "Need more time"."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.bootstrap import Kept
from bot.domain.errors import KeptError
from bot.handlers.slack.context import directory_for, metadata, refresh_homes, reply_to
from bot.render.slack_blocks import render_reply
from bot.render.slack_ids import BlockId, CallbackId
from bot.services import promises
from bot.services.promises import Changed, Made

Body = dict[str, Any]


def register(app: App, kept: Kept) -> None:
    @app.view(CallbackId.PROMISE_FORM)
    def on_promise_form(ack: Ack, body: Body, view: Body, client: WebClient) -> None:
        directory = directory_for(kept, client, body)
        meta, fields = metadata(view), _fields(view)
        user = body["user"]["id"]
        try:
            if isinstance(meta.get("promise"), int):
                reply: Made | Changed = promises.edit(
                    kept, directory, user, meta["promise"], fields.get(BlockId.WHAT) or ""
                )
            else:
                reply = promises.make(
                    kept,
                    directory,
                    str(meta.get("owner") or user),
                    fields.get(BlockId.WHAT) or "",
                    _due(fields),
                    "minute",
                    fields.get(BlockId.COUNTERPART),
                    fields.get(BlockId.CUSTOMER),
                    source=str(meta.get("source") or "form"),
                )
        except KeptError as error:
            ack(response_action="errors", errors={_field(error, view): str(error)})
            return
        ack()
        _show(kept, client, directory, meta, user, reply)

    @app.view(CallbackId.MORE_TIME_FORM)
    def on_more_time(ack: Ack, body: Body, view: Body, client: WebClient) -> None:
        directory = directory_for(kept, client, body)
        meta, fields = metadata(view), _fields(view)
        user = body["user"]["id"]
        try:
            reply = promises.renegotiate(
                kept,
                directory,
                user,
                int(meta.get("promise", 0)),
                _due(fields),
                fields.get(BlockId.NOTE) or "",
            )
        except KeptError as error:
            ack(response_action="errors", errors={_field(error, view): str(error)})
            return
        ack()
        _show(kept, client, directory, meta, user, reply)


def _show(
    kept: Kept, client: WebClient, directory: Any, meta: Body, user: str, reply: Made | Changed
) -> None:
    """The card where the form was opened from (in place of a clicked message), and Homes."""
    message = render_reply(reply)
    if meta.get("response_url"):
        reply_to(str(meta["response_url"]), message, replace=isinstance(reply, Changed))
    else:
        client.chat_postMessage(channel=user, **message)
    promise = reply.promise
    refresh_homes(kept, client, directory, user, promise.owner_ref, promise.counterpart_ref)


def _fields(view: Body) -> dict[str, Any]:
    """Each input's value, by block id, whatever kind of input it is."""
    values: dict[str, Any] = {}
    for block_id, inputs in view.get("state", {}).get("values", {}).items():
        for state in inputs.values():
            for key in ("value", "selected_user", "selected_date_time"):
                if state.get(key) is not None:
                    values[block_id] = state[key]
    return values


def _due(fields: dict[str, Any]) -> datetime:
    stamp = fields.get(BlockId.DUE)
    if not isinstance(stamp, int):
        raise KeptError("Pick the date and time you'll deliver it by.", field=BlockId.DUE)
    return datetime.fromtimestamp(stamp, UTC)


def _field(error: KeptError, view: Body) -> str:
    """The form's block to show an error under: the one it names, if the form has it."""
    blocks = {block.get("block_id") for block in view.get("blocks", [])}
    if error.field in blocks:
        return str(error.field)
    return next((b for b in (BlockId.WHAT, BlockId.DUE) if b in blocks), BlockId.WHAT)
