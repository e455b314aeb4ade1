"""A workspace that removes Kept: what was about to be sent there is taken back, with the
reason; its promises, kudos and history stay, so installing Kept again brings them back."""

from __future__ import annotations

import logging

from bot.services.env import Env
from bot.store import outbox

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
