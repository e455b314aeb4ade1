"""The Slack app: a Bolt app built from settings, with every listener registered."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from urllib.error import URLError

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore

from bot.handlers.slack import (
    actions,
    commands,
    dedupe,
    errors,
    events,
    home,
    oauth,
    shortcuts,
    unknown,
    views,
)
from bot.services.env import Env
from bot.settings import SlackSettings

# Threads running listeners. Each acks first, then works on (the database, the reply): with
# Bolt's five, a burst of commands waits for a thread before its ack, past Slack's 3 s.
LISTENER_THREADS = 32


class SlackNotConfigured(Exception):
    """Slack settings missing for the chosen mode; the message says which."""


def slack_client(settings: SlackSettings, *, waits_when_throttled: bool = False) -> WebClient:
    """The Web API client for the bot token (none when workspaces install Kept: Bolt gives
    each request its workspace's); Slack is not asked anything yet.

    A listener's client `waits_when_throttled`: a 429 is waited out as Slack asks and the call
    made again, for the person is waiting on it. The outbox's sender hands a 429 to the outbox
    instead, which holds that platform's messages back for the run."""
    if not settings.configured:
        raise SlackNotConfigured("SLACK_BOT_TOKEN is not set: Slack needs the bot token (xoxb-…).")
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(),
            *([RateLimitErrorRetryHandler(max_retry_count=2)] if waits_when_throttled else []),
        ],
    )


def verified_client(settings: SlackSettings) -> WebClient:
    """The client, its token checked with auth.test: for delivering alone (`tick`), with no
    listener, so a wrong token stops the run instead of failing every message. Installed
    workspaces' tokens are checked by Slack as each message goes."""
    client = slack_client(settings)
    if settings.bot_token:
        with _told_plainly(settings):
            client.auth_test()
    return client


def build_slack_app(
    env: Env, installs: InstallationStore | None = None, states: OAuthStateStore | None = None
) -> App:
    """The Bolt app for Kept's settings: HTTP with one bot token, or with the `installs` of
    every workspace that installed Kept (OAuth, its `states` those of installs under way), or
    Socket Mode with SLACK_APP_TOKEN."""
    slack = env.settings.slack
    client = slack_client(slack, waits_when_throttled=True)
    if not slack.socket_mode and not slack.signing_secret:
        raise SlackNotConfigured(
            "SLACK_SIGNING_SECRET is not set: without it Kept cannot tell Slack's requests from"
            " forgeries, so it will not serve /slack/events. Copy it from your app's Basic"
            " Information page, or set SLACK_APP_TOKEN to use Socket Mode instead."
        )
    if slack.installs:
        assert installs is not None and states is not None, "installs need their stores"
        app = App(
            client=client,
            signing_secret=slack.signing_secret or "",
            oauth_settings=oauth.oauth_settings(slack, installs, states),
            user_facing_authorize_error_message=oauth.NOT_INSTALLED,
            listener_executor=_listener_threads(),
        )
    else:
        with _told_plainly(slack):  # Bolt checks the token with auth.test
            app = App(
                client=client,
                signing_secret=slack.signing_secret or "",
                request_verification_enabled=not slack.socket_mode,
                listener_executor=_listener_threads(),
            )
    oauth.register(app, env, installs)
    # `unknown` last: Bolt runs the first listener that matches, and it matches anything.
    for listeners in (dedupe, errors, commands, actions, views, shortcuts, events, home, unknown):
        listeners.register(app, env)
    return app


def _listener_threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="slack-listener")


@contextmanager
def _told_plainly(settings: SlackSettings) -> Iterator[None]:
    """A wrong token or an unreachable Slack as one line for the operator."""
    try:
        yield
    except (BoltError, SlackApiError) as error:
        raise SlackNotConfigured(
            f"Slack did not accept SLACK_BOT_TOKEN ({error}). Copy the Bot User OAuth Token"
            " (xoxb-…) from your app's OAuth & Permissions page."
        ) from None
    except (URLError, OSError) as error:
        raise SlackNotConfigured(
            f"cannot reach the Slack Web API at {settings.api_url}: {error}"
        ) from None
