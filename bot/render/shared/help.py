"""The help of each command, as lines shared by every platform's renderer."""

from __future__ import annotations

import re

from bot.domain.commands import Topic

# (usage, what it does) per command; `{cmd}` is how the platform writes the command.
USAGE: dict[Topic, tuple[tuple[str, str], ...]] = {
    Topic.PROMISE: (
        ("{cmd} send the Q3 deck to @ana by Friday 3pm", "track a promise you made"),
        ("{cmd}", "open a form to write one"),
        ("{cmd} list", "what you owe and what is owed to you"),
        ("{cmd} help", "this help"),
    ),
    Topic.KUDOS: (
        ("{cmd} @ana @raj for covering the on-call swap #teamwork", "thank co-workers in public"),
        ("{cmd} top week", "who was thanked most (week, month or all)"),
        ("{cmd} help", "this help"),
    ),
    Topic.DIGEST: (
        ("{cmd}", "your team's week: promises kept, early warnings, kudos"),
        ("{cmd} last-week", "the week before"),
        ("{cmd} csv", "this week's promises as a CSV file"),
        ("{cmd} team add @a @b", "ask the people you manage onto your team"),
        ("{cmd} team join @manager", "join the team your manager asked you onto (or leave it)"),
        ("{cmd} help", "this help"),
    ),
}

INTRO: dict[Topic, str] = {
    Topic.PROMISE: "Keep your word: Kept reminds you before a deadline and helps you warn early.",
    Topic.KUDOS: "Thank a co-worker for good service, in public, tagged with a company value.",
    Topic.DIGEST: "How your team keeps its word, week by week.",
}


def usage_lines(topic: Topic, command: str) -> list[tuple[str, str]]:
    """(example, meaning) pairs, with the command written the platform's way."""
    return [(usage.format(cmd=command), meaning) for usage, meaning in USAGE[topic]]


# A command as Kept's words write it ("/promise"), not part of a path or a link.
_COMMAND = re.compile(rf"(?<![\w/.:-])/({'|'.join(Topic)})\b")


def typed(text: str, prefix: str) -> str:
    """`text` (help, an example, a refusal) with each `/promise`, `/kudos` or `/digest` written
    as the platform types the command: `prefix` and its name ("" in Teams: `promise list`)."""
    return _COMMAND.sub(lambda found: prefix + found.group(1), text)
