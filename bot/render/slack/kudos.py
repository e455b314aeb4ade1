"""Block Kit for kudos: the thank-you in a channel, the note to each recipient, the answer to
the giver, the leaderboard and the kudos part of the App Home."""

from __future__ import annotations

from bot.domain.kudos import left_today
from bot.render.shared.kudos import (
    NO_KUDOS_YET,
    NOT_POSTED,
    PERIODS,
    THANK_SOMEONE,
    tags,
    thanks,
    value_counts,
    with_tags,
)
from bot.render.slack.kit import Block, Message, context, date_token, header, message, section
from bot.services.outbox import KudosNews, KudosPost
from bot.services.replies.kudos import Given, KudosSummary, KudosView, Leaderboard


def given_message(given: Given) -> Message:
    """What the giver sees: whom they thanked, where it is posted, and what is left today."""
    recipients = [f"<@{r.ref}>" for r in given.recipients]
    text = thanks("You", recipients, given.reason)
    where = f"Posted in <#{given.channel_ref}>. " if given.channel_ref else NOT_POSTED
    blocks: list[Block] = [section(with_tags(text, given.values))]
    blocks.append(context(f"{where}{left_today(given.left)}"))
    return message(text, blocks)


def leaderboard_message(board: Leaderboard) -> Message:
    title = f"Most thanked {PERIODS[board.period]}"
    if not board.leaders:
        text = f"No kudos {PERIODS[board.period]} yet. {THANK_SOMEONE}"
        return message(text, [section(text)])
    blocks: list[Block] = [section(f"*{title}*")]
    for leader in board.leaders:
        line = f"*{leader.rank}.* <@{leader.person.ref}>  {leader.received} kudos"
        if leader.values:
            line += f"  ·  {value_counts(leader.values)}"
        blocks.append(section(line))
    return message(title, blocks)


def home_blocks(summary: KudosSummary) -> list[Block]:
    """The App Home's kudos: totals, the values I'm thanked for, the latest each way."""
    blocks: list[Block] = [header("Kudos")]
    if not summary.received and not summary.given:
        return [*blocks, section(NO_KUDOS_YET), context(left_today(summary.left))]
    totals = f"You received *{summary.received}* kudos and gave *{summary.given}*."
    if summary.values:
        totals += f" Thanked most for {value_counts(summary.values)}."
    blocks += [section(totals), context(left_today(summary.left))]
    for kudos in summary.latest_received:
        line = thanks(f"<@{kudos.giver.ref}>", ["you"], kudos.reason)
        blocks.append(section(f"{with_tags(line, kudos.values)}  {_when(kudos, summary)}"))
    for kudos in summary.latest_given:
        line = thanks("You", [f"<@{kudos.recipient.ref}>"], kudos.reason)
        blocks.append(section(f"{with_tags(line, kudos.values)}  {_when(kudos, summary)}"))
    return blocks


def kudos_post_message(post: KudosPost) -> Message:
    """The public thank-you, in a channel."""
    text = thanks(f"<@{post.giver_ref}>", [f"<@{r.ref}>" for r in post.recipients], post.reason)
    tag_line = [context(tags(post.values))] if post.values else []
    return message(text, [section(f":{post.emoji}: {text}"), *tag_line])


def kudos_news_message(news: KudosNews) -> Message:
    """The note to one recipient: who thanked them, for what, and where it is posted."""
    text = thanks(f"<@{news.giver_ref}>", ["you"], news.reason)
    notes = [tags(news.values)] if news.values else []
    if news.channel:
        notes.append(f"Posted in <#{news.channel}> for everyone to see.")
    blocks: list[Block] = [section(f":{news.emoji}: {text}")]
    return message(text, blocks + ([context("  ·  ".join(notes))] if notes else []))


def message_reason(permalink: str | None, channel: str) -> str:
    """The reason of a reaction's kudos: a link to the message, or its channel if Slack gave
    no link."""
    return f"for <{permalink}|this message>" if permalink else f"for a message in <#{channel}>"


def _when(kudos: KudosView, summary: KudosSummary) -> str:
    return f"_{date_token(kudos.given_at, summary.zone)}_"
