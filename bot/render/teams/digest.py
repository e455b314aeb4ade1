"""The weekly digest, its CSV and the team, in Teams."""

from __future__ import annotations

import io
import shlex

from microsoft_teams.cards import CardElement

from bot.render.shared.digest import (
    CHANGES,
    NO_DUE,
    OUTCOMES,
    TEAMS_TEAM_COMMAND,
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
from bot.render.shared.digest_chart import chart_file
from bot.render.shared.digest_csv import csv_name, csv_text
from bot.render.shared.kudos import value_counts
from bot.render.shared.times import when
from bot.render.shared.words import shorter
from bot.render.teams.kit import (
    TeamsMessage,
    block,
    facts,
    heading,
    message,
    note,
)
from bot.services.outbox import TeamInvite
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.teams import TeamView

# The digest names this many risks, each in this many characters: with the chart, the
# biggest week stays inside a Teams message.
RISKS_SHOWN = 10
RISK_WHAT = 200
# The CSV shown in chat, in bytes of text: Teams refuses a message of more than about 28 KB.
CSV_SHOWN = 20_000
# Colours of the chart as sent: a palette PNG is a quarter of the size, and looks the same.
CHART_COLOURS = 32


def digest_message(digest: Digest, *, for_channel: bool = False) -> TeamsMessage:
    counts = digest.counts
    heading_text = title(digest)
    body: list[CardElement] = [heading(heading_text)]
    due = sum(getattr(counts, name) for name, _ in OUTCOMES)
    if due:
        body.append(block(f"**Promises due: {due}**"))
        body.append(
            facts([(label.capitalize(), str(getattr(counts, name))) for name, label in OUTCOMES])
        )
    else:
        body.append(block(NO_DUE))
    body.append(
        facts(
            [
                ("On-time rate", on_time(counts)),
                ("Early-warning rate", early_warning(counts)),
                ("Median delay", duration(counts.median_delay)),
            ]
        )
    )
    body.append(note(trend_line(digest)))
    if digest.at_risk:
        body.append(block("**At risk next week**"))
        for risk in digest.at_risk[:RISKS_SHOWN]:
            why = why_at_risk(risk)
            what = shorter(risk.what, RISK_WHAT)
            due_at = when(risk.due_at, digest.zone, said=digest.now)
            body.append(block(f"• {risk.owner}: {what}, due {due_at} ({why})", spacing="Small"))
        more = len(digest.at_risk) - RISKS_SHOWN
        if more > 0:
            body.append(note(f"…and {more} more."))
    elif not for_channel:  # the channel's copy names no one unless configured
        body.append(block("**At risk next week:** nothing."))
    kudos = f"**Kudos:** {digest.kudos_given} given, {digest.kudos_received} received"
    if digest.kudos_by_value:
        kudos += f"  ·  {value_counts(digest.kudos_by_value)}"
    body.append(block(kudos))
    if digest.most_thanked:
        thanked = ", ".join(f"{name} ({n})" for name, n in digest.most_thanked)
        body.append(block(f"**Most thanked:** {thanked}", spacing="Small"))
    return message(heading_text, body)


def team_message(team: TeamView) -> TeamsMessage:
    if team.change in ("joined", "left"):
        text = membership_text(team, team.manager.name, TEAMS_TEAM_COMMAND)
        return message(text, [block(text)])
    members = ", ".join(m.name for m in team.members) or "nobody yet"
    channel = _channel(team.channel_ref)
    rows = [("Manager", team.manager.name), ("Members", members)]
    if team.invited:
        rows.append(("Asked, not yet joined", ", ".join(m.name for m in team.invited)))
    rows.append(("Results shared in", channel or "no channel yet"))
    summary: list[CardElement] = [heading(f"{team.name}'s team"), facts(rows)]
    if team.change == "invited":
        done = invited_text(", ".join(p.name for p in team.changed))
        return message(done, [block(done), *summary])
    if team.change in CHANGES and team.changed:
        done = f"{CHANGES[team.change]} {', '.join(p.name for p in team.changed)}."
        return message(done, [block(done), *summary])
    if team.change == "channel":
        done = f"The team's results will be shared in {channel}."
        return message(done, [block(done), *summary])
    return message(f"{team.name}'s team", summary)


def invite_message(invite: TeamInvite) -> TeamsMessage:
    text = invite_text(invite, invite.manager, TEAMS_TEAM_COMMAND)
    return message(text, [block(text)])


def _channel(ref: str | None) -> str | None:
    """A channel as the team set it: "#name" as typed, or an id nobody could read."""
    if ref is None:
        return None
    return ref if ref.startswith("#") else "the team's channel"


def csv_message(table: DigestCsv) -> TeamsMessage:
    """The CSV as a code block, to copy into a spreadsheet (a Teams bot can't post a file
    without asking first); too long for a message, the command line that writes it."""
    content = csv_text(table).rstrip("\n")
    name = csv_name(table)
    promises = f"{len(table.rows)} promise{'' if len(table.rows) == 1 else 's'}"
    if len(content.encode()) <= CSV_SHOWN:
        return TeamsMessage(
            f"**{name}**: {promises}; copy it into a spreadsheet.\n\n```\n{content}\n```"
        )
    command = shlex.join(
        ["python", "-m", "bot", "digest", "--team", table.team, "--week", table.week]
    )
    return TeamsMessage(
        f"{name} has {promises}: too long for a chat message. Where Kept runs, write it to a"
        f" file with `{command} --csv {shlex.quote(name)}`."
    )


def digest_with_chart(digest: Digest) -> TeamsMessage:
    """The scheduled digest to the manager, with its chart."""
    shown = digest_message(digest)
    name, _, png = chart_file(digest)
    return TeamsMessage(shown.text, shown.card, image_png=smaller_png(png), image_name=name)


def smaller_png(png: bytes) -> bytes:
    """The chart in a palette of CHART_COLOURS: about 10 KB instead of 35."""
    from PIL import Image  # with matplotlib, which draws the chart

    with Image.open(io.BytesIO(png)) as image:
        palette = image.convert("RGB").quantize(colors=CHART_COLOURS)
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True)
    return out.getvalue()
