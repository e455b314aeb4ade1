"""The local shell: Kept in a terminal, on the local database, with no chat account anywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.bootstrap import Kept
from bot.clock import ShiftedClock
from bot.domain.commands import Topic, parse_command
from bot.domain.durations import parse_duration
from bot.domain.people import PersonKey, Profile
from bot.jobs.drain import drain_outbox
from bot.jobs.scheduler import run_once
from bot.render.deliveries import UnknownDelivery
from bot.render.text import render_delivery, render_reply
from bot.services import chat, people
from bot.services.outbox import Delivery, SendResult, Sent, Undeliverable

PLATFORM, WORKSPACE = "shell", "local"

SHELL_HELP = """\
Chat with Kept as you would in Slack:
  /promise …   /kudos …   /digest …     (add `help` to any of them)
  a plain message                        is read as chat, as in a channel
Shell commands:
  /wait 2h      move the clock on (30m, 2h, 1d, 1w) and run what fell due
  /time         the time now, in your zone
  /as NAME      speak as someone else (@NAME); /as NAME ZONE sets their zone too
  /quit         leave (Ctrl-D works too)"""


class ShellSender:
    """Prints deliveries addressed to anyone in the shell: they all sit at this terminal."""

    platform = PLATFORM

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def send(self, delivery: Delivery) -> SendResult:
        try:
            text = render_delivery(delivery)
        except UnknownDelivery as error:
            return Undeliverable(str(error))
        self._out.write(f"  [to @{delivery.recipient}] {text}\n")
        return Sent()


class Shell:
    def __init__(self, kept: Kept, *, name: str, timezone: str) -> None:
        if not isinstance(kept.clock, ShiftedClock):
            raise TypeError("the shell needs a clock it can move forward")
        self._kept, self._clock = kept, kept.clock
        self._name, self._zone = name.lstrip("@"), timezone

    def run(self, given: TextIO, out: TextIO) -> None:
        sender = ShellSender(out)
        self._kept.senders.append(sender)
        interactive = given.isatty()
        out.write(self._banner())
        self._become(self._name, self._zone)
        while True:
            if interactive:
                out.write(f"@{self._name}> ")
                out.flush()
            line = given.readline()
            if not line:
                break
            line = line.strip()
            if not line:
                continue
            if not interactive:
                out.write(f"@{self._name}> {line}\n")
            if line in ("/quit", "/exit"):
                break
            out.write(self._answer(line) + "\n")
            drain_outbox(self._kept.db, [sender], self._clock)
            out.flush()

    def _banner(self) -> str:
        db = self._kept.settings.database_url
        return (
            f"Kept, in your terminal, on {db}. You are @{self._name} ({self._zone}).\n"
            "No Slack or Teams account needed here. To connect Slack, set SLACK_BOT_TOKEN and\n"
            "SLACK_SIGNING_SECRET (README.md, 'Connect Slack') and run `python -m bot serve`.\n"
            "Type /help for what you can do, /quit to leave.\n"
        )

    def _answer(self, line: str) -> str:
        word, _, rest = line.partition(" ")
        match word.lower():
            case "/help":
                return SHELL_HELP
            case "/time":
                return self._now_text()
            case "/wait":
                return self._wait(rest)
            case "/as":
                return self._switch(rest)
            case "/promise" | "/kudos" | "/digest":
                return render_reply(chat.handle(parse_command(Topic(word[1:].lower()), rest)))
        if word.startswith("/"):
            return f"I don't know {word}. Type /help to see what you can do."
        return "Noted. (Try /promise help to track a promise.)"

    def _wait(self, written: str) -> str:
        try:
            by = parse_duration(written or "?")
        except ValueError:
            return "How long? For example: /wait 2h (or 30m, 1d, 1w)."
        if by > timedelta(days=366):
            return "That is more than a year; try /wait 1w."
        self._clock.advance(by)
        run_once(self._kept.jobs())
        return self._now_text()

    def _switch(self, rest: str) -> str:
        name, _, zone = rest.strip().partition(" ")
        if not name:
            return "Who? For example: /as ana, or /as raj Asia/Kolkata."
        zone = zone.strip() or self._zone
        try:
            ZoneInfo(zone)
        except (ValueError, KeyError):
            return f"{zone!r} is not a time zone I know; try Europe/London or Asia/Kolkata."
        self._become(name.lstrip("@"), zone)
        return f"You are now @{self._name} ({self._zone})."

    def _become(self, name: str, zone: str) -> None:
        self._name, self._zone = name, zone
        with self._kept.db.unit_of_work() as session:
            people.remember(
                session,
                PersonKey(PLATFORM, WORKSPACE, name),
                Profile(name, zone),
                self._clock.now(),
            )

    def _now_text(self) -> str:
        local = self._clock.now().astimezone(ZoneInfo(self._zone))
        return f"It is {local:%A %d %B %Y, %H:%M} ({self._zone})."
