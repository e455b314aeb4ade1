"""A command's help in Block Kit, and the usage lines the App Home repeats."""

from __future__ import annotations

from bot.domain.commands import Topic
from bot.render.shared.help import INTRO, usage_lines
from bot.render.slack.kit import Message, message, section


def help_message(topic: Topic) -> Message:
    return message(INTRO[topic], [section(f"*{INTRO[topic]}*"), section(usage(topic))])


def usage(topic: Topic) -> str:
    """Each example of the command, as typed in Slack, with what it does."""
    return "\n".join(f"`{typed}`  {meaning}" for typed, meaning in usage_lines(topic, f"/{topic}"))
