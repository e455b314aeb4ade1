"""The words Kept says in a nudge, shared by every platform's renderer, and the answers each
nudge offers."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.nudges import Stage
from bot.render.shared.promises import names_them
from bot.services.outbox import Nudge

# What each nudge says to the owner (the escalation: to their manager). {to} is " to @ana".
NUDGES: dict[Stage, str] = {
    Stage.HEADS_UP: "Heads-up: {what}{to} is due {due}.",
    Stage.FINAL_CHECK: "On track? {what}{to}, due {due}.",
    Stage.AT_DEADLINE: "{what}{to} was due {due}. Did you deliver it?",
    Stage.OVERDUE: "{what}{to} was due {due} and is still open. Done? Or {next_step} now.",
    Stage.ESCALATION: "{owner}'s promise{to} is overdue: {what}, due {due}."
    " You may want to check in with them.",
}


class Answer(StrEnum):
    """What a nudge's owner can answer it with: a button on Slack and Teams, a command in the
    shell."""

    DONE = "done"
    ON_TRACK = "on_track"
    MORE_TIME = "more_time"


# The answers each nudge offers its owner (a button each); the escalation, to a manager, none.
ANSWERS: dict[Stage, tuple[Answer, ...]] = {
    Stage.HEADS_UP: (Answer.DONE, Answer.MORE_TIME),
    Stage.FINAL_CHECK: (Answer.DONE, Answer.ON_TRACK, Answer.MORE_TIME),
    Stage.AT_DEADLINE: (Answer.DONE, Answer.MORE_TIME),
    Stage.OVERDUE: (Answer.DONE, Answer.MORE_TIME),
    Stage.ESCALATION: (),
}
ANSWER_LABELS = {
    Answer.DONE: "Done",
    Answer.ON_TRACK: "On track",
    Answer.MORE_TIME: "Need more time",
}


def nudge_text(nudge: Nudge, due: str, mention: str | None, owner: str) -> str:
    """A nudge's words; `due`, the counterpart's `mention` and `owner` as the platform writes
    them."""
    what, customer = nudge.what, nudge.customer
    who = mention or customer
    next_step = f"tell {who} the new date" if who else "give it a new date"
    named = names_them(what, nudge.counterpart, nudge.counterpart_ref, customer)
    to = "" if named else (f" to {mention}" if mention else f" for {customer}" if customer else "")
    text = NUDGES[nudge.stage].format(what=what, to=to, due=due, next_step=next_step, owner=owner)
    return text[0].upper() + text[1:]
