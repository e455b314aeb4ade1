"""The command line: serve, clock, tick, shell, understand, digest, db upgrade, teams package."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlalchemy import make_url
from sqlalchemy.exc import OperationalError

from bot.app import Platforms, start
from bot.bootstrap import build
from bot.clock import FixedClock, ShiftedClock, SystemClock
from bot.domain.zones import local_time, locale_tag, zone
from bot.handlers.slack import SlackNotConfigured
from bot.jobs import one_scheduler
from bot.jobs.deliver_soon import DeliverSoon
from bot.jobs.scheduler import build_scheduler, run_once
from bot.log_lines import log_to_stderr
from bot.services.nudges import hours_of
from bot.settings import Settings, SettingsError, load_settings
from bot.store.db import why

if TYPE_CHECKING:
    from starlette.applications import Starlette

log = logging.getLogger("bot")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command is None:
            configured = settings.slack.configured or settings.teams.configured
            args = parser.parse_args(["serve" if configured else "shell"])
        # The shell's terminal is for the chat: only problems are logged there.
        log_to_stderr(logging.WARNING if args.command == "shell" else logging.INFO)
        return int(COMMANDS[args.command](settings, args) or 0)
    except (SettingsError, SlackNotConfigured, BadArgument) as error:
        # One clear line, never a traceback: these are the operator's to fix.
        print(f"kept: {error}", file=sys.stderr)
        return 2
    except OperationalError as error:
        url = make_url(settings.database_url).render_as_string(hide_password=True)
        reason = why(error)
        print(f"kept: cannot use the database {url}: {reason}", file=sys.stderr)
        return 2


class BadArgument(Exception):
    pass


def serve(settings: Settings, args: argparse.Namespace) -> None:
    from bot.handlers.slack.socket_mode import run_socket_mode  # only when asked: opens a socket

    platforms = start(settings, SystemClock())
    if platforms.slack is None and platforms.teams is None:
        raise SlackNotConfigured(
            "no platform is configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (README,"
            " 'Connect Slack') or CLIENT_ID, CLIENT_SECRET and TENANT_ID (README, 'Connect"
            " Microsoft Teams'), or try Kept locally with `python -m bot shell`."
        )
    if platforms.teams is None:
        log.info("Microsoft Teams is off: set CLIENT_ID, CLIENT_SECRET and TENANT_ID to serve it")
    problem = platforms.kept.db.problem()
    if problem is not None and not settings.uses_sqlite:
        log.error(
            "the database %s does not answer (%s): /healthz answers 503 until it does",
            make_url(settings.database_url).render_as_string(hide_password=True),
            problem,
        )
    if settings.uses_sqlite:
        # One process on SQLite: the schema and the jobs live here too.
        platforms.kept.db.upgrade()
        if one_scheduler.take(settings.database_url, wait=False):
            build_scheduler(platforms.kept.jobs(), platforms.kept.clock, blocking=False).start()
        else:
            log.warning(
                "another Kept already runs the jobs on this database: this one answers requests"
                " and leaves the jobs to it"
            )
    if platforms.slack is not None and settings.slack.socket_mode:
        if platforms.teams is not None:
            log.warning("Socket Mode serves Slack only: unset SLACK_APP_TOKEN to serve Teams too")
        _deliver_soon(platforms)
        run_socket_mode(platforms.slack, settings.slack.app_token or "")
    else:
        _serve_http(platforms, settings)


def _deliver_soon(platforms: Platforms) -> None:
    """A request's messages go out at once, from the process that answered it."""
    kept = platforms.kept
    DeliverSoon(kept.db, kept.senders, kept.clock, hours_of(kept)).start()


# How long an idle connection is kept open: longer than the clients' and proxies' own (httpx
# 5 s, load balancers 60 s), so that they, not Kept, close it. Closed at the same moment a
# client sends on it, a request is lost: uvicorn's 5 s lost 1 command in 1,000 at 50 a second.
KEEP_ALIVE_SECONDS = 75


def _serve_http(platforms: Platforms, settings: Settings) -> None:
    import uvicorn

    served = [
        *(["Slack at /slack/events"] if platforms.slack else []),
        *(["Teams at /api/messages"] if platforms.teams else []),
    ]
    log.info("Kept listens on port %d: %s, health at /healthz", settings.port, ", ".join(served))
    run = partial(
        uvicorn.run,
        host="0.0.0.0",
        port=settings.port,
        proxy_headers=True,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        log_level="info",
    )
    if settings.web_processes == 1:
        _deliver_soon(platforms)
        run(platforms.asgi(), workers=1)
        return
    # Each web process is a Kept of its own (one interpreter each, so they use every core);
    # this one runs the jobs, when it has them, and starts the web processes again if one dies.
    log.info("Kept answers in %d web processes (WEB_CONCURRENCY)", settings.web_processes)
    run(f"{__name__}:web_process", factory=True, workers=settings.web_processes)


def web_process() -> Starlette:
    """One of WEB_CONCURRENCY web processes (uvicorn starts each, anew): it answers requests
    and delivers their messages at once; the jobs are the first process's."""
    log_to_stderr(logging.INFO)
    platforms = start(load_settings(), SystemClock())
    _deliver_soon(platforms)
    return platforms.asgi()


def clock(settings: Settings, args: argparse.Namespace) -> None:
    platforms = start(settings, SystemClock(), listening=False)  # the web processes listen
    if not one_scheduler.take(settings.database_url, wait=False):
        log.warning("another Kept runs the jobs on this database: this clock waits until it stops")
        one_scheduler.take(settings.database_url, wait=True)
    log.info("Kept's clock runs its jobs every minute; stop it with Ctrl-C")
    build_scheduler(platforms.kept.jobs(), platforms.kept.clock, blocking=True).start()


def tick(settings: Settings, args: argparse.Namespace) -> None:
    at = _instant(args.at, "--at") if args.at else SystemClock().now()
    platforms = start(settings, FixedClock(at), listening=False)  # it delivers, it hears nothing
    for name, outcome in run_once(platforms.kept.jobs()).items():
        print(f"{name}: {outcome}")


def shell(settings: Settings, args: argparse.Namespace) -> None:
    from bot.handlers.shell import Shell

    zone = _zone(args.tz) if args.tz else settings.working_hours.default_timezone
    now = _instant(args.now, "--now", zone) if args.now else None
    env = build(settings, ShiftedClock(start=now))  # the shell is its own platform
    env.db.upgrade()
    Shell(env, name=args.as_name, timezone=zone).run(sys.stdin, sys.stdout)


def understand(settings: Settings, args: argparse.Namespace) -> None:
    from bot.bootstrap import reading_rules
    from bot.handlers.understand import Defaults, understand_lines

    tz = _zone(args.tz) if args.tz is not None else settings.working_hours.default_timezone
    now = _instant(args.now, "--now", tz) if args.now is not None else SystemClock().now()
    locale = _locale(args.locale) if args.locale is not None else settings.due_times.default_locale
    rules = reading_rules(settings, now.year)
    understand_lines(
        sys.stdin, sys.stdout, Defaults(tz, now.astimezone(ZoneInfo(tz)), locale), rules
    )


def digest(settings: Settings, args: argparse.Namespace) -> None:
    """A team's digest printed as text, and optionally its CSV and chart written to files."""
    from bot.domain.digest import IsoWeek
    from bot.domain.errors import KeptError
    from bot.render.shared.digest_chart import trend_png
    from bot.render.shared.digest_csv import csv_text
    from bot.render.text.digest import digest_text
    from bot.services.digest import build_digest
    from bot.services.digest_csv import week_csv
    from bot.services.teams import team_named

    at = _instant(args.now, "--now") if args.now else SystemClock().now()
    kept = build(settings, FixedClock(at))
    try:
        team = team_named(kept, args.team)
        week = IsoWeek.parse(args.week)
    except KeptError as error:
        raise BadArgument(str(error)) from None
    result = build_digest(kept, team, week)
    print(digest_text(result))
    if args.csv:
        _write(args.csv, "--csv", csv_text(week_csv(kept, team, week)).encode("utf-8"))
    if args.png:
        _write(args.png, "--png", trend_png(result))


def _write(path: str, flag: str, content: bytes) -> None:
    try:
        Path(path).write_bytes(content)
    except OSError as error:
        raise BadArgument(f"{flag}: cannot write {path}: {error.strerror or error}") from None


def db_upgrade(settings: Settings, args: argparse.Namespace) -> None:
    build(settings, SystemClock()).db.upgrade()  # asks no chat platform anything
    print("The database schema is up to date.")


def teams_package(settings: Settings, args: argparse.Namespace) -> None:
    """The zip an admin uploads to Teams, for the Azure bot whose app id is given."""
    from bot.teams_package import TeamsPackageError, build_package

    app_id = args.app_id or settings.teams.client_id
    if not app_id:
        raise BadArgument(
            "no app id: pass --app-id or set CLIENT_ID to the Azure bot's Microsoft App ID"
            " (README, 'Connect Microsoft Teams')"
        )
    try:
        path = build_package(app_id, Path(args.out))
    except TeamsPackageError as error:
        raise BadArgument(str(error)) from None
    print(f"Wrote {path}")
    print("Upload it in Teams: Apps → Manage your apps → Upload an app")


COMMANDS = {
    "serve": serve,
    "clock": clock,
    "tick": tick,
    "shell": shell,
    "understand": understand,
    "digest": digest,
    "db": db_upgrade,
    "teams": teams_package,
}


def _instant(text: str, flag: str, tz: str = "UTC") -> datetime:
    """An ISO time from the command line; without an offset it is wall time in `tz`."""
    try:
        return local_time(text, tz)
    except ValueError as error:
        raise BadArgument(f"{flag}: {error}") from None


def _locale(text: str) -> str:
    try:
        return locale_tag(text)
    except ValueError as error:
        raise BadArgument(f"--locale: {error}") from None


def _zone(name: str) -> str:
    try:
        return zone(name)
    except ValueError as error:
        raise BadArgument(f"--tz: {error}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Kept: tracks the promises people make at work. With no command, serves the "
        "configured platforms, or opens the local shell when none is configured.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "serve",
        help="serve Slack (HTTP at /slack/events, or Socket Mode) and /healthz",
        description="Serve Slack over HTTP on $PORT (/slack/events, /healthz), or over Socket Mode"
        " when SLACK_APP_TOKEN is set. On SQLite it also upgrades the schema and runs the jobs.",
    )
    commands.add_parser(
        "clock",
        help="run the scheduled jobs (nudges, deliveries, digests) until stopped",
        description="Run the periodic jobs every minute until stopped: the process for the"
        " Procfile's `clock` when the web runs on several machines with PostgreSQL.",
    )
    tick_parser = commands.add_parser(
        "tick",
        help="run all due work once and exit",
        description="Run every job once, as if it were --at, and exit: for cron, for replaying a"
        " time, and for tests.",
    )
    tick_parser.add_argument(
        "--at",
        metavar="ISO-TIME",
        help="the instant to act at (default now; without an offset, UTC)",
    )
    shell_parser = commands.add_parser(
        "shell",
        help="chat with Kept in this terminal, on the local database",
        description="A terminal chat with the same commands as Slack (/promise, /kudos, /digest),"
        " no account needed. /wait 2h moves the clock on so you can watch a nudge arrive."
        " Reads commands to the end of standard input when it is not a terminal.",
    )
    shell_parser.add_argument(
        "--as",
        dest="as_name",
        default="me",
        metavar="NAME",
        help="who you are in the chat (default: me)",
    )
    shell_parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="your time zone, e.g. Europe/London (default: [working_hours] default_timezone)",
    )
    shell_parser.add_argument(
        "--now",
        metavar="ISO-TIME",
        help="start the clock at this local time, e.g. 2026-11-23T10:00 (default: now)",
    )
    understand_parser = commands.add_parser(
        "understand",
        help="read messages from stdin, one a line, and say what Kept understands (JSON lines)",
        description="The message reader on its own: each line of standard input is a message"
        ' (plain text, or a JSON object with "text" and optional "tz", "now", "locale"); each'
        ' line out is {"promise", "due", "grain", "matched", "counterpart"}.',
    )
    understand_parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="the writer's time zone (default: [working_hours] default_timezone)",
    )
    understand_parser.add_argument(
        "--now",
        metavar="ISO-LOCAL-TIME",
        help="when the messages were written, wall time in --tz (default: now)",
    )
    understand_parser.add_argument(
        "--locale",
        help="day/month order, e.g. en-US or en-GB (default: [due_times] default_locale)",
    )
    digest_parser = commands.add_parser(
        "digest",
        help="print a team's weekly digest; write its CSV and chart",
        description="The digest a manager gets, for a team and an ISO week in the manager's"
        " zone, as of now.",
    )
    digest_parser.add_argument("--team", required=True, metavar="NAME", help="the team's name")
    digest_parser.add_argument("--week", required=True, metavar="YYYY-Www", help="e.g. 2026-W45")
    digest_parser.add_argument(
        "--now", metavar="ISO-TIME", help="count as of this instant (default now; UTC if bare)"
    )
    digest_parser.add_argument("--csv", metavar="FILE", help="write the week's promises here")
    digest_parser.add_argument("--png", metavar="FILE", help="write the 8-week chart here")
    db_parser = commands.add_parser(
        "db",
        help="database tasks: `db upgrade`",
        description="`db upgrade` brings the schema to the newest migration (the Procfile's"
        " `release`).",
    )
    db_parser.add_argument("action", choices=["upgrade"], help="upgrade the schema")
    teams_parser = commands.add_parser(
        "teams",
        help="Microsoft Teams tasks: `teams package`",
        description="`teams package` writes the Teams app package (manifest and icons, zipped)"
        " for the Azure bot whose app id is --app-id or $CLIENT_ID, ready to upload to Teams.",
    )
    teams_parser.add_argument("action", choices=["package"], help="build the app package")
    teams_parser.add_argument(
        "--app-id",
        metavar="ID",
        help="the Azure bot's Microsoft App ID, a GUID (default: $CLIENT_ID)",
    )
    teams_parser.add_argument(
        "--out",
        metavar="FILE",
        default="build/kept-teams.zip",
        help="where to write the zip (default: build/kept-teams.zip)",
    )
    return parser
