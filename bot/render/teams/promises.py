"""Promises in Teams: the promise card and its buttons, the list, the "Track this?" offer and
the news told to the other side."""

from __future__ import annotations

from microsoft_teams.cards import (
    CardElement,
)

from bot.render.shared.promises import (
    MORE_DUE_LATER,
    NO_DUE_EXAMPLE,
    TELL_CUSTOMER,
    due_text,
    names_them,
    news_text,
    readable,
    to_whom,
)
from bot.render.shared.times import when
from bot.render.shared.words import shorter
from bot.render.teams.ids import CardVerb, Field
from bot.render.teams.kit import (
    TeamsMessage,
    block,
    buttons,
    execute,
    facts,
    heading,
    message,
    more_time_button,
    note,
    promise_button,
    text_message,
)
from bot.services.outbox import PromiseNews
from bot.services.replies.promises import Listing, PromiseView, Suggestion

# A list names each promise in this many characters at most: 20 of each kind, with their
# buttons, fit in one Teams message.
LISTED_WHAT = 150


def promise_card(promise: PromiseView, zone: str, title: str, told: str = "") -> TeamsMessage:
    """A promise, and while it is open what its owner can do: Done, Need more time, Cancel.
    A closed promise's card has no buttons: it is what a pressed card turns into."""
    body: list[CardElement] = [block(f"**{title}:** {promise.what}"), _facts(promise, zone)]
    if told:
        body.append(note(told))
    if promise.status == "open":
        body.append(_promise_buttons(promise.id))
    return message(f"{title}: {promise.what}", body)


def tell_customer_card(promise: PromiseView, zone: str) -> TeamsMessage:
    """A new date for an external customer: Kept can't tell them, so it asks the owner to, now."""
    customer = promise.customer or "them"
    body: list[CardElement] = [
        block(f"**New due time:** {promise.what}"),
        _facts(promise, zone),
        block(f"{TELL_CUSTOMER.format(customer=customer)} Then press **I've told them**."),
        buttons(
            promise_button("I've told them", CardVerb.CUSTOMER_TOLD, promise.id, style="positive")
        ),
    ]
    return message(f"Tell {customer} about the new date", body)


def listing_card(listing: Listing) -> TeamsMessage:
    """What I owe and what is owed to me, soonest first, each with its buttons."""
    if not listing.owed and not listing.owed_to_me:
        return message(
            "No open promises", [block(f"No open promises. Make one: `{NO_DUE_EXAMPLE}`")]
        )
    body: list[CardElement] = []
    for title, promises, more, mine in (
        ("What you owe", listing.owed, listing.more_owed, True),
        ("Owed to you", listing.owed_to_me, listing.more_owed_to_me, False),
    ):
        if not promises:
            continue
        body.append(heading(title))
        for promise in promises:
            what = shorter(promise.what, LISTED_WHAT)
            due = due_text(promise, listing.zone, listing.now)
            if mine:
                body.append(block(f"{what}{to_whom(promise, promise.counterpart)}, due **{due}**"))
                body.append(_promise_buttons(promise.id, on_list=True))
            else:
                body.append(block(f"{promise.owner}: {what}, due **{due}**"))
                received = promise_button(
                    "Received", CardVerb.PROMISE_DONE, promise.id, on_list=True
                )
                body.append(buttons(received))
        if more:
            body.append(note(MORE_DUE_LATER.format(more=more)))
    return message("Your promises", body)


def suggestion_card(
    offer: Suggestion, *, author: str, counterpart: str | None = None
) -> TeamsMessage:
    """ "Track this?" for a promise read in a message, to the `counterpart` named (the offer
    knows them by id only). Only its author may press Track: the buttons carry who that is,
    and the promise as read (checked again when Track is pressed)."""
    what = readable(offer.what, counterpart)
    named = counterpart and not names_them(what, counterpart, None, None)
    whom = f" to {counterpart}" if named else (f" for {offer.customer}" if offer.customer else "")
    due = when(offer.due_at, offer.zone, said=offer.said_at)
    said = f"That sounds like a promise{whom}: **{what}**, due **{due}**. Track it?"
    track = execute(
        "Track",
        CardVerb.TRACK,
        {
            Field.AUTHOR.value: author,
            Field.WHAT.value: offer.what,
            Field.DUE.value: offer.due_at.isoformat(),
            Field.GRAIN.value: offer.grain,
            Field.COUNTERPART.value: offer.counterpart_ref,
            Field.CUSTOMER.value: offer.customer,
            Field.ALSO.value: list(offer.also_refs) or None,
        },
        style="positive",
    )
    ignore = execute("Not a promise", CardVerb.NOT_A_PROMISE, {Field.AUTHOR.value: author})
    return message("Track this promise?", [block(said), buttons(track, ignore)])


def not_tracked() -> TeamsMessage:
    """What "Track this?" turns into after "Not a promise"."""
    return message("Not tracked", [note("Not a promise, then: I won't track it.")])


def news_message(news: PromiseNews) -> TeamsMessage:
    """A promise's news, told to the other side: made, delivered, moved, cancelled…"""
    text = news_text(news, by=news.by)
    return message(text, [block(news_text(news, by=f"**{news.by}**"))])


def _facts(promise: PromiseView, zone: str) -> CardElement:
    rows = []
    if promise.counterpart:
        rows.append(("To", promise.counterpart))
    elif promise.customer:
        rows.append(("For", promise.customer))
    rows.append(("Due", due_text(promise, zone)))
    return facts(rows)


def _promise_buttons(promise_id: int, *, on_list: bool = False) -> CardElement:
    return buttons(
        promise_button(
            "Done", CardVerb.PROMISE_DONE, promise_id, style="positive", on_list=on_list
        ),
        more_time_button(promise_id, on_list=on_list),
        promise_button(
            "Cancel", CardVerb.PROMISE_CANCEL, promise_id, style="destructive", on_list=on_list
        ),
    )


def not_yours(what: str) -> TeamsMessage:
    """The answer to a button pressed by someone it isn't for; `what` says who it is for
    ("Only the person who wrote it can track this promise."). Words alone: the card stays."""
    return text_message(f"That button isn't yours to press. {what}")
