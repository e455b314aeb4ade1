"""One scheduler per SQLite file: the second to ask is told no, until the first lets go."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from bot.jobs import one_scheduler


def _holds_the_lock(url: str, started: object, stop: object) -> None:
    one_scheduler.take(url, wait=False)
    started.set()  # type: ignore[attr-defined]
    stop.wait(10)  # type: ignore[attr-defined]


def test_a_second_process_on_the_same_sqlite_file_does_not_run_the_jobs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    started, stop = multiprocessing.Event(), multiprocessing.Event()
    first = multiprocessing.Process(target=_holds_the_lock, args=(url, started, stop))
    first.start()
    try:
        assert started.wait(10)
        assert not one_scheduler.take(url, wait=False)
        assert one_scheduler.take(f"sqlite:///{tmp_path / 'other.db'}", wait=False)
    finally:
        stop.set()
        first.join(10)
    assert one_scheduler.take(url, wait=False)  # the first stopped: its lock went with it


def test_only_a_sqlite_file_has_a_jobs_lock() -> None:
    assert one_scheduler.lock_path("sqlite:////srv/kept/kept.db") == Path(
        "/srv/kept/kept.db.jobs-lock"
    )
    assert one_scheduler.lock_path("sqlite://") is None
    assert one_scheduler.lock_path("postgresql+psycopg://postgres@127.0.0.1/kept") is None
