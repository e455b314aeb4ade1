"""The weekly digest and the team in Block Kit."""

from __future__ import annotations

from bot.render.shared.digest import (
    CHANGES,
    NO_DUE,
    OUTCOMES,
    SLACK_TEAM_COMMAND,
    duration,
    early_warning,
    invite_text,
    invited_text,
    membership_text,
    on_time,
    title,
    trend_line,
    why_at_risk,
)
from bot.render.shared.digest_csv import csv_name, csv_text
from bot.render.shared.kudos import value_counts
from bot.render.slack.kit import Block, Message, context, date_token, header, message, section
from bot.services.outbox import TeamInvite
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.teams import TeamView

# Slack shows at most 50 blocks; the digest keeps well under, naming this many risks.
RISKS_SHOWN = 10
# The CSV shown in a section, inside 3,000 characters with its title and fences.
CSV_SHOWN = 2600


def digest_message(digest: Digest, *, for_channel: bool = False) -> Message:
    counts = digest.counts
    heading = title(digest)
    blocks: list[Block] = [header(heading)]
    due = sum(getattr(counts, name) for name, _ in OUTCOMES)
    if due:
        rows = "\n".join(f"{label}: *{getattr(counts, name)}*" for name, label in OUTCOMES)
        blocks.append(section(f"*Promises due: {due}*\n{rows}"))
    else:
        blocks.append(section(NO_DUE))
    blocks.append(
        section(
            f"*On-time rate:* {on_time(counts)}\n*Early-warning rate:* {early_warning(counts)}"
            f"\n*Median delay:* {duration(counts.median_delay)}"
        )
    )
    blocks.append(context(trend_line(digest)))
    if digest.at_risk:
        # One section each: a promise's words may be 1,000 characters, a section 3,000.
        blocks.append(section("*At risk next week*"))
        for risk in digest.at_risk[:RISKS_SHOWN]:
            why = why_at_risk(risk)
            due_at = date_token(risk.due_at, digest.zone, digest.now)
            blocks.append(section(f"• {risk.owner}: {risk.what}, due {due_at} ({why})"))
        more = len(digest.at_risk) - RISKS_SHOWN
        if more > 0:
            blocks.append(context(f"…and {more} more."))
    elif not for_channel:  # the channel's copy names no one unless configured
        blocks.append(section("*At risk next week:* nothing."))
    kudos = f"*Kudos:* {digest.kudos_given} given, {digest.kudos_received} received"
    if digest.kudos_by_value:
        kudos += f"  ·  {value_counts(digest.kudos_by_value)}"
    if digest.most_thanked:
        kudos += "\n*Most thanked:* " + ", ".join(
            f"{name} ({n})" for name, n in digest.most_thanked
        )
    blocks.append(section(kudos))
    return message(heading, blocks)


def team_message(team: TeamView) -> Message:
    if team.change in ("joined", "left"):
        text = membership_text(team, f"<@{team.manager.ref}>", SLACK_TEAM_COMMAND)
        return message(text, [section(text)])
    members = ", ".join(f"<@{m.ref}>" for m in team.members) or "nobody yet"
    channel = _channel(team.channel_ref)
    summary = f"*{team.name}'s team:* {members}."
    if team.invited:
        summary += " Asked, not yet joined: " + ", ".join(f"<@{m.ref}>" for m in team.invited) + "."
    if channel:
        summary += f" Results are shared in {channel}."
    if team.change == "invited":
        done = invited_text(", ".join(f"<@{p.ref}>" for p in team.changed))
        return message(done, [section(done), section(summary)])
    if team.change in CHANGES and team.changed:
        names = ", ".join(f"<@{p.ref}>" for p in team.changed)
        done = f"{CHANGES[team.change]} {names}."
        return message(done, [section(done), section(summary)])
    if team.change == "channel":
        done = f"The team's results will be shared in {channel}."
        return message(done, [section(done), section(summary)])
    return message(f"{team.name}'s team", [section(summary)])


def invite_message(invite: TeamInvite) -> Message:
    text = invite_text(invite, f"<@{invite.manager_ref}>", SLACK_TEAM_COMMAND)
    return message(text, [section(text)])


def _channel(ref: str | None) -> str | None:
    if ref is None:
        return None
    return ref if ref.startswith("#") else f"<#{ref}>"


def csv_message(table: DigestCsv) -> Message:
    """The CSV in a code block, to copy into a spreadsheet; cut at Slack's section limit, with
    the command line that writes all of it."""
    content = csv_text(table)
    if len(content) > CSV_SHOWN:
        cut = content[:CSV_SHOWN].rsplit("\n", 1)[0]
        shown = cut.count("\n")
        note = (
            f"The first {shown} of {len(table.rows)} promises; the whole file is in your"
            " direct messages with Kept."
        )
    else:
        cut = content.rstrip("\n")
        note = f"{len(table.rows)} promises; the file is in your direct messages with Kept."
    name = csv_name(table)
    return message(name, [section(f"*{name}*\n```{cut}```"), context(note)])
