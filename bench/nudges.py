"""How the nudge sweep holds up with a million open promises in PostgreSQL.

Loads its own database (1,000,000 open promises owned by 10,000 people in ten time zones and
teams of ten, due over the next 60 days, each waiting for its next nudge as the product plans
it), then measures what issue 5 asks: the sweep tick when nothing is due, the nudges planned
per second when 10,000 come due at once, and the clock process's peak memory. Run from the
project root:

    .venv/bin/python bench/nudges.py [--promises N] [--people N] [--burst N] [--ticks N]
                                     [--bursts N] [--keep] [--profile] [--server URL]

The database (`kept_bench_nudges` on the server of `--server`, by default the tests' one) is
dropped and loaded again each run; `--keep` reuses it when it already holds the same load (the
burst's changes are undone at the start and at the end). It is left in place afterwards.
The load runs in a child process, so the peak memory printed is the sweep's alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import math
import multiprocessing
import os
import platform
import pstats
import queue
import random
import resource
import shlex
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import psycopg  # noqa: E402
from benchkit import SERVER, code, connect, relative, version  # noqa: E402 - beside this script
from sqlalchemy import event, make_url, text  # noqa: E402

from bot.bootstrap import Kept, build  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.domain.nudges import Subject, schedule  # noqa: E402
from bot.jobs.sweep_nudges import sweep_nudges as sweep  # noqa: E402
from bot.services.nudges import hours_of, plan_of  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store.db import Database, alembic_config  # noqa: E402

DATABASE = "kept_bench_nudges"
# The clock of the whole run: a Tuesday afternoon in Europe, morning in the Americas.
NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
SEED = 20261124
INDEX = "ix_promises_next_nudge_at_open"
TEAM = 10  # people a team

# (zone, share of people, locale)
ZONES = [
    ("America/New_York", 25, "en-US"),
    ("America/Los_Angeles", 12, "en-US"),
    ("Europe/London", 14, "en-GB"),
    ("Europe/Berlin", 12, "de-DE"),
    ("Asia/Kolkata", 15, "en-IN"),
    ("America/Sao_Paulo", 6, "pt-BR"),
    ("Asia/Tokyo", 5, "ja-JP"),
    ("Australia/Sydney", 5, "en-AU"),
    ("Africa/Lagos", 3, "en-NG"),
    ("UTC", 3, None),
]
THINGS = [
    "the Q3 numbers",
    "the revised quote",
    "the deck",
    "a fix for the login bug",
    "the contract",
    "the onboarding checklist",
    "the invoice",
    "feedback on the draft",
    "the test plan",
    "the release notes",
    "the renewal offer",
    "the data export",
    "a call summary",
]
CUSTOMERS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Ltd"]
PROMISE_COLUMNS = (
    "id, owner_id, counterpart_id, customer_name, what, due_at, due_grain, status, source,"
    " source_ref, next_nudge_at, nudge_stage, created_at, updated_at, closed_at"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--promises", type=int, default=1_000_000, help="open promises to load")
    parser.add_argument("--people", type=int, default=10_000, help="their owners")
    parser.add_argument("--burst", type=int, default=10_000, help="promises due at once")
    parser.add_argument("--ticks", type=int, default=50, help="idle sweeps to time")
    parser.add_argument("--bursts", type=int, default=5, help="bursts to time, one sweep each")
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database")
    parser.add_argument("--profile", action="store_true", help="cProfile one more burst")
    parser.add_argument("--server", default=SERVER, help="a database URL on the server to use")
    args = parser.parse_args()

    began = time.perf_counter()
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    url = make_url(args.server).set(database=DATABASE).render_as_string(hide_password=False)
    with connect(args.server) as admin:
        server_version = _scalar(admin, "SHOW server_version")
        shared_buffers = _scalar(admin, "SHOW shared_buffers")
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL "
        f"{server_version} (shared_buffers {shared_buffers}), SQLAlchemy "
        f"{version('sqlalchemy')}, psycopg {psycopg.__version__}"
    )
    print(f"code: {code()}")
    print(
        "load average: " + " ".join(f"{load:.2f}" for load in os.getloadavg()) + " (other work"
        " on the machine makes the numbers worse)"
    )
    print(f"clock: fixed at {NOW.isoformat()} (a Tuesday); config/kept.toml's nudge plan")
    print()

    _prepare(url, args)

    kept = build(load_settings({"DATABASE_URL": url}), FixedClock(NOW))
    rss_start = _peak_rss_mb()
    idle, plan = _idle(kept, args.ticks)
    rates = []
    for number in range(1, args.bursts + 1):
        if number > 1:
            _restore(url)
        rates.append(_burst(kept, url, args.burst, number))
    rate = statistics.median(rates)
    print(
        f"burst rate, median of {len(rates)}: {rate:,.0f} nudges planned/s "
        f"(slowest {min(rates):,.0f}/s)   (target: ≥ 2,000/s)"
    )
    rss_peak = _peak_rss_mb()
    print(
        f"memory: peak RSS of this process {rss_peak:.0f} MB after the bursts "
        f"({rss_start:.0f} MB before the first sweep; the load ran in a child process)"
    )
    if args.profile:
        _profile(kept, url, args.burst)
    _restore(url)
    kept.db.dispose()
    print("load average at the end: " + " ".join(f"{load:.2f}" for load in os.getloadavg()))

    print()
    print("| measure | result | target |")
    print("| --- | ---: | ---: |")
    print(f"| idle tick, median ({args.ticks} ticks) | {idle[0]:.2f} ms | |")
    print(f"| idle tick, p99 | {idle[1]:.2f} ms | < 20 ms |")
    print(f"| sweep's query uses `{INDEX}` | {'yes' if plan else 'NO'} | yes |")
    print(
        f"| burst: {args.burst:,} due at once, one sweep (median of {len(rates)}) | "
        f"{args.burst / rate:.2f} s, {rate:,.0f} nudges/s | ≥ 2,000 nudges/s |"
    )
    print(f"| slowest burst | {min(rates):,.0f} nudges/s | |")
    print(f"| peak RSS of the clock process | {rss_peak:.0f} MB | |")
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s")


# --- the database ---------------------------------------------------------------------------


def _prepare(url: str, args: argparse.Namespace) -> None:
    if args.keep and _loaded(url, args):
        _restore(url)
        print(f"load: reusing {DATABASE} ({args.promises:,} promises, {args.people:,} people)")
        return
    with connect(args.server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    started = time.perf_counter()
    database = Database(url)
    database.upgrade()
    database.dispose()
    migrated = time.perf_counter() - started
    # In a child process, so that its memory is not counted as the sweep's.
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    loader = context.Process(target=_load, args=(url, args.promises, args.people, results))
    loader.start()
    while True:
        try:
            report = results.get(timeout=1)
            break
        except queue.Empty:
            if not loader.is_alive():
                sys.exit(f"the load failed (exit code {loader.exitcode})")
    loader.join()
    total = time.perf_counter() - started
    print(
        f"load: {args.promises:,} promises and {args.people:,} people in {total:.1f} s "
        f"(migrate {migrated:.1f} s, people and teams {report['people']:.1f} s, promises COPY "
        f"{report['promises']:.1f} s = {args.promises / report['promises']:,.0f} rows/s, "
        f"VACUUM ANALYZE {report['analyze']:.1f} s); table {report['size']}, "
        f"index {INDEX} {report['index_size']}"
    )
    print(f"      waiting for: {report['stages']}")


def _loaded(url: str, args: argparse.Namespace) -> bool:
    """Whether the database holds this load, migrated by this code's migrations."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    try:
        with connect(url) as connection:
            revision = _scalar(connection, "SELECT version_num FROM alembic_version")
            promises = _scalar(connection, "SELECT count(*) FROM promises")
            people = _scalar(connection, "SELECT count(*) FROM people")
    except psycopg.Error:
        return False
    return bool(revision == head and promises == args.promises and people == args.people)


def _load(url: str, promises: int, people: int, results: Any) -> None:
    """Fill the database with COPY: people, then open promises as the product plans them."""
    kept = build(load_settings({"DATABASE_URL": url}), FixedClock(NOW))
    kept.db.dispose()
    rng = random.Random(SEED)
    report: dict[str, Any] = {}
    with connect(url) as connection:
        started = time.perf_counter()
        zones = rng.choices([z for z, _, _ in ZONES], [w for _, w, _ in ZONES], k=people)
        locales = {zone: locale for zone, _, locale in ZONES}
        joined = NOW - timedelta(days=90)
        with connection.cursor() as cursor:
            with cursor.copy(
                "COPY people (id, platform, workspace_id, user_id, display_name, timezone,"
                " locale, is_bot, created_at, updated_at) FROM STDIN"
            ) as copy:
                for number, zone in enumerate(zones, 1):
                    user = f"U{number:08d}"
                    person = (number, "slack", "T0BENCH", user, f"Person {number}", zone)
                    copy.write_row((*person, locales[zone], False, joined, joined))
            cursor.execute("SELECT setval('people_id_seq', %s)", (people,))
            # Teams of ten, each managed by its first member: whom escalations would go to.
            with cursor.copy(
                "COPY teams (id, platform, workspace_id, name, manager_id, channel_ref,"
                " created_at) FROM STDIN"
            ) as copy:
                for team in range(1, people // TEAM + 1):
                    manager = (team - 1) * TEAM + 1
                    copy.write_row(
                        (team, "slack", "T0BENCH", f"Team {team}", manager, None, joined)
                    )
            with cursor.copy("COPY team_members (team_id, person_id) FROM STDIN") as copy:
                for number in range(1, people // TEAM * TEAM + 1):
                    copy.write_row(((number - 1) // TEAM + 1, number))
            cursor.execute("SELECT setval('teams_id_seq', %s)", (max(1, people // TEAM),))
        report["people"] = time.perf_counter() - started

        started = time.perf_counter()
        stages: dict[str, int] = {}
        columns = PROMISE_COLUMNS
        # A promise's due time as first promised, where the schema has it: the same as now.
        first_due = _scalar(
            connection,
            "SELECT count(*) FROM information_schema.columns"
            " WHERE table_name = 'promises' AND column_name = 'first_due_at'",
        )
        if first_due:
            columns += ", first_due_at"
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY promises ({columns}) FROM STDIN") as copy:
                for row in _promises(rng, promises, zones, kept, stages):
                    copy.write_row((*row, row[5]) if first_due else row)
            cursor.execute("SELECT setval('promises_id_seq', %s)", (promises,))
        report["promises"] = time.perf_counter() - started
        report["stages"] = ", ".join(f"{stage} {count:,}" for stage, count in stages.items())

        started = time.perf_counter()
        # Vacuumed as well as analyzed, as autovacuum would have done (it may be off, and if
        # on, it has nothing left to do while we measure).
        connection.execute("VACUUM ANALYZE")
        report["analyze"] = time.perf_counter() - started
        report["size"] = _scalar(
            connection, "SELECT pg_size_pretty(pg_total_relation_size('promises'))"
        )
        report["index_size"] = _scalar(
            connection, "SELECT pg_size_pretty(pg_relation_size(%s))", (INDEX,)
        )
    results.put(report)


def _promises(
    rng: random.Random, count: int, zones: list[str], kept: Kept, stages: dict[str, int]
) -> Iterator[tuple[Any, ...]]:
    """The rows of `count` open promises, each waiting for its next nudge after NOW."""
    plan, hours = plan_of(kept), hours_of(kept)
    people = len(zones)
    tzs = [ZoneInfo(zone) for zone in zones]
    today = {zone: NOW.astimezone(ZoneInfo(zone)).date() for zone in set(zones)}
    for number in range(1, count + 1):
        owner = rng.randrange(people)
        tz = tzs[owner]
        counterpart, customer = None, None
        if rng.random() < 0.75:  # a co-worker; else a named customer
            counterpart = (owner + rng.randrange(1, people)) % people + 1
        else:
            customer = rng.choice(CUSTOMERS)
        due, grain = _due(rng, today[zones[owner]], tz)
        made = NOW - timedelta(seconds=rng.randrange(3600, 14 * 86400))
        # Where the sweeps up to NOW have left it: the first nudge of its plan still to come
        # (an escalation, the only nudge a manager changes, is never the first one to come).
        nudges = schedule(Subject(made, due, tz, False), plan, hours)
        stage, at = next(((s, at) for s, at in nudges if at > NOW), (None, None))
        stages[str(stage)] = stages.get(str(stage), 0) + 1
        what = f"send {rng.choice(THINGS)} (#{number})"
        source = rng.choice(("command", "detected", "shortcut"))
        waiting = None if stage is None else str(stage)
        promise = (number, owner + 1, counterpart, customer, what, due, grain, "open", source)
        yield (*promise, None, at, waiting, made, made, None)


def _due(rng: random.Random, today: date, tz: ZoneInfo) -> tuple[datetime, str]:
    """A due time in the next 60 days: mostly a bare day (17:00), else a time of day."""
    day = today + timedelta(days=rng.randrange(0, 60))
    if rng.random() < 0.6:
        due, grain = datetime.combine(day, clock_time(17, 0), tzinfo=tz), "day"
    else:
        minutes = rng.randrange(8 * 4, 19 * 4) * 15  # 08:00 to 18:45, some outside hours
        due = datetime.combine(day, clock_time(minutes // 60, minutes % 60), tzinfo=tz)
        grain = "minute"
    if due <= NOW + timedelta(hours=1):
        due += timedelta(days=1)  # promises are made for later, not for the past
    return due, grain


def _restore(url: str) -> None:
    """Undo a burst: its promises as they were, no nudges queued, no dead rows left.

    Vacuumed here, so that each burst starts from the same table: the dead index entries of
    the bursts before would otherwise slow the next one down (and autovacuum may be off).
    """
    with connect(url) as connection:
        saved = _scalar(connection, "SELECT to_regclass('bench_burst')")
        if saved is not None:
            connection.execute(
                "UPDATE promises p SET due_at = b.due_at, next_nudge_at = b.next_nudge_at,"
                " nudge_stage = b.nudge_stage FROM bench_burst b WHERE p.id = b.id"
            )
            connection.execute("DROP TABLE bench_burst")
        connection.execute("TRUNCATE outbox, promise_events")
        connection.execute("VACUUM ANALYZE promises, outbox, promise_events")


def _scalar(connection: psycopg.Connection[Any], query: str, params: Any = None) -> Any:
    """The first column of the first row of a query's answer."""
    row = connection.execute(query, params).fetchone()
    assert row is not None
    return row[0]


# --- the measures ---------------------------------------------------------------------------


def _idle(kept: Kept, ticks: int) -> tuple[tuple[float, float], bool]:
    """Median and p99 of a sweep with nothing due, and whether its query uses the index."""
    with kept.db.engine.connect() as connection:
        due = connection.execute(
            text("SELECT count(*) FROM promises WHERE status = 'open' AND next_nudge_at <= :now"),
            {"now": NOW},
        ).scalar_one()
    assert due == 0, f"{due} promises due before the idle ticks"
    queries: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM promises" in statement and "FOR UPDATE" in statement:
            queries.append((statement, parameters))

    event.listen(kept.db.engine, "before_cursor_execute", capture)
    assert sweep(kept) == 0  # the first one connects; not timed
    event.remove(kept.db.engine, "before_cursor_execute", capture)

    times = []
    for _ in range(ticks):
        started = time.perf_counter()
        queued = sweep(kept)
        times.append((time.perf_counter() - started) * 1000)
        assert queued == 0
    median, p99 = statistics.median(times), _percentile(times, 99)
    print(
        f"idle tick (nothing due, {ticks} sweeps): median {median:.2f} ms, p99 {p99:.2f} ms, "
        f"min {min(times):.2f} ms, max {max(times):.2f} ms   (target: under 20 ms)"
    )

    statement, parameters = queries[0]
    print()
    print("the sweep's query, as sent:")
    print("    " + " ".join(statement.split()))
    print("EXPLAIN (ANALYZE, BUFFERS), nothing due:")
    with kept.db.engine.connect() as connection:
        lines = [
            row[0]
            for row in connection.exec_driver_sql(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters
            )
        ]
        connection.rollback()
    for line in lines:
        print("    " + line)
    uses_index = any(INDEX in line for line in lines)
    print(f"uses {INDEX}: {'yes' if uses_index else 'NO'}")
    print()
    return (median, p99), uses_index


def _burst(kept: Kept, url: str, count: int, number: int) -> float:
    """Time one sweep that queues `count` nudges come due at once; nudges planned a second."""
    zones = _make_due(kept, url, count)
    started = time.perf_counter()
    queued = sweep(kept)
    elapsed = time.perf_counter() - started
    with connect(url) as connection:
        outbox = _scalar(connection, "SELECT count(*) FROM outbox")
        events = _scalar(connection, "SELECT count(*) FROM promise_events WHERE kind = 'nudged'")
        left = _scalar(
            connection,
            "SELECT count(*) FROM promises WHERE status = 'open' AND next_nudge_at <= %s",
            (NOW,),
        )
        next_stages = connection.execute(
            "SELECT p.nudge_stage, count(*) FROM promises p JOIN bench_burst b USING (id)"
            " GROUP BY 1 ORDER BY 2 DESC"
        ).fetchall()
    print(
        f"burst {number}: {count:,} promises due at {(NOW - timedelta(minutes=5)):%H:%M} UTC "
        f"(owners in {zones}), one sweep: {elapsed:.2f} s, {queued:,} queued = "
        f"{queued / elapsed:,.0f} nudges planned/s"
    )
    print(
        f"       outbox rows {outbox:,}, 'nudged' events {events:,}, still due {left}, now "
        f"waiting for: {', '.join(f'{stage} {n:,}' for stage, n in next_stages)}"
    )
    assert queued == count and outbox == count and events == count and left == 0, "burst lost"
    return queued / elapsed


def _make_due(kept: Kept, url: str, count: int) -> str:
    """Make `count` promises due now: the deadline of each (5 minutes ago) has come.

    Their owners are in zones where 5 minutes ago is working time, so the deadline's question
    is due now, not moved to the next morning. Spread over the table, not side by side.
    """
    hours = hours_of(kept)
    due = NOW - timedelta(minutes=5)
    zones = [zone for zone, _, _ in ZONES if hours.next_slot_from(due, ZoneInfo(zone)) == due]
    with connect(url) as connection:
        total = _scalar(
            connection,
            "SELECT count(*) FROM promises p JOIN people o ON o.id = p.owner_id"
            " WHERE o.timezone = ANY(%s)",
            (zones,),
        )
        stride = max(1, total // count)
        connection.execute(
            "CREATE TABLE bench_burst AS SELECT p.id, p.due_at, p.next_nudge_at, p.nudge_stage"
            " FROM promises p JOIN people o ON o.id = p.owner_id WHERE o.timezone = ANY(%s)"
            " AND p.id %% %s = 0 ORDER BY p.id LIMIT %s",
            (zones, stride, count),
        )
        changed = connection.execute(
            "UPDATE promises p SET due_at = %s, next_nudge_at = %s, nudge_stage = 'at_deadline'"
            " FROM bench_burst b WHERE p.id = b.id",
            (due, due),
        ).rowcount
        connection.execute("ANALYZE bench_burst")
    assert changed == count, f"only {changed} promises made due"
    return ", ".join(zone.split("/")[-1] for zone in zones)


def _profile(kept: Kept, url: str, count: int) -> None:
    _restore(url)
    _make_due(kept, url, count)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    queued = sweep(kept)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print()
    print(f"profile of one more burst ({queued:,} queued in {elapsed:.2f} s under cProfile):")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("tottime").print_stats(25)
    stats.sort_stats("cumulative").print_stats(30)
    print(out.getvalue())


def _percentile(values: list[float], percent: float) -> float:
    """Nearest rank: with 50 values, p99 is the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(len(ordered) * percent / 100) - 1)]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


if __name__ == "__main__":
    main()
