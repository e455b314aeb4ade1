"""Adaptive Card rendering, for Microsoft Teams: every reply and every outbox message.

Commands are typed without a slash in Teams (`promise list`), so every word shared with Slack
goes through `help.typed`. A refusal is words alone, no card: when it answers a button, the
card it was pressed on stays as it was.
"""

from __future__ import annotations

from dataclasses import replace
from typing import assert_never

from bot.render.shared.promises import CHANGED, co_workers, outcome, readable
from bot.render.shared.words import unreachable_text
from bot.render.teams.digest import (
    csv_message,
    digest_message,
    digest_with_chart,
    invite_message,
    team_message,
)
from bot.render.teams.forms import draft_card
from bot.render.teams.help import help_message
from bot.render.teams.kit import TeamsMessage, block, message, note, text_message
from bot.render.teams.kudos import (
    given_message,
    kudos_news_message,
    kudos_post_message,
    leaderboard_message,
)
from bot.render.teams.nudges import nudge_message
from bot.render.teams.promises import listing_card, news_message, promise_card, tell_customer_card
from bot.services.outbox import (
    ChannelDigest,
    Delivery,
    KudosNews,
    KudosPost,
    Nudge,
    PromiseNews,
    TeamDigest,
    TeamInvite,
    Unreachable,
)
from bot.services.replies import Help, Refusal, Reply
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.kudos import Given, Leaderboard
from bot.services.replies.promises import Changed, Draft, Listing, Made, PromiseView
from bot.services.replies.teams import TeamView


def render_reply(reply: Reply) -> TeamsMessage:
    """The message that answers a command, a button or a form."""
    reply = _named(reply)
    match reply:
        case Help(topic):
            return help_message(topic)
        case Refusal(reason, example):
            return text_message(reason + (f"\n\nFor example: `{example}`" if example else ""))
        case Made(promise, zone):
            told = co_workers(promise, lambda name, _: name)
            told = f"I'll tell {told}." if told else ""
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
        case Digest():
            return digest_message(reply)
        case DigestCsv():
            return csv_message(reply)
        case TeamView():
            return team_message(reply)
        case _:
            assert_never(reply)


def render_delivery(delivery: Delivery) -> TeamsMessage:
    """An outbox message, by its kind."""
    payload = delivery.payload
    match payload:
        case PromiseNews():
            return news_message(payload)
        case Nudge():
            return nudge_message(replace(payload, what=readable(payload.what, payload.counterpart)))
        case KudosPost():
            return kudos_post_message(payload)
        case KudosNews():
            return kudos_news_message(payload)
        case TeamDigest():
            return digest_with_chart(payload)
        case ChannelDigest():
            return digest_message(payload, for_channel=True)
        case Unreachable():
            return unreachable_message(payload)
        case TeamInvite():
            return invite_message(payload)
        case _:
            assert_never(payload)


def unreachable_message(word: Unreachable) -> TeamsMessage:
    """Word to the one who made a promise or gave kudos that its addressee was not told."""
    who = word.who or "They"
    return message(
        unreachable_text(word, who),
        [
            block(unreachable_text(word, f"**{who}**")),
            note(
                "They haven't added Kept in Teams, so I can't message them. Let them know"
                " yourself, or ask them to add Kept (Apps, then search for Kept)."
            ),
        ],
    )


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
