"""App Homes are published off the request path, one person's once however often asked."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, cast

import pytest
from slack_sdk.errors import SlackApiError

from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.home_queue import HomeQueue, WaitingHome
from bot.services.env import Env

ENV = cast(Env, object())


class Workspace:
    workspace_id = "T1"


class OtherWorkspace:
    workspace_id = "T2"


DIRECTORY = cast(SlackDirectory, Workspace())
OTHER = cast(SlackDirectory, OtherWorkspace())


class HeldPublisher:
    """Publishes at once, except the first Home, held until `release()`."""

    def __init__(self) -> None:
        self.published: list[tuple[str, Any]] = []
        self.first_held = threading.Event()
        self._released = threading.Event()
        self._changed = threading.Condition()

    def __call__(self, home: WaitingHome) -> None:
        if not self.first_held.is_set():
            self.first_held.set()
            self._released.wait(5)
        with self._changed:
            self.published.append((home.user_id, home.client))
            self._changed.notify_all()

    def release(self) -> None:
        self._released.set()

    def wait_for(self, count: int) -> list[tuple[str, Any]]:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.published) >= count, 5)
            return list(self.published)


def test_a_home_asked_for_while_it_is_published_goes_out_once_more_as_asked_last() -> None:
    publisher = HeldPublisher()
    queue = HomeQueue(publisher, publishers=2, gap=0)
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U1")
    assert publisher.first_held.wait(5)

    for n in range(1, 6):
        queue.add(ENV, cast(Any, f"client-{n}"), DIRECTORY, "U1")
    queue.add(ENV, cast(Any, "client-b"), DIRECTORY, "U2")
    others = publisher.wait_for(1)  # U2 goes out while U1 is held, by the other publisher
    publisher.release()

    published = publisher.wait_for(3)
    assert others == [("U2", "client-b")]
    assert Counter(user for user, _ in published) == {"U1": 2, "U2": 1}
    assert [client for user, client in published if user == "U1"] == ["client-0", "client-5"]


class Stopwatch:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_one_persons_home_goes_out_once_a_gap_however_often_asked() -> None:
    publisher, stopwatch = HeldPublisher(), Stopwatch()
    publisher.release()  # nothing held: each Home goes out when the queue says
    queue = HomeQueue(publisher, publishers=2, gap=60, clock=stopwatch)
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U1")
    assert publisher.wait_for(1) == [("U1", "client-0")]

    for n in range(1, 4):  # within the gap: waits, and goes out once, as asked last
        queue.add(ENV, cast(Any, f"client-{n}"), DIRECTORY, "U1")
    queue.add(ENV, cast(Any, "client-b"), DIRECTORY, "U2")  # someone else's is not held back
    assert publisher.wait_for(2) == [("U1", "client-0"), ("U2", "client-b")]

    stopwatch.now += 60
    queue.add(ENV, cast(Any, "client-c"), DIRECTORY, "U3")  # wakes the publishers
    published = publisher.wait_for(4)
    assert Counter(user for user, _ in published) == {"U1": 2, "U2": 1, "U3": 1}
    assert [client for user, client in published if user == "U1"] == ["client-0", "client-3"]


class FailingPublisher(HeldPublisher):
    """Fails the first `fails` publications of U1's Home with `error`, then publishes it."""

    def __init__(self, error: Exception, fails: int) -> None:
        super().__init__()
        self.release()
        self.error, self.fails = error, fails
        self.tried: Counter[str] = Counter()

    def __call__(self, home: WaitingHome) -> None:
        self.tried[home.user_id] += 1
        if home.user_id == "U1" and self.tried["U1"] <= self.fails:
            with self._changed:
                self._changed.notify_all()
            raise self.error
        super().__call__(home)


def slack_said(error: str) -> SlackApiError:
    return SlackApiError(error, cast(Any, {"ok": False, "error": error}))  # type: ignore[no-untyped-call]


@pytest.mark.parametrize("error", [slack_said("internal_error"), slack_said("fatal_error")])
def test_a_home_slack_refused_is_published_again(error: Exception) -> None:
    publisher = FailingPublisher(error, fails=2)
    queue = HomeQueue(publisher, publishers=2, gap=0)
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U1")

    assert publisher.wait_for(1) == [("U1", "client-0")]
    assert publisher.tried["U1"] == 3


@pytest.mark.parametrize("error", [slack_said("token_revoked"), OSError("connection refused")])
def test_a_home_slack_will_never_take_or_could_not_be_reached_is_given_up(error: Exception) -> None:
    publisher = FailingPublisher(error, fails=1)
    queue = HomeQueue(publisher, publishers=1, gap=0)
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U1")
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U2")  # behind U1, on the one publisher

    assert publisher.wait_for(1) == [("U2", "client-0")]
    assert publisher.tried == {"U1": 1, "U2": 1}


def test_a_workspace_that_took_kept_out_has_its_waiting_homes_forgotten() -> None:
    held = HeldPublisher()
    queue = HomeQueue(held, publishers=1, gap=0)
    queue.add(ENV, cast(Any, "client-0"), DIRECTORY, "U0")  # held: the others wait
    assert held.first_held.wait(5)
    queue.add(ENV, cast(Any, "client-1"), DIRECTORY, "U1")
    queue.add(ENV, cast(Any, "client-2"), OTHER, "U2")

    queue.forget(Workspace.workspace_id)
    held.release()

    assert held.wait_for(2) == [("U0", "client-0"), ("U2", "client-2")]
