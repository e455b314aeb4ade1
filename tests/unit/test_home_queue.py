"""App Homes are published off the request path, one person's once however often asked."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any, cast

from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.home_queue import HomeQueue, WaitingHome
from bot.services.env import Env

ENV = cast(Env, object())


class Workspace:
    workspace_id = "T1"


DIRECTORY = cast(SlackDirectory, Workspace())


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
