"""Starting Kept: the core from bootstrap, plus each configured platform's app and sender."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_bolt import App
from slack_sdk import WebClient
from starlette.applications import Starlette

from bot.bootstrap import Kept, build
from bot.clock import Clock
from bot.handlers.slack import build_slack_app, slack_client, verified_client
from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.sender import SlackSender
from bot.settings import Settings, SettingsError
from bot.store import slack_installs
from bot.web import create_asgi_app

if TYPE_CHECKING:  # the Teams SDK is imported only when Teams is configured
    from microsoft_teams.api.auth.cloud_environment import CloudEnvironment
    from microsoft_teams.api.auth.credentials import TokenProvider

    from bot.handlers.teams import TeamsApp


@dataclass
class Platforms:
    kept: Kept
    slack: App | None
    teams: TeamsApp | None = None

    def asgi(self) -> Starlette:
        return create_asgi_app(self.kept, self.slack, self.teams)


def slack_workspace(kept: Kept, client: WebClient) -> SlackDirectory:
    """The Slack workspace of the bot token, where `[digest] teams` names its people."""
    workspace = str(client.auth_test()["team_id"])
    return SlackDirectory(client, workspace, kept.settings.working_hours.default_timezone)


def _slack_app(kept: Kept) -> App:
    """The Bolt app; when workspaces install Kept, with their installs kept in its database."""
    slack = kept.settings.slack
    if not slack.installs:
        return build_slack_app(kept)
    assert slack.client_id is not None
    installs = slack_installs.installation_store(kept.db.engine, slack.client_id)
    return build_slack_app(kept, installs, slack_installs.state_store(kept.db.engine))


def _installed_tokens(kept: Kept) -> Callable[[str], str | None] | None:
    """Each workspace's bot token, when workspaces install Kept; None with one bot token."""
    client_id = kept.settings.slack.client_id
    if client_id is None:
        return None
    return lambda workspace_id: slack_installs.bot_token(kept.db.engine, client_id, workspace_id)


def start(
    settings: Settings,
    clock: Clock,
    *,
    listening: bool = True,
    teams_cloud: CloudEnvironment | None = None,
    teams_token: TokenProvider | None = None,
) -> Platforms:
    """Kept with every platform its settings configure, each with its outbox sender; with
    `listening` False (`tick`), the senders alone, no listener.

    `teams_cloud` and `teams_token` are for tests: keys and a Bot Connector of their own.
    """
    kept = build(settings, clock)
    slack = None
    if settings.slack.configured:
        slack = _slack_app(kept) if listening else None
        # The sender's own client: a 429 is the outbox's to wait out, not a listener's.
        client = slack_client(settings.slack) if slack else verified_client(settings.slack)
        kept.senders.append(SlackSender(client, _installed_tokens(kept)))
        if settings.digest.teams and settings.slack.installs:
            raise SettingsError(
                "[digest] teams names people of one workspace, and SLACK_CLIENT_ID lets many"
                " install Kept: take the teams out of the settings file, and managers make"
                " theirs with /digest team add"
            )
        if settings.digest.teams:
            kept.team_directory = slack_workspace(kept, client)
    teams = None
    if settings.teams.configured:
        from bot.handlers.teams import build_teams_app

        if not (settings.teams.client_secret or settings.teams.managed_identity or teams_token):
            # The SDK would ask Azure for a managed identity's token, and every message fail.
            raise SettingsError(
                "CLIENT_ID is set but CLIENT_SECRET is not: set the Azure bot's client secret"
                " too (README, 'Connect Microsoft Teams')"
            )

        app = build_teams_app(kept, listening=listening, cloud=teams_cloud, token=teams_token)
        kept.senders.append(app.sender(kept))
        teams = app if listening else None
    return Platforms(kept=kept, slack=slack, teams=teams)
