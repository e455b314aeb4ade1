"""Plain-text rendering, for the local shell."""

from __future__ import annotations

from bot.render.deliveries import UnknownDelivery
from bot.render.help import INTRO, usage_lines
from bot.services.outbox import Delivery
from bot.services.replies import Help, Refusal, Reply


def render_reply(reply: Reply) -> str:
    match reply:
        case Help(topic):
            lines = [INTRO[topic]]
            lines += [
                f"  {usage:<58} {meaning}" for usage, meaning in usage_lines(topic, f"/{topic}")
            ]
            return "\n".join(lines)
        case Refusal(reason, example):
            return reason + (f"\n  For example: {example}" if example else "")


def render_delivery(delivery: Delivery) -> str:
    """An outbox message as one line of text, by its kind."""
    raise UnknownDelivery(delivery.kind)
