"""What a listener does after its ack, done by threads of their own.

Bolt's listener threads then only ack: an ack never waits in line behind the work of the
requests before it, however many arrive at once, and the work (reading, storing, replying)
is done as fast as these threads can, a burst queueing here rather than at Slack's 3 seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.handlers.slack.errors import apologise

# The work is mostly Python and SQL, bound by one interpreter: a few threads use it fully
# while some wait on Slack or the database; more would only take turns.
WORKERS = 8

_WORKERS = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="after-ack")


def after_ack(work: Callable[[], None], body: dict[str, Any]) -> None:
    """Do `work` soon; a failure is logged and the person told, as `guarded` would."""

    def run() -> None:
        try:
            work()
        except Exception as error:
            apologise(error, body)

    _WORKERS.submit(run)
