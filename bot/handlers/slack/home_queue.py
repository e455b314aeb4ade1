"""App Homes published again off the request path: a change answers the person at once, and
the Homes it touches follow within moments, published by threads of their own.

A Home asked for again before it went out is published once, as it is by then; and one
person's Home goes out at most once every `GAP` seconds: a burst of changes to their promises
costs a `views.publish` a second, not one each (a Home takes milliseconds of the processor to
build, which a burst of commands needs for their answers). A publish Slack refuses is tried
again after the gap, a few times, unless it says it never will succeed (the token was
revoked): a Home is not left showing less than the person has."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import NamedTuple

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.handlers.slack.directory import SlackDirectory
from bot.render.slack.home import home_view
from bot.services.env import Env
from bot.services.home import home

log = logging.getLogger(__name__)
PUBLISHERS = 4  # threads publishing Homes, mostly waiting on Slack; a Home is published by one
GAP = 1.0  # seconds between two publications of one person's Home
TRIES = 4  # publications of one Home that fail before it is given up (until the next change)
# What Slack answers when another try will not do: the workspace took Kept's token back, its
# person left, or it is throttling Kept (whose client waited out its Retry-After twice already).
HOPELESS = frozenset(
    {
        "token_revoked",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "user_not_found",
        "ratelimited",
    }
)


class WaitingHome(NamedTuple):
    env: Env
    client: WebClient
    directory: SlackDirectory
    user_id: str


Key = tuple[int, str, str]  # (the Kept it belongs to, workspace, person)


class HomeQueue:
    """The Homes waiting to be published, one entry a person, in the order first asked."""

    def __init__(
        self,
        publish: Callable[[WaitingHome], None],
        publishers: int = PUBLISHERS,
        gap: float = GAP,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._publish = publish
        self._gap, self._clock = gap, clock
        self._waiting: dict[Key, WaitingHome] = {}
        self._publishing: set[Key] = set()
        self._published: dict[Key, float] = {}  # when, for those published within the gap
        self._failed: dict[Key, int] = {}  # how often in a row, for those that failed
        self._changed = threading.Condition()
        self._publishers = publishers
        self._started = False

    def add(self, env: Env, client: WebClient, directory: SlackDirectory, user_id: str) -> None:
        key = (id(env), directory.workspace_id, user_id)
        with self._changed:
            self._waiting.pop(key, None)  # asked again: it waits at the end, as it is then
            self._waiting[key] = WaitingHome(env, client, directory, user_id)
            self._failed.pop(key, None)
            if not self._started:
                self._start()
            self._changed.notify_all()

    def _start(self) -> None:
        for n in range(self._publishers):
            threading.Thread(target=self._publish_forever, name=f"homes-{n}", daemon=True).start()
        self._started = True

    def _publish_forever(self) -> None:
        while True:
            with self._changed:
                while (key := self._next()) is None:
                    self._changed.wait(self._until_next())
                waiting = self._waiting.pop(key)
                self._publishing.add(key)
                self._published[key] = self._clock()
            try:
                self._publish(waiting)
                failed: Exception | None = None
            except Exception as error:
                failed = error
            with self._changed:
                self._publishing.discard(key)
                if failed is not None:
                    self._failed_to_publish(key, waiting, failed)
                else:
                    self._failed.pop(key, None)
                self._changed.notify_all()

    def forget(self, workspace_id: str) -> None:
        """Publish nothing more to a workspace that took Kept out (its token is gone)."""
        with self._changed:
            for key in [key for key in self._waiting if key[1] == workspace_id]:
                del self._waiting[key]

    def _failed_to_publish(self, key: Key, waiting: WaitingHome, error: Exception) -> None:
        """Try again after the gap (unless it was asked for again meanwhile, which will) when
        Slack answered with a failure that may pass; give up after TRIES, when Slack says no
        try will do, or when it could not be reached (the client tried twice already, and
        waiting on an unreachable Slack again would hold up everyone else's Home)."""
        tries = self._failed.get(key, 0) + 1
        passing = isinstance(error, SlackApiError) and error.response.get("error") not in HOPELESS
        if not passing or tries >= TRIES:
            self._failed.pop(key, None)
            log.warning("gave up publishing the App Home of %s: %s", waiting.user_id, error)
            return
        log.warning(
            "could not publish the App Home of %s, trying again: %s", waiting.user_id, error
        )
        self._failed[key] = tries
        self._waiting.setdefault(key, waiting)

    def _next(self) -> Key | None:
        """The Home that waited longest of those that may go out now."""
        now = self._clock()
        self._published = {k: at for k, at in self._published.items() if at + self._gap > now}
        return next((key for key in self._waiting if self._may_publish(key)), None)

    def _may_publish(self, key: Key) -> bool:
        return key not in self._publishing and key not in self._published

    def _until_next(self) -> float | None:
        """Seconds until a waiting Home's gap ends; None when none waits for its gap alone."""
        ends = [
            self._published[key] + self._gap
            for key in self._waiting
            if key in self._published and key not in self._publishing
        ]
        return max(min(ends) - self._clock(), 0.0) if ends else None


def _publish(waiting: WaitingHome) -> None:
    page = home(waiting.env, waiting.directory, waiting.user_id)
    view = home_view(page.listing, page.kudos)
    waiting.client.views_publish(user_id=waiting.user_id, view=view)


HOMES = HomeQueue(_publish)


def refresh_homes(
    env: Env, client: WebClient, directory: SlackDirectory, *user_ids: str | None
) -> None:
    """Publish again, soon, the App Home of each person a change touched, so it never shows
    stale promises or kudos."""
    for user_id in dict.fromkeys(u for u in user_ids if u):
        HOMES.add(env, client, directory, user_id)
