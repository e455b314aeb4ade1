"""The words Kept says about promises, shared by every platform's renderer."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.commands import Topic
from bot.render.times import when
from bot.services.promises import PromiseView

NOT_YET = {
    Topic.KUDOS: "Kudos aren't switched on in this version of Kept yet.",
    Topic.DIGEST: "The weekly digest isn't switched on in this version of Kept yet.",
    Topic.PROMISE: "That isn't switched on in this version of Kept yet.",
}

CHANGED = {
    "done": "Marked done",
    "cancelled": "Cancelled",
    "renegotiated": "New due time",
    "edited": "Updated",
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


def to_whom(promise: PromiseView, mention: str | None = None) -> str:
    """' to @ana', ' for Acme', or '' when the promise names nobody or its words already do."""
    named = [f"@{promise.counterpart}", promise.counterpart_ref, promise.customer]
    if any(name and name in promise.what for name in named):
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
