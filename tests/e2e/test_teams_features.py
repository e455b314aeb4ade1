"""Kudos, nudges, the weekly digest and delivery on Microsoft Teams, end to end: the real app on
loopback, the Bot Connector faked, the jobs run as the clock moves.

Ana Lopez (London) manages Ben Carter (New York); Raj Rao (Kolkata) works with them. They talk
to Kept in their personal chats, and in the Sales team's Deals channel after @Kept. What Kept
writes unasked (kudos posts, nudges, digests, news) goes through the outbox and reaches Teams
when the jobs drain it. The clock stands at Tuesday 24 November 2026, 14:00 UTC (09:00 in New
York) until a test moves it.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.jobs.scheduler import run_once
from bot.render.teams.ids import CardVerb, DialogId
from bot.store.models import Kudos, OutboxMessage, PromiseEvent
from tests.e2e.conftest import TeamsWorld
from tests.fakes.teams_activities import ANA, BEN, RAJ, SALES, TeamsUser
from tests.fakes.teams_connector import personal_conversation_id

JSON = dict[str, Any]

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
SWAP = "kudos <at>Ben Carter</at> for covering the on-call swap #teamwork"
LONDON, NEW_YORK = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")


# --- kudos -------------------------------------------------------------------------------------


def test_kudos_in_a_channel_are_posted_there_and_ben_is_thanked_in_a_new_personal_chat(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_channel(world, ANA, SWAP, [BEN])

    sent = dict(deliver(world))

    assert set(sent) == {SALES.channel_id, personal_chat(BEN)}  # the channel, not the thread
    post, thanks = words(sent[SALES.channel_id]), words(sent[personal_chat(BEN)])
    assert "🎉 **Ana Lopez** thanked **Ben Carter** for covering the on-call swap." in post
    assert "#teamwork" in post
    assert "🎉 **Ana Lopez** thanked you for covering the on-call swap." in thanks
    assert "#teamwork  ·  Posted in the channel for everyone to see." in thanks
    [started] = world.connector.calls_to("create_conversation")  # Kept had no chat with Ben
    assert started.body is not None and started.body["members"] == [{"id": BEN.aad_object_id}]
    assert {row.status for row in outbox(world)} == {"sent"}
    assert deliver(world) == []  # never twice


def test_the_giver_is_answered_in_the_thread_and_the_kudos_is_stored(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world

    answer = in_channel(world, ANA, SWAP, [BEN])

    shown = words(answer)
    assert "You thanked **Ben Carter** for covering the on-call swap. #teamwork" in shown
    assert "Posted in the channel for everyone to see. You have 4 kudos left today." in shown
    [row] = kudos(world)
    assert (row.reason, row.channel_ref) == ("for covering the on-call swap", SALES.channel_id)
    assert [value.value for value in row.values] == ["teamwork"]


def test_kudos_top_week_ranks_who_was_thanked_most_and_for_what(teams_world: TeamsWorld) -> None:
    world = teams_world
    in_channel(world, ANA, SWAP, [BEN])
    in_channel(
        world, RAJ, "kudos <at>Ben Carter</at> <at>Ana Lopez</at> for the demo #empathy", [BEN, ANA]
    )

    board = in_personal_chat(world, RAJ, "kudos top week")

    assert words(board).splitlines() == [
        "Most thanked in the last 7 days",
        "1. **Ben Carter**  2 kudos  ·  #empathy ×1, #teamwork ×1",
        "2. **Ana Lopez**  1 kudos  ·  #empathy ×1",
    ]


@pytest.mark.parametrize(
    ("text", "mentions", "reason"),
    [
        (
            "kudos <at>Ana Lopez</at> for the swap #teamwork",
            [ANA],
            "Kudos are for thanking others, not yourself.",
        ),
        (
            "kudos <at>Ben Carter</at> for the swap #teamwrok",
            [BEN],
            "Did you mean #teamwork?",
        ),
    ],
    ids=["oneself", "unknown-value"],
)
def test_refused_kudos_are_answered_in_the_thread_and_nothing_is_stored(
    teams_world: TeamsWorld, text: str, mentions: list[TeamsUser], reason: str
) -> None:
    world = teams_world

    answer = in_channel(world, ANA, text, mentions)

    assert reason in words(answer)
    assert kudos(world) == []
    assert outbox(world) == []
    assert deliver(world) == []


# --- nudges ------------------------------------------------------------------------------------


def test_a_promise_due_soon_gets_an_on_track_check_in_the_owners_personal_chat(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = make_promise(world, BEN, "promise send the Q3 deck by 3pm")  # 15:00 in New York

    assert deliver(world) == []  # 09:00 in New York: nothing to say yet
    [(chat, check)] = at(world, datetime(2026, 11, 24, 13, 0, tzinfo=NEW_YORK))

    assert chat == personal_chat(BEN)
    assert words(check) == "On track? send the Q3 deck, due **Tue 24 Nov, 15:00**."
    assert buttons(check) == [
        ("Done", "Action.Execute", {"verb": CardVerb.PROMISE_DONE, "promise": promise_id}),
        ("On track", "Action.Execute", {"verb": CardVerb.PROMISE_ON_TRACK, "promise": promise_id}),
        (
            "Need more time",
            "Action.Submit",
            {
                "msteams": {"type": "task/fetch"},
                "dialog": DialogId.MORE_TIME,
                "promise": promise_id,
            },
        ),
    ]


def test_on_track_answers_with_an_updated_card_and_quiets_the_deadlines_question(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = make_promise(world, BEN, "promise send the Q3 deck by 3pm")
    [(_, check)] = at(world, datetime(2026, 11, 24, 13, 0, tzinfo=NEW_YORK))

    card = click(world, BEN, CardVerb.PROMISE_ON_TRACK, check)

    shown = words({"attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]})
    assert shown.startswith("**On track, noted:** send the Q3 deck")
    assert "Due: Tue 24 Nov, 15:00" in shown
    assert events(world, promise_id)[-1] == "on_track"
    assert at(world, datetime(2026, 11, 24, 15, 0, tzinfo=NEW_YORK)) == []  # "did you deliver?"


def test_a_nudge_for_a_promise_to_a_co_worker_names_them_once_by_name(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_channel(world, ANA, "promise send the Q3 deck to <at>Ben Carter</at> by Friday 3pm", [BEN])
    deliver(world)  # Ben hears of it

    [(_, heads_up)] = at(world, datetime(2026, 11, 26, 9, 0, tzinfo=LONDON))

    shown = words(heads_up)
    assert "@Ben_Carter" not in shown
    assert shown.count("Ben Carter") == 1


# --- the weekly digest -------------------------------------------------------------------------


def test_a_manager_sets_up_a_team_in_a_channel_and_reads_the_week_so_far(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    added = in_channel(world, ANA, "digest team add <at>Ben Carter</at>", [BEN])
    joined = in_channel(world, BEN, "digest team join <at>Ana Lopez</at>", [ANA])
    bens_week(world)

    week = in_personal_chat(world, ANA, "digest")

    assert words(added).startswith("I've asked Ben Carter to join your team.")
    assert "Asked, not yet joined: Ben Carter" in words(added)
    assert words(joined).startswith("You're on Ana Lopez's team now")
    shown = words(week)
    assert shown.startswith("Ana Lopez's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov, so far)")
    assert "**Promises due: 2**" in shown
    assert "Kept on time: 1" in shown
    assert "Broken (overdue, still open): 1" in shown
    assert "On-time rate: 50% (1 of 2)" in shown


def test_the_weekly_digest_reaches_the_managers_personal_chat_with_its_chart_once(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_channel(world, ANA, "digest team add <at>Ben Carter</at>", [BEN])
    in_channel(world, BEN, "digest team join <at>Ana Lopez</at>", [ANA])
    bens_week(world)
    nine_on_monday = datetime(2026, 11, 30, 9, 0, tzinfo=LONDON)  # [digest] day and time

    before = to(personal_chat(ANA), at(world, nine_on_monday - timedelta(minutes=1)))
    sent = [  # the clock process runs the jobs every minute
        message
        for instant in (nine_on_monday, nine_on_monday + timedelta(minutes=1))
        for message in to(personal_chat(ANA), at(world, instant))
    ]
    later = to(personal_chat(ANA), at(world, nine_on_monday + timedelta(hours=1)))

    assert (before, later) == ([], [])
    [digest] = sent
    assert words(digest).startswith("Ana Lopez's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)\n")
    [card, chart] = digest["attachments"]
    assert card["contentType"] == ADAPTIVE_CARD
    assert chart["contentType"] == "image/png"
    prefix, _, encoded = chart["contentUrl"].partition(",")
    assert prefix == "data:image/png;base64"
    assert base64.b64decode(encoded).startswith(b"\x89PNG\r\n\x1a\n")


# --- delivery ----------------------------------------------------------------------------------


def test_someone_who_has_not_installed_kept_is_unreachable_and_not_retried(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.connector.not_installed(RAJ.id)
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])

    deliver(world)
    world.clock.advance(timedelta(days=1))
    deliver(world)

    row, word_to_ana = outbox(world)  # and a word to Ana that Raj wasn't told
    assert (word_to_ana.kind, word_to_ana.recipient) == ("unreachable", ANA.aad_object_id)
    assert (row.kind, row.status, row.attempts) == ("promise_news", "failed", 1)
    assert row.last_error is not None and row.last_error.startswith("unreachable")
    [refused] = [c for c in world.connector.calls_to("create_conversation") if not c.ok]
    assert refused.body is not None
    assert (refused.status, refused.body["members"]) == (403, [{"id": RAJ.aad_object_id}])
    assert world.connector.sent_to(personal_chat(RAJ)) == []


def test_a_manager_hears_when_kept_cannot_ask_someone_onto_their_team(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.connector.not_installed(BEN.id)
    in_channel(world, ANA, "digest team add <at>Ben Carter</at>", [BEN])

    told = deliver(world) + deliver(world)

    [(_, to_ana)] = [(c, m) for c, m in told if c == personal_chat(ANA)]
    assert "I couldn't tell **Ben Carter** that you asked them onto your team." in words(to_ana)


def test_someone_who_removed_kept_is_unreachable(teams_world: TeamsWorld) -> None:
    world = teams_world
    in_personal_chat(world, RAJ, "help")
    world.connector.not_installed(RAJ.id)
    accepted(world.teams.installation_update(RAJ, "remove"))
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])

    deliver(world)

    row, word_to_ana = outbox(world)  # and a word to Ana that Raj wasn't told
    assert (word_to_ana.kind, word_to_ana.recipient) == ("unreachable", ANA.aad_object_id)
    assert row.status == "failed"
    assert row.last_error is not None and row.last_error.startswith("unreachable")
    assert len(world.connector.sent_to(personal_chat(RAJ))) == 1  # only the answer to "help"


def test_someone_who_removed_kept_unbeknown_to_it_is_unreachable_too(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_personal_chat(world, RAJ, "help")
    world.connector.not_installed(RAJ.id)  # Kept missed the uninstall event
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])

    deliver(world)

    row, word_to_ana = outbox(world)  # and a word to Ana that Raj wasn't told
    assert (word_to_ana.kind, word_to_ana.recipient) == ("unreachable", ANA.aad_object_id)
    assert row.status == "failed"
    assert row.last_error is not None and row.last_error.startswith("unreachable")


def test_teams_saying_slow_down_delays_the_message_and_it_arrives_once(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])
    rajs_chat = f"/v3/conversations/{personal_chat(RAJ)}/activities"
    world.connector.fail_next(rajs_chat, 429, retry_after=30)

    deliver(world)
    deliver(world)  # within the Retry-After: nothing is sent
    [row] = outbox(world)
    assert (row.status, row.attempts, row.last_error) == (
        "pending",
        0,
        "throttled",
    )  # a throttle is no try
    assert row.deliver_after == world.clock.now() + timedelta(seconds=30)
    assert world.connector.sent_to(personal_chat(RAJ)) == []

    world.clock.advance(timedelta(seconds=30))
    deliver(world)
    deliver(world)

    [news] = world.connector.sent_to(personal_chat(RAJ))
    assert "**Ana Lopez** promised you: send the Q3 deck" in words(news)
    assert [call.status for call in world.connector.calls if call.path == rajs_chat] == [429, 201]
    assert len(world.connector.calls_to("create_conversation")) == 1  # the chat, remembered
    assert outbox(world)[0].status == "sent"


# --- people acting in Teams --------------------------------------------------------------------


def accepted(response: httpx.Response) -> httpx.Response:
    assert response.status_code == 200, response.text
    return response


def in_personal_chat(world: TeamsWorld, user: TeamsUser, text: str) -> JSON:
    """`user` types `text` in their personal chat with Kept: Kept's one answer there."""
    chat = personal_chat(user)
    before = len(world.connector.sent_to(chat))
    accepted(world.teams.personal_message(user, text))
    [answer] = world.connector.sent_to(chat)[before:]
    return answer


def in_channel(
    world: TeamsWorld, user: TeamsUser, text: str, mentions: Sequence[TeamsUser] = ()
) -> JSON:
    """`user` posts "@Kept <text>" in the Deals channel: Kept's one answer, in that thread."""
    activity = world.teams.build_channel_message(user, text, mentions)
    accepted(world.teams.post(activity))
    [answer] = world.connector.sent_to(activity["conversation"]["id"])
    return answer


def click(world: TeamsWorld, user: TeamsUser, verb: str, message: JSON) -> JSON:
    """`user` presses the `verb` button of a card Kept sent: the card Kept answers with."""
    data = next(data for _, _, data in buttons(message) if data.get("verb") == verb)
    response = accepted(world.teams.card_action(user, verb, data, message["id"]))
    answer: JSON = response.json()
    assert answer["type"] == ADAPTIVE_CARD, answer
    return dict(answer["value"])


def make_promise(world: TeamsWorld, owner: TeamsUser, text: str) -> int:
    """`owner` makes a promise in their personal chat: its id, from the card's Done button."""
    card = in_personal_chat(world, owner, text)
    assert words(card).startswith("**Tracked:**"), words(card)
    return int(buttons(card)[0][2]["promise"])


def bens_week(world: TeamsWorld) -> None:
    """Ben promises two things this week: he delivers one on time; the other falls overdue."""
    deck = in_personal_chat(world, BEN, "promise send the Q3 deck by Wednesday 3pm")
    in_personal_chat(world, BEN, "promise fix the invoice by Thursday 3pm")
    world.clock.set(datetime(2026, 11, 25, 11, 0, tzinfo=NEW_YORK))
    click(world, BEN, CardVerb.PROMISE_DONE, deck)
    world.clock.set(datetime(2026, 11, 27, 11, 0, tzinfo=NEW_YORK))


# --- time passing, and what Teams shows --------------------------------------------------------


def deliver(world: TeamsWorld) -> list[tuple[str, JSON]]:
    """The jobs run once: (conversation id, activity) of each message they sent."""
    before = len(world.connector.calls)
    run_once(world.kept.jobs())
    return [
        (str(call.conversation_id), {**(call.body or {}), **(call.response or {})})
        for call in world.connector.calls[before:]
        if call.kind == "send" and call.ok
    ]


def at(world: TeamsWorld, instant: datetime) -> list[tuple[str, JSON]]:
    """The clock reaches `instant` and the jobs run: what they sent."""
    world.clock.set(instant)
    return deliver(world)


def to(conversation_id: str, sent: list[tuple[str, JSON]]) -> list[JSON]:
    return [message for conversation, message in sent if conversation == conversation_id]


def personal_chat(user: TeamsUser) -> str:
    return personal_conversation_id(user.id)


def words(message: JSON) -> str:
    """What a person reads in a message: its text, or its card's text blocks and facts."""
    if message.get("text"):
        return str(message["text"])
    lines: list[str] = []
    for attachment in message.get("attachments", []):
        if attachment["contentType"] == ADAPTIVE_CARD:
            lines += _card_lines(attachment["content"])
    return "\n".join(lines)


def buttons(message: JSON) -> list[tuple[str, str, JSON]]:
    """(title, type, data) of each button of a message's cards, in order; an Action.Execute's
    data with its verb, as Teams sends it back on a click."""
    found: list[tuple[str, str, JSON]] = []
    for attachment in message.get("attachments", []):
        for action in _all(attachment.get("content"), "actions"):
            data = dict(action.get("data") or {})
            if action["type"] == "Action.Execute":
                data = {"verb": action["verb"], **data}
            found.append((action["title"], action["type"], data))
    return found


def _card_lines(element: Any) -> list[str]:
    if isinstance(element, list):
        return [line for item in element for line in _card_lines(item)]
    if not isinstance(element, dict):
        return []
    if element.get("type") == "TextBlock":
        return [str(element["text"])]
    if element.get("type") == "FactSet":
        return [f"{fact['title']}: {fact['value']}" for fact in element["facts"]]
    return [line for value in element.values() for line in _card_lines(value)]


def _all(element: Any, key: str) -> list[JSON]:
    """Every item of every `key` list in a card, depth first."""
    if isinstance(element, list):
        return [found for item in element for found in _all(item, key)]
    if not isinstance(element, dict):
        return []
    own = [item for item in element.get(key, []) if isinstance(item, dict)]
    return own + [found for k, value in element.items() if k != key for found in _all(value, key)]


# --- what was stored ---------------------------------------------------------------------------


def outbox(world: TeamsWorld) -> list[OutboxMessage]:
    with world.kept.db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def kudos(world: TeamsWorld) -> list[Kudos]:
    with world.kept.db.unit_of_work() as session:
        query = select(Kudos).order_by(Kudos.id).options(selectinload(Kudos.values))
        return list(session.scalars(query))


def events(world: TeamsWorld, promise_id: int) -> list[str]:
    """The kinds of a promise's events, oldest first."""
    with world.kept.db.unit_of_work() as session:
        query = select(PromiseEvent.kind).where(PromiseEvent.promise_id == promise_id)
        return list(session.scalars(query.order_by(PromiseEvent.id)))
