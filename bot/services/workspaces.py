"""Workspaces coming and going: one that removes Kept has what was about to be sent there taken
back, with the reason (its promises, kudos and history stay, so installing Kept again brings
them back); one of an org that installed Kept org-wide is remembered as the org's."""

from __future__ import annotations

import logging

from bot.services.env import Env
from bot.store import outbox, slack_orgs

log = logging.getLogger(__name__)


def removed(env: Env, platform: str, workspace_id: str, reason: str) -> int:
    """Withdraw the workspace's messages not yet sent; how many there were."""
    with env.db.unit_of_work() as session:
        withdrawn = outbox.withdraw_workspace(session, platform, workspace_id, reason)
    log.warning(
        "%s: %s workspace %s; %d message(s) not yet sent were withdrawn",
        reason,
        platform,
        workspace_id,
        withdrawn,
    )
    return withdrawn


def in_org(env: Env, team_id: str, enterprise_id: str) -> None:
    """A Slack workspace of an Enterprise Grid org that installed Kept for all of them: its
    messages go with the org's token."""
    with env.db.unit_of_work() as session:
        slack_orgs.remember(session, team_id, enterprise_id, env.clock.now())


def removed_from_org(env: Env, enterprise_id: str, reason: str) -> int:
    """An Enterprise Grid org took Kept out of all its workspaces: each one it was used in
    has its messages not yet sent withdrawn; how many there were."""
    with env.db.unit_of_work() as session:
        teams = slack_orgs.teams_of(session, enterprise_id)
    return sum(removed(env, "slack", team, reason) for team in teams)
