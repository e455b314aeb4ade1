"""Kudos on Slack, end to end: thanked with the command or a reaction, posted, told, taken back,
refused, and added up, as people do it.

bob (London) thanks ana (New York) and raj (Kolkata) in #general. The clock stands at Tuesday
24 November 2026, 14:00 UTC until a test moves it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from bot.store.models import Kudos, OutboxMessage, Person
from tests.e2e.conftest import SlackWorld
from tests.e2e.test_slack_promises import (
    ANA,
    BOB,
    GENERAL,
    KEPT,
    RAJ,
    Watch,
    accepted,
    deliver,
    for_user,
    listed,
    mention,
    send_event,
    to_url,
    words,
)
from tests.fakes.slack_api import TEAM_URL, Call

JSON = dict[str, Any]

RANDOM = "C00000002"
SWAP = f"{mention(ANA)} {mention(RAJ)} for covering the on-call swap #teamwork"
ANAS_MESSAGE_TS = "1795525200.000100"
ANAS_MESSAGE_LINK = f"{TEAM_URL}archives/{GENERAL}/p1795525200000100"


# --- people acting in Slack -------------------------------------------------------------------
def kudos_command(world: SlackWorld, text: str, user: str = BOB, channel: str = GENERAL) -> Call:
    """`/kudos <text>` typed by `user` in `channel`: the answer posted to its response_url."""
    fields = world.slack.command_fields("/kudos", text, user, channel)
    answer = Watch(world, "response_url", to_url(fields["response_url"]))
    accepted(world.slack.post_form(fields))
    return answer.next()


def give_kudos(world: SlackWorld, text: str = SWAP, giver: str = BOB) -> Call:
    """Given: `giver` gave kudos with the command, and every App Home has caught up."""
    homes = Watch(world, "views.publish")
    answer = kudos_command(world, text, giver)
    assert answer.args["text"].startswith("You thanked"), answer.args["text"]
    homes.wait(1 + text.count("<@"))
    return answer


def reaction(
    world: SlackWorld,
    giver: str = BOB,
    author: str | None = ANA,
    *,
    emoji: str = "raised_hands",
    ts: str = ANAS_MESSAGE_TS,
    removed: bool = False,
) -> JSON:
    """The event of `giver` putting `emoji` on (or taking it off) `author`'s message."""
    make = world.slack.reaction_removed_event if removed else world.slack.reaction_added_event
    return make(emoji, giver, author, GENERAL, ts)


def react(world: SlackWorld, event: JSON, **delivery: Any) -> None:
    """A reaction that changes kudos: Slack delivers it, and both App Homes catch up."""
    homes = Watch(world, "views.publish")
    send_event(world, event, **delivery)
    homes.wait(2)


def then_a_kudos_reaction_counts(world: SlackWorld) -> None:
    """raj thanks bob with a reaction: once its App Homes show, earlier events had their turn."""
    react(world, reaction(world, RAJ, BOB, ts="1795525200.000999"))


# --- what was stored and sent -------------------------------------------------------------
def stored(world: SlackWorld) -> list[Kudos]:
    with world.kept.db.unit_of_work() as session:
        query = select(Kudos).order_by(Kudos.id).options(selectinload(Kudos.values))
        return list(session.scalars(query))


def thanked(world: SlackWorld) -> list[tuple[str, str]]:
    """(giver, recipient) of each kudos that stands, oldest first."""
    giver, recipient = aliased(Person), aliased(Person)
    with world.kept.db.unit_of_work() as session:
        query = (
            select(giver.user_id, recipient.user_id)
            .select_from(Kudos)
            .join(giver, Kudos.giver_id == giver.id)
            .join(recipient, Kudos.recipient_id == recipient.id)
            .where(Kudos.revoked_at.is_(None))
            .order_by(Kudos.id)
        )
        return [(row[0], row[1]) for row in session.execute(query)]


def standing(world: SlackWorld) -> list[Kudos]:
    return [row for row in stored(world) if row.revoked_at is None]


def queued(world: SlackWorld) -> list[OutboxMessage]:
    with world.kept.db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def by_channel(messages: list[Call]) -> dict[str, str]:
    """What each channel or person was sent, by the readable words of the message."""
    return {call.args["channel"]: words(call.args["blocks"]) for call in messages}


def kudos_channel(world: SlackWorld, channel: str) -> None:
    """The workspace posts every kudos in `channel` ([kudos] channel in the settings)."""
    settings = world.kept.settings
    world.kept.settings = replace(settings, kudos=replace(settings.kudos, channel=channel))


# --- /kudos ---------------------------------------------------------------------------------
def test_kudos_are_answered_to_the_giver_with_what_is_left_today(slack_world: SlackWorld) -> None:
    answer = kudos_command(slack_world, SWAP)

    assert answer.args["response_type"] == "ephemeral"
    shown = words(answer.args["blocks"])
    assert f"You thanked <@{ANA}> and <@{RAJ}> for covering the on-call swap." in shown
    assert "#teamwork" in shown
    assert f"Posted in <#{GENERAL}>. You have 3 kudos left today." in shown


def test_kudos_are_posted_in_the_channel_and_each_recipient_is_told(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    give_kudos(world)
    assert [(row.kind, row.status) for row in queued(world)] == [
        ("kudos_post", "pending"),
        ("kudos_news", "pending"),
        ("kudos_news", "pending"),
    ]

    sent = by_channel(deliver(world))

    assert set(sent) == {GENERAL, ANA, RAJ}
    thanks = f"<@{BOB}> thanked <@{ANA}> and <@{RAJ}> for covering the on-call swap."
    assert thanks in sent[GENERAL]
    assert "#teamwork" in sent[GENERAL]
    for recipient in (ANA, RAJ):
        assert f"<@{BOB}> thanked you for covering the on-call swap." in sent[recipient]
        assert f"#teamwork  ·  Posted in <#{GENERAL}> for everyone to see." in sent[recipient]
    assert {row.status for row in queued(world)} == {"sent"}
    assert deliver(world) == []  # never twice


def test_kudos_reposted_for_everyone_never_ping_a_channel_nor_disguise_a_link(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    trap = (
        "for <!channel> <!here> <!everyone> <!subteam^S0123ABCD|@oncall> shipping it,"
        " see <http://evil.example/login|Reset your Slack password>"
        " or <javascript:alert(1)|the runbook>"
    )
    give_kudos(world, f"{mention(ANA)} {trap}")

    sent = by_channel(deliver(world))

    for shown in (sent[GENERAL], sent[ANA]):
        assert "<!" not in shown  # no @channel, @here, @everyone or group ping
        assert "|Reset" not in shown  # the link shows where it goes
        assert "Reset your Slack password (http://evil.example/login)" in shown
        assert "the runbook (javascript:alert(1))" in shown  # whatever the scheme
        assert "@\u2060channel" in shown and "@\u2060oncall" in shown


def test_kudos_given_in_a_direct_message_are_not_posted_there(slack_world: SlackWorld) -> None:
    world = slack_world

    kudos_command(world, SWAP, BOB, channel=f"D{BOB}")

    assert [row.kind for row in queued(world)] == ["kudos_news", "kudos_news"]
    assert set(by_channel(deliver(world))) == {ANA, RAJ}


def test_kudos_are_stored_one_per_recipient(slack_world: SlackWorld) -> None:
    give_kudos(slack_world)

    assert thanked(slack_world) == [(BOB, ANA), (BOB, RAJ)]
    for row in stored(slack_world):
        assert (row.reason, row.channel_ref) == ("for covering the on-call swap", GENERAL)
        assert [value.value for value in row.values] == ["teamwork"]


def test_with_a_kudos_channel_every_kudos_is_posted_there(slack_world: SlackWorld) -> None:
    world = slack_world
    kudos_channel(world, RANDOM)
    give_kudos(world)

    sent = by_channel(deliver(world))

    assert set(sent) == {RANDOM, ANA, RAJ}
    assert f"Posted in <#{RANDOM}>" in sent[ANA]


def test_the_app_homes_of_giver_and_recipients_show_the_kudos(slack_world: SlackWorld) -> None:
    world = slack_world
    anas_home, bobs_home = (
        Watch(world, "views.publish", for_user(ANA)),
        Watch(world, "views.publish", for_user(BOB)),
    )

    kudos_command(world, SWAP)

    anas = anas_home.next().args["view"]["blocks"]
    bobs = bobs_home.next().args["view"]["blocks"]
    assert "You received *1* kudos and gave *0*." in words(anas)
    assert f"<@{BOB}> thanked you for covering the on-call swap." in words(anas)
    assert "You received *0* kudos and gave *2*." in words(bobs)
    assert "Kudos" not in words(listed(anas))  # the promises come first
    assert "/kudos top week" in words(anas)


@pytest.mark.parametrize("text", ["", "help"])
def test_kudos_alone_or_help_shows_how(slack_world: SlackWorld, text: str) -> None:
    answer = kudos_command(slack_world, text)

    assert "/kudos @ana @raj for covering the on-call swap #teamwork" in answer.args[
        "text"
    ] + words(answer.args["blocks"])
    assert stored(slack_world) == []


def test_the_digest_is_switched_on_too(slack_world: SlackWorld) -> None:
    answer = kudos_command(slack_world, "")  # /kudos works…
    digest = slack_world.slack.command_fields("/digest", "", BOB)
    reply = Watch(slack_world, "response_url", to_url(digest["response_url"]))
    accepted(slack_world.slack.post_form(digest))

    assert "isn't switched on" not in answer.args["text"]
    assert "You have no team yet" in reply.next().args["text"]  # …and so does /digest


# --- refusals -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("for covering the swap #teamwork", "Who are you thanking?"),
        (f"{mention(ANA)} #teamwork", "What are you thanking them for?"),
        (f"{mention(ANA)} for the swap #teamwrok", "Did you mean #teamwork?"),
        (f"{mention(ANA)} for " + "x" * 500, "That is 504 characters; a kudos fits in 500."),
        (f"{mention(ANA)} <@U0NOBODY9|ghost> for the swap", "I don't know <@U0NOBODY9|ghost>"),
        (f"{mention(ANA)} @carol for the swap", "I don't know @carol here."),
        (f"{mention(BOB)} for the swap", "Kudos are for thanking others, not yourself."),
        (f"{mention(KEPT)} for the swap", "is a bot: kudos are for people."),
    ],
    ids=[
        "no-recipients",
        "no-reason",
        "unknown-value",
        "reason-too-long",
        "unknown-person",
        "a-name-slack-did-not-link",
        "oneself",
        "a-bot",
    ],
)
def test_refused_kudos_say_why_and_nothing_is_stored_or_posted(
    slack_world: SlackWorld, text: str, reason: str
) -> None:
    world = slack_world

    answer = kudos_command(world, text)

    assert answer.args["response_type"] == "ephemeral"
    assert reason in answer.args["text"]
    assert stored(world) == []
    assert queued(world) == []
    assert deliver(world) == []


def test_refusals_about_whom_say_how_many_are_left(slack_world: SlackWorld) -> None:
    give_kudos(slack_world)

    answer = kudos_command(slack_world, f"{mention(BOB)} for the swap")

    assert answer.args["text"].endswith("You have 3 kudos left today.")


def test_kudos_past_the_daily_allowance_are_refused(slack_world: SlackWorld) -> None:
    world = slack_world
    give_kudos(world)
    give_kudos(world, f"{mention(ANA)} {mention(RAJ)} for the release notes")

    too_many = kudos_command(world, SWAP)
    give_kudos(world, f"{mention(ANA)} for the review")
    none_left = kudos_command(world, f"{mention(RAJ)} for the review")

    assert "That is 2 kudos, and you have 1 left today." in too_many.args["text"]
    assert "You have no kudos left today: you can give 5 a day." in none_left.args["text"]
    assert len(stored(world)) == 5


# --- reactions ------------------------------------------------------------------------------
def test_the_kudos_reaction_thanks_the_messages_author_with_a_link_to_it(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    react(world, reaction(world, BOB, ANA))

    [row] = stored(world)
    assert row.reason == f"for <{ANAS_MESSAGE_LINK}|this message>"
    assert (row.channel_ref, row.message_ref) == (GENERAL, f"{GENERAL}/{ANAS_MESSAGE_TS}")
    [told] = deliver(world)  # the reaction is the public thanks: no post in the channel
    assert told.args["channel"] == ANA
    assert f"<@{BOB}> thanked you for <{ANAS_MESSAGE_LINK}|this message>." in told.args["text"]


def test_a_reaction_in_any_skin_tone_counts(slack_world: SlackWorld) -> None:
    react(slack_world, reaction(slack_world, BOB, ANA, emoji="raised_hands::skin-tone-3"))

    assert thanked(slack_world) == [(BOB, ANA)]


def test_when_slack_gives_no_link_the_reason_names_the_channel(slack_world: SlackWorld) -> None:
    world = slack_world
    world.api.fail_next("chat.getPermalink", error="message_not_found")

    react(world, reaction(world, BOB, ANA))

    [row] = stored(world)
    assert row.reason == f"for a message in <#{GENERAL}>"


def test_with_a_kudos_channel_a_reaction_is_posted_there(slack_world: SlackWorld) -> None:
    world = slack_world
    kudos_channel(world, RANDOM)

    react(world, reaction(world, BOB, ANA))

    sent = by_channel(deliver(world))
    assert set(sent) == {RANDOM, ANA}
    assert f"<@{BOB}> thanked <@{ANA}> for <{ANAS_MESSAGE_LINK}|this message>." in sent[RANDOM]


def test_taking_the_reaction_off_takes_the_kudos_back(slack_world: SlackWorld) -> None:
    world = slack_world
    react(world, reaction(world, BOB, ANA))
    anas_home = Watch(world, "views.publish", for_user(ANA))

    react(world, reaction(world, BOB, ANA, removed=True))

    [row] = stored(world)
    assert row.revoked_at == world.clock.now()
    assert "No kudos yet." in words(anas_home.next().args["view"]["blocks"])


def test_the_same_reaction_twice_or_retried_by_slack_counts_once(slack_world: SlackWorld) -> None:
    world = slack_world
    first = reaction(world, BOB, ANA)
    react(world, first, event_id="Ev00KUDOS01")

    send_event(world, first, event_id="Ev00KUDOS01", retry_num=1)  # Slack's retry
    send_event(world, reaction(world, BOB, ANA))  # the same reaction, another event
    then_a_kudos_reaction_counts(world)

    assert thanked(world) == [(BOB, ANA), (RAJ, BOB)]
    assert sorted(call.args["channel"] for call in deliver(world)) == sorted([ANA, BOB])


def test_a_reaction_taken_off_and_given_again_counts_again_and_tells_once(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    react(world, reaction(world, BOB, ANA))
    react(world, reaction(world, BOB, ANA, removed=True))

    react(world, reaction(world, BOB, ANA))

    assert len(standing(world)) == 1
    assert [call.args["channel"] for call in deliver(world)] == [ANA]


@pytest.mark.parametrize(
    ("giver", "author", "emoji"),
    [
        (BOB, KEPT, "raised_hands"),
        (ANA, ANA, "raised_hands"),
        (BOB, ANA, "thumbsup"),
        (BOB, None, "raised_hands"),
    ],
    ids=[
        "on-a-bots-message",
        "on-ones-own-message",
        "another-emoji",
        "on-a-message-with-no-author",
    ],
)
def test_reactions_that_are_not_kudos_change_nothing(
    slack_world: SlackWorld, giver: str, author: str | None, emoji: str
) -> None:
    world = slack_world

    send_event(world, reaction(world, giver, author, emoji=emoji))
    send_event(world, reaction(world, giver, author, emoji=emoji, removed=True))
    then_a_kudos_reaction_counts(world)

    assert thanked(world) == [(RAJ, BOB)]  # only the reaction that counts
    assert world.api.calls_to("chat.postEphemeral") == []


def test_a_reaction_on_a_file_changes_nothing(slack_world: SlackWorld) -> None:
    world = slack_world
    on_a_file = reaction(world, BOB, ANA)
    on_a_file["item"] = {"type": "file", "file": "F00000001"}

    send_event(world, on_a_file)
    then_a_kudos_reaction_counts(world)

    assert thanked(world) == [(RAJ, BOB)]


def test_a_reaction_past_the_allowance_tells_the_giver_only(slack_world: SlackWorld) -> None:
    world = slack_world
    give_kudos(world)
    give_kudos(world, f"{mention(ANA)} {mention(RAJ)} for the release notes")
    give_kudos(world, f"{mention(ANA)} for the review")
    refusals = Watch(world, "chat.postEphemeral")

    send_event(world, reaction(world, BOB, ANA))

    told = refusals.next()
    assert (told.args["channel"], told.args["user"]) == (GENERAL, BOB)
    assert "You have no kudos left today" in told.args["text"]
    assert all(row.message_ref is None for row in stored(world))


# --- /kudos top -----------------------------------------------------------------------------
def test_the_leaderboard_shows_who_was_thanked_most_and_for_what(slack_world: SlackWorld) -> None:
    world = slack_world
    give_kudos(world, SWAP, BOB)
    give_kudos(world, f"{mention(ANA)} for listening to Acme #empathy #teamwork", RAJ)
    react(world, reaction(world, RAJ, BOB))

    answer = kudos_command(world, "top week", ANA)

    assert answer.args["response_type"] == "ephemeral"
    lines = words(answer.args["blocks"]).splitlines()
    assert lines == [
        "*Most thanked in the last 7 days*",
        f"*1.* <@{ANA}>  2 kudos  ·  #teamwork ×2, #empathy ×1",
        f"*2.* <@{BOB}>  1 kudos",
        f"*2.* <@{RAJ}>  1 kudos  ·  #teamwork ×1",
    ]


def test_the_leaderboard_of_a_quiet_month_says_so(slack_world: SlackWorld) -> None:
    answer = kudos_command(slack_world, "top month", ANA)

    assert answer.args["text"].startswith("No kudos in the last 30 days yet.")


def test_a_leaderboard_of_another_period_is_refused(slack_world: SlackWorld) -> None:
    answer = kudos_command(slack_world, "top year", ANA)

    assert "Top of which period? I know week, month and all" in answer.args["text"]
