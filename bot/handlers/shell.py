"""The local shell: Kept in a terminal, on the local database, with no chat account anywhere."""

from __future__ import annotations

from datetime import timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.clock import ShiftedClock
from bot.domain.commands import Topic, parse_command
from bot.domain.durations import parse_duration
from bot.domain.errors import KeptError
from bot.domain.people import PersonKey, Profile
from bot.domain.printable import printable
from bot.domain.promises import Sooner, read_id
from bot.domain.zones import zone as check_zone
from bot.jobs import periodic_jobs
from bot.jobs.drain_outbox import drain_outbox
from bot.jobs.scheduler import Job, run_once
from bot.render.shared.promises import sooner_text
from bot.render.text import render_delivery, render_reply
from bot.render.text.ids import Command
from bot.render.text.promises import render_suggestion
from bot.services import chat, people, promises
from bot.services.env import Env
from bot.services.nudges import hours_of
from bot.services.outbox import TO_A_CHANNEL, Delivery, SendResult, Sent
from bot.services.replies import Refusal, Reply
from bot.services.replies.promises import Suggestion

PLATFORM, WORKSPACE = "shell", "local"
CHANNEL = "general"  # where the shell's commands are typed, as a Slack command has a channel

SHELL_HELP = """\
Chat with Kept as you would in Slack:
  /promise …   /kudos …   /digest …     (add `help` to any of them)
  a plain message                        is read as chat: a promise in it is offered to track
The buttons Slack shows, typed:
  /track                                 track the promise just offered
  /done 3   /cancel 3                    close promise #3
  /on-track 3                            answer a nudge: it will be on time
  /more-time 3 Monday 10am, data late    a new due time for #3, and a note for them
  /sooner                                bring forward the promise just offered an earlier date
  /told 3                                you told the customer of #3's new date
Shell commands:
  /wait 2h      move the clock on (30m, 2h, 1d, 1w) and run what fell due
  /time         the time now, in your zone
  /as NAME      speak as someone else (@NAME); /as NAME ZONE sets their zone too
  /quit         leave (Ctrl-D works too)"""


# The buttons Slack shows on a promise, as the shell's commands.
BUTTONS = {
    Command.DONE: promises.complete,
    Command.CANCEL: promises.cancel,
    Command.ON_TRACK: promises.on_track,
    Command.TOLD: promises.customer_told,
}


class ShellDirectory:
    """Everyone in the shell is a name; their zone is the one given with /as, or the default."""

    platform, workspace_id = PLATFORM, WORKSPACE

    def __init__(self, default_zone: str) -> None:
        self._default = default_zone
        self.zones: dict[str, str] = {}

    def profile(self, user_id: str) -> Profile:
        return Profile(user_id, self.zones.get(user_id, self._default))

    def user_id(self, mention: str) -> str | None:
        name = mention.lstrip("@").lower()
        return name if name.replace(".", "").replace("-", "").replace("_", "").isalnum() else None


class ShellSender:
    """Prints deliveries addressed to anyone in the shell: they all sit at this terminal."""

    platform = PLATFORM

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def send(self, delivery: Delivery) -> SendResult:
        text = render_delivery(delivery)
        to_channel = delivery.kind in TO_A_CHANNEL
        where = f"#{delivery.recipient.lstrip('#')}" if to_channel else f"@{delivery.recipient}"
        self._out.write(f"  [to {where}] {text}\n")
        return Sent()


class Shell:
    def __init__(self, env: Env, *, name: str, timezone: str) -> None:
        if not isinstance(env.clock, ShiftedClock):
            raise TypeError("the shell needs a clock it can move forward")
        self._env, self._clock = env, env.clock
        self._name, self._zone = name.lstrip("@").lower(), timezone
        self._directory = ShellDirectory(env.settings.working_hours.default_timezone)
        self._offer: Suggestion | None = None
        self._sooner: Sooner | None = None  # an earlier date given as "more time", to confirm
        self._jobs: list[Job] = []  # with the shell's sender, once it runs

    def run(self, given: TextIO, out: TextIO) -> None:
        sender = ShellSender(out)
        self._jobs = periodic_jobs(self._env, [sender])
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
            line = printable(line).strip()
            if not line:
                continue
            if not interactive:
                out.write(f"@{self._name}> {line}\n")
            if line in ("/quit", "/exit"):
                break
            out.write(self._answer(line) + "\n")
            drain_outbox(self._env.db, [sender], self._clock, hours_of(self._env))
            out.flush()

    def _banner(self) -> str:
        db = self._env.settings.database_url
        return (
            f"Kept, in your terminal, on {db}. You are @{self._name} ({self._zone}).\n"
            "No Slack or Teams account needed here. To connect one, see README.md ('Connect\n"
            "Slack', 'Connect Microsoft Teams') and run `python -m bot serve`.\n"
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
                command = parse_command(Topic(word[1:].lower()), rest)
                return render_reply(
                    chat.handle(
                        self._env, self._directory, self._name, command, channel_ref=CHANNEL
                    )
                )
            case Command.TRACK:
                return self._track()
            case Command.SOONER:
                return self._bring_forward()
            case (
                Command.DONE | Command.CANCEL | Command.MORE_TIME | Command.ON_TRACK | Command.TOLD
            ):
                return self._button(Command(word.lower()), rest)
        if word.startswith("/"):
            return f"I don't know {word}. Type /help to see what you can do."
        return self._chat(line)

    def _chat(self, line: str) -> str:
        """A plain message, read as in a channel: a promise in it is offered, or tracked."""
        heard = chat.hear(self._env, self._directory, self._name, line)
        self._offer = heard if isinstance(heard, Suggestion) else None
        if heard is None:
            return "(sent)"
        if not isinstance(heard, Suggestion):  # the workspace tracks promises at once
            return render_reply(heard)
        return f"{render_suggestion(heard)}\n  Track it? Type /track."

    def _track(self) -> str:
        offer, self._offer = self._offer, None
        if offer is None:
            return (
                "Nothing to track yet. Write a promise, like: I'll send the deck to @ana by Friday."
            )
        return render_reply(
            chat.attempt(lambda: promises.track(self._env, self._directory, self._name, offer))
        )

    def _button(self, word: Command, rest: str) -> str:
        number, _, words = rest.strip().lstrip("#").partition(" ")
        promise_id = read_id(number)
        if promise_id is None:
            return f"Which promise? For example: {word} 3 (see /promise list)."
        env, directory, me = self._env, self._directory, self._name
        if word == Command.MORE_TIME:
            return self._more_time(promise_id, words)
        use_case = BUTTONS[word]
        return render_reply(chat.attempt(lambda: use_case(env, directory, me, promise_id)))

    def _more_time(self, promise_id: int, words: str) -> str:
        env, directory, me = self._env, self._directory, self._name
        try:
            reply: Reply = promises.renegotiate_from_text(env, directory, me, promise_id, words)
        except Sooner as earlier:
            self._sooner = earlier
            return f"{sooner_text(earlier)} Type {Command.SOONER}."
        except KeptError as error:
            reply = Refusal(str(error), error.example)
        return render_reply(reply)

    def _bring_forward(self) -> str:
        earlier, self._sooner = self._sooner, None
        if earlier is None:
            return f"Nothing to bring forward. For a new due time: {Command.MORE_TIME} 3 Monday."
        env, directory, me = self._env, self._directory, self._name
        return render_reply(
            chat.attempt(
                lambda: promises.bring_forward(
                    env, directory, me, earlier.promise_id, earlier.asked, earlier.note
                )
            )
        )

    def _wait(self, written: str) -> str:
        try:
            by = parse_duration(written or "?")
        except ValueError:
            return "How long? For example: /wait 2h (or 30m, 1d, 1w)."
        if by > timedelta(days=366):
            return "That is more than a year; try /wait 1w."
        self._clock.advance(by)
        run_once(self._jobs)
        return self._now_text()

    def _switch(self, rest: str) -> str:
        name, _, zone = rest.strip().partition(" ")
        if not name or self._directory.user_id(name) is None:  # "<!channel>", "@@@": no one
            return "Who? For example: /as ana, or /as raj Asia/Kolkata."
        zone = zone.strip() or self._directory.zones.get(name.lstrip("@").lower(), self._zone)
        try:
            check_zone(zone)
        except ValueError:
            return f"{zone!r} is not a time zone I know; try Europe/London or Asia/Kolkata."
        self._become(name.lstrip("@"), zone)
        return f"You are now @{self._name} ({self._zone})."

    def _become(self, name: str, zone: str) -> None:
        self._name, self._zone = name.lower(), zone
        self._directory.zones[self._name] = zone
        people.remember(self._env, (PersonKey(PLATFORM, WORKSPACE, name), Profile(name, zone)))

    def _now_text(self) -> str:
        local = self._clock.now().astimezone(ZoneInfo(self._zone))
        return f"It is {local:%A %d %B %Y, %H:%M} ({self._zone})."
