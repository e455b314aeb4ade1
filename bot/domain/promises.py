"""The rules of a promise: who may change it, when it counts as kept, what a new date means."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.errors import KeptError

# Promise ids fit a 32-bit integer (the store's primary key): a larger one is no promise's.
MAX_ID = 2**31 - 1
# Slack shows at most 3,000 characters in a section; a promise is a sentence, not an essay.
MAX_WHAT = 1000
# Its whole text may add the due time, the counterpart and a few words around them ("to @ana
# by the first Monday of next month at 3pm ET"); longer, it is refused before it is read.
MAX_TEXT = MAX_WHAT + 200
# A chat message longer than this is a document, not a promise to offer a "Track this?" for,
# and it is not read (Slack asks apps to keep a message within 4,000 characters).
MAX_OFFERED = 4000
EXAMPLE = "/promise send the Q3 deck to @ana by Friday 3pm"


class Status(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class Action(StrEnum):
    COMPLETE = "complete"
    CANCEL = "cancel"
    RENEGOTIATE = "renegotiate"
    EDIT = "edit"
    ON_TRACK = "on_track"
    INFORM = "inform"  # record that an external customer was told of a new date


@dataclass(frozen=True)
class Parties:
    """Who is asking, against whom the promise was made (by person id)."""

    actor: int
    owner: int
    counterpart: int | None
    also: frozenset[int] = frozenset()  # the other co-workers it is to ("to @ana and @raj")


def check_what(what: str) -> str:
    """The promise's words, trimmed; refused when empty or too long."""
    words = " ".join(what.split())
    if not words:
        raise KeptError("What did you promise? Say what you will deliver.", EXAMPLE, "what")
    _check_length(words, MAX_WHAT)
    return words


def check_text(text: str) -> None:
    """A promise's whole text, before it is read: refused when too long for its words to fit
    even without the due time (reading 40,000 characters takes time, for a refusal)."""
    _check_length(" ".join(text.split()), MAX_TEXT)


def _check_length(words: str, limit: int) -> None:
    if len(words) > limit:
        raise KeptError(
            f"That is {len(words):,} characters; a promise fits in {MAX_WHAT:,}."
            " Say what and by when, and link to the details.",
            EXAMPLE,
            "what",
        )


# A due time further off than this is a slip of the keyboard (or a forged button), not a plan.
FURTHEST_DUE = timedelta(days=10 * 366)


def check_due(due: datetime, now: datetime) -> None:
    if due <= now:
        raise KeptError(
            "That due time has already passed. When will you deliver it?",
            "/promise send the report to @raj by tomorrow 10am",
            "due",
        )
    if due - now > FURTHEST_DUE:
        raise KeptError(
            "That due time is more than ten years away. When will you really deliver it?",
            "/promise send the report to @raj by tomorrow 10am",
            "due",
        )


class Sooner(KeptError):
    """A new due time earlier than the promise's: that is not more time (nothing was moved);
    the owner may bring the promise forward instead, which is no renegotiation."""

    def __init__(
        self, promise_id: int, asked: datetime, due: datetime, note: str, zone: str, at: datetime
    ) -> None:
        super().__init__("That's earlier than it's due, so it isn't more time.", field="due")
        self.promise_id, self.asked, self.due, self.note = promise_id, asked, due, note
        self.zone = zone  # the owner's, to show the times in
        self.said_at = at  # when it was asked


def check_allowed(action: Action, parties: Parties, status: Status) -> None:
    """Only the owner changes a promise; a co-worker it is to may also mark it received (done)."""
    # Who before what: someone who may not act learns nothing of the promise, not even its status.
    is_owner = parties.actor == parties.owner
    is_counterpart = parties.actor == parties.counterpart or parties.actor in parties.also
    if not (is_owner or (action is Action.COMPLETE and is_counterpart)):
        raise KeptError("Only the person who made this promise can change it.")
    if status is not Status.OPEN:
        raise KeptError(f"This promise is already {status.value}: nothing to change.")


# What the owner may say once per reminder or new date, what each answers (history event
# kinds), and the words for saying it again: a replayed click is told, and changes nothing.
SAID_ONCE = {
    "on_track": (
        {"created", "nudged", "renegotiated", "brought_forward"},
        "You told me already that it's on track. I'll check in before it's due.",
    ),
    "customer_informed": (
        {"created", "renegotiated"},
        "You told me already that they know the new date. Nothing else to do.",
    ),
}


def check_not_said(history: Sequence[str], said: str) -> None:
    """Refuse `said` (a SAID_ONCE kind) when it was said since what it answers."""
    answers, again = SAID_ONCE[said]
    for kind in reversed(history):
        if kind == said:
            raise KeptError(again)
        if kind in answers:
            return


def kept_on_time(due: datetime, done_at: datetime) -> bool:
    return done_at <= due


def asked_early(old_due: datetime, asked_at: datetime) -> bool:
    """A new date asked for before the old deadline: the customer was warned early."""
    return asked_at < old_due


def picked_due(day: str, at: str, zone: str, end_of_day: time) -> datetime:
    """The due time picked in a form as a date (YYYY-MM-DD) and a time (HH:MM, optional), in
    the person's zone, as an instant; a date alone means the end of that working day."""
    try:
        picked_day = date.fromisoformat(day)
    except ValueError:
        raise KeptError("Pick the date you'll deliver it by.", field="due_date") from None
    try:
        picked_time = time.fromisoformat(at) if at else end_of_day
    except ValueError:
        raise KeptError("Pick the time you'll deliver it by.", field="due_time") from None
    return datetime.combine(picked_day, picked_time, ZoneInfo(zone))


def read_id(value: object) -> int | None:
    """A promise id as a button, form or card sent it (user input): a whole number, or ASCII
    digits, from 1 to MAX_ID; None for anything else (a bool, "²", a number past the store's)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value <= MAX_ID else None
