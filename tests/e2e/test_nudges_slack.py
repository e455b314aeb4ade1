"""Nudges on Slack, end to end: the real app, its scheduled jobs, and Slack's side faked.

raj (Kolkata) and ana (New York) make promises with `/promise`; bob (London) manages raj when
a story says so. The clock stands at Tuesday 24 November 2026, 14:00 UTC until a story moves it
(`world.clock.set`/`advance`); each time it moves, the jobs run once, as the clock process
does every minute: the sweep, then the outbox drain.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from bot.bootstrap import build
from bot.clock import FixedClock
from bot.domain.people import Profile
from bot.services import promises as promise_service
from bot.settings import load_settings
from bot.store.models import OutboxMessage
from tests.e2e.conftest import ROOT, SIGNING_SECRET, RunBot, SlackWorld
from tests.e2e.test_slack_promises import (
    ANA,
    BOB,
    JSON,
    RAJ,
    Watch,
    accepted,
    as_message,
    buttons,
    click,
    deliver,
    events,
    form_values,
    make_promise,
    mention,
    outbox,
    promise,
    submit,
    to_url,
    words,
)
from tests.fakes.directory import FakeDirectory
from tests.fakes.slack_api import DEFAULT_TOKEN, Call, FakeSlackAPI
from tests.fakes.wall_clock import KOLKATA, NEW_YORK, as_read, in_working_hours, local_time

DECK = f"send the Q3 deck to {mention(ANA)} by Friday 3pm"  # raj's, to ana
INVOICE = "fix the invoice for Acme by Friday 3pm"  # raj's, to a customer
# When raj hears of a promise due Friday 15:00 in Kolkata (config/kept.toml's plan).
HEADS_UP = local_time(KOLKATA, "Thu 26 Nov 09:00")
FINAL_CHECK = local_time(KOLKATA, "Fri 27 Nov 13:00")
DEADLINE = local_time(KOLKATA, "Fri 27 Nov 15:00")
OVERDUE = local_time(KOLKATA, "Mon 30 Nov 09:00")
ESCALATION = local_time(KOLKATA, "Tue 1 Dec 09:00")


# --- time passing, and what Slack shows ---------------------------------------------------------


def at(world: SlackWorld, instant: datetime, person: str | None = None) -> list[Call]:
    """The clock reaches `instant` and the jobs run: the direct messages sent (to `person`)."""
    world.clock.set(instant)
    sent = deliver(world)
    return [call for call in sent if person is None or call.args["channel"] == person]


def walk(world: SlackWorld, person: str, until: datetime) -> list[tuple[datetime, Call]]:
    """The jobs run every half hour until `until`: each message to `person`, with when it came."""
    heard, instant = [], world.clock.now()
    while instant <= until:
        heard += [(instant, call) for call in at(world, instant, person)]
        instant += timedelta(minutes=30)
    return heard


def open_from(world: SlackWorld, message: Call, action_id: str, user: str) -> tuple[JSON, Watch]:
    """`user` clicks a button on a message Kept sent: the form it opened, and a watch on the
    click's response_url, where Kept answers in place of the message."""
    promise_id = buttons(message.args["blocks"])[0][2]
    payload = world.slack.block_action_payload(
        action_id, promise_id, user, message=as_message(world, message)
    )
    opened = Watch(world, "views.open")
    answer = Watch(world, "response_url", to_url(payload["response_url"]))
    accepted(world.slack.interactive(payload))
    view: JSON = opened.next().args["view"]
    return view, answer


def with_managers(world: SlackWorld, tmp_path: Path, managers: dict[str, str]) -> None:
    """The running Kept reads `[nudges] managers` from a config file of the story's own."""
    config = tmp_path / "managers.toml"
    table = ", ".join(f'{person} = "{manager}"' for person, manager in managers.items())
    config.write_text(f"[nudges]\nmanagers = {{ {table} }}\n", "utf-8")
    loaded = load_settings(
        {"DATABASE_URL": world.kept.settings.database_url, "KEPT_CONFIG": str(config)}
    )
    world.kept.settings = dataclasses.replace(world.kept.settings, nudges=loaded.nudges)


def nudge_rows(world: SlackWorld) -> list[OutboxMessage]:
    return [row for row in outbox(world) if row.kind == "nudge"]


# --- each stage, in the owner's working hours ---------------------------------------------------


def test_raj_in_kolkata_hears_of_his_promise_at_each_stage_in_his_working_hours(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)

    heard = walk(world, RAJ, until=local_time(KOLKATA, "Wed 2 Dec 17:00"))

    assert [as_read(instant, KOLKATA) for instant, _ in heard] == [
        "Thu 26 Nov 09:00",
        "Fri 27 Nov 13:00",
        "Fri 27 Nov 15:00",
        "Mon 30 Nov 09:00",
    ]
    assert all(in_working_hours(instant, KOLKATA) for instant, _ in heard)
    heads_up, final_check, deadline, overdue = (call.args["text"] for _, call in heard)
    assert heads_up.startswith("Heads-up: send the Q3 deck")
    assert "is due <!date^" in heads_up and "|Fri 27 Nov, 15:00>" in heads_up
    assert final_check.startswith(f"On track? send the Q3 deck to <@{ANA}|ana>, due <!date^")
    assert deadline.endswith("Did you deliver it?")
    assert "is still open" in overdue and f"Or tell <@{ANA}> the new date now." in overdue
    nudged = [e.data["stage"] for e in events(world, made.id) if e.kind == "nudged"]
    assert nudged == ["heads_up", "final_check", "at_deadline", "overdue"]


def test_ana_in_new_york_hears_of_her_promise_at_her_own_local_times(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    make_promise(world, f"send the notes to {mention(RAJ)} by Friday 3pm", ANA)

    heard = walk(world, ANA, until=local_time(NEW_YORK, "Wed 2 Dec 17:00"))

    assert [as_read(instant, NEW_YORK) for instant, _ in heard] == [
        "Thu 26 Nov 09:00",
        "Fri 27 Nov 13:00",
        "Fri 27 Nov 15:00",
        "Mon 30 Nov 09:00",
    ]
    assert all(in_working_hours(instant, NEW_YORK) for instant, _ in heard)
    assert "|Fri 27 Nov, 15:00>" in heard[0][1].args["text"]  # her 15:00, not raj's


# --- the final check and its buttons ------------------------------------------------------------


def test_the_final_check_asks_on_track_with_done_on_track_and_need_more_time(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    at(world, HEADS_UP)

    [final_check] = at(world, FINAL_CHECK, RAJ)

    assert "On track?" in words(final_check.args["blocks"])
    assert buttons(final_check.args["blocks"]) == [
        ("Done", "promise_done", str(made.id)),
        ("On track", "promise_on_track", str(made.id)),
        ("Need more time", "promise_more_time", str(made.id)),
    ]


def test_on_track_answers_in_place_and_quiets_the_deadlines_question_not_the_overdue_one(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    at(world, HEADS_UP)
    [final_check] = at(world, FINAL_CHECK, RAJ)

    answer = click(world, "promise_on_track", str(made.id), RAJ, as_message(world, final_check))

    assert answer.args["replace_original"] is True
    assert "On track, noted" in words(answer.args["blocks"])
    assert events(world, made.id)[-1].kind == "on_track"
    assert at(world, DEADLINE) == []  # quiet: nobody asks "did you deliver it?"
    [overdue] = at(world, OVERDUE)
    assert overdue.args["channel"] == RAJ
    assert "is still open" in overdue.args["text"]


# --- Need more time, from a nudge ---------------------------------------------------------------


def test_need_more_time_before_the_deadline_is_early_and_the_co_worker_gets_the_note(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    at(world, HEADS_UP)  # ana heard of the promise when it was made; raj had his heads-up
    [final_check] = at(world, FINAL_CHECK, RAJ)
    view, answer = open_from(world, final_check, "promise_more_time", RAJ)
    new_due = local_time(KOLKATA, "Mon 30 Nov 10:00")

    submit(world, view, form_values(due=new_due, note="The numbers came in late."))

    assert answer.next().args["replace_original"] is True
    assert promise(world, made.id).due_at == new_due
    moved = events(world, made.id)[-1]
    assert (moved.kind, moved.data["early"], moved.data["note"]) == (
        "renegotiated",
        True,
        "The numbers came in late.",
    )
    [told] = deliver(world)
    assert told.args["channel"] == ANA
    assert told.args["text"] == (
        f"<@{RAJ}> needs more time for send the Q3 deck to <@{ANA}|ana>: now due"
        " Sun 29 Nov, 23:30. Their note: “The numbers came in late.”"  # ana's Sunday night
    )
    assert at(world, DEADLINE, RAJ) == []  # Friday's question is gone with Friday's date
    [final_for_monday] = at(world, local_time(KOLKATA, "Fri 27 Nov 16:30"), RAJ)
    assert "On track?" in final_for_monday.args["text"]


def test_need_more_time_for_a_customer_asks_raj_to_tell_them_and_records_when_he_did(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, INVOICE, RAJ)
    at(world, HEADS_UP)
    [final_check] = at(world, FINAL_CHECK, RAJ)
    view, answer = open_from(world, final_check, "promise_more_time", RAJ)
    assert "What you'll tell Acme" in str(view["blocks"])

    submit(world, view, form_values(due=local_time(KOLKATA, "Mon 30 Nov 10:00"), note="bank"))

    card = answer.next()
    assert card.args["replace_original"] is True
    assert "Now tell Acme" in words(card.args["blocks"])
    assert buttons(card.args["blocks"]) == [("I've told them", "customer_told", str(made.id))]
    assert deliver(world) == []  # Kept cannot reach Acme: raj does
    world.clock.advance(timedelta(minutes=20))  # raj calls Acme, then clicks

    told = click(world, "customer_told", str(made.id), RAJ, as_message(world, card))

    assert "Noted that you told them" in words(told.args["blocks"])
    informed = events(world, made.id)[-1]
    assert (informed.kind, informed.data, informed.at) == (
        "customer_informed",
        {"before_deadline": True},
        FINAL_CHECK + timedelta(minutes=20),
    )


def test_need_more_time_from_the_overdue_reminder_is_late_and_is_not_called_early(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, INVOICE, RAJ)
    [overdue] = at(world, OVERDUE, RAJ)
    view, answer = open_from(world, overdue, "promise_more_time", RAJ)

    submit(world, view, form_values(due=local_time(KOLKATA, "Wed 2 Dec 12:00"), note="sorry"))

    card = answer.next()
    assert events(world, made.id)[-1].data["early"] is False
    assert "Now tell Acme" in words(card.args["blocks"])
    click(world, "customer_told", str(made.id), RAJ, as_message(world, card))
    assert events(world, made.id)[-1].data == {"before_deadline": False}
    assert "before the old deadline passes" not in words(card.args["blocks"]), "it has passed"


# --- escalation ---------------------------------------------------------------------------------


def test_two_working_days_overdue_raj_s_manager_gets_a_direct_message(
    slack_world: SlackWorld, tmp_path: Path
) -> None:
    world = slack_world
    with_managers(world, tmp_path, {RAJ: BOB})
    make_promise(world, DECK, RAJ)
    for stage in (HEADS_UP, FINAL_CHECK, DEADLINE, OVERDUE):
        assert [call.args["channel"] for call in at(world, stage, RAJ)] == [RAJ]

    # 09:00 in Kolkata is 03:30 for bob, whom Kept has not met: it waits for working hours in
    # the settings' zone (UTC), not his night.
    assert at(world, ESCALATION) == []
    [escalation] = at(world, local_time("UTC", "Tue 1 Dec 09:00"))

    assert escalation.args["channel"] == BOB
    text = escalation.args["text"]
    assert text.startswith(f"<@{RAJ}>'s promise is overdue: send the Q3 deck to <@{ANA}|ana>")
    assert text.endswith("You may want to check in with them.")
    assert buttons(escalation.args["blocks"]) == []  # the manager's to know, raj's to answer


def test_without_a_manager_nobody_else_hears_of_an_overdue_promise(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    make_promise(world, DECK, RAJ)
    at(world, OVERDUE)

    assert at(world, ESCALATION) == []
    assert at(world, ESCALATION + timedelta(days=7)) == []


# --- Slack's side: rate limits, and a promise closed meanwhile ----------------------------------


def test_slack_saying_slow_down_delays_a_nudge_and_it_arrives_exactly_once(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    make_promise(world, DECK, RAJ)
    deliver(world)  # ana hears of the promise
    world.api.fail_next("chat.postMessage", status=429, retry_after=30)

    assert at(world, HEADS_UP) == []
    assert at(world, HEADS_UP + timedelta(seconds=29)) == []  # within Retry-After

    [heads_up] = at(world, HEADS_UP + timedelta(seconds=30))
    assert heads_up.args["text"].startswith("Heads-up:")
    assert at(world, HEADS_UP + timedelta(minutes=5)) == []
    to_raj = [c for c in world.api.calls_to("chat.postMessage") if c.args["channel"] == RAJ]
    assert [c.status for c in to_raj] == [429, 200]
    [row] = nudge_rows(world)
    assert (row.status, row.attempts) == ("sent", 1)  # the 429 is not counted as a try


def test_a_nudge_held_back_by_slack_is_not_sent_once_the_promise_is_done(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    made = make_promise(world, DECK, RAJ)
    at(world, HEADS_UP)
    world.api.fail_next("chat.postMessage", status=429, retry_after=60)
    assert at(world, FINAL_CHECK) == []  # "on track?" waits for Slack's Retry-After

    click(world, "promise_done", str(made.id), RAJ)  # meanwhile raj delivers, from his card
    assert promise(world, made.id).status == "done"
    sent = at(world, FINAL_CHECK + timedelta(minutes=1), RAJ)

    assert [call.args["text"] for call in sent if "On track?" in call.args["text"]] == []


# --- through the command line: `python -m bot tick --at` ---------------------------------------


def test_tick_at_a_chosen_instant_delivers_what_is_due_then(
    run_bot: RunBot, database_url: str, clock: FixedClock
) -> None:
    settings = load_settings(
        {"DATABASE_URL": database_url, "KEPT_CONFIG": str(ROOT / "config/kept.toml")}
    )
    kept = build(settings, clock)
    directory = FakeDirectory({RAJ: Profile("raj", KOLKATA), ANA: Profile("ana", NEW_YORK)})
    made = promise_service.make(
        kept, directory, RAJ, "send the Q3 deck", DEADLINE, "minute", ANA, None, source="form"
    ).promise
    kept.db.dispose()

    with FakeSlackAPI() as slack:

        def tick(instant: datetime) -> tuple[list[str], list[Call]]:
            before = len(slack.post_messages())
            ticked = run_bot(
                "tick",
                "--at",
                instant.isoformat(),
                DATABASE_URL=database_url,
                SLACK_BOT_TOKEN=DEFAULT_TOKEN,
                SLACK_SIGNING_SECRET=SIGNING_SECRET,
                SLACK_API_URL=slack.base_url,
            )
            assert ticked.returncode == 0, ticked.stderr
            nudge_jobs = ticked.stdout.splitlines()[:3]  # the sweep, the digests and the drain
            return nudge_jobs, slack.post_messages()[before:]

        said, sent = tick(HEADS_UP - timedelta(minutes=1))
        assert said == ["sweep_nudges: 0", "queue_digests: 0", "drain_outbox: 1"]
        assert [call.args["channel"] for call in sent] == [ANA]  # told of the promise

        said, sent = tick(HEADS_UP)
        assert said == ["sweep_nudges: 1", "queue_digests: 0", "drain_outbox: 1"]
        [heads_up] = sent
        assert heads_up.args["channel"] == RAJ
        assert heads_up.args["text"].startswith("Heads-up: send the Q3 deck")

        _, sent = tick(FINAL_CHECK)
        [final_check] = sent
        assert final_check.args["channel"] == RAJ
        assert [label for label, _, _ in buttons(final_check.args["blocks"])] == [
            "Done",
            "On track",
            "Need more time",
        ]

        said, sent = tick(FINAL_CHECK)  # the same instant again: nothing twice
        assert (said, sent) == (["sweep_nudges: 0", "queue_digests: 0", "drain_outbox: 0"], [])

    check = build(settings, clock)
    with check.db.unit_of_work() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "nudge")).all()
        assert [(r.payload["promise_id"], r.status) for r in rows] == [(made.id, "sent")] * 2
    check.db.dispose()
