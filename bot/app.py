"""Starting Kept: the core from bootstrap, plus each configured platform's app and sender."""

from __future__ import annotations

from dataclasses import dataclass

from slack_bolt import App
from starlette.applications import Starlette

from bot.bootstrap import Kept, build
from bot.clock import Clock
from bot.handlers.slack import build_slack_app
from bot.handlers.slack.sender import SlackSender
from bot.settings import Settings
from bot.web import create_asgi_app


@dataclass
class Platforms:
    kept: Kept
    slack: App | None

    def asgi(self) -> Starlette:
        return create_asgi_app(self.kept, self.slack)


def start(settings: Settings, clock: Clock) -> Platforms:
    """Kept with every platform its settings configure, each with its outbox sender."""
    kept = build(settings, clock)
    slack = build_slack_app(kept) if settings.slack.configured else None
    if slack is not None:
        kept.senders.append(SlackSender(slack.client))
    return Platforms(kept=kept, slack=slack)
