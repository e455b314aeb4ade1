"""The words Kept says about promises, shared by every platform's renderer."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from bot.domain.people import handle
from bot.domain.promises import Sooner
from bot.render.shared.times import when
from bot.services.outbox import PromiseNews
from bot.services.replies.promises import PromiseView

CHANGED = {
    "done": "Marked done",
    "cancelled": "Cancelled",
    "renegotiated": "New due time",
    "brought_forward": "Brought forward",
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
    "brought_forward": "{by} will deliver sooner: {what}, now due {due}.",
    "edited": "{by} reworded a promise to you: {what}, by {due}.",
}

NO_DUE_EXAMPLE = "/promise send the Q3 deck to @ana by Friday 3pm"
ASK_WHAT = "What did you promise, and by when?"
# Kept can't reach an external customer: the owner is asked to tell them of a new date, now.
TELL_CUSTOMER = "Now tell {customer} the new date: the sooner they hear it, the more they trust it."
# "More time" to an earlier date: nothing moved; bringing it forward is offered instead.
SOONER = "{asked} is earlier than it's due ({due}), so it isn't more time. Bring it forward?"
MORE_DUE_LATER = "…and {more} more, due later."


def names_them(what: str, counterpart: str | None, ref: str | None, customer: str | None) -> bool:
    """Whether a promise's words already name whom it is for: as mentioned (@ana, Slack's
    <@U…>, Teams' @Ana_Lopez), by name, or the customer, in any case ("@Ana" is @ana)."""
    if any(name and name.casefold() in what.casefold() for name in (ref, customer)):
        return True
    if not counterpart:
        return False
    written = (f"@{counterpart}", handle(counterpart), counterpart)
    return any(
        re.search(rf"(?<![\w@]){re.escape(w)}(?![\w])", what, re.IGNORECASE) for w in written
    )


def readable(what: str, counterpart: str | None = None) -> str:
    """The words with the counterpart's handle (@Ana_Lopez) written as their name."""
    return what.replace(handle(counterpart), counterpart) if counterpart else what


def listed(names: list[str]) -> str:
    """'@ana', '@ana and @raj', '@ana, @raj and @li'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def co_workers(promise: PromiseView, mention: Callable[[str, str], str]) -> str:
    """Every co-worker it is to, each as `mention(name, user id)` writes them: '@ana and @raj'."""
    if not promise.counterpart or not promise.counterpart_ref:
        return ""
    others = zip(promise.also, promise.also_refs, strict=True)
    pairs = [(promise.counterpart, promise.counterpart_ref), *others]
    return listed([mention(name, ref) for name, ref in pairs])


def to_whom(promise: PromiseView, mention: str | None = None) -> str:
    """' to @ana', ' to @ana and @raj', ' for Acme', or '' when the promise names nobody or its
    words already do."""
    if names_them(promise.what, promise.counterpart, promise.counterpart_ref, promise.customer):
        return ""
    if promise.counterpart and promise.also:
        return " to " + co_workers(promise, lambda name, _: f"@{name}")
    if promise.counterpart:
        return f" to {mention or '@' + promise.counterpart}"
    if promise.customer:
        return f" for {promise.customer}"
    return ""


def due_text(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    text = when(promise.due_at, zone, now, said=promise.as_of)
    if now is not None and promise.due_at <= now and promise.status == "open":
        return f"{text} (overdue)"
    return text


def outcome(promise: PromiseView) -> str:
    if promise.on_time is None:
        return ""
    return " on time" if promise.on_time else " late"


def news_text(news: PromiseNews, by: str) -> str:
    """What one side of a promise is told of the other's change; `by` as the platform writes it."""
    due = when(news.due, news.zone, said=news.said_at)
    told = NEWS[news.news].format(by=by, what=news.what, due=due)
    return f"{told} Their note: “{news.note}”" if news.note else told


def sooner_text(sooner: Sooner) -> str:
    asked, due = (when(at, sooner.zone, said=sooner.said_at) for at in (sooner.asked, sooner.due))
    return SOONER.format(asked=asked, due=due)
