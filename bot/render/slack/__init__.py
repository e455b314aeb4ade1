"""Block Kit rendering, for Slack: every reply and every outbox message, by what it is."""

from __future__ import annotations

from typing import assert_never

from bot.render.shared.promises import CHANGED, co_workers, news_text, outcome
from bot.render.shared.words import unreachable_text
from bot.render.slack.digest import csv_message, digest_message, invite_message, team_message
from bot.render.slack.help import help_message
from bot.render.slack.kit import Message, context, message, refusal, section
from bot.render.slack.kudos import (
    given_message,
    kudos_news_message,
    kudos_post_message,
    leaderboard_message,
)
from bot.render.slack.nudges import nudge_message
from bot.render.slack.promises import (
    draft_refusal,
    listing_message,
    promise_card,
    tell_customer_card,
)
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
from bot.services.replies.promises import Changed, Draft, Listing, Made
from bot.services.replies.teams import TeamView


def render_reply(reply: Reply) -> Message:
    """`text` (the notification fallback) and `blocks` for a reply."""
    match reply:
        case Help(topic):
            return help_message(topic)
        case Refusal(reason, example):
            return refusal(reason, example)
        case Made(promise, zone):
            told = co_workers(promise, lambda _, ref: f"<@{ref}>")
            told = f"I've told {told}." if told else ""
            return promise_card(promise, zone, "Tracked", told)
        case Changed(promise, zone, "renegotiated") if promise.customer:
            return tell_customer_card(promise, zone)
        case Changed(promise, zone, change):
            return promise_card(promise, zone, CHANGED[change] + outcome(promise))
        case Draft():
            return draft_refusal(reply)
        case Listing():
            return listing_message(reply)
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


def render_delivery(delivery: Delivery) -> Message:
    """`text` and `blocks` of an outbox message, by its kind."""
    payload = delivery.payload
    match payload:
        case PromiseNews():
            text = news_text(payload, by=f"<@{payload.by_ref}>")
            return message(text, [section(text)])
        case Nudge():
            return nudge_message(payload)
        case KudosPost():
            return kudos_post_message(payload)
        case KudosNews():
            return kudos_news_message(payload)
        case TeamDigest():
            return digest_message(payload)
        case ChannelDigest():
            return digest_message(payload, for_channel=True)
        case Unreachable():
            text = unreachable_text(payload, payload.who or "them")
            return message(text, [section(text), context("Let them know yourself.")])
        case TeamInvite():
            return invite_message(payload)
        case _:
            assert_never(payload)
