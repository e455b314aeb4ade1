"""Kept's forms (modals) in Slack: write or edit a promise, and "Need more time"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.promises import MAX_WHAT, Sooner
from bot.render.shared.promises import SOONER, to_whom
from bot.render.slack.ids import BlockId, CallbackId
from bot.render.slack.kit import (
    Block,
    context,
    date_token,
    datetime_picker,
    input_block,
    modal,
    section,
    text_input,
    user_select,
)
from bot.services.replies.promises import PromiseView


def promise_form(
    *,
    what: str,
    due_at: datetime | None,
    counterpart_ref: str | None,
    customer: str | None,
    metadata: str,
    problem: str = "",
    editing: bool = False,
    asking: str | None = None,
) -> dict[str, Any]:
    """The modal to write a promise, or to edit one, prefilled with what was understood;
    `asking` someone else (by user id) to track it, when it was read in their message."""
    blocks: list[Block] = [context(problem)] if problem else []
    if asking:
        blocks.append(context(f"<@{asking}> wrote this, so I'll ask them to confirm it's theirs."))
    words = text_input(BlockId.WHAT, "send the Q3 deck", max_length=MAX_WHAT, initial_value=what)
    blocks.append(input_block(BlockId.WHAT, "What did you promise?", words))
    if not editing:
        coworker = user_select(BlockId.COUNTERPART, initial_user=counterpart_ref)
        named = text_input(BlockId.CUSTOMER, "Acme", max_length=255, initial_value=customer)
        blocks += [
            input_block(BlockId.COUNTERPART, "To a co-worker", coworker, optional=True),
            input_block(BlockId.CUSTOMER, "Or to a customer", named, optional=True),
            _due_input("By when?", due_at),
        ]
    return modal(
        callback_id=CallbackId.PROMISE_FORM,
        title="Edit promise" if editing else "Track a promise",
        submit="Save" if editing else "Ask them" if asking else "Track it",
        close="Close",
        private_metadata=metadata,
        blocks=blocks,
    )


def more_time_form(promise: PromiseView, zone: str, metadata: str) -> dict[str, Any]:
    """Need more time: a new due time, and a note for the person waiting."""
    whom = f"<@{promise.counterpart_ref}>" if promise.counterpart_ref else promise.customer
    note_label = (
        f"A note for {promise.counterpart}"
        if promise.counterpart
        else f"What you'll tell {promise.customer}"
        if promise.customer
        else "A note"
    )
    note = text_input(
        BlockId.NOTE, "What happened, and what you'll do", max_length=MAX_WHAT, multiline=True
    )
    due = date_token(promise.due_at, zone, promise.as_of)
    return modal(
        callback_id=CallbackId.MORE_TIME_FORM,
        title="Need more time",
        submit="Ask for it",
        close="Close",
        private_metadata=metadata,
        blocks=[
            section(f"*{promise.what}*{to_whom(promise, whom)}, due {due}."),
            _due_input("New due time", promise.due_at),
            input_block(BlockId.NOTE, note_label, note, optional=True),
        ],
    )


def sooner_form(sooner: Sooner, metadata: str) -> dict[str, Any]:
    """In place of Need more time, when the new time was earlier: bring the promise forward?"""
    asked = date_token(sooner.asked, sooner.zone, sooner.said_at)
    due = date_token(sooner.due, sooner.zone, sooner.said_at)
    return modal(
        callback_id=CallbackId.SOONER_FORM,
        title="Deliver sooner?",
        submit="Bring it forward",
        close="Keep the date",
        private_metadata=metadata,
        blocks=[section(SOONER.format(asked=asked, due=due))],
    )


# The latest time Slack's date-time picker can start at (2286), in epoch seconds from 1970.
LAST_PICKABLE = 9_999_999_999


def _due_input(label: str, due_at: datetime | None) -> Block:
    """The due time's picker, at `due_at` when the picker can show it (a time read before 1970
    is asked for afresh)."""
    stamp = int(due_at.timestamp()) if due_at else None
    shown = stamp if stamp is not None and 0 <= stamp <= LAST_PICKABLE else None
    return input_block(BlockId.DUE, label, datetime_picker(BlockId.DUE, shown))
