"""The command grammar every platform shares."""

import pytest

from bot.domain.commands import Command, Topic, parse_command


@pytest.mark.parametrize(
    ("topic", "text", "parsed"),
    [
        (Topic.PROMISE, "help", Command(Topic.PROMISE, "help")),
        (Topic.PROMISE, "  HELP ", Command(Topic.PROMISE, "help")),
        (Topic.PROMISE, "?", Command(Topic.PROMISE, "help")),
        (Topic.PROMISE, "", Command(Topic.PROMISE, "new")),
        (Topic.PROMISE, "list", Command(Topic.PROMISE, "list")),
        (
            Topic.PROMISE,
            "send the deck to @ana by Friday",
            Command(Topic.PROMISE, "new", "send the deck to @ana by Friday"),
        ),
        (Topic.KUDOS, "", Command(Topic.KUDOS, "help")),
        (Topic.KUDOS, "top month", Command(Topic.KUDOS, "top", "month")),
        (Topic.KUDOS, "@ana for the swap", Command(Topic.KUDOS, "give", "@ana for the swap")),
        (Topic.DIGEST, "", Command(Topic.DIGEST, "show")),
        (Topic.DIGEST, "team add @a @b", Command(Topic.DIGEST, "team", "add @a @b")),
        (Topic.DIGEST, "2026-W45", Command(Topic.DIGEST, "show", "2026-W45")),
    ],
)
def test_the_first_word_picks_the_verb(topic: Topic, text: str, parsed: Command) -> None:
    assert parse_command(topic, text) == parsed


def test_a_promise_that_starts_like_a_verb_is_still_a_promise() -> None:
    # "listen" is not "list": only whole words are verbs.
    assert parse_command(Topic.PROMISE, "listen to the call by 5pm").verb == "new"
