"""Unexpected errors: logged with context, answered with an apology, never a stack trace.

Every listener is `guarded`: a failure after its ack is handled here and the ack stands. Left
to Bolt, the failure takes the ack back and Slack sees a 404 three seconds later.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from slack_bolt import App
from slack_sdk.errors import SlackApiError

from bot.handlers.slack.context import reply_to
from bot.render.shared.words import APOLOGY
from bot.render.slack.kit import refusal
from bot.services.env import Env

log = logging.getLogger(__name__)

# Slack refused for want of a permission the app was installed without: nothing was done.
MISSING_SCOPE = (
    "I couldn't do that: Slack hasn't given Kept the `{scope}` permission in this workspace. "
    "Ask a workspace admin to reinstall Kept from its manifest, then try again."
)
Listener = TypeVar("Listener", bound=Callable[..., None])


def register(app: App, env: Env) -> None:
    @app.error
    def on_error(error: Exception, body: dict[str, Any]) -> None:
        apologise(error, body)


def guarded(listener: Listener) -> Listener:
    """The listener, acking if it had not and apologising when it fails. Bolt still sees the
    listener's own parameters (it reads them through `__wrapped__`)."""

    @functools.wraps(listener)
    def run(**given: Any) -> None:
        try:
            listener(**given)
        except Exception as error:
            ack = given.get("ack")
            if ack is not None and ack.response is None:
                ack()
            # A slash command's listener takes its fields as `command`, the others the `body`.
            apologise(error, given.get("body") or given.get("command") or {})

    return run  # type: ignore[return-value]


def apologise(error: Exception, body: dict[str, Any]) -> None:
    """Log the failure with what it was and whose, and tell the person, where they clicked or
    typed, that it failed."""
    kind = body.get("type") or body.get("command") or body.get("event", {}).get("type")
    user = (
        body.get("user_id") or body.get("user", {}).get("id") or body.get("event", {}).get("user")
    )
    said = APOLOGY
    if isinstance(error, SlackApiError):  # Slack said no (not in the channel, too late): no bug
        method = urlsplit(error.response.api_url).path.rpartition("/")[2]
        why = error.response.get("error") or error.response.status_code
        needed = error.response.get("needed") if why == "missing_scope" else None
        if needed:
            said = MISSING_SCOPE.format(scope=needed)
            why = f"missing_scope: grant {needed} and reinstall the app"
        log.warning("Slack refused %s (%s) for a %s from %s", method, why, kind, user)
    else:
        log.error("Slack %s from %s failed", kind, user, exc_info=error)
    try:
        reply_to(body.get("response_url"), refusal(said))
    except Exception:  # the apology is best effort: the failure is already logged
        log.warning("could not send the apology for a failed %s", kind)
