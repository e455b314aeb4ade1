"""The weekly digest and the team as plain text: the shell, the command line, the CSV's sibling."""

from __future__ import annotations

from bot.render.shared.digest import (
    CHANGES,
    NO_DUE,
    OUTCOMES,
    TEXT_TEAM_COMMAND,
    duration,
    early_warning,
    invite_text,
    invited_text,
    membership_text,
    on_time,
    team_summary,
    title,
    trend_line,
    why_at_risk,
)
from bot.render.shared.digest_csv import csv_name, csv_text
from bot.render.shared.kudos import value_counts
from bot.render.shared.times import when
from bot.services.outbox import TeamInvite
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.teams import TeamView


def digest_text(digest: Digest, *, for_channel: bool = False) -> str:
    counts = digest.counts
    lines = [title(digest)]
    due = sum(getattr(counts, name) for name, _ in OUTCOMES)
    if not due:
        lines.append(f"  {NO_DUE}")
    else:
        lines.append(f"Promises due: {due}")
        lines += [f"  {label:<30} {getattr(counts, name)}" for name, label in OUTCOMES]
    lines.append(f"On-time rate: {on_time(counts)}")
    lines.append(f"Early-warning rate: {early_warning(counts)}")
    lines.append(f"Median delay: {duration(counts.median_delay)}")
    lines.append(trend_line(digest))
    if digest.at_risk:
        lines.append("At risk next week:")
        for risk in digest.at_risk:
            why = why_at_risk(risk)
            due_at = when(risk.due_at, digest.zone, said=digest.now)
            lines.append(f"  #{risk.promise_id} @{risk.owner}: {risk.what}, due {due_at} ({why})")
    elif not for_channel:  # the channel's copy names no one unless configured
        lines.append("At risk next week: nothing.")
    kudos = f"Kudos: {digest.kudos_given} given, {digest.kudos_received} received"
    if digest.kudos_by_value:
        kudos += f"; {value_counts(digest.kudos_by_value)}"
    lines.append(kudos + ".")
    if digest.most_thanked:
        thanked = ", ".join(f"@{name} ({n})" for name, n in digest.most_thanked)
        lines.append(f"Most thanked: {thanked}.")
    return "\n".join(lines)


def team_text(team: TeamView) -> str:
    if team.change in ("joined", "left"):
        return membership_text(team, f"@{team.manager.name}", TEXT_TEAM_COMMAND)
    summary = team_summary(team)
    if team.change == "invited":
        return f"{invited_text(', '.join(f'@{p.name}' for p in team.changed))} {summary}"
    if team.change in CHANGES and team.changed:
        names = ", ".join(f"@{p.name}" for p in team.changed)
        return f"{CHANGES[team.change]} {names}. {summary}"
    if team.change == "channel":
        return f"The team's results will be shared in {team.channel_ref}. {summary}"
    return summary


def invite_text_of(invite: TeamInvite) -> str:
    return invite_text(invite, f"@{invite.manager}", TEXT_TEAM_COMMAND)


def table_text(table: DigestCsv) -> str:
    """`/digest csv` in the shell: the file's name, then the file."""
    return f"{csv_name(table)}:\n{csv_text(table)}"
