"""Promises as plain text, for the local shell: a promise's line, the list and the offer."""

from __future__ import annotations

from datetime import datetime

from bot.render.shared.promises import ASK_WHAT, NO_DUE_EXAMPLE, due_text, listed, to_whom
from bot.render.shared.times import when
from bot.render.text.kit import for_example
from bot.services.replies.promises import Draft, Listing, PromiseView, Suggestion


def promise_line(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    return f"{promise.what}{to_whom(promise)}, due {due_text(promise, zone, now)}"


def draft_text(draft: Draft) -> str:
    """A promise that could not be made from its words: what is missing, and an example."""
    ask = f"{draft.problem} Say it again with the due time." if draft.what else ASK_WHAT
    return for_example(ask, NO_DUE_EXAMPLE)


def render_suggestion(offer: Suggestion) -> str:
    whom = (
        " to " + listed([f"@{ref}" for ref in (offer.counterpart_ref, *offer.also_refs)])
        if offer.counterpart_ref
        else (f" for {offer.customer}" if offer.customer else "")
    )
    due = when(offer.due_at, offer.zone, said=offer.said_at)
    return f"That sounds like a promise{whom}: {offer.what}, due {due}."


def listing_text(listing: Listing) -> str:
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
                    promise_line(promise, listing.zone, listing.now)
                    if title == "You owe"
                    else f"@{promise.owner}: {promise.what}, due {due}"
                )
                lines.append(f"  #{promise.id} {line}")
            if more:
                lines.append(f"  …and {more} more, due later.")
    return "\n".join(lines)
