"""Unexpected errors: logged with context, answered with an apology, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.handlers.slack.context import reply_to
from bot.render.shared.words import APOLOGY
from bot.render.slack.kit import refusal
from bot.services.env import Env

log = logging.getLogger(__name__)


def register(app: App, env: Env) -> None:
    @app.error
    def apologise(error: Exception, body: dict[str, Any]) -> None:
        kind = body.get("type") or body.get("command") or body.get("event", {}).get("type")
        user = body.get("user_id") or body.get("user", {}).get("id")
        log.error("Slack %s from %s failed", kind, user, exc_info=error)
        try:
            reply_to(body.get("response_url"), refusal(APOLOGY))
        except Exception:  # the apology is best effort: the failure is already logged
            log.warning("could not send the apology for a failed %s", kind)
