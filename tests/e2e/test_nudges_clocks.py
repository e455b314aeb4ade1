"""Clocks against one database, SQLite or PostgreSQL: two at once, and one killed
mid-delivery.

Real `python -m bot tick --at` processes deliver to one fake Slack. raj (Kolkata) has made
many promises, each to a different customer, all due Friday 27 November 2026 at 15:00 his time,
so each has a heads-up due at Thursday 09:00 in Kolkata: the instant every clock ticks at.
Whatever the clocks do, each nudge must reach Slack exactly once.

The fake Slack can hold a request in flight (`FakeSlackAPI.hold_next`): the clock has claimed
a message and sent it, and Slack has not yet processed it. That is where a clock is made to
stop (the other clock runs on meanwhile) or is killed with SIGKILL (the request never reaches
Slack: the message is known to be maybe sent, and once its lease is over the next clock sends
it, once).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap import Kept, build
from bot.clock import FixedClock
from bot.domain.people import Profile
from bot.services import promises
from bot.services.outbox import SENDING_LEASE
from bot.settings import load_settings
from bot.store.models import OutboxMessage
from tests.e2e.conftest import ROOT, SIGNING_SECRET
from tests.fakes.directory import FakeDirectory
from tests.fakes.slack_api import DEFAULT_TOKEN, FakeSlackAPI
from tests.fakes.wall_clock import KOLKATA, local_time

RAJ = "U00000RAJ"
DUE = local_time(KOLKATA, "Fri 27 Nov 15:00")
HEADS_UP = local_time(KOLKATA, "Thu 26 Nov 09:00")
PROCESS_TIMEOUT = 60


@pytest.fixture
def kept(database_url: str, clock: FixedClock) -> Iterator[Kept]:
    settings = load_settings(
        {"DATABASE_URL": database_url, "KEPT_CONFIG": str(ROOT / "config/kept.toml")}
    )
    env = build(settings, clock)
    yield env
    env.db.dispose()


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI() as api:
        yield api


def promises_due(kept: Kept, count: int) -> list[int]:
    """raj promises `count` customers a report each, by Friday 15:00 (made through the service)."""
    directory = FakeDirectory({RAJ: Profile("raj", KOLKATA)})
    return [
        promises.make(
            kept,
            directory,
            RAJ,
            f"send report {n}",
            DUE,
            "minute",
            None,
            f"client {n}",
            source="form",
        ).promise.id
        for n in range(count)
    ]


def start_tick(
    database_url: str, slack: FakeSlackAPI, at: datetime, cwd: Path
) -> subprocess.Popen[str]:
    """`python -m bot tick --at <at>` started, against the database and the fake Slack."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KEPT_"))}
    env.update(
        {
            "KEPT_CONFIG": str(ROOT / "config/kept.toml"),
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.base_url,
            "PYTHONPATH": str(ROOT),
        }
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "tick", "--at", at.isoformat()],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen[str]) -> str:
    """What the process printed, once it has exited well."""
    out, err = process.communicate(timeout=PROCESS_TIMEOUT)
    assert process.returncode == 0, err
    return out


def delivered(slack: FakeSlackAPI) -> Counter[int]:
    """How many times Slack received a nudge for each promise (its buttons carry the id)."""
    return Counter(
        int(element["value"])
        for call in slack.post_messages()
        for block in call.args["blocks"]
        if block["type"] == "actions"
        for element in block["elements"][:1]
    )


def outbox_rows(kept: Kept) -> list[tuple[str, str, int]]:
    """(key, status, attempts) of every outbox row."""
    with kept.db.unit_of_work() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.key, row.status, row.attempts) for row in rows]


def test_two_clocks_ticking_at_once_deliver_every_nudge_exactly_once(
    kept: Kept, slack: FakeSlackAPI, database_url: str, tmp_path: Path
) -> None:
    made = promises_due(kept, 40)
    # One clock stops mid-delivery, a message claimed; the other must run on around it.
    slack.hold_next("chat.postMessage", after=5)

    clocks = [start_tick(database_url, slack, HEADS_UP, tmp_path) for _ in range(2)]
    slack.wait_until_held(timeout=PROCESS_TIMEOUT)  # the clocks start Python first
    with ThreadPoolExecutor(2) as pool:
        exits = [pool.submit(clock.wait, PROCESS_TIMEOUT) for clock in clocks]
        done, _ = wait(exits, timeout=PROCESS_TIMEOUT, return_when=FIRST_COMPLETED)
        assert len(done) == 1, "the clock not held finishes while the other is held"
        slack.release()
    said = [finished(clock) for clock in clocks]

    assert delivered(slack) == dict.fromkeys(made, 1)
    assert Counter(status for _, status, _ in outbox_rows(kept)) == {"sent": 40}
    assert {attempts for _, _, attempts in outbox_rows(kept)} == {1}
    swept = [int(out.splitlines()[0].removeprefix("sweep_nudges: ")) for out in said]
    assert sum(swept) == 40, said  # each nudge queued by one clock or the other, once
    assert slack.dropped == []


def test_a_clock_killed_between_claiming_and_slack_receiving_loses_and_doubles_nothing(
    kept: Kept, slack: FakeSlackAPI, database_url: str, tmp_path: Path
) -> None:
    made = promises_due(kept, 10)
    slack.hold_next("chat.postMessage", after=3)  # three nudges reach Slack, the fourth hangs
    killed = start_tick(database_url, slack, HEADS_UP, tmp_path)
    slack.wait_until_held(timeout=PROCESS_TIMEOUT)  # the clocks start Python first

    os.kill(killed.pid, signal.SIGKILL)
    killed.communicate(timeout=PROCESS_TIMEOUT)
    slack.release()

    assert killed.returncode == -signal.SIGKILL
    assert slack.dropped == ["chat.postMessage"]  # it never reached Slack
    assert sum(delivered(slack).values()) == 3
    assert Counter(status for _, status, _ in outbox_rows(kept)) == {
        "sent": 3,
        "sending": 1,  # maybe sent: the attempt was recorded before the post
        "pending": 6,
    }

    restarted = finished(start_tick(database_url, slack, HEADS_UP, tmp_path))
    assert restarted.splitlines()[:3] == ["sweep_nudges: 0", "queue_digests: 0", "drain_outbox: 6"]
    assert sum(delivered(slack).values()) == 9  # the maybe-sent one waits out its lease

    after_the_lease = finished(start_tick(database_url, slack, HEADS_UP + SENDING_LEASE, tmp_path))
    assert after_the_lease.splitlines()[:3] == [
        "sweep_nudges: 0",
        "queue_digests: 0",
        "drain_outbox: 1",
    ]
    assert delivered(slack) == dict.fromkeys(made, 1)
    assert Counter(status for _, status, _ in outbox_rows(kept)) == {"sent": 10}
    assert sorted(attempts for _, _, attempts in outbox_rows(kept)) == [1] * 9 + [2]
