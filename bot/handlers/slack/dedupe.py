"""Slack retries an event when our ack seems late; each event id is handled once. (A slash
command sent again is caught by its listener, after the ack: see `commands`.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.services.env import Env
from bot.services.platform_events import first_delivery


def register(app: App, env: Env) -> None:
    @app.middleware
    def skip_retried_events(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not first_delivery(env, "slack", str(event_id)):
            return BoltResponse(status=200, body="")
        return next()
