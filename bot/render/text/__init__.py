"""Plain-text rendering, for the local shell: every reply and every outbox message."""

from __future__ import annotations

from bot.render.shared.deliveries import UnknownDelivery
from bot.render.shared.promises import CHANGED, TELL_CUSTOMER, news_text, outcome
from bot.render.text.digest import digest_delivery_text, digest_reply_text
from bot.render.text.help import help_text
from bot.render.text.kudos import given_text, kudos_line, leaderboard_text
from bot.render.text.nudges import nudge_line
from bot.render.text.promises import draft_text, listing_text, promise_line
from bot.services.digest import Digest, DigestCsv, TeamView
from bot.services.kudos import Given, Leaderboard
from bot.services.outbox import Delivery
from bot.services.promises import Changed, Draft, Listing, Made
from bot.services.replies import Help, Refusal, Reply


def render_reply(reply: Reply) -> str:
    match reply:
        case Help(topic):
            return help_text(topic)
        case Refusal(reason, example):
            return reason + (f"\n  For example: {example}" if example else "")
        case Made(promise, zone):
            told = f" I've told @{promise.counterpart}." if promise.counterpart else ""
            return f"Tracked #{promise.id}: {promise_line(promise, zone)}.{told}"
        case Changed(promise, zone, "renegotiated") if promise.customer:
            tell = TELL_CUSTOMER.format(customer=promise.customer)
            return (
                f"New due time: #{promise.id} {promise_line(promise, zone)}.\n"
                f"  {tell} Then type /told {promise.id}."
            )
        case Changed(promise, zone, change):
            line = promise_line(promise, zone)
            return f"{CHANGED[change]}{outcome(promise)}: #{promise.id} {line}."
        case Draft():
            return draft_text(reply)
        case Listing():
            return listing_text(reply)
        case Given():
            return given_text(reply)
        case Leaderboard():
            return leaderboard_text(reply)
        case Digest() | DigestCsv() | TeamView():
            return digest_reply_text(reply)


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
