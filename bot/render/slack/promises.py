"""Promises in Block Kit: the promise card and its buttons, "tell your customer", the list and
the "Track this?" offer."""

from __future__ import annotations

import json
from datetime import datetime

from bot.render.shared.promises import (
    ASK_WHAT,
    MORE_DUE_LATER,
    NO_DUE_EXAMPLE,
    TELL_CUSTOMER,
    due_text,
    listed,
    to_whom,
)
from bot.render.slack.ids import ActionId
from bot.render.slack.kit import (
    MAX_BUTTON_VALUE,
    Block,
    Message,
    actions,
    button,
    confirmation,
    context,
    date_token,
    header,
    message,
    overflow,
    refusal,
    section,
)
from bot.services.replies.promises import Draft, Listing, PromiseView, Suggestion


def promise_card(promise: PromiseView, zone: str, title: str, note: str = "") -> Message:
    """A promise with what can be done to it: Done, Need more time, Edit, Cancel."""
    text = f"*{title}:* {_line(promise, zone)}"
    blocks: list[Block] = [section(text)]
    if note:
        blocks.append(context(note))
    if promise.status == "open":
        blocks.append(_promise_buttons(promise.id))
    return message(f"{title}: {promise.what}", blocks)


def tell_customer_card(promise: PromiseView, zone: str) -> Message:
    """A new date for an external customer: Kept can't tell them, so it asks the owner to, now."""
    text = (
        f"*New due time:* {_line(promise, zone)}\n"
        f"{TELL_CUSTOMER.format(customer=promise.customer)} Then press *I've told them*."
    )
    told = button("I've told them", ActionId.CUSTOMER_TOLD, str(promise.id), style="primary")
    return message(f"Tell {promise.customer} about the new date", [section(text), actions([told])])


def _promise_buttons(promise_id: int) -> Block:
    value = str(promise_id)
    sure = confirmation(
        "Cancel this promise?",
        "It stops being tracked, and the person it was made to is told.",
        yes="Cancel it",
        no="Keep it",
    )
    return actions(
        [
            button("Done", ActionId.PROMISE_DONE, value, style="primary"),
            button("Need more time", ActionId.PROMISE_MORE_TIME, value),
            button("Edit", ActionId.PROMISE_EDIT, value),
            button("Cancel", ActionId.PROMISE_CANCEL, value, style="danger", confirm=sure),
        ],
        block_id=f"promise:{promise_id}",
    )


def listing_blocks(listing: Listing) -> list[Block]:
    """What I owe and what is owed to me, soonest first, each with a menu of actions."""
    if not listing.owed and not listing.owed_to_me:
        return [section(f"No open promises. Make one: `{NO_DUE_EXAMPLE}`")]
    blocks: list[Block] = []
    for title, promises, more, mine in (
        ("What you owe", listing.owed, listing.more_owed, True),
        ("Owed to you", listing.owed_to_me, listing.more_owed_to_me, False),
    ):
        if not promises:
            continue
        blocks.append(header(title))
        for promise in promises:
            due = due_text(promise, listing.zone, listing.now)
            line = (
                _line(promise, listing.zone, listing.now)
                if mine
                else f"<@{promise.owner_ref}>: {promise.what}, due *{due}*"
            )
            blocks.append(section(line, accessory=_menu(promise, mine)))
        if more:
            blocks.append(context(MORE_DUE_LATER.format(more=more)))
    return blocks


def _menu(promise: PromiseView, mine: bool) -> Block:
    choices = [("Done" if mine else "Received", "done")]
    if mine:
        choices += [("Need more time", "more_time"), ("Edit", "edit"), ("Cancel", "cancel")]
    return overflow(
        ActionId.PROMISE_MENU, [(label, f"{verb}:{promise.id}") for label, verb in choices]
    )


def suggestion_prompt(
    offer: Suggestion, *, value: str, asked_by: str | None = None, not_mine: str = ""
) -> Message:
    """The "Track this?" for a promise read in a message, for its author only: shown to them
    where they wrote it, or sent to them when someone else (`asked_by`) asks them to track it.
    `value` is what Track and Edit carry (`suggestion_fields`, sealed), `not_mine` what the
    button that says no to `asked_by` carries (it names whom to tell)."""
    whom, due = _offered_to(offer), date_token(offer.due_at, offer.zone, offer.said_at)
    text = (
        f"<@{asked_by}> wants to track this as your promise{whom}: *{offer.what}*, due {due}."
        " Is it yours? Track it and I'll help you keep it."
        if asked_by
        else f"That sounds like a promise{whom}: *{offer.what}*, due {due}. Track it?"
    )
    buttons = actions(
        [
            button("Track", ActionId.TRACK, value, style="primary"),
            button("Edit", ActionId.TRACK_EDIT, value),
            button("Not mine", ActionId.NOT_MINE, not_mine)
            if asked_by
            else button("Not a promise", ActionId.NOT_A_PROMISE, "no"),
        ]
    )
    return message("Track this promise?", [section(text), buttons])


def asked_message(author: str, offer: Suggestion) -> Message:
    """To whoever asked someone to track a promise: that the question went to them."""
    text = (
        f"I've asked <@{author}> to confirm it's their promise{_offered_to(offer)}:"
        f" *{offer.what}*. Once they track it, I'll remind them before it's due."
    )
    return message(text, [section(text)])


def not_theirs_message(author: str, what: str) -> Message:
    """To whoever asked someone to track a promise: that they said it isn't theirs."""
    text = f"<@{author}> says this isn't their promise: *{what}*. I haven't tracked it."
    return message(text, [section(text)])


def not_yours_message(asked_by: str) -> Message:
    """To someone who said a promise asked of them isn't theirs, in place of the question."""
    text = f"Got it, it isn't yours. I've told <@{asked_by}>."
    return message(text, [section(text)])


def _offered_to(offer: Suggestion) -> str:
    if offer.counterpart_ref:
        return " to " + listed([f"<@{ref}>" for ref in (offer.counterpart_ref, *offer.also_refs)])
    return f" for {offer.customer}" if offer.customer else ""


# Room a button's value keeps for what the handler adds: its seal, and the message read.
SEALING = 200


def suggestion_fields(offer: Suggestion) -> dict[str, object]:
    """What a Track button carries, to be sealed, so that a click cannot forge it.

    A button's value holds 2,000 characters: the rare promise whose words do not fit is
    shortened, and the Edit button lets its author write it out in full.
    """
    what = offer.what
    room = MAX_BUTTON_VALUE - SEALING
    while True:
        fields: dict[str, object] = {
            "what": what,
            "due": int(offer.due_at.timestamp()),
            "grain": offer.grain,
            "counterpart": offer.counterpart_ref,
            "customer": offer.customer,
            **({"also": list(offer.also_refs)} if offer.also_refs else {}),
        }
        size = len(json.dumps(fields, separators=(",", ":"), ensure_ascii=False))
        if size <= room:
            return fields
        what = what[: len(what) - (size - room) - 1].rstrip() + "…"


def _line(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    mention = f"<@{promise.counterpart_ref}>" if promise.counterpart_ref else None
    return f"{promise.what}{to_whom(promise, mention)}, due *{due_text(promise, zone, now)}*"


def listing_message(listing: Listing) -> Message:
    return message("Your promises", listing_blocks(listing))


def draft_refusal(draft: Draft) -> Message:
    """A promise that could not be made from its words: what is missing, and an example."""
    text = f"{draft.problem} " if draft.what else f"{ASK_WHAT} "
    return refusal(text + "Say it again with the due time.", NO_DUE_EXAMPLE)
