"""Kept's forms in Teams: finishing a promise that has no due time, and the "Need more
time" dialog."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from microsoft_teams.cards import (
    Action,
    AdaptiveCard,
    CardElement,
    DateInput,
    SubmitAction,
    TextInput,
    TimeInput,
)

from bot.domain.promises import MAX_WHAT
from bot.render.shared.promises import ASK_WHAT, due_text, to_whom
from bot.render.teams.ids import CardVerb, DialogId, Field
from bot.render.teams.kit import TeamsMessage, block, buttons, execute, heading, message
from bot.services.replies.promises import Draft, PromiseView


def draft_card(draft: Draft) -> TeamsMessage:
    """A promise with no usable due time: the problem, and a form to finish it in place."""
    problem = draft.problem if draft.what else ASK_WHAT
    body: list[CardElement] = [
        block(problem),
        TextInput(
            id=Field.WHAT.value,
            label="What did you promise?",
            value=draft.what or None,
            placeholder="send the Q3 deck",
            max_length=MAX_WHAT,
            is_required=True,
            error_message="Say what you will deliver.",
        ),
        DateInput(
            id=Field.DUE_DATE.value,
            label="By when?",
            is_required=True,
            error_message="Pick the date you'll deliver it by.",
        ),
        TimeInput(id=Field.DUE_TIME.value, label="At what time? Empty: the end of the day"),
    ]
    if draft.counterpart_ref is None:
        body.append(
            TextInput(
                id=Field.CUSTOMER.value,
                label="For a customer? Name them",
                value=draft.customer or None,
                placeholder="Acme",
                max_length=255,
            )
        )
    track = execute(
        "Track it",
        CardVerb.PROMISE_FORM,
        {Field.COUNTERPART.value: draft.counterpart_ref},
        style="positive",
    )
    body.append(buttons(track))
    return message(problem, body)


def more_time_dialog(
    promise: PromiseView,
    zone: str,
    *,
    problem: str = "",
    typed: Mapping[str, Any] | None = None,
    sooner: bool = False,
) -> AdaptiveCard:
    """Need more time: a new due time (the current one to start from), and a note for the
    person waiting. Shown again with the `problem` and what was `typed` when it was refused;
    when the time typed was earlier (`sooner`), with a button to bring the promise forward."""
    due = promise.due_at.astimezone(ZoneInfo(zone))
    typed = typed or {}
    if promise.counterpart:
        note_label = f"What should {promise.counterpart} know?"
    elif promise.customer:
        note_label = f"What will you tell {promise.customer}?"
    else:
        note_label = "A note, if you like"
    move: Action = SubmitAction(
        title="Move it",
        style="positive",
        data={"dialog": DialogId.MORE_TIME.value, "promise": promise.id},
    )
    return AdaptiveCard(
        body=[
            heading("Need more time?"),
            block(
                f"**{promise.what}**{to_whom(promise, promise.counterpart)},"
                f" due {due_text(promise, zone)}."
            ),
            *([block(problem, color="Attention", weight="Bolder")] if problem else []),
            DateInput(
                id=Field.DUE_DATE.value,
                label="New date",
                value=str(typed.get(Field.DUE_DATE) or due.date().isoformat()),
                is_required=True,
                error_message="Pick the date you'll deliver it by.",
            ),
            TimeInput(
                id=Field.DUE_TIME.value,
                label="New time",
                value=str(typed.get(Field.DUE_TIME) or f"{due:%H:%M}"),
            ),
            TextInput(
                id=Field.NOTE.value,
                label=note_label,
                is_multiline=True,
                max_length=MAX_WHAT,
                placeholder="What happened, and what you'll do",
                value=str(typed.get(Field.NOTE) or "") or None,
            ),
        ],
        actions=[move, *([_bring_forward(promise)] if sooner else [])],
        fallback_text=f"Need more time for {promise.what}?",
    )


def _bring_forward(promise: PromiseView) -> Action:
    """Offered when "more time" was an earlier time: deliver sooner, at the time typed."""
    data = {"dialog": DialogId.MORE_TIME.value, "promise": promise.id, Field.SOONER.value: True}
    return SubmitAction(title="Bring it forward", data=data)
