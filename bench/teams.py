"""How fast Kept answers Microsoft Teams and delivers to it, served on loopback as in the e2e tests.

The real app (`bot.app.start` with the tests' key documents and bot token) is served by
uvicorn on a loopback port, as the e2e fixture `teams_world` builds it, in front of the fake
Bot Connector; the activities are signed as Teams signs them. This script imports those fakes
from `tests/fakes/` (`FakeBotConnector`, `TeamsActivities`, `person`, `served_teams_app`). It
measures, in one process:

1. commands: `promise send the Q3 deck by Friday 3pm` typed in personal chats by `--people`
   people, from POST to the 200 answer (the SDK's JWT validation, the database writes, and the
   reply card posted to the fake Bot Connector), one client at a time and then `--clients`
   clients at once; the same for `help`, which writes only what every message does (its id,
   the person, the chat);
2. refused requests: a token that expired an hour ago, answered 401 (no SQL is sent: checked);
3. proactive delivery: `--deliveries` promise news queued for Teams (as `_tell_the_other` in
   bot/services/promises.py writes them), to people whose chats are remembered, then
   `drain_outbox` until all are sent (`TeamsSender` posts each from its one event loop, in a
   thread of its own, through one HTTP client; that there is one such thread is checked); and
   where a delivery's time goes: `TeamsSender.send` alone (the chat looked up, the card
   rendered and posted), the rest being the outbox's transaction, against one message posted
   from a client in the caller's loop;
4. the process's peak memory (RSS).

Run from the project root:

    .venv/bin/python bench/teams.py [--database sqlite|postgresql] [--messages N]
                                    [--deliveries N] [--people N] [--clients N] [--keep]
                                    [--profile] [--server URL]

SQLite: a file in a temporary directory. PostgreSQL: the database `kept_bench_teams` on the
server of `--server` (by default the tests' one), dropped and made anew at the start and
dropped at the end unless `--keep`. The client threads, the fake Bot Connector and the app
share this process and its GIL, as in the e2e tests: the numbers are the app's plus theirs
(a 401 costs about 1.3 ms of CPU in all, which bounds the clients' share).

`--profile` runs cProfile over the app's threads for 200 commands and over one drain (its
thread and the sender's), in place of the timings. Logging is set up as `python -m bot serve`
does (INFO), into a file in a temporary directory. The app's clock is fixed; the timings are
`time.perf_counter`, the CPU times `time.process_time`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import dataclasses
import io
import logging
import math
import os
import platform
import pstats
import resource
import shlex
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import psycopg  # noqa: E402
from benchkit import SERVER, code, connect, relative, version  # noqa: E402 - beside this script
from microsoft_teams.api import ApiClient  # noqa: E402
from microsoft_teams.api.activities.message import MessageActivityInput  # noqa: E402
from microsoft_teams.common import Client  # noqa: E402
from sqlalchemy import event, func, make_url, select  # noqa: E402

from bot.app import Platforms  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.handlers.teams.sender import TeamsSender  # noqa: E402
from bot.jobs.drain_outbox import drain_outbox  # noqa: E402
from bot.services.nudges import hours_of  # noqa: E402
from bot.services.outbox import PromiseNews, Sent  # noqa: E402
from bot.store import outbox  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import OutboxMessage, Person, Promise  # noqa: E402
from tests.fakes.teams_activities import (  # noqa: E402
    PEOPLE,
    TeamsActivities,
    TeamsUser,
    TokenKind,
    person,
)
from tests.fakes.teams_app import served_teams_app  # noqa: E402
from tests.fakes.teams_connector import (  # noqa: E402
    FakeBotConnector,
    personal_conversation_id,
)

DATABASE = "kept_bench_teams"
# The e2e tests' clock: Tuesday 24 November 2026, 14:00 UTC.
NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
PROMISE = "promise send the Q3 deck by Friday 3pm"
# (zone, locale) of the bench's people, in turn.
ZONES = [
    ("Europe/London", "en-GB"),
    ("America/New_York", "en-US"),
    ("Asia/Kolkata", "en-IN"),
    ("America/Los_Angeles", "en-US"),
    ("Australia/Sydney", "en-AU"),
    ("Africa/Lagos", "en-NG"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--messages", type=int, default=500, help="requests of each kind")
    parser.add_argument("--deliveries", type=int, default=2_000, help="outbox rows to send")
    parser.add_argument("--people", type=int, default=16, help="who type the commands")
    parser.add_argument("--clients", type=int, default=8, help="threads sending at once")
    parser.add_argument("--keep", action="store_true", help="leave the database in place")
    parser.add_argument(
        "--profile", action="store_true", help="cProfile commands and a drain, not time them"
    )
    parser.add_argument("--server", default=SERVER, help="a database URL on the server to use")
    args = parser.parse_args()

    began = time.perf_counter()
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{_database_version(args)}, microsoft-teams-apps {version('microsoft-teams-apps')}, "
        f"uvicorn {version('uvicorn')}, httpx {version('httpx')}"
    )
    print(f"code: {code()}")
    print(
        "load average: " + " ".join(f"{load:.2f}" for load in os.getloadavg()) + " (other work"
        " on the machine makes the numbers worse)"
    )
    print(f"clock: fixed at {NOW.isoformat()}; {args.people} people, {args.clients} clients")
    print()

    with tempfile.TemporaryDirectory(prefix="kept-bench-teams-") as scratch:
        log_file = _log_like_serve(Path(scratch))
        with _database(args, Path(scratch)) as url:
            rows = [] if args.profile else _run(url, args)
            if args.profile:
                _profile(url, args)
        logged = log_file.read_text().splitlines()
    warnings = sum(" WARNING " in line or " ERROR " in line for line in logged)
    print(f"log: {len(logged):,} lines written, {warnings:,} warnings or errors")
    if rows:
        print()
        print("| measure | median | p95 | p99 | rate |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for row in rows:
            print(row)
        print(f"| peak RSS of the process | {_peak_rss_mb():.0f} MB | | | |")
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")


# --- the world ------------------------------------------------------------------------------


class Teams(TeamsActivities):
    """Signed activities as Teams sends them, each kind of token signed once per client.

    The Bot Connector, too, reuses a token until it nears its expiry (an hour); the app checks
    the signature on every request all the same. Signing once keeps the client's RSA signing
    (about a millisecond, under the same GIL) out of the app's numbers.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._tokens: dict[tuple[str, str], str | None] = {}

    def token(self, service_url: str, kind: TokenKind = "valid") -> str | None:
        if (service_url, kind) not in self._tokens:
            self._tokens[service_url, kind] = super().token(service_url, kind)
        return self._tokens[service_url, kind]


@dataclass
class World:
    """The app on loopback and Microsoft's side of it faked: `teams_world`, with more people."""

    connector: FakeBotConnector
    platforms: Platforms
    clock: FixedClock
    url: str
    people: list[TeamsUser]


@contextmanager
def _world(database_url: str, people: int) -> Iterator[World]:
    """As tests/e2e/conftest.py's `teams_world` builds it, with `people` more members."""
    clock = FixedClock(NOW)
    crowd = [person(f"Bench Person {n:03d}", *ZONES[n % len(ZONES)]) for n in range(1, people + 1)]
    with (
        FakeBotConnector(members=[*PEOPLE, *crowd]) as connector,
        served_teams_app(database_url, clock, connector) as (platforms, url),
    ):
        yield World(connector, platforms, clock, url, crowd)


@contextmanager
def _database(args: argparse.Namespace, scratch: Path) -> Iterator[str]:
    """A freshly migrated database's URL: a SQLite file, or `kept_bench_teams`."""
    if args.database == "sqlite":
        directory = Path(tempfile.mkdtemp(prefix="kept-bench-teams-db-")) if args.keep else scratch
        url = f"sqlite:///{directory / 'kept.db'}"
    else:
        url = make_url(args.server).set(database=DATABASE).render_as_string(hide_password=False)
        with connect(args.server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{DATABASE}"')
    database = Database(url)
    database.upgrade()
    database.dispose()
    try:
        yield url
    finally:
        if args.keep:
            print(f"kept the database: {make_url(url).render_as_string(hide_password=True)}")
        elif args.database == "postgresql":
            with connect(args.server) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


# --- the measures ---------------------------------------------------------------------------


def _run(url: str, args: argparse.Namespace) -> list[str]:
    rows: list[str] = []
    with (
        _world(url, args.people) as world,
        _clients(world, args.clients) as (builder, clients),
    ):
        n, c = args.messages, args.clients
        measures: list[tuple[str, str, int, TokenKind]] = [
            ("`promise …`, one client", PROMISE, 1, "valid"),
            (f"`promise …`, {c} clients", PROMISE, c, "valid"),
            ("`help`, one client", "help", 1, "valid"),
            (f"`help`, {c} clients", "help", c, "valid"),
            ("expired token → 401, one client", PROMISE, 1, "expired"),
            (f"expired token → 401, {c} clients", PROMISE, c, "expired"),
        ]
        for name, text, threads, auth in measures:
            activities = _messages(world, builder, text, n)
            rows.append(_requests(world, name, activities, clients[:threads], auth))
        rows.append(_deliveries(world, args.deliveries))
    return rows


@contextmanager
def _clients(world: World, count: int) -> Iterator[tuple[Teams, list[Teams]]]:
    """One client that builds the activities (their ids must be unique) and `count` that post.

    Each person says hello first: the app meets them, remembers their chat, and fetches the
    Bot Framework keys; none of that is timed.
    """
    service_url = world.connector.service_url
    builder = Teams(world.url, service_url, world.clock.now)
    clients = [Teams(world.url, service_url, world.clock.now) for _ in range(count)]
    for client in [builder, *clients]:  # signed before any clock starts
        client.token(service_url)
        client.token(service_url, "expired")
    for member in world.people:
        assert builder.personal_message(member, "help").status_code == 200
    try:
        yield builder, clients
    finally:
        for client in [builder, *clients]:
            client.close()


def _messages(world: World, builder: Teams, text: str, count: int) -> list[dict[str, Any]]:
    """`count` personal messages saying `text`, from the people in turn."""
    people = world.people
    return [builder.build_personal_message(people[n % len(people)], text) for n in range(count)]


def _requests(
    world: World,
    name: str,
    activities: list[dict[str, Any]],
    clients: list[Teams],
    auth: TokenKind,
) -> str:
    """Post the activities from `clients` threads; the latency of each and the rate of all."""
    expected = 401 if auth != "valid" else 200
    before_calls = len(world.connector.calls)
    before_promises = _count(world, Promise)
    statements = _Statements(world.platforms.kept.db.engine)
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def send(client: Teams, share: list[dict[str, Any]]) -> None:
        mine = []
        for activity in share:
            started = time.perf_counter()
            answer = client.post(activity, auth=auth)
            mine.append(time.perf_counter() - started)
            if answer.status_code != expected:
                failures.append(f"{answer.status_code} {answer.text[:200]}")
        with lock:
            latencies.extend(mine)

    threads = [
        threading.Thread(target=send, args=(client, activities[i :: len(clients)]))
        for i, client in enumerate(clients)
    ]
    with statements:
        started, cpu = time.perf_counter(), time.process_time()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu

    assert not failures, f"{len(failures)} unexpected answers, e.g. {failures[0]}"
    calls = len(world.connector.calls) - before_calls
    made = _count(world, Promise) - before_promises
    count = len(activities)
    if expected == 401:
        assert calls == 0 and made == 0 and statements.count == 0, "a refused request did work"
        effect = "no SQL sent, no Connector call"
    else:
        assert calls == count, f"{calls} Connector calls for {count} requests"
        promised = activities[0]["text"] == PROMISE
        assert made == (count if promised else 0), f"{made} promises for {count} requests"
        effect = f"{statements.count / count:.1f} SQL statements and 1 reply posted each"
        if promised:
            effect += ", a promise tracked"
    rate = count / elapsed
    median, p95, p99 = (_percentile(latencies, p) * 1000 for p in (50, 95, 99))
    print(
        f"{name}: {count:,} requests in {elapsed:.2f} s = {rate:,.0f}/s; median {median:.2f} ms,"
        f" p95 {p95:.2f} ms, p99 {p99:.2f} ms, max {max(latencies) * 1000:.1f} ms; CPU"
        f" {cpu / count * 1000:.1f} ms a request ({effect})"
    )
    return f"| {name} | {median:.1f} ms | {p95:.1f} ms | {p99:.1f} ms | {rate:,.0f} requests/s |"


def _deliveries(world: World, count: int) -> str:
    """Queue `count` promise news for Teams, then drain the outbox until all are sent."""
    kept, clock = world.platforms.kept, world.clock
    _queue(world, count)
    sends = len(world.connector.calls_to("send"))
    started, cpu = time.perf_counter(), time.process_time()
    runs = handled = 0
    while delivered := drain_outbox(kept.db, kept.senders, clock, hours_of(kept)):
        runs += 1
        handled += delivered
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    sent = _count(world, OutboxMessage, OutboxMessage.status == "sent")
    posted = len(world.connector.calls_to("send")) - sends
    assert handled == sent == posted == count, f"{handled} handled, {sent} sent, {posted} posted"
    chats = world.connector.calls_to("create_conversation")
    loops = [thread for thread in threading.enumerate() if thread.name == "teams-sender"]
    assert len(loops) == 1, f"{len(loops)} sender threads"
    rate = count / elapsed
    print(
        f"deliveries: {count:,} promise news queued, drained in {runs} runs of drain_outbox:"
        f" {elapsed:.2f} s = {rate:,.0f} messages/s, {elapsed / count * 1000:.2f} ms each, CPU"
        f" {cpu / count * 1000:.1f} ms each"
        f" ({posted:,} posted to the Connector, {len(chats)} chats started, one sender thread)"
    )
    _delivery_parts(world, elapsed / count * 1000)
    return (
        f"| proactive delivery ({count:,} queued, drained) | {elapsed / count * 1000:.1f} ms"
        f" each | | | {rate:,.0f} messages/s |"
    )


def _queue(world: World, count: int) -> None:
    """`count` promise news for Teams in one unit of work, as `_tell_the_other` writes them:
    each to someone of the crowd other than the promise's owner, whose chat Kept knows."""
    with world.platforms.kept.db.unit_of_work() as session:
        people = {p.user_id: p for p in session.scalars(select(Person))}
        promises = list(session.scalars(select(Promise).order_by(Promise.id)))
        assert promises, "no promises to tell anyone about"
        for n in range(count):
            promise = promises[n % len(promises)]
            owner = promise.owner
            them = world.people[(n + 1) % len(world.people)]
            if them.aad_object_id == owner.user_id:
                them = world.people[(n + 2) % len(world.people)]
            recipient = people[them.aad_object_id]
            outbox.enqueue(
                session,
                key=f"promise:{promise.id}:made:bench-{n}",
                platform=recipient.platform,
                workspace_id=recipient.workspace_id,
                recipient=recipient.user_id,
                payload=PromiseNews(
                    news="made",
                    promise_id=promise.id,
                    by=owner.display_name,
                    by_ref=owner.user_id,
                    what=promise.what,
                    due=promise.due_at,
                    zone=recipient.timezone,
                    note="",
                ),
                now=world.clock.now(),
            )


def _delivery_parts(world: World, drain_ms: float) -> None:
    """Where a drained delivery's `drain_ms` go: `TeamsSender.send` alone, again and again with
    one of the drained messages (its chat looked up in one unit of work, the card rendered,
    then posted from the sender's event loop through its client), the rest being the outbox's
    transaction (the row claimed, then marked sent); and one post alone, from a client kept in
    the caller's own event loop, with no database and no hop between threads."""
    kept = world.platforms.kept
    app = world.platforms.teams.app if world.platforms.teams else None
    assert app is not None
    sender = next(s for s in kept.senders if isinstance(s, TeamsSender))
    count = 200
    with kept.db.unit_of_work() as session:
        row = session.scalars(
            select(OutboxMessage).where(OutboxMessage.status == "sent").limit(1)
        ).one()
        delivery = dataclasses.replace(outbox.delivery_of(row), attempts=0)
    cpu = time.process_time()
    send_ms = _mean_ms(count, lambda: sender.send(delivery))
    send_cpu = (time.process_time() - cpu) / count * 1000
    assert sender.send(delivery) == Sent()

    conversation = personal_conversation_id(world.people[0].id)
    message = MessageActivityInput.model_validate({"type": "message", "text": "hi"})

    async def posts() -> float:
        http = Client()
        api = ApiClient(
            world.connector.service_url, http, cloud=app.cloud, token_provider=app.token_provider
        )
        await api.conversations.create_activity(conversation, message)  # connected
        started = time.perf_counter()
        for _ in range(count):
            await api.conversations.create_activity(conversation, message)
        took = (time.perf_counter() - started) / count * 1000
        await http.http.aclose()
        return took

    post_ms = asyncio.run(posts())
    print(
        f"per delivery (mean of {count} each): TeamsSender.send {send_ms:.2f} ms (CPU"
        f" {send_cpu:.2f} ms), so the outbox's claim and record take the other"
        f" {drain_ms - send_ms:.2f} ms of the drain's {drain_ms:.2f} ms; one post alone, from a"
        f" client in the caller's loop, {post_ms:.2f} ms"
    )


def _profile(url: str, args: argparse.Namespace) -> None:
    """cProfile the app's threads over `promise …` commands, and the drain, in place of timings.

    Python 3.11 cannot switch a profiler on in threads already running, so a hook is set for
    every thread started from here: while the gate is open for the commands, the server's
    thread (uvicorn's loop, where the SDK checks tokens and posts replies) and the
    `asyncio.to_thread` workers (the database) each start a profiler of their own; while it is
    open for the drain, the sender's thread (`teams-sender`, started by the first delivery:
    its loop, where the cards are posted) does; the fake Connector's threads are left out.
    """
    gate: list[str] = []  # the phase whose threads to profile, while open
    profiles: dict[str, list[cProfile.Profile]] = {"commands": [], "drain": []}
    lock = threading.Lock()

    def profiled(name: str) -> str | None:
        if gate == ["commands"] and (name.endswith("(run)") or name.startswith("asyncio")):
            return "commands"
        if gate == ["drain"] and name == "teams-sender":
            return "drain"
        return None

    def hook(frame: Any, event_name: str, arg: Any) -> None:
        if not gate:
            return
        phase = profiled(threading.current_thread().name)
        if phase is None:
            sys.setprofile(None)
            return
        profile = cProfile.Profile()
        with lock:
            profiles[phase].append(profile)
        profile.enable()

    count = min(args.messages, 200)
    threading.setprofile(hook)
    with (
        _world(url, args.people) as world,
        _clients(world, 1) as (builder, _),
    ):
        activities = _messages(world, builder, PROMISE, count)
        gate.append("commands")
        started = time.perf_counter()
        for activity in activities:
            assert builder.post(activity).status_code == 200
        commands = time.perf_counter() - started
        gate.clear()

        kept = world.platforms.kept
        deliveries = min(args.deliveries, 500)
        _queue(world, deliveries)
        drain = cProfile.Profile()
        gate.append("drain")
        started = time.perf_counter()
        drain.enable()
        handled = drain_outbox(kept.db, kept.senders, world.clock, hours_of(kept))
        drain.disable()
        drained = time.perf_counter() - started
        gate.clear()
        threading.setprofile(None)
    assert handled == deliveries
    assert len(profiles["drain"]) == 1, f"{len(profiles['drain'])} sender threads"
    print(
        f"profile of {count} `promise …` commands, one client ({commands:.2f} s under cProfile;"
        f" {len(profiles['commands'])} app threads: the server's loop and its workers):"
    )
    _print_stats(pstats.Stats(*profiles["commands"]))
    print(
        f"profile of one drain ({handled} delivered in {drained:.2f} s under cProfile), the"
        " drain's thread (the database, and waiting for each post):"
    )
    _print_stats(pstats.Stats(drain))
    print(
        "the sender's thread over the same drain (its loop's wait for the next delivery, in"
        " select, included):"
    )
    _print_stats(pstats.Stats(*profiles["drain"]))


def _print_stats(stats: pstats.Stats) -> None:
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    print(out.getvalue())


# --- helpers --------------------------------------------------------------------------------


class _Statements:
    """Counts the SQL statements an engine sends while the block runs."""

    def __init__(self, engine: Any) -> None:
        self.engine, self.count, self._lock = engine, 0, threading.Lock()

    def _seen(self, *_: Any) -> None:
        with self._lock:  # the app's worker threads send them side by side
            self.count += 1

    def __enter__(self) -> _Statements:
        event.listen(self.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: Any) -> None:
        event.remove(self.engine, "before_cursor_execute", self._seen)


def _count(world: World, model: Any, *where: Any) -> int:
    with world.platforms.kept.db.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _mean_ms(count: int, work: Callable[[], Any]) -> float:
    started = time.perf_counter()
    for _ in range(count):
        work()
    return (time.perf_counter() - started) / count * 1000


def _percentile(values: list[float], percent: float) -> float:
    """Nearest rank: with 500 values, p99 is the 495th."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * percent / 100) - 1)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _log_like_serve(directory: Path) -> Path:
    """Log as `python -m bot serve` does (INFO and up, same format), into a file."""
    path = directory / "kept.log"
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        filename=str(path),
        force=True,
    )
    return path


def _database_version(args: argparse.Namespace) -> str:
    if args.database == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (a file, WAL)"
    with connect(args.server) as admin:
        row = admin.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {row[0] if row else '?'}, psycopg {psycopg.__version__}"


if __name__ == "__main__":
    main()
