"""Block Kit rendering, for Slack: every reply and every outbox message, by what it is."""

from __future__ import annotations

from bot.render.shared.deliveries import UnknownDelivery
from bot.render.shared.promises import CHANGED, news_text, outcome
from bot.render.slack.digest import digest_delivery, digest_reply
from bot.render.slack.help import help_message
from bot.render.slack.kit import Message, message, refusal, section
from bot.render.slack.kudos import given_message, kudos_delivery, leaderboard_message
from bot.render.slack.nudges import nudge_message
from bot.render.slack.promises import (
    draft_refusal,
    listing_message,
    promise_card,
    tell_customer_card,
)
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, Leaderboard
from bot.services.outbox import Delivery
from bot.services.promises import Changed, Draft, Listing, Made
from bot.services.replies import Help, Refusal, Reply


def render_reply(reply: Reply) -> Message:
    """`text` (the notification fallback) and `blocks` for a reply."""
    match reply:
        case Help(topic):
            return help_message(topic)
        case Refusal(reason, example):
            return refusal(reason, example)
        case Made(promise, zone):
            told = f"I've told <@{promise.counterpart_ref}>." if promise.counterpart_ref else ""
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
        case Digest() | DigestCsv() | TeamView():
            return digest_reply(reply)


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
