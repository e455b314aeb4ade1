"""Nudges in the shell: the reminder, and the commands that answer it."""

from __future__ import annotations

from bot.render.shared.nudges import ANSWERS, Answer, nudge_text
from bot.render.shared.times import when
from bot.render.text.ids import Command
from bot.services.outbox import Nudge

# The shell's way of pressing a nudge's buttons, {id} its promise's number.
COMMANDS = {
    Answer.DONE: f"{Command.DONE} {{id}}",
    Answer.ON_TRACK: f"{Command.ON_TRACK} {{id}}",
    Answer.MORE_TIME: f"{Command.MORE_TIME} {{id}} WHEN",
}


def nudge_line(nudge: Nudge) -> str:
    due = when(nudge.due, nudge.zone, said=nudge.said_at)
    mention = f"@{nudge.counterpart}" if nudge.counterpart else None
    text = nudge_text(nudge, due, mention, f"@{nudge.owner}")
    answers = " · ".join(COMMANDS[answer] for answer in ANSWERS[nudge.stage])
    return f"{text}  ({answers.format(id=nudge.promise_id)})" if answers else text
