"""Settings from the environment and the TOML file, read and validated once at start-up."""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.domain.durations import parse_duration

DEFAULT_CONFIG = "config/kept.toml"
DEFAULT_DATABASE_URL = "sqlite:///kept.db"
MAX_WEB_PROCESSES = 16  # WEB_CONCURRENCY's most: each process holds its own copy of Kept
SLACK_API_URL = "https://slack.com/api/"
_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")
_SLACK_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,}")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SettingsError(Exception):
    """A setting that cannot be used; the message names the key and the problem in one line."""


@dataclass(frozen=True)
class WorkingHours:
    start: time
    end: time
    days: frozenset[int]  # Monday is 0
    default_timezone: str
    holiday_country: str | None
    holiday_subdivision: str | None


@dataclass(frozen=True)
class DueTimeSettings:
    languages: tuple[str, ...]
    default_locale: str
    end_of_day: time
    morning: time
    noon: time
    afternoon: time
    fiscal_year_start: int  # 1-12; 0: the writer's country's


@dataclass(frozen=True)
class NudgeSettings:
    heads_up: bool
    final_check_before: timedelta
    at_deadline: bool
    overdue_reminder: bool
    escalate_after_working_days: int
    managers: dict[str, str]  # a person's chat user id -> their manager's, until teams exist


@dataclass(frozen=True)
class KudosSettings:
    values: tuple[str, ...]
    daily_allowance: int
    reaction: str
    channel: str | None


@dataclass(frozen=True)
class ConfiguredTeam:
    """A team an admin sets up in the settings file, by Slack ids."""

    manager: str
    members: tuple[str, ...]
    channel: str | None


@dataclass(frozen=True)
class DigestSettings:
    weekday: int  # Monday is 0
    at: time
    share_detail_in_channel: bool
    teams: tuple[ConfiguredTeam, ...]  # set up by an admin; managers can also use /digest team


@dataclass(frozen=True)
class DetectionSettings:
    enabled: bool
    auto_track: bool


@dataclass(frozen=True)
class SlackSettings:
    """Slack for one workspace (its bot token), or for any that installs Kept (OAuth: the
    app's client id and secret; each workspace's token is kept in the database)."""

    bot_token: str | None = field(repr=False)
    signing_secret: str | None = field(repr=False)
    app_token: str | None = field(repr=False)
    api_url: str
    client_id: str | None = None
    client_secret: str | None = field(default=None, repr=False)

    @property
    def configured(self) -> bool:
        return bool(self.bot_token or self.installs)

    @property
    def installs(self) -> bool:
        """Installed through /slack/install, by any workspace, rather than with one token."""
        return bool(self.client_id)

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


@dataclass(frozen=True)
class TeamsSettings:
    """Microsoft Teams, by the Teams SDK's own variables (the Azure bot's app registration)."""

    client_id: str | None
    client_secret: str | None = field(repr=False)
    tenant_id: str | None
    managed_identity: bool = False  # the SDK's MANAGED_IDENTITY_CLIENT_ID: no secret needed

    @property
    def configured(self) -> bool:
        return bool(self.client_id)


@dataclass(frozen=True)
class Settings:
    database_url: str
    port: int
    web_processes: int
    config_path: Path
    slack: SlackSettings
    teams: TeamsSettings
    working_hours: WorkingHours
    due_times: DueTimeSettings
    nudges: NudgeSettings
    kudos: KudosSettings
    digest: DigestSettings
    detection: DetectionSettings

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting; raise SettingsError naming the first bad one."""
    env = os.environ if environ is None else environ
    config_path = Path(env.get("KEPT_CONFIG") or _default_config())
    toml = _read_toml(config_path)
    table = _Table(toml, config_path.as_posix(), "")
    settings = Settings(
        database_url=database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
        port=_port(env.get("PORT", "3000")),
        web_processes=_web_processes(env.get("WEB_CONCURRENCY") or "1"),
        config_path=config_path,
        slack=_slack(env),
        teams=_teams(env),
        working_hours=_working_hours(table.section("working_hours")),
        due_times=_due_times(table.section("due_times")),
        nudges=_nudges(table.section("nudges")),
        kudos=_kudos(table.section("kudos")),
        digest=_digest(table.section("digest")),
        detection=_detection(table.section("detection")),
    )
    table.reject_unknown()
    return settings


def _slack(env: Mapping[str, str]) -> SlackSettings:
    settings = SlackSettings(
        bot_token=env.get("SLACK_BOT_TOKEN") or None,
        signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
        app_token=env.get("SLACK_APP_TOKEN") or None,
        api_url=_api_url(env.get("SLACK_API_URL") or SLACK_API_URL),
        client_id=env.get("SLACK_CLIENT_ID") or None,
        client_secret=env.get("SLACK_CLIENT_SECRET") or None,
    )
    if settings.installs and settings.bot_token:
        raise SettingsError(
            "SLACK_BOT_TOKEN and SLACK_CLIENT_ID are both set: set the bot token to run Kept"
            " in one workspace, or the client id and secret to let any workspace install it"
            " (README, 'Install to more workspaces'), not both"
        )
    if settings.installs and not settings.client_secret:
        raise SettingsError(
            "SLACK_CLIENT_ID is set but SLACK_CLIENT_SECRET is not: copy both from your app's"
            " Basic Information page"
        )
    if settings.installs and (settings.app_token or not settings.signing_secret):
        raise SettingsError(
            "SLACK_CLIENT_ID needs Slack over HTTP: set SLACK_SIGNING_SECRET (and not"
            " SLACK_APP_TOKEN), for workspaces install Kept through its public /slack/install"
        )
    return settings


def _teams(env: Mapping[str, str]) -> TeamsSettings:
    return TeamsSettings(
        client_id=env.get("CLIENT_ID") or None,
        client_secret=env.get("CLIENT_SECRET") or None,
        tenant_id=env.get("TENANT_ID") or None,
        managed_identity=bool(env.get("MANAGED_IDENTITY_CLIENT_ID")),
    )


def _default_config() -> Path:
    """config/kept.toml in the working folder, else the one shipped beside the code."""
    here = Path(DEFAULT_CONFIG)
    return here if here.exists() else Path(__file__).resolve().parent.parent / DEFAULT_CONFIG


def database_url(url: str) -> str:
    """SQLAlchemy's URL for `url`, accepting the `postgres://` form many hosts hand out."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    if not url.startswith(("sqlite", "postgresql+")):
        raise SettingsError(
            f"DATABASE_URL: expected sqlite:///FILE or postgresql://USER@HOST/DB, got {url!r}"
        )
    return url


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        raise SettingsError(f"KEPT_CONFIG: no settings file at {path}") from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: not valid TOML ({error})") from None


def _port(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SettingsError(f"PORT: expected a port number from 1 to 65535, got {value!r}")
    return int(value)


def _web_processes(value: str) -> int:
    if not value.isdigit() or not 0 < int(value) <= MAX_WEB_PROCESSES:
        raise SettingsError(
            f"WEB_CONCURRENCY: expected how many web processes `serve` runs, from 1 to"
            f" {MAX_WEB_PROCESSES} (one a processor core is a good start), got {value!r}"
        )
    return int(value)


def _api_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SettingsError(f"SLACK_API_URL: expected an http(s) URL, got {value!r}")
    return value if value.endswith("/") else value + "/"


def _working_hours(t: _Table) -> WorkingHours:
    start, end = t.time("start", "09:00"), t.time("end", "17:00")
    if end <= start:
        t.fail("end", f"must be later than start ({start:%H:%M})")
    country = t.text("holiday_country", "") or None
    subdivision = t.text("holiday_subdivision", "") or None
    if country and country not in holidays.list_supported_countries():
        t.fail("holiday_country", f"{country!r} is not a country code the holidays calendar knows")
    return WorkingHours(
        start=start,
        end=end,
        days=t.weekdays("days", ["mon", "tue", "wed", "thu", "fri"]),
        default_timezone=t.zone("default_timezone", "UTC"),
        holiday_country=country,
        holiday_subdivision=subdivision,
    )


def _due_times(t: _Table) -> DueTimeSettings:
    languages = t.texts("languages", ["en"])
    if not languages:
        t.fail("languages", "needs at least one language code, such as ['en']")
    return DueTimeSettings(
        languages=tuple(languages),
        default_locale=t.text("default_locale", "en-US"),
        end_of_day=t.time("end_of_day", "17:00"),
        morning=t.time("morning", "09:00"),
        noon=t.time("noon", "12:00"),
        afternoon=t.time("afternoon", "15:00"),
        fiscal_year_start=t.whole("fiscal_year_start", 0, 0, 12),
    )


def _nudges(t: _Table) -> NudgeSettings:
    return NudgeSettings(
        heads_up=t.flag("heads_up", True),
        final_check_before=t.duration("final_check_before", "2h"),
        at_deadline=t.flag("at_deadline", True),
        overdue_reminder=t.flag("overdue_reminder", True),
        escalate_after_working_days=t.whole("escalate_after_working_days", 2, 0, 30),
        managers=t.mapping("managers"),
    )


def _kudos(t: _Table) -> KudosSettings:
    values = [v.lstrip("#").lower() for v in t.texts("values", list(DEFAULT_VALUES))]
    return KudosSettings(
        values=tuple(values),
        daily_allowance=t.whole("daily_allowance", 5, 0, 100),
        reaction=t.text("reaction", "raised_hands").strip(":"),
        channel=t.text("channel", "") or None,
    )


DEFAULT_VALUES = (
    "friendliness",
    "empathy",
    "fairness",
    "options",
    "control",
    "information",
    "teamwork",
)


def _digest(t: _Table) -> DigestSettings:
    day = t.text("day", "mon").lower()[:3]
    if day not in WEEKDAYS:
        t.fail("day", f"expected a weekday such as 'monday', got {t.raw('day')!r}")
    return DigestSettings(
        weekday=WEEKDAYS.index(day),
        at=t.time("time", "09:00"),
        share_detail_in_channel=t.flag("share_detail_in_channel", False),
        teams=t.teams("teams"),
    )


def _detection(t: _Table) -> DetectionSettings:
    return DetectionSettings(
        enabled=t.flag("enabled", True), auto_track=t.flag("auto_track", False)
    )


class _Table:
    """One TOML table, read key by key, so every error can name `[section] key`."""

    def __init__(self, data: dict[str, Any], path: str, name: str) -> None:
        self._data, self._path, self._name = data, path, name
        self._known: set[str] = set()
        self._children: list[_Table] = []

    def section(self, name: str) -> _Table:
        value = self._data.get(name, {})
        self._known.add(name)
        if not isinstance(value, dict):
            raise SettingsError(f"{self._path}: [{name}] must be a table")
        child = _Table(value, self._path, name)
        self._children.append(child)
        return child

    def reject_unknown(self) -> None:
        for key in self._data:
            if key not in self._known:
                hint = difflib.get_close_matches(key, self._known, n=1)
                where = f"[{self._name}] {key}" if self._name else f"[{key}]"
                tip = f"; did you mean {hint[0]!r}?" if hint else ""
                raise SettingsError(f"{self._path}: {where} is not a setting Kept knows{tip}")
        for child in self._children:
            child.reject_unknown()

    def fail(self, key: str, problem: str) -> NoReturn:
        raise SettingsError(f"{self._path}: [{self._name}] {key} {problem}")

    def raw(self, key: str) -> Any:
        return self._data.get(key)

    def _get(self, key: str, default: Any, kind: type | tuple[type, ...], expected: str) -> Any:
        self._known.add(key)
        value = self._data.get(key, default)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(key, f"must be {expected}, got {value!r}")
        return value

    def text(self, key: str, default: str) -> str:
        return str(self._get(key, default, str, "text in quotes"))

    def texts(self, key: str, default: list[str]) -> list[str]:
        value = self._get(key, default, list, "a list of texts")
        if not all(isinstance(item, str) and item for item in value):
            self.fail(key, f"must be a list of texts, got {value!r}")
        return list(value)

    def mapping(self, key: str) -> dict[str, str]:
        value = self._get(key, {}, dict, 'a table of "key" = "value" texts')
        if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in value.items()):
            self.fail(key, f'must map texts to texts, like {{ U012AB = "U034CD" }}, got {value!r}')
        return dict(value)

    def teams(self, key: str) -> tuple[ConfiguredTeam, ...]:
        example = '{ manager = "U012AB", members = ["U034CD", "U056EF"], channel = "C078GH" }'
        value = self._get(key, [], list, f"a list of teams like [{example}]")
        teams = []
        for team in value:
            if not isinstance(team, dict) or set(team) - {"manager", "members", "channel"}:
                self.fail(key, f"must list teams like {example}, got {team!r}")
            manager, members = team.get("manager", ""), team.get("members", [])
            channel = team.get("channel")
            ids = [manager, *members] if isinstance(members, list) else [None]
            good_ids = all(isinstance(i, str) and _SLACK_USER.fullmatch(i) for i in ids)
            good_channel = channel is None or (
                isinstance(channel, str) and _SLACK_CHANNEL.fullmatch(channel)
            )
            if not (good_ids and good_channel):
                self.fail(key, f"must name Slack ids, like {example}, got {team!r}")
            teams.append(ConfiguredTeam(manager, tuple(members), channel))
        return tuple(teams)

    def flag(self, key: str, default: bool) -> bool:
        return bool(self._get(key, default, bool, "true or false"))

    def whole(self, key: str, default: int, low: int, high: int) -> int:
        value = int(self._get(key, default, int, f"a whole number from {low} to {high}"))
        if not low <= value <= high:
            self.fail(key, f"must be a whole number from {low} to {high}, got {value}")
        return value

    def time(self, key: str, default: str) -> time:
        value = self.text(key, default)
        try:
            return time.fromisoformat(value)
        except ValueError:
            self.fail(key, f'must be a time of day like "17:00", got {value!r}')

    def duration(self, key: str, default: str) -> timedelta:
        value = self.text(key, default)
        try:
            return parse_duration(value)
        except ValueError:
            self.fail(key, f'must be a duration like "30m", "2h" or "1d", got {value!r}')

    def weekdays(self, key: str, default: list[str]) -> frozenset[int]:
        names = [name.lower()[:3] for name in self.texts(key, default)]
        wrong = [name for name in names if name not in WEEKDAYS]
        if wrong or not names:
            self.fail(key, f'must list weekdays like ["mon", "tue"], got {self.raw(key)!r}')
        return frozenset(WEEKDAYS.index(name) for name in names)

    def zone(self, key: str, default: str) -> str:
        name = self.text(key, default)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(key, f'must be a time zone name like "Europe/London", got {name!r}')
        return name
