"""What a team command answers, as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.replies.kudos import Named


@dataclass(frozen=True)
class TeamView:
    """A team as its manager sees it, after `change` ("added", "removed", "channel", "shown")."""

    name: str
    manager: Named
    members: tuple[Named, ...]
    channel_ref: str | None
    change: str
    changed: tuple[Named, ...] = ()
