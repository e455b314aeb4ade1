"""Starting Kept: the core from bootstrap, plus each configured platform's app and sender."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_bolt import App
from starlette.applications import Starlette

from bot.bootstrap import Kept, build
from bot.clock import Clock
from bot.handlers.slack import build_slack_app
from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.sender import SlackSender
from bot.settings import Settings, SettingsError
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


def slack_workspace(kept: Kept, slack: App) -> SlackDirectory:
    """The Slack workspace of the bot token, where `[digest] teams` names its people."""
    workspace = str(slack.client.auth_test()["team_id"])
    return SlackDirectory(slack.client, workspace, kept.settings.working_hours.default_timezone)


def start(
    settings: Settings,
    clock: Clock,
    *,
    teams_cloud: CloudEnvironment | None = None,
    teams_token: TokenProvider | None = None,
) -> Platforms:
    """Kept with every platform its settings configure, each with its outbox sender.

    `teams_cloud` and `teams_token` are for tests: keys and a Bot Connector of their own.
    """
    kept = build(settings, clock)
    slack = build_slack_app(kept) if settings.slack.configured else None
    if slack is not None:
        kept.senders.append(SlackSender(slack.client))
        if settings.digest.teams:
            kept.team_directory = slack_workspace(kept, slack)
    teams = None
    if settings.teams.configured:
        from bot.handlers.teams import build_teams_app

        if not (settings.teams.client_secret or settings.teams.managed_identity or teams_token):
            # The SDK would ask Azure for a managed identity's token, and every message fail.
            raise SettingsError(
                "CLIENT_ID is set but CLIENT_SECRET is not: set the Azure bot's client secret"
                " too (README, 'Connect Microsoft Teams')"
            )

        teams = build_teams_app(kept, cloud=teams_cloud, token=teams_token)
        kept.senders.append(teams.sender(kept))
    return Platforms(kept=kept, slack=slack, teams=teams)
