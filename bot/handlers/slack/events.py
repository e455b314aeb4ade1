"""Events the manifest subscribes to; each has a listener, or Bolt answers 404 and Slack retries."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.bootstrap import Kept

log = logging.getLogger(__name__)


def register(app: App, kept: Kept) -> None:
    @app.event("message")
    def on_message(event: dict[str, Any]) -> None:
        """Messages in channels the bot is in; promise detection reads them."""

    @app.event("app_mention")
    def on_mention(event: dict[str, Any]) -> None:
        """Mentions also arrive as channel messages, where detection reads them."""

    @app.event("reaction_added")
    def on_reaction_added(event: dict[str, Any]) -> None:
        """The kudos reaction gives kudos to the message's author."""

    @app.event("reaction_removed")
    def on_reaction_removed(event: dict[str, Any]) -> None:
        """Removing the kudos reaction takes the kudos back."""

    @app.event("app_uninstalled")
    def on_uninstalled(body: dict[str, Any]) -> None:
        log.warning("Kept was uninstalled from Slack workspace %s", body.get("team_id"))

    @app.event("tokens_revoked")
    def on_tokens_revoked(body: dict[str, Any]) -> None:
        log.warning("Slack tokens were revoked in workspace %s", body.get("team_id"))
