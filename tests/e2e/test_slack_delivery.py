"""Delivering the outbox to Slack: once, after Slack's Retry-After, and never to the gone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.jobs.deliver_soon import DeliverSoon
from bot.jobs.scheduler import run_once
from bot.services.nudges import hours_of
from bot.store import outbox
from bot.store.models import OutboxMessage
from tests.e2e.conftest import SlackWorld
from tests.fakes.outbox import NEWS


def queue_news(world: SlackWorld, recipient: str = "U00000ANA") -> None:
    now = world.clock.now()
    with world.kept.db.unit_of_work() as session:
        outbox.enqueue(
            session,
            key=f"promise:1:made:{recipient}",
            platform="slack",
            workspace_id="T00000001",
            recipient=recipient,
            payload=NEWS,
            now=now,
        )


def stored(world: SlackWorld) -> OutboxMessage:
    with world.kept.db.unit_of_work() as session:
        return session.scalars(select(OutboxMessage)).one()


def test_a_counterpart_is_told_in_a_direct_message(slack_world: SlackWorld) -> None:
    queue_news(slack_world)

    run_once(slack_world.kept.jobs())

    [message] = slack_world.api.post_messages()
    assert message.args["channel"] == "U00000ANA"
    assert message.args["text"] == (
        "<@U00000RAJ> promised you: send the Q3 deck, by Fri 27 Nov, 04:30."
    )
    assert stored(slack_world).status == "sent"


def test_slack_saying_slow_down_delays_the_message_and_it_arrives_once(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    queue_news(world)
    world.api.fail_next("chat.postMessage", status=429, retry_after=30)

    run_once(world.kept.jobs())
    run_once(world.kept.jobs())  # within the Retry-After: nothing is sent
    assert world.api.post_messages() == []
    assert stored(world).deliver_after == world.clock.now() + timedelta(seconds=30)

    world.clock.advance(timedelta(seconds=30))
    run_once(world.kept.jobs())
    run_once(world.kept.jobs())

    assert len(world.api.post_messages()) == 1
    assert len(world.api.calls_to("chat.postMessage")) == 2  # the 429, then the one that went
    assert stored(world).status == "sent"


def test_a_slack_outage_is_retried_with_backoff(slack_world: SlackWorld) -> None:
    world = slack_world
    queue_news(world)
    world.api.fail_next("chat.postMessage", status=500)

    run_once(world.kept.jobs())
    row = stored(world)
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.deliver_after > world.clock.now()

    world.clock.advance(timedelta(hours=1))
    run_once(world.kept.jobs())
    assert len(world.api.post_messages()) == 1


def test_a_person_who_left_is_not_retried_forever(slack_world: SlackWorld) -> None:
    world = slack_world
    queue_news(world)
    world.api.fail_next("chat.postMessage", error="account_inactive")

    run_once(world.kept.jobs())
    world.clock.advance(timedelta(days=1))
    run_once(world.kept.jobs())

    row = stored(world)
    assert (row.status, row.last_error, row.attempts) == ("failed", "account_inactive", 1)
    assert world.api.post_messages() == []


def test_what_a_request_queues_is_delivered_at_once_and_only_once(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    DeliverSoon(world.kept.db, world.kept.senders, world.clock, hours_of(world.kept)).start()
    fields = world.slack.command_fields(
        "/promise", "send the Q3 deck to <@U00000ANA|ana> by Friday 3pm", user_id="U00000RAJ"
    )

    world.slack.post_form(fields, headers={})
    [told] = [
        call
        for call in world.api.wait_for("chat.postMessage")
        if call.args["channel"] == "U00000ANA"
    ]
    run_once(world.kept.jobs())  # the minute's drain, at once after: nothing left to send

    assert "promised you: send the Q3 deck" in told.args["text"]
    assert len(world.api.post_messages()) == 1
