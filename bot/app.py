"""Starting Kept: the core from bootstrap, plus each configured platform's app and sender."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from slack_bolt import App
from starlette.applications import Starlette

from bot.bootstrap import Kept, build
from bot.clock import Clock
from bot.handlers.slack import build_slack_app
from bot.handlers.slack.directory import SlackDirectory
from bot.handlers.slack.sender import SlackSender
from bot.jobs.scheduler import Job
from bot.services.digest import sync_configured_teams
from bot.settings import Settings
from bot.web import create_asgi_app


@dataclass
class Platforms:
    kept: Kept
    slack: App | None

    def asgi(self) -> Starlette:
        return create_asgi_app(self.kept, self.slack)


def configured_teams_job(kept: Kept, slack: App) -> Job:
    """The job that keeps `[digest] teams` in the database, resolving people through Slack."""
    workspace = str(slack.client.auth_test()["team_id"])
    directory = SlackDirectory(
        slack.client, workspace, kept.settings.working_hours.default_timezone
    )
    return Job("sync_configured_teams", partial(sync_configured_teams, kept, directory))


def start(settings: Settings, clock: Clock) -> Platforms:
    """Kept with every platform its settings configure, each with its outbox sender."""
    kept = build(settings, clock)
    slack = build_slack_app(kept) if settings.slack.configured else None
    if slack is not None:
        kept.senders.append(SlackSender(slack.client))
        if settings.digest.teams:
            kept.platform_jobs.append(configured_teams_job(kept, slack))
    return Platforms(kept=kept, slack=slack)
