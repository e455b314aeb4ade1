"""A message read as a whole (services/understand.py): which due time is the promise's, and
what Kept offers to track."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.due_times import ReadingRules
from bot.services.understand import Context, read_message

BERLIN = "Europe/Berlin"
SATURDAY = datetime(2026, 10, 24, 10, 0, tzinfo=ZoneInfo(BERLIN))


def read(text: str, now: datetime = SATURDAY) -> tuple[str | None, bool]:
    reading = read_message(text, Context(now, BERLIN, "de-DE", ReadingRules()))
    due = reading.offered_due(now)
    return (due.at.astimezone(ZoneInfo(BERLIN)).isoformat() if due else None), reading.promise


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Saturday fire drill: I'll have the hotfix for @lukas by monday 8:00", "2026-10-26T08:00"),
        ("last thing tonight: i'll have the notes shared by tomorrow noon", "2026-10-25T12:00"),
        ("tomorrow is a holiday, so i'll send the build wednesday morning", "2026-10-28T09:00"),
        # the commitment's own clause, when the rest of its sentence names another time
        ("the 4pm call's off so I'll have the draft to you by 4:15 instead", "2026-10-24T16:15"),
        ("we're off Monday so I'll run the batch Tuesday at 10:30 instead", "2026-10-27T10:30"),
        (
            "running late today, I'll publish the rota by start of business Monday, "
            "and the 10am review still stands",
            "2026-10-26T09:00",
        ),
        (
            "demo is 3pm Friday, will send them the build Monday before the 4pm standup",
            "2026-10-26T16:00",
        ),
    ],
)
def test_of_several_times_the_one_in_the_commitment_is_its_due_time(text: str, due: str) -> None:
    at, promise = read(text)

    assert promise
    assert at is not None and at.startswith(due)


def test_two_times_in_the_commitment_itself_conflict_and_nothing_is_offered() -> None:
    assert read("I'll send it to @lukas Friday or Monday") == (None, True)


def test_a_commitment_without_a_due_time_or_with_one_passed_is_not_offered() -> None:
    assert read("I'll look into it") == (None, True)
    assert read("I'll send it to @lukas by Oct 20") == (None, True)


def test_a_time_said_of_what_someone_else_will_do_is_theirs() -> None:
    assert read("Raj will send the data by Thursday, then I'll send the report to Acme") == (
        None,
        True,
    )
    at, _ = read("Raj will send it by Thursday and I'll review it by Friday")
    assert at is not None and at.startswith("2026-10-30T17:00")


def test_a_time_said_of_the_work_itself_is_still_the_promise() -> None:
    at, _ = read("The deck will go out Monday, I'll send it to @lukas myself")
    assert at is not None and at.startswith("2026-10-26T17:00")
