"""All teams' weekly digests for a company of 10,000 people and 1,000,000 promises in PostgreSQL.

Loads its own database: 10,000 people in ten zones, 1,000 teams of ten (each managed by one of
them), 1,000,000 promises first due over the 14 weeks around the digest's week (kept on time or
late, renegotiated early or late, cancelled, open), their `created` events, renegotiations,
customers told, nudges, and 200,000 kudos with values. Then builds every team's digest of the
week just ended (the numbers, the 8-week trend, what is at risk next week, the kudos) as the
Monday job does, and prints the total time and the process's peak memory. Run from the root:

    .venv/bin/python bench/digest.py [--people N] [--promises N] [--keep] [--server URL]

The database (`kept_bench_digest` on the server of `--server`, by default the tests' one) is
dropped and loaded again each run unless `--keep`. The load runs in a child process, so the
peak memory printed is the digests' alone. Targets (issue 7): under 10 s and under 300 MB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import shlex
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import psycopg  # noqa: E402
from benchkit import SERVER, connect  # noqa: E402 - beside this script
from sqlalchemy import make_url  # noqa: E402

from bot.bootstrap import build  # noqa: E402
from bot.clock import FixedClock  # noqa: E402
from bot.domain.digest import IsoWeek  # noqa: E402
from bot.services.digest import build_digests  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from bot.store.db import Database  # noqa: E402

DATABASE = "kept_bench_digest"
# Monday 30 November 2026, 09:00 in London: the digests of 2026-W48.
NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
WEEK = IsoWeek.parse("2026-W48")
ZONES = [
    "America/Los_Angeles",
    "America/New_York",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Africa/Lagos",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
]
TEAM_SIZE = 10
KUDOS_PER_PERSON = 20
VALUES = ["teamwork", "empathy", "fairness", "information"]
SEED = 20261130
# Teams per call of build_digests, as the Monday job would take them.
BATCH = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--promises", type=int, default=1_000_000)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database")
    parser.add_argument("--server", default=SERVER)
    args = parser.parse_args()
    print("$ " + shlex.join([sys.executable.replace(str(Path.cwd()) + "/", ""), *sys.argv]))
    url = make_url(args.server).set(database=DATABASE).render_as_string(hide_password=False)
    with connect(args.server) as admin:
        version = admin.execute("SHOW server_version").fetchone()
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()},"
        f" PostgreSQL {version[0] if version else '?'}"
    )
    if not args.keep:
        began = time.perf_counter()
        child = multiprocessing.Process(target=_load, args=(args.server, url, args))
        child.start()
        child.join()
        assert child.exitcode == 0, "the load failed"
        print(f"loaded in {time.perf_counter() - began:.0f} s")

    kept = build(load_settings({"DATABASE_URL": url}), FixedClock(NOW))
    with kept.db.unit_of_work() as session:
        teams = [row[0] for row in session.execute(_sql("SELECT id FROM teams ORDER BY id"))]
    rss_before = _peak_rss_mb()
    began = time.perf_counter()
    due = 0
    for start in range(0, len(teams), BATCH):
        for digest in build_digests(kept, teams[start : start + BATCH], WEEK):
            due += digest.counts.fell_due
    took = time.perf_counter() - began
    print(
        f"{len(teams):,} teams' digests of {WEEK} ({due:,} promises fell due in it):"
        f" {took:.2f} s in all, {took / len(teams) * 1000:.1f} ms a team;"
        f" peak memory {_peak_rss_mb():.0f} MB (before the digests: {rss_before:.0f} MB)"
    )


def _load(server: str, url: str, args: argparse.Namespace) -> None:
    with connect(server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{DATABASE}"')
    database = Database(url)
    database.upgrade()
    database.dispose()
    rng = random.Random(SEED)
    with connect(url) as connection, connection.cursor() as cursor:
        _copy(cursor, "people", _people(args.people))
        teams = args.people // TEAM_SIZE
        _copy(
            cursor,
            "teams",
            (
                (
                    t + 1,
                    "slack",
                    "T1",
                    f"team-{t + 1}",
                    t * TEAM_SIZE + 1,
                    None,
                    NOW - timedelta(days=365),
                )
                for t in range(teams)
            ),
        )
        _copy(
            cursor,
            "team_members",
            ((p // TEAM_SIZE + 1, p + 1) for p in range(teams * TEAM_SIZE)),
        )
        events: list[tuple[Any, ...]] = []
        _copy(cursor, "promises", _promises(rng, args, events))
        _copy(cursor, "promise_events", iter(events))
        events.clear()
        _copy(cursor, "kudos", _kudos(rng, args.people))
        _copy(
            cursor,
            "kudos_values",
            ((k, VALUES[k % len(VALUES)]) for k in range(1, args.people * KUDOS_PER_PERSON + 1)),
        )
        for table in ("people", "teams", "promises", "promise_events", "kudos"):
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            cursor.execute(f"SELECT setval({sequence}, (SELECT max(id) FROM {table}))")
        cursor.execute("VACUUM ANALYZE")


COLUMNS = {
    "people": "id, platform, workspace_id, user_id, display_name, timezone, is_bot, created_at,"
    " updated_at",
    "teams": "id, platform, workspace_id, name, manager_id, channel_ref, created_at",
    "team_members": "team_id, person_id",
    "promises": "id, owner_id, counterpart_id, customer_name, what, due_at, first_due_at,"
    " due_grain, status, source, created_at, updated_at, closed_at",
    "promise_events": "id, promise_id, kind, actor_id, at, data, before_deadline",
    "kudos": "id, giver_id, recipient_id, reason, given_at",
    "kudos_values": "kudos_id, value",
}


def _copy(cursor: psycopg.Cursor[Any], table: str, rows: Iterator[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table} ({COLUMNS[table]}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _people(count: int) -> Iterator[tuple[Any, ...]]:
    made = NOW - timedelta(days=400)
    for n in range(count):
        yield (n + 1, "slack", "T1", f"U{n:08d}", f"person{n}", ZONES[n % 10], False, made, made)


def _promises(
    rng: random.Random, args: argparse.Namespace, events: list[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    """Promises first due over the 10 weeks before the digest's week ends and 4 after."""
    start = WEEK.bounds("UTC")[1] - timedelta(weeks=10)
    span = timedelta(weeks=14).total_seconds()
    event_id = 0

    def event(
        promise: int,
        kind: str,
        actor: int | None,
        at: datetime,
        data: dict[str, Any],
        said: bool | None,
    ) -> None:
        nonlocal event_id
        event_id += 1
        events.append((event_id, promise, kind, actor, at, json.dumps(data), said))

    for n in range(1, args.promises + 1):
        owner = rng.randrange(args.people) + 1
        external = rng.random() < 0.2
        counterpart = None if external else rng.randrange(args.people) + 1
        first_due = start + timedelta(seconds=int(rng.random() * span) // 60 * 60)
        made = first_due - timedelta(days=rng.randint(1, 14))
        due, status, closed = first_due, "open", None
        event(n, "created", owner, made, {"due": first_due.isoformat()}, None)
        roll = rng.random()
        if roll < 0.1:  # renegotiated, early or late
            moved_at = first_due + timedelta(hours=rng.randint(-48, 24))
            due = first_due + timedelta(days=rng.randint(1, 7))
            early = moved_at < first_due
            event(n, "renegotiated", owner, moved_at, {"early": early}, early)
            if external and rng.random() < 0.5:
                event(
                    n,
                    "customer_informed",
                    owner,
                    moved_at + timedelta(hours=1),
                    {"before_deadline": early},
                    early,
                )
        if roll < 0.05:
            pass  # still open at its new date
        elif roll < 0.1 or rng.random() < 0.8:
            closed = due + timedelta(hours=rng.randint(-30, 20))
            status = "done" if closed < NOW else "open"
            closed = closed if status == "done" else None
        elif rng.random() < 0.3:
            status, closed = "cancelled", first_due - timedelta(hours=2)
        if status == "open" and rng.random() < 0.3:
            event(n, "nudged", None, due - timedelta(hours=2), {"stage": "final_check"}, None)
        yield (
            n,
            owner,
            counterpart,
            "Acme" if external else None,
            "send the Q3 deck",
            due,
            first_due,
            "minute",
            status,
            "command",
            made,
            made,
            closed,
        )


def _kudos(rng: random.Random, people: int) -> Iterator[tuple[Any, ...]]:
    start = NOW - timedelta(weeks=8)
    for k in range(1, people * KUDOS_PER_PERSON + 1):
        giver = rng.randrange(people) + 1
        recipient = (giver + rng.randrange(1, people)) % people + 1
        yield (
            k,
            giver,
            recipient,
            "for the help",
            start + timedelta(minutes=rng.randrange(8 * 7 * 24 * 60)),
        )


def _sql(query: str) -> Any:
    from sqlalchemy import text

    return text(query)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


if __name__ == "__main__":
    main()
