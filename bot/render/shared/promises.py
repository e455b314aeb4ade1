"""The words Kept says about promises, shared by every platform's renderer."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.domain.people import handle
from bot.render.shared.times import when
from bot.services.promises import PromiseView

CHANGED = {
    "done": "Marked done",
    "cancelled": "Cancelled",
    "renegotiated": "New due time",
    "edited": "Updated",
    "on_track": "On track, noted",
    "customer_informed": "Noted that you told them",
}

NEWS = {
    "made": "{by} promised you: {what}, by {due}.",
    "done": "{by} delivered: {what}.",
    "received": "{by} marked your promise received: {what}.",
    "cancelled": "{by} cancelled a promise to you: {what}.",
    "renegotiated": "{by} needs more time for {what}: now due {due}.",
    "edited": "{by} reworded a promise to you: {what}, by {due}.",
}

NO_DUE_EXAMPLE = "/promise send the Q3 deck to @ana by Friday 3pm"
ASK_WHAT = "What did you promise, and by when?"
# Kept can't reach an external customer: the owner is asked to tell them of a new date, now.
TELL_CUSTOMER = "Now tell {customer} the new date: the sooner they hear it, the more they trust it."
MORE_DUE_LATER = "…and {more} more, due later."


def names_them(what: str, counterpart: str | None, ref: str | None, customer: str | None) -> bool:
    """Whether a promise's words already name whom it is for: as mentioned (@ana, Slack's
    <@U…>, Teams' @Ana_Lopez), by name, or the customer."""
    if any(name and name in what for name in (ref, customer)):
        return True
    if not counterpart:
        return False
    written = (f"@{counterpart}", handle(counterpart), counterpart)
    return any(re.search(rf"(?<![\w@]){re.escape(w)}(?![\w])", what) for w in written)


def readable(what: str, counterpart: str | None = None) -> str:
    """The words with the counterpart's handle (@Ana_Lopez) written as their name."""
    return what.replace(handle(counterpart), counterpart) if counterpart else what


def to_whom(promise: PromiseView, mention: str | None = None) -> str:
    """' to @ana', ' for Acme', or '' when the promise names nobody or its words already do."""
    if names_them(promise.what, promise.counterpart, promise.counterpart_ref, promise.customer):
        return ""
    if promise.counterpart:
        return f" to {mention or '@' + promise.counterpart}"
    if promise.customer:
        return f" for {promise.customer}"
    return ""


def due_text(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    text = when(promise.due_at, zone, now)
    if now is not None and promise.due_at <= now and promise.status == "open":
        return f"{text} (overdue)"
    return text


def outcome(promise: PromiseView) -> str:
    if promise.on_time is None:
        return ""
    return " on time" if promise.on_time else " late"


def news_text(payload: dict[str, Any], by: str) -> str:
    """What one side of a promise is told of the other's change; `by` as the platform writes it."""
    due = when(datetime.fromisoformat(payload["due"]), payload["zone"])
    news = NEWS[payload["news"]].format(by=by, what=payload["what"], due=due)
    note = payload.get("note") or ""
    return f"{news} Their note: “{note}”" if note else news


# What each nudge says to the owner (the escalation: to their manager). {to} is " to @ana".
NUDGES = {
    "heads_up": "Heads-up: {what}{to} is due {due}.",
    "final_check": "On track? {what}{to}, due {due}.",
    "at_deadline": "{what}{to} was due {due}. Did you deliver it?",
    "overdue": "{what}{to} was due {due} and is still open. Done? Or {next_step} now.",
    "escalation": "{owner}'s promise{to} is overdue: {what}, due {due}."
    " You may want to check in with them.",
}


# The answers each nudge offers its owner (a button each); the escalation, to a manager, none.
ANSWERS: dict[str, tuple[str, ...]] = {
    "heads_up": ("done", "more_time"),
    "final_check": ("done", "on_track", "more_time"),
    "at_deadline": ("done", "more_time"),
    "overdue": ("done", "more_time"),
    "escalation": (),
}
ANSWER_LABELS = {"done": "Done", "on_track": "On track", "more_time": "Need more time"}


def nudge_text(payload: dict[str, Any], due: str, mention: str | None, owner: str) -> str:
    """A nudge's words; `due`, the counterpart's `mention` and `owner` as the platform writes
    them."""
    what, customer = payload["what"], payload.get("customer")
    who = mention or customer
    next_step = f"tell {who} the new date" if who else "give it a new date"
    named = names_them(what, payload.get("counterpart"), payload.get("counterpart_ref"), customer)
    to = "" if named else (f" to {mention}" if mention else f" for {customer}" if customer else "")
    text = NUDGES[payload["stage"]].format(
        what=what, to=to, due=due, next_step=next_step, owner=owner
    )
    return text[0].upper() + text[1:]
