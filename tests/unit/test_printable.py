"""Characters no one can see are dropped from typed words, on every platform."""

from __future__ import annotations

import pytest

from bot.domain.printable import printable


@pytest.mark.parametrize(
    "unseen",
    [
        *("\x00", "\x07", "\x1b", "\r", "\x7f", "\x85", "\ud800"),
        *("\u202e", "\u202d", "\u2067", "\u200b", "\ufeff", "\x1b[31m", "\x1b[2J", "\x1b[0;1m"),
    ],
)
def test_a_character_no_one_can_see_is_dropped(unseen: str) -> None:
    assert printable(f"send{unseen} the deck") == "send the deck"


def test_tabs_line_breaks_and_every_written_character_stay() -> None:
    written = "send\tthe deck\nto Zoë 👩\u200d💻 [31m by Friday, ‏سلام‎"
    assert printable(written) == written
