"""The App Home tab: my promises, published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.handlers.slack.context import directory_for
from bot.handlers.slack.errors import guarded
from bot.handlers.slack.home_queue import refresh_homes
from bot.services.env import Env


def register(app: App, env: Env) -> None:
    @app.event("app_home_opened")
    @guarded
    def publish_home(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") == "home":
            refresh_homes(env, client, directory_for(env, client, body), event["user"])
