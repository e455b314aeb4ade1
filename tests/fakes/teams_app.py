"""The real app with Teams on, served on loopback against a fake Bot Connector: what the e2e
tests and bench/teams.py talk to. It trusts the connector's test key, not Microsoft's."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from microsoft_teams.api.auth.cloud_environment import PUBLIC, with_overrides

from bot.app import Platforms, start
from bot.clock import Clock
from bot.settings import load_settings
from tests.fakes.app_server import serve
from tests.fakes.teams_connector import APP_ID, BOT_TOKEN, TENANT_ID, FakeBotConnector

ROOT = Path(__file__).resolve().parents[2]


def bot_token(scope: str | list[str], tenant_id: str | None = None) -> str:
    """The app's token for the fake Bot Connector, in place of one from Microsoft's login."""
    return BOT_TOKEN


@contextmanager
def served_teams_app(
    database_url: str, clock: Clock, connector: FakeBotConnector
) -> Iterator[tuple[Platforms, str]]:
    """The platforms started with Teams configured, and the URL they are served at."""
    settings = load_settings(
        {
            "DATABASE_URL": database_url,
            "KEPT_CONFIG": str(ROOT / "config/kept.toml"),
            "CLIENT_ID": APP_ID,
            "TENANT_ID": TENANT_ID,
        }
    )
    cloud = with_overrides(PUBLIC, openid_metadata_url=connector.openid_metadata_url)
    platforms = start(settings, clock, teams_cloud=cloud, teams_token=bot_token)
    try:
        with serve(platforms.asgi()) as url:
            yield platforms, url
    finally:
        platforms.kept.db.dispose()
