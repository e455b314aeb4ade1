"""Kudos in Teams: the thank-you in a channel, the note to each recipient, the answer to the
giver and the leaderboard. People are named by their display names: Teams mentions need ids
a card's text can't carry."""

from __future__ import annotations

from collections.abc import Sequence

from microsoft_teams.cards import CardElement

from bot.domain.kudos import left_today
from bot.render.shared.kudos import (
    NOT_POSTED,
    PERIODS,
    THANK_SOMEONE,
    tags,
    thanks,
    value_counts,
    with_tags,
)
from bot.render.teams.kit import TeamsMessage, block, heading, message, note
from bot.services.outbox import KudosNews, KudosPost
from bot.services.replies.kudos import Given, Leaderboard

# Slack's configured reaction is a Slack emoji name; Teams shows this one instead.
CHEER = "🎉"
POSTED = "Posted in the channel for everyone to see."


def given_message(given: Given) -> TeamsMessage:
    """What the giver sees: whom they thanked, where it is posted, and what is left today."""
    names = [r.name for r in given.recipients]
    where = f"{POSTED} " if given.channel_ref else NOT_POSTED
    body: list[CardElement] = [
        block(with_tags(thanks("You", _bold(names), given.reason), given.values)),
        note(f"{where}{left_today(given.left)}"),
    ]
    return message(thanks("You", names, given.reason), body)


def leaderboard_message(board: Leaderboard) -> TeamsMessage:
    title = f"Most thanked {PERIODS[board.period]}"
    if not board.leaders:
        text = f"No kudos {PERIODS[board.period]} yet. {THANK_SOMEONE}"
        return message(text, [block(text)])
    body: list[CardElement] = [heading(title)]
    for leader in board.leaders:
        line = f"{leader.rank}. **{leader.person.name}**  {leader.received} kudos"
        if leader.values:
            line += f"  ·  {value_counts(leader.values)}"
        body.append(block(line, spacing="Small"))
    return message(title, body)


def kudos_post_message(post: KudosPost) -> TeamsMessage:
    """The public thank-you, in a channel."""
    names = [r.name for r in post.recipients]
    text = thanks(post.giver, names, post.reason)
    shown = thanks(f"**{post.giver}**", _bold(names), post.reason)
    return _cheer(text, shown, [tags(post.values)] if post.values else [])


def kudos_news_message(news: KudosNews) -> TeamsMessage:
    """The note to one recipient: who thanked them, for what, and where it is posted."""
    text = thanks(news.giver, ["you"], news.reason)
    shown = thanks(f"**{news.giver}**", ["you"], news.reason)
    notes = [tags(news.values)] if news.values else []
    if news.channel:
        notes.append(POSTED)
    return _cheer(text, shown, notes)


def _cheer(text: str, shown: str, notes: list[str]) -> TeamsMessage:
    body: list[CardElement] = [block(f"{CHEER} {shown}")]
    if notes:
        body.append(note("  ·  ".join(notes)))
    return message(text, body)


def _bold(names: Sequence[str]) -> list[str]:
    return [f"**{name}**" for name in names]
