"""A person's home page (Slack's App Home), as plain values."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.replies.kudos import KudosSummary
from bot.services.replies.promises import Listing


@dataclass(frozen=True)
class Home:
    listing: Listing
    kudos: KudosSummary
