"""How long reading one message takes as it grows: 1,000 to 160,000 characters (issue 13).

A long message must not stall everyone: reading it (is it a promise, by when, to whom) should
cost at most linear time in its length, whatever it holds. Each kind of message below is its
filler up to half the length, a promise ("I'll send the deck to Ana by tomorrow 3pm"), then
filler again, cut to the length. The kinds: work chat in sentences, one run-on sentence, many
digits, many date-like words, no spaces at all, emoji, long blank runs, unmatched quotes and
brackets. Each is read by `read_promise` (a `/promise` text), `read_message` (a chat message)
and the `understand` command's line reader, in a child process per kind and reader, so a
reading that takes longer than `--timeout` seconds is stopped and the larger sizes skipped.
Run from the project root:

    .venv/bin/python bench/reading.py [--sizes 1000,10000,40000,160000] [--kinds chat,...]
                                      [--repeat N] [--timeout SECONDS] [--profile KIND:SIZE]

Each cell is the median of `--repeat` readings (one, above a second). `--profile` runs
cProfile over one reading by `read_promise` instead of the table.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import multiprocessing.queues
import os
import platform
import pstats
import queue
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchkit import code, relative, version  # noqa: E402 - beside this script

from bot.domain.due_times import ReadingRules  # noqa: E402
from bot.handlers.understand import Defaults, understand_lines  # noqa: E402
from bot.services.understand import Context, read_message, read_promise  # noqa: E402

ZONE = "America/New_York"
# A Tuesday morning: "tomorrow 3pm" is Wednesday afternoon.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo(ZONE))
CONTEXT = Context(NOW, ZONE, "en-US", ReadingRules())
PROMISE = " I'll send the deck to Ana by tomorrow 3pm. "
SIZES = (1_000, 10_000, 40_000, 160_000)
KINDS = {
    "chat": (
        "Thanks all for joining the sync today. We went over the roadmap for Q1 and the open "
        "tickets (#4821, #4822) with the platform team. Legal still has questions about the "
        "data retention clause, see https://wiki.example.com/retention for the draft. Raj "
        "said the staging deploy failed twice on Monday because of the 2.3 migration. The "
        "numbers for October look fine: 12% up on September. Next sync is on Thursday at 10.\n"
    ),
    "run-on": (
        "then we looked at the numbers again, talked to legal about the clause, checked the "
        "slides with the design team, asked finance for the forecast, and "
    ),
    "digits": "4821 20931 17 240 3.5 0.75 1200 99 2026 11 24 555 0042 7 ",
    "date words": "monday friday 3pm 12/12 ",
    "no spaces": "lorem1ipsum2dolor3sit4amet5consectetur6",
    "one number": "9",
    "one word": "a",
    "emoji": "🎉🚀✅👍 :tada: 🙏🏽🔥 ",
    "blank runs": "ok" + " " * 300 + "\n" * 20 + "the" + " " * 300,
    "open marks": "“quote <@U12|ana (see <link 'it ",
}
READERS: dict[str, Callable[[str], object]] = {
    "read_promise": lambda text: read_promise(text, CONTEXT),
    "read_message": lambda text: read_message(text, CONTEXT),
    "understand": lambda text: understand_lines(
        [text], io.StringIO(), Defaults(ZONE, NOW, "en-US"), CONTEXT.rules
    ),
}


def message(kind: str, size: int) -> str:
    """The kind's filler to half the size, the promise, filler again: `size` characters."""
    filler = KINDS[kind]
    half = (filler * (size // 2 // len(filler) + 1))[: size // 2]
    rest = filler * ((size - len(half) - len(PROMISE)) // len(filler) + 1)
    return (half + PROMISE + rest)[:size]


def _measure(
    reader: str,
    kind: str,
    sizes: list[int],
    repeat: int,
    out: multiprocessing.queues.Queue[float],
) -> None:
    """In a child process: each size's median reading time, sent as it is known."""
    read = READERS[reader]
    read(message(kind, 200))  # warm up: compiled patterns, zone data
    for size in sizes:
        text = message(kind, size)
        spent: list[float] = []
        while len(spent) < repeat and sum(spent) < 1.0:
            start = time.perf_counter()
            read(text)
            spent.append(time.perf_counter() - start)
        out.put(statistics.median(spent))


def _row(reader: str, kind: str, sizes: list[int], repeat: int, timeout: float) -> list[str]:
    """The cells of one reader for one kind: '12.3 ms', '> 60 s', or '-' when skipped."""
    results: multiprocessing.queues.Queue[float] = multiprocessing.Queue()
    child = multiprocessing.Process(target=_measure, args=(reader, kind, sizes, repeat, results))
    child.start()
    cells: list[str] = []
    try:
        for _ in sizes:
            try:  # a cell's readings stop repeating after a second: one more is enough
                seconds = results.get(timeout=timeout + 1)
            except queue.Empty:
                cells.append(f"> {timeout:.0f} s")
                break
            cells.append(_duration(seconds))
    finally:
        child.terminate()
        child.join()
    return cells + ["-"] * (len(sizes) - len(cells))


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def _profile(spec: str) -> None:
    kind, _, size = spec.rpartition(":")
    text = message(kind, int(size))
    read_promise(message(kind, 200), CONTEXT)
    profiler = cProfile.Profile()
    profiler.runcall(read_promise, text, CONTEXT)
    stats = io.StringIO()
    pstats.Stats(profiler, stream=stats).sort_stats("tottime").print_stats(15)
    print(stats.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="characters")
    parser.add_argument("--kinds", default=",".join(KINDS), help="which messages to read")
    parser.add_argument("--repeat", type=int, default=3, help="readings per cell (median)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds before giving up")
    parser.add_argument("--profile", metavar="KIND:SIZE", help="cProfile one reading instead")
    args = parser.parse_args()
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"dateparser {version('dateparser')}"
    )
    print(f"code: {code()}")
    print("load average: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))
    print(f"clock: fixed at {NOW.isoformat()}; the promise: {PROMISE.strip()!r}")
    print()
    if args.profile:
        _profile(args.profile)
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    print("| message | reader | " + " | ".join(f"{size:,} chars" for size in sizes) + " |")
    print("| --- | --- |" + " ---: |" * len(sizes))
    for kind in args.kinds.split(","):
        for reader in READERS:
            cells = _row(reader, kind, sizes, args.repeat, args.timeout)
            print(f"| {kind} | {reader} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
