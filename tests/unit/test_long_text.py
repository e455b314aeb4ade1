"""Reading is bounded for any input: long runs of blanks are cut before the patterns see them,
dateparser only ever reads a few words, and a text full of due times is read up to a few."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.blanks import MAX_BLANKS, squeeze
from bot.domain.detection import detect_promise
from bot.domain.due_times import MAX_DUE_TIMES, fallback, find_due_times, reading

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize("blank", [" ", "\t", "\n", " \n "])
def test_a_long_run_of_blanks_is_cut_and_positions_still_point_at_the_words(blank: str) -> None:
    text = "send the deck" + blank * 20_000 + "by Friday 3pm"

    squeezed = squeeze(text)

    assert len(squeezed.text) <= len("send the deck") + MAX_BLANKS + len("by Friday 3pm")
    start = squeezed.text.index("by Friday")
    assert text[squeezed.origin(start) :].startswith("by Friday 3pm")
    assert ("\n" in squeezed.text) == ("\n" in blank)  # a line break still ends a sentence


def test_a_text_without_long_blank_runs_is_read_as_it_is() -> None:
    text = "send the deck   by Friday 3pm"

    assert (squeeze(text).text, squeeze(text).origin(20)) == (text, 20)


def test_the_words_of_a_promise_around_a_long_run_of_blanks_are_as_written() -> None:
    text = "I'll send the deck" + " " * 30_000 + "to Acme by Friday."

    assert detect_promise(text).what == text.removeprefix("I'll ").rstrip(".")


@pytest.mark.parametrize(
    "text",
    [
        "send it by " + "9" * 40_000,
        "send it by " + "9 " * 20_000,
        "by " + "monday 12 friday 3 " * 2_000,
        "the 14 april " * 3_000,
    ],
    ids=["one-number", "numbers", "date-words", "dates"],
)
def test_dateparser_only_ever_reads_a_few_words(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = fallback.dateparser_read

    def counted(words: str, *args: object) -> object:
        read.append(words)
        return original(words, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(reading, "dateparser_read", counted)

    find_due_times(text, now=NOW, tz="America/New_York")

    assert all(len(words) <= 80 for words in read), [len(w) for w in read]


def test_a_text_full_of_due_times_is_read_up_to_a_few_of_them() -> None:
    text = " and ".join(f"by Dec {day} 3pm" for day in range(1, 29)) * 50

    found = find_due_times(text, now=NOW, tz="America/New_York")

    assert 1 < len(found) <= MAX_DUE_TIMES
