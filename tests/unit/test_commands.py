"""The command grammar every platform shares."""

import pytest

from bot.domain.commands import Command, Topic, parse_command
from bot.domain.promises import read_id


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


@pytest.mark.parametrize(
    ("sent", "read"),
    [
        (7, 7),
        ("7", 7),
        ("0", None),
        (-1, None),
        (True, None),
        ("²", None),
        ("１", None),
        (2**31, None),
        ("9" * 40, None),
        (None, None),
        ([7], None),
        (7.0, None),
    ],
)
def test_a_promise_id_from_a_button_form_or_card_is_one_kept_could_have_given(
    sent: object, read: int | None
) -> None:
    assert read_id(sent) == read
