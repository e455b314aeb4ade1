"""One scheduler per SQLite file: a lock on a file beside the database. A second `serve` on
the same file only answers requests, and a second `clock` waits as a standby."""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO

from sqlalchemy import make_url

# Held open for the life of the process that runs the jobs: the lock ends with it.
_held: list[IO[str]] = []


def lock_path(database_url: str) -> Path | None:
    """The lock file of a SQLite database file; None for any other database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    database = Path(url.database)
    return database.with_name(f"{database.name}.jobs-lock")


def take(database_url: str, *, wait: bool) -> bool:
    """Whether this process may run the jobs: True once it holds the lock (at once, or after
    waiting for it when `wait`); False when another process holds it and `wait` is False."""
    path = lock_path(database_url)
    if path is None:
        return True
    handle = path.open("a")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        handle.close()
        return False
    _held.append(handle)
    return True
