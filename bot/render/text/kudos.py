"""Kudos as plain text, for the local shell: the answer to the giver, the leaderboard, and the
thank-you and notes its sender prints."""

from __future__ import annotations

from bot.domain.kudos import left_today
from bot.render.shared.kudos import (
    NOT_POSTED,
    PERIODS,
    THANK_SOMEONE,
    thanks,
    value_counts,
    with_tags,
)
from bot.render.text.kit import then
from bot.services.outbox import KudosNews, KudosPost
from bot.services.replies.kudos import Given, Leaderboard


def given_text(given: Given) -> str:
    text = thanks("You", [f"@{r.name}" for r in given.recipients], given.reason)
    where = f"Posted in #{given.channel_ref}. " if given.channel_ref else NOT_POSTED
    return then(with_tags(text, given.values), f"{where}{left_today(given.left)}")


def leaderboard_text(board: Leaderboard) -> str:
    if not board.leaders:
        return f"No kudos {PERIODS[board.period]} yet. {THANK_SOMEONE.replace('`', '')}"
    lines = [f"Most thanked {PERIODS[board.period]}:"]
    for leader in board.leaders:
        line = f"  {leader.rank}. @{leader.person.name}  {leader.received} kudos"
        lines.append(f"{line}  {value_counts(leader.values)}" if leader.values else line)
    return "\n".join(lines)


def kudos_post_line(post: KudosPost) -> str:
    """The public thank-you, as the shell prints it to the channel."""
    recipients = [f"@{r.name}" for r in post.recipients]
    return with_tags(thanks(f"@{post.giver}", recipients, post.reason), post.values)


def kudos_news_line(news: KudosNews) -> str:
    """The note to one recipient."""
    return with_tags(thanks(f"@{news.giver}", ["you"], news.reason), news.values)
