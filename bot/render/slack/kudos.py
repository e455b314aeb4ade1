"""Block Kit for kudos: the thank-you in a channel, the note to each recipient, the answer to
the giver, the leaderboard and the kudos part of the App Home."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, HeaderBlock

from bot.domain.kudos import left_today
from bot.render.shared.deliveries import UnknownDelivery
from bot.render.shared.kudos import NO_KUDOS_YET, PERIODS, THANK_SOMEONE, tags, thanks, value_counts
from bot.render.slack.kit import Message, context, date_token, message, section
from bot.services.kudos import Given, KudosSummary, KudosView, Leaderboard
from bot.services.outbox import Delivery


def given_message(given: Given) -> Message:
    """What the giver sees: whom they thanked, where it is posted, and what is left today."""
    recipients = [f"<@{r.ref}>" for r in given.recipients]
    text = thanks("You", recipients, given.reason)
    where = f"Posted in <#{given.channel_ref}>. " if given.channel_ref else ""
    blocks: list[Block] = [section(_with_tags(text, given.values))]
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
    blocks: list[Block] = [HeaderBlock(text="Kudos")]
    if not summary.received and not summary.given:
        return [*blocks, section(NO_KUDOS_YET), context(left_today(summary.left))]
    totals = f"You received *{summary.received}* kudos and gave *{summary.given}*."
    if summary.values:
        totals += f" Thanked most for {value_counts(summary.values)}."
    blocks += [section(totals), context(left_today(summary.left))]
    for kudos in summary.latest_received:
        line = thanks(f"<@{kudos.giver.ref}>", ["you"], kudos.reason)
        blocks.append(section(f"{_with_tags(line, kudos.values)}  {_when(kudos, summary)}"))
    for kudos in summary.latest_given:
        line = thanks("You", [f"<@{kudos.recipient.ref}>"], kudos.reason)
        blocks.append(section(f"{_with_tags(line, kudos.values)}  {_when(kudos, summary)}"))
    return blocks


def kudos_delivery(delivery: Delivery) -> Message:
    """The public thank-you (`kudos_post`) or the note to a recipient (`kudos_news`)."""
    payload: dict[str, Any] = delivery.payload
    giver = f"<@{payload['giver_ref']}>"
    match delivery.kind:
        case "kudos_post":
            recipients = [f"<@{r['ref']}>" for r in payload["recipients"]]
            text = thanks(giver, recipients, payload["reason"])
            return message(text, [section(f":{payload['emoji']}: {text}"), *_tag_line(payload)])
        case "kudos_news":
            text = thanks(giver, ["you"], payload["reason"])
            notes = [tags(payload["values"])] if payload["values"] else []
            if payload.get("channel"):
                notes.append(f"Posted in <#{payload['channel']}> for everyone to see.")
            blocks: list[Block] = [section(f":{payload['emoji']}: {text}")]
            return message(text, blocks + ([context("  ·  ".join(notes))] if notes else []))
    raise UnknownDelivery(delivery.kind)


def message_reason(permalink: str | None, channel: str) -> str:
    """The reason of a reaction's kudos: a link to the message, or its channel if Slack gave
    no link."""
    return f"for <{permalink}|this message>" if permalink else f"for a message in <#{channel}>"


def _with_tags(text: str, values: tuple[str, ...] | list[str]) -> str:
    return f"{text} {tags(values)}" if values else text


def _tag_line(payload: dict[str, Any]) -> list[Block]:
    return [context(tags(payload["values"]))] if payload["values"] else []


def _when(kudos: KudosView, summary: KudosSummary) -> str:
    return f"_{date_token(kudos.given_at, summary.zone)}_"
