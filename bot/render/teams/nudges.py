"""Nudges in Teams: the reminder, and the buttons that answer it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from microsoft_teams.cards import Action, CardElement

from bot.render.shared.promises import ANSWER_LABELS, ANSWERS, nudge_text
from bot.render.shared.times import when
from bot.render.teams.ids import CardVerb
from bot.render.teams.kit import (
    TeamsMessage,
    block,
    buttons,
    message,
    more_time_button,
    promise_button,
)


def nudge_message(payload: dict[str, Any]) -> TeamsMessage:
    """A nudge to the owner (or, escalated, to their manager), with the answers its stage
    offers (words.ANSWERS)."""
    due = when(datetime.fromisoformat(payload["due"]), payload["zone"])
    counterpart, owner = payload.get("counterpart"), payload["owner"]
    text = nudge_text(payload, due, counterpart, owner)
    body: list[CardElement] = [block(nudge_text(payload, f"**{due}**", counterpart, owner))]
    answers = [_button(answer, payload["promise_id"]) for answer in ANSWERS[payload["stage"]]]
    if answers:
        body.append(buttons(*answers))
    return message(text, body)


def _button(answer: str, promise_id: int) -> Action:
    label = ANSWER_LABELS[answer]
    if answer == "more_time":
        return more_time_button(promise_id, label)
    if answer == "on_track":
        return promise_button(label, CardVerb.PROMISE_ON_TRACK, promise_id)
    return promise_button(label, CardVerb.PROMISE_DONE, promise_id, style="positive")
