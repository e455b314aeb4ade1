"""The App Home tab: my promises, published whenever someone opens it."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.bootstrap import Kept
from bot.handlers.slack.context import directory_for, refresh_homes


def register(app: App, kept: Kept) -> None:
    @app.event("app_home_opened")
    def publish_home(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") == "home":
            refresh_homes(kept, client, directory_for(kept, client, body), event["user"])
