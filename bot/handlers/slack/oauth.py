"""Kept installed to any Slack workspace through OAuth (`/slack/install`), and taken out of
one: its tokens are deleted and what was about to be sent there is withdrawn, its history kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from slack_bolt import App, BoltContext
from slack_bolt.listener.builtins import TokenRevocationListeners
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.handlers.slack.errors import guarded
from bot.handlers.slack.home_queue import HOMES
from bot.services import workspaces
from bot.services.env import Env
from bot.settings import SlackSettings

# What config/slack-manifest.yml asks for (a test holds the two equal).
BOT_SCOPES = (
    "channels:history",
    "chat:write",
    "chat:write.public",
    "commands",
    "files:write",
    "groups:history",
    "im:history",
    "im:write",
    "reactions:read",
    "users:read",
)
NOT_INSTALLED = "Kept isn't installed in this workspace. Ask an admin to install it."


def oauth_settings(
    settings: SlackSettings, installs: InstallationStore, states: OAuthStateStore
) -> OAuthSettings:
    """Bolt's OAuth flow: `/slack/install` sends an admin to Slack to approve Kept's scopes,
    and `/slack/oauth_redirect` keeps the workspace's token in Kept's database."""
    return OAuthSettings(
        client_id=settings.client_id,
        client_secret=settings.client_secret,
        scopes=list(BOT_SCOPES),
        installation_store=installs,
        state_store=states,
        # Slack's own page, or the one of the Slack at SLACK_API_URL (GovSlack, a test's fake).
        authorization_url=urljoin(settings.api_url, "../oauth/v2/authorize"),
    )


def register(app: App, env: Env, installs: InstallationStore | None) -> None:
    revoked = TokenRevocationListeners(installs) if installs is not None else None
    in_org: set[str] = set()  # workspaces known to be of an org that installed Kept org-wide

    if installs is not None:

        @app.middleware
        def remember_org_workspaces(context: BoltContext, next: Callable[[], None]) -> None:
            """Requests say which workspace of an org-wide install they come from: messages to
            that workspace then go with the org's token."""
            team, org = context.team_id, context.enterprise_id
            if context.is_enterprise_install and team and org and team not in in_org:
                workspaces.in_org(env, team, org)
                in_org.add(team)
            next()

    @app.event("app_uninstalled")
    @guarded
    def on_uninstalled(context: BoltContext) -> None:
        if revoked is not None:
            revoked.handle_app_uninstalled_events(context)
        _withdraw(env, context, "Kept was uninstalled")

    @app.event("tokens_revoked")
    @guarded
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        if not (event.get("tokens") or {}).get("bot"):
            return  # people's own tokens: Kept asks for none
        if revoked is not None:
            # Bolt deletes the bot's row; its installation's row holds the same token: a dead
            # bot token means Kept is out of the workspace, so both go, as on an uninstall.
            revoked.handle_app_uninstalled_events(context)
        _withdraw(env, context, "Kept's token was revoked")


def _withdraw(env: Env, context: BoltContext, reason: str) -> None:
    """What was not yet sent to the workspace Kept left, or to every workspace of an org that
    took it out of all of them at once."""
    if context.team_id:
        workspaces.removed(env, "slack", context.team_id, reason)
        HOMES.forget(context.team_id)
    elif context.enterprise_id:
        workspaces.removed_from_org(env, context.enterprise_id, reason)
