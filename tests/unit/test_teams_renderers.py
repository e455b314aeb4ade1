"""What Kept says in Microsoft Teams: the cards, their buttons and forms, in Teams' words
(commands typed without a slash, people by name), each inside a Teams message.

The replies and outbox messages are the ones Slack and the shell are checked with
(test_renderers.py, test_kudos_renderers.py, test_digest_renderers.py).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.domain.commands import Topic
from bot.domain.digest import WeekCounts
from bot.domain.promises import EXAMPLE, MAX_WHAT
from bot.render.shared.help import typed
from bot.render.teams import render_delivery, render_reply
from bot.render.teams.forms import more_time_dialog
from bot.render.teams.help import WELCOME
from bot.render.teams.ids import CardVerb, DialogId, Field
from bot.render.teams.kit import (
    ADAPTIVE_CARD,
    MAX_MESSAGE_BYTES,
    TeamsMessage,
    adaptive_card_attachment,
)
from bot.render.teams.promises import not_tracked, not_yours, suggestion_card
from bot.services.outbox import Delivery, TeamDigest, UnknownDelivery, decode, encode
from bot.services.replies import Help, Refusal
from bot.services.replies.digest import AtRisk, DigestCsv, DigestRow
from bot.services.replies.kudos import Named
from bot.services.replies.promises import Changed, Draft, PromiseView
from bot.services.replies.teams import TeamView
from tests.unit import test_kudos_renderers as kudos
from tests.unit.test_digest_renderers import a_digest
from tests.unit.test_renderers import (
    ANA,
    DECK,
    FULL_LISTING,
    INVOICE,
    LONGEST_WHAT,
    NEW_YORK,
    OFFER,
    REPLIES,
    done,
    listing,
)

AUTHOR = "00000000-0000-0000-0000-00000000a11a"  # an AAD object id, as Teams names people
# The envelope Teams adds to a message (ids, conversation, sender), in bytes, at most.
ENVELOPE = 2_000


# --- reading a message ---------------------------------------------------------------------
def card_of(message: TeamsMessage) -> dict[str, Any]:
    """The card's JSON, as its activity carries it."""
    activity = message.activity()
    cards = [a for a in activity.get("attachments", []) if a["contentType"] == ADAPTIVE_CARD]
    assert len(cards) == 1, "expected exactly one card"
    content: dict[str, Any] = cards[0]["content"]
    return content


def elements(card: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every element and action of a card, depth first."""
    for key in ("body", "actions", "items", "columns", "facts"):
        for element in card.get(key, []):
            yield element
            yield from elements(element)


def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in elements(card) if str(e.get("type", "")).startswith("Action.")]


def button(card: dict[str, Any], title: str) -> dict[str, Any]:
    found = [a for a in actions(card) if a["title"] == title]
    assert len(found) == 1, f"no single {title!r} button in {[a['title'] for a in actions(card)]}"
    return found[0]


def facts_of(card: dict[str, Any]) -> dict[str, str]:
    """The card's facts (of all its fact sets), title to value."""
    sets = [e for e in elements(card) if e.get("type") == "FactSet"]
    return {fact["title"]: fact["value"] for facts in sets for fact in facts["facts"]}


def inputs(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in elements(card) if str(e.get("type", "")).startswith("Input.")}


def shown(message: TeamsMessage) -> str:
    """All the words a person can read: the summary, and each text, fact, label and title."""
    words = [message.text]
    if message.card is not None:
        for element in elements(card_of(message)):
            words += [str(element.get(k, "")) for k in ("text", "title", "value", "label")]
    return "\n".join(words)


def wire_size(message: TeamsMessage) -> int:
    """The activity's bytes as the Teams client sends them (compact JSON, UTF-8)."""
    body = json.dumps(message.activity(), ensure_ascii=False, separators=(",", ":"))
    return len(body.encode())


def assert_teams_takes(message: TeamsMessage) -> None:
    assert wire_size(message) + ENVELOPE <= MAX_MESSAGE_BYTES, f"{wire_size(message)} bytes"


def nudge(stage: str, **payload: Any) -> Delivery:
    base = {
        "stage": stage,
        "promise_id": DECK.id,
        "what": DECK.what,
        "due": DECK.due_at.isoformat(),
        "zone": NEW_YORK,
        "owner": "nina",
        "owner_ref": "aad-nina",
        "counterpart": "ana",
        "counterpart_ref": "aad-ana",
        "customer": None,
    }
    return Delivery(
        1, f"nudge:7:{stage}", "teams", "tenant", "aad-nina", decode("nudge", base | payload), 0
    )


def promise_news(news: str, **payload: Any) -> Delivery:
    base = {
        "news": news,
        "promise_id": DECK.id,
        "by": "nina",
        "by_ref": "aad-nina",
        "what": DECK.what,
        "due": DECK.due_at.isoformat(),
        "zone": NEW_YORK,
        "note": "",
    }
    news_payload = decode("promise_news", base | payload)
    return Delivery(2, "promise:7", "teams", "tenant", "aad-ana", news_payload, 0)


def digest_delivery(kind: str = "digest", **changes: object) -> Delivery:
    payload = decode(kind, encode(TeamDigest(**vars(a_digest(**changes)))))
    return Delivery(3, "digest:1:2026-W45", "teams", "tenant", "aad-ana", payload, 0)


STAGES = ("heads_up", "final_check", "at_deadline", "overdue", "escalation")
DELIVERIES: dict[str, Delivery] = {
    **{f"nudge_{stage}": nudge(stage) for stage in STAGES},
    "promise_news_made": promise_news("made"),
    "promise_news_renegotiated": promise_news("renegotiated", note="The data came in late."),
    "kudos_post": kudos.DELIVERIES["kudos_post"],
    "kudos_news": kudos.DELIVERIES["kudos_news"],
    "digest_summary": digest_delivery("digest_summary"),
}
CSV = DigestCsv(
    "ana",
    "2026-W45",
    NEW_YORK,
    (
        DigestRow(
            5,
            "bo",
            "send the Q3 deck",
            "cy",
            None,
            DECK.due_at,
            DECK.due_at,
            "done",
            DECK.due_at,
            "kept_on_time",
            False,
            0,
        ),
    ),
)


@pytest.fixture(scope="module")
def manager_digest() -> TeamsMessage:
    """The scheduled digest to a manager, chart and all (the chart takes a second to draw)."""
    return render_delivery(digest_delivery())


# --- the promise card ----------------------------------------------------------------------
def test_an_open_promise_card_offers_done_more_time_and_cancel_for_that_promise() -> None:
    card = card_of(render_reply(REPLIES["made_to_a_coworker"]))

    done_button = button(card, "Done")
    assert done_button["type"] == "Action.Execute"
    assert done_button["verb"] == CardVerb.PROMISE_DONE
    assert done_button["data"] == {"promise": DECK.id}
    more_time = button(card, "Need more time")
    assert more_time["type"] == "Action.Submit"
    assert more_time["data"] == {
        "msteams": {"type": "task/fetch"},
        "dialog": DialogId.MORE_TIME,
        "promise": DECK.id,
    }
    cancel = button(card, "Cancel")
    assert (cancel["verb"], cancel["data"]) == (CardVerb.PROMISE_CANCEL, {"promise": DECK.id})


def test_a_promise_card_names_the_counterpart_the_due_time_and_that_they_will_be_told() -> None:
    message = render_reply(REPLIES["made_to_a_coworker"])

    assert message.text == "Tracked: send the Q3 deck"
    facts = facts_of(card_of(message))
    assert facts["To"] == "ana"
    assert facts["Due"] == "Fri 27 Nov, 15:00"
    assert "I'll tell ana." in shown(message)


def test_a_customers_promise_card_says_for_whom() -> None:
    card = card_of(render_reply(REPLIES["made_for_a_customer"]))

    facts = facts_of(card)
    assert facts["For"] == "Acme"
    assert "To" not in facts


@pytest.mark.parametrize(
    "reply",
    [
        Changed(done(DECK, on_time=True), NEW_YORK, "done"),
        Changed(done(DECK, on_time=False), NEW_YORK, "done"),
        Changed(replace(DECK, status="cancelled"), NEW_YORK, "cancelled"),
    ],
    ids=["done_on_time", "done_late", "cancelled"],
)
def test_a_closed_promise_card_has_no_buttons(reply: Changed) -> None:
    card = card_of(render_reply(reply))

    assert actions(card) == []


def test_a_done_promise_card_says_whether_it_was_on_time() -> None:
    assert render_reply(Changed(done(DECK, True), NEW_YORK, "done")).text == (
        "Marked done on time: send the Q3 deck"
    )
    assert render_reply(Changed(done(DECK, False), NEW_YORK, "done")).text == (
        "Marked done late: send the Q3 deck"
    )


def test_a_new_date_for_a_customer_asks_the_owner_to_tell_them_and_to_say_so() -> None:
    moved = replace(INVOICE, due_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC))
    message = render_reply(Changed(moved, NEW_YORK, "renegotiated"))

    assert message.text == "Tell Acme about the new date"
    assert "Now tell Acme the new date" in shown(message)
    told = button(card_of(message), "I've told them")
    assert (told["verb"], told["data"]) == (CardVerb.CUSTOMER_TOLD, {"promise": INVOICE.id})
    assert [a["title"] for a in actions(card_of(message))] == ["I've told them"]


# --- the draft's form and the "Need more time" dialog --------------------------------------
def test_a_draft_shows_its_problem_and_a_form_to_finish_it_in_place() -> None:
    message = render_reply(REPLIES["draft_without_a_due_time"])
    card = card_of(message)

    assert message.text == "By when? I couldn't find a due time in that."
    fields = inputs(card)
    assert fields[Field.WHAT]["value"] == "send the Q3 deck"
    assert fields[Field.DUE_DATE]["type"] == "Input.Date"
    assert fields[Field.DUE_DATE]["isRequired"] is True
    assert "value" not in fields[Field.DUE_DATE]
    assert fields[Field.DUE_TIME]["type"] == "Input.Time"
    assert Field.CUSTOMER not in fields  # it is a promise to a co-worker, ana
    track = button(card, "Track it")
    assert track["type"] == "Action.Execute"
    assert (track["verb"], track["data"]) == (CardVerb.PROMISE_FORM, {"counterpart": ANA})


def test_a_draft_to_nobody_asks_for_a_customer_and_sends_no_counterpart() -> None:
    card = card_of(render_reply(Draft("fix the invoice", None, "Acme", None, "By when?")))

    assert inputs(card)[Field.CUSTOMER]["value"] == "Acme"
    assert button(card, "Track it")["data"] == {}


def test_a_draft_without_words_asks_what_was_promised() -> None:
    message = render_reply(REPLIES["draft_without_words"])

    assert message.text == "What did you promise, and by when?"
    assert "value" not in inputs(card_of(message))[Field.WHAT]


def test_the_more_time_dialog_starts_from_the_current_due_time_in_the_owners_zone() -> None:
    card = more_time_dialog(DECK, NEW_YORK).model_dump(by_alias=True, exclude_none=True)

    fields = inputs(card)
    assert list(fields) == [Field.DUE_DATE, Field.DUE_TIME, Field.NOTE]
    assert fields[Field.DUE_DATE]["value"] == "2026-11-27"
    assert fields[Field.DUE_TIME]["value"] == "15:00"  # 20:00 UTC in New York
    assert fields[Field.NOTE]["label"] == "What should ana know?"
    assert fields[Field.NOTE]["isMultiline"] is True
    move = button(card, "Move it")
    assert move["type"] == "Action.Submit"
    assert move["data"] == {"dialog": DialogId.MORE_TIME, "promise": DECK.id}
    assert "Need more time?" in [e.get("text") for e in elements(card)]


def test_the_dialogs_card_json_has_whole_numbers() -> None:
    attachment = adaptive_card_attachment(more_time_dialog(DECK, NEW_YORK))

    assert attachment["contentType"] == ADAPTIVE_CARD
    note = inputs(attachment["content"])[Field.NOTE]
    assert note["maxLength"] == MAX_WHAT
    assert isinstance(note["maxLength"], int)


# --- the list ------------------------------------------------------------------------------
def test_the_list_has_what_i_owe_and_what_is_owed_to_me_with_buttons_for_each() -> None:
    message = render_reply(REPLIES["listing_with_more"])
    card = card_of(message)
    words = shown(message)

    assert words.index("What you owe") < words.index("Owed to you")
    assert "fix the invoice for Acme, due **today, 17:00**" in words
    assert "raj: approve the budget, due **Tue 1 Dec, 09:00**" in words
    assert "…and 5 more, due later." in words
    assert "…and 2 more, due later." in words
    pressed = [(a["title"], a["data"].get("promise")) for a in actions(card)]
    assert pressed == [
        ("Done", 8),
        ("Need more time", 8),
        ("Cancel", 8),
        ("Done", 7),
        ("Need more time", 7),
        ("Cancel", 7),
        ("Received", 12),
    ]


def test_an_empty_list_says_how_to_make_a_promise_the_teams_way() -> None:
    words = shown(render_reply(listing()))

    assert "No open promises. Make one: **promise send the Q3 deck to @ana by Friday 3pm**" in (
        words
    )


def test_the_fullest_list_fits_in_a_teams_message() -> None:
    message = render_reply(FULL_LISTING)

    assert_teams_takes(message)
    assert "…and 987 more, due later." in shown(message)


# --- "Track this?" -------------------------------------------------------------------------
def test_a_suggestion_carries_its_author_and_the_promise_on_its_buttons() -> None:
    message = suggestion_card(OFFER, author=AUTHOR)
    card = card_of(message)

    assert message.text == "Track this promise?"
    assert "That sounds like a promise: **send the Q3 deck**, due **Fri 27 Nov, 15:00**" in (
        shown(message)
    )
    track = button(card, "Track")
    assert (track["verb"], track["data"]) == (
        CardVerb.TRACK,
        {
            Field.AUTHOR: AUTHOR,
            Field.WHAT: OFFER.what,
            Field.DUE: OFFER.due_at.isoformat(),
            Field.GRAIN: OFFER.grain,
            Field.COUNTERPART: OFFER.counterpart_ref,
        },
    )
    ignore = button(card, "Not a promise")
    assert (ignore["verb"], ignore["data"]) == (CardVerb.NOT_A_PROMISE, {Field.AUTHOR: AUTHOR})


def test_not_a_promise_leaves_a_card_without_buttons() -> None:
    card = card_of(not_tracked())

    assert actions(card) == []


def test_a_button_pressed_by_someone_else_is_answered_in_words_leaving_the_card() -> None:
    message = not_yours("Only the person who wrote it can track this promise.")

    assert message.card is None
    assert message.text == (
        "That button isn't yours to press. Only the person who wrote it can track this promise."
    )


# --- Teams' words --------------------------------------------------------------------------
ALL_REPLIES = {**REPLIES, **kudos.REPLIES}


@pytest.mark.parametrize("name", ALL_REPLIES)
def test_each_reply_is_in_teams_words_and_fits_in_a_teams_message(name: str) -> None:
    message = render_reply(ALL_REPLIES[name])
    words = shown(message)

    for slack_only in ("/promise", "/kudos", "/digest", "<@", "<#", "<!date", "`", ":raised_"):
        assert slack_only not in words, f"{slack_only!r} in {words!r}"
    assert_teams_takes(message)


@pytest.mark.parametrize("name", DELIVERIES)
def test_each_outbox_message_is_in_teams_words_and_fits_in_a_teams_message(name: str) -> None:
    message = render_delivery(DELIVERIES[name])
    words = shown(message)

    for slack_only in ("/promise", "<@", "<#", "<!date", "`", ":raised_"):
        assert slack_only not in words, f"{slack_only!r} in {words!r}"
    assert "aad-" not in words  # people by name, never by id
    assert_teams_takes(message)


def test_a_refusal_is_words_alone_with_its_example_typed_the_teams_way() -> None:
    message = render_reply(Refusal("That due time has already passed.", EXAMPLE))

    assert message.card is None
    assert message.text == (
        "That due time has already passed.\n\n"
        "For example: “promise send the Q3 deck to @ana by Friday 3pm”"
    )


def test_help_lists_the_commands_without_a_slash() -> None:
    words = shown(render_reply(Help(Topic.KUDOS)))

    assert "**kudos @ana @raj for covering the on-call swap #teamwork**" in words
    assert "**kudos top week**" in words
    assert "mention me first: @Kept" in words


def test_the_welcome_says_what_kept_does_with_three_commands_to_try() -> None:
    card = card_of(WELCOME)
    tries = [e["text"] for e in elements(card) if str(e.get("text", "")).startswith("**")]

    assert "remind you before it's due" in WELCOME.text
    assert [t.split("**")[1] for t in tries] == [
        "promise send the Q3 deck to @ana by Friday 3pm",
        "kudos @ana @raj for covering the on-call swap #teamwork",
        "promise list",
    ]


@pytest.mark.parametrize(
    ("written", "teams"),
    [
        ("/promise list", "promise list"),
        ("Try `/digest team add @a`.", "Try `digest team add @a`."),
        (
            "see https://example.com/promise and a/kudos",
            "see https://example.com/promise and a/kudos",
        ),
        ("/promised nothing", "/promised nothing"),
    ],
)
def test_commands_are_retyped_for_teams_and_nothing_else_is(written: str, teams: str) -> None:
    assert typed(written, "") == teams
    assert typed(written, "/") == written


# --- nudges and news -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stage", "offered"),
    [
        ("heads_up", ["Done", "Need more time"]),
        ("final_check", ["Done", "On track", "Need more time"]),
        ("at_deadline", ["Done", "Need more time"]),
        ("overdue", ["Done", "Need more time"]),
        ("escalation", []),
    ],
)
def test_each_nudge_offers_the_answers_of_its_stage(stage: str, offered: list[str]) -> None:
    card = card_of(render_delivery(nudge(stage)))

    assert [a["title"] for a in actions(card)] == offered
    for answer in actions(card):
        if answer["title"] == "Need more time":
            assert answer["data"]["dialog"] == DialogId.MORE_TIME
        else:
            verb = CardVerb.PROMISE_ON_TRACK if answer["title"] == "On track" else "promise_done"
            assert (answer["verb"], answer["data"]) == (verb, {"promise": DECK.id})


def test_a_nudge_names_people_and_the_due_time_in_the_owners_zone() -> None:
    final_check = render_delivery(nudge("final_check"))
    escalation = render_delivery(nudge("escalation"))

    assert final_check.text == "On track? send the Q3 deck to ana, due Fri 27 Nov, 15:00."
    assert "due **Fri 27 Nov, 15:00**" in shown(final_check)
    assert escalation.text.startswith("Nina's promise to ana is overdue")


def test_promise_news_names_who_did_it_and_their_note() -> None:
    made = render_delivery(promise_news("made"))
    moved = render_delivery(promise_news("renegotiated", note="The data came in late."))

    assert made.text == "nina promised you: send the Q3 deck, by Fri 27 Nov, 15:00."
    assert moved.text == (
        "nina needs more time for send the Q3 deck: now due Fri 27 Nov, 15:00."
        " Their note: “The data came in late.”"
    )
    assert "**nina** promised you" in shown(made)


def test_a_message_of_an_unknown_kind_is_refused() -> None:
    with pytest.raises(UnknownDelivery):
        decode("fax", encode(nudge("heads_up").payload))


# --- kudos ---------------------------------------------------------------------------------
def test_the_public_thank_you_names_everyone_with_the_values() -> None:
    message = render_delivery(kudos.DELIVERIES["kudos_post"])

    assert message.text == "nina thanked ana and raj for covering the on-call swap."
    words = shown(message)
    assert "🎉 **nina** thanked **ana** and **raj** for covering the on-call swap." in words
    assert "#teamwork" in words


def test_a_recipient_is_told_who_thanked_them_and_that_it_is_public() -> None:
    words = shown(render_delivery(kudos.DELIVERIES["kudos_news"]))

    assert "**nina** thanked you for covering the on-call swap." in words
    assert "#teamwork  ·  Posted in the channel for everyone to see." in words


def test_the_giver_sees_whom_they_thanked_and_what_is_left() -> None:
    message = render_reply(kudos.REPLIES["given_to_two_with_a_value"])

    assert message.text == "You thanked ana and raj for covering the on-call swap."
    assert "Posted in the channel for everyone to see. You have 3 kudos left today." in (
        shown(message)
    )


def test_the_leaderboard_ranks_people_by_name() -> None:
    words = shown(render_reply(kudos.REPLIES["leaderboard_of_the_week"]))

    assert "Most thanked in the last 7 days" in words
    assert "1. **ana**  5 kudos  ·  #teamwork ×3, #empathy ×2, #options ×1" in words
    assert "2. **kiran**  3 kudos" in words


# --- the digest, its CSV and the team ------------------------------------------------------
def test_the_digest_shows_the_weeks_numbers_as_facts() -> None:
    message = render_reply(a_digest())
    facts = facts_of(card_of(message))

    assert message.text == "ana's digest for 2026-W45 (Mon 2 Nov – Sun 8 Nov)"
    assert facts["Kept on time"] == "2"
    assert facts["Broken (overdue, still open)"] == "1"
    assert facts["On-time rate"] == "22% (2 of 9)"
    assert facts["Early-warning rate"] == "29% (2 of 7)"
    assert facts["Median delay"] == "1 d 8 h 30 min"
    words = shown(message)
    assert "• bo: send the Q3 deck, due Tue 10 Nov, 12:00 (renegotiated)" in words
    assert "**Most thanked:** bo (2), cy (1)" in words
    assert message.image_png is None


def test_an_empty_week_says_so() -> None:
    words = shown(render_reply(a_digest(counts=WeekCounts(), at_risk=())))

    assert "No promises fell due this week." in words
    assert "**At risk next week:** nothing." in words


def test_the_managers_digest_carries_its_chart_as_an_inline_png(
    manager_digest: TeamsMessage,
) -> None:
    activity = manager_digest.activity()

    assert [a["contentType"] for a in activity["attachments"]] == [ADAPTIVE_CARD, "image/png"]
    image = activity["attachments"][1]
    assert image["name"] == "kept-ana-2026-W45.png"
    prefix = "data:image/png;base64,"
    assert image["contentUrl"].startswith(prefix)
    png = base64.b64decode(image["contentUrl"].removeprefix(prefix))
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert png == manager_digest.image_png


def test_the_biggest_week_with_its_chart_fits_in_a_teams_message() -> None:
    risks = tuple(
        AtRisk(n, LONGEST_WHAT, f"person.{n}", datetime(2026, 11, 10, tzinfo=UTC), True, False)
        for n in range(500)
    )
    message = render_delivery(digest_delivery(at_risk=risks))

    assert_teams_takes(message)
    assert "…and 490 more." in shown(message)


def test_the_channels_copy_has_no_chart() -> None:
    message = render_delivery(DELIVERIES["digest_summary"])

    assert message.image_png is None
    assert len(message.activity()["attachments"]) == 1


def test_the_csv_is_a_code_block_to_copy() -> None:
    message = render_reply(CSV)

    assert message.card is None
    assert message.text.startswith("**kept-ana-2026-W45.csv**: 1 promise; copy it into")
    assert "\n```\npromise,owner,what," in message.text
    assert "5,bo,send the Q3 deck,cy," in message.text
    assert message.text.endswith("\n```")
    assert message.activity() == {"type": "message", "text": message.text}


def test_a_csv_too_long_for_chat_says_how_to_write_it_to_a_file() -> None:
    row = CSV.rows[0]
    big = replace(
        CSV, team="ana lee", rows=tuple(replace(row, what=LONGEST_WHAT) for _ in range(40))
    )

    message = render_reply(big)

    assert message.text == (
        "kept-ana-lee-2026-W45.csv has 40 promises: too long for a chat message. Where Kept"
        " runs, write it to a file with `python -m bot digest --team 'ana lee' --week 2026-W45"
        " --csv kept-ana-lee-2026-W45.csv`."
    )


def test_the_team_names_its_manager_members_and_channel() -> None:
    team = TeamView(
        "ana",
        Named("ana", "aad-ana"),
        (Named("bo", "aad-bo"), Named("cy", "aad-cy")),
        None,
        "added",
        (Named("cy", "aad-cy"),),
    )
    message = render_reply(team)
    facts = facts_of(card_of(message))

    assert message.text == "Added cy."
    assert facts == {"Manager": "ana", "Members": "bo, cy", "Results shared in": "no channel yet"}


# --- the activity --------------------------------------------------------------------------
def test_a_card_message_is_one_activity_with_the_summary_beside_the_card() -> None:
    message = render_reply(REPLIES["made_to_a_coworker"])

    activity = message.activity()

    assert activity["type"] == "message"
    assert "text" not in activity  # Teams would show it as a message of its own
    assert activity["summary"] == "Tracked: send the Q3 deck"
    [attachment] = activity["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    assert attachment["content"]["type"] == "AdaptiveCard"
    assert attachment["content"]["version"] == "1.5"
    assert attachment["content"]["fallbackText"] == "Tracked: send the Q3 deck"


def test_words_alone_are_an_activity_with_text_and_no_attachments() -> None:
    activity = not_yours("Only the owner can.").activity()

    assert activity == {
        "type": "message",
        "text": "That button isn't yours to press. Only the owner can.",
    }


def test_a_promise_without_counterpart_or_customer_has_no_to_or_for() -> None:
    lonely = PromiseView(**{**DECK.__dict__, "counterpart": None, "counterpart_ref": None})
    card = card_of(render_reply(Changed(lonely, NEW_YORK, "edited")))

    assert list(facts_of(card)) == ["Due"]
