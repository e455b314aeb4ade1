"""What a team command answers, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.replies.kudos import Named


@dataclass(frozen=True)
class TeamView:
    """A team as its manager sees it, after `change` ("added", "invited", "removed",
    "channel", "shown"); or as someone sees it who "joined" or "left" it."""

    name: str
    manager: Named
    members: tuple[Named, ...]  # who said yes
    channel_ref: str | None
    change: str
    changed: tuple[Named, ...] = ()
    invited: tuple[Named, ...] = ()  # asked, not yet joined: counted nowhere
