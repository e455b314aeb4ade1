"""Promises on Microsoft Teams, end to end: the real app at /api/messages, signed activities,
and a fake Bot Connector that records every reply and proactive message.

Ana (London) promises Ben (New York) things; Raj (Kolkata) is a bystander. The clock stands at
Tuesday 24 November 2026, 14:00 UTC until a test moves it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import pytest
from sqlalchemy import select

from bot.handlers.teams import cards
from bot.jobs.drain_outbox import drain_outbox
from bot.render.teams.ids import CardVerb, DialogId, Field
from bot.services import promises
from bot.services.nudges import hours_of
from bot.store.models import Conversation, Kudos, OutboxMessage, Person, Promise, Team
from tests.e2e.conftest import TeamsWorld
from tests.fakes.teams_activities import ANA, BEN, RAJ, SALES, TeamsUser
from tests.fakes.teams_connector import personal_conversation_id

JSON = dict[str, Any]
CARD = "application/vnd.microsoft.card.adaptive"

FRIDAY_3PM_LONDON = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
DECK = "promise send the Q3 deck to <at>Ben Carter</at> by Friday 3pm"


# --- the checks of every request -----------------------------------------------------------------


@pytest.mark.parametrize(
    "auth", ["none", "wrong_audience", "expired", "stranger_key", "wrong_service_url"]
)
def test_a_request_without_a_valid_token_is_refused_and_changes_nothing(
    teams_world: TeamsWorld, auth: Any
) -> None:
    answer = teams_world.teams.personal_message(ANA, "promise send the deck by Friday", auth=auth)

    assert answer.status_code == 401
    assert teams_world.connector.calls == []
    assert _rows(teams_world, Person) == []
    assert _rows(teams_world, Promise) == []


def test_a_token_from_another_issuer_is_refused_before_any_key_is_fetched(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    activity = world.teams.build_personal_message(ANA, "promise list")
    claims = {"iss": f"https://login.microsoftonline.com/{uuid.uuid4()}/v2.0", "tid": "x"}
    forged = jwt.encode(claims, "k" * 32, algorithm="HS256", headers={"kid": "k1"})

    answer = httpx.post(
        f"{world.url}/api/messages", json=activity, headers={"Authorization": f"Bearer {forged}"}
    )

    assert answer.status_code == 401
    assert world.connector.calls == [] and _rows(world, Person) == []


def test_an_oversized_body_and_another_tenant_are_refused(teams_world: TeamsWorld) -> None:
    world = teams_world
    huge = world.teams.build_personal_message(ANA, "x" * 2_000_000)
    elsewhere = world.teams.build_personal_message(ANA, "promise list")
    elsewhere["conversation"]["tenantId"] = elsewhere["channelData"]["tenant"]["id"] = "other"

    assert world.teams.post(huge).status_code == 413
    token = world.teams.token(world.connector.service_url)
    chunked = httpx.post(
        f"{world.url}/api/messages",
        content=iter([b"{" + b" " * 600_000] * 2),  # no Content-Length: sent in chunks
        headers={"Authorization": f"Bearer {token}"},
    )
    assert chunked.status_code == 413
    assert world.teams.post(elsewhere).status_code == 403
    assert world.connector.calls == [] and _rows(world, Person) == []


def test_the_same_message_signed_is_answered(teams_world: TeamsWorld) -> None:
    answer = teams_world.teams.personal_message(ANA, "help")

    assert answer.status_code == 200
    [reply] = _sent(teams_world, ANA)
    assert "promise send the Q3 deck" in _words(reply)


# --- commands ----------------------------------------------------------------------------------


def test_a_promise_in_the_personal_chat_is_tracked_in_the_owners_zone(
    teams_world: TeamsWorld,
) -> None:
    teams_world.teams.personal_message(ANA, "promise send the Q3 deck by Friday 3pm")

    [promise] = _rows(teams_world, Promise)
    assert (promise.what, promise.due_at) == ("send the Q3 deck", FRIDAY_3PM_LONDON)
    [card] = _sent(teams_world, ANA)
    assert "send the Q3 deck" in _words(card)
    assert _verbs(card) >= {CardVerb.PROMISE_DONE, CardVerb.PROMISE_CANCEL}
    assert _dialogs(card) == [{"dialog": DialogId.MORE_TIME, "promise": promise.id}]


def test_a_promise_to_a_mentioned_co_worker_tells_them_in_their_personal_chat(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    answer = world.teams.channel_message(ANA, DECK, mentions=[BEN])

    assert answer.status_code == 200
    [promise] = _rows(world, Promise)
    owner, counterpart = (_person(world, p) for p in (promise.owner_id, promise.counterpart_id))
    assert (owner.user_id, counterpart.user_id) == (ANA.aad_object_id, BEN.aad_object_id)
    assert counterpart.display_name == "Ben Carter"
    [reply] = _in_thread(world)
    assert "Ben Carter" in _words(reply)

    drain_outbox(world.kept.db, world.kept.senders, world.clock, hours_of(world.kept))

    [started] = world.connector.calls_to("create_conversation")
    assert started.body is not None
    assert started.body["members"] == [{"id": BEN.aad_object_id}]
    [told] = _sent(world, BEN)
    assert "send the Q3 deck" in _words(told) and "Ana Lopez" in _words(told)


def test_in_the_personal_chat_a_co_worker_kept_knows_is_named_with_at(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.personal_message(BEN, "help")  # Kept knows Ben now

    world.teams.personal_message(ANA, "promise send the Q3 deck to @Ben_Carter by Friday 3pm")
    world.teams.personal_message(ANA, "kudos @Ben_Carter for the late-night fix")
    world.teams.personal_message(ANA, "kudos @ben for the other fix")  # which Ben? not said

    [promise] = _rows(world, Promise)
    assert _person(world, promise.counterpart_id).user_id == BEN.aad_object_id
    [kudos] = _rows(world, Kudos)
    assert _person(world, kudos.recipient_id).user_id == BEN.aad_object_id
    assert "I don't know @ben here" in _words(_sent(world, ANA)[-1])


def test_a_name_kept_does_not_know_in_the_personal_chat_is_refused(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.personal_message(ANA, "promise send the Q3 deck to @nobody by Friday 3pm")

    assert _rows(world, Promise) == []
    assert "@nobody" in _words(_sent(world, ANA)[-1])


def test_someone_named_who_is_not_in_the_conversation_is_refused_by_name(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.connector.fail_next("get_member", status=404)

    world.teams.channel_message(ANA, DECK, mentions=[BEN])

    assert _rows(world, Promise) == []
    [reply] = _in_thread(world)
    assert "@Ben_Carter" in _words(reply)


def test_a_command_after_the_mention_and_a_non_breaking_space_is_read(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.channel_message(
        ANA, "<at>Kept</at>&nbsp;promise send the deck &amp; sales&registration by Friday 3pm"
    )

    [promise] = _rows(world, Promise)
    assert promise.what == "send the deck & sales&registration"


def test_a_command_in_a_channel_without_the_mention_is_not_a_command(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.channel_message(ANA, "promise list", mention_bot=False)

    assert world.connector.calls == []


def test_an_unknown_word_in_the_personal_chat_gets_the_help(teams_world: TeamsWorld) -> None:
    teams_world.teams.personal_message(ANA, "hello there")

    [reply] = _sent(teams_world, ANA)
    assert "promise list" in _words(reply)


def test_help_on_one_command_and_the_list_in_a_channel(teams_world: TeamsWorld) -> None:
    world = teams_world
    world.teams.personal_message(ANA, "help kudos")
    world.teams.channel_message(BEN, DECK.replace("Ben Carter", "Ana Lopez"), mentions=[ANA])
    world.teams.channel_message(ANA, "promise list")

    [kudos_help] = _sent(world, ANA)
    assert "kudos @ana" in _words(kudos_help) and "/kudos" not in _words(kudos_help)
    [_, listing] = _in_thread(world)
    assert "send the Q3 deck" in _words(listing) and "Ben Carter" in _words(listing)


def test_a_promise_without_a_due_time_gets_a_form_that_tracks_it(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.personal_message(ANA, "promise send the Q3 deck")
    [form] = _sent(world, ANA)
    assert _verbs(form) == {CardVerb.PROMISE_FORM}
    assert _rows(world, Promise) == []

    typed: dict[str, Any] = {
        Field.WHAT: "send the Q3 deck",
        Field.DUE_DATE: "2026-11-27",
        Field.DUE_TIME: "15:00",
    }
    answer = world.teams.card_action(ANA, CardVerb.PROMISE_FORM, typed, "1")

    [promise] = _rows(world, Promise)
    assert (promise.what, promise.due_at) == ("send the Q3 deck", FRIDAY_3PM_LONDON)
    assert "send the Q3 deck" in _words(_card_answer(answer.json()))


def test_a_form_without_a_date_asks_for_one_and_tracks_nothing(teams_world: TeamsWorld) -> None:
    answer = teams_world.teams.card_action(
        ANA, CardVerb.PROMISE_FORM, {Field.WHAT: "send the Q3 deck"}, "1"
    )

    assert answer.json()["type"] == "application/vnd.microsoft.activity.message"
    assert "date" in answer.json()["value"]
    assert _rows(teams_world, Promise) == []


def test_a_manager_names_the_teams_channel_by_saying_it_there(teams_world: TeamsWorld) -> None:
    world = teams_world
    world.teams.channel_message(ANA, "digest team add <at>Ben Carter</at>", mentions=[BEN])
    world.teams.channel_message(ANA, "digest team channel")

    [team] = _rows(world, Team)
    assert team.channel_ref == SALES.channel_id
    world.teams.personal_message(ANA, "digest team channel")
    world.teams.channel_message(ANA, "digest team channel #deals")
    [*_, refused] = _sent(world, ANA)
    assert "in the channel" in _words(refused)
    assert "without a channel name" in _words(_in_thread(world)[-1])
    assert [t.channel_ref for t in _rows(world, Team)] == [SALES.channel_id]


# --- buttons and the dialog: only the one who may ------------------------------------------------


def test_done_by_the_owner_closes_the_promise_and_the_card_in_place(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = _promise(world)

    answer = world.teams.card_action(ANA, CardVerb.PROMISE_DONE, {"promise": promise_id}, "1")

    assert answer.status_code == 200
    card = _card_answer(answer.json())
    assert _verbs(card) == set() and _dialogs(card) == []
    assert _status(world, promise_id) == "done"


def test_a_button_on_the_list_answers_with_the_list(teams_world: TeamsWorld) -> None:
    world = teams_world
    world.teams.personal_message(ANA, "promise send the Q3 deck by Friday 3pm")
    world.teams.personal_message(ANA, "promise send the notes by Friday 4pm")
    world.teams.personal_message(ANA, "promise list")
    listing = _sent(world, ANA)[-1]
    [done, *_] = [a for a in _actions(listing) if a.get("verb") == CardVerb.PROMISE_DONE]

    answer = world.teams.card_action(ANA, CardVerb.PROMISE_DONE, done["data"], listing["id"])

    shown = _words(_card_answer(answer.json()))
    assert "send the notes" in shown and "send the Q3 deck" not in shown


def test_an_unexpected_failure_is_answered_with_an_apology(
    teams_world: TeamsWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = teams_world
    promise_id = _promise(world)

    def broken(*args: Any) -> None:
        raise RuntimeError("the database fell over")

    monkeypatch.setattr(promises, "listing", broken)
    monkeypatch.setitem(cards.PROMISE_BUTTONS, CardVerb.PROMISE_DONE, broken)
    world.teams.personal_message(ANA, "promise list")
    clicked = world.teams.card_action(ANA, CardVerb.PROMISE_DONE, {"promise": promise_id}, "1")

    assert "Sorry, something went wrong" in _words(_sent(world, ANA)[-1])
    assert clicked.status_code == 200 and "Sorry" in clicked.json()["value"]


def test_done_by_anyone_else_changes_nothing_and_says_why(teams_world: TeamsWorld) -> None:
    world = teams_world
    promise_id = _promise(world)

    answer = world.teams.card_action(BEN, CardVerb.PROMISE_DONE, {"promise": promise_id}, "1")

    assert answer.json()["type"] == "application/vnd.microsoft.activity.message"
    assert _status(world, promise_id) == "open"


@pytest.mark.parametrize("value", [{}, {"promise": "1; drop table"}, {"promise": 999}])
def test_a_button_with_a_bad_value_changes_nothing(teams_world: TeamsWorld, value: JSON) -> None:
    world = teams_world
    promise_id = _promise(world)

    answer = world.teams.card_action(ANA, CardVerb.PROMISE_CANCEL, value, "1")

    assert answer.json()["type"] == "application/vnd.microsoft.activity.message"
    assert _status(world, promise_id) == "open"


def test_need_more_time_opens_a_dialog_that_moves_the_promise_and_its_card(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = _promise(world)
    [card] = _sent(world, ANA)
    asked = {"dialog": DialogId.MORE_TIME, "promise": promise_id}

    opened = world.teams.dialog_fetch(ANA, asked, card["id"]).json()
    form = opened["task"]["value"]["card"]["content"]
    assert {i["id"] for i in _inputs(form)} >= {Field.DUE_DATE, Field.DUE_TIME, Field.NOTE}

    typed = {
        **asked,
        Field.DUE_DATE: "2026-11-30",
        Field.DUE_TIME: "12:00",
        Field.NOTE: "data late",
    }
    closed = world.teams.dialog_submit(ANA, typed, card["id"]).json()

    assert closed["task"]["type"] == "message"
    with world.kept.db.unit_of_work() as session:
        promise = session.get_one(Promise, promise_id)
        assert promise.due_at == datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    [update] = world.connector.updates(personal_conversation_id(ANA.id))
    assert "Mon 30 Nov" in _words(update)


def test_a_refused_new_date_shows_the_dialog_again_with_all_that_was_typed(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = _promise(world)
    typed = {
        "dialog": DialogId.MORE_TIME,
        "promise": promise_id,
        Field.DUE_DATE: "2026-11-20",
        Field.DUE_TIME: "12:00",
        Field.NOTE: "the data is late",
    }

    shown = world.teams.dialog_submit(ANA, typed).json()

    form = shown["task"]["value"]["card"]["content"]
    assert {i["id"]: i.get("value") for i in _inputs(form)} == {
        Field.DUE_DATE: "2026-11-20",
        Field.DUE_TIME: "12:00",
        Field.NOTE: "the data is late",
    }
    assert "already passed" in _words(_card_answer({"type": CARD, "value": form}))
    with world.kept.db.unit_of_work() as session:
        assert session.get_one(Promise, promise_id).due_at == FRIDAY_3PM_LONDON


def test_more_time_to_an_earlier_date_offers_to_bring_it_forward_instead(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    promise_id = _promise(world)
    typed = {
        "dialog": DialogId.MORE_TIME,
        "promise": promise_id,
        Field.DUE_DATE: "2026-11-26",
        Field.DUE_TIME: "12:00",
        Field.NOTE: "ready early",
    }

    shown = world.teams.dialog_submit(ANA, typed).json()

    form = shown["task"]["value"]["card"]["content"]
    assert "isn't more time" in _words(_card_answer({"type": CARD, "value": form}))
    [forward] = [a for a in form["actions"] if a["title"] == "Bring it forward"]
    with world.kept.db.unit_of_work() as session:
        assert session.get_one(Promise, promise_id).due_at == FRIDAY_3PM_LONDON

    closed = world.teams.dialog_submit(ANA, {**typed, **forward["data"]}).json()

    assert closed["task"]["type"] == "message"
    with world.kept.db.unit_of_work() as session:
        assert session.get_one(Promise, promise_id).due_at == datetime(
            2026, 11, 26, 12, 0, tzinfo=UTC
        )
        kinds = [e.kind for e in session.get_one(Promise, promise_id).events]
    assert kinds == ["created", "brought_forward"]


def test_the_dialog_is_not_opened_for_someone_else(teams_world: TeamsWorld) -> None:
    world = teams_world
    promise_id = _promise(world)

    opened = world.teams.dialog_fetch(
        RAJ, {"dialog": DialogId.MORE_TIME, "promise": promise_id}
    ).json()

    assert opened["task"]["type"] == "message"


# --- promises read in channel messages ----------------------------------------------------------

SAID = "I'll get the invoice fixed for Acme by EOD tomorrow"


def test_a_promise_said_in_a_channel_is_offered_to_its_author_only(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.channel_message(ANA, SAID, mention_bot=False)
    [offer] = _in_thread(world)
    [track] = [a for a in _actions(offer) if a.get("verb") == CardVerb.TRACK]

    refused = world.teams.card_action(
        RAJ, CardVerb.TRACK, track["data"], "1", conversation="channel"
    )
    assert refused.json()["type"] == "application/vnd.microsoft.activity.message"
    assert _rows(world, Promise) == []

    tracked = world.teams.card_action(
        ANA, CardVerb.TRACK, track["data"], "1", conversation="channel"
    )
    [promise] = _rows(world, Promise)
    assert promise.customer_name == "Acme"
    assert "invoice" in _words(_card_answer(tracked.json()))


def test_a_promise_said_to_a_mentioned_co_worker_is_tracked_with_them(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    said = "I'll send the Q3 deck to <at>Ben Carter</at> by Friday 3pm"
    world.teams.channel_message(ANA, said, mentions=[BEN], mention_bot=False)
    [offer] = _in_thread(world)
    [track] = [a for a in _actions(offer) if a.get("verb") == CardVerb.TRACK]

    world.teams.card_action(ANA, CardVerb.TRACK, track["data"], "1", conversation="channel")
    world.teams.card_action(ANA, CardVerb.TRACK, track["data"], "1", conversation="channel")

    [promise] = _rows(world, Promise)  # pressed twice, tracked once
    assert _person(world, promise.counterpart_id).user_id == BEN.aad_object_id
    assert "Ben Carter" in _words(offer)


def test_a_click_in_a_channel_updates_the_card_for_everyone(teams_world: TeamsWorld) -> None:
    world = teams_world
    world.teams.channel_message(
        ANA, "I'll fix the invoice for Acme by Friday 3pm", mention_bot=False
    )
    [offer] = _in_thread(world)
    [track] = [a for a in _actions(offer) if a.get("verb") == CardVerb.TRACK]

    world.teams.card_action(ANA, CardVerb.TRACK, track["data"], offer["id"], conversation="channel")

    [update] = world.connector.calls_to("update")
    assert update.activity_id == offer["id"]
    assert update.body is not None
    assert "fix the invoice" in _words(update.body) and _verbs(update.body)


def test_a_button_on_someone_elses_list_in_a_channel_answers_with_the_promise_alone(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.channel_message(ANA, DECK, mentions=[BEN])
    world.teams.channel_message(ANA, "promise list")
    listing = _in_thread(world)[-1]
    [received] = [a for a in _actions(listing) if a.get("verb") == CardVerb.PROMISE_DONE][:1]

    answer = world.teams.card_action(
        BEN, CardVerb.PROMISE_DONE, received["data"], listing["id"], conversation="channel"
    )

    shown = _words(_card_answer(answer.json()))
    assert "send the Q3 deck" in shown and "What you owe" not in shown


def test_another_bots_messages_are_not_read(teams_world: TeamsWorld) -> None:
    world = teams_world
    other_bot = TeamsUser("Standup Bot", str(uuid.uuid4()), "28:standup-bot", "UTC", "en-US")

    world.teams.channel_message(other_bot, SAID, mention_bot=False)
    world.teams.channel_message(other_bot, "promise list")

    assert world.connector.calls == [] and _rows(world, Person) == []


def test_a_track_button_with_a_due_time_centuries_away_is_refused(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    forged: dict[str, Any] = {
        Field.AUTHOR: ANA.aad_object_id,
        Field.WHAT: "x",
        Field.DUE: "9999-12-31T00:00:00",
    }

    answer = world.teams.card_action(ANA, CardVerb.TRACK, {**forged, Field.GRAIN: "day"}, "1")

    assert "ten years away" in answer.json()["value"]
    assert _rows(world, Promise) == []


def test_a_message_id_seen_in_another_conversation_is_a_new_message(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    from_ana = world.teams.build_personal_message(ANA, "help")
    from_ben = {**world.teams.build_personal_message(BEN, "help"), "id": from_ana["id"]}

    world.teams.post(from_ana)
    world.teams.post(from_ben)

    assert len(_sent(world, ANA)) == len(_sent(world, BEN)) == 1


def test_chatter_in_a_channel_gets_no_answer(teams_world: TeamsWorld) -> None:
    teams_world.teams.channel_message(ANA, "lunch anyone?", mention_bot=False)

    assert teams_world.connector.calls == []


# --- people and places --------------------------------------------------------------------------


def test_the_zone_teams_gives_is_kept_up_to_date(teams_world: TeamsWorld) -> None:
    world = teams_world
    world.teams.personal_message(ANA, "help")
    moved = TeamsUser(ANA.name, ANA.aad_object_id, ANA.id, "Asia/Tokyo", ANA.locale)
    world.teams.personal_message(moved, "help")

    [ana] = _rows(world, Person)
    assert ana.timezone == "Asia/Tokyo"


def test_installing_greets_and_remembers_where_to_write_until_removed(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.installation_update(RAJ, "add", by=RAJ)
    world.teams.installation_update(SALES, "add", by=RAJ)

    world.teams.conversation_update_members_added(SALES, by=RAJ)

    [greeting] = _sent(world, RAJ)
    assert "promise" in _words(greeting)
    assert len(_in_channel(world)) == 1  # one welcome, though Teams told of the install twice
    [raj] = _rows(world, Person)
    assert raj.display_name == "Raj Rao"  # the member-added event names no one
    assert {(c.scope, c.installed) for c in _rows(world, Conversation)} == {
        ("personal", True),
        ("channel", True),
    }

    world.teams.installation_update(RAJ, "remove", by=RAJ)

    assert {(c.scope, c.installed) for c in _rows(world, Conversation)} == {
        ("personal", False),
        ("channel", True),
    }


def test_a_message_teams_sends_twice_is_answered_once(teams_world: TeamsWorld) -> None:
    world = teams_world
    activity = world.teams.build_personal_message(ANA, "promise send the Q3 deck by Friday 3pm")

    world.teams.post(activity)
    world.teams.post(activity)

    assert len(_rows(world, Promise)) == 1
    assert len(_sent(world, ANA)) == 1


def test_the_owner_hears_when_the_co_worker_they_promised_cannot_be_told(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.connector.not_installed(RAJ.aad_object_id)
    world.teams.channel_message(ANA, DECK.replace("Ben Carter", "Raj Rao"), mentions=[RAJ])

    drain_outbox(world.kept.db, world.kept.senders, world.clock, hours_of(world.kept))
    drain_outbox(world.kept.db, world.kept.senders, world.clock, hours_of(world.kept))

    assert _sent(world, RAJ) == []
    [word] = _sent(world, ANA)
    assert "couldn't tell **Raj Rao** about your promise" in _words(word)
    failed, told = sorted(_rows(world, OutboxMessage), key=lambda row: row.id)
    assert (failed.status, told.status) == ("failed", "sent")
    assert failed.last_error.startswith("unreachable")


def test_nothing_queued_for_teams_is_lost_when_the_service_is_down(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    world.teams.channel_message(ANA, DECK, mentions=[BEN])
    world.connector.fail_next("create_conversation", status=503)

    drain_outbox(world.kept.db, world.kept.senders, world.clock, hours_of(world.kept))

    [row] = _rows(world, OutboxMessage)
    assert (row.status, row.attempts) == ("pending", 1)
    assert _sent(world, BEN) == []


# --- helpers ------------------------------------------------------------------------------------


def _promise(world: TeamsWorld) -> int:
    world.teams.personal_message(ANA, "promise send the Q3 deck by Friday 3pm")
    [promise] = _rows(world, Promise)
    assert isinstance(promise, Promise)
    return promise.id


def _rows(world: TeamsWorld, model: Any) -> list[Any]:
    with world.kept.db.unit_of_work() as session:
        rows = list(session.scalars(select(model)))
        session.expunge_all()
        return rows


def _person(world: TeamsWorld, person_id: int | None) -> Person:
    with world.kept.db.unit_of_work() as session:
        person = session.get_one(Person, person_id)
        session.expunge(person)
        return person


def _status(world: TeamsWorld, promise_id: int) -> str:
    with world.kept.db.unit_of_work() as session:
        return session.get_one(Promise, promise_id).status


def _sent(world: TeamsWorld, user: TeamsUser) -> list[JSON]:
    return world.connector.sent_to(personal_conversation_id(user.id))


def _in_thread(world: TeamsWorld) -> list[JSON]:
    """What Kept wrote in the team's channel (threads included)."""
    sent = world.connector.calls_to("send")
    return [
        {**_present(c.body), "id": _present(c.response)["id"]}
        for c in sent
        if SALES.channel_id in c.path
    ]


def _present(value: JSON | None) -> JSON:
    """A call's body or answer, which these tests expect to be there."""
    assert value is not None
    return value


def _in_channel(world: TeamsWorld) -> list[JSON]:
    """What Kept posted in the team's General channel (whose id is the team's)."""
    return world.connector.sent_to(SALES.id)


def _cards(activity: JSON) -> list[JSON]:
    return [
        a["content"]
        for a in activity.get("attachments", [])
        if a["contentType"] == "application/vnd.microsoft.card.adaptive"
    ]


def _card_answer(answer: JSON) -> JSON:
    """An Action.Execute's answer: the card that replaces the clicked one."""
    assert answer["type"] == "application/vnd.microsoft.card.adaptive", answer
    return {"attachments": [{"contentType": answer["type"], "content": answer["value"]}]}


def _walk(node: Any) -> list[JSON]:
    if isinstance(node, dict):
        return [node, *(n for v in node.values() for n in _walk(v))]
    if isinstance(node, list):
        return [n for v in node for n in _walk(v)]
    return []


def _words(activity: JSON) -> str:
    """Everything a person reads: the text, the cards' text blocks and facts."""
    shown = [
        n.get(k) for c in _cards(activity) for n in _walk(c) for k in ("text", "title", "value")
    ]
    return " ".join([activity.get("text") or "", *(t for t in shown if isinstance(t, str))])


def _actions(activity: JSON) -> list[JSON]:
    return [
        n for c in _cards(activity) for n in _walk(c) if str(n.get("type")).startswith("Action.")
    ]


def _verbs(activity: JSON) -> set[str]:
    return {a["verb"] for a in _actions(activity) if a.get("type") == "Action.Execute"}


def _dialogs(activity: JSON) -> list[JSON]:
    """The data of the buttons that open a dialog, without Teams' own `msteams` part."""
    return [
        {k: v for k, v in a["data"].items() if k != "msteams"}
        for a in _actions(activity)
        if a.get("type") == "Action.Submit" and a.get("data", {}).get("msteams")
    ]


def _inputs(card: JSON) -> list[JSON]:
    return [n for n in _walk(card) if str(n.get("type")).startswith("Input.")]
