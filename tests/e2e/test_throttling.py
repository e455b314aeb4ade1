"""Slack and Teams asking Kept to slow down (Monday 09:00: every digest and nudge at once), and
Teams refusing Kept's own token: nothing is lost, nothing arrives twice, and while a platform
throttles, its other messages wait for the next run instead of being refused too."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.jobs.scheduler import run_once
from bot.services import outbox
from bot.store.models import OutboxMessage
from tests.e2e.conftest import SlackWorld, TeamsWorld
from tests.e2e.test_slack_delivery import queue_news
from tests.e2e.test_teams_features import deliver, in_channel, personal_chat, words
from tests.fakes.teams_activities import ANA, BEN, RAJ
from tests.fakes.teams_connector import BOT_TOKEN, Call

TOKEN_REFUSED = "the Bot Connector refused Kept's token: check CLIENT_ID/CLIENT_SECRET/TENANT_ID"

# --- Slack ----------------------------------------------------------------------------------------


def test_a_message_slack_throttles_for_longer_than_its_attempts_still_arrives_once(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    queue_news(world)
    throttles = outbox.MAX_ATTEMPTS + 2
    world.api.fail_next("chat.postMessage", status=429, retry_after=30, times=throttles)

    for _ in range(throttles):
        run_once(world.kept.jobs())
        [row] = rows(world)
        assert (row.status, row.attempts, row.last_error) == ("pending", 0, "ratelimited")
        world.clock.advance(timedelta(seconds=30))
    run_once(world.kept.jobs())
    run_once(world.kept.jobs())

    [message] = world.api.post_messages()
    assert message.args["channel"] == "U00000ANA"
    assert len(world.api.calls_to("chat.postMessage")) == throttles + 1
    [row] = rows(world)
    assert (row.status, row.attempts) == ("sent", 1)


def test_while_slack_says_slow_down_its_other_messages_wait_for_the_next_run(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    for person in ("U00000ANA", "U00000BOB", "U00000RAJ"):
        queue_news(world, recipient=person)
    world.api.fail_next("chat.postMessage", status=429, retry_after=30)

    run_once(world.kept.jobs())
    assert [call.status for call in world.api.calls_to("chat.postMessage")] == [429]

    run_once(world.kept.jobs())  # Bob and Raj go out; Ana's waits her Retry-After
    assert channels(world) == ["U00000BOB", "U00000RAJ"]

    world.clock.advance(timedelta(seconds=30))
    run_once(world.kept.jobs())
    run_once(world.kept.jobs())
    assert sorted(channels(world)) == ["U00000ANA", "U00000BOB", "U00000RAJ"]
    assert {row.status for row in rows(world)} == {"sent"}


# --- Teams ----------------------------------------------------------------------------------------


def test_while_teams_says_slow_down_its_other_messages_wait_for_the_next_run(
    teams_world: TeamsWorld,
) -> None:
    world = teams_world
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])
    in_channel(world, ANA, "promise fix the invoice to <at>Ben Carter</at> by Friday", [BEN])
    world.connector.fail_next("send", 429, retry_after=30)

    before = len(world.connector.calls_to("send"))
    assert deliver(world) == []
    assert [call.status for call in world.connector.calls_to("send")[before:]] == [429]

    sent = deliver(world)  # the other goes out; the throttled one waits its Retry-After
    world.clock.advance(timedelta(seconds=30))
    sent += deliver(world)
    sent += deliver(world)

    assert sorted(chat for chat, _ in sent) == sorted([personal_chat(RAJ), personal_chat(BEN)])
    [news_to_raj] = world.connector.sent_to(personal_chat(RAJ))
    assert "send the Q3 deck" in words(news_to_raj)
    assert [(row.status, row.attempts) for row in rows(world)] == [("sent", 1), ("sent", 1)]


def test_teams_refusing_kepts_token_is_logged_and_the_message_waits_until_it_is_fixed(
    teams_world: TeamsWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = teams_world
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])
    world.connector.fail_next("send", 401, times=3)  # until someone fixes CLIENT_SECRET

    with caplog.at_level(logging.ERROR):
        for _ in range(3):
            assert deliver(world) == []
            world.clock.advance(timedelta(hours=1))
    [row] = rows(world)
    assert (row.status, row.attempts) == ("pending", 0)  # held back: not the message's fault
    assert row.last_error is not None and "401" in row.last_error
    refused = [r for r in caplog.records if r.getMessage() == TOKEN_REFUSED]
    assert len(refused) == 3 and all(r.levelno == logging.ERROR for r in refused)
    assert BOT_TOKEN not in caplog.text

    [(chat, news)] = deliver(world)

    assert chat == personal_chat(RAJ)
    assert "send the Q3 deck" in words(news)
    assert rows(world)[0].status == "sent"


def test_a_message_too_large_for_teams_is_given_up_on_at_once(teams_world: TeamsWorld) -> None:
    world = teams_world
    in_channel(world, ANA, "promise send the Q3 deck to <at>Raj Rao</at> by Friday", [RAJ])
    world.connector.fail_next("send", 413)

    deliver(world)
    world.clock.advance(timedelta(days=1))
    deliver(world)

    [row] = rows(world)
    assert (row.status, row.attempts) == ("failed", 1)
    assert row.last_error == "teams answered 413: too large"
    assert [call.status for call in sends_to(world, personal_chat(RAJ))] == [413]


# --- helpers ------------------------------------------------------------------------------------


def rows(world: SlackWorld | TeamsWorld) -> list[OutboxMessage]:
    with world.kept.db.unit_of_work() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def channels(world: SlackWorld) -> list[str]:
    """Where Slack took a message, in order."""
    return [str(call.args["channel"]) for call in world.api.post_messages()]


def sends_to(world: TeamsWorld, chat: str) -> list[Call]:
    return [call for call in world.connector.calls_to("send") if call.conversation_id == chat]
