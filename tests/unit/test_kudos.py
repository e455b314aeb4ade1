"""The rules of kudos: reading `/kudos` words, company values, the daily allowance, the boards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.errors import KeptError
from bot.domain.kudos import (
    MAX_REASON,
    KudosWords,
    Period,
    check_allowance,
    counts_as_kudos,
    giver_day,
    kudos_left,
    left_today,
    period_start,
    ranks,
    read_kudos,
    read_period,
)
from bot.settings import DEFAULT_VALUES

VALUES = DEFAULT_VALUES  # friendliness, empathy, fairness, options, control, information, teamwork
ANA, RAJ = "<@U0ANA|ana>", "<@U0RAJ|raj>"


@contextmanager
def refused(reason: str, field: str | None = None) -> Iterator[None]:
    """The block is refused with these words (and pointing at this part of the command)."""
    with pytest.raises(KeptError, match=re.escape(reason)) as refusal:
        yield
    if field is not None:
        assert refusal.value.field == field


# --- reading the words ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            f"{ANA} {RAJ} for covering the on-call swap #teamwork",
            KudosWords((ANA, RAJ), "for covering the on-call swap", ("teamwork",)),
            id="slack-mentions",
        ),
        pytest.param(
            "@ana @raj for covering the on-call swap #teamwork",
            KudosWords(("@ana", "@raj"), "for covering the on-call swap", ("teamwork",)),
            id="shell-names",
        ),
        pytest.param(
            "<@U0ANA> great demo today!",
            KudosWords(("<@U0ANA>",), "great demo today!", ()),
            id="without-for-or-values",
        ),
        pytest.param(
            "@ana, @raj and @bob for the launch",
            KudosWords(("@ana", "@raj", "@bob"), "for the launch", ()),
            id="commas-and-and",
        ),
        pytest.param(
            "@ana &amp; @raj for the launch",
            KudosWords(("@ana", "@raj"), "for the launch", ()),
            id="ampersand-as-slack-escapes-it",
        ),
        pytest.param(
            "@ana @ana for the launch",
            KudosWords(("@ana",), "for the launch", ()),
            id="named-twice-thanked-once",
        ),
        pytest.param(
            "@ana for showing #empathy to Acme #Teamwork #empathy",
            KudosWords(("@ana",), "for showing #empathy to Acme", ("empathy", "teamwork")),
            id="a-value-inside-the-sentence-stays-in-it",
        ),
        pytest.param(
            "@ana #teamwork #options for the new pricing",
            KudosWords(("@ana",), "for the new pricing", ("teamwork", "options")),
            id="values-first",
        ),
        pytest.param(
            "@ana for the new pricing, #options",
            KudosWords(("@ana",), "for the new pricing", ("options",)),
            id="values-after-a-comma",
        ),
        pytest.param(
            "@ana for fixing bug #123 on https://x.example/a#top",
            KudosWords(("@ana",), "for fixing bug #123 on https://x.example/a#top", ()),
            id="numbers-and-anchors-are-not-values",
        ),
        pytest.param(
            "@ana for the swap <#C0TEAM|teamwork>",
            KudosWords(("@ana",), "for the swap", ("teamwork",)),
            id="a-value-slack-linked-to-a-channel-of-its-name",
        ),
        pytest.param(
            "@ana for the notes in <#C0GEN|general>",
            KudosWords(("@ana",), "for the notes in <#C0GEN|general>", ()),
            id="a-real-channel-link-stays",
        ),
        pytest.param(
            "  @ana   for   the\n swap  ",
            KudosWords(("@ana",), "for the swap", ()),
            id="spaces-tidied",
        ),
    ],
)
def test_kudos_words_are_read_as_recipients_reason_and_values(text: str, words: KudosWords) -> None:
    assert read_kudos(text, VALUES) == words


def test_with_no_values_configured_a_hashtag_is_just_a_word() -> None:
    assert read_kudos("@ana for the swap #teamwrok", ()) == KudosWords(
        ("@ana",), "for the swap #teamwrok", ()
    )


@pytest.mark.parametrize(
    ("text", "reason", "field"),
    [
        ("for covering the swap", "Who are you thanking?", "recipients"),
        ("thanks @ana for the swap", "Who are you thanking?", "recipients"),
        ("", "Who are you thanking?", "recipients"),
        ("@ana", "What are you thanking them for?", "reason"),
        ("@ana for", "What are you thanking them for?", "reason"),
        ("@ana #teamwork", "What are you thanking them for?", "reason"),
        ("@ana for #teamwork", "What are you thanking them for?", "reason"),
        ("@ana for the swap #teamwrok", "#teamwrok isn't one of our company values.", "values"),
    ],
    ids=[
        "no-one",
        "someone-mentioned-later",
        "nothing",
        "no-reason",
        "only-for",
        "only-a-value",
        "for-and-a-value",
        "a-misspelt-value",
    ],
)
def test_kudos_without_someone_to_thank_or_a_reason_are_refused(
    text: str, reason: str, field: str
) -> None:
    with refused(reason, field):
        read_kudos(text, VALUES)


def test_a_misspelt_value_gets_the_value_it_looks_like() -> None:
    with refused("#empaty isn't one of our company values. Did you mean #empathy?"):
        read_kudos("@ana for listening #empaty", VALUES)


def test_an_unknown_value_like_none_of_ours_gets_the_list() -> None:
    with refused(
        "#synergy isn't one of our company values. Our values are #friendliness, #empathy,"
        " #fairness, #options, #control, #information, #teamwork."
    ):
        read_kudos("@ana for the merger #synergy", VALUES)


def test_a_reason_of_the_longest_length_is_kept_and_one_more_character_is_refused() -> None:
    longest = "for " + "x" * (MAX_REASON - 4)

    assert read_kudos(f"@ana {longest} #teamwork", VALUES).reason == longest
    with refused("That is 501 characters; a kudos fits in 500.", "reason"):
        read_kudos(f"@ana {longest}x", VALUES)


# --- which reactions count -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("reaction", "giver", "author", "counts"),
    [
        ("raised_hands", "U0RAJ", "U0ANA", True),
        ("raised_hands::skin-tone-4", "U0RAJ", "U0ANA", True),
        ("thumbsup", "U0RAJ", "U0ANA", False),
        ("raised_hands", "U0ANA", "U0ANA", False),
    ],
    ids=["the-kudos-emoji", "in-any-skin-tone", "another-emoji", "on-ones-own-message"],
)
def test_only_the_kudos_reaction_on_someone_elses_message_counts(
    reaction: str, giver: str, author: str, counts: bool
) -> None:
    assert counts_as_kudos(reaction, "raised_hands", giver, author) is counts


# --- the daily allowance -------------------------------------------------------------------
def test_the_day_is_the_givers_own() -> None:
    now = datetime(2026, 11, 24, 20, 0, tzinfo=UTC)  # Tuesday evening in London…

    # …and already Wednesday in Kolkata.
    assert giver_day(now, "Asia/Kolkata") == (
        datetime(2026, 11, 24, 18, 30, tzinfo=UTC),
        datetime(2026, 11, 25, 18, 30, tzinfo=UTC),
    )
    assert giver_day(now, "Europe/London") == (
        datetime(2026, 11, 24, 0, 0, tzinfo=UTC),
        datetime(2026, 11, 25, 0, 0, tzinfo=UTC),
    )


def test_a_day_when_the_clocks_go_forward_is_23_hours_long() -> None:
    start, end = giver_day(datetime(2026, 3, 29, 12, 0, tzinfo=UTC), "Europe/London")

    assert end - start == timedelta(hours=23)


ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]


@settings(max_examples=200, deadline=None)
@given(
    now=st.datetimes(
        min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone below
        max_value=datetime(2035, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
    zone=st.sampled_from(ZONES),
)
def test_now_is_always_inside_the_givers_day_which_starts_at_their_midnight(
    now: datetime, zone: str
) -> None:
    start, end = giver_day(now, zone)

    assert start <= now < end
    assert timedelta(hours=23) <= end - start <= timedelta(hours=25)
    local_start = start.astimezone(ZoneInfo(zone))
    assert local_start.date() == now.astimezone(ZoneInfo(zone)).date()
    assert (local_start.hour, local_start.minute) == (0, 0)


@pytest.mark.parametrize(("used", "left"), [(0, 5), (3, 2), (5, 0), (7, 0)])
def test_what_is_left_of_the_allowance(used: int, left: int) -> None:
    assert kudos_left(5, used) == left


def test_kudos_within_what_is_left_are_allowed() -> None:
    check_allowance(2, left=2, allowance=5)


def test_more_kudos_than_are_left_are_refused_saying_what_is_left() -> None:
    with refused("That is 3 kudos, and you have 2 left today."):
        check_allowance(3, left=2, allowance=5)


def test_none_left_is_refused_saying_so_and_the_allowance() -> None:
    with refused("You have no kudos left today: you can give 5 a day."):
        check_allowance(1, left=0, allowance=5)


@pytest.mark.parametrize(
    ("left", "said"),
    [(2, "You have 2 kudos left today."), (0, "You have no kudos left today.")],
)
def test_what_is_left_is_said_plainly(left: int, said: str) -> None:
    assert left_today(left) == said


# --- leaderboards --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "period"),
    [("", Period.WEEK), ("week", Period.WEEK), (" Month ", Period.MONTH), ("all", Period.ALL)],
)
def test_a_leaderboard_is_of_a_week_a_month_or_all_time(text: str, period: Period) -> None:
    assert read_period(text) == period


def test_another_period_is_refused_with_the_ones_there_are() -> None:
    with refused("Top of which period? I know week, month and all, not “year”.", "period"):
        read_period("year")


def test_periods_are_rolling_windows_back_from_now() -> None:
    now = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)

    assert period_start(Period.WEEK, now) == datetime(2026, 11, 17, 14, 0, tzinfo=UTC)
    assert period_start(Period.MONTH, now) == datetime(2026, 10, 25, 14, 0, tzinfo=UTC)
    assert period_start(Period.ALL, now) is None


@pytest.mark.parametrize(
    ("counts", "places"),
    [([], []), ([4], [1]), ([5, 3, 3, 1], [1, 2, 2, 4]), ([2, 2, 2], [1, 1, 1])],
)
def test_people_thanked_as_often_share_a_place(counts: list[int], places: list[int]) -> None:
    assert ranks(counts) == places
