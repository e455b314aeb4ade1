"""Kept's forms (modals) in Slack: write or edit a promise, and "Need more time"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    DateTimePickerElement,
    InputBlock,
    PlainTextInputElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.promises import MAX_WHAT
from bot.render.shared.promises import to_whom
from bot.render.slack.ids import BlockId, CallbackId
from bot.render.slack.kit import context, date_token, section
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
    blocks.append(
        InputBlock(
            block_id=BlockId.WHAT,
            label="What did you promise?",
            element=PlainTextInputElement(
                action_id=BlockId.WHAT,
                initial_value=what or None,
                max_length=MAX_WHAT,
                placeholder="send the Q3 deck",
            ),
        )
    )
    if not editing:
        blocks += [
            InputBlock(
                block_id=BlockId.COUNTERPART,
                label="To a co-worker",
                optional=True,
                element=UserSelectElement(
                    action_id=BlockId.COUNTERPART, initial_user=counterpart_ref
                ),
            ),
            InputBlock(
                block_id=BlockId.CUSTOMER,
                label="Or to a customer",
                optional=True,
                element=PlainTextInputElement(
                    action_id=BlockId.CUSTOMER,
                    initial_value=customer or None,
                    max_length=255,
                    placeholder="Acme",
                ),
            ),
            _due_input("By when?", due_at),
        ]
    return View(
        type="modal",
        callback_id=CallbackId.PROMISE_FORM,
        title="Edit promise" if editing else "Track a promise",
        submit="Save" if editing else "Ask them" if asking else "Track it",
        close="Close",
        private_metadata=metadata,
        blocks=blocks,
    ).to_dict()


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
    return View(
        type="modal",
        callback_id=CallbackId.MORE_TIME_FORM,
        title="Need more time",
        submit="Ask for it",
        close="Close",
        private_metadata=metadata,
        blocks=[
            section(
                f"*{promise.what}*{to_whom(promise, whom)}, due {date_token(promise.due_at, zone)}."
            ),
            _due_input("New due time", promise.due_at),
            InputBlock(
                block_id=BlockId.NOTE,
                label=note_label,
                optional=True,
                element=PlainTextInputElement(
                    action_id=BlockId.NOTE,
                    multiline=True,
                    max_length=MAX_WHAT,
                    placeholder="What happened, and what you'll do",
                ),
            ),
        ],
    ).to_dict()


# The latest time Slack's date-time picker can start at (2286), in epoch seconds from 1970.
LAST_PICKABLE = 9_999_999_999


def _due_input(label: str, due_at: datetime | None) -> InputBlock:
    """The due time's picker, at `due_at` when the picker can show it (a time read before 1970
    is asked for afresh)."""
    stamp = int(due_at.timestamp()) if due_at else None
    return InputBlock(
        block_id=BlockId.DUE,
        label=label,
        element=DateTimePickerElement(
            action_id=BlockId.DUE,
            initial_date_time=stamp if stamp is not None and 0 <= stamp <= LAST_PICKABLE else None,
        ),
    )
