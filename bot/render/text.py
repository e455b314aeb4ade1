"""Plain-text rendering, for the local shell."""

from __future__ import annotations

from datetime import datetime

from bot.render.deliveries import UnknownDelivery
from bot.render.help import INTRO, usage_lines
from bot.render.text_digest import digest_delivery_text, digest_reply_text
from bot.render.text_kudos import given_text, kudos_line, leaderboard_text
from bot.render.text_nudges import nudge_line
from bot.render.times import when
from bot.render.words import (
    CHANGED,
    NO_DUE_EXAMPLE,
    NOT_YET,
    due_text,
    news_text,
    outcome,
    to_whom,
)
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, Leaderboard
from bot.services.outbox import Delivery
from bot.services.promises import Changed, Draft, Listing, Made, PromiseView, Suggestion
from bot.services.replies import Help, NotYet, Refusal, Reply

_ASK_WHAT = "What did you promise, and by when?"


def render_reply(reply: Reply) -> str:
    match reply:
        case Help(topic):
            usage = usage_lines(topic, f"/{topic}")
            return "\n".join([INTRO[topic], *(f"  {u:<58} {m}" for u, m in usage)])
        case NotYet(topic):
            return f"{NOT_YET[topic]} For now, /promise tracks your promises."
        case Refusal(reason, example):
            return reason + (f"\n  For example: {example}" if example else "")
        case Made(promise, zone):
            told = f" I've told @{promise.counterpart}." if promise.counterpart else ""
            return f"Tracked #{promise.id}: {_line(promise, zone)}.{told}"
        case Changed(promise, zone, "renegotiated") if promise.customer:
            return (
                f"New due time: #{promise.id} {_line(promise, zone)}.\n"
                f"  Now tell {promise.customer} the new date: the sooner they hear it, the more"
                f" they trust it. Then type /told {promise.id}."
            )
        case Changed(promise, zone, change):
            return f"{CHANGED[change]}{outcome(promise)}: #{promise.id} {_line(promise, zone)}."
        case Draft(what, _, _, _, problem):
            ask = f"{problem} Say it again with the due time." if what else _ASK_WHAT
            return f"{ask}\n  For example: {NO_DUE_EXAMPLE}"
        case Listing():
            return _listing(reply)
        case Given():
            return given_text(reply)
        case Leaderboard():
            return leaderboard_text(reply)
        case Digest() | DigestCsv() | TeamView():
            return digest_reply_text(reply)


def render_suggestion(offer: Suggestion) -> str:
    whom = (
        f" to @{offer.counterpart_ref}"
        if offer.counterpart_ref
        else (f" for {offer.customer}" if offer.customer else "")
    )
    return f"That sounds like a promise{whom}: {offer.what}, due {when(offer.due_at, offer.zone)}."


def _line(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    return f"{promise.what}{to_whom(promise)}, due {due_text(promise, zone, now)}"


def _listing(listing: Listing) -> str:
    if not listing.owed and not listing.owed_to_me:
        return f"No open promises. Make one: {NO_DUE_EXAMPLE}"
    lines = []
    for title, promises, more in (
        ("You owe", listing.owed, listing.more_owed),
        ("Owed to you", listing.owed_to_me, listing.more_owed_to_me),
    ):
        if promises:
            lines.append(f"{title}:")
            for promise in promises:
                due = due_text(promise, listing.zone, listing.now)
                line = (
                    _line(promise, listing.zone, listing.now)
                    if title == "You owe"
                    else f"@{promise.owner}: {promise.what}, due {due}"
                )
                lines.append(f"  #{promise.id} {line}")
            if more:
                lines.append(f"  …and {more} more, due later.")
    return "\n".join(lines)


def render_delivery(delivery: Delivery) -> str:
    """An outbox message as one line of text, by its kind."""
    match delivery.kind:
        case "promise_news":
            return news_text(delivery.payload, by=f"@{delivery.payload['by']}")
        case "nudge":
            return nudge_line(delivery.payload)
        case "kudos_post" | "kudos_news":
            return kudos_line(delivery)
        case "digest" | "digest_summary":
            return digest_delivery_text(delivery)
    raise UnknownDelivery(delivery.kind)
