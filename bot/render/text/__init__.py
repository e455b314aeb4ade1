"""Plain-text rendering, for the local shell: every reply and every outbox message."""

from __future__ import annotations

from typing import assert_never

from bot.render.shared.promises import CHANGED, TELL_CUSTOMER, co_workers, news_text, outcome
from bot.render.shared.words import unreachable_text
from bot.render.text.digest import digest_text, invite_text_of, table_text, team_text
from bot.render.text.help import help_text
from bot.render.text.ids import Command
from bot.render.text.kit import for_example, then
from bot.render.text.kudos import given_text, kudos_news_line, kudos_post_line, leaderboard_text
from bot.render.text.nudges import nudge_line
from bot.render.text.promises import draft_text, listing_text, promise_line
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


def render_reply(reply: Reply) -> str:
    match reply:
        case Help(topic):
            return help_text(topic)
        case Refusal(reason, example):
            return for_example(reason, example)
        case Made(promise, zone):
            told = co_workers(promise, lambda name, _: f"@{name}")
            told = f" I've told {told}." if told else ""
            return f"Tracked #{promise.id}: {promise_line(promise, zone)}.{told}"
        case Changed(promise, zone, "renegotiated") if promise.customer:
            tell = TELL_CUSTOMER.format(customer=promise.customer)
            line = f"New due time: #{promise.id} {promise_line(promise, zone)}."
            return then(line, f"{tell} Then type {Command.TOLD} {promise.id}.")
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
        case Digest():
            return digest_text(reply)
        case DigestCsv():
            return table_text(reply)
        case TeamView():
            return team_text(reply)
        case _:
            assert_never(reply)


def render_delivery(delivery: Delivery) -> str:
    """An outbox message as one line of text, by its kind."""
    payload = delivery.payload
    match payload:
        case PromiseNews():
            return news_text(payload, by=f"@{payload.by}")
        case Nudge():
            return nudge_line(payload)
        case KudosPost():
            return kudos_post_line(payload)
        case KudosNews():
            return kudos_news_line(payload)
        case TeamDigest():
            return digest_text(payload)
        case ChannelDigest():
            return digest_text(payload, for_channel=True)
        case Unreachable():
            return unreachable_text(payload, f"@{payload.who}" if payload.who else "them")
        case TeamInvite():
            return invite_text_of(payload)
        case _:
            assert_never(payload)
