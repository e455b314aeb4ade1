"""Each Slack request that makes something is handled once: an event Slack retries when our
ack seems late (by its event id), and a slash command sent again (by its trigger id, which
Slack makes anew for every command a person types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse

from bot.services.env import Env
from bot.services.platform_events import first_delivery


def register(app: App, env: Env) -> None:
    @app.middleware
    def skip_repeats(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        once = _once(body)
        if once and not first_delivery(env, "slack", once):
            return BoltResponse(status=200, body="")
        return next()


def _once(body: dict[str, Any]) -> str | None:
    """What makes this request the one it is, when it must be handled once."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return str(body["event_id"])
    if body.get("command") and body.get("trigger_id"):
        return f"command:{body['trigger_id']}"
    return None
