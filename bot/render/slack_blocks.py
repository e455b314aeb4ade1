"""Block Kit rendering, for Slack: messages, the App Home tab and the forms."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    DateTimePickerElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    MarkdownTextObject,
    Option,
    OverflowMenuElement,
    PlainTextInputElement,
    SectionBlock,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot.domain.commands import Topic
from bot.domain.promises import MAX_WHAT
from bot.render.deliveries import UnknownDelivery
from bot.render.help import INTRO, usage_lines
from bot.render.slack_digest import digest_delivery, digest_reply
from bot.render.slack_ids import ActionId, BlockId, CallbackId
from bot.render.slack_kit import Message, context, date_token, message, section
from bot.render.slack_kudos import given_message, home_blocks, kudos_delivery, leaderboard_message
from bot.render.slack_nudges import nudge_message
from bot.render.words import (
    ASK_WHAT,
    CHANGED,
    FOR_NOW,
    MORE_DUE_LATER,
    NO_DUE_EXAMPLE,
    NOT_YET,
    TELL_CUSTOMER,
    due_text,
    news_text,
    outcome,
    to_whom,
)
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, KudosSummary, Leaderboard
from bot.services.outbox import Delivery
from bot.services.promises import Changed, Draft, Listing, Made, PromiseView, Suggestion
from bot.services.replies import Help, NotYet, Refusal, Reply

MAX_BUTTON_VALUE = 2000  # Slack's limit on a button's value
HOME_TOPICS = (Topic.PROMISE, Topic.KUDOS)  # the commands the App Home explains


def render_reply(reply: Reply) -> Message:
    """`text` (the notification fallback) and `blocks` for a reply."""
    match reply:
        case Help(topic):
            return message(INTRO[topic], [section(f"*{INTRO[topic]}*"), section(_usage(topic))])
        case NotYet(topic):
            text = f"{NOT_YET[topic]} {FOR_NOW.format(cmd='`/promise`')}"
            return message(text, [section(text)])
        case Refusal(reason, example):
            return refusal(reason, example)
        case Made(promise, zone):
            told = f"I've told <@{promise.counterpart_ref}>." if promise.counterpart_ref else ""
            return promise_card(promise, zone, "Tracked", told)
        case Changed(promise, zone, "renegotiated") if promise.customer:
            return tell_customer_card(promise, zone)
        case Changed(promise, zone, change):
            return promise_card(promise, zone, CHANGED[change] + outcome(promise))
        case Draft(what, _, _, _, problem):
            text = f"{problem} " if what else f"{ASK_WHAT} "
            return refusal(text + "Say it again with the due time.", NO_DUE_EXAMPLE)
        case Listing():
            return message("Your promises", listing_blocks(reply))
        case Given():
            return given_message(reply)
        case Leaderboard():
            return leaderboard_message(reply)
        case Digest() | DigestCsv() | TeamView():
            return digest_reply(reply)


def refusal(reason: str, example: str | None = None) -> Message:
    blocks: list[Block] = [section(reason)]
    if example:
        blocks.append(context(f"For example: `{example}`"))
    return message(reason, blocks)


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
    told = ButtonElement(
        text="I've told them",
        action_id=ActionId.CUSTOMER_TOLD,
        value=str(promise.id),
        style="primary",
    )
    return message(
        f"Tell {promise.customer} about the new date",
        [section(text), ActionsBlock(elements=[told])],
    )


def _promise_buttons(promise_id: int) -> ActionsBlock:
    value = str(promise_id)
    return ActionsBlock(
        block_id=f"promise:{promise_id}",
        elements=[
            ButtonElement(
                text="Done", action_id=ActionId.PROMISE_DONE, value=value, style="primary"
            ),
            ButtonElement(text="Need more time", action_id=ActionId.PROMISE_MORE_TIME, value=value),
            ButtonElement(text="Edit", action_id=ActionId.PROMISE_EDIT, value=value),
            ButtonElement(
                text="Cancel",
                action_id=ActionId.PROMISE_CANCEL,
                value=value,
                style="danger",
                confirm=ConfirmObject(
                    title="Cancel this promise?",
                    text="It stops being tracked, and the person it was made to is told.",
                    confirm="Cancel it",
                    deny="Keep it",
                ),
            ),
        ],
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
        blocks.append(HeaderBlock(text=title))
        for promise in promises:
            due = due_text(promise, listing.zone, listing.now)
            line = (
                _line(promise, listing.zone, listing.now)
                if mine
                else f"<@{promise.owner_ref}>: {promise.what}, due *{due}*"
            )
            blocks.append(
                SectionBlock(text=MarkdownTextObject(text=line), accessory=_menu(promise, mine))
            )
        if more:
            blocks.append(context(MORE_DUE_LATER.format(more=more)))
    return blocks


def _menu(promise: PromiseView, mine: bool) -> OverflowMenuElement:
    choices = [("Done" if mine else "Received", "done")]
    if mine:
        choices += [("Need more time", "more_time"), ("Edit", "edit"), ("Cancel", "cancel")]
    return OverflowMenuElement(
        action_id=ActionId.PROMISE_MENU,
        options=[Option(text=label, value=f"{verb}:{promise.id}") for label, verb in choices],
    )


def suggestion_prompt(offer: Suggestion) -> Message:
    """The ephemeral "Track this?" for a promise read in a message, for its author only."""
    whom = (
        f" to <@{offer.counterpart_ref}>"
        if offer.counterpart_ref
        else (f" for {offer.customer}" if offer.customer else "")
    )
    due = date_token(offer.due_at, offer.zone)
    text = f"That sounds like a promise{whom}: *{offer.what}*, due {due}. Track it?"
    value = suggestion_value(offer)
    buttons = ActionsBlock(
        elements=[
            ButtonElement(text="Track", action_id=ActionId.TRACK, value=value, style="primary"),
            ButtonElement(text="Edit", action_id=ActionId.TRACK_EDIT, value=value),
            ButtonElement(text="Not a promise", action_id=ActionId.NOT_A_PROMISE, value="no"),
        ]
    )
    return message("Track this promise?", [section(text), buttons])


def suggestion_value(offer: Suggestion) -> str:
    """What a Track button carries; read back with care, since a click can forge it.

    A button's value holds 2,000 characters: the rare promise whose words do not fit is
    shortened, and the Edit button lets its author write it out in full.
    """
    what = offer.what
    while True:
        value = json.dumps(
            {
                "what": what,
                "due": int(offer.due_at.timestamp()),
                "grain": offer.grain,
                "counterpart": offer.counterpart_ref,
                "customer": offer.customer,
            },
            separators=(",", ":"),
            ensure_ascii=False,
        )
        if len(value) <= MAX_BUTTON_VALUE:
            return value
        what = what[: len(what) - (len(value) - MAX_BUTTON_VALUE) - 1].rstrip() + "…"


def promise_form(
    *,
    what: str,
    due_at: datetime | None,
    counterpart_ref: str | None,
    customer: str | None,
    metadata: dict[str, Any],
    problem: str = "",
    editing: bool = False,
) -> dict[str, Any]:
    """The modal to write a promise, or to edit one, prefilled with what was understood."""
    blocks: list[Block] = [context(problem)] if problem else []
    blocks.append(
        InputBlock(
            block_id=BlockId.WHAT,
            label="What did you promise?",
            element=PlainTextInputElement(
                action_id=BlockId.WHAT,
                initial_value=what or None,
                max_length=MAX_WHAT,
                placeholder="send the Q3 deck",
            ),
        )
    )
    if not editing:
        blocks += [
            InputBlock(
                block_id=BlockId.COUNTERPART,
                label="To a co-worker",
                optional=True,
                element=UserSelectElement(
                    action_id=BlockId.COUNTERPART, initial_user=counterpart_ref
                ),
            ),
            InputBlock(
                block_id=BlockId.CUSTOMER,
                label="Or to a customer",
                optional=True,
                element=PlainTextInputElement(
                    action_id=BlockId.CUSTOMER,
                    initial_value=customer or None,
                    max_length=255,
                    placeholder="Acme",
                ),
            ),
            _due_input("By when?", due_at),
        ]
    return View(
        type="modal",
        callback_id=CallbackId.PROMISE_FORM,
        title="Edit promise" if editing else "Track a promise",
        submit="Save" if editing else "Track it",
        close="Close",
        private_metadata=json.dumps(metadata),
        blocks=blocks,
    ).to_dict()


def more_time_form(promise: PromiseView, zone: str, metadata: dict[str, Any]) -> dict[str, Any]:
    """Need more time: a new due time, and a note for the person waiting."""
    whom = f"<@{promise.counterpart_ref}>" if promise.counterpart_ref else promise.customer
    note_label = (
        f"A note for {promise.counterpart}"
        if promise.counterpart
        else f"What you'll tell {promise.customer}"
        if promise.customer
        else "A note"
    )
    return View(
        type="modal",
        callback_id=CallbackId.MORE_TIME_FORM,
        title="Need more time",
        submit="Ask for it",
        close="Close",
        private_metadata=json.dumps(metadata),
        blocks=[
            section(
                f"*{promise.what}*{to_whom(promise, whom)}, due {date_token(promise.due_at, zone)}."
            ),
            _due_input("New due time", promise.due_at),
            InputBlock(
                block_id=BlockId.NOTE,
                label=note_label,
                optional=True,
                element=PlainTextInputElement(
                    action_id=BlockId.NOTE,
                    multiline=True,
                    max_length=MAX_WHAT,
                    placeholder="What happened, and what you'll do",
                ),
            ),
        ],
    ).to_dict()


def _due_input(label: str, due_at: datetime | None) -> InputBlock:
    return InputBlock(
        block_id=BlockId.DUE,
        label=label,
        element=DateTimePickerElement(
            action_id=BlockId.DUE,
            initial_date_time=int(due_at.timestamp()) if due_at else None,
        ),
    )


def home_view(listing: Listing, kudos: KudosSummary | None = None) -> dict[str, Any]:
    """The App Home tab: my promises, my kudos, then how to use Kept."""
    blocks: list[Block] = listing_blocks(listing)
    if kudos is not None:
        blocks += [DividerBlock(), *home_blocks(kudos)]
    blocks += [
        DividerBlock(),
        section(
            "*Kept* helps you keep your word: promise, deliver, and warn early when you can't."
        ),
    ]
    blocks += [section(f"*{INTRO[topic]}*\n{_usage(topic)}") for topic in HOME_TOPICS]
    return View(type="home", blocks=blocks).to_dict()


def render_delivery(delivery: Delivery) -> Message:
    """`text` and `blocks` of an outbox message, by its kind."""
    match delivery.kind:
        case "promise_news":
            text = news_text(delivery.payload, by=f"<@{delivery.payload['by_ref']}>")
            return message(text, [section(text)])
        case "nudge":
            return nudge_message(delivery.payload)
        case "kudos_post" | "kudos_news":
            return kudos_delivery(delivery)
        case "digest" | "digest_summary":
            return digest_delivery(delivery)
    raise UnknownDelivery(delivery.kind)


def _line(promise: PromiseView, zone: str, now: datetime | None = None) -> str:
    mention = f"<@{promise.counterpart_ref}>" if promise.counterpart_ref else None
    return f"{promise.what}{to_whom(promise, mention)}, due *{due_text(promise, zone, now)}*"


def _usage(topic: Topic) -> str:
    return "\n".join(f"`{usage}`  {meaning}" for usage, meaning in usage_lines(topic, f"/{topic}"))
