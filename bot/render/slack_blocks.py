"""Block Kit rendering, for Slack."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.domain.commands import Topic
from bot.render.deliveries import UnknownDelivery
from bot.render.help import INTRO, usage_lines
from bot.services.outbox import Delivery
from bot.services.replies import Help, Refusal, Reply


def render_reply(reply: Reply) -> dict[str, Any]:
    """`text` (the notification fallback) and `blocks` for a reply."""
    match reply:
        case Help(topic):
            return _message(INTRO[topic], [_section(f"*{INTRO[topic]}*"), _section(_usage(topic))])
        case Refusal(reason, example):
            blocks: list[Block] = [_section(reason)]
            if example:
                blocks.append(
                    ContextBlock(elements=[MarkdownTextObject(text=f"For example: `{example}`")])
                )
            return _message(reason, blocks)


def _usage(topic: Topic) -> str:
    return "\n".join(f"`{usage}`  {meaning}" for usage, meaning in usage_lines(topic, f"/{topic}"))


def _section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=markdown))


def _message(text: str, blocks: list[Block]) -> dict[str, Any]:
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def home_view() -> dict[str, Any]:
    """The App Home tab."""
    blocks: list[Block] = [
        _section("*Welcome to Kept.* Make a promise, keep it, say so early when you can't.")
    ]
    for topic in (Topic.PROMISE, Topic.KUDOS, Topic.DIGEST):
        blocks += [DividerBlock(), _section(f"*{INTRO[topic]}*\n{_usage(topic)}")]
    return View(type="home", blocks=blocks).to_dict()


def render_delivery(delivery: Delivery) -> dict[str, Any]:
    """`text` and `blocks` of an outbox message, by its kind."""
    raise UnknownDelivery(delivery.kind)
