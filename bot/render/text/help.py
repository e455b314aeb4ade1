"""A command's help as plain text, for the local shell."""

from __future__ import annotations

from bot.domain.commands import Topic
from bot.render.shared.help import INTRO, usage_lines


def help_text(topic: Topic) -> str:
    usage = usage_lines(topic, f"/{topic}")
    return "\n".join([INTRO[topic], *(f"  {u:<58} {m}" for u, m in usage)])
