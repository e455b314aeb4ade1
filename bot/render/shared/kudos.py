"""The words Kept says about kudos, shared by every platform's renderer."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.kudos import EXAMPLE, Period

# Outbox kinds of kudos messages; the post goes to a channel, the news to a person.
KUDOS_DELIVERIES = frozenset({"kudos_post", "kudos_news"})
CHANNEL_DELIVERIES = frozenset({"kudos_post"})

# How many values a leaderboard line names, most thanked for first.
VALUES_SHOWN = 3

PERIODS = {
    Period.WEEK: "in the last 7 days",
    Period.MONTH: "in the last 30 days",
    Period.ALL: "since Kept started counting",
}

THANK_SOMEONE = f"Thank a co-worker for good service: `{EXAMPLE}`"
# Kudos given outside a channel: told to the one thanked, shown to no one else.
NOT_POSTED = "Given in a direct message, so only they hear of it; in a channel, all would see it. "
NO_KUDOS_YET = f"No kudos yet. {THANK_SOMEONE}"


def names(mentions: Sequence[str]) -> str:
    """'@ana', '@ana and @raj', '@ana, @raj and @bob'."""
    if len(mentions) < 2:
        return "".join(mentions)
    return f"{', '.join(mentions[:-1])} and {mentions[-1]}"


def for_what(reason: str) -> str:
    """The reason after a name: ' for covering the swap.' as written, else ': great demo.'"""
    joined = f" {reason}" if reason.lower().startswith("for ") else f": {reason}"
    return joined if reason.endswith((".", "!", "?", "…")) else joined + "."


def thanks(giver: str, recipients: Sequence[str], reason: str) -> str:
    """'@raj thanked @ana and @bob for covering the on-call swap.'"""
    return f"{giver} thanked {names(recipients)}{for_what(reason)}"


def tags(values: Sequence[str]) -> str:
    return " ".join(f"#{value}" for value in values)


def with_tags(text: str, values: Sequence[str]) -> str:
    """The words, then the values they were thanked for as hashtags, if any."""
    return f"{text} {tags(values)}" if values else text


def value_counts(values: Sequence[tuple[str, int]]) -> str:
    """'#teamwork ×3, #empathy ×1': the values someone was thanked for most."""
    return ", ".join(f"#{value} ×{times}" for value, times in values[:VALUES_SHOWN])
