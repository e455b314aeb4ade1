"""What the benchmarks share: a PostgreSQL connection, the lines that say what ran where, and for
the HTTP benches a fake Slack that stamps its calls, servers in subprocesses and open-loop load."""

from __future__ import annotations

import asyncio
import math
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version as installed
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import psycopg
from sqlalchemy.engine import make_url

from tests.fakes.slack_api import DEFAULT_TOKEN, Call, FakeSlackAPI
from tests.fakes.slack_requests import USER_AGENT, SlackRequests, sign

ROOT = Path(__file__).resolve().parent.parent
# The PostgreSQL server the benchmarks make their databases on: the tests' one.
SERVER = os.environ.get(
    "KEPT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def connect(url: str) -> psycopg.Connection[Any]:
    """A plain psycopg connection (autocommit) to the database of a SQLAlchemy URL."""
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        dbname=parsed.database,
        autocommit=True,
    )


def code() -> str:
    """The commit measured, and whether the working tree differs from it under bot/."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("log", "-1", "--format=%h %s")
    if not commit:
        return "not a git checkout"
    count = len(git("status", "--porcelain", "--", "bot").splitlines())
    return commit + (f" + {count} uncommitted changes under bot/" if count else "")


def relative(path: str) -> str:
    """The interpreter as typed from the project root (.venv/bin/python), else as it is."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def version(package: str) -> str:
    return installed(package)


# ------------------------------------------------------------------ what the HTTP benches share


def machine() -> str:
    """The line that says what ran where, and that the numbers are one shared machine's."""
    return (
        f"code: {code()}; {os.cpu_count()} cores, Python {sys.version.split()[0]}; the bench,"
        " the fake Slack and Kept share this machine, and other jobs may run on it too"
        f" ({busy()})"
    )


def busy() -> str:
    """How busy the machine is: its load average over the last minute and five."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} over 1 min, {five:.1f} over 5"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (0.5: the median, 0.99: p99) of a non-empty sequence."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def fresh_database(name: str, server: str = SERVER) -> str:
    """The URL of database `name` on the PostgreSQL server, dropped and made again."""
    with connect(server) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    return make_url(server).set(database=name).render_as_string(hide_password=False)


class StampedSlack(FakeSlackAPI):
    """The tests' fake Slack on the real clock, noting when (epoch seconds) each call arrived."""

    def __init__(self) -> None:
        super().__init__(clock=time.time)
        self.stamps: list[tuple[float, Call]] = []

    def _record(self, call: Call) -> None:
        self.stamps.append((time.time(), call))
        super()._record(call)

    def wait_quiet(self, quiet: float, most: float) -> bool:
        """Until no call arrived for `quiet` seconds; False when still busy after `most`."""
        end = time.monotonic() + most
        while time.monotonic() < end:
            last = self.stamps[-1][0] if self.stamps else 0.0
            if time.time() - last >= quiet:
                return True
            time.sleep(0.1)
        return False


class Served:
    """A server in a subprocess (`python -m bot serve`, a bare Bolt app…), its output in a log,
    ready once GET /healthz answers 200."""

    def __init__(self, name: str, argv: Sequence[str], env: dict[str, str], log: Path) -> None:
        self.name, self.argv, self.env, self.log = name, list(argv), env, log
        self.base = f"http://127.0.0.1:{env['PORT']}" if "PORT" in env else ""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, ready: Callable[[], bool] | None = None) -> float:
        """Starts it; the epoch seconds when it was ready: its /healthz answered, or `ready`
        (for a process that listens on no port) said so."""
        with self.log.open("ab") as out:
            self._process = subprocess.Popen(
                self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self._process.returncode}: {self.log}")
            if ready() if ready is not None else self._healthy():
                return time.time()
            time.sleep(0.05)
        raise SystemExit(f"{self.name} was not ready within 60 s; see {self.log}")

    def _healthy(self) -> bool:
        try:
            return httpx.get(self.base + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def cpu_seconds(self) -> float:
        """The processor time it and the processes it started (web processes) have used so
        far, user and system (Linux); NaN elsewhere."""
        if self._process is None or not Path("/proc/self/stat").exists():
            return math.nan
        stats = _process_stats()
        family, grew = {self._process.pid}, True
        while grew:
            more = {pid for pid, (parent, _) in stats.items() if parent in family} - family
            family, grew = family | more, bool(more)
        ticks = sum(stats[pid][1] for pid in family if pid in stats)
        return ticks / os.sysconf("SC_CLK_TCK")

    def said(self, words: str) -> bool:
        """Whether its log holds `words` yet."""
        return words in self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self._process is not None:
            stop(self._process)

    def trouble(self) -> list[str]:
        """The log's lines that say something went wrong (errors, warnings, tracebacks)."""
        lines = self.log.read_text(errors="replace").splitlines()
        flags = (" ERROR ", " WARNING ", " CRITICAL ", "Traceback", "ERROR:", "WARNING:")
        return [line for line in lines if any(flag in line for flag in flags)]


def _process_stats() -> dict[int, tuple[int, int]]:
    """Each process's parent and processor time so far (user and system, in ticks), by pid."""
    stats = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the name (may hold spaces)
        except OSError:  # gone since the listing
            continue
        stats[int(stat.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    return stats


def kept_env(
    database_url: str, slack: FakeSlackAPI, secret: str, web_processes: int = 1
) -> dict[str, str]:
    """The environment of `python -m bot …` against the fake Slack, on a port of its own,
    `serve` in `web_processes` processes."""
    # Slack over HTTP with one token, and no Teams, whatever this shell has set.
    unset = ("SLACK_APP_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "CLIENT_ID", "TENANT_ID")
    env = {k: v for k, v in os.environ.items() if k not in (*unset, "CLIENT_SECRET")}
    env.update(
        DATABASE_URL=database_url,
        SLACK_BOT_TOKEN=DEFAULT_TOKEN,
        SLACK_SIGNING_SECRET=secret,
        SLACK_API_URL=slack.base_url,
        PORT=str(free_port()),
        KEPT_CONFIG=str(ROOT / "config" / "kept.toml"),
        PYTHONUNBUFFERED="1",
        WEB_CONCURRENCY=str(web_processes),
    )
    return env


def kept_command(env: dict[str, str], log: Path, *args: str) -> None:
    """`python -m bot ARGS` to its end (`db upgrade`), its output added to `log`."""
    with log.open("ab") as out:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, stdout=out, stderr=out
        )
    if done.returncode != 0:
        raise SystemExit(f"python -m bot {' '.join(args)} exited with {done.returncode}; see {log}")


# ------------------------------------------------------------------ open-loop load


@dataclass(frozen=True)
class Shot:
    """One request to send at epoch second `at`, whether or not earlier ones were answered."""

    at: float
    body: bytes
    headers: dict[str, str]
    response_url: str = ""


@dataclass(frozen=True)
class Answer:
    """What came back for a Shot: `late` (how long after `at` it went out) and `seconds` (from
    `at` to the answer, or to the error) are seconds; status 0 when no answer came."""

    at: float
    late: float
    status: int
    seconds: float
    error: str = ""

    def acked(self, within: float) -> bool:
        return 200 <= self.status < 300 and self.seconds <= within


def slash_commands(
    rq: SlackRequests, start: float, rate: float, commands: Sequence[tuple[str, str]]
) -> list[Shot]:
    """Signed `/promise TEXT` by USER for each (USER, TEXT), one every 1/rate s from `start`."""
    shots = []
    for n, (user, text) in enumerate(commands):
        at = start + n / rate
        fields = rq.command_fields("/promise", text, user)
        body = urlencode(fields).encode()
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "User-Agent": USER_AGENT,
            **sign(rq.signing_secret, body, int(at)),
        }
        shots.append(Shot(at, body, headers, fields["response_url"]))
    return shots


class OpenLoop:
    """Sends Shots from a process of its own (asyncio and httpx), so that neither the fake Slack
    in this one nor waiting for answers delays a request."""

    def __init__(self) -> None:
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._pool.submit(int).result()  # started before anything is timed

    def fire(self, url: str, shots: Sequence[Shot], timeout: float) -> list[Answer]:
        return self._pool.submit(_fire, url, list(shots), timeout).result()

    def close(self) -> None:
        self._pool.shutdown()


def _fire(url: str, shots: list[Shot], timeout: float) -> list[Answer]:
    return asyncio.run(_fire_all(url, shots, timeout))


async def _fire_all(url: str, shots: list[Shot], timeout: float) -> list[Answer]:
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=100)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as http:

        async def one(shot: Shot) -> Answer:
            began = time.time()
            try:
                answer = await http.post(url, content=shot.body, headers=shot.headers)
                status, error = answer.status_code, ""
            except httpx.HTTPError as failure:
                status, error = 0, type(failure).__name__
            return Answer(shot.at, began - shot.at, status, time.time() - shot.at, error)

        sent = []
        for shot in shots:
            wait = shot.at - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
            sent.append(asyncio.create_task(one(shot)))
        return list(await asyncio.gather(*sent))


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server as an operator would (SIGTERM), killing it if it has not gone in 20 s."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
