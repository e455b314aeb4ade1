"""The grammar of Kept's commands, parsed once for Slack, Teams and the shell alike."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    PROMISE = "promise"
    KUDOS = "kudos"
    DIGEST = "digest"


@dataclass(frozen=True)
class Command:
    """What a person asked for: a topic, a verb and the words after it."""

    topic: Topic
    verb: str
    rest: str = ""


# The verbs each command knows; anything else is the command's main use with the whole text.
VERBS: dict[Topic, frozenset[str]] = {
    Topic.PROMISE: frozenset({"help", "list"}),
    Topic.KUDOS: frozenset({"help", "top"}),
    Topic.DIGEST: frozenset({"help", "team", "csv", "last-week"}),
}
# The verb when the text is empty, and when it is not a known verb.
EMPTY_VERB = {Topic.PROMISE: "new", Topic.KUDOS: "help", Topic.DIGEST: "show"}
FREE_TEXT_VERB = {Topic.PROMISE: "new", Topic.KUDOS: "give", Topic.DIGEST: "show"}


def parse_command(topic: Topic, text: str) -> Command:
    """`help`, `list`… as verbs; otherwise the text is the command's main use (a new promise…)."""
    words = text.strip()
    if not words:
        return Command(topic, EMPTY_VERB[topic])
    first, _, rest = words.partition(" ")
    verb = first.lower()
    if verb in VERBS[topic] or verb in {"?", "-h", "--help"}:
        return Command(topic, "help" if verb in {"?", "-h", "--help"} else verb, rest.strip())
    return Command(topic, FREE_TEXT_VERB[topic], words)


# What the shell types and Slack and Teams click: "done 3", "more-time 3", "cancel #3".
_BUTTON_WORDS = re.compile(r"(?:done|cancel|edit|more[- ]time|told|track)\s+#?\d+", re.IGNORECASE)
ON_ITS_CARD = (
    "That's what a promise's buttons do: `/promise list` shows your promises, each with Done,"
    " Need more time, Edit and Cancel."
)


def asks_for_a_button(words: str) -> bool:
    """Whether a promise's words are a change to one already made ("done 3"), not a promise."""
    return _BUTTON_WORDS.fullmatch(words.strip()) is not None


# What someone writes to Kept in its direct messages to ask what a command would answer.
_ASKING = {
    "help": "help",
    "?": "help",
    "hi": "help",
    "hello": "help",
    "hey": "help",
    "commands": "help",
    "list": "list",
    "my promises": "list",
}


def asked_in_a_direct_message(words: str) -> Command | None:
    """What "help", "hi" or "list" written to Kept asks, as the command would ask it; None
    for anything else (which is read for promises, like any message)."""
    said = words.strip().strip("!.?").lower() or words.strip()
    verb = _ASKING.get(said.removeprefix("/promise ").removeprefix("promise "))
    return Command(Topic.PROMISE, verb) if verb else None
