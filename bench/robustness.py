"""Black-box robustness run: signed Slack traffic, random and hostile, against the real `serve`.

Starts `python -m bot serve` as a subprocess against a fake Slack Web API served here
(tests/fakes), on SQLite and on PostgreSQL, and sends it requests shaped and signed like
Slack's: slash commands (/promise, /kudos, /digest), Events API callbacks (messages, reactions,
App Home, mentions, retries), block_actions clicks, view_submission forms and the message
shortcut. It first learns, as a user would, the buttons, menus and forms Kept posts to the fake
Slack (their labels, action ids, values and private_metadata), then replays and forges them:
another person's click, ids of other people's promises or of none, a form's private_metadata
with another owner, promise or response_url, hostile text (40,000 characters, @channel, a
disguised link, control characters, RTL, emoji, superscript digits, NUL, a lone surrogate),
impossible dates, malformed signatures and bodies, missing fields. Each known way to forge a form
is also tried once on its own, with values otherwise right. Then races: five identical
Done clicks at once, Done and Cancel at once, Track pressed three times on one "Track this?",
"On track" and "I've told them" replayed, a form submitted twice, kudos past the allowance at
once, one event delivered three times at once; and drains: `tick` beside `serve` (aligned on
SQLite with serve's own minute drain), two `tick`s at once with Slack slow and rate limiting.
`/healthz` is polled every 100 ms throughout. Run from the project root:

    .venv/bin/python bench/robustness.py [--db sqlite|postgres|both] [--requests N]
                                         [--seed N] [--show N] [--server URL]

What it counts, per database:

* attempts: requests sent to /slack/events (signed or not).
* refused in words: hostile or forged requests answered with words that are neither a success
  nor the apology (a reply to the request's response_url, a form error, a DM or ephemeral).
* 5xx, and answers slower than Slack's 3 s (Slack then retries, or shows an error).
* crashes in the log: tracebacks in the output of serve and of every tick.
* rows changed that the actor may not change, read from the database afterwards: every text
  the bench sends carries a tag (`Z0123`), so each promise row is traced to the request that
  made or last wrote it; a promise owned by someone other than its maker, made by an unsigned
  request, or made twice by one request; an event by someone who may not act on that promise
  (only the owner, and for "done" the counterpart); a change applied twice, after the promise
  was closed, or history a replay added ("on track" more than once a due date, "told them"
  without a new date); kudos to oneself, to a bot, past the daily allowance, or a reaction
  counted twice.
* posts to a response_url named by a forged form, replies to unsigned requests.
* messages doubled: tagged messages (chat.postMessage, chat.postEphemeral) that reached the
  same conversation with the same words more than once.
* messages lost: notices that never arrived: a tagged promise's co-worker told of it, a
  tagged kudos' recipient and channel, the deadline question of each promise of the drain race.
* longest /healthz stall: the slowest answer to a poll every 100 ms (a due time of 10,000
  digits stands for the 40,000 characters there: reading digits is quadratic, and 40,000 of
  them freeze serve for minutes).

Targets: 0 for all but "refused in words"; /healthz never above 1 s. The request sequence comes
from the seed (printed); threads and timing make the outcome vary a little between runs.
The logs and the SQLite file stay in the folder printed; the PostgreSQL database
`kept_bench_robustness` (dropped and made again each run) is left in place.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import httpx  # noqa: E402
from benchkit import SERVER, code, connect, relative, stop  # noqa: E402 - beside this script
from sqlalchemy.engine import make_url  # noqa: E402

from tests.fakes.loopback import LoopbackServer, ServedInAThread  # noqa: E402
from tests.fakes.slack_api import Call, FakeSlackAPI  # noqa: E402
from tests.fakes.slack_requests import USER_AGENT, SlackRequests, sign  # noqa: E402

JSON = dict[str, Any]

SEED = 20261202
SECRET = "robustness-bench-signing-secret"
TOKEN = "xoxb-test-token"  # the one the fake accepts
PG_DATABASE = "kept_bench_robustness"
HEALTH_EVERY = 0.1  # seconds between two /healthz polls
SLACK_PATIENCE = 3.0  # Slack gives up on an answer after 3 s
QUIET = 0.7  # a phase is over when the fake Slack heard nothing for this long

ANA, RAJ, BOB = "U00000ANA", "U00000RAJ", "U0000BOB0"
CAT, DAN, EVE = "U0000CAT0", "U0000DAN0", "U0000EVE0"
GONE, ROBOT, KEPT_BOT = "U0000OLD0", "U0000ROB0", "UBOT00001"
PEOPLE = (ANA, RAJ, BOB, CAT, DAN)
TOLD_PEOPLE = (*PEOPLE, EVE)  # people a notice can reach
NOBODY = ("U99999999", "W0000000X", "", "U0000ana0", "U00000ANA ", "<@U00000RAJ>", "U" + "9" * 300)
ACTORS = (*PEOPLE, *PEOPLE, *PEOPLE, *PEOPLE, GONE, ROBOT, KEPT_BOT, *NOBODY)
CHANNELS = ("C00000001", "C00000001", "C00000002", "C99999999", "G0000PRIV", "DU00000ANA", "")
TAG = re.compile(r"\b([LZRDXE]\d{4})\b")
# The first words of a reply that says a request was done, or shows what was asked for.
SUCCESS = re.compile(
    r"^\W*(Tracked|Marked|Cancelled|New due time|Tell .* about the new date|On track|Noted|"
    r"Updated|Saved|You thanked|Added|Removed|Your promises|What you owe|Owed to you|"
    r"Keep your word|Thank a co-worker|Most thanked|No kudos in|Nothing|.*'s team|.*digest)",
    re.IGNORECASE,
)
APOLOGY = re.compile(r"something went wrong", re.IGNORECASE)

# ------------------------------------------------------------------ what the fuzz is made of

VERBS = ["send", "fix", "review", "ship", "call back", "write", "pay", "deliver", "share", "book"]
THINGS = ["the Q3 deck", "the invoice", "the login bug", "the contract", "the test plan", "notes"]
COUNTERPARTS = [
    "to <@U00000RAJ|raj>",
    "to <@U0000BOB0>",
    "to <@U0000CAT0|cat>",
    "for Acme",
    "to <@U99999999|ghost>",
    "to <@UBOT00001|kept>",
    "to <@U0000OLD0|old>",
    "to <@U00000ANA|ana>",
    "for <!channel>",
    "to <!subteam^S0123ABC|@eng>",
    "for Acme's CFO",
    "to @raj",
    "",
]
DUES = [
    "by Friday",
    "by Friday 3pm",
    "by EOD",
    "by EOD tomorrow",
    "by 9999-12-31 23:59",
    "by Feb 30",
    "by 31/02",
    "by 02/31/2027",
    "by 25:61",
    "by tomorrow 10am",
    "in 2 business days",
    "by the 3rd",
    "by yesterday",
    "by 1999-01-01",
    "in 99999 days",
    "in 99999999999999999999 days",
    "next week",
    "by EOW",
    "by end of month",
    "by Friday 3pm PST",
    "by 0000-00-00",
    "by Friday 3pm Mars/Olympus_Mons",
    "by ²³:00 tomorrow",
    "by ٣ pm tomorrow",
    "by Ｆｒｉｄａｙ",
    "by 10000-01-01",
    "by 2026-13-45",
    "by 1e9",
    "by " + "Friday " * 60,
    "by Friday\u202e yadsruhT",
    "by tomorrow 3pm UTC+14",
    "",
]
HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "@channel",
    "<!subteam^S0123ABC|@eng>",
    "<http://evil.example|Reset your password>",
    "<https://evil.example/login|https://kept-test.slack.com/reset>",
    "<mailto:x@evil.example|ceo@kept-test.example.com>",
    "\u202egnp.exe",
    "\u200b\u200d\ufeff",
    "\x00",
    "\x07\x1b[31mred\x1b[0m",
    "\r\n\r\n",
    "🙂👍🏽",
    "👨\u200d👩\u200d👧\u200d👦",
    "²³",
    "٣٤",
    "１２",
    "&lt;&gt;&amp;",
    "<@U00000RAJ>",
    "<@U99999999|ghost>",
    "<#C00000002|random>",
    "*bold* _it_ ~s~ `code` ```block```",
    "'; DROP TABLE promises; --",
    "{{7*7}}",
    "%s%n%x",
    "\\u0000",
    "a" * 1200,
    "Z̸̢̛a̷l̵g̶o̴",
]
NOISE = (
    "abcdefghijklmnopqrstuvwxyz0123456789 <>|&@#:*_~`'\"\\/{}[]().,!?\n\t\x00\x01\x1b\x7f"
    "\u202e\u202d\u200b\u200f\ufeff\u0301²³¹٣１🙂👍🏽\ud83d"
)
KUDOS_TO = [
    "<@U00000RAJ|raj>",
    "<@U0000BOB0>",
    "<@U0000CAT0|cat>",
    "<@U00000ANA>",
    "<@UBOT00001|kept>",
    "<@U0000ROB0|robot>",
    "<@U99999999|ghost>",
    "<@U0000OLD0>",
    "<!channel>",
    "<!here>",
    "@raj",
    "<#C00000002|random>",
]
VALUES = [
    "#teamwork",
    "#empathy",
    "#temwork",
    "#<!channel>",
    "#",
    "#" + "x" * 300,
    "#options #info",
]
DIGESTS = [
    "",
    "last-week",
    "2026-W45",
    "2026-W53",
    "2026-W99",
    "9999-W52",
    "0000-W01",
    "2026-W٣",
    "csv",
    "csv last-week",
    "help",
    "team add <@U0000BOB0> <@U0000CAT0|cat>",
    "team add <@U99999999|ghost>",
    "team add <@UBOT00001>",
    "team add <!channel>",
    "team remove <@U0000BOB0>",
    "team show",
    "team channel <#C00000002|random>",
    "team channel <#C99999999|nowhere>",
    "team add " + "<@U00000RAJ> " * 200,
]
JUNK_IDS = [
    "0",
    "-1",
    "999999",
    "99999999999999999999",
    "1.0",
    "1e3",
    "٣",
    "²",
    "１",
    "",
    " 1",
    "0x1",
    "true",
    "null",
    "[1]",
    '{"id": 1}',
    "1;DROP TABLE promises",
    "9" * 400,
    "NaN",
    "+1",
    "1_0",
]


def short(value: object, size: int = 150) -> str:
    """A printable, bounded repr."""
    text = repr(value).encode("utf-8", "backslashreplace").decode()
    return text if len(text) <= size else text[: size - 1] + "…"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def texts_of(value: Any) -> Iterator[str]:
    """Every string under a "text" key (message text, sections, contexts, button labels)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)


def words(call: Call) -> str:
    args = call.args
    return " ".join(texts_of({k: args.get(k) for k in ("text", "blocks", "attachments")}))


Control = tuple[str, str, str, str]  # kind (button, overflow), label, action_id, value


def _controls(element: Any) -> Iterator[Control]:
    if not isinstance(element, dict) or "action_id" not in element:
        return
    kind, action = str(element.get("type", "")), str(element["action_id"])
    if kind == "button":
        label = element.get("text", {}).get("text", "")
        yield kind, str(label), action, str(element.get("value", ""))
    for option in element.get("options", []) or []:
        if isinstance(option, dict):
            label = option.get("text", {}).get("text", "")
            yield kind, str(label), action, str(option.get("value", ""))


def groups_of(value: Any) -> Iterator[list[Control]]:
    """The controls of each actions block, and of each section's accessory."""
    if isinstance(value, dict):
        if value.get("type") == "actions" and isinstance(value.get("elements"), list):
            yield [c for e in value["elements"] for c in _controls(e)]
        if isinstance(value.get("accessory"), dict):
            yield list(_controls(value["accessory"]))
        for item in value.values():
            if isinstance(item, dict | list):
                yield from groups_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from groups_of(item)


def who(channel: str) -> str:
    """A DM with a person is named by the person: `DU00000RAJ` and `U00000RAJ` are one."""
    return channel[1:] if channel.startswith("DU") or channel.startswith("DW") else channel


def next_working_day(after: datetime, days: int, zone: ZoneInfo) -> datetime:
    """14:00 in `zone` on the first weekday at least `days` days after `after`."""
    day = after.astimezone(zone).date() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, clock_time(14, 0), zone).astimezone(UTC)


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="seconds")


def midday_zone(now: datetime) -> str:
    """A zone where it is now nearest noon, so a day's kudos allowance is one day for the run."""
    zones = [
        "Pacific/Honolulu",
        "America/Los_Angeles",
        "America/New_York",
        "America/Sao_Paulo",
        "Europe/London",
        "Europe/Berlin",
        "Asia/Dubai",
        "Asia/Kolkata",
        "Asia/Tokyo",
        "Australia/Sydney",
        "Pacific/Auckland",
    ]
    return min(zones, key=lambda z: abs(now.astimezone(ZoneInfo(z)).hour + 0.5 - 12))


# ------------------------------------------------------------------ the fakes around Kept


class Slack(FakeSlackAPI):
    """The tests' fake Slack, with a real clock, more people, and chat.postMessage slowed on
    demand (a slow Slack widens every window in which a message could be sent twice)."""

    def __init__(self, eve_zone: str) -> None:
        super().__init__(clock=time.time)
        self.latency = 0.0
        self._news = threading.Condition()
        self.add_user(CAT, "cat", tz="America/Los_Angeles")
        self.add_user(DAN, "dan", tz="Europe/Berlin")
        self.add_user(EVE, "eve", tz=eve_zone)
        self.add_user(GONE, "old", deleted=True)
        self.add_user(ROBOT, "robot", is_bot=True)

    def _dispatch(self, raw_path: str, headers: dict[str, str], body: bytes) -> Any:
        if self.latency and raw_path.startswith("/api/chat.postMessage"):
            time.sleep(self.latency)
        return super()._dispatch(raw_path, headers, body)

    def _record(self, call: Call) -> None:
        super()._record(call)
        with self._news:
            self._news.notify_all()

    def wait_call(
        self, matches: Callable[[Call], bool], timeout: float, start: int = 0
    ) -> Call | None:
        """The first call from index `start` on that `matches`, waiting up to `timeout`."""
        deadline = time.monotonic() + timeout
        seen = start
        while True:
            calls = self.calls
            for call in calls[seen:]:
                if matches(call):
                    return call
            seen = len(calls)
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            with self._news:
                self._news.wait(min(left, 0.05))

    def wait_quiet(self, quiet: float = QUIET, most: float = 20.0) -> None:
        """Until nothing new arrived for `quiet` seconds (at most `most`)."""
        end = time.monotonic() + most
        count = len(self.calls)
        still = time.monotonic()
        while time.monotonic() < end:
            time.sleep(0.05)
            now_count = len(self.calls)
            if now_count != count:
                count, still = now_count, time.monotonic()
            elif time.monotonic() - still >= quiet:
                return


class _EvilHandler(BaseHTTPRequestHandler):
    server: LoopbackServer[EvilHooks]
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.fake.hit(self.path)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self) -> None:
        self.do_POST()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


class EvilHooks(ServedInAThread):
    """Where forged response_urls point: it records whatever Kept sends there."""

    handler = _EvilHandler

    def __init__(self) -> None:
        self.hits: list[str] = []
        self._lock = threading.Lock()

    def hit(self, path: str) -> None:
        with self._lock:
            self.hits.append(urlsplit(path).path)

    def url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.port}/actions/T00000001/{n:013d}/forged"


class Kept:
    """`python -m bot serve` in a subprocess, and its `tick`s; every output kept in a log."""

    def __init__(self, url: str, slack: Slack, folder: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.folder = folder
        self.logs: list[Path] = []
        self.ticks: list[tuple[float, float, int, str]] = []  # start, end, exit code, log
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self.ready_at = 0.0
        unset = {"SLACK_APP_TOKEN", "CLIENT_ID", "CLIENT_SECRET", "TENANT_ID"}
        self.env = {k: v for k, v in os.environ.items() if k not in unset}
        self.env.update(
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=slack.base_url,
            DATABASE_URL=url,
            PORT=str(self.port),
            KEPT_CONFIG=str(ROOT / "config" / "kept.toml"),
            PYTHONUNBUFFERED="1",
        )

    def _log(self, name: str) -> Path:
        with self._lock:
            path = self.folder / f"{len(self.logs):03d}-{name}.log"
            self.logs.append(path)
        return path

    def command(self, *args: str) -> int:
        with self._log("-".join(args)).open("wb") as out:
            return subprocess.run(
                [sys.executable, "-m", "bot", *args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            ).returncode

    def start(self) -> None:
        out = self._log("serve").open("wb")
        self._process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"],
            cwd=ROOT,
            env=self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        with httpx.Client(timeout=2) as http:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    raise SystemExit(f"serve exited with {self._process.returncode}")
                try:
                    if http.get(self.base + "/healthz").status_code == 200:
                        self.ready_at = time.monotonic()
                        return
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
        raise SystemExit("serve did not answer /healthz within 60 s")

    def stop(self) -> None:
        if self._process is not None:
            stop(self._process)

    def tick(self, at: datetime | None = None) -> int:
        args = ["tick"] if at is None else ["tick", "--at", iso(at)]
        log = self._log("tick")
        began = time.monotonic()
        with log.open("wb") as out:
            code = subprocess.run(
                [sys.executable, "-m", "bot", *args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                check=False,
            ).returncode
        with self._lock:
            self.ticks.append((began, time.monotonic(), code, log.name))
        return code

    def ticks_at_once(self, count: int, at: datetime | None = None) -> None:
        threads = [threading.Thread(target=self.tick, args=(at,)) for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


class Health(threading.Thread):
    """Polls /healthz every 100 ms; keeps how long each answer took."""

    def __init__(self, base: str) -> None:
        super().__init__(daemon=True)
        self.base = base
        self.samples: list[tuple[float, float, bool]] = []  # began, seconds, answered 200
        self.failed: list[tuple[float, str]] = []  # began, what came back instead
        self._halt = threading.Event()

    def run(self) -> None:
        with httpx.Client(timeout=120) as http:
            while not self._halt.is_set():
                began = time.monotonic()
                try:
                    answer = http.get(self.base + "/healthz")
                    ok, said = answer.status_code == 200, f"{answer.status_code} {answer.text[:80]}"
                except httpx.HTTPError as error:
                    ok, said = False, repr(error)
                self.samples.append((began, time.monotonic() - began, ok))
                if not ok:
                    self.failed.append((began, said))
                self._halt.wait(HEALTH_EVERY)

    def stop(self) -> None:
        self._halt.set()
        self.join()


# ------------------------------------------------------------------ requests and what came back


@dataclass
class Request:
    family: str
    label: str  # legit | forged | hostile | malformed | unsigned
    desc: str
    body: bytes
    content_type: str
    actor: str | None = None
    hooks: tuple[str, ...] = ()  # paths of the response_urls it names
    signing: str = "good"  # good | bad | stale | none | raw (headers given)
    headers: dict[str, str] = field(default_factory=dict)
    trigger: str = ""  # the trigger_id a form would be opened with
    kind: str = ""  # the command, "event_callback", or the interactive payload's type


@dataclass
class Attempt:
    n: int
    request: Request
    began: float
    first_call: int
    seconds: float = 0.0
    status: int = 0
    answer: str = ""
    wall: float = 0.0  # time.time() when sent
    dropped: bool = False  # the kept-alive connection was closed under it: sent again


@dataclass
class Tagged:
    """What a tag's request was allowed to make: the people who may own a promise with it."""

    tag: str
    allowed: frozenset[str]
    phase: str
    desc: str
    kind: str = "promise"  # promise | kudos | unsigned


@dataclass
class Expected:
    recipient: str  # a user id, or "channel"
    tag: str
    why: str


@dataclass
class Learned:
    """What Kept showed: its controls by label, its forms, and which promise a tag names."""

    promise: dict[str, str] = field(default_factory=dict)  # label -> action id (Done…)
    prompt: dict[str, str] = field(default_factory=dict)  # label -> action id (Track…)
    other: dict[str, str] = field(default_factory=dict)  # e.g. "I've told them", "On track"
    menu: str | None = None
    menu_verbs: set[str] = field(default_factory=set)
    forms: dict[str, JSON] = field(default_factory=dict)  # kind -> a view Kept opened
    ids: dict[str, str] = field(default_factory=dict)  # tag -> promise id
    homes: dict[str, JSON] = field(default_factory=dict)  # user -> their App Home view
    # tag -> the Track button (action id, value) and the message it is on (channel, ts)
    suggestions: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    seen: int = 0

    def action(self, label: str) -> str | None:
        return self.promise.get(label) or self.other.get(label)

    def learn(self, calls: Sequence[Call]) -> None:
        for call in calls[self.seen :]:
            self._learn(call)
        self.seen = len(calls)

    def _learn(self, call: Call) -> None:
        if call.method == "views.publish" and isinstance(call.args.get("view"), dict):
            view = dict(call.args["view"])
            if call.response and isinstance(call.response.get("view"), dict):
                view["id"] = call.response["view"].get("id", "")
            self.homes[str(call.args.get("user_id", ""))] = view
        source: Any = call.args.get("view") if call.method.startswith("views.") else call.args
        tags = set(TAG.findall(" ".join(texts_of(source))))
        for group in groups_of(source):
            labels = {label: action for kind, label, action, _ in group if kind == "button"}
            for kind, label, action, value in group:
                if kind == "overflow":
                    self.menu = action
                    self.menu_verbs.add(value.split(":")[0])
                elif "Track" in labels:
                    self.prompt[label] = action
                    if label == "Track" and len(tags) == 1:
                        answer = call.response or {}
                        ts = str(answer.get("message_ts") or answer.get("ts") or "")
                        where = str(call.args.get("channel", ""))
                        self.suggestions.setdefault(next(iter(tags)), (action, value, where, ts))
                elif "Done" in labels:
                    if label in ("Done", "Need more time", "Edit", "Cancel"):
                        self.promise[label] = action
                    else:
                        self.other[label] = action
                    if label == "Done" and len(tags) == 1:
                        self.ids[next(iter(tags))] = value
                else:
                    self.other[label] = action
        if call.method in ("views.open", "views.push") and isinstance(call.args.get("view"), dict):
            view = call.args["view"]
            opened = call.response.get("view", {}) if call.response else {}
            spec = {**view, "id": opened.get("id", ""), "trigger_id": call.args.get("trigger_id")}
            self.forms.setdefault(form_kind(view), spec)


def form_kind(view: JSON) -> str:
    """create, edit or more_time, by what the form asks."""
    kinds = {str(b.get("element", {}).get("type")) for b in view.get("blocks", []) if b}
    meta = str(view.get("private_metadata", ""))
    if "users_select" in kinds:
        return "create"
    if "datetimepicker" in kinds:
        return "more_time"
    return "edit" if "promise" in meta else "other"


def fill(
    view: JSON,
    *,
    what: Any = None,
    counterpart: Any = None,
    customer: Any = None,
    due: Any = None,
    note: Any = None,
    initial: bool = False,
) -> JSON:
    """`state.values` for a form Kept opened, each input answered by what it asks; with
    `initial`, what is not given keeps the value the form came with, as Slack sends it."""
    values: JSON = {}
    for block in view.get("blocks", []):
        if not isinstance(block, dict) or block.get("type") != "input":
            continue
        element = block.get("element", {})
        kind = element.get("type")
        label = str(block.get("label", {}).get("text", "")).lower()
        value: JSON
        if kind == "datetimepicker":
            given = due if due is not None or not initial else element.get("initial_date_time")
            value = {"type": kind, "selected_date_time": given}
        elif kind == "users_select":
            chosen = counterpart
            if chosen is None and initial:
                chosen = element.get("initial_user")
            value = {"type": kind, "selected_user": chosen}
        elif kind == "plain_text_input":
            text = customer if "customer" in label else note if element.get("multiline") else what
            if text is None and initial:
                text = element.get("initial_value")
            value = {"type": kind, "value": text}
        else:
            continue
        values[str(block.get("block_id"))] = {str(element.get("action_id")): value}
    return values


class Sender:
    """Sends Requests to /slack/events, one by one or all at once, and keeps every Attempt."""

    def __init__(self, base: str, slack: Slack) -> None:
        self.url = base + "/slack/events"
        self.slack = slack
        self.rq = SlackRequests(base, SECRET, response_url_base=slack.hooks_base_url)
        self.attempts: list[Attempt] = []
        self._http = httpx.Client(timeout=30)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._http.close()
        self.rq.close()

    def _headers(self, request: Request) -> dict[str, str]:
        if request.signing == "raw":
            return dict(request.headers)
        now = int(time.time())
        headers = {"Content-Type": request.content_type, "User-Agent": USER_AGENT}
        if request.signing == "good":
            headers.update(sign(SECRET, request.body, now))
        elif request.signing == "bad":
            headers.update(sign(SECRET + "-not-it", request.body, now))
        elif request.signing == "stale":
            headers.update(sign(SECRET, request.body, now - 600))
        headers.update(request.headers)
        return headers

    def _begin(self, request: Request) -> Attempt:
        with self._lock:
            attempt = Attempt(len(self.attempts) + 1, request, 0.0, len(self.slack.calls))
            self.attempts.append(attempt)
        return attempt

    def _post(self, http: httpx.Client, attempt: Attempt, headers: dict[str, str]) -> None:
        attempt.began, attempt.wall = time.monotonic(), time.time()
        body = attempt.request.body
        try:
            try:
                answer = http.post(self.url, content=body, headers=headers)
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.WriteError):
                # The server closed the kept-alive connection as this request went out (as
                # uvicorn does after an answer it could not give): once more, on a new one.
                attempt.dropped = True
                with httpx.Client(timeout=30) as fresh:
                    answer = fresh.post(self.url, content=body, headers=headers)
            attempt.status, attempt.answer = answer.status_code, answer.text[:2000]
        except httpx.HTTPError as error:
            attempt.status, attempt.answer = 0, f"no answer: {error!r}"
        attempt.seconds = time.monotonic() - attempt.began

    def send(self, request: Request) -> Attempt:
        attempt = self._begin(request)
        self._post(self._http, attempt, self._headers(request))
        return attempt

    def burst(self, requests: Sequence[Request]) -> list[Attempt]:
        """All at once: each on its own connection, released together."""
        barrier = threading.Barrier(len(requests))
        attempts = [self._begin(r) for r in requests]

        def go(attempt: Attempt) -> None:
            headers = self._headers(attempt.request)
            with httpx.Client(timeout=30) as http:
                http.get(self.url.replace("/slack/events", "/healthz"))  # connect first
                barrier.wait()
                self._post(http, attempt, headers)

        threads = [threading.Thread(target=go, args=(a,)) for a in attempts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return attempts

    # --------------------------------------------------------------- builders

    def command(
        self,
        family: str,
        label: str,
        command: str,
        text: str,
        actor: str,
        channel: str = "C00000001",
        *,
        drop: Sequence[str] = (),
        change: JSON | None = None,
        signing: str = "good",
    ) -> tuple[Request, JSON]:
        fields: JSON = self.rq.command_fields(command, text, actor, channel)
        for key in drop:
            fields.pop(key, None)
        fields.update(change or {})
        body = urlencode(fields).encode("utf-8", "surrogatepass")
        hook = urlsplit(str(fields.get("response_url", ""))).path
        desc = f"{command} {short(text, 90)} by {short(actor, 30)} in {short(channel, 20)}"
        if drop:
            desc += f" without {', '.join(drop)}"
        if change:
            desc += f" with {short(change, 60)}"
        request = Request(
            family,
            label,
            desc,
            body,
            "application/x-www-form-urlencoded",
            actor,
            (hook,) if hook else (),
            signing,
            trigger=str(fields.get("trigger_id", "")),
            kind=command,
        )
        return request, fields

    def event(
        self,
        family: str,
        label: str,
        event: Any,
        desc: str,
        *,
        event_id: str | None = None,
        retry: int | None = None,
        envelope: JSON | None = None,
        signing: str = "good",
    ) -> Request:
        if envelope is not None:
            payload = envelope
        else:
            payload = self.rq.event_envelope(event if isinstance(event, dict) else {}, event_id)
            payload["event"] = event
        headers = {}
        if retry is not None:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        body = json.dumps(payload, separators=(",", ":")).encode()
        actor = event.get("user") if isinstance(event, dict) else None
        return Request(
            family,
            label,
            desc,
            body,
            "application/json",
            actor if isinstance(actor, str) else None,
            signing=signing,
            headers=headers,
            kind=str(payload.get("type", "")),
        )

    def interactive(
        self, family: str, label: str, payload: JSON, desc: str, actor: str | None
    ) -> Request:
        urls: list[Any] = [payload.get("response_url")]
        view = payload.get("view")
        if isinstance(view, dict):
            try:
                meta = json.loads(str(view.get("private_metadata", "")))
            except ValueError:
                meta = None
            if isinstance(meta, dict):
                urls.append(meta.get("response_url"))
        ours = self.slack.hooks_base_url + "/"
        hooks = [urlsplit(u).path for u in urls if isinstance(u, str) and u.startswith(ours)]
        body = urlencode({"payload": json.dumps(payload, separators=(",", ":"))}).encode()
        return Request(
            family,
            label,
            desc,
            body,
            "application/x-www-form-urlencoded",
            actor,
            tuple(hooks),
            trigger=str(payload.get("trigger_id", "")),
            kind=str(payload.get("type", "")),
        )


# ------------------------------------------------------------------ one run on one database


@dataclass
class Result:
    name: str
    numbers: dict[str, Any]
    details: list[tuple[str, list[str]]]


class Run:
    def __init__(
        self, name: str, url: str, folder: Path, seed: int, requests: int, server: str
    ) -> None:
        self.name, self.url, self.folder, self.server = name, url, folder, server
        self.rng = random.Random(seed)
        self.requests = requests
        self.now = datetime.now(UTC)
        self.new_york = ZoneInfo("America/New_York")
        # The deadline of the drain race: a weekday 14:00 in New York, days away, so no
        # nudge of it is due in real time during the run.
        self.deadline = next_working_day(self.now, 4, self.new_york)
        self.slack = Slack(midday_zone(self.now))
        self.evil = EvilHooks()
        self.kept: Kept
        self.learned = Learned()
        self.tags: dict[str, Tagged] = {}
        self.expected: list[Expected] = []
        self.unsigned_hooks: dict[str, int] = {}  # hook path -> attempt
        self.forged_hooks: dict[str, int] = {}  # evil path -> attempt
        self.owners: dict[str, tuple[str, str | None]] = {}  # promise id -> owner, counterpart
        self.notes: list[str] = []
        self._tag_count = 0
        self._ticker_stop = threading.Event()
        self._ticker_pause = threading.Event()
        self._ticker_busy = threading.Event()
        self.beside_done = False
        self.phases: list[str] = []
        self.sender: Sender

    # ---------------------------------------------------------------- plumbing

    def tag(self, prefix: str, allowed: Sequence[str], desc: str, kind: str = "promise") -> str:
        self._tag_count += 1
        tag = f"{prefix}{self._tag_count:04d}"
        self.tags[tag] = Tagged(tag, frozenset(a for a in allowed if a), prefix, desc, kind)
        return tag

    def send(self, request: Request, settle: float = 0.0) -> Attempt:
        attempt = self.sender.send(request)
        if settle and (request.hooks or request.trigger) and attempt.status == 200:
            hooks, trigger = set(request.hooks), request.trigger

            def answered(call: Call) -> bool:
                if call.path in hooks:
                    return True
                return call.method == "views.open" and call.args.get("trigger_id") == trigger

            self.slack.wait_call(answered, settle, attempt.first_call)
        self.learned.learn(self.slack.calls)
        return attempt

    def wait_tagged(
        self, tag: str, start: int, timeout: float = 8.0, button: str | None = None
    ) -> Call | None:
        def matches(call: Call) -> bool:
            source: Any = call.args.get("view") if call.method.startswith("views.") else call.args
            if tag not in " ".join(texts_of(source)):
                return False
            return button is None or any(
                label == button for g in groups_of(source) for _, label, _, _ in g
            )

        found = self.slack.wait_call(matches, timeout, start)
        self.learned.learn(self.slack.calls)
        return found

    def open_form(self, actor: str, text: str = "", family: str = "learn") -> JSON | None:
        request, fields = self.sender.command(family, "legit", "/promise", text, actor)
        trigger = fields["trigger_id"]
        attempt = self.send(request)
        call = self.slack.wait_call(
            lambda c: c.method == "views.open" and c.args.get("trigger_id") == trigger,
            8.0,
            attempt.first_call,
        )
        self.learned.learn(self.slack.calls)
        return self.view_of(call)

    def view_of(self, call: Call | None) -> JSON | None:
        if call is None or not isinstance(call.args.get("view"), dict):
            return None
        opened = call.response.get("view", {}) if call.response else {}
        return {**call.args["view"], "id": opened.get("id", "")}

    def submit(
        self,
        view: JSON,
        actor: str,
        values: JSON,
        family: str,
        label: str,
        meta: str | None = None,
        callback: str | None = None,
        desc: str = "",
    ) -> Request:
        payload = self.sender.rq.view_submission_payload(
            callback if callback is not None else str(view.get("callback_id", "")),
            values,
            actor,
            private_metadata=meta if meta is not None else str(view.get("private_metadata", "")),
            view_id=str(view.get("id") or "") or None,
            blocks=view.get("blocks") if isinstance(view.get("blocks"), list) else None,
        )
        text = desc or f"{short(payload['view']['callback_id'], 30)} by {short(actor, 30)}"
        return self.sender.interactive(family, label, payload, text, actor)

    def make_promise(
        self,
        actor: str,
        prefix: str,
        what: str,
        due: datetime,
        *,
        counterpart: str | None = None,
        customer: str | None = None,
        family: str = "learn",
    ) -> tuple[str, str | None]:
        """A promise made with the form, as a person would; its tag and id (None if refused)."""
        tag = self.tag(prefix, [actor], f"{what} by {actor}")
        view = self.open_form(actor, family=family)
        if view is None:
            self.notes.append(f"{family}: /promise alone opened no form")
            return tag, None
        values = fill(
            view,
            what=f"{what} {tag}",
            counterpart=counterpart,
            customer=customer,
            due=int(due.timestamp()),
        )
        attempt = self.send(self.submit(view, actor, values, family, "legit"))
        found = self.wait_tagged(tag, attempt.first_call, button="Done")
        pid = self.learned.ids.get(tag)
        if found is None or pid is None:
            self.notes.append(f"{family}: the promise {tag} was not confirmed with a Done button")
            return tag, None
        self.owners[pid] = (actor, counterpart)
        if counterpart and counterpart != actor:
            self.expected.append(Expected(counterpart, tag, f"told of promise {tag} ({family})"))
        return tag, pid

    def click(
        self,
        actor: str,
        action: str,
        value: str,
        family: str,
        label: str,
        *,
        desc: str = "",
    ) -> Request:
        payload = self.sender.rq.block_action_payload(action, value, actor)
        text = desc or f"click {action} value={short(value, 60)} by {short(actor, 30)}"
        return self.sender.interactive(family, label, payload, text, actor)

    def home_click(self, actor: str, option: str, family: str, label: str) -> Request | None:
        if self.learned.menu is None:
            return None
        view = self.learned.homes.get(actor) or next(iter(self.learned.homes.values()), None)
        payload = self.sender.rq.block_action_payload(
            self.learned.menu, option, actor, view={**(view or {}), "id": "VHOME0001"}
        )
        payload["actions"] = [
            {
                "type": "overflow",
                "action_id": self.learned.menu,
                "block_id": "home",
                "selected_option": {
                    "text": {"type": "plain_text", "text": "Done", "emoji": True},
                    "value": option,
                },
                "action_ts": self.sender.rq.new_ts(),
            }
        ]
        desc = f"App Home menu {self.learned.menu} option={short(option, 60)} by {short(actor, 30)}"
        return self.sender.interactive(family, label, payload, desc, actor)

    def phase(self, step: Callable[[], None]) -> None:
        began, count = time.monotonic(), len(self.sender.attempts)
        step()
        took = time.monotonic() - began
        self.phases.append(
            f"{step.__name__}: {len(self.sender.attempts) - count} requests, {took:.0f} s"
        )

    def ticker(self) -> None:
        """`tick` beside `serve`, again and again, until told to stop (or while paused)."""
        while not self._ticker_stop.is_set():
            if self._ticker_pause.is_set():
                self._ticker_stop.wait(0.1)
                continue
            self._ticker_busy.set()
            self.kept.tick()
            self._ticker_busy.clear()
            self._ticker_stop.wait(2.0)

    # ---------------------------------------------------------------- the run

    def run(self) -> Result:
        if self.url.startswith("postgresql"):
            with connect(self.server) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
                admin.execute(f"CREATE DATABASE {PG_DATABASE}")
        with self.slack, self.evil:
            self.kept = Kept(self.url, self.slack, self.folder)
            if self.kept.command("db", "upgrade") != 0:
                raise SystemExit(f"{self.name}: db upgrade failed; see {self.folder}")
            self.kept.start()
            self.sender = Sender(self.kept.base, self.slack)
            health = Health(self.kept.base)
            health.start()
            began = time.monotonic()
            try:
                self.phase(self.learn)
                self.phase(self.forgeries)
                ticker = threading.Thread(target=self.ticker, daemon=True)
                ticker.start()
                self.phase(self.races)
                self.phase(self.fuzz)
                self._ticker_stop.set()
                ticker.join()
                self.phase(self.drains)
                self.slack.wait_quiet()
            finally:
                health.stop()
                self.sender.close()
                self.kept.stop()
            seconds = time.monotonic() - began
            return self.tally(health, seconds)

    # ---------------------------------------------------------------- 1. learn, as a user

    def learn(self) -> None:
        send = self.send
        sender = self.sender
        send(sender.command("learn", "legit", "/promise", "help", ANA)[0], settle=3)
        d = self.deadline
        kick, kick_id = self.make_promise(ANA, "L", "send the kickoff notes", d, counterpart=RAJ)
        _, customer = self.make_promise(ANA, "L", "send the invoice", d, customer="Acme")
        # "Need more time" on the customer's promise: the form, then "I've told them".
        more = self.learned.action("Need more time")
        if customer and more:
            self.renegotiate(ANA, customer, d + timedelta(days=1), "learn", told=True)
        # A message that makes a promise: "Track this?".
        tag = self.tag("L", [ANA], "a detected promise by ana")
        event = sender.rq.message_event(f"I'll send the budget {tag} to <@{RAJ}> by Friday 3pm")
        attempt = send(sender.event("learn", "legit", event, "message: a promise by ana"))
        if self.wait_tagged(tag, attempt.first_call, button="Track") is None:
            self.notes.append("learn: a promise in a message got no 'Track this?'")
        # The App Home, and its menu.
        for user in PEOPLE:
            event = sender.rq.app_home_opened_event(user)
            send(sender.event("learn", "legit", event, f"app_home_opened by {user}"))
        # The message shortcut on Raj's message: his promise, made to Ana.
        callback = shortcut_callback()
        tag = self.tag("L", [RAJ], "ana tracks raj's message with the shortcut")
        message = {"text": f"I will fix the login bug {tag} by Monday", "user": RAJ}
        payload = sender.rq.message_shortcut_payload(callback, message, ANA)
        attempt = send(sender.interactive("learn", "legit", payload, "shortcut by ana", ANA))
        call = self.slack.wait_call(
            lambda c: (
                c.method == "views.open" and c.args.get("trigger_id") == payload["trigger_id"]
            ),
            8.0,
            attempt.first_call,
        )
        view = self.view_of(call)
        if view is not None:
            values = fill(view, what=f"fix the login bug {tag}", initial=True)
            send(self.submit(view, ANA, values, "learn", "legit"))
        else:
            self.notes.append("learn: the shortcut opened no form")
        # Edit, from the Edit button.
        edit = self.learned.action("Edit")
        if kick_id and edit:
            request = self.click(ANA, edit, kick_id, "learn", "legit")
            attempt = send(request)
            view = self.view_of(
                self.slack.wait_call(lambda c: c.method == "views.open", 8.0, attempt.first_call)
            )
            if view is not None:
                values = fill(view, what=f"send the kickoff notes {kick}, revised")
                send(self.submit(view, ANA, values, "learn", "legit"), settle=3)
        # A nudge: the final check before the kickoff notes' deadline, with "On track".
        start = len(self.slack.calls)
        self.kept.tick(d - timedelta(hours=2) + timedelta(minutes=1))
        if kick_id and self.wait_tagged(kick, start, button="On track") is None:
            self.notes.append("learn: no 'On track?' nudge came two hours before the deadline")
        on_track = self.learned.action("On track")
        if kick_id and on_track:
            send(self.click(ANA, on_track, kick_id, "learn", "legit"), settle=3)
        self.slack.wait_quiet()
        self.learned.learn(self.slack.calls)

    def renegotiate(
        self, actor: str, pid: str, new_due: datetime, family: str, *, told: bool = False
    ) -> Attempt | None:
        more = self.learned.action("Need more time")
        if more is None:
            return None
        request = self.click(actor, more, pid, family, "legit")
        attempt = self.send(request)
        call = self.slack.wait_call(
            lambda c: (
                c.method == "views.open" and form_kind(c.args.get("view") or {}) == "more_time"
            ),
            8.0,
            attempt.first_call,
        )
        self.learned.learn(self.slack.calls)
        view = self.view_of(call)
        if view is None:
            self.notes.append(f"{family}: 'Need more time' opened no form")
            return None
        values = fill(view, due=int(new_due.timestamp()), note="waiting on finance")
        submitted = self.send(self.submit(view, actor, values, family, "legit"), settle=4)
        if told and self.learned.action("I've told them") is None:
            self.notes.append(f"{family}: no 'I've told them' after a customer's new date")
        return submitted

    # ---------------------------------------------------------------- 2. random and hostile

    def fuzz(self) -> None:
        families: list[tuple[Callable[[int], None], int]] = [
            (self.fz_promise, 16),
            (self.fz_promise_words, 3),
            (self.fz_kudos, 8),
            (self.fz_digest, 4),
            (self.fz_command_shape, 4),
            (self.fz_message, 14),
            (self.fz_other_event, 6),
            (self.fz_event_shape, 4),
            (self.fz_event_retry, 2),
            (self.fz_click, 12),
            (self.fz_home, 4),
            (self.fz_suggestion, 5),
            (self.fz_form, 9),
            (self.fz_shortcut, 4),
            (self.fz_unsigned, 6),
            (self.fz_body, 5),
        ]
        huge_at = {self.requests * (k + 1) // 10: k for k in range(9)}
        functions = [f for f, _ in families]
        weights = [w for _, w in families]
        n = 0
        while n < self.requests:
            if n in huge_at:
                self.fz_huge(huge_at[n])
            self.rng.choices(functions, weights)[0](n)
            n += 1
            if self.url.startswith("sqlite") and 8.0 < self.seconds_to_drain_mark() < 14.0:
                self.beside_serve()
        self.slack.wait_quiet(most=5.0)

    def seconds_to_drain_mark(self) -> float:
        since = time.monotonic() - self.kept.ready_at
        return 60.0 - since % 60.0

    def actor(self) -> str:
        return self.rng.choice(ACTORS)

    def sentence(self, tag: str) -> str:
        rng = self.rng
        parts = [rng.choice(VERBS), tag, rng.choice(THINGS)]
        if rng.random() < 0.7:
            parts.append(rng.choice(COUNTERPARTS))
        for _ in range(rng.randint(0, 3)):
            parts.insert(rng.randint(1, len(parts)), rng.choice(HOSTILE))
        if rng.random() < 0.85:
            parts.append(rng.choice(DUES))
        return " ".join(p for p in parts if p)

    def noise(self, size: int) -> str:
        return "".join(self.rng.choice(NOISE) for _ in range(size))

    def safe_form_text(self, text: str) -> str:
        """A form-encoded body cannot carry a lone surrogate; JSON can."""
        return text.encode("utf-8", "replace").decode("utf-8").replace("\ud83d", "?")

    def fz_promise(self, n: int) -> None:
        actor = self.actor()
        tag = self.tag("Z", [actor], "/promise")
        text = self.safe_form_text(self.sentence(tag))
        channel = self.rng.choice(CHANNELS)
        request = self.sender.command("promise", "hostile", "/promise", text, actor, channel)[0]
        self.send(request, settle=0.8)

    def fz_promise_words(self, n: int) -> None:
        text = self.rng.choice(
            ["list", "help", "LIST", "list me", "done 1", "cancel 999", "", " ", "\x00", "ﬁx"]
        )
        request = self.sender.command("promise", "hostile", "/promise", text, self.actor())[0]
        self.send(request, settle=0.8)

    def fz_kudos(self, n: int) -> None:
        rng = self.rng
        actor = self.actor()
        if rng.random() < 0.15:
            text = rng.choice(["top week", "top month", "top all", "top year", "top", "help"])
        else:
            tag = self.tag("Z", [], "/kudos", "kudos")
            to = " ".join(rng.choice(KUDOS_TO) for _ in range(rng.randint(0, 3)))
            reason = rng.choice(["for", "", "for for"]) + f" covering {tag} " + rng.choice(HOSTILE)
            text = f"{to} {reason} {rng.choice(VALUES) if rng.random() < 0.7 else ''}"
        request = self.sender.command(
            "kudos", "hostile", "/kudos", self.safe_form_text(text), actor, rng.choice(CHANNELS)
        )[0]
        self.send(request, settle=0.8)

    def fz_digest(self, n: int) -> None:
        text = self.rng.choice(DIGESTS)
        actor = self.rng.choice([*PEOPLE, *PEOPLE, *NOBODY[:3]])
        self.send(self.sender.command("digest", "hostile", "/digest", text, actor)[0], settle=3)

    def fz_command_shape(self, n: int) -> None:
        rng = self.rng
        keys = ["user_id", "text", "command", "team_id", "channel_id", "response_url"]
        keys += ["trigger_id", "user_name", "api_app_id"]
        command = rng.choice(["/promise", "/kudos", "/digest", "/unknown", "/PROMISE", "promise"])
        text = rng.choice(["list", "help", "send the deck by Friday", "top week", ""])
        drop: list[str] = []
        change: JSON = {}
        if rng.random() < 0.6:
            drop = rng.sample(keys, rng.randint(1, 2))
        else:
            key = rng.choice(
                ["team_id", "user_id", "channel_id", "enterprise_id", "is_enterprise_install"]
            )
            change = {key: rng.choice(["T99999999", "", "x" * 5000, "\x00", "true", "U0000BOB0"])}
        request = self.sender.command(
            "command shape", "malformed", command, text, ANA, drop=drop, change=change
        )[0]
        self.send(request, settle=0.8)

    def fz_message(self, n: int) -> None:
        rng = self.rng
        user: str | None = self.actor()
        if rng.random() < 0.05:
            user = None
        tag = self.tag("Z", [user or ""], "message")
        kind = rng.random()
        if kind < 0.45:
            text = rng.choice(["I'll ", "I will ", "We'll ", "i'll ", "I’ll "]) + self.sentence(tag)
        elif kind < 0.7:
            text = rng.choice(["can you ", "did you ", "Raj will ", "I sent "]) + self.sentence(tag)
        else:
            text = f"{tag} " + self.noise(rng.randint(0, 400))
        channel = rng.choice([*CHANNELS, "DU00000ANA", "DU0000BOB0"])
        subtype = rng.choice([None] * 6 + ["bot_message", "me_message", "thread_broadcast"])
        subtype = subtype or (
            rng.choice(["file_share", "channel_join"]) if rng.random() < 0.05 else None
        )
        bot = rng.choice([None] * 8 + ["B00000001", "B00000002"])
        thread = self.sender.rq.new_ts() if rng.random() < 0.2 else None
        event = self.sender.rq.message_event(
            text.replace("\ud83d", "?"),  # the fake hashes the text for a block id
            user,
            channel or "C00000001",
            subtype=subtype,
            bot_id=bot,
            thread_ts=thread,
        )
        event["text"] = text
        section = {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
        event["blocks"] = [{"type": "rich_text", "block_id": "n", "elements": [section]}]
        if channel == "":
            event["channel"] = ""
        desc = f"message {short(text, 80)} by {short(user, 20)} in {short(channel, 15)}"
        if subtype or bot:
            desc += f" ({subtype or ''} {bot or ''})"
        self.send(self.sender.event("message", "hostile", event, desc))

    def fz_other_event(self, n: int) -> None:
        rng = self.rng
        rq = self.sender.rq
        actor = self.actor()
        kind = rng.randrange(6)
        event: JSON
        if kind == 0:
            reaction = rng.choice(
                ["raised_hands", "raised_hands", "+1", "raised_hands::skin-tone-2"]
            )
            item_user = rng.choice([RAJ, BOB, actor, KEPT_BOT, None, "U99999999"])
            event = rq.reaction_added_event(reaction, actor, item_user)
            desc = f"reaction_added :{reaction}: by {short(actor, 20)} on {item_user}'s message"
        elif kind == 1:
            item_user = rng.choice([RAJ, BOB, ANA])
            event = rq.reaction_removed_event("raised_hands", actor, item_user)
            desc = f"reaction_removed by {short(actor, 20)} on {item_user}'s message"
        elif kind == 2:
            event = rq.app_home_opened_event(actor, rng.choice(["home", "messages", "x"]))
            desc = f"app_home_opened by {short(actor, 30)}"
        elif kind == 3:
            tag = self.tag("Z", [actor], "app_mention")
            text = (
                f"<@{KEPT_BOT}> "
                + rng.choice(["help", "promise ", "list", ""])
                + self.sentence(tag)
            )
            event = rq.app_mention_event(text, actor)
            desc = f"app_mention {short(text, 80)} by {short(actor, 20)}"
        elif kind == 4:
            tag = self.tag("Z", [ANA], "message_changed")
            event = rq.message_changed_event(
                f"I'll send {tag} the deck by Friday", "hi", rq.new_ts(), user=ANA
            )
            desc = "message_changed into a promise"
        else:
            event = rq.message_deleted_event(rq.new_ts(), "I'll send the deck by Friday")
            desc = "message_deleted"
        self.send(self.sender.event("other event", "hostile", event, desc))

    def fz_event_shape(self, n: int) -> None:
        rng = self.rng
        rq = self.sender.rq
        hi = rq.message_event("hi")
        friday = rq.message_event("I'll fix it by Friday")
        choices: list[tuple[str, Any, JSON | None]] = [
            ("event_callback without event", None, {"type": "event_callback", "token": "t"}),
            ("event is a list", [], None),
            ("event is a string", "message", None),
            ("event is a number", 123, None),
            ("message without text, user or channel", {"type": "message"}, None),
            ("message with user as an object", {**hi, "user": {"id": ANA}}, None),
            ("message with text as a number", {**hi, "text": 42}, None),
            ("message with ts not a time", {**friday, "ts": "abc"}, None),
            ("reaction_added without item", {"type": "reaction_added", "user": ANA}, None),
            ("app_home_opened without user", {"type": "app_home_opened", "user": None}, None),
            ("unknown event type", {"type": "unknown_event_xyz", "user": ANA}, None),
            ("envelope of unknown type", None, {"type": "foo", "event": hi}),
            (
                "event_id of 40,000 characters",
                friday,
                {**rq.event_envelope(friday), "event_id": "E" * 40000},
            ),
            ("event_id a number", hi, {**rq.event_envelope(hi), "event_id": 12345}),
            ("url_verification without challenge", None, {"type": "url_verification"}),
            (
                "url_verification, challenge 40,000 characters",
                None,
                {"type": "url_verification", "challenge": "c" * 40000},
            ),
        ]
        desc, event, envelope = rng.choice(choices)
        request = self.sender.event("event shape", "malformed", event, desc, envelope=envelope)
        self.send(request)

    def fz_event_retry(self, n: int) -> None:
        rq = self.sender.rq
        tag = self.tag("Z", [ANA], "a message delivered twice (a Slack retry)")
        event = rq.message_event(f"I'll send the {tag} figures to <@{RAJ}> by Friday 3pm")
        event_id = rq.new_event_id()
        first = self.sender.event(
            "retry", "legit", event, "message, first delivery", event_id=event_id
        )
        again = self.sender.event(
            "retry",
            "hostile",
            event,
            "message, again (X-Slack-Retry-Num: 1)",
            event_id=event_id,
            retry=1,
        )
        self.send(first)
        self.send(again)

    def victim(self, actor: str) -> tuple[str, str]:
        """A promise id for `actor` to click on: someone else's mostly, and the label."""
        rng = self.rng
        others = [p for p, (o, c) in self.owners.items() if actor not in (o, c)]
        own = [p for p, (o, _) in self.owners.items() if o == actor]
        roll = rng.random()
        if others and roll < 0.5:
            return rng.choice(others), "forged"
        if own and roll < 0.62:
            return rng.choice(own), "legit"
        return rng.choice(JUNK_IDS), "forged"

    def fz_click(self, n: int) -> None:
        actions = [a for a in [*self.learned.promise.values(), *self.learned.other.values()] if a]
        if not actions:
            return
        actor = self.actor()
        action = self.rng.choice([*actions, "promise_delete", "evil_action"])
        value, label = self.victim(actor)
        self.send(self.click(actor, action, value, "click", label), settle=0.8)

    def fz_home(self, n: int) -> None:
        actor = self.actor()
        pid, label = self.victim(actor)
        verbs = sorted(self.learned.menu_verbs) or ["done"]
        verb = self.rng.choice([*verbs, *verbs, "delete", "DONE", "", "done:1"])
        option = self.rng.choice([f"{verb}:{pid}", f"{verb}:{pid}:{pid}", f":{pid}", verb])
        request = self.home_click(actor, option, "home click", label)
        if request is not None:
            self.send(request)
            time.sleep(0.05)

    def fz_suggestion(self, n: int) -> None:
        track = self.learned.prompt.get("Track")
        if track is None:
            return
        rng = self.rng
        actor = self.actor()
        tag = self.tag("E", [actor], "a forged 'Track this?' value")
        due = int(self.deadline.timestamp())
        forged: JSON = {
            "what": f"ship {tag} EVIL " + rng.choice(HOSTILE),
            "due": rng.choice([due, 0, -1, 10**20, "tomorrow", None, 1e308, due * 1000]),
            "grain": rng.choice(["day", "minute", "bogus", None, 7]),
            "counterpart": rng.choice([RAJ, BOB, actor, "U99999999", KEPT_BOT, None, 123, [RAJ]]),
            "customer": rng.choice([None, "Acme", "<!channel>", "x" * 300, {"name": "Acme"}]),
        }
        value = rng.choice(
            [
                json.dumps(forged),
                json.dumps(forged)[:-1],
                "[]",
                "null",
                json.dumps({**forged, "owner": RAJ}),
                json.dumps({k: v for k, v in forged.items() if k != "due"}),
                "no",
            ]
        )
        desc = f"click {track} (Track) value={short(value, 90)} by {short(actor, 20)}"
        self.send(self.click(actor, track, value, "suggestion", "forged", desc=desc), settle=0.8)

    def fz_form(self, n: int) -> None:
        rng = self.rng
        forms = self.learned.forms
        actor = rng.choice([*PEOPLE, *PEOPLE, GONE, "U99999999"])
        kind = rng.choice(["create", "create", "edit", "more_time", "junk", "closed"])
        view = forms.get(kind) or forms.get("create")
        if view is None:
            return
        victim = rng.choice([p for p in PEOPLE if p != actor])
        evil = self.evil.url(n)
        tag = self.tag("E", [actor], f"a forged {kind} form")
        due = int(self.deadline.timestamp()) + 3 * 86400
        meta: Any
        values: JSON
        if kind == "create":
            meta = {
                "owner": rng.choice([victim, victim, actor, None, 7, [victim]]),
                "source": rng.choice(["form", "shortcut", "detected", "command", "evil"]),
                "response_url": rng.choice(
                    [evil, evil, None, "file:///etc/hostname", "http://127.0.0.1:9/x"]
                ),
            }
            values = fill(
                view,
                what=rng.choice(
                    [f"ship {tag} EVIL", f"ship {tag} " + "x" * 40000, f"{tag} <!channel>"]
                ),
                counterpart=rng.choice([None, RAJ, victim, KEPT_BOT, "U99999999", actor]),
                customer=rng.choice([None, "Acme", "\x00", "<!here>"]),
                due=rng.choice([due, due, 0, -5, 10**15, "tomorrow", None]),
            )
        elif kind == "edit":
            pid, _ = self.victim(actor)
            number: Any = int(pid) if pid.isdigit() else pid
            meta = {
                "promise": rng.choice([pid, pid, number, True, 1.5]),
                "response_url": rng.choice([evil, evil, None]),
            }
            edit_view = forms.get("edit") or view
            values = fill(edit_view, what=rng.choice([f"ship {tag} EVIL", "", None, "x" * 40000]))
            view = edit_view
        elif kind == "more_time":
            pid, _ = self.victim(actor)
            meta = {"promise": rng.choice([pid, pid, "999999", None]), "response_url": evil}
            values = fill(view, due=rng.choice([due, due, 0, 10**15, None]), note=f"{tag} EVIL")
        else:
            meta = rng.choice(
                ["", "not json", "[]", "null", '{"owner":null}', '{"promise":{}}', "m" * 40000]
            )
            values = rng.choice(
                [{}, {"what": "x"}, {"what": {"what": []}}, fill(view, what=f"{tag}")]
            )
        meta_text = meta if isinstance(meta, str) else json.dumps(meta)
        callback = rng.choice([None, None, None, "evil_form", ""])
        desc = (
            f"view_submission {short(callback or view.get('callback_id'), 20)}"
            f" by {short(actor, 20)},"
            f" private_metadata={short(meta_text, 120)}, values={short(values, 160)}"
        )
        if kind == "closed":
            payload = self.sender.rq.view_closed_payload(
                str(view.get("callback_id")), actor, meta_text
            )
            request = self.sender.interactive(
                "form", "forged", payload, "view_closed " + desc, actor
            )
        else:
            request = self.submit(view, actor, values, "form", "forged", meta_text, callback, desc)
        attempt = self.send(request, settle=0.8)
        if isinstance(meta, dict) and meta.get("response_url") == evil:
            self.forged_hooks[urlsplit(evil).path] = attempt.n

    def fz_shortcut(self, n: int) -> None:
        rng = self.rng
        actor = self.actor()
        author = rng.choice([RAJ, BOB, ANA, actor, KEPT_BOT, None, "U99999999"])
        tag = self.tag("Z", [author or "", actor], "the shortcut on a message")
        text = rng.choice(
            [
                f"I will fix the login bug {tag} by Monday",
                f"{tag} " + self.noise(80),
                "",
                "x" * 40000,
            ]
        )
        message: JSON = {"text": text}
        if author is not None:
            message["user"] = author
        if rng.random() < 0.2:
            message["bot_id"] = "B00000001"
        callback = rng.choice([shortcut_callback()] * 4 + ["evil_shortcut"])
        payload = self.sender.rq.message_shortcut_payload(callback, message, actor)
        desc = f"shortcut {callback} by {short(actor, 20)} on {author}'s {short(text, 60)}"
        attempt = self.send(self.sender.interactive("shortcut", "hostile", payload, desc, actor))
        call = self.slack.wait_call(
            lambda c: (
                c.method == "views.open" and c.args.get("trigger_id") == payload["trigger_id"]
            ),
            0.6,
            attempt.first_call,
        )
        view = self.view_of(call)
        if view is not None and rng.random() < 0.5:
            values = fill(view, what=f"fix the login bug {tag}", initial=True)
            self.send(self.submit(view, actor, values, "shortcut", "hostile"), settle=0.8)

    def fz_unsigned(self, n: int) -> None:
        rng = self.rng
        tag = self.tag("X", [], "an unsigned /promise", "unsigned")
        text = f"send the {tag} deck to <@{RAJ}> by Friday"
        mode = rng.choice(["bad", "stale", "none", "raw"])
        request, _ = self.sender.command(
            "unsigned", "unsigned", "/promise", text, ANA, signing=mode
        )
        if mode == "raw":
            stamp = rng.choice(
                ["abc", "-1", "1e10", "99999999999999999999", str(int(time.time()) + 600), ""]
            )
            good = sign(SECRET, request.body, int(time.time()))["X-Slack-Signature"]
            signature = rng.choice(
                ["v1=" + good[3:], "v0=", good.upper(), good[:-1], good + "0", ""]
            )
            request.headers = {
                "Content-Type": request.content_type,
                "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": signature,
            }
            request.desc += (
                f" with timestamp {short(stamp, 30)} and signature {short(signature, 30)}"
            )
        else:
            request.desc += f" ({mode} signature)"
        attempt = self.send(request)
        for hook in request.hooks:
            self.unsigned_hooks[hook] = attempt.n

    def fz_body(self, n: int) -> None:
        rng = self.rng
        json_bodies = [b"hello there", b"{", b"[]", b"null", b"123", b'"text"', b"{}", b"\xff\xfe"]
        form_bodies = [
            b"payload=%7Bnot+json",
            b"payload=",
            b"payload=%5B%5D",
            b"payload=null",
            b"payload=123",
            b"a=b",
            b"",
            b"payload=%7B%22type%22%3A%22foo%22%7D",
        ]
        roll = rng.random()
        if roll < 0.4:
            body, kind = rng.choice(json_bodies), "application/json"
        elif roll < 0.8:
            body, kind = rng.choice(form_bodies), "application/x-www-form-urlencoded"
        else:
            body = rng.choice([b"hello", b"payload=%7B%7D", b"\x00\x01"])
            kind = rng.choice(["text/plain", "multipart/form-data", "application/xml", ""])
        desc = f"signed {kind or 'no content type'} body {short(body, 60)}"
        self.send(Request("body", "malformed", desc, body, kind))

    def fz_huge(self, which: int) -> None:
        """Text of 40,000 characters in each place it can come (and a body over 1 MB)."""
        rq = self.sender.rq
        words40k = ("I will send the deck to Acme by Friday 3pm, " * 1000)[:40000]
        word40k = "a" * 40000  # one word of 40,000 letters
        tag = self.tag("Z", [ANA], "a text of 40,000 characters")
        if which == 0:
            event = rq.message_event(f"I'll send it {tag} by Friday {word40k}")
            self.send(self.sender.event("huge", "hostile", event, "message: a 40,000-letter word"))
        elif which == 1:
            text = f"send {tag} {word40k} by Friday"
            self.send(self.sender.command("huge", "hostile", "/promise", text, ANA)[0], settle=10)
        elif which == 2:
            event = rq.message_event(f"I'll send {tag} " + words40k)
            self.send(self.sender.event("huge", "hostile", event, "message: 40,000 characters"))
        elif which == 3:
            text = f"send {tag} " + words40k
            self.send(self.sender.command("huge", "hostile", "/promise", text, ANA)[0], settle=10)
        elif which == 4:
            text = f"<@{RAJ}> for {tag} " + word40k
            self.send(self.sender.command("huge", "hostile", "/kudos", text, BOB)[0], settle=10)
        elif which == 5:
            body = b"payload=" + b"%7B" * 400_000
            desc = "a signed body of 1.2 MB"
            kind = "application/x-www-form-urlencoded"
            self.send(Request("huge", "malformed", desc, body, kind))
        elif which == 6:
            event = rq.app_mention_event(f"<@{KEPT_BOT}> promise send {tag} {word40k}", ANA)
            desc = "app_mention: a 40,000-letter word"
            self.send(self.sender.event("huge", "hostile", event, desc))
        elif which == 7:
            text = "send it by " + "9" * 10000  # quadratic: 40,000 digits freeze serve minutes
            self.send(self.sender.command("huge", "hostile", "/promise", text, ANA)[0], settle=10)
        else:
            text = "<@U00000RAJ> " * 3000 + f"for {tag}"
            self.send(self.sender.command("huge", "hostile", "/kudos", text, CAT)[0], settle=10)

    # ---------------------------------------------------------------- 3. known forgeries

    def forgeries(self) -> None:
        """Each known way to forge a form, once, with values that are otherwise right."""
        d = self.deadline
        _, bob_pid = self.make_promise(BOB, "L", "send the roadmap", d, family="forged form")
        _, ana_pid = self.make_promise(ANA, "L", "send the review", d, counterpart=RAJ)
        cases: list[tuple[str, JSON]] = [
            ("owner", {"owner": RAJ}),
            ("owner and source", {"owner": RAJ, "source": "shortcut"}),
            ("response_url", {}),
            ("owner and response_url", {"owner": CAT}),
        ]
        for name, change in cases:
            view = self.open_form(BOB, family="forged form")
            if view is None:
                continue
            meta = json.loads(str(view.get("private_metadata") or "{}"))
            n = len(self.sender.attempts) + 1
            if "response_url" in name:
                meta["response_url"] = self.evil.url(n)
            meta.update(change)
            tag = self.tag("E", [BOB], f"bob's form with its private_metadata {name} forged")
            values = fill(view, what=f"ship the {tag} EVIL", due=int(d.timestamp()))
            desc = (
                f"view_submission of bob's own /promise form, private_metadata forged to"
                f" {short(json.dumps(meta), 140)}"
            )
            request = self.submit(view, BOB, values, "forged form", "forged", json.dumps(meta))
            request.desc = desc
            attempt = self.send(request, settle=2)
            if "response_url" in name:
                self.forged_hooks[urlsplit(str(meta["response_url"])).path] = attempt.n
        edit, more = self.learned.action("Edit"), self.learned.action("Need more time")
        if not (bob_pid and ana_pid):
            return
        for action, kind in ((edit, "edit"), (more, "more_time")):
            if action is None:
                continue
            attempt = self.send(self.click(BOB, action, bob_pid, "forged form", "legit"))
            view = self.view_of(
                self.slack.wait_call(lambda c: c.method == "views.open", 8, attempt.first_call)
            )
            if view is None:
                continue
            meta = json.loads(str(view.get("private_metadata") or "{}"))
            meta["promise"] = int(ana_pid) if ana_pid.isdigit() else ana_pid
            meta["response_url"] = self.evil.url(len(self.sender.attempts) + 1)
            tag = self.tag("E", [BOB], f"bob's {kind} form pointed at ana's promise")
            if kind == "edit":
                values = fill(view, what=f"ship the {tag} EVIL")
            else:
                values = fill(view, due=int((d + timedelta(days=9)).timestamp()), note=f"{tag}")
            request = self.submit(view, BOB, values, "forged form", "forged", json.dumps(meta))
            request.desc = (
                f"view_submission of bob's own {kind} form, private_metadata forged to"
                f" {short(json.dumps(meta), 140)} (ana's promise)"
            )
            attempt = self.send(request, settle=2)
            self.forged_hooks[urlsplit(str(meta["response_url"])).path] = attempt.n
        self.slack.wait_quiet()

    # ---------------------------------------------------------------- 4. races

    def press(self, prompt: tuple[str, str, str, str]) -> JSON:
        """A press of a "Track this?" button on its message, as Slack sends it."""
        track, value, channel, ts = prompt
        container = {"type": "message", "message_ts": ts, "channel_id": channel}
        return self.sender.rq.block_action_payload(
            track,
            value,
            ANA,
            message=self.sender.rq.bot_message(ts=ts),
            channel_id=channel,
            container={**container, "is_ephemeral": True},
        )

    def races(self) -> None:
        d = self.deadline
        done, cancel = self.learned.action("Done"), self.learned.action("Cancel")
        if done:
            for _ in range(3):  # five identical Done clicks at once
                tag, pid = self.make_promise(
                    ANA, "R", "send the slides", d, counterpart=RAJ, family="race"
                )
                if pid:
                    payload = self.sender.rq.block_action_payload(done, pid, ANA)
                    request = self.sender.interactive(
                        "race", "legit", payload, f"5 identical Done clicks on {tag}", ANA
                    )
                    self.sender.burst([request] * 5)
        if done and cancel:
            for _ in range(3):  # Done and Cancel at once
                tag, pid = self.make_promise(
                    ANA, "R", "send the memo", d, counterpart=BOB, family="race"
                )
                if pid:
                    with_cancel = f"Done on {tag}, with Cancel"
                    with_done = f"Cancel on {tag}, with Done"
                    both = [
                        self.click(ANA, done, pid, "race", "legit", desc=with_cancel),
                        self.click(ANA, cancel, pid, "race", "legit", desc=with_done),
                    ]
                    self.sender.burst(both)
            for _ in range(2):  # the owner and the counterpart mark it done at once
                tag, pid = self.make_promise(
                    CAT, "R", "send the plan", d, counterpart=DAN, family="race"
                )
                if pid:
                    by_owner = f"Done by the owner on {tag}"
                    by_counterpart = f"Done by the counterpart on {tag}"
                    both = [
                        self.click(CAT, done, pid, "race", "legit", desc=by_owner),
                        self.click(DAN, done, pid, "race", "legit", desc=by_counterpart),
                    ]
                    self.sender.burst(both)
        track = self.learned.prompt.get("Track")
        if track:
            for _ in range(3):  # Track pressed three times on one "Track this?", then once more
                tag = self.tag("R", [ANA], "Track pressed 3 times at once, then again")
                event = self.sender.rq.message_event(
                    f"I'll send the forecast {tag} to <@{RAJ}> by Friday 3pm"
                )
                attempt = self.send(self.sender.event("race", "legit", event, "message: a promise"))
                self.wait_tagged(tag, attempt.first_call, button="Track")
                found = self.learned.suggestions.get(tag)
                if found is None:
                    continue
                request = self.sender.interactive(
                    "race", "legit", self.press(found), f"Track on {tag}, 3 at once", ANA
                )
                self.sender.burst([request] * 3)
                time.sleep(0.5)
                again = f"Track on {tag}, again on the same prompt"
                self.send(self.sender.interactive("race", "legit", self.press(found), again, ANA))
        on_track = self.learned.action("On track")
        if on_track:
            for _ in range(2):  # On track, three at once, and once more
                tag, pid = self.make_promise(
                    ANA, "R", "send the budget", d, counterpart=CAT, family="race"
                )
                if pid:
                    request = self.click(
                        ANA, on_track, pid, "race", "legit", desc=f"On track on {tag}, 3 at once"
                    )
                    self.sender.burst([request] * 3)
                    self.send(
                        self.click(
                            ANA, on_track, pid, "race", "legit", desc=f"On track on {tag}, again"
                        ),
                        settle=2,
                    )
        told = self.learned.action("I've told them")
        if told:
            for _ in range(2):  # I've told them, three at once, and once more, after one new date
                tag, pid = self.make_promise(
                    ANA, "R", "send the quote", d, customer="Globex", family="race"
                )
                if pid and self.renegotiate(ANA, pid, d + timedelta(days=2), "race", told=True):
                    request = self.click(
                        ANA, told, pid, "race", "legit", desc=f"I've told them on {tag}, 3 at once"
                    )
                    self.sender.burst([request] * 3)
                    self.send(
                        self.click(
                            ANA, told, pid, "race", "legit", desc=f"I've told them on {tag}, again"
                        ),
                        settle=2,
                    )
        more = self.learned.action("Need more time")
        if more:  # one "Need more time" form submitted twice at once
            tag, pid = self.make_promise(
                ANA, "R", "send the survey", d, counterpart=RAJ, family="race"
            )
            if pid:
                attempt = self.send(self.click(ANA, more, pid, "race", "legit"))
                view = self.view_of(
                    self.slack.wait_call(lambda c: c.method == "views.open", 8, attempt.first_call)
                )
                if view is not None:
                    values = fill(
                        view, due=int((d + timedelta(days=1)).timestamp()), note=f"late {tag}"
                    )
                    request = self.submit(
                        view,
                        ANA,
                        values,
                        "race",
                        "legit",
                        desc=f"one more-time form on {tag}, twice at once",
                    )
                    self.sender.burst([request, request])
        # Eight kudos at once from someone with five a day.
        reasons = []
        for i in range(8):
            tag = self.tag("R", [], "eight kudos at once, five a day", "kudos")
            reasons.append(
                self.sender.command(
                    "race", "legit", "/kudos", f"<@{PEOPLE[i % 5]}> for {tag} #teamwork", EVE
                )[0]
            )
        self.sender.burst(reasons)
        # One message event delivered three times at once (a Slack retry).
        tag = self.tag("R", [ANA], "one event three times at once")
        event = self.sender.rq.message_event(
            f"I'll send the minutes {tag} to <@{BOB}> by Friday 3pm"
        )
        event_id = self.sender.rq.new_event_id()
        self.sender.burst(
            [
                self.sender.event(
                    "race",
                    "legit",
                    event,
                    f"event {event_id} ({tag}), delivery {k + 1} of 3",
                    event_id=event_id,
                    retry=k or None,
                )
                for k in range(3)
            ]
        )
        # One reaction, three events at once.
        ts = self.sender.rq.new_ts()
        self.sender.burst(
            [
                self.sender.event(
                    "race",
                    "legit",
                    self.sender.rq.reaction_added_event("raised_hands", BOB, RAJ, ts=ts),
                    f"bob's :raised_hands: on raj's message {ts}, event {k + 1} of 3",
                )
                for k in range(3)
            ]
        )
        self.slack.wait_quiet()

    # ---------------------------------------------------------------- 5. two drains at once

    def beside_serve(self) -> None:
        """On SQLite serve drains every minute from its start: notices made just before its
        drain, and a tick started to drain beside it."""
        if not self.url.startswith("sqlite") or self.beside_done:
            return
        self.beside_done = True
        self._ticker_pause.set()
        while self._ticker_busy.is_set():
            time.sleep(0.05)
        left = self.seconds_to_drain_mark()
        mark = time.monotonic() + (left if left > 3.5 else left + 60.0)
        time.sleep(max(0.0, mark - 3.5 - time.monotonic()))
        self.slack.latency = 0.1
        for i in range(20):
            owner, counterpart = (ANA, RAJ) if i % 2 else (CAT, BOB)
            tag = self.tag("D", [owner], "made just before serve's drain")
            text = f"send the {tag} report to <@{counterpart}> by Friday 3pm"
            self.send(self.sender.command("drain", "legit", "/promise", text, owner)[0])
            why = f"told of promise {tag} (serve's drain and a tick at once)"
            self.expected.append(Expected(counterpart, tag, why))
        time.sleep(max(0.0, mark - 1.3 - time.monotonic()))  # a tick needs ~1.5 s to start
        self.kept.ticks_at_once(1)
        self.slack.wait_quiet()
        self.slack.latency = 0.0
        self._ticker_pause.clear()

    def drains(self) -> None:
        d = self.deadline
        self.beside_serve()
        # Thirty promises due at the deadline, their notices made; then two ticks at once.
        day = d.astimezone(self.new_york).strftime("%A")
        made: list[tuple[str, str]] = []
        for i in range(30):
            counterpart = (RAJ, BOB, DAN, CAT)[i % 4]
            tag = self.tag("D", [ANA], "due at the drain race's deadline")
            text = f"send the audit {tag} to <@{counterpart}> by {day} 2pm"
            self.send(self.sender.command("drain", "legit", "/promise", text, ANA)[0])
            made.append((ANA, tag))
        self.slack.wait_quiet()
        self.slack.latency = 0.04
        self.kept.ticks_at_once(2)  # the notices: two ticks at once, beside serve
        self.slack.wait_quiet()
        # The deadline's question, two ticks at once, Slack slow and refusing a few.
        for _ in range(2):
            self.slack.fail_next("chat.postMessage", status=429, retry_after=1)
        self.slack.fail_next("chat.postMessage", status=500)
        self.kept.ticks_at_once(2, d + timedelta(minutes=1))
        self.slack.wait_quiet()
        for owner, tag in made:
            self.expected.append(Expected(owner, tag, f"the deadline question of {tag}"))
        self.slack.latency = 0.0
        for minutes in (120, 130, 140, 150):  # what is left, past a Retry-After and a backoff
            self.kept.tick(d + timedelta(minutes=minutes))
        self.slack.wait_quiet()

    # ---------------------------------------------------------------- 6. count

    def tally(self, health: Health, seconds: float) -> Result:
        attempts = self.sender.attempts
        calls = self.slack.calls
        details: list[tuple[str, list[str]]] = []

        # Refused in words.
        refused = 0
        quiet_refusals: list[str] = []
        ordered = sorted(attempts, key=lambda a: a.first_call)
        starts = [a.first_call for a in ordered] + [len(calls)]
        by_path: dict[str, list[Call]] = defaultdict(list)
        for call in calls:
            if call.method == "response_url":
                by_path[call.path].append(call)
        for i, attempt in enumerate(ordered):
            request = attempt.request
            if request.label not in ("forged", "hostile", "malformed") or attempt.status != 200:
                continue
            said: list[str] = []
            for hook in request.hooks:
                said += [words(c) for c in by_path.get(hook, [])]
            if '"errors"' in attempt.answer:
                said.append(attempt.answer)
            window = calls[attempt.first_call : starts[i + 1]]
            for call in window:
                if (
                    call.method == "chat.postEphemeral" and call.args.get("user") == request.actor
                ) or (
                    call.method == "chat.postMessage"
                    and who(str(call.args.get("channel"))) == request.actor
                ):
                    said.append(words(call))
            said = [s for s in said if s.strip()]
            if said and not any(APOLOGY.search(s) for s in said):
                if not all(SUCCESS.search(s) for s in said):
                    refused += 1
            elif not said and request.label == "forged":
                quiet_refusals.append(f"#{attempt.n} {request.family}: {request.desc}")

        # 5xx, no answer, slow.
        five = [a for a in attempts if a.status >= 500]
        silent = [a for a in attempts if a.status == 0]
        slow = [a for a in attempts if a.seconds > SLACK_PATIENCE]
        details.append(
            (
                "5xx",
                [
                    f"#{a.n} {a.request.family}: {a.request.desc}"
                    f" -> {a.status} {short(a.answer, 60)}"
                    for a in five
                ],
            )
        )
        details.append(
            (
                "no answer",
                [f"#{a.n} {a.request.family}: {a.request.desc}: {a.answer}" for a in silent],
            )
        )
        huge = [
            f"#{a.n} {a.request.desc}: {a.status} in {a.seconds:.2f} s"
            for a in attempts
            if a.request.family == "huge"
        ]
        details.append(("the huge requests", huge))
        dropped = [f"#{a.n} {a.request.family}: {a.request.desc}" for a in attempts if a.dropped]
        details.append(("connections closed under a request (sent again)", dropped))
        details.append(
            (
                f"answers over {SLACK_PATIENCE:g} s",
                [f"#{a.n} {a.request.family}: {a.request.desc}: {a.seconds:.1f} s" for a in slow],
            )
        )

        # Crashes in the logs.
        crashes = crashes_in(self.kept.logs)
        kinds: Counter[str] = Counter()
        example: dict[str, str] = {}
        for crash in crashes:
            kind = f"{short(crash.context, 90)} -> {short(crash.error, 120)}"
            kinds[kind] += 1
            cause = None
            if crash.at is not None:
                at, context = crash.at, crash.context
                actor = re.search(r" from (\S+) failed", context)
                suspects = [
                    a
                    for a in attempts
                    if a.wall <= at + 0.01
                    and a.request.kind
                    and a.request.kind in context
                    and (actor is None or actor.group(1) in ("None", a.request.actor))
                ]
                cause = max(suspects, key=lambda a: a.wall, default=None)
            if cause is not None and kind not in example:
                example[kind] = (
                    f" (in {crash.log}; likely request: #{cause.n}"
                    f" {cause.request.family}: {cause.request.desc})"
                )
            example.setdefault(kind, f" (in {crash.log})")
        lines = [f"{n} × {kind}{example[kind]}" for kind, n in kinds.most_common()]
        details.append(("crashes in the log", lines))
        failed_ticks = [
            f"{log}: exit code {code}" for _, _, code, log in self.kept.ticks if code != 0
        ]
        details.append(("ticks that failed", failed_ticks))

        # Rows.
        snapshot = read_database(self.url)
        rows = self.rows_broken(snapshot)
        details.append(("rows changed that the actor may not change", rows))

        # Forged URLs, unsigned requests answered.
        evil = [
            f"{p} (forged form, attempt #{self.forged_hooks.get(p, '?')})" for p in self.evil.hits
        ]
        details.append(("posts to a response_url named by a forged form", evil))
        answered = [
            f"{c.path}: {short(words(c), 80)}"
            for c in calls
            if c.method == "response_url" and c.path in self.unsigned_hooks
        ]
        details.append(("replies to unsigned requests", answered))

        # Doubled and lost.
        extra, doubled, lost = self.messages(calls, snapshot)
        details.append(("messages doubled", doubled))
        details.append(("messages lost", lost))

        # /healthz.
        longest = max(health.samples, key=lambda s: s[1], default=(0.0, 0.0, True))
        failures = sum(1 for s in health.samples if not s[2])
        stalls: list[str] = []
        for began, took, _ in sorted(health.samples, key=lambda s: -s[1]):
            if took <= 1.0 or len(stalls) >= 12:
                break
            near = [a for a in attempts if began - 3.0 <= a.began <= began + took]
            big = [
                a
                for a in attempts
                if a.request.family == "huge" and began - 15.0 <= a.began <= began + took
            ]
            suspects = big[-1:] or near[-2:]
            ticks = sum(1 for b, e, _, _ in self.kept.ticks if b <= began + took and e >= began)
            shown = "; ".join(f"#{a.n} {a.request.family}: {a.request.desc}" for a in suspects)
            stalls.append(f"{took:.2f} s, after {shown or 'nothing sent'}; {ticks} tick(s) running")
        details.append(("/healthz answers over 1 s", stalls))
        polls = []
        for began, came in health.failed:
            near = [a for a in attempts if began - 3.0 <= a.began <= began]
            after = (
                f"#{near[-1].n} {near[-1].request.family}: {near[-1].request.desc}" if near else ""
            )
            polls.append(f"{came}, after {after or 'nothing sent'}")
        details.append(("/healthz polls failed", polls))
        details.append(("forged clicks or forms answered with nothing", quiet_refusals))
        details.append(
            (
                "outbox rows left unsent",
                [f"{n} {status}" for status, n in snapshot.outbox if status != "sent"],
            )
        )
        details.append(("notes", self.notes))
        details.append(("phases", self.phases))
        numbers: dict[str, Any] = {
            "attempts": len(attempts),
            "refused in words": refused,
            "5xx": len(five),
            "crashes in the log": len(crashes),
            "rows changed that the actor may not change": len(rows),
            "messages doubled": extra,
            "messages lost": len(lost),
            "longest /healthz stall": longest[1],
            "answers over 3 s": len(slow),
            "no answer": len(silent),
            "posts to a forged response_url": len(evil),
            "replies to unsigned requests": len(answered),
            "/healthz polls failed": failures,
            "seconds": seconds,
        }
        return Result(self.name, numbers, details)

    def rows_broken(self, db: Snapshot) -> list[str]:
        broken: list[str] = []
        promises = {row["id"]: row for row in db.promises}
        tagged: dict[str, list[JSON]] = defaultdict(list)
        for row in db.promises:
            for tag in set(TAG.findall(f"{row['what']} {row['customer_name'] or ''}")):
                tagged[tag].append(row)
        for tag, rows in tagged.items():
            record = self.tags.get(tag)
            if record is None or record.kind == "kudos":
                continue
            for row in rows:
                if record.kind == "unsigned":
                    broken.append(
                        f"promise {row['id']} {short(row['what'], 60)} owned by {row['owner']}"
                        f" was made by an unsigned request: {record.desc}"
                    )
                elif row["owner"] not in record.allowed:
                    broken.append(
                        f"promise {row['id']} {short(row['what'], 60)} is owned by"
                        f" {row['owner']}; only {'/'.join(sorted(record.allowed)) or 'nobody'}"
                        f" may have made it: {record.desc}"
                    )
            if len(rows) > 1:
                ids = ", ".join(str(r["id"]) for r in rows)
                broken.append(
                    f"one request made {len(rows)} promises ({ids}) from {tag}: {record.desc}"
                )
        events: dict[int, list[JSON]] = defaultdict(list)
        for event in db.events:
            events[event["promise_id"]].append(event)
        for pid, history in events.items():
            promise = promises.get(pid)
            if promise is None:
                continue
            owner, counterpart = promise["owner"], promise["counterpart"]
            closed = False
            closes = renegotiations = on_track = told = 0
            last_due: Any = None
            for event in history:
                kind, actor = event["kind"], event["actor"]
                allowed = {owner}
                if kind in ("created", "done"):
                    allowed.add(counterpart)
                if actor is not None and actor not in allowed:
                    broken.append(f"promise {pid} (owner {owner}): a {kind!r} event by {actor}")
                if kind in ("nudged",):
                    continue
                if closed:
                    broken.append(f"promise {pid}: a {kind!r} event after it was closed")
                if kind in ("done", "cancelled"):
                    closes += 1
                    closed = True
                elif kind == "renegotiated":
                    renegotiations += 1
                    new_due = (
                        event["data"].get("new_due") if isinstance(event["data"], dict) else None
                    )
                    if new_due is not None and new_due == last_due:
                        broken.append(f"promise {pid}: renegotiated twice to {new_due}")
                    last_due = new_due
                elif kind == "on_track":
                    on_track += 1
                elif kind == "customer_informed":
                    told += 1
            closings = [e["kind"] for e in history if e["kind"] in ("done", "cancelled")]
            if closes > 1:
                broken.append(f"promise {pid}: closed {closes} times ({', '.join(closings)})")
            if on_track > 1 + renegotiations:
                broken.append(
                    f"promise {pid}: 'on track' {on_track} times"
                    f" for {1 + renegotiations} due date(s)"
                )
            if told > renegotiations:
                broken.append(
                    f"promise {pid}: 'told the customer' {told} times"
                    f" for {renegotiations} new date(s)"
                )
        allowance = daily_allowance()
        per_day: Counter[tuple[str, str]] = Counter()
        reactions: Counter[tuple[str, str, str]] = Counter()
        for k in db.kudos:
            if k["giver"] == k["recipient"]:
                broken.append(f"kudos {k['id']}: {k['giver']} thanked themself")
            if k["recipient_is_bot"]:
                broken.append(f"kudos {k['id']}: {k['giver']} thanked the bot {k['recipient']}")
            if k["message_ref"] is None:
                day = k["given_at"].astimezone(ZoneInfo(k["zone"] or "UTC")).date().isoformat()
                per_day[(k["giver"], day)] += 1
            elif k["revoked_at"] is None:
                reactions[(k["giver"], k["recipient"], k["message_ref"])] += 1
        for (giver, day), count in per_day.items():
            if count > allowance:
                broken.append(f"{giver} gave {count} kudos on {day}; {allowance} a day are allowed")
        for (giver, recipient, ref), count in reactions.items():
            if count > 1:
                broken.append(f"{giver}'s reaction on {ref} gave {recipient} {count} kudos")
        return broken

    def messages(self, calls: Sequence[Call], db: Snapshot) -> tuple[int, list[str], list[str]]:
        """The copies too many, what they were, and the messages lost."""
        sent: Counter[tuple[str, str, str]] = Counter()
        shown: dict[tuple[str, str, str], str] = {}
        reached: dict[str, set[str]] = defaultdict(set)  # tag -> who got a message with it
        for call in calls:
            if not call.ok or call.method not in ("chat.postMessage", "chat.postEphemeral"):
                continue
            text = words(call)
            tags = TAG.findall(text)
            if not tags:
                continue
            channel = who(str(call.args.get("channel", "")))
            user = str(call.args.get("user", "")) if call.method == "chat.postEphemeral" else ""
            key = (call.method, f"{channel}{'/' + user if user else ''}", text)
            sent[key] += 1
            shown[key] = str(call.args.get("text") or text)
            for tag in tags:
                reached[tag].add(channel)
        doubled = [
            f"{count} × {key[0]} to {key[1]}: {short(shown[key], 110)}"
            for key, count in sent.items()
            if count > 1
        ]
        extra = sum(count - 1 for count in sent.values())
        expected = list(self.expected)
        for row in db.promises:
            counterpart = row["counterpart"]
            if (
                counterpart in TOLD_PEOPLE
                and counterpart != row["owner"]
                and row["source"] != "shortcut"
            ):
                for tag in set(TAG.findall(row["what"])):
                    expected.append(
                        Expected(counterpart, tag, f"told of promise {row['id']} ({tag})")
                    )
        for k in db.kudos:
            if k["revoked_at"] is not None or k["recipient"] not in TOLD_PEOPLE:
                continue
            for tag in set(TAG.findall(k["reason"] or "")):
                expected.append(
                    Expected(k["recipient"], tag, f"thanked in kudos {k['id']} ({tag})")
                )
                if k["message_ref"] is None:
                    where = f"channel:{k['recipient']}"
                    expected.append(Expected(where, tag, f"kudos {k['id']} posted ({tag})"))
        lost: list[str] = []
        seen: set[tuple[str, str]] = set()
        for expectation in expected:
            pair = (expectation.recipient, expectation.tag)
            if pair in seen:
                continue
            seen.add(pair)
            got = reached.get(expectation.tag, set())
            if expectation.recipient.startswith("channel:"):
                arrived = bool(got - {expectation.recipient.split(":", 1)[1]})
                whom = "no conversation"
            else:
                arrived = expectation.recipient in got
                whom = expectation.recipient
            if not arrived:
                lost.append(f"{whom} never got: {expectation.why}")
        return extra, doubled, lost


def shortcut_callback() -> str:
    """The message shortcut's callback_id, from the app manifest."""
    manifest = (ROOT / "config" / "slack-manifest.yml").read_text()
    found = re.search(r"type:\s*message\s*\n\s*callback_id:\s*(\S+)", manifest)
    return found.group(1) if found else "track_promise"


def daily_allowance() -> int:
    settings = tomllib.loads((ROOT / "config" / "kept.toml").read_text())
    return int(settings.get("kudos", {}).get("daily_allowance", 5))


@dataclass
class Crash:
    log: str
    context: str  # the log line before the traceback
    error: str  # the exception, as printed
    at: float | None  # when it was logged (epoch seconds), if the line says


def crashes_in(logs: Sequence[Path]) -> list[Crash]:
    """Tracebacks in the logs, one per error (chained ones count once)."""
    found: list[Crash] = []
    for log in logs:
        lines = log.read_text(errors="replace").splitlines()
        i = 0
        while i < len(lines):
            if not lines[i].startswith("Traceback (most recent call last)"):
                i += 1
                continue
            before = next((lines[j] for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            chained = "During handling" in before or "direct cause" in before
            stamp = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d{3}) ", before)
            at = None
            if stamp:  # logging's asctime, in the machine's zone
                local = datetime.strptime(stamp.group(1), "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007
                at = local.timestamp() + int(stamp.group(2)) / 1000
            context = before[stamp.end() :] if stamp else before
            j = i + 1
            while j < len(lines) and (lines[j].startswith(" ") or not lines[j].strip()):
                j += 1
            error = lines[j] if j < len(lines) else "?"
            if not chained:
                found.append(Crash(log.name, context.strip(), error, at))
            i = j
    return found


# ------------------------------------------------------------------ the database, read plainly


@dataclass
class Snapshot:
    promises: list[JSON]
    events: list[JSON]
    kudos: list[JSON]
    outbox: list[tuple[str, int]]


PROMISES = """
SELECT p.id, o.user_id, c.user_id, p.what, p.customer_name, p.status, p.source
FROM promises p JOIN people o ON o.id = p.owner_id LEFT JOIN people c ON c.id = p.counterpart_id
"""
EVENTS = """
SELECT e.promise_id, e.kind, a.user_id, e.data
FROM promise_events e LEFT JOIN people a ON a.id = e.actor_id ORDER BY e.id
"""
KUDOS = """
SELECT k.id, g.user_id, g.timezone, r.user_id, r.is_bot, k.reason, k.message_ref, k.given_at,
       k.revoked_at
FROM kudos k JOIN people g ON g.id = k.giver_id JOIN people r ON r.id = k.recipient_id
"""
OUTBOX = "SELECT status, COUNT(*) FROM outbox GROUP BY status"


def _instant(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def read_database(url: str) -> Snapshot:
    rows: dict[str, list[tuple[Any, ...]]] = {}
    if url.startswith("sqlite"):
        path = make_url(url).database or ""
        with sqlite3.connect(path) as db:
            for name, sql in (("p", PROMISES), ("e", EVENTS), ("k", KUDOS), ("o", OUTBOX)):
                rows[name] = list(db.execute(sql))
    else:
        with connect(url) as db:
            for name, sql in (("p", PROMISES), ("e", EVENTS), ("k", KUDOS), ("o", OUTBOX)):
                rows[name] = list(db.execute(sql).fetchall())
    keys = ("id", "owner", "counterpart", "what", "customer_name", "status", "source")
    promises = [dict(zip(keys, r, strict=True)) for r in rows["p"]]
    events = []
    for promise_id, kind, actor, data in rows["e"]:
        if isinstance(data, str):
            data = json.loads(data)
        events.append({"promise_id": promise_id, "kind": kind, "actor": actor, "data": data})
    kudos = []
    for kid, giver, zone, recipient, is_bot, reason, ref, given, revoked in rows["k"]:
        kudos.append(
            {
                "id": kid,
                "giver": giver,
                "zone": zone,
                "recipient": recipient,
                "recipient_is_bot": bool(is_bot),
                "reason": reason,
                "message_ref": ref,
                "given_at": _instant(given),
                "revoked_at": revoked,
            }
        )
    outbox = [(str(status), int(count)) for status, count in rows["o"]]
    return Snapshot(promises, events, kudos, outbox)


# ------------------------------------------------------------------ the report

ROWS = [
    ("attempts", "≥ 1,000"),
    ("refused in words", ""),
    ("5xx", "0"),
    ("crashes in the log", "0"),
    ("rows changed that the actor may not change", "0"),
    ("messages doubled", "0"),
    ("messages lost", "0"),
    ("longest /healthz stall", "≤ 1 s"),
    ("answers over 3 s", "0"),
    ("no answer", "0"),
    ("posts to a forged response_url", "0"),
    ("replies to unsigned requests", "0"),
    ("/healthz polls failed", "0"),
]


def show(value: Any, measure: str) -> str:
    if measure == "longest /healthz stall":
        return f"{value:.2f} s"
    return f"{value:,}"


def report(results: Sequence[Result], show_examples: int) -> None:
    for result in results:
        print(f"\n## {result.name}: what went wrong ({result.numbers['seconds']:.0f} s)")
        for title, lines in result.details:
            if not lines:
                continue
            print(f"\n{title} ({len(lines)}):")
            for line in lines[:show_examples]:
                print(f"  - {line}")
            if len(lines) > show_examples:
                print(f"  … and {len(lines) - show_examples} more")
    print()
    names = [r.name for r in results]
    print("| measure | " + " | ".join(names) + " | target |")
    print("| --- | " + " | ".join("---:" for _ in names) + " | ---: |")
    for measure, target in ROWS:
        cells = [show(r.numbers[measure], measure) for r in results]
        print(f"| {measure} | " + " | ".join(cells) + f" | {target} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=900, help="random and hostile ones")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--show", type=int, default=4, help="examples shown per finding")
    parser.add_argument("--server", default=SERVER, help="a database URL on the PostgreSQL server")
    args = parser.parse_args()
    print("$ " + shlex.join([relative(sys.executable), *sys.argv]))
    print(
        f"seed {args.seed}; code: {code()}; {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    folder = Path(tempfile.mkdtemp(prefix="kept-robustness-"))
    print(f"logs and the SQLite database in {folder}")
    runs: list[tuple[str, str]] = []
    if args.db in ("sqlite", "both"):
        runs.append(("SQLite", f"sqlite:///{folder / 'sqlite' / 'kept.db'}"))
    if args.db in ("postgres", "both"):
        pg = make_url(args.server).set(database=PG_DATABASE)
        runs.append(("PostgreSQL", pg.render_as_string(hide_password=False)))
    results = []
    for name, url in runs:
        sub = folder / name.lower()
        sub.mkdir(exist_ok=True)
        print(f"running on {name}…", flush=True)
        results.append(Run(name, url, sub, args.seed, args.requests, args.server).run())
    report(results, args.show)


if __name__ == "__main__":
    main()
