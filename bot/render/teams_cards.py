"""Adaptive Card rendering, for Microsoft Teams: replies, outbox messages, forms and welcome.

Commands are typed without a slash in Teams (`promise list`), so every word shared with Slack
goes through `help.typed`. A refusal is words alone, no card: when it answers a button, the
card it was pressed on stays as it was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from microsoft_teams.cards import CardElement

from bot.domain.commands import Topic
from bot.render.deliveries import UnknownDelivery
from bot.render.help import INTRO, usage_lines
from bot.render.teams_digest import digest_delivery, digest_reply
from bot.render.teams_kit import (
    TeamsMessage,
    adaptive_card_attachment,
    block,
    heading,
    message,
    note,
    text_message,
)
from bot.render.teams_kudos import given_message, kudos_delivery, leaderboard_message
from bot.render.teams_nudges import nudge_message
from bot.render.teams_promises import (
    draft_card,
    listing_card,
    more_time_dialog,
    news_message,
    not_tracked,
    promise_card,
    suggestion_card,
    tell_customer_card,
)
from bot.render.words import CHANGED, FOR_NOW, NOT_YET, outcome, readable
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, Leaderboard
from bot.services.outbox import Delivery
from bot.services.promises import Changed, Draft, Listing, Made, PromiseView
from bot.services.replies import Help, NotYet, Refusal, Reply

__all__ = [
    "WELCOME",
    "TeamsMessage",
    "adaptive_card_attachment",
    "more_time_dialog",
    "not_tracked",
    "not_yours",
    "render_delivery",
    "render_reply",
    "suggestion_card",
]

# How to reach Kept in a channel, where a command needs the bot mentioned first.
IN_A_CHANNEL = "In a channel, mention me first: @Kept promise list."


def render_reply(reply: Reply) -> TeamsMessage:
    """The message that answers a command, a button or a form."""
    reply = _named(reply)
    match reply:
        case Help(topic):
            return _help(topic)
        case NotYet(topic):
            return text_message(f"{NOT_YET[topic]} {FOR_NOW.format(cmd='`promise`')}")
        case Refusal(reason, example):
            return text_message(reason + (f"\n\nFor example: `{example}`" if example else ""))
        case Made(promise, zone):
            told = f"I'll tell {promise.counterpart}." if promise.counterpart else ""
            return promise_card(promise, zone, "Tracked", told)
        case Changed(promise, zone, "renegotiated") if promise.customer:
            return tell_customer_card(promise, zone)
        case Changed(promise, zone, change):
            return promise_card(promise, zone, CHANGED[change] + outcome(promise))
        case Draft():
            return draft_card(reply)
        case Listing():
            return listing_card(reply)
        case Given():
            return given_message(reply)
        case Leaderboard():
            return leaderboard_message(reply)
        case Digest() | DigestCsv() | TeamView():
            return digest_reply(reply)


def render_delivery(delivery: Delivery) -> TeamsMessage:
    """An outbox message, by its kind."""
    match delivery.kind:
        case "promise_news":
            return news_message(_named_payload(delivery.payload))
        case "nudge":
            return nudge_message(_named_payload(delivery.payload))
        case "kudos_post" | "kudos_news":
            return kudos_delivery(delivery)
        case "digest" | "digest_summary":
            return digest_delivery(delivery)
        case "unreachable":
            return unreachable_message(delivery.payload)
    raise UnknownDelivery(delivery.kind)


def unreachable_message(payload: dict[str, Any]) -> TeamsMessage:
    """Word to the one who made a promise or gave kudos that its addressee was not told."""
    who = payload.get("who") or "They"
    told = "about your promise" if payload["cause"] == "promise_news" else "about your kudos"
    about = f": “{readable(payload['about'], payload.get('who'))}”" if payload.get("about") else ""
    return message(
        f"I couldn't tell {who} {told}{about}.",
        [
            block(f"I couldn't tell **{who}** {told}{about}."),
            note(
                "They haven't added Kept in Teams, so I can't message them. Let them know"
                " yourself, or ask them to add Kept (Apps, then search for Kept)."
            ),
        ],
    )


def not_yours(what: str) -> TeamsMessage:
    """The answer to a button pressed by someone it isn't for; `what` says who it is for
    ("Only the person who wrote it can track this promise."). Words alone: the card stays."""
    return text_message(f"That button isn't yours to press. {what}")


def _named(reply: Reply) -> Reply:
    """The reply with each promise's words naming its counterpart as people read it: a Teams
    mention is kept in a promise's words as a handle (@Ana_Lopez), shown as "Ana Lopez"."""
    match reply:
        case Made(promise) | Changed(promise):
            return replace(reply, promise=_named_view(promise))
        case Listing(owed, owed_to_me):
            owed, owed_to_me = tuple(map(_named_view, owed)), tuple(map(_named_view, owed_to_me))
            return replace(reply, owed=owed, owed_to_me=owed_to_me)
    return reply


def _named_view(promise: PromiseView) -> PromiseView:
    return replace(promise, what=readable(promise.what, promise.counterpart))


def _named_payload(payload: dict[str, Any]) -> dict[str, Any]:
    return {**payload, "what": readable(payload["what"], payload.get("counterpart"))}


def _help(topic: Topic) -> TeamsMessage:
    body: list[CardElement] = [heading(INTRO[topic])]
    body += [
        block(f"`{usage}`  {meaning}", spacing="Small")
        for usage, meaning in usage_lines(topic, str(topic))
    ]
    body.append(note(IN_A_CHANNEL))
    return message(INTRO[topic], body)


def _welcome() -> TeamsMessage:
    promise, _, listed, *_ = usage_lines(Topic.PROMISE, str(Topic.PROMISE))
    kudos, *_ = usage_lines(Topic.KUDOS, str(Topic.KUDOS))
    examples = (promise, kudos, listed)
    intro = (
        "Hi, I'm Kept. I help you keep your word: tell me what you promised and by when,"
        " and I'll remind you before it's due and help you warn early when it will slip."
    )
    body: list[CardElement] = [
        heading("Hi, I'm Kept"),
        block(intro.removeprefix("Hi, I'm Kept. ")),
        block("Try one of these:"),
        *(block(f"`{usage}`  {meaning}", spacing="Small") for usage, meaning in examples),
        note(f"Type `help promise`, `help kudos` or `help digest` for more. {IN_A_CHANNEL}"),
    ]
    return message(intro, body)


# Sent once, when someone installs Kept or adds it to a team.
WELCOME = _welcome()
