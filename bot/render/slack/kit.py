"""Block Kit building blocks every Slack renderer uses."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import Block, ContextBlock, MarkdownTextObject, SectionBlock

from bot.render.shared.times import when
from bot.render.shared.words import shorter

# Slack shows at most this many characters of a section's or a context's text: whatever Kept
# writes there (a refusal may repeat what was typed) is cut to fit, here and nowhere else.
MAX_TEXT = 3000

Message = dict[str, Any]


def date_token(at: datetime, zone: str) -> str:
    """A Slack date token: each reader sees it in their own zone; the fallback is `zone`'s."""
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}}, {{time}}|{when(at, zone)}>"


def section(markdown: str) -> SectionBlock:
    return SectionBlock(text=MarkdownTextObject(text=shorter(markdown, MAX_TEXT)))


def context(markdown: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=shorter(markdown, MAX_TEXT))])


def message(text: str, blocks: list[Block]) -> Message:
    """A message: `text` is the notification and screen-reader fallback of its `blocks`."""
    return {"text": text, "blocks": [block.to_dict() for block in blocks]}


def refusal(reason: str, example: str | None = None) -> Message:
    """Why nothing was done, and an example of what would work."""
    blocks: list[Block] = [section(reason)]
    if example:
        blocks.append(context(f"For example: `{example}`"))
    return message(reason, blocks)
