"""The rules of kudos: reading `/kudos` words, company values, the daily allowance, leaderboards.

`/kudos @ana @raj for covering the on-call swap #teamwork` names its recipients first (Slack
writes them `<@U123|ana>`, the shell `@ana`, with commas or "and" between if you like), then
the reason ("for" optional, kept as written), with company values as hashtags. Hashtags at the
start or the end of the reason are tags and leave it; one inside a sentence ("for showing
#empathy to Acme") stays in the words too. Values are optional: a kudos is a thank-you first,
and a reaction has no words to tag. With no values configured, a hashtag is just a word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.errors import KeptError

# A reason is a sentence: Slack shows 3,000 characters in a section, and the post also names
# every recipient and value.
MAX_REASON = 500
EXAMPLE = "/kudos @ana @raj for covering the on-call swap #teamwork"

_MENTION = r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>|@\w(?:[\w.\-]*\w)?"
# The next recipient: a mention, after spaces, commas, "and" or "&" (Slack escapes it "&amp;").
_NEXT_RECIPIENT = re.compile(rf"\s*(?:(?:,|&amp;|&|\band\b)\s*)*({_MENTION})", re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w&#/<])#([A-Za-z][\w-]*)")
# A hashtag Slack escaped into a channel link because a channel has the value's name.
_CHANNEL_LINK = re.compile(r"<#[CG][A-Z0-9]+\|([^>]*)>")
_FOR = re.compile(r"^for\b:?\s*", re.IGNORECASE)
_LEADING_TAGS = re.compile(r"^(?:#[A-Za-z][\w-]*[\s,]*)+")
_TRAILING_TAGS = re.compile(r"(?:[\s,]+#[A-Za-z][\w-]*)+$")
_SKIN_TONE = re.compile(r"::skin-tone-\d$")


@dataclass(frozen=True)
class KudosWords:
    """What `/kudos` words say: whom to thank (mentions as written), what for, which values."""

    recipients: tuple[str, ...]
    reason: str
    values: tuple[str, ...]


def read_kudos(text: str, values: Sequence[str]) -> KudosWords:
    """The recipients, reason and values of `/kudos` words; refused when one is missing or
    wrong, with what to write instead."""
    recipients, rest = _recipients(text)
    if not recipients:
        raise KeptError(
            "Who are you thanking? Start with the people, mentioned with @.", EXAMPLE, "recipients"
        )
    rest = _CHANNEL_LINK.sub(lambda m: _as_tag(m, values), rest)
    tags = _values(rest, values)
    reason = " ".join(rest.split())
    if values:
        reason = _TRAILING_TAGS.sub("", _LEADING_TAGS.sub("", reason)).strip()
    return KudosWords(recipients, check_reason(reason), tags)


def check_reason(reason: str) -> str:
    """The reason, trimmed, "for" kept as written; refused when it says nothing or too much."""
    words = " ".join(reason.split())
    if not _FOR.sub("", words):
        raise KeptError(
            "What are you thanking them for? Say what they did, so everyone knows.",
            EXAMPLE,
            "reason",
        )
    if len(words) > MAX_REASON:
        raise KeptError(
            f"That is {len(words):,} characters; a kudos fits in {MAX_REASON:,}."
            " Say what they did in a sentence, and link to the details.",
            EXAMPLE,
            "reason",
        )
    return words


def unknown_person(mention: str) -> KeptError:
    return KeptError(
        f"I don't know {mention} here. Mention co-workers with @ so I can thank them.",
        EXAMPLE,
        "recipients",
    )


def counts_as_kudos(reaction: str, configured: str, giver_ref: str, author_ref: str) -> bool:
    """Whether a reaction gives kudos: the configured emoji, in any skin tone, on someone
    else's message."""
    return _SKIN_TONE.sub("", reaction) == configured and giver_ref != author_ref


# --- the daily allowance -------------------------------------------------------------------
def giver_day(now: datetime, zone: str) -> tuple[datetime, datetime]:
    """The start and end, in UTC, of the giver's own day around `now` (23 to 25 hours long
    when the clocks change)."""
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    start = datetime.combine(today, time(0), tzinfo=tz)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz)
    return start.astimezone(UTC), end.astimezone(UTC)


def kudos_left(allowance: int, used: int) -> int:
    return max(allowance - used, 0)


def left_today(left: int) -> str:
    """ "You have 2 kudos left today." — said with every refusal about whom or how many."""
    return f"You have {left or 'no'} kudos left today."


def check_allowance(wanted: int, left: int, allowance: int) -> None:
    """`wanted` kudos fit in what is `left` of today's `allowance`; refused otherwise."""
    if wanted <= left:
        return
    if left == 0:
        raise KeptError(
            f"You have no kudos left today: you can give {allowance} a day."
            " Thank them tomorrow, or in your own words now."
        )
    raise KeptError(
        f"That is {wanted} kudos, and you have {left} left today."
        " Thank fewer people now and the rest tomorrow."
    )


def no_self_kudos(left: int) -> KeptError:
    return KeptError(f"Kudos are for thanking others, not yourself. {left_today(left)}")


def no_kudos_to_bots(mention: str, left: int) -> KeptError:
    return KeptError(f"{mention} is a bot: kudos are for people. {left_today(left)}")


# --- leaderboards --------------------------------------------------------------------------
class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    ALL = "all"


# Rolling windows: the same board for everyone, whatever their zone, and never empty on a Monday.
PERIOD_DAYS = {Period.WEEK: 7, Period.MONTH: 30}


def read_period(text: str) -> Period:
    """`week` (the default), `month` or `all`."""
    word = text.strip().lower() or Period.WEEK
    try:
        return Period(word)
    except ValueError:
        raise KeptError(
            f"Top of which period? I know week, month and all, not “{text.strip()}”.",
            "/kudos top month",
            "period",
        ) from None


def period_start(period: Period, now: datetime) -> datetime | None:
    """Since when a leaderboard counts; None for all time."""
    days = PERIOD_DAYS.get(period)
    return now - timedelta(days=days) if days else None


def ranks(counts: Sequence[int]) -> list[int]:
    """Places on a board sorted most first, ties sharing one: 5, 3, 3, 1 -> 1, 2, 2, 4."""
    places: list[int] = []
    for index, count in enumerate(counts):
        places.append(places[-1] if index and count == counts[index - 1] else index + 1)
    return places


# --- reading the words ---------------------------------------------------------------------
def _recipients(text: str) -> tuple[tuple[str, ...], str]:
    """The mentions at the start of the words, each once, and the words after them."""
    found: list[str] = []
    position = 0
    while match := _NEXT_RECIPIENT.match(text, position):
        found.append(match.group(1))
        position = match.end()
    return tuple(dict.fromkeys(found)), text[position:]


def _values(words: str, values: Sequence[str]) -> tuple[str, ...]:
    """The company values the words tag, each once; an unknown hashtag is refused."""
    if not values:
        return ()
    tags = [tag.lower() for tag in _HASHTAG.findall(words)]
    for tag in tags:
        if tag not in values:
            raise _unknown_value(tag, values)
    return tuple(dict.fromkeys(tags))


def _unknown_value(tag: str, values: Sequence[str]) -> KeptError:
    close = difflib.get_close_matches(tag, values, n=1)
    hint = (
        f"Did you mean #{close[0]}?"
        if close
        else "Our values are " + ", ".join(f"#{value}" for value in values) + "."
    )
    return KeptError(f"#{tag} isn't one of our company values. {hint}", EXAMPLE, "values")


def _as_tag(link: re.Match[str], values: Sequence[str]) -> str:
    name = link.group(1).lower()
    return f"#{name}" if name in values else link.group(0)
