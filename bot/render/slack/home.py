"""The App Home tab: my promises, my kudos, then how to use Kept."""

from __future__ import annotations

from typing import Any

from bot.domain.commands import Topic
from bot.render.shared.help import INTRO
from bot.render.slack.help import usage
from bot.render.slack.kit import Block, divider, home_tab, section
from bot.render.slack.kudos import home_blocks
from bot.render.slack.promises import listing_blocks
from bot.services.replies.kudos import KudosSummary
from bot.services.replies.promises import Listing

HOME_TOPICS = (Topic.PROMISE, Topic.KUDOS)  # the commands the App Home explains


def home_view(listing: Listing, kudos: KudosSummary | None = None) -> dict[str, Any]:
    blocks: list[Block] = listing_blocks(listing)
    if kudos is not None:
        blocks += [divider(), *home_blocks(kudos)]
    blocks += [
        divider(),
        section(
            "*Kept* helps you keep your word: promise, deliver, and warn early when you can't."
        ),
    ]
    blocks += [section(f"*{INTRO[topic]}*\n{usage(topic)}") for topic in HOME_TOPICS]
    return home_tab(blocks)
