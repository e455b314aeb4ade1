"""The job that brings the teams of `[digest] teams` in the settings into the database."""

from __future__ import annotations

from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.teams import team_command


def sync_configured_teams(env: Env, directory: Directory) -> int:
    """Bring the teams of `[digest] teams` into being (a job): their members and channel are
    added as the settings say; people added in chat stay. How many teams the settings name."""
    for team in env.settings.digest.teams:
        mentions = " ".join(f"<@{member}>" for member in team.members)
        team_command(env, directory, team.manager, f"add {mentions}", by_admin=True)
        if team.channel:
            team_command(env, directory, team.manager, f"channel <#{team.channel}>")
    return len(env.settings.digest.teams)
