"""Reading one message: is it a promise, by when, to whom. Used by capture and `understand`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from bot.domain.detection import detect_promise, may_contain_promise
from bot.domain.due_times import DueTime, ReadingRules, TimesSaid, read_times
from bot.domain.promises import FURTHEST_DUE


@dataclass(frozen=True)
class Reading:
    promise: bool  # a firm first-person commitment (or one the person said was a promise)
    hedged: bool
    due: DueTime | None  # the one due time; None when there is none or several that conflict
    conflicting: tuple[DueTime, ...]  # the times found, when they conflict
    invalid_dates: tuple[str, ...]  # phrases naming dates the calendar lacks ("Feb 30")
    past: tuple[str, ...]  # a deadline said in the past tense of time ("by yesterday")
    counterpart: str | None  # "@ana", "<@U123>" or a customer's name
    what: str  # the words of the promise without its due phrase
    also: tuple[str, ...] = ()  # co-workers named with the counterpart ("to @ana and @raj")

    def offered_due(self, now: datetime) -> DueTime | None:
        """The due time when Kept offers to track it ("Track this?"): a promise with one due
        time still ahead. A commitment without one ("I'll look into it") is noise in a
        channel, and a date just passed, one past the furthest Kept tracks, or two that
        conflict are for the person to settle."""
        if not self.promise or self.due is None or self.invalid_dates:
            return None
        return self.due if now < self.due.at <= now + FURTHEST_DUE else None


@dataclass(frozen=True)
class Context:
    """Whose words these are: the time and zone they were written in, and their locale."""

    now: datetime
    tz: str
    locale: str
    rules: ReadingRules


def read_message(text: str, context: Context) -> Reading:
    """A chat message: most are not promises, so the cheap prefilter decides first."""
    if not may_contain_promise(text):
        said = _times(text, context)
        return _reading(text, said, said.due_times, promise=False, hedged=False, counterpart=None)
    return read_promise(text, context, said_so=False)


def read_promise(text: str, context: Context, *, said_so: bool = True) -> Reading:
    """Text the person says is a promise (`/promise …`), or a message that may be one."""
    signal = detect_promise(text)
    said = _times(text, context)
    times = (
        _the_commitments(_not_theirs(said.due_times, signal.theirs), signal.clause, signal.what)
        if signal.is_promise
        else said.due_times
    )
    return _reading(
        signal.what if signal.is_promise else text,
        said,
        times,
        promise=said_so or signal.is_promise,
        hedged=signal.hedged,
        counterpart=signal.counterpart,
        also=signal.also,
    )


def _not_theirs(times: list[DueTime], theirs: tuple[str, ...]) -> list[DueTime]:
    """The times not said only of what someone else will do: in "Raj will send the data by
    Thursday, then I'll send the report" Thursday is Raj's."""
    return [due for due in times if not any(due.matched in clause for clause in theirs)]


def _the_commitments(times: list[DueTime], *commitment: str) -> list[DueTime]:
    """Of times that differ, the one in the commitment's own words, when it has one: "Saturday
    fire drill: I'll have the fix by Monday 8:00" is due Monday; the rest only set the scene.
    The commitment's clause is asked first, then the rest of its sentence."""
    if len({due.at for due in times}) < 2:
        return times
    for words in commitment:
        own = [due for due in times if due.matched in words]
        if len({due.at for due in own}) == 1:
            return own
    return times


def _times(text: str, context: Context) -> TimesSaid:
    return read_times(
        text, now=context.now, tz=context.tz, locale=context.locale, rules=context.rules
    )


def _reading(
    text: str,
    said: TimesSaid,
    times: list[DueTime],
    *,
    promise: bool,
    hedged: bool,
    counterpart: str | None,
    also: tuple[str, ...] = (),
) -> Reading:
    one = len({due.at for due in times}) == 1
    return Reading(
        promise=promise,
        hedged=hedged,
        due=times[0] if one else None,
        conflicting=tuple(times) if len(times) > 1 and not one else (),
        invalid_dates=said.invalid,
        past=said.past,
        counterpart=counterpart,
        what=without_due_words(text, times),
        also=also,
    )


def without_due_words(text: str, times: list[DueTime]) -> str:
    """The text minus the words a due time came from ("by Friday 3pm"), tidied."""
    for due in times:
        text = text.replace(due.matched, " ")
    return re.sub(r"\s+([,.!?])", r"\1", " ".join(text.split())).strip(" ,;-")
