"""The Slack app: a Bolt app built from settings, with every listener registered."""

from __future__ import annotations

from urllib.error import URLError

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler

from bot.handlers.slack import actions, commands, dedupe, errors, events, home, shortcuts, views
from bot.services.env import Env


class SlackNotConfigured(Exception):
    """Slack settings missing for the chosen mode; the message says which."""


def build_slack_app(env: Env) -> App:
    """The Bolt app for Kept's settings (HTTP mode, or Socket Mode with SLACK_APP_TOKEN)."""
    slack = env.settings.slack
    if not slack.bot_token:
        raise SlackNotConfigured("SLACK_BOT_TOKEN is not set: Slack needs the bot token (xoxb-…).")
    if not slack.socket_mode and not slack.signing_secret:
        raise SlackNotConfigured(
            "SLACK_SIGNING_SECRET is not set: without it Kept cannot tell Slack's requests from"
            " forgeries, so it will not serve /slack/events. Copy it from your app's Basic"
            " Information page, or set SLACK_APP_TOKEN to use Socket Mode instead."
        )
    client = WebClient(
        token=slack.bot_token,
        base_url=slack.api_url,
        retry_handlers=[ConnectionErrorRetryHandler()],
    )
    try:  # Bolt checks the token with auth.test: a wrong token or an unreachable Slack stops here
        app = App(
            client=client,
            signing_secret=slack.signing_secret or "",
            request_verification_enabled=not slack.socket_mode,
        )
    except BoltError as error:
        raise SlackNotConfigured(
            f"Slack did not accept SLACK_BOT_TOKEN ({error}). Copy the Bot User OAuth Token"
            " (xoxb-…) from your app's OAuth & Permissions page."
        ) from None
    except (URLError, OSError) as error:
        raise SlackNotConfigured(
            f"cannot reach the Slack Web API at {slack.api_url}: {error}"
        ) from None
    for listeners in (dedupe, errors, commands, actions, views, shortcuts, events, home):
        listeners.register(app, env)
    return app
