"""Promises on Slack, end to end: made, told, changed, listed and noticed, as people do it.

raj (Kolkata) promises ana (New York) things; bob (London) is a bystander. The clock stands at
Tuesday 24 November 2026, 14:00 UTC (19:30 in Kolkata, 09:00 in New York) until a test moves it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.handlers.slack.actions import STALE
from bot.handlers.slack.views import ONE_OR_THE_OTHER, OUT_OF_DATE, SENT_ALREADY
from bot.jobs.scheduler import run_once
from bot.store.models import OutboxMessage, Promise, PromiseEvent
from tests.e2e.conftest import SlackWorld
from tests.fakes.slack_api import Call

JSON = dict[str, Any]

ANA, RAJ, BOB, KEPT = "U00000ANA", "U00000RAJ", "U0000BOB0", "UBOT00001"
NAMES = {ANA: "ana", RAJ: "raj", BOB: "bob", KEPT: "kept"}
GENERAL = "C00000001"

FRIDAY_3PM_KOLKATA = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
TOMORROW_10AM_KOLKATA = datetime(2026, 11, 25, 4, 30, tzinfo=UTC)
TOMORROW_EOD_NEW_YORK = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)
MONDAY_10AM_KOLKATA = datetime(2026, 11, 30, 4, 30, tzinfo=UTC)


def mention(user: str) -> str:
    """A mention as Slack escapes it in a slash command's text."""
    return f"<@{user}|{NAMES[user]}>"


DECK = f"send the Q3 deck to {mention(ANA)} by Friday 3pm"
INVOICE = "fix the invoice for Acme by tomorrow 10am"
NOTES = f"send the notes to {mention(RAJ)} by Thursday noon"
SAID_IN_CHANNEL = "I'll get the invoice fixed for Acme by EOD tomorrow"


# --- waiting for the app's calls to the fake Slack, without sleeping -----------------------------


class Watch:
    """The calls of one method (those `where` accepts) that arrive after the watch starts."""

    def __init__(
        self, world: SlackWorld, method: str, where: Callable[[Call], bool] = lambda _: True
    ) -> None:
        self.world, self.method, self.where = world, method, where
        self.before = self._matching(world.api.calls_to(method))

    def _matching(self, calls: list[Call]) -> int:
        return sum(1 for call in calls if self.where(call))

    def new(self) -> list[Call]:
        calls = self.world.api.calls_to(self.method)
        return [call for call in calls if self.where(call)][self.before :]

    def wait(self, count: int = 1) -> list[Call]:
        """At least `count` new calls; fails (the fake's timeout) when they never come."""
        seen = len(self.world.api.calls_to(self.method))
        while len(self.new()) < count:
            seen = len(self.world.api.wait_for(self.method, count=seen + 1))
        return self.new()

    def next(self) -> Call:
        return self.wait(1)[0]


def to_url(url: str) -> Callable[[Call], bool]:
    return lambda call: call.path == urlsplit(url).path


def for_channel(channel: str) -> Callable[[Call], bool]:
    return lambda call: call.args.get("channel") == channel


def for_user(user: str) -> Callable[[Call], bool]:
    return lambda call: call.args.get("user_id") == user


def accepted(response: httpx.Response) -> httpx.Response:
    assert response.status_code == 200, response.text
    return response


# --- what Slack shows -------------------------------------------------------------------------


def words(blocks: list[JSON]) -> str:
    """The readable text of Block Kit blocks: sections, headers and context lines."""
    parts: list[str] = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            parts.append(str(text.get("text", "")))
        parts += [
            str(e["text"]) for e in block.get("elements", []) if isinstance(e.get("text"), str)
        ]
    return "\n".join(parts)


def buttons(blocks: list[JSON]) -> list[tuple[str, str, str]]:
    """(label, action_id, value) of every button, in order."""
    return [
        (element["text"]["text"], element["action_id"], element.get("value", ""))
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def menu_choices(blocks: list[JSON]) -> list[str]:
    """The values of every overflow menu option in a list of promises."""
    return [
        option["value"]
        for block in blocks
        if block.get("accessory", {}).get("type") == "overflow"
        for option in block["accessory"]["options"]
    ]


def listed(blocks: list[JSON]) -> list[JSON]:
    """The promises part of a list or App Home: what comes before the help."""
    divider = next((i for i, b in enumerate(blocks) if b["type"] == "divider"), len(blocks))
    return blocks[:divider]


def block(view: JSON, block_id: str) -> JSON:
    return next(b for b in view["blocks"] if b.get("block_id") == block_id)


# --- people acting in Slack -------------------------------------------------------------------


def promise_command(world: SlackWorld, text: str, user: str = RAJ) -> Call:
    """`/promise <text>` typed by `user`: the answer posted to the command's response_url."""
    fields = world.slack.command_fields("/promise", text, user)
    answer = Watch(world, "response_url", to_url(fields["response_url"]))
    accepted(world.slack.post_form(fields))
    return answer.next()


def form_from_command(world: SlackWorld, text: str, user: str = RAJ) -> JSON:
    """`/promise <text>` that opens a form: the view Kept opened."""
    opened = Watch(world, "views.open")
    accepted(world.slack.command("/promise", text, user))
    return opened_view(opened.next())


def opened_view(call: Call) -> JSON:
    """The view Kept opened, with the id Slack gave it (a submission carries it back)."""
    assert call.response is not None
    view: JSON = {**call.args["view"], "id": call.response["view"]["id"]}
    return view


def make_promise(world: SlackWorld, text: str, owner: str = RAJ) -> Promise:
    """Given: `owner` made a promise with the command (and every App Home has caught up)."""
    homes = Watch(world, "views.publish")
    answer = promise_command(world, text, owner)
    assert answer.args["text"].startswith("Tracked"), answer.args["text"]
    promise = newest_promise(world)
    homes.wait(2 if promise.counterpart_id else 1)
    return promise


def as_message(world: SlackWorld, answer: Call) -> JSON:
    """The message Kept answered with, as Slack carries it back when someone clicks in it."""
    return world.slack.bot_message(answer.args["text"], answer.args["blocks"])


def click(
    world: SlackWorld, action_id: str, value: str, user: str, message: JSON | None = None
) -> Call:
    """`user` clicks a button in a message: Kept's answer to the click's response_url."""
    payload = world.slack.block_action_payload(action_id, value, user, message=message)
    answer = Watch(world, "response_url", to_url(payload["response_url"]))
    accepted(world.slack.interactive(payload))
    return answer.next()


def click_to_open(world: SlackWorld, action_id: str, value: str, user: str) -> JSON:
    """`user` clicks a button that opens a form: the view Kept opened."""
    opened = Watch(world, "views.open")
    accepted(world.slack.block_action(action_id, value, user))
    return opened_view(opened.next())


def choose(world: SlackWorld, user: str, choice: str, where: JSON) -> httpx.Response:
    """`user` picks `choice` ("done:<id>") in a promise's menu, in a message or on the Home tab."""
    on_home = where.get("type") == "home"
    payload = world.slack.block_action_payload(
        "promise_menu",
        "",
        user,
        block_id="menu",
        message=None if on_home else where,
        view=where if on_home else None,
    )
    payload["actions"] = [
        {
            "type": "overflow",
            "action_id": "promise_menu",
            "block_id": "menu",
            "selected_option": {"text": {"type": "plain_text", "text": "Done"}, "value": choice},
            "action_ts": world.slack.new_ts(),
        }
    ]
    return accepted(world.slack.interactive(payload))


def submit(world: SlackWorld, view: JSON, values: JSON, user: str = RAJ) -> httpx.Response:
    """`user` submits a form Kept opened, as Slack sends it back: its blocks and metadata kept."""
    return accepted(
        world.slack.view_submission(
            view["callback_id"],
            values,
            user,
            private_metadata=view["private_metadata"],
            view_id=view.get("id"),
            blocks=view["blocks"],
        )
    )


def form_values(
    what: str | None = None,
    due: datetime | None = None,
    counterpart: str | None = None,
    customer: str | None = None,
    note: str | None = None,
) -> JSON:
    """`view.state.values` of Kept's forms: block id and action id are the same."""
    states: JSON = {
        "what": {"type": "plain_text_input", "value": what},
        "counterpart": {"type": "users_select", "selected_user": counterpart},
        "customer": {"type": "plain_text_input", "value": customer},
        "due": {
            "type": "datetimepicker",
            "selected_date_time": int(due.timestamp()) if due else None,
        },
        "note": {"type": "plain_text_input", "value": note},
    }
    return {block_id: {block_id: state} for block_id, state in states.items()}


def send_event(
    world: SlackWorld, event: JSON, event_id: str | None = None, retry_num: int | None = None
) -> None:
    """Slack delivers an event to the app: a message said in a channel, a Home tab opened."""
    accepted(world.slack.event(event, event_id=event_id, retry_num=retry_num))


def deliver(world: SlackWorld) -> list[Call]:
    """The scheduled jobs run once: the direct messages they sent."""
    before = len(world.api.post_messages())
    run_once(world.kept.jobs())
    return world.api.post_messages()[before:]


# --- what was stored --------------------------------------------------------------------------


def promises(world: SlackWorld) -> list[Promise]:
    with world.kept.db.unit_of_work() as session:
        query = select(Promise).order_by(Promise.id)
        options = (joinedload(Promise.owner), joinedload(Promise.counterpart))
        return list(session.scalars(query.options(*options)).unique())


def newest_promise(world: SlackWorld) -> Promise:
    return promises(world)[-1]


def promise(world: SlackWorld, promise_id: int) -> Promise:
    return next(p for p in promises(world) if p.id == promise_id)


def events(world: SlackWorld, promise_id: int) -> list[PromiseEvent]:
    with world.kept.db.unit_of_work() as session:
        query = select(PromiseEvent).where(PromiseEvent.promise_id == promise_id)
        return list(session.scalars(query.order_by(PromiseEvent.id)))


def outbox(world: SlackWorld) -> list[OutboxMessage]:
    with world.kept.db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


# --- making a promise with the command --------------------------------------------------------


def test_a_promise_made_with_the_command_is_answered_with_its_card(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    answer = promise_command(world, DECK, RAJ)

    card = answer.args
    assert card["response_type"] == "ephemeral"
    shown = words(card["blocks"])
    assert "send the Q3 deck" in shown
    assert "Fri 27 Nov, 15:00" in shown  # Friday 3pm where raj lives
    assert f"I've told <@{ANA}>." in shown
    [made] = promises(world)
    assert [(label, value) for label, _, value in buttons(card["blocks"])] == [
        ("Done", str(made.id)),
        ("Need more time", str(made.id)),
        ("Edit", str(made.id)),
        ("Cancel", str(made.id)),
    ]


def test_an_answer_slack_will_not_take_at_its_response_url_goes_to_the_direct_messages(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    world.api.fail_next("response_url", status=404, error="expired_url")
    dm = Watch(world, "chat.postMessage", for_channel(RAJ))

    accepted(world.slack.command("/promise", DECK, RAJ))

    assert "send the Q3 deck" in words(dm.next().args["blocks"])


def test_a_promise_made_with_the_command_is_stored_and_the_co_worker_is_told(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    made = make_promise(world, DECK, RAJ)

    assert (made.owner.user_id, made.counterpart and made.counterpart.user_id) == (RAJ, ANA)
    assert made.what.startswith("send the Q3 deck")
    assert (made.due_at, made.status, made.source) == (FRIDAY_3PM_KOLKATA, "open", "command")
    assert [event.kind for event in events(world, made.id)] == ["created"]
    [news] = outbox(world)
    assert (news.kind, news.recipient, news.status) == ("promise_news", ANA, "pending")

    [told] = deliver(world)

    assert told.args["channel"] == ANA
    assert f"<@{RAJ}> promised you: send the Q3 deck" in told.args["text"]
    assert [row.status for row in outbox(world)] == ["sent"]


def test_the_promisers_app_home_shows_the_new_promise(slack_world: SlackWorld) -> None:
    world = slack_world
    rajs_home = Watch(world, "views.publish", for_user(RAJ))

    promise_command(world, DECK, RAJ)

    [published] = rajs_home.wait()
    home = published.args["view"]
    assert home["type"] == "home"
    assert "send the Q3 deck" in words(listed(home["blocks"]))
    assert f"done:{newest_promise(world).id}" in menu_choices(home["blocks"])


def test_a_promise_for_a_customer_tells_no_one(slack_world: SlackWorld) -> None:
    world = slack_world

    made = make_promise(world, INVOICE, RAJ)

    assert (made.customer_name, made.counterpart_id) == ("Acme", None)
    assert made.due_at == TOMORROW_10AM_KOLKATA
    assert outbox(world) == []
    assert deliver(world) == []


# --- the form: when words are not enough ------------------------------------------------------


def test_promise_alone_opens_the_form(slack_world: SlackWorld) -> None:
    view = form_from_command(slack_world, "", RAJ)

    assert view["callback_id"] == "promise_form"
    assert {"what", "counterpart", "customer", "due"} <= {b.get("block_id") for b in view["blocks"]}
    assert json.loads(view["private_metadata"])["for"] == RAJ  # sealed for Raj alone
    assert promises(slack_world) == []


def test_a_promise_without_a_due_time_opens_the_form_asking_by_when(
    slack_world: SlackWorld,
) -> None:
    view = form_from_command(slack_world, "fix the invoice", RAJ)

    assert view["callback_id"] == "promise_form"
    assert view["blocks"][0]["type"] == "context"
    assert "By when?" in words(view["blocks"][:1])
    assert block(view, "what")["element"]["initial_value"] == "fix the invoice"
    assert "initial_date_time" not in block(view, "due")["element"]
    assert promises(slack_world) == []


def test_when_slack_will_not_open_the_form_the_person_is_asked_by_when_in_words(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    world.api.fail_next("views.open", error="expired_trigger_id")

    answer = promise_command(world, "fix the invoice", RAJ)

    assert answer.args["response_type"] == "ephemeral"
    assert "By when?" in answer.args["text"]
    assert promises(world) == []


@pytest.mark.parametrize(
    ("when", "picked"),
    [
        ("9am today", int(datetime(2026, 11, 24, 9, 0, tzinfo=UTC).timestamp())),
        ("1960-06-01", None),  # before 1970: Slack's picker cannot start there
        ("0001-01-01", None),
    ],
)
def test_a_due_time_already_passed_is_asked_again_in_the_form(
    slack_world: SlackWorld, when: str, picked: int | None
) -> None:
    world = slack_world  # 14:00 in London: bob's 9am today has passed

    view = form_from_command(world, f"send the minutes by {when}", BOB)

    assert "already passed" in words(view["blocks"][:1])
    assert block(view, "what")["element"]["initial_value"] == "send the minutes"
    assert block(view, "due")["element"].get("initial_date_time") == picked
    assert promises(world) == []


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        pytest.param(
            "write " + "very " * 250 + "long notes by Friday",
            "a promise fits in 1,000",
            id="over-1000-characters",
        ),
        pytest.param("send the report by Feb 30", "There is no Feb 30", id="no-such-date"),
        pytest.param("done 1", "`/promise list` shows your promises", id="a-button-s-job"),
        pytest.param("more-time #2", "`/promise list` shows your promises", id="another"),
        pytest.param(
            "send the deck to <@U0NOBODY1|nobody> by Friday",
            "I couldn't find that person",
            id="unknown-person",
        ),
        pytest.param(
            f"send the deck to {mention(KEPT)} by Friday", "That's a bot", id="the-bot-itself"
        ),
    ],
)
def test_a_promise_that_cannot_be_made_gets_a_friendly_answer_and_stores_nothing(
    slack_world: SlackWorld, text: str, answer: str
) -> None:
    world = slack_world

    reply = promise_command(world, text, RAJ)

    assert reply.args["response_type"] == "ephemeral"
    assert answer in reply.args["text"]
    assert "wrong on my side" not in reply.args["text"]  # a reason, not an apology
    assert (promises(world), outbox(world)) == ([], [])


# --- submitting the form ----------------------------------------------------------------------


def test_the_submitted_form_makes_the_promise_and_answers_where_it_was_asked(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    fields = world.slack.command_fields("/promise", "", RAJ)
    opened = Watch(world, "views.open")
    accepted(world.slack.post_form(fields))
    view = opened_view(opened.next())
    answer = Watch(world, "response_url", to_url(fields["response_url"]))

    response = submit(
        world, view, form_values("send the Q3 deck", FRIDAY_3PM_KOLKATA, counterpart=ANA)
    )

    assert response.text == ""  # the form closes
    assert "send the Q3 deck" in words(answer.next().args["blocks"])
    [made] = promises(world)
    assert (made.owner.user_id, made.counterpart and made.counterpart.user_id) == (RAJ, ANA)
    assert (made.what, made.due_at, made.source) == ("send the Q3 deck", FRIDAY_3PM_KOLKATA, "form")
    assert [row.recipient for row in outbox(world)] == [ANA]


def test_a_form_with_a_due_time_in_the_past_points_at_the_due_time(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)
    an_hour_ago = world.clock.now() - timedelta(hours=1)

    response = submit(world, view, form_values("send the Q3 deck", an_hour_ago, counterpart=ANA))

    assert response.json()["response_action"] == "errors"
    assert list(response.json()["errors"]) == ["due"]
    assert "already passed" in response.json()["errors"]["due"]
    assert (promises(world), outbox(world)) == ([], [])


def test_a_form_with_both_a_co_worker_and_a_customer_asks_for_one(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)
    both = form_values("send the deck", FRIDAY_3PM_KOLKATA, counterpart=ANA, customer="Acme")

    response = submit(world, view, both)

    assert response.json()["errors"] == {"customer": ONE_OR_THE_OTHER}
    assert promises(world) == []


def test_a_form_without_what_was_promised_points_at_the_what(slack_world: SlackWorld) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)

    response = submit(
        world, view, form_values("  \u200b\u202e ", FRIDAY_3PM_KOLKATA, counterpart=ANA)
    )

    assert response.json()["response_action"] == "errors"
    assert list(response.json()["errors"]) == ["what"]
    assert promises(world) == []


CONTROLS = "\x00\x07\x1b\x7f\x85"  # NUL, BEL, ESC, DEL, NEL
UNSEEN = CONTROLS + "\ud800"  # and half a character: JSON can carry it, a form field cannot


def test_characters_no_one_can_see_are_dropped_from_a_command_and_a_form(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    promise_command(world, f"send the{CONTROLS} Q3 deck to {mention(ANA)} by Friday 3pm", RAJ)
    view = form_from_command(world, "", RAJ)
    submit(world, view, form_values(f"fix the\tinvoice{UNSEEN}", FRIDAY_3PM_KOLKATA))

    invoice, deck = sorted(made.what for made in promises(world))
    assert (invoice, deck.startswith("send the Q3 deck")) == ("fix the invoice", True)


def test_a_message_with_characters_no_one_can_see_is_read_without_them(
    slack_world: SlackWorld,
) -> None:
    prompt = prompt_for(
        slack_world, f"I'll get the invoice{CONTROLS} fixed for Acme by EOD tomorrow"
    )

    assert "get the invoice fixed for Acme" in words(prompt.args["blocks"])


# --- the buttons on a promise -----------------------------------------------------------------


def test_done_by_the_owner_closes_the_promise_and_tells_the_co_worker(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made_homes = Watch(world, "views.publish")
    card = promise_command(world, DECK, RAJ)
    made = newest_promise(world)
    made_homes.wait(2)  # the App Homes show the new promise, after its card was answered
    homes = Watch(world, "views.publish")
    deliver(world)  # ana already knows of the promise

    answer = click(world, "promise_done", str(made.id), RAJ, as_message(world, card))

    assert answer.args["replace_original"] is True
    assert "Marked done on time" in words(answer.args["blocks"])
    assert buttons(answer.args["blocks"]) == []
    assert promise(world, made.id).status == "done"
    [done] = events(world, made.id)[1:]
    assert (done.kind, done.data["on_time"]) == ("done", True)
    assert {call.args["user_id"] for call in homes.wait(2)} == {RAJ, ANA}
    [told] = deliver(world)
    assert told.args["channel"] == ANA
    assert f"<@{RAJ}> delivered: send the Q3 deck" in told.args["text"]


def open_home(world: SlackWorld, user: str) -> JSON:
    """`user` opens Kept's App Home: the view Kept published for them."""
    homes = Watch(world, "views.publish", for_user(user))
    send_event(world, world.slack.app_home_opened_event(user))
    published = homes.next().response
    assert published is not None
    view: JSON = published["view"]
    return view


def test_the_co_worker_may_mark_what_they_were_promised_done_from_their_app_home(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    anas_home = Watch(world, "views.publish", for_user(ANA))
    home = open_home(world, ANA)
    assert menu_choices(home["blocks"]) == [f"done:{made.id}"]  # not hers to cancel

    choose(world, ANA, f"done:{made.id}", home)

    [refreshed] = anas_home.wait(2)[1:]
    assert menu_choices(refreshed.args["view"]["blocks"]) == []
    assert promise(world, made.id).status == "done"
    assert [event.kind for event in events(world, made.id)] == ["created", "done"]


NOT_YOURS = "Only the person who made this promise can change it."


@pytest.mark.parametrize(
    ("user", "choice", "answer"),
    [
        *((ANA, f"{verb}:{{id}}", NOT_YOURS) for verb in ("more_time", "edit", "cancel")),
        *(
            (RAJ, choice, STALE)
            for choice in ("", ":1", "done", "done:", "done:１", "delete:{id}", "x" * 200)
        ),
    ],
)
def test_a_refusal_on_the_app_home_is_answered_in_a_direct_message(
    slack_world: SlackWorld, user: str, choice: str, answer: str
) -> None:
    """The App Home has no response_url: a refusal there (a forged choice, one not hers to make
    or not Kept's) goes to the person's DM with Kept, and changes nothing."""
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    home = open_home(world, user)
    told = Watch(world, "chat.postMessage")

    choose(world, user, choice.format(id=made.id), home)

    [said] = told.wait()
    assert (said.args["channel"], said.args["text"]) == (user, answer)
    assert promise(world, made.id).status == "open"
    assert world.api.calls_to("views.open") == []


def test_a_click_on_a_button_kept_does_not_know_is_answered_as_out_of_date(
    slack_world: SlackWorld,
) -> None:
    answer = click(slack_world, "promise_archive", "1", RAJ)

    assert answer.args["text"] == STALE


def test_a_form_kept_does_not_know_is_answered_under_its_first_input(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)

    response = submit(world, view | {"callback_id": "promise_form_v0"}, form_values("x"))

    assert response.json() == {"response_action": "errors", "errors": {"what": OUT_OF_DATE}}
    assert promises(world) == []


def test_a_shortcut_kept_does_not_know_is_acknowledged(slack_world: SlackWorld) -> None:
    answer = slack_world.slack.message_shortcut("archive_message", {"text": "hi", "user": ANA})

    assert (answer.status_code, answer.text) == (200, "")


def test_someone_else_cannot_cancel_a_promise(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    answer = click(world, "promise_cancel", str(made.id), BOB)

    assert "Only the person who made this promise can change it." in answer.args["text"]
    assert answer.args["replace_original"] is False
    assert promise(world, made.id).status == "open"
    assert [event.kind for event in events(world, made.id)] == ["created"]
    assert len(outbox(world)) == 1  # only the news of the promise itself


def test_done_clicked_again_says_it_is_already_done(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    homes = Watch(world, "views.publish")
    click(world, "promise_done", str(made.id), RAJ)
    homes.wait(2)

    again = click(world, "promise_done", str(made.id), RAJ)

    assert "already done" in again.args["text"]
    assert [event.kind for event in events(world, made.id)] == ["created", "done"]
    assert len(outbox(world)) == 2  # made, done: nothing told twice


@pytest.mark.parametrize(
    ("value", "answer"),
    [
        pytest.param("abc", "That button is out of date", id="not-a-number"),
        pytest.param("999999", "I can't find that promise", id="no-such-promise"),
        pytest.param("1" * 40, "That button is out of date", id="huge-number"),
        pytest.param("²", "That button is out of date", id="superscript-digit"),
        pytest.param("-1", "That button is out of date", id="negative"),
    ],
)
def test_a_forged_button_value_is_answered_and_changes_nothing(
    slack_world: SlackWorld, value: str, answer: str
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    reply = click(world, "promise_done", value, RAJ)

    assert answer in reply.args["text"]
    assert promise(world, made.id).status == "open"
    assert [event.kind for event in events(world, made.id)] == ["created"]


LATER = FRIDAY_3PM_KOLKATA + timedelta(days=1)


@pytest.mark.parametrize(
    ("metadata", "due", "error"),
    [
        pytest.param(
            {"promise": 10**23},
            FRIDAY_3PM_KOLKATA + timedelta(days=1),
            "That form is out of date",
            id="huge-id",
        ),
        pytest.param(
            {"promise": True},
            FRIDAY_3PM_KOLKATA + timedelta(days=1),
            "That form is out of date",
            id="bool-id",
        ),
        pytest.param(None, 10**15, "Pick a date in the next ten years.", id="year-31690708"),
    ],
)
def test_a_forged_form_is_answered_under_its_field_and_changes_nothing(
    slack_world: SlackWorld, metadata: JSON | None, due: datetime | int, error: str
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)
    if metadata is not None:
        view = {**view, "private_metadata": json.dumps(metadata)}
    values = form_values(note="late", due=due if isinstance(due, datetime) else None)
    if isinstance(due, int):
        values["due"]["due"]["selected_date_time"] = due

    answer = submit(world, view, values)

    assert error in json.dumps(answer.json()["errors"])
    assert promise(world, made.id).due_at == made.due_at
    assert [event.kind for event in events(world, made.id)] == ["created"]


def test_edit_rewords_the_promise_and_keeps_its_due_time(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    view = click_to_open(world, "promise_edit", str(made.id), RAJ)
    assert block(view, "what")["element"]["initial_value"] == made.what

    submit(world, view, form_values("send the Q3 deck with the appendix"))

    edited = promise(world, made.id)
    assert (edited.what, edited.due_at) == ("send the Q3 deck with the appendix", made.due_at)
    assert [event.kind for event in events(world, made.id)] == ["created", "edited"]


# --- need more time ---------------------------------------------------------------------------


def test_need_more_time_opens_its_form_for_the_owner(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)

    assert view["callback_id"] == "more_time_form"
    assert json.loads(view["private_metadata"])["promise"] == made.id
    assert block(view, "due")["element"]["initial_date_time"] == int(FRIDAY_3PM_KOLKATA.timestamp())
    assert "note" in {b.get("block_id") for b in view["blocks"]}


def test_a_form_sent_again_changes_nothing_more(slack_world: SlackWorld) -> None:
    """Slack sends a form once; the same one again is a replay, even with other values."""
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)
    monday = form_values(due=MONDAY_10AM_KOLKATA, note="waiting on finance")
    submit(world, view, monday)
    later = form_values(due=MONDAY_10AM_KOLKATA + timedelta(days=7), note="and again")

    again = submit(world, view, later)

    assert again.json()["errors"] == {"due": SENT_ALREADY}
    assert promise(world, made.id).due_at == MONDAY_10AM_KOLKATA
    assert [e.kind for e in events(world, made.id)] == ["created", "renegotiated"]


def test_a_new_promise_form_sent_twice_at_once_makes_one_promise(slack_world: SlackWorld) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)
    values = form_values("send the Q3 deck", FRIDAY_3PM_KOLKATA, counterpart=ANA)

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda _: submit(world, view, values), range(4)))

    assert sorted(a.text == "" for a in answers) == [False, False, False, True]
    assert len(promises(world)) == 1
    assert [row.recipient for row in outbox(world)] == [ANA]


def test_tracking_one_message_twice_with_the_shortcut_makes_one_promise(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    rajs_message = {
        "user": RAJ,
        "text": "I'll send the deck by Friday 3pm",
        "ts": "1700000001.000100",
    }
    views = []
    for _ in range(2):
        opened = Watch(world, "views.open")
        accepted(world.slack.message_shortcut("track_promise", rajs_message, RAJ))
        views.append(opened_view(opened.next()))
    values = form_values("send the deck", FRIDAY_3PM_KOLKATA)

    first, second = (submit(world, view, values, RAJ) for view in views)

    assert first.text == ""
    assert "tracked this one already" in second.json()["errors"]["what"]
    assert len(promises(world)) == 1


def test_a_command_sent_again_is_handled_once(slack_world: SlackWorld) -> None:
    world = slack_world
    fields = world.slack.command_fields("/promise", DECK, RAJ)
    answers = Watch(world, "response_url", to_url(fields["response_url"]))

    for _ in range(3):
        accepted(world.slack.post_form(fields))
    answers.next()  # the deck, tracked
    promise_command(world, INVOICE, RAJ)  # after it: had a copy been handled, it would show

    assert len(answers.new()) == 1
    assert len(promises(world)) == 2


@pytest.mark.parametrize("action_id", ["promise_more_time", "promise_edit"])
def test_a_form_slack_fails_to_open_once_is_opened_and_twice_is_answered_in_words(
    slack_world: SlackWorld, action_id: str
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    world.api.fail_next("views.open", status=500)
    opened = Watch(world, "views.open", lambda call: call.ok)
    accepted(world.slack.block_action(action_id, str(made.id), RAJ))
    assert "private_metadata" in opened_view(opened.next())

    world.api.fail_next("views.open", status=500, times=2)
    answer = click(world, action_id, str(made.id), RAJ)
    assert "Slack didn't let me open the form in time. Please try again." in answer.args["text"]


def test_need_more_time_is_refused_to_anyone_but_the_owner(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    answer = click(world, "promise_more_time", str(made.id), BOB)

    assert "Only the person who made this promise can change it." in answer.args["text"]
    assert world.api.calls_to("views.open") == []


def test_asking_for_more_time_early_moves_the_due_time_and_tells_the_co_worker_why(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    deliver(world)
    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)
    note = "The numbers came in late; Monday morning is safe."

    submit(world, view, form_values(due=MONDAY_10AM_KOLKATA, note=note))

    assert promise(world, made.id).due_at == MONDAY_10AM_KOLKATA
    [moved] = events(world, made.id)[1:]
    assert moved.kind == "renegotiated"
    assert (moved.data["early"], moved.data["note"]) == (True, note)
    [told] = deliver(world)
    assert told.args["channel"] == ANA
    assert "needs more time" in told.args["text"]
    assert note in told.args["text"]


def test_more_time_to_an_earlier_date_moves_nothing_and_offers_to_bring_it_forward(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    deliver(world)
    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)
    thursday = FRIDAY_3PM_KOLKATA - timedelta(days=1)

    answer = submit(world, view, form_values(due=thursday, note="ready early")).json()

    assert answer["response_action"] == "update"
    offer = {**answer["view"], "id": view.get("id")}  # Slack keeps the view's id on update
    assert offer["callback_id"] == "sooner_form"
    assert "isn't more time" in json.dumps(offer["blocks"])
    assert promise(world, made.id).due_at == FRIDAY_3PM_KOLKATA
    assert deliver(world) == []  # ana hears nothing of a time that was not asked for

    assert submit(world, offer, {}).text == ""

    assert promise(world, made.id).due_at == thursday
    [moved] = events(world, made.id)[1:]
    assert (moved.kind, moved.data["note"]) == ("brought_forward", "ready early")
    [told] = deliver(world)
    assert told.args["channel"] == ANA
    assert "will deliver sooner" in told.args["text"]


def test_a_bring_it_forward_form_for_someone_else_is_refused(slack_world: SlackWorld) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    view = click_to_open(world, "promise_more_time", str(made.id), RAJ)
    thursday = FRIDAY_3PM_KOLKATA - timedelta(days=1)
    offer = submit(world, view, form_values(due=thursday)).json()["view"]

    forged = submit(world, {**offer, "id": view.get("id")}, {}, BOB)

    assert forged.json()["response_action"] == "errors"
    assert promise(world, made.id).due_at == FRIDAY_3PM_KOLKATA


def test_every_co_worker_named_is_told_and_any_of_them_may_mark_it_received(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    answer = promise_command(
        world, f"send the Q3 deck to {mention(ANA)} and {mention(BOB)} by Friday 3pm", RAJ
    )
    assert f"I've told <@{ANA}> and <@{BOB}>." in json.dumps(answer.args)
    made = newest_promise(world)

    told = deliver(world)

    assert sorted(call.args["channel"] for call in told) == sorted([ANA, BOB])
    click(world, "promise_done", str(made.id), BOB)
    assert promise(world, made.id).status == "done"
    [received] = deliver(world)
    assert received.args["channel"] == RAJ


# --- the list and the App Home ----------------------------------------------------------------


def three_promises(world: SlackWorld) -> tuple[Promise, Promise, Promise]:
    """Given: raj owes ana the deck (Friday) and Acme the invoice (Wednesday); ana owes raj notes
    (Thursday). Then the clock passes the invoice's due time."""
    deck = make_promise(world, DECK, RAJ)
    invoice = make_promise(world, INVOICE, RAJ)
    notes = make_promise(world, NOTES, ANA)
    world.clock.set(TOMORROW_10AM_KOLKATA + timedelta(hours=1))
    return deck, invoice, notes


def assert_lists_rajs_promises(blocks: list[JSON], deck: Promise, invoice: Promise) -> None:
    shown = words(listed(blocks))
    owe, owed = shown.index("What you owe"), shown.index("Owed to you")
    invoice_at, deck_at, notes_at = (
        shown.index("fix the invoice"),
        shown.index("send the Q3 deck"),
        shown.index("send the notes"),
    )
    assert owe < invoice_at < deck_at < owed < notes_at  # soonest first, then owed to raj
    invoice_line = next(line for line in shown.splitlines() if "fix the invoice" in line)
    deck_line = next(line for line in shown.splitlines() if "send the Q3 deck" in line)
    assert "(overdue)" in invoice_line
    assert "(overdue)" not in deck_line
    assert f"done:{invoice.id}" in menu_choices(blocks)
    assert f"cancel:{deck.id}" in menu_choices(blocks)


def test_the_list_shows_what_i_owe_and_what_i_am_owed_soonest_first(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    deck, invoice, _ = three_promises(world)

    answer = promise_command(world, "list", RAJ)

    assert answer.args["response_type"] == "ephemeral"
    assert_lists_rajs_promises(answer.args["blocks"], deck, invoice)


def test_the_app_home_shows_the_same_list(slack_world: SlackWorld) -> None:
    world = slack_world
    deck, invoice, _ = three_promises(world)
    rajs_home = Watch(world, "views.publish", for_user(RAJ))

    send_event(world, world.slack.app_home_opened_event(RAJ))

    home = rajs_home.next().args["view"]
    assert home["type"] == "home"
    assert_lists_rajs_promises(home["blocks"], deck, invoice)


def test_the_menu_in_the_list_marks_a_promise_done(slack_world: SlackWorld) -> None:
    world = slack_world
    _, invoice, _ = three_promises(world)
    the_list = promise_command(world, "list", RAJ)
    homes = Watch(world, "views.publish", for_user(RAJ))
    answer = Watch(world, "response_url")

    choose(world, RAJ, f"done:{invoice.id}", as_message(world, the_list))

    assert "Marked done late" in words(answer.next().args["blocks"])
    assert promise(world, invoice.id).status == "done"
    [done] = events(world, invoice.id)[1:]
    assert (done.kind, done.data["on_time"]) == ("done", False)
    assert f"done:{invoice.id}" not in menu_choices(homes.next().args["view"]["blocks"])


# --- noticing promises in channels ------------------------------------------------------------


def prompt_for(world: SlackWorld, text: str, author: str = ANA) -> Call:
    """`author` says `text` in #general: the "Track this?" Kept shows them."""
    prompts = Watch(world, "chat.postEphemeral")
    send_event(world, world.slack.message_event(text, author, GENERAL))
    return prompts.next()


def test_a_promise_said_in_a_channel_gets_a_track_this_for_its_author_only(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)

    assert (prompt.args["channel"], prompt.args["user"]) == (GENERAL, ANA)
    assert "get the invoice fixed for Acme" in words(prompt.args["blocks"])
    assert [label for label, _, _ in buttons(prompt.args["blocks"])] == [
        "Track",
        "Edit",
        "Not a promise",
    ]
    assert world.api.post_messages() == []
    assert promises(world) == []  # nothing is tracked silently


@pytest.mark.parametrize(
    ("said", "answered"),
    [("help", "/promise send"), ("Hi!", "/promise send"), ("list", "What you owe")],
)
def test_help_or_list_written_to_kept_is_answered_in_its_direct_messages(
    slack_world: SlackWorld, said: str, answered: str
) -> None:
    world = slack_world
    make_promise(world, DECK, ANA)
    told = Watch(world, "chat.postMessage", lambda call: call.args.get("channel") == "D00000ANA")

    send_event(world, world.slack.message_event(said, ANA, "D00000ANA"))

    assert answered in words(told.next().args["blocks"])


def test_chatter_questions_hedges_bots_edits_and_retries_get_no_prompt(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    slack = world.slack
    first = slack.message_event(SAID_IN_CHANNEL, ANA, GENERAL)
    prompts = Watch(world, "chat.postEphemeral")
    send_event(world, first, event_id="Ev00PROMISE1")
    prompts.wait(1)

    send_event(world, slack.message_event("lunch at noon?", ANA, GENERAL))
    send_event(world, slack.message_event("can you send it by Monday?", ANA, GENERAL))
    send_event(world, slack.message_event("I'll try to send it by Friday", ANA, GENERAL))
    send_event(world, slack.message_event(SAID_IN_CHANNEL, None, GENERAL, bot_id="B0OTHER01"))
    send_event(world, slack.message_changed_event(SAID_IN_CHANNEL, "invoice later", first["ts"]))
    send_event(world, first, event_id="Ev00PROMISE1", retry_num=1)
    # A promise said after them all: once its prompt shows, the others had their chance.
    send_event(world, slack.message_event("I'll send the deck to Acme by Friday 3pm", ANA, GENERAL))
    prompts.wait(2)

    assert [call.args["user"] for call in world.api.calls_to("chat.postEphemeral")] == [ANA, ANA]
    assert "send the deck" in words(prompts.new()[-1].args["blocks"])


def test_a_promise_said_by_someone_slack_does_not_know_gets_no_prompt_and_no_error(
    slack_world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = slack_world
    asked = Watch(world, "users.info")
    send_event(world, world.slack.message_event(SAID_IN_CHANNEL, "U0GHOST000", GENERAL))
    asked.next()  # Slack said no such user; a promise said after it shows it was passed over

    prompt = prompt_for(world, "I'll send the deck to Acme by Friday 3pm", ANA)

    assert [call.args["user"] for call in world.api.calls_to("chat.postEphemeral")] == [ANA]
    assert "send the deck" in words(prompt.args["blocks"])
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_a_prompt_slack_refuses_to_show_is_one_line_in_the_log(
    slack_world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = slack_world
    world.api.fail_next("chat.postEphemeral", error="user_not_in_channel")
    prompt_for(world, SAID_IN_CHANNEL, ANA)  # the one Slack refused

    prompt_for(world, "I'll send the deck to Acme by Friday 3pm", ANA)

    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [(r.levelname, r.exc_info) for r in logged] == [("WARNING", None)]
    assert "chat.postEphemeral (user_not_in_channel)" in logged[0].getMessage()


def track_value(prompt: Call) -> str:
    """What the prompt's Track button carries."""
    [value] = [v for _, action, v in buttons(prompt.args["blocks"]) if action == "track_suggestion"]
    return value


def test_promises_said_at_once_by_someone_kept_has_not_met_each_get_a_prompt(
    slack_world: SlackWorld,
) -> None:
    world = slack_world  # bob has never used Kept: each message asks Slack who he is
    prompts = Watch(world, "chat.postEphemeral")
    said = [
        world.slack.message_event(f"I'll send report {n} to Acme by Friday 3pm", BOB, GENERAL)
        for n in range(1, 6)
    ]

    with ThreadPoolExecutor(len(said)) as slack:
        list(slack.map(lambda event: send_event(world, event), said))

    assert len(prompts.wait(len(said))) == len(said)


def test_track_makes_the_promise_owned_by_whoever_said_it(slack_world: SlackWorld) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)

    answer = click(world, "track_suggestion", track_value(prompt), ANA, as_message(world, prompt))

    assert "get the invoice fixed for Acme" in words(answer.args["blocks"])
    [tracked] = promises(world)
    assert (tracked.owner.user_id, tracked.customer_name) == (ANA, "Acme")
    assert (tracked.due_at, tracked.source) == (TOMORROW_EOD_NEW_YORK, "detected")


def test_tracking_turns_the_prompt_into_the_promise(slack_world: SlackWorld) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)

    answer = click(world, "track_suggestion", track_value(prompt), ANA, as_message(world, prompt))

    # The "Track this?" gives way to the promise's card: no Track button is left to click twice.
    assert answer.args["replace_original"] is True
    assert "track_suggestion" not in [action for _, action, _ in buttons(answer.args["blocks"])]


FORGED_SUGGESTION = json.dumps(
    {
        "what": "<!channel> reset: <http://evil.example|https://kept.example/login>",
        "due": int(FRIDAY_3PM_KOLKATA.timestamp()),
        "grain": "hour",
        "counterpart": RAJ,
        "customer": None,
    }
)


@pytest.mark.parametrize("clicker", [ANA, BOB])
@pytest.mark.parametrize("action", ["track_suggestion", "track_suggestion_edit"])
def test_a_track_value_kept_did_not_seal_for_the_clicker_tracks_nothing(
    slack_world: SlackWorld, clicker: str, action: str
) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)
    anas = track_value(prompt)
    forged = anas if clicker == BOB else FORGED_SUGGESTION  # Ana's own value, or words of Bob's

    answer = click(world, action, forged, clicker)

    assert answer.args["text"] == STALE
    assert promises(world) == [] and world.api.calls_to("views.open") == []


def test_one_message_tracks_one_promise_from_any_prompt(slack_world: SlackWorld) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)
    value = track_value(prompt)

    click(world, "track_suggestion", value, ANA, as_message(world, prompt))
    again = click(world, "track_suggestion", value, ANA)  # as if from another prompt

    assert len(promises(world)) == 1
    assert "tracked this one already" in words(again.args["blocks"])


def test_one_message_said_again_under_another_event_id_gets_one_prompt(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    said = world.slack.message_event(SAID_IN_CHANNEL, ANA, GENERAL)
    prompts = Watch(world, "chat.postEphemeral")
    send_event(world, said, event_id="Ev00000SAID1")
    prompts.wait(1)

    send_event(world, said, event_id="Ev00000SAID2")
    prompt_for(world, "I'll send the deck to Acme by Friday 3pm", ANA)  # after it, in order

    assert len(prompts.new()) == 2


def test_not_a_promise_removes_the_prompt(slack_world: SlackWorld) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)

    answer = click(world, "not_a_promise", "no", ANA, as_message(world, prompt))

    assert answer.args == {"delete_original": True}
    assert promises(world) == []


# --- the message shortcut ---------------------------------------------------------------------


def test_tracking_a_co_workers_message_opens_the_form_asking_them_to_track_it(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    anas_message = {"user": ANA, "text": "I'll send the deck by Friday 3pm"}
    opened = Watch(world, "views.open")

    accepted(world.slack.message_shortcut("track_promise", anas_message, RAJ))

    view = opened_view(opened.next())
    assert view["callback_id"] == "promise_form"
    assert f"<@{ANA}> wrote this, so I'll ask them to confirm" in words(view["blocks"])
    assert view["submit"]["text"] == "Ask them"
    assert block(view, "counterpart")["element"]["initial_user"] == RAJ
    assert block(view, "what")["element"]["initial_value"] == "send the deck"
    friday_3pm_new_york = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert block(view, "due")["element"]["initial_date_time"] == int(
        friday_3pm_new_york.timestamp()
    )
    assert promises(world) == []


def test_tracking_a_long_message_keeps_its_words_in_the_form(slack_world: SlackWorld) -> None:
    world = slack_world
    long_message = {"user": RAJ, "text": "I'll send the notes " + "and more notes " * 300}
    opened = Watch(world, "views.open")

    accepted(world.slack.message_shortcut("track_promise", long_message, RAJ))

    view = opened.next().args["view"]
    what = block(view, "what")["element"]["initial_value"]
    assert what.startswith("I'll send the notes and more notes") and len(what) <= 1000
    assert "a promise fits in 1,000" in words(view["blocks"])


def ask_ana(world: SlackWorld, what: str = "approve Raj's raise") -> tuple[Call, Call]:
    """Raj tracks Ana's message as her promise to him: (what Ana is sent, what Raj is told)."""
    opened = Watch(world, "views.open")
    accepted(world.slack.message_shortcut("track_promise", {"user": ANA, "text": what}, RAJ))
    view = opened_view(opened.next())
    posted = Watch(world, "chat.postMessage")
    submit(world, view, form_values(what, due=FRIDAY_3PM_KOLKATA, counterpart=RAJ), RAJ)
    first, second = posted.wait(2)
    return (first, second) if first.args["channel"] == ANA else (second, first)


def test_someone_elses_message_becomes_their_promise_only_when_they_track_it(
    slack_world: SlackWorld,
) -> None:
    world = slack_world

    to_ana, to_raj = ask_ana(world)

    assert promises(world) == []  # nothing is Ana's until she says so
    assert f"<@{RAJ}> wants to track this as your promise to <@{RAJ}>" in words(
        to_ana.args["blocks"]
    )
    assert [label for label, _, _ in buttons(to_ana.args["blocks"])] == [
        "Track",
        "Edit",
        "Not mine",
    ]
    assert f"I've asked <@{ANA}> to confirm" in words(to_raj.args["blocks"])

    answer = click(world, "track_suggestion", track_value(to_ana), ANA, as_message(world, to_ana))

    [tracked] = promises(world)
    assert tracked.counterpart is not None
    assert (tracked.owner.user_id, tracked.counterpart.user_id) == (ANA, RAJ)
    assert tracked.what == "approve Raj's raise"
    assert [(e.kind, e.actor_id) for e in events(world, tracked.id)] == [
        ("created", tracked.owner_id)  # the history names who made it: Ana
    ]
    assert "approve Raj's raise" in words(answer.args["blocks"])


def test_someone_asked_to_track_a_promise_may_say_it_is_not_theirs(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    to_ana, _ = ask_ana(world)
    [(_, not_mine, value)] = [b for b in buttons(to_ana.args["blocks"]) if b[0] == "Not mine"]
    told = Watch(world, "chat.postMessage")

    answer = click(world, not_mine, value, ANA, as_message(world, to_ana))

    assert answer.args["replace_original"] is True
    assert f"I've told <@{RAJ}>" in words(answer.args["blocks"])
    [to_raj] = told.wait()
    assert to_raj.args["channel"] == RAJ
    assert f"<@{ANA}> says this isn't their promise: *approve Raj's raise*" in to_raj.args["text"]
    assert promises(world) == []


@pytest.mark.parametrize("first", ["Not mine", "Track"])
def test_not_mine_after_an_answer_tells_no_one_again(slack_world: SlackWorld, first: str) -> None:
    world = slack_world
    to_ana, _ = ask_ana(world)
    pressed = {label: (action, value) for label, action, value in buttons(to_ana.args["blocks"])}
    click(world, *pressed[first], ANA, as_message(world, to_ana))
    told = Watch(world, "chat.postMessage", for_channel(RAJ))

    again = click(world, *pressed["Not mine"], ANA, as_message(world, to_ana))

    said = "You said so already" if first == "Not mine" else "You tracked this one already"
    assert said in words(again.args["blocks"])
    assert told.new() == []


@pytest.mark.parametrize("forged", ["no", "{}", '{"asked_by": "U0000BOB0"}', "reseal-for-bob"])
def test_a_forged_not_mine_tells_no_one(slack_world: SlackWorld, forged: str) -> None:
    world = slack_world
    to_ana, _ = ask_ana(world)
    [(_, not_mine, value)] = [b for b in buttons(to_ana.args["blocks"]) if b[0] == "Not mine"]
    if forged == "reseal-for-bob":  # Ana's sealed value, clicked by Bob
        forged, clicker = value, BOB
    else:
        clicker = ANA
    told = Watch(world, "chat.postMessage")

    answer = click(world, not_mine, forged, clicker, as_message(world, to_ana))

    assert answer.args["text"] == STALE
    assert told.new() == []


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda meta: {**meta, "owner": ANA}, id="owner"),
        pytest.param(lambda meta: {**meta, "author": None}, id="author-dropped"),
        pytest.param(lambda meta: {**meta, "response_url": "http://127.0.0.1:9/evil"}, id="url"),
        pytest.param(lambda meta: {**meta, "for": ANA}, id="for-someone-else"),
        pytest.param(lambda meta: {k: v for k, v in meta.items() if k != "seal"}, id="no-seal"),
    ],
)
def test_a_forms_forged_metadata_is_refused_and_changes_nothing(
    slack_world: SlackWorld, forge: Callable[[JSON], JSON]
) -> None:
    world = slack_world
    opened = Watch(world, "views.open")
    accepted(world.slack.message_shortcut("track_promise", {"user": ANA, "text": "ok"}, RAJ))
    view = opened_view(opened.next())
    forged = {**view, "private_metadata": json.dumps(forge(json.loads(view["private_metadata"])))}
    posted = Watch(world, "chat.postMessage")

    answer = submit(world, forged, form_values("approve my raise", FRIDAY_3PM_KOLKATA, RAJ), RAJ)

    assert "That form is out of date. Open it again." in json.dumps(answer.json()["errors"])
    assert promises(world) == []
    assert posted.new() == []


def test_a_form_submitted_by_someone_else_than_it_was_opened_for_is_refused(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    view = form_from_command(world, "", RAJ)

    answer = submit(world, view, form_values("send the deck", FRIDAY_3PM_KOLKATA), BOB)

    assert "That form is out of date" in json.dumps(answer.json()["errors"])
    assert promises(world) == []


def test_track_pressed_again_on_one_prompt_tracks_once_and_says_so(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    prompt = prompt_for(world, SAID_IN_CHANNEL, ANA)
    clicked_in = as_message(world, prompt)

    first = click(world, "track_suggestion", track_value(prompt), ANA, clicked_in)
    again = [click(world, "track_suggestion", track_value(prompt), ANA, clicked_in) for _ in "ab"]

    [tracked] = promises(world)
    assert "get the invoice fixed for Acme" in words(first.args["blocks"])
    for answer in again:
        assert "You tracked this one already" in words(answer.args["blocks"])
        assert not answer.args.get("replace_original")  # the promise's card stays
    assert tracked.owner.user_id == ANA


@pytest.mark.parametrize("status", [500, 503, 429])
def test_slack_failing_once_to_say_who_someone_is_is_asked_again(
    slack_world: SlackWorld, status: int
) -> None:
    world = slack_world
    world.api.fail_next("users.info", status=status, retry_after=1 if status == 429 else None)

    answer = promise_command(world, DECK, RAJ)

    assert answer.args["text"].startswith("Tracked"), answer.args["text"]
    assert newest_promise(world).owner.user_id == RAJ


def test_slack_failing_at_the_response_url_and_in_the_direct_messages_still_gets_the_answer(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    world.api.fail_next("response_url", status=500)
    world.api.fail_next("chat.postMessage", status=500)
    answered = Watch(world, "response_url", lambda call: call.ok)

    accepted(world.slack.command("/promise", DECK, RAJ))

    [call] = answered.wait()
    assert call.args["text"].startswith("Tracked"), call.args["text"]


def test_a_permission_kept_was_installed_without_is_named_to_the_person(
    slack_world: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = slack_world
    world.api.scopes = world.api.scopes - {"users:read"}

    with caplog.at_level(logging.WARNING, logger="bot.handlers.slack.errors"):
        answer = promise_command(world, DECK, RAJ)

    assert "hasn't given Kept the `users:read` permission" in answer.args["text"]
    assert "reinstall Kept" in answer.args["text"]
    assert "grant users:read" in caplog.text


@pytest.mark.parametrize("method", ["views.open", "response_url"])
def test_a_listener_call_whose_connection_was_reset_is_made_again(
    slack_world: SlackWorld, method: str
) -> None:
    world = slack_world
    world.api.reset_next(method)
    answered = Watch(world, method, lambda call: call.ok)

    accepted(world.slack.command("/promise", "" if method == "views.open" else DECK, RAJ))

    [call] = answered.wait()
    assert world.api.dropped == [method]
    assert "callback_id" in json.dumps(call.args) or call.args["text"].startswith("Tracked")


@pytest.mark.parametrize("method", ["views.open", "response_url"])
def test_slack_asking_a_listener_to_slow_down_is_waited_for_and_asked_again(
    slack_world: SlackWorld, method: str
) -> None:
    world = slack_world
    world.api.fail_next(method, status=429, retry_after=1)
    answered = Watch(world, method, lambda call: call.ok)

    if method == "views.open":
        accepted(world.slack.command("/promise", "", RAJ))
    else:
        accepted(world.slack.command("/promise", DECK, RAJ))

    [call] = answered.wait()
    assert [c.status for c in world.api.calls_to(method)] == [429, 200]
    assert "callback_id" in json.dumps(call.args) or call.args["text"].startswith("Tracked")
