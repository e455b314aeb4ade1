"""Open-loop load of signed `/promise` commands: Kept's `serve` on SQLite and PostgreSQL, and a
bare Bolt app, at fixed rates.

Requests go out at a fixed rate whether or not earlier ones were answered (from a process of
their own), each one's ack latency measured from the time it was due to go out, as Slack would
see it ("≥30 s": no answer before the sender gave up). The commands are realistic and varied
("send the Q3 deck to <@U00000ANA|ana> by Friday 3pm"), made by the three people the tests'
fake Slack knows. Each Kept run is a fresh `serve` (after `db upgrade`) on a fresh database,
against the fake Slack Web API served here, which stamps when each call arrives: the reply
Kept posts to the command's response_url (what the person sees, since Kept acks with no
words), the co-worker's notice, and the App Homes (`views.publish`) published off the request
path. A run ends when the fake Slack has heard nothing for 3 s, so the last column says how
long Kept kept calling Slack after the last request. The bare Bolt app (bench/bare_bolt.py: one
listener that acks with a short text) is served the same way, as a floor.
Run from the project root:

    .venv/bin/python bench/load.py [--db sqlite|postgres|both] [--rates 20,50,100]
                                   [--seconds 10] [--no-bare] [--server URL]
                                   [--web-processes N]

Counted per target and rate: sent; acked (2xx within Slack's 3 s); unacknowledged (no 2xx
within 3 s: slow, refused, errors and timeouts); ack latency p50, p99 and max (answers are
awaited up to 30 s); for Kept, the reply's arrival at the response_url, the number of
`views.publish` calls, how long after the last request the fake Slack still heard from it, and
`serve`'s processor time per command (all its threads, until the fake Slack went quiet: what
bounds the rate one `serve` can take, whatever its thread pools).
"late" is how far behind schedule the sender itself was (its p99): if it is large, the machine,
not the server, is what was measured. Logs and SQLite files stay in the folder printed; the
PostgreSQL database `kept_bench_load` (dropped and made again for each rate) is left in place.
"""

from __future__ import annotations

import argparse
import random
import re
import shlex
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

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

from tests.fakes.slack_requests import SlackRequests  # noqa: E402

SEED = 20261202
SECRET = "load-bench-signing-secret"
PG_DATABASE = "kept_bench_load"
SLACK_PATIENCE = 3.0  # Slack shows the person an error when the ack takes longer
WAIT = 30.0  # how long the sender waits for an answer
QUIET = 3.0  # a run is over when the fake Slack heard nothing for this long
BACKLOG_MOST = 300.0  # ...or after this long

PEOPLE = {"U00000ANA": "ana", "U00000RAJ": "raj", "U0000BOB0": "bob"}
VERBS = ["send", "review", "fix", "share", "write up", "book", "call back about", "ship"]
THINGS = [
    "the Q3 deck",
    "the invoice for March",
    "the login bug",
    "the contract draft",
    "the test plan",
    "the onboarding notes",
    "the budget sheet",
    "the release notes",
    "the hiring scorecard",
    "the customer survey results",
]
DUES = [
    "by Friday 3pm",
    "by Friday",
    "by EOD tomorrow",
    "by tomorrow 10am",
    "by Monday noon",
    "in 2 business days",
    "by next Wednesday",
    "by Dec 15",
    "by Thursday 5pm",
    "next week",
]
OTHERS = ["for Acme", "for the board", "for the auditors"]


def commands(count: int, seed: int) -> list[tuple[str, str]]:
    """(user, text) of `count` promises: mostly to one of the other two people, some to others."""
    pick = random.Random(seed)
    made = []
    for _ in range(count):
        user = pick.choice(list(PEOPLE))
        if pick.random() < 0.85:
            them = pick.choice([p for p in PEOPLE if p != user])
            to = f"to <@{them}|{PEOPLE[them]}>"
        else:
            to = pick.choice(OTHERS)
        made.append((user, f"{pick.choice(VERBS)} {pick.choice(THINGS)} {to} {pick.choice(DUES)}"))
    return made


@dataclass
class Run:
    target: str
    rate: int
    answers: list[Answer]
    replies: list[float] = field(default_factory=list)  # seconds from due to the response_url
    views_publish: int | None = None
    busy_after: float | None = None  # the fake Slack's last call, after the last request
    settled: bool = True
    untracked: int = 0  # replies that do not say "Tracked": a text Kept did not take
    cpu_per_command: float | None = None  # serve's processor seconds, backlog included
    trouble: list[str] = field(default_factory=list)

    def unacked(self) -> list[Answer]:
        return [a for a in self.answers if not a.acked(SLACK_PATIENCE)]


def shoot(
    loop: OpenLoop, slack: StampedSlack, base: str, rate: int, seconds: float, seed: int
) -> tuple[list[Answer], dict[str, float]]:
    """The load at `rate` for `seconds`; the answers, and each response_url's due time."""
    with SlackRequests(base, SECRET, response_url_base=slack.hooks_base_url) as rq:
        shots = slash_commands(rq, time.time() + 1.0, rate, commands(int(rate * seconds), seed))
    answers = loop.fire(base + "/slack/events", shots, WAIT)
    return answers, {urlsplit(s.response_url).path: s.at for s in shots}


def kept_run(
    db: str, rate: int, seconds: float, loop: OpenLoop, folder: Path, server: str, processes: int
) -> Run:
    target = f"Kept, {db}" + (f", {processes} web processes" if processes > 1 else "")
    if db == "SQLite":
        (folder / f"sqlite-{rate}").mkdir()
        url = f"sqlite:///{folder / f'sqlite-{rate}' / 'kept.db'}"
    else:
        url = fresh_database(PG_DATABASE, server)
    log = folder / f"kept-{db.lower()}-{rate}.log"
    with StampedSlack() as slack:
        env = kept_env(url, slack, SECRET, processes)
        kept_command(env, log, "db", "upgrade")
        serve = Served("serve", [sys.executable, "-m", "bot", "serve"], env, log)
        serve.start()
        try:
            slack.wait_quiet(1.0, 10.0)  # its start-up calls (auth.test)
            first, cpu = len(slack.stamps), serve.cpu_seconds()
            answers, due = shoot(loop, slack, serve.base, rate, seconds, SEED + rate)
            settled = slack.wait_quiet(QUIET, BACKLOG_MOST)
            cpu = serve.cpu_seconds() - cpu
        finally:
            serve.stop()
        calls = slack.stamps[first:]
    hooks = [(at, c) for at, c in calls if c.method == "response_url" and c.path in due]
    replies = [at - due[c.path] for at, c in hooks]
    untracked = sum(not str(c.args.get("text", "")).startswith("Tracked") for _, c in hooks)
    last_sent = max(a.at + a.late for a in answers)
    last_call = max((at for at, _ in calls), default=last_sent)
    return Run(
        target,
        rate,
        answers,
        replies,
        views_publish=sum(c.method == "views.publish" for _, c in calls),
        busy_after=max(0.0, last_call - last_sent),
        settled=settled,
        untracked=untracked,
        cpu_per_command=cpu / len(answers),
        trouble=serve.trouble(),
    )


def bare_runs(rates: Sequence[int], seconds: float, loop: OpenLoop, folder: Path) -> list[Run]:
    runs = []
    with StampedSlack() as slack:
        env = kept_env("sqlite://", slack, SECRET)  # the bare app reads no database
        log = folder / "bare-bolt.log"
        bare = Served("bare Bolt", [sys.executable, "bench/bare_bolt.py"], env, log)
        bare.start()
        try:
            for rate in rates:
                print(f"  bare Bolt at {rate}/s…", flush=True)
                cpu = bare.cpu_seconds()
                answers, _ = shoot(loop, slack, bare.base, rate, seconds, SEED + rate)
                time.sleep(QUIET)
                cpu = (bare.cpu_seconds() - cpu) / len(answers)
                runs.append(Run("bare Bolt", rate, answers, cpu_per_command=cpu))
        finally:
            bare.stop()
    runs[-1].trouble = bare.trouble()  # one log for every rate
    return runs


# ------------------------------------------------------------------ the report


def ms(seconds: float) -> str:
    if seconds >= WAIT:
        return f"≥{WAIT:.0f} s"  # no answer: the sender gave up
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def spread(values: Sequence[float]) -> str:
    if not values:
        return "–"
    return f"{ms(percentile(values, 0.5))} / {ms(percentile(values, 0.99))} / {ms(max(values))}"


def why_unacked(run: Run) -> str:
    reasons: Counter[str] = Counter()
    for a in run.unacked():
        if a.status == 0:
            reasons[f"no answer ({a.error})"] += 1
        elif not 200 <= a.status < 300:
            reasons[f"HTTP {a.status}"] += 1
        else:
            reasons["2xx after 3 s"] += 1
    return ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "–"


def report(runs: Sequence[Run]) -> None:
    print()
    print(
        "| target | rate | sent | acked ≤3 s | unacked | ack p50 / p99 / max | late p99 |"
        " reply p50 / p99 / max | views.publish | Slack called until | CPU a command |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for run in runs:
        answered = [a.seconds for a in run.answers]
        late = percentile([a.late for a in run.answers], 0.99)
        acked = len(run.answers) - len(run.unacked())
        cpu = "–" if run.cpu_per_command is None else ms(run.cpu_per_command)
        if run.busy_after is None:
            publish, until = "–", "–"
        else:
            publish = str(run.views_publish)
            until = f"+{run.busy_after:.1f} s" + ("" if run.settled else " (still busy)")
        reply = spread(run.replies) if run.target != "bare Bolt" else "–"
        if run.replies and len(run.replies) < len(run.answers):
            reply += f" ({len(run.answers) - len(run.replies)} missing)"
        print(
            f"| {run.target} | {run.rate}/s | {len(run.answers)} | {acked} |"
            f" {len(run.unacked())} | {spread(answered)} | {ms(late)} | {reply} | {publish} |"
            f" {until} | {cpu} |"
        )
    print()
    for run in runs:
        if run.unacked():
            print(f"unacknowledged, {run.target} at {run.rate}/s: {why_unacked(run)}")
    if any(a.status == 404 for run in runs for a in run.answers):
        print(
            "HTTP 404 is Bolt's answer when a listener has not called ack() within 3 s: Kept's"
            " acks first thing, so it had not started (Bolt runs listeners on 5 threads)"
        )
    for target in dict.fromkeys(r.target for r in runs if r.target.startswith("Kept")):
        missed = [r.rate for r in runs if r.target == target and r.unacked()]
        tried = max(r.rate for r in runs if r.target == target)
        if missed:
            print(f"{target}: first misses Slack's 3 s for a request at {min(missed)}/s")
        else:
            print(f"{target}: answers every request within Slack's 3 s up to {tried}/s")
    for run in runs:
        if run.untracked:
            print(f"{run.target} at {run.rate}/s: {run.untracked} replies did not say Tracked")
    print()
    for run in runs:
        if run.trouble:
            print(f"log of {run.target} at {run.rate}/s: {len(run.trouble)} warning/error lines")
            for line, n in Counter(map(gist, run.trouble)).most_common(5):
                print(f"  {n}× {line[:200]}")


def gist(line: str) -> str:
    """A log line without its time, so that lines saying the same thing are counted together."""
    return re.sub(r"^\d{4}-\d\d-\d\d [\d:,]+ ", "", line)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--rates", default="20,50,100", help="commands a second, comma-separated")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long each rate lasts")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare Bolt app")
    parser.add_argument(
        "--web-processes", type=int, default=1, help="Kept's WEB_CONCURRENCY (serve's processes)"
    )
    parser.add_argument("--server", default=SERVER, help="a database URL on the PostgreSQL server")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    print(machine())
    folder = Path(tempfile.mkdtemp(prefix="kept-load-"))
    print(f"logs and SQLite databases in {folder}")
    dbs = {"sqlite": ["SQLite"], "postgres": ["PostgreSQL"], "both": ["SQLite", "PostgreSQL"]}
    loop = OpenLoop()
    runs: list[Run] = []
    try:
        for db in dbs[args.db]:
            for rate in rates:
                print(f"  Kept on {db} at {rate}/s…", flush=True)
                runs.append(
                    kept_run(db, rate, args.seconds, loop, folder, args.server, args.web_processes)
                )
        if not args.no_bare:
            runs.extend(bare_runs(rates, args.seconds, loop, folder))
    finally:
        loop.close()
    print(f"at the end: {busy()}")
    report(runs)


if __name__ == "__main__":
    main()
