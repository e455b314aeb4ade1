"""The scheduled jobs while the database is down: one line, fewer and fewer tries, then on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot.clock import FixedClock
from bot.jobs.scheduler import FIRST_WAIT, LONGEST_WAIT, DatabaseWatch, Job
from bot.store.db import Database


class Flaky:
    """A job whose database is down until told otherwise."""

    def __init__(self) -> None:
        self.runs = 0
        self.down = True

    def __call__(self) -> int:
        self.runs += 1
        if self.down:
            raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))
        return 0


def test_a_database_that_does_not_answer_is_said_once_and_tried_less_and_less_often(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = FixedClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    flaky = Flaky()
    job, watch = Job("sweep_nudges", flaky), DatabaseWatch(clock)

    watch.run(job)  # fails: said once, waits a minute
    watch.run(job)  # within the minute: not tried
    clock.advance(FIRST_WAIT)
    watch.run(job)  # fails again: said no more, waits two minutes
    clock.advance(FIRST_WAIT)
    watch.run(job)  # within the two minutes: not tried
    for _ in range(10):
        clock.advance(LONGEST_WAIT)
        watch.run(job)
    flaky.down = False
    clock.advance(LONGEST_WAIT)
    watch.run(job)
    watch.run(job)  # answering again: run at once

    assert flaky.runs == 2 + 10 + 2
    lines = [record.getMessage() for record in caplog.records]
    assert len(lines) == 2
    assert lines[0].startswith("the database does not answer (connection refused, in sweep_")
    assert "Traceback" not in caplog.text
    assert lines[1] == "the database answers again: the jobs go on"


def test_a_mistake_in_a_statement_is_not_taken_for_a_database_down() -> None:
    def mistaken() -> None:
        raise ProgrammingError("SELEKT 1", {}, Exception("syntax error"))

    watch = DatabaseWatch(FixedClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC)))

    with pytest.raises(ProgrammingError):
        watch.run(Job("sweep_nudges", mistaken))


def test_a_database_that_does_not_answer_says_why_in_one_line() -> None:
    database = Database("postgresql+psycopg://kept@127.0.0.1:9/kept?connect_timeout=2")

    problem = database.problem()

    assert problem is not None and "\n" not in problem and "127.0.0.1" in problem
    assert database.ping() is False
    database.dispose()
