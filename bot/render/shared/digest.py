"""The words Kept says about a digest and a team, shared by every platform's renderer."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.domain.digest import WeekCounts
from bot.services.outbox import TeamInvite
from bot.services.replies.digest import AtRisk, Digest
from bot.services.replies.teams import TeamView

# The outcomes, in the order a digest lists them, with their labels.
OUTCOMES = (
    ("kept_on_time", "kept on time"),
    ("kept_late", "kept late"),
    ("renegotiated_early", "renegotiated early"),
    ("renegotiated_late", "renegotiated late"),
    ("broken", "broken (overdue, still open)"),
    ("cancelled", "cancelled"),
    ("not_yet_due", "not yet due"),
)
NO_DUE = "No promises fell due this week."
# What a team change says first, before the team as it is now.
CHANGES = {"added": "Added", "removed": "Removed"}


# `/digest team` as each platform writes it.
SLACK_TEAM_COMMAND = TEXT_TEAM_COMMAND = "/digest team"
TEAMS_TEAM_COMMAND = "digest team"


def invited_text(names: str) -> str:
    """To a manager who named people for their team: they were asked first."""
    return f"I've asked {names} to join your team. They count in your digest once they say yes."


def membership_text(team: TeamView, manager: str, command: str) -> str:
    """To someone who joined or left a team; `manager` named, and `command` written, as the
    platform does."""
    if team.change == "joined":
        return (
            f"You're on {manager}'s team now: they see your promises in their weekly digest"
            f" and hear when one is overdue. To leave it, type `{command} leave` and mention"
            f" {manager}."
        )
    return f"You're not on {manager}'s team: nothing of yours shows in their digest."


def invite_text(invite: TeamInvite, manager: str, command: str) -> str:
    """To someone a manager asked onto their team: what it means, and the two answers."""
    return (
        f"{manager} asked you to join their team on Kept: they would see your promises in"
        f" their weekly digest and hear when one is overdue. If they manage you, type"
        f" `{command} join @{invite.manager}`; if not, `{command} leave @{invite.manager}`."
    )


def title(digest: Digest) -> str:
    start = digest.start.astimezone(ZoneInfo(digest.zone))
    last = (digest.end - timedelta(days=1)).astimezone(ZoneInfo(digest.zone))
    span = f"{start:%a} {start.day} {start:%b} – {last:%a} {last.day} {last:%b}"
    so_far = ", so far" if digest.so_far else ""
    return f"{digest.team}'s digest for {digest.week} ({span}{so_far})"


def rate(part: int, whole: int, value: float | None) -> str:
    """'22% (2 of 9)', or '–' when there is nothing to count."""
    return "–" if value is None else f"{round(value * 100)}% ({part} of {whole})"


def on_time(counts: WeekCounts) -> str:
    return rate(counts.kept_on_time, counts.fell_due, counts.on_time_rate)


def early_warning(counts: WeekCounts) -> str:
    return rate(counts.warned, counts.slipped, counts.early_warning_rate)


def duration(delay: timedelta | None) -> str:
    """'1 d 8 h 30 min', '3 h', '–'."""
    if delay is None:
        return "–"
    minutes = round(delay.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{days} d" if days else "",
        f"{hours} h" if hours else "",
        f"{minutes} min" if minutes else "",
    ]
    return " ".join(p for p in parts if p) or "0 min"


def short_rate(value: float | None) -> str:
    return "–" if value is None else f"{round(value * 100)}%"


def trend_line(digest: Digest) -> str:
    """'On-time trend: W41 80%  W42 –  …', the digest's weeks oldest first."""
    weeks = "  ".join(f"{t.week[-3:]} {short_rate(t.counts.on_time_rate)}" for t in digest.trend)
    return f"On-time trend: {weeks}"


def why_at_risk(risk: AtRisk) -> str:
    return "renegotiated" if risk.renegotiated else "last nudge unanswered"


def team_summary(team: TeamView) -> str:
    """'ana's team: @bo, @cy. Asked, not yet joined: @di. Results go to #team.'"""
    members = ", ".join(f"@{m.name}" for m in team.members) or "nobody yet"
    asked = ", ".join(f"@{m.name}" for m in team.invited)
    waiting = f" Asked, not yet joined: {asked}." if asked else ""
    channel = f" Results are shared in {team.channel_ref}." if team.channel_ref else ""
    return f"{team.name}'s team: {members}.{waiting}{channel}"
