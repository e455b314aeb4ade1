"""Nudges in Teams: the reminder, and the buttons that answer it."""

from __future__ import annotations

from microsoft_teams.cards import Action, CardElement

from bot.render.shared.nudges import ANSWER_LABELS, ANSWERS, Answer, nudge_text
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
from bot.services.outbox import Nudge


def nudge_message(nudge: Nudge) -> TeamsMessage:
    """A nudge to the owner (or, escalated, to their manager), with the answers its stage
    offers (shared ANSWERS)."""
    due = when(nudge.due, nudge.zone, said=nudge.said_at)
    counterpart, owner = nudge.counterpart, nudge.owner
    text = nudge_text(nudge, due, counterpart, owner)
    body: list[CardElement] = [block(nudge_text(nudge, f"**{due}**", counterpart, owner))]
    answers = [_button(answer, nudge.promise_id) for answer in ANSWERS[nudge.stage]]
    if answers:
        body.append(buttons(*answers))
    return message(text, body)


def _button(answer: Answer, promise_id: int) -> Action:
    label = ANSWER_LABELS[answer]
    match answer:
        case Answer.MORE_TIME:
            return more_time_button(promise_id, label)
        case Answer.ON_TRACK:
            return promise_button(label, CardVerb.PROMISE_ON_TRACK, promise_id)
        case Answer.DONE:
            return promise_button(label, CardVerb.PROMISE_DONE, promise_id, style="positive")
