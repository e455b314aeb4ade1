"""Kudos, told as stories: given with words, given and taken back with a reaction, refused,
counted against the day's allowance, and added up on leaderboards and the App Home.

Every story runs on SQLite and on PostgreSQL, in a Slack workspace of four people and a bot,
on Tuesday 24 November 2026 at 14:00 UTC (the `clock` fixture) unless the clock is moved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.domain.errors import KeptError
from bot.domain.kudos import MAX_REASON, Period
from bot.domain.people import Profile
from bot.services import kudos
from bot.services.home import home
from bot.services.replies.kudos import Given, Named
from bot.store.models import Kudos, OutboxMessage, Person
from tests.fakes.directory import FakeDirectory
from tests.integration.conftest import KeptWith

# --- the people ----------------------------------------------------------------------------
NINA = "U0NINA"  # New York: 09:00 on the clock's Tuesday
KIRAN = "U0KIRAN"  # Kolkata: 19:30 on the clock's Tuesday
ANA = "U0ANA"  # Lisbon
RAJ = "U0RAJ"  # Lisbon
HELPER = "U0HELPER"  # a bot

PEOPLE = {
    NINA: Profile("nina", "America/New_York"),
    KIRAN: Profile("kiran", "Asia/Kolkata"),
    ANA: Profile("ana", "Europe/Lisbon"),
    RAJ: Profile("raj", "Europe/Lisbon"),
    HELPER: Profile("helper", "UTC", is_bot=True),
}
GENERAL, KUDOS_CHANNEL = "C0GENERAL", "C0KUDOS"
SWAP = f"<@{ANA}> <@{RAJ}> for covering the on-call swap #teamwork"
ANAS_MESSAGE = f"{GENERAL}/1764000000.000100"
KIRANS_MESSAGE = f"{GENERAL}/1764000000.000200"
LINK = "for <https://kept-test.slack.com/archives/C0GENERAL/p1764000000000100|this message>"
MIDNIGHT_IN_KOLKATA = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


# --- shared steps --------------------------------------------------------------------------
def give(kept: Kept, directory: FakeDirectory, giver: str = NINA, text: str = SWAP) -> Given:
    """`/kudos <text>` typed in #general."""
    return kudos.give(kept, directory, giver, text, channel_ref=GENERAL)


def thank(kept: Kept, directory: FakeDirectory, giver: str, *recipients: str) -> Given:
    """`giver` thanks each recipient (one `/kudos` each), for the same small favour."""
    given = [give(kept, directory, giver, f"<@{r}> for the quick review") for r in recipients]
    return given[-1]


def react(
    kept: Kept,
    directory: FakeDirectory,
    giver: str = NINA,
    author: str = ANA,
    message: str = ANAS_MESSAGE,
) -> Given | None:
    """`giver` puts the kudos reaction on `author`'s message."""
    channel = message.partition("/")[0]
    return kudos.react(
        kept, directory, giver, author, channel_ref=channel, message_ref=message, reason=LINK
    )


def unreact(kept: Kept, directory: FakeDirectory, giver: str = NINA, author: str = ANA) -> bool:
    return kudos.unreact(kept, directory, giver, author, message_ref=ANAS_MESSAGE)


def stored(kept: Kept) -> list[Kudos]:
    with kept.db.unit_of_work() as session:
        query = select(Kudos).order_by(Kudos.id).options(selectinload(Kudos.values))
        return list(session.scalars(query))


def standing(kept: Kept) -> list[Kudos]:
    """The kudos that count: not taken back."""
    return [row for row in stored(kept) if row.revoked_at is None]


def person_id(kept: Kept, user_id: str) -> int:
    with kept.db.unit_of_work() as session:
        return session.scalars(select(Person.id).where(Person.user_id == user_id)).one()


def queued(kept: Kept) -> list[OutboxMessage]:
    with kept.db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def sent_to(kept: Kept) -> list[tuple[str, str]]:
    """(kind, recipient) of every queued message, in order."""
    return [(row.kind, row.recipient) for row in queued(kept)]


@contextmanager
def refused(reason: str) -> Iterator[pytest.ExceptionInfo[KeptError]]:
    with pytest.raises(KeptError, match=re.escape(reason)) as refusal:
        yield refusal


def board(kept: Kept, directory: FakeDirectory, period: str = "week") -> list[Any]:
    """(place, name, kudos received, values) of each person on the leaderboard."""
    top = kudos.top(kept, directory, NINA, period)
    return [(l.rank, l.person.name, l.received, l.values) for l in top.leaders]  # noqa: E741


# --- giving kudos with words ---------------------------------------------------------------
def test_kudos_to_two_people_are_two_kudos_with_the_reason_and_value(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    given = give(kept, directory, NINA)

    assert given == Given(
        giver=Named("nina", NINA),
        recipients=(Named("ana", ANA), Named("raj", RAJ)),
        reason="for covering the on-call swap",
        values=("teamwork",),
        channel_ref=GENERAL,
        left=3,
    )
    rows = stored(kept)
    assert [row.recipient_id for row in rows] == [person_id(kept, ANA), person_id(kept, RAJ)]
    for row in rows:
        assert row.giver_id == person_id(kept, NINA)
        assert (row.reason, row.channel_ref, row.message_ref) == (given.reason, GENERAL, None)
        assert (row.given_at, row.revoked_at) == (clock.now(), None)
        assert [value.value for value in row.values] == ["teamwork"]


def test_kudos_are_posted_where_given_and_each_recipient_is_told(
    kept: Kept, directory: FakeDirectory
) -> None:
    give(kept, directory, NINA)

    post, to_ana, to_raj = queued(kept)
    ana_kudos, raj_kudos = stored(kept)
    assert (post.kind, post.recipient, post.key) == (
        "kudos_post",
        GENERAL,
        f"kudos:{ana_kudos.id}:post",
    )
    assert post.payload == {
        "giver": "nina",
        "giver_ref": NINA,
        "recipients": [{"name": "ana", "ref": ANA}, {"name": "raj", "ref": RAJ}],
        "reason": "for covering the on-call swap",
        "values": ["teamwork"],
        "emoji": "raised_hands",
    }
    assert (to_ana.kind, to_ana.recipient, to_ana.key) == (
        "kudos_news",
        ANA,
        f"kudos:{ana_kudos.id}:news",
    )
    assert (to_raj.recipient, to_raj.key) == (RAJ, f"kudos:{raj_kudos.id}:news")
    assert to_ana.payload == {
        "giver": "nina",
        "giver_ref": NINA,
        "reason": "for covering the on-call swap",
        "values": ["teamwork"],
        "channel": GENERAL,
        "emoji": "raised_hands",
    }
    assert {row.platform for row in queued(kept)} == {"slack"}


def test_with_a_kudos_channel_every_kudos_is_posted_there(
    kept_with: KeptWith, directory: FakeDirectory
) -> None:
    kept = kept_with(f'[kudos]\nchannel = "{KUDOS_CHANNEL}"\n')

    given = give(kept, directory, NINA)

    assert given.channel_ref == KUDOS_CHANNEL
    assert sent_to(kept) == [
        ("kudos_post", KUDOS_CHANNEL),
        ("kudos_news", ANA),
        ("kudos_news", RAJ),
    ]
    assert {row.channel_ref for row in stored(kept)} == {GENERAL}  # where it was given


def test_kudos_given_nowhere_public_are_only_told_to_the_recipient(
    kept: Kept, directory: FakeDirectory
) -> None:
    given = kudos.give(kept, directory, NINA, f"<@{ANA}> for the review", channel_ref=None)

    assert given.channel_ref is None
    assert sent_to(kept) == [("kudos_news", ANA)]


def test_values_are_optional(kept: Kept, directory: FakeDirectory) -> None:
    given = give(kept, directory, NINA, f"<@{ANA}> great demo!")

    assert (given.reason, given.values) == ("great demo!", ())
    [row] = stored(kept)
    assert row.values == []


def test_the_values_configured_are_the_ones_accepted(
    kept_with: KeptWith, directory: FakeDirectory
) -> None:
    kept = kept_with('[kudos]\nvalues = ["#Ownership", "craft"]\n')

    given = give(kept, directory, NINA, f"<@{ANA}> for the fix #ownership #craft")

    assert given.values == ("ownership", "craft")
    with refused("#teamwork isn't one of our company values. Our values are #ownership, #craft."):
        give(kept, directory, NINA, f"<@{ANA}> for the fix #teamwork")


# --- refusals: nothing stored, nothing posted ------------------------------------------------
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("for covering the swap #teamwork", "Who are you thanking?"),
        (f"<@{ANA}> #teamwork", "What are you thanking them for?"),
        (f"<@{ANA}> for the swap #teamwrok", "#teamwrok isn't one of our company values."),
        (f"<@{ANA}> for " + "x" * MAX_REASON, "a kudos fits in 500"),
        (f"<@{ANA}> <@U0NOBODY> for the swap", "I don't know <@U0NOBODY> here."),
        (f"<@{ANA}> @raj for the swap", "I don't know @raj here."),  # not a Slack mention
        (f"<@{ANA}> <@{NINA}> for the swap", "Kudos are for thanking others, not yourself."),
        (f"<@{HELPER}> for the swap", f"<@{HELPER}> is a bot: kudos are for people."),
    ],
    ids=[
        "no-one",
        "no-reason",
        "unknown-value",
        "too-long",
        "unknown-person",
        "unlinked-name",
        "oneself",
        "a-bot",
    ],
)
def test_kudos_the_rules_refuse_store_and_post_nothing(
    kept: Kept, directory: FakeDirectory, text: str, reason: str
) -> None:
    with refused(reason):
        give(kept, directory, NINA, text)

    assert stored(kept) == []
    assert queued(kept) == []


@pytest.mark.parametrize("whom", [NINA, HELPER], ids=["oneself", "a-bot"])
def test_a_refusal_about_whom_says_what_is_left_today(
    kept: Kept, directory: FakeDirectory, whom: str
) -> None:
    thank(kept, directory, NINA, ANA, RAJ)

    with refused("You have 3 kudos left today."):
        give(kept, directory, NINA, f"<@{whom}> for the swap")


# --- the daily allowance -------------------------------------------------------------------
def test_the_allowance_is_five_a_day(kept: Kept, directory: FakeDirectory) -> None:
    assert thank(kept, directory, NINA, ANA, RAJ, KIRAN, ANA).left == 1
    assert thank(kept, directory, NINA, RAJ).left == 0

    with refused("You have no kudos left today: you can give 5 a day."):
        thank(kept, directory, NINA, KIRAN)

    assert len(stored(kept)) == 5
    assert len(queued(kept)) == 10  # a post and a note each, none for the refused one


def test_more_recipients_than_kudos_left_are_refused_whole(
    kept: Kept, directory: FakeDirectory
) -> None:
    thank(kept, directory, NINA, ANA, RAJ, KIRAN)

    with refused("That is 3 kudos, and you have 2 left today."):
        give(kept, directory, NINA, f"<@{ANA}> <@{RAJ}> <@{KIRAN}> for the launch")

    assert len(stored(kept)) == 3


def test_two_kudos_at_once_cannot_both_take_the_last_one(
    kept: Kept, directory: FakeDirectory
) -> None:
    thank(kept, directory, NINA, ANA, RAJ, KIRAN, ANA)

    def attempt(whom: str) -> bool:
        try:
            thank(kept, directory, NINA, whom)
        except KeptError:
            return False
        return True

    with ThreadPoolExecutor(4) as slack:
        outcomes = list(slack.map(attempt, [RAJ, KIRAN, ANA, RAJ]))

    assert outcomes.count(True) == 1
    assert len(stored(kept)) == 5


def test_the_allowance_is_counted_in_the_givers_own_day(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    # 19:30 in Kolkata: Kiran uses up Tuesday's kudos.
    thank(kept, directory, KIRAN, ANA, RAJ, NINA, ANA, RAJ)
    clock.set(MIDNIGHT_IN_KOLKATA - timedelta(minutes=1))
    with refused("You have no kudos left today"):
        thank(kept, directory, KIRAN, NINA)

    clock.set(MIDNIGHT_IN_KOLKATA)  # Wednesday in Kolkata, still Tuesday in New York

    assert thank(kept, directory, KIRAN, NINA).left == 4


def test_each_giver_has_an_allowance_of_their_own(kept: Kept, directory: FakeDirectory) -> None:
    thank(kept, directory, KIRAN, ANA, RAJ, NINA, ANA, RAJ)

    assert thank(kept, directory, NINA, KIRAN).left == 4


def test_a_daily_allowance_can_be_configured(kept_with: KeptWith, directory: FakeDirectory) -> None:
    kept = kept_with("[kudos]\ndaily_allowance = 1\n")

    assert thank(kept, directory, NINA, ANA).left == 0
    with refused("You have no kudos left today: you can give 1 a day."):
        thank(kept, directory, NINA, RAJ)


# --- reactions -----------------------------------------------------------------------------
def test_the_kudos_reaction_gives_the_author_kudos_for_that_message(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    given = react(kept, directory, NINA, ANA)

    assert given == Given(Named("nina", NINA), (Named("ana", ANA),), LINK, (), None, 4)
    [row] = stored(kept)
    assert (row.giver_id, row.recipient_id) == (person_id(kept, NINA), person_id(kept, ANA))
    assert (row.reason, row.channel_ref, row.message_ref) == (LINK, GENERAL, ANAS_MESSAGE)
    assert row.given_at == clock.now()
    # The reaction shows the thanks in the channel: only the author is told.
    [note] = queued(kept)
    assert (note.kind, note.recipient, note.key) == ("kudos_news", ANA, f"kudos:{row.id}:news")
    assert note.payload["reason"] == LINK


def test_with_a_kudos_channel_a_reaction_is_posted_there_too(
    kept_with: KeptWith, directory: FakeDirectory
) -> None:
    kept = kept_with(f'[kudos]\nchannel = "{KUDOS_CHANNEL}"\n')

    react(kept, directory, NINA, ANA)

    assert sent_to(kept) == [("kudos_post", KUDOS_CHANNEL), ("kudos_news", ANA)]


def test_the_same_reaction_again_counts_once(kept: Kept, directory: FakeDirectory) -> None:
    react(kept, directory, NINA, ANA)

    assert react(kept, directory, NINA, ANA) is None

    assert len(stored(kept)) == 1
    assert len(queued(kept)) == 1


def test_the_same_reaction_arriving_twice_at_once_counts_once(
    kept: Kept, directory: FakeDirectory
) -> None:
    react(kept, directory, NINA, KIRAN, KIRANS_MESSAGE)  # both people are known before the race

    with ThreadPoolExecutor(2) as slack:
        outcomes = list(slack.map(lambda _: react(kept, directory, NINA, ANA), range(2)))

    assert sorted(outcome is None for outcome in outcomes) == [False, True]
    assert len([row for row in stored(kept) if row.message_ref == ANAS_MESSAGE]) == 1


def test_reactions_of_different_people_on_one_message_each_count(
    kept: Kept, directory: FakeDirectory
) -> None:
    react(kept, directory, NINA, ANA)
    react(kept, directory, RAJ, ANA)

    assert len(stored(kept)) == 2


@pytest.mark.parametrize(
    ("giver", "author"),
    [(ANA, ANA), (NINA, HELPER), (NINA, "U0GONE")],
    ids=["ones-own-message", "a-bots-message", "someone-slack-no-longer-knows"],
)
def test_a_reaction_that_gives_no_kudos_changes_nothing(
    kept: Kept, directory: FakeDirectory, giver: str, author: str
) -> None:
    assert react(kept, directory, giver, author) is None

    assert stored(kept) == []
    assert queued(kept) == []


def test_a_reaction_over_the_allowance_is_refused_and_not_stored(
    kept: Kept, directory: FakeDirectory
) -> None:
    thank(kept, directory, NINA, ANA, RAJ, KIRAN, ANA, RAJ)

    with refused("You have no kudos left today"):
        react(kept, directory, NINA, ANA)

    assert [row.message_ref for row in stored(kept)] == [None] * 5


def test_taking_the_reaction_off_takes_the_kudos_back(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    react(kept, directory, NINA, ANA)
    clock.advance(timedelta(minutes=5))

    assert unreact(kept, directory, NINA, ANA) is True

    [row] = stored(kept)
    assert row.revoked_at == clock.now()
    assert standing(kept) == []
    assert unreact(kept, directory, NINA, ANA) is False  # nothing left to take back


def test_a_thank_you_not_yet_sent_is_not_sent_once_taken_back(
    kept: Kept, directory: FakeDirectory
) -> None:
    react(kept, directory, NINA, ANA)
    assert {row.status for row in queued(kept)} == {"pending"}

    unreact(kept, directory, NINA, ANA)

    assert {row.status for row in queued(kept)} == {"withdrawn"}


def test_a_kudos_taken_back_gives_the_allowance_back(kept: Kept, directory: FakeDirectory) -> None:
    thank(kept, directory, NINA, ANA, RAJ, KIRAN, RAJ)
    react(kept, directory, NINA, ANA)
    unreact(kept, directory, NINA, ANA)

    assert thank(kept, directory, NINA, KIRAN).left == 0


def test_a_reaction_given_again_counts_again_without_telling_the_author_twice(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    react(kept, directory, NINA, ANA)
    unreact(kept, directory, NINA, ANA)
    clock.advance(timedelta(hours=1))

    again = react(kept, directory, NINA, ANA)

    assert again is not None
    [row] = standing(kept)
    assert row.given_at == clock.now()
    assert sent_to(kept) == [("kudos_news", ANA)]


def test_removing_a_reaction_that_never_counted_changes_nothing(
    kept: Kept, directory: FakeDirectory
) -> None:
    give(kept, directory, NINA)

    assert unreact(kept, directory, NINA, ANA) is False
    assert unreact(kept, directory, RAJ, "U0NEVERSEEN") is False
    assert len(standing(kept)) == 2


# --- leaderboards --------------------------------------------------------------------------
def test_the_leaderboard_ranks_who_received_most_with_the_values_they_were_thanked_for(
    kept: Kept, directory: FakeDirectory
) -> None:
    give(kept, directory, NINA, f"<@{ANA}> <@{RAJ}> for the swap #teamwork")
    give(kept, directory, KIRAN, f"<@{ANA}> for listening #empathy #teamwork")
    give(kept, directory, RAJ, f"<@{ANA}> <@{KIRAN}> for the fix #teamwork")
    react(kept, directory, NINA, KIRAN)

    assert board(kept, directory) == [
        (1, "ana", 3, (("teamwork", 3), ("empathy", 1))),
        (2, "kiran", 2, (("teamwork", 1),)),
        (3, "raj", 1, (("teamwork", 1),)),
    ]


def test_people_thanked_as_often_share_a_place_and_are_listed_by_name(
    kept: Kept, directory: FakeDirectory
) -> None:
    thank(kept, directory, NINA, RAJ, ANA)
    thank(kept, directory, KIRAN, RAJ, ANA)

    assert [(place, name) for place, name, _, _ in board(kept, directory)] == [
        (1, "ana"),
        (1, "raj"),
    ]


def test_the_leaderboard_counts_the_period_asked_for(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    thank(kept, directory, NINA, RAJ)  # 20 days before the last
    clock.advance(timedelta(days=12))
    thank(kept, directory, NINA, KIRAN)  # 8 days before
    clock.advance(timedelta(days=8))
    thank(kept, directory, NINA, ANA)

    def names(period: str) -> list[str]:
        return [name for _, name, _, _ in board(kept, directory, period)]

    assert names("week") == ["ana"]
    assert names("") == ["ana"]  # a week unless said
    assert names("month") == ["ana", "kiran", "raj"]
    clock.advance(timedelta(days=31))
    assert names("month") == []
    assert names("all") == ["ana", "kiran", "raj"]
    assert kudos.top(kept, directory, NINA, "all").period is Period.ALL


def test_kudos_taken_back_leave_the_leaderboard(kept: Kept, directory: FakeDirectory) -> None:
    react(kept, directory, NINA, ANA)
    unreact(kept, directory, NINA, ANA)

    assert board(kept, directory) == []


def test_the_leaderboard_is_of_the_viewers_workspace_only(
    kept: Kept, directory: FakeDirectory
) -> None:
    elsewhere = FakeDirectory(PEOPLE)
    elsewhere.workspace_id = "T00000002"
    thank(kept, elsewhere, NINA, ANA)
    thank(kept, directory, NINA, RAJ)

    assert [name for _, name, _, _ in board(kept, directory)] == ["raj"]


def test_the_leaderboard_shows_the_top_ten(kept_with: KeptWith) -> None:
    kept = kept_with("[kudos]\ndaily_allowance = 100\n")
    people = {f"U0P{n:02d}": Profile(f"person{n:02d}", "UTC") for n in range(12)}
    directory = FakeDirectory({**PEOPLE, **people})
    for n, ref in enumerate(people):
        for _ in range(n + 1):
            thank(kept, directory, NINA, ref)

    leaders = board(kept, directory)

    assert [name for _, name, _, _ in leaders] == [f"person{n:02d}" for n in range(11, 1, -1)]
    assert leaders[0][:3] == (1, "person11", 12)


def test_an_unknown_period_is_refused(kept: Kept, directory: FakeDirectory) -> None:
    with refused("Top of which period?"):
        kudos.top(kept, directory, NINA, "year")


# --- the App Home's summary ----------------------------------------------------------------
def test_the_summary_counts_kudos_received_and_given_and_shows_the_latest(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    give(kept, directory, NINA, f"<@{ANA}> for the swap #teamwork")
    clock.advance(timedelta(minutes=1))
    give(kept, directory, KIRAN, f"<@{ANA}> for listening #empathy #teamwork")
    clock.advance(timedelta(minutes=1))
    give(kept, directory, ANA, f"<@{RAJ}> for the coffee")
    react(kept, directory, RAJ, ANA)
    unreact(kept, directory, RAJ, ANA)  # taken back: not counted

    anas = home(kept, directory, ANA).kudos

    assert (anas.received, anas.given, anas.left, anas.zone) == (2, 1, 4, "Europe/Lisbon")
    assert anas.values == (("teamwork", 2), ("empathy", 1))
    assert [(k.giver.name, k.reason, k.values) for k in anas.latest_received] == [
        ("kiran", "for listening", ("empathy", "teamwork")),
        ("nina", "for the swap", ("teamwork",)),
    ]
    assert [(k.recipient.name, k.reason) for k in anas.latest_given] == [("raj", "for the coffee")]
    assert anas.latest_given[0].given_at == clock.now()


def test_the_summary_shows_the_five_latest_each_way(kept: Kept, directory: FakeDirectory) -> None:
    thank(kept, directory, NINA, ANA, ANA, ANA, ANA, ANA)
    thank(kept, directory, KIRAN, ANA)

    anas = home(kept, directory, ANA).kudos

    assert anas.received == 6
    assert len(anas.latest_received) == 5
    assert anas.latest_received[0].giver.name == "kiran"


def test_someone_never_thanked_has_an_empty_summary(kept: Kept, directory: FakeDirectory) -> None:
    rajs = home(kept, directory, RAJ).kudos

    assert (rajs.received, rajs.given, rajs.values, rajs.left) == (0, 0, (), 5)
    assert rajs.latest_received == rajs.latest_given == ()
