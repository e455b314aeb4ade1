"""End-to-end fixtures: `python -m bot` in a subprocess; the Slack and Teams apps on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import start
from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.settings import load_settings
from tests.fakes.app_server import serve
from tests.fakes.slack_api import DEFAULT_TOKEN, FakeSlackAPI
from tests.fakes.slack_requests import SlackRequests
from tests.fakes.teams_activities import PEOPLE, TeamsActivities
from tests.fakes.teams_app import served_teams_app
from tests.fakes.teams_connector import FakeBotConnector

ROOT = Path(__file__).resolve().parents[2]

RunBot = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_bot(tmp_path: Path) -> RunBot:
    """`run_bot("shell", "--as", "ana", stdin="...", DATABASE_URL=...)`: the finished process."""

    def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
        teams = ("CLIENT_ID", "CLIENT_SECRET", "TENANT_ID")
        clean = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SLACK_", "KEPT_")) and k not in teams
        }
        clean.update({"KEPT_CONFIG": str(ROOT / "config/kept.toml"), **env})
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**clean, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )

    return run


SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class SlackWorld:
    """The real app on loopback, Slack's side of it faked: what an e2e test acts on."""

    api: FakeSlackAPI  # the Web API the app calls, recording every call
    slack: SlackRequests  # signed requests, as Slack sends them to the app
    kept: Kept
    clock: FixedClock
    url: str


@pytest.fixture
def slack_world(database_url: str, clock: FixedClock) -> Iterator[SlackWorld]:
    with FakeSlackAPI() as api:
        settings = load_settings(
            {
                "DATABASE_URL": database_url,
                "KEPT_CONFIG": str(ROOT / "config/kept.toml"),
                "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": api.base_url,
            }
        )
        platforms = start(settings, clock)
        with (
            serve(platforms.asgi()) as url,
            SlackRequests(url, SIGNING_SECRET, response_url_base=api.hooks_base_url) as slack,
        ):
            yield SlackWorld(api, slack, platforms.kept, clock, url)
        platforms.kept.db.dispose()


@dataclass
class TeamsWorld:
    """The real app on loopback, Microsoft's side of it faked."""

    connector: FakeBotConnector  # the Bot Connector the app calls, recording every call
    teams: TeamsActivities  # signed activities, as Teams sends them to the app
    kept: Kept
    clock: FixedClock
    url: str


@pytest.fixture
def teams_world(database_url: str, clock: FixedClock) -> Iterator[TeamsWorld]:
    with (
        FakeBotConnector(members=PEOPLE) as connector,
        served_teams_app(database_url, clock, connector) as (platforms, url),
        TeamsActivities(url, connector.service_url, clock.now) as teams,
    ):
        yield TeamsWorld(connector, teams, platforms.kept, clock, url)
