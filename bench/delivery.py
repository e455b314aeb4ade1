"""From a signed `/promise … to <@U00000ANA|ana> …` to the fake Slack's receipt of the notice
Kept sends ana (a chat.postMessage DM): how long, how many twice, how many never.

Each command's text carries a tag of its own (`Z0100042`), so each notice is matched to the
command that caused it. Commands go out open-loop at a fixed rate (from a process of their own),
made by raj or bob; the time is counted from when each was due to go out to when the fake Slack
Web API served here received the notice. The targets, each a fresh database and fresh
processes against the fake Slack:

* `serve`, SQLite: one process; it delivers what a request queued right after the commit (a
  thread of its own) and also runs the jobs, the outbox's drain among them, every minute.
* `serve`, PostgreSQL: `serve` runs no jobs on PostgreSQL (those are the `clock`'s), so only
  the delivery right after the commit is left.
* `serve` + `clock`, PostgreSQL: the Procfile's split; `clock` drains the outbox every minute
  beside `serve`'s delivery after the commit.

Where a minute's drain runs, each rate's load is placed so that a drain falls in its middle
(the drains' times are read from the logs and printed): a drain and the delivery after the
commit then claim messages at once, where a notice could be sent twice. Run from the project
root:

    .venv/bin/python bench/delivery.py [--db sqlite|postgres|both] [--rates 20,50]
                                       [--seconds 10] [--no-align] [--server URL]
                                       [--web-processes N]

Counted per target and rate: commands sent, acked (2xx within 3 s), notices received, the
time to the notice (p50, p99, max), duplicates (a tag's notice received again) and lost
(never received within 90 s of its command). Logs and SQLite files stay in the folder
printed; the PostgreSQL database `kept_bench_delivery` (dropped and made again for each
target) is left in place.
"""

from __future__ import annotations

import argparse
import random
import re
import shlex
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchkit import (  # noqa: E402 - beside this script
    SERVER,
    Answer,
    OpenLoop,
    Served,
    StampedSlack,
    busy,
    fresh_database,
    kept_command,
    kept_env,
    machine,
    percentile,
    relative,
    slash_commands,
)

from tests.fakes.slack_api import Call  # noqa: E402
from tests.fakes.slack_requests import SlackRequests  # noqa: E402

SEED = 20261203
SECRET = "delivery-bench-signing-secret"
PG_DATABASE = "kept_bench_delivery"
ANA = "U00000ANA"
OWNERS = ["U00000RAJ", "U0000BOB0"]
SLACK_PATIENCE = 3.0
WAIT = 30.0  # how long the sender waits for an ack
LOST_AFTER = 90.0  # a notice not received this long after its command is lost
QUIET = 3.0  # after the last notice, how long to listen for a second one
DRAIN_EVERY = 60.0  # the jobs' interval (bot/jobs/scheduler.py)
TAG = re.compile(r"\bZ\d{7}\b")
DRAIN_RAN = re.compile(r'Running job "drain_outbox .*\(scheduled at ([^)]+)\)')

THINGS = ["the Q3 deck", "the invoice", "the contract draft", "the test plan", "the notes"]
DUES = ["by Friday 3pm", "by EOD tomorrow", "by Monday noon", "in 2 business days"]


@dataclass(frozen=True)
class Target:
    name: str
    db: str  # "SQLite" or "PostgreSQL"
    clock: bool  # a `clock` process beside `serve`
    drains: bool  # whether a minute's drain runs at all


TARGETS = [
    Target("serve, SQLite", "SQLite", clock=False, drains=True),
    Target("serve, PostgreSQL", "PostgreSQL", clock=False, drains=False),
    Target("serve + clock, PostgreSQL", "PostgreSQL", clock=True, drains=True),
]


@dataclass
class Result:
    target: str
    rate: int
    start: float  # when the load began, epoch seconds
    answers: list[Answer]
    seconds: list[float] = field(default_factory=list)  # to the first notice, per tag in time
    duplicates: int = 0
    lost: int = 0
    drains: list[float] = field(default_factory=list)  # seconds from the load's start
    trouble: list[str] = field(default_factory=list)


def commands(run: int, count: int, seed: int) -> tuple[list[str], list[tuple[str, str]]]:
    """The tags and (owner, text) of `count` promises to ana."""
    pick = random.Random(seed)
    tags = [f"Z{run:02d}{n:05d}" for n in range(count)]
    made = [
        (
            pick.choice(OWNERS),
            f"send {pick.choice(THINGS)} {tag} to <@{ANA}|ana> {pick.choice(DUES)}",
        )
        for tag in tags
    ]
    return tags, made


def notices(stamps: Sequence[tuple[float, Call]]) -> dict[str, list[float]]:
    """When each tag's notice to ana arrived (every time it did)."""
    seen: dict[str, list[float]] = defaultdict(list)
    for at, call in stamps:
        if call.method == "chat.postMessage" and call.args.get("channel") == ANA:
            for tag in TAG.findall(str(call.args.get("text", ""))):
                seen[tag].append(at)
    return seen


def drains_in(logs: Sequence[Path]) -> list[float]:
    """The epoch seconds at which the logs' minute drains were due to run."""
    found = []
    for log in logs:
        for match in DRAIN_RAN.finditer(log.read_text(errors="replace")):
            found.append(datetime.fromisoformat(match.group(1)).timestamp())
    return sorted(found)


def start_of_load(drains_from: float | None, seconds: float) -> float:
    """Soon, or, when a minute's drain runs, so that the next one falls mid-load."""
    soon = time.time() + 2.0
    if drains_from is None:
        return soon
    drain = drains_from + DRAIN_EVERY
    while drain - seconds / 2 < soon:
        drain += DRAIN_EVERY
    return drain - seconds / 2


def one_rate(
    target: str,
    run: int,
    rate: int,
    seconds: float,
    start: float,
    slack: StampedSlack,
    base: str,
    loop: OpenLoop,
) -> Result:
    """The load at `rate` from `start`, and every notice it caused (or not)."""
    tags, made = commands(run, int(rate * seconds), SEED + run)
    with SlackRequests(base, SECRET, response_url_base=slack.hooks_base_url) as rq:
        shots = slash_commands(rq, start, rate, made)
    first = len(slack.stamps)
    answers = loop.fire(base + "/slack/events", shots, WAIT)
    deadline = shots[-1].at + LOST_AFTER
    while time.time() < deadline and len(notices(slack.stamps[first:])) < len(tags):
        time.sleep(0.2)
    slack.wait_quiet(QUIET, QUIET * 3)  # a second notice, if one is coming
    seen = notices(slack.stamps[first:])
    result = Result(target, rate, start, answers)
    for tag, shot in zip(tags, shots, strict=True):
        arrivals = seen.get(tag, [])
        result.duplicates += max(0, len(arrivals) - 1)
        if arrivals and arrivals[0] - shot.at <= LOST_AFTER:
            result.seconds.append(arrivals[0] - shot.at)
        else:
            result.lost += 1
    return result


def run_target(
    target: Target,
    rates: Sequence[int],
    seconds: float,
    loop: OpenLoop,
    folder: Path,
    server: str,
    align: bool,
    first_run: int,
    processes: int,
) -> list[Result]:
    slug = target.name.replace(" + ", "-").replace(", ", "-").lower()
    name = target.name + (f", {processes} web processes" if processes > 1 else "")
    if target.db == "SQLite":
        url = f"sqlite:///{folder / f'{slug}.db'}"
    else:
        url = fresh_database(PG_DATABASE, server)
    results: list[Result] = []
    with StampedSlack() as slack:
        env = kept_env(url, slack, SECRET, processes)
        serve_log = folder / f"{slug}-serve.log"
        kept_command(env, serve_log, "db", "upgrade")
        serve = Served("serve", [sys.executable, "-m", "bot", "serve"], env, serve_log)
        clock_log = folder / f"{slug}-clock.log"
        clock = Served("clock", [sys.executable, "-m", "bot", "clock"], env, clock_log)
        try:
            drains_from: float | None = serve.start()  # its scheduler starts just before
            if target.clock:
                drains_from = clock.start(ready=lambda: clock.said("Scheduler started"))
            if not (align and target.drains):
                drains_from = None
            slack.wait_quiet(1.0, 10.0)  # the start-up calls (auth.test)
            for n, rate in enumerate(rates):
                start = start_of_load(drains_from, seconds)
                print(f"  {name} at {rate}/s…", flush=True)
                run = first_run + n
                results.append(one_rate(name, run, rate, seconds, start, slack, serve.base, loop))
        finally:
            clock.stop()
            serve.stop()
    logs = [serve.log, clock.log] if target.clock else [serve.log]
    drains = drains_in(logs)
    trouble = serve.trouble() + (clock.trouble() if target.clock else [])
    for r in results:
        r.drains = [d - r.start for d in drains if r.start - 5 <= d <= r.start + seconds + 5]
    results[-1].trouble = trouble  # one set of logs for every rate
    return results


# ------------------------------------------------------------------ the report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def gist(line: str) -> str:
    """A log line without its time, so that lines saying the same thing are counted together."""
    return re.sub(r"^\d{4}-\d\d-\d\d [\d:,]+ ", "", line)


def report(results: Sequence[Result]) -> None:
    print()
    print(
        "| target | rate | sent | acked ≤3 s | notices | to the notice p50 / p99 / max |"
        " duplicates | lost | minute drains (s into the load) |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        acked = sum(a.acked(SLACK_PATIENCE) for a in r.answers)
        spread = "–"
        if r.seconds:
            spread = " / ".join(ms(v) for v in (*percentile_pair(r.seconds), max(r.seconds)))
        drains = ", ".join(f"{d:+.1f}" for d in r.drains) or "–"
        print(
            f"| {r.target} | {r.rate}/s | {len(r.answers)} | {acked} | {len(r.seconds)} |"
            f" {spread} | {r.duplicates} | {r.lost} | {drains} |"
        )
    print()
    for r in results:
        late = percentile([a.late for a in r.answers], 0.99)
        if late > 0.05:
            print(f"{r.target} at {r.rate}/s: the sender ran late, p99 {ms(late)}")
    for r in results:
        if r.trouble:
            print(f"logs of {r.target}: {len(r.trouble)} warning/error lines")
            for line, n in Counter(map(gist, r.trouble)).most_common(6):
                print(f"  {n}× {line[:200]}")


def percentile_pair(values: Sequence[float]) -> tuple[float, float]:
    return percentile(values, 0.5), percentile(values, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rates", default="20,50", help="commands a second, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each rate lasts")
    parser.add_argument(
        "--no-align", action="store_true", help="start each load at once, wherever the drains fall"
    )
    parser.add_argument("--server", default=SERVER, help="a database URL on the PostgreSQL server")
    parser.add_argument(
        "--web-processes", type=int, default=1, help="Kept's WEB_CONCURRENCY (serve's processes)"
    )
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    print(machine())
    folder = Path(tempfile.mkdtemp(prefix="kept-delivery-"))
    print(f"logs and SQLite databases in {folder}")
    wanted = {"sqlite": ["SQLite"], "postgres": ["PostgreSQL"], "both": ["SQLite", "PostgreSQL"]}
    targets = [t for t in TARGETS if t.db in wanted[args.db]]
    loop = OpenLoop()
    results: list[Result] = []
    try:
        for n, target in enumerate(targets):
            first_run = 1 + n * len(rates)  # each rate's tags its own
            align = not args.no_align
            results += run_target(
                target,
                rates,
                args.seconds,
                loop,
                folder,
                args.server,
                align,
                first_run,
                args.web_processes,
            )
    finally:
        loop.close()
    print(f"at the end: {busy()}")
    report(results)


if __name__ == "__main__":
    main()
