"""The Slack app over HTTP: signed requests in, calls to the fake Web API out."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from sqlalchemy import func, select, text

from bot.services import chat
from bot.store.models import ProcessedEvent
from tests.e2e.conftest import SlackWorld

MANIFEST = yaml.safe_load((Path(__file__).parents[2] / "config/slack-manifest.yml").read_text())


def _event_callback(**fields: object) -> dict[str, object]:
    """An Events API callback as Slack sends it, with `fields` in place of its own."""
    event = {"type": "message", "user": "U1", "channel": "C1", "text": "hi", "ts": "1.2"}
    body = {"type": "event_callback", "team_id": "T1", "event_id": "Ev1", "event": event}
    return body | fields


def _form(**fields: str) -> bytes:
    return urlencode(fields).encode()


def texts_of(blocks: list[dict]) -> str:  # type: ignore[type-arg]
    return "\n".join(block.get("text", {}).get("text", "") for block in blocks)


def test_promise_help_is_acked_and_answered(slack_world: SlackWorld) -> None:
    response = slack_world.slack.command("/promise", "help")

    assert response.status_code == 200
    [answer] = slack_world.api.wait_for("response_url")
    assert answer.args["response_type"] == "ephemeral"
    assert "/promise send the Q3 deck to @ana by Friday 3pm" in texts_of(answer.args["blocks"])


@pytest.mark.parametrize("forgery", [{"bad_signature": True}, {"stale": True}])
def test_a_forged_or_stale_request_gets_401_and_changes_nothing(
    slack_world: SlackWorld, forgery: dict[str, bool]
) -> None:
    world = slack_world
    before = len(world.api.calls)

    bad_signature = forgery.get("bad_signature", False)
    stale = forgery.get("stale", False)
    command = world.slack.command("/promise", "help", bad_signature=bad_signature, stale=stale)
    home_opened = world.slack.app_home_opened_event("U00000ANA")
    event = world.slack.event(home_opened, bad_signature=bad_signature, stale=stale)

    assert (command.status_code, event.status_code) == (401, 401)
    assert len(world.api.calls) == before
    with world.kept.db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ProcessedEvent)) == 0


@pytest.mark.parametrize(
    "timestamp", ["abc", "", "1e9", "-", "0x10", "12 34", "99999999999999999999"]
)
def test_a_malformed_timestamp_gets_401_and_no_call_goes_out(
    slack_world: SlackWorld, timestamp: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Not even an apology to the response_url the unverified body names."""
    world = slack_world
    before = len(world.api.calls)
    fields = world.slack.command_fields("/promise", "send the deck by Friday")
    fields["token"] = "legacy-verification-token-never-logged"
    headers = {"X-Slack-Request-Timestamp": timestamp}

    answer = world.slack.post_form(fields, headers=headers)

    assert answer.status_code == 401
    assert len(world.api.calls) == before
    assert "legacy-verification-token-never-logged" not in caplog.text
    refused = [r for r in caplog.records if "refused" in r.getMessage()]
    assert len(refused) == 1 and "\n" not in refused[0].getMessage()


# Events API callbacks with one field as Slack never sends it.
MISSHAPEN_EVENTS: dict[str, dict[str, object]] = {
    "event-a-number": {"event": 7},
    "event-a-list": {"event": [{"type": "message"}]},
    "event-a-string": {"event": "message"},
    "event-without-type": {"event": {"text": "hi"}},
    "event-id-too-long": {"event_id": "Ev" + "1" * 40_000},
    "team-id-too-long": {"team_id": "T" + "1" * 200},
    "event-id-a-number": {"event_id": 12},
    "text-a-number": {"event": {"type": "message", "user": "U1", "text": 5}},
    "user-a-list": {"event": {"type": "message", "user": ["U1"], "text": "hi"}},
    "channel-an-object": {"event": {"type": "message", "channel": {"id": "C1"}}},
}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(b"{not json", "application/json", id="json-not-json"),
        pytest.param(b"[1, 2]", "application/json", id="json-not-an-object"),
        pytest.param(b'{"no": "type"}', "application/json", id="json-without-type"),
        pytest.param(b"payload=%7Bnot+json", "application/x-www-form-urlencoded", id="payload"),
        pytest.param(b"payload=%5B%5D", "application/x-www-form-urlencoded", id="payload-list"),
        pytest.param(
            b"payload=%7B%22type%22%3A%22block_actions%22%7D",
            "application/x-www-form-urlencoded",
            id="payload-without-user",
        ),
        pytest.param(
            b"command=%2Fpromise&text=help&team_id=T1",
            "application/x-www-form-urlencoded",
            id="command-without-user",
        ),
        pytest.param(b"hello=world", "application/x-www-form-urlencoded", id="form-of-nothing"),
        *(
            pytest.param(
                json.dumps(_event_callback(**fields)).encode(), "application/json", id=name
            )
            for name, fields in MISSHAPEN_EVENTS.items()
        ),
        *(
            pytest.param(
                _form(command="/promise", text="help", user_id="U1", response_url=url),
                "application/x-www-form-urlencoded",
                id=f"command-answered-at-{name}",
            )
            for name, url in (("a-file", "file:///etc/passwd"), ("evil", "https://evil.example/x"))
        ),
        pytest.param(
            _form(
                payload=json.dumps(
                    {
                        "type": "block_actions",
                        "user": {"id": "U1"},
                        "actions": [{"action_id": "promise_done", "value": "1"}],
                        "response_url": "https://hooks.slack.com.evil.example/actions/1",
                    }
                )
            ),
            "application/x-www-form-urlencoded",
            id="click-answered-elsewhere",
        ),
        pytest.param(
            _form(command="/promise", text="help", team_id="T" * 100, user_id="U1"),
            "application/x-www-form-urlencoded",
            id="command-team-too-long",
        ),
        pytest.param(
            _form(payload=json.dumps({"type": "block_actions", "user": {"id": "U" * 300}})),
            "application/x-www-form-urlencoded",
            id="payload-user-too-long",
        ),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "application/json", id="json-too-deep"),
        pytest.param(
            json.dumps(_event_callback())
            .replace('"hi"', '{"a":' * 50_000 + "1" + "}" * 50_000)
            .encode(),
            "application/json",
            id="event-too-deep",
        ),
        pytest.param(
            _form(
                payload=json.dumps({"type": "block_actions", "user": {"id": "U1"}, "actions": []})
            ),
            "application/x-www-form-urlencoded",
            id="payload-of-no-action",
        ),
        pytest.param(
            _form(payload=json.dumps({"type": "block_actions", "user": {"id": "U1"}, "team": 3})),
            "application/x-www-form-urlencoded",
            id="payload-team-a-number",
        ),
    ],
)
def test_a_signed_body_that_is_not_slacks_shape_gets_400_and_one_line(
    slack_world: SlackWorld, body: bytes, content_type: str, caplog: pytest.LogCaptureFixture
) -> None:
    world = slack_world
    before = len(world.api.calls)

    answer = world.slack.post(body, content_type)

    assert answer.status_code == 400
    assert len(world.api.calls) == before
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1 and "refused" in refused[0].getMessage(), caplog.text
    assert not any(r.exc_info for r in caplog.records)


def test_a_body_that_is_not_utf8_is_not_slacks_and_gets_401(slack_world: SlackWorld) -> None:
    world = slack_world
    before = len(world.api.calls)

    answer = world.slack.post(b"payload=\xff\xfe", "application/x-www-form-urlencoded")

    assert answer.status_code == 401
    assert len(world.api.calls) == before


def test_a_body_over_a_megabyte_gets_413_and_changes_nothing(slack_world: SlackWorld) -> None:
    world = slack_world
    before = len(world.api.calls)
    fields = world.slack.command_fields("/promise", "x" * 1_100_000)

    answer = world.slack.post_form(fields)

    assert answer.status_code == 413
    assert len(world.api.calls) == before


@pytest.mark.parametrize(
    ("command", "text"),
    [("/kudos", "top " + "x" * 3500), ("/digest", "y" * 3500), ("/promise", "z" * 3500)],
)
def test_a_refusal_that_repeats_a_long_input_is_cut_to_fit_slack(
    slack_world: SlackWorld, command: str, text: str
) -> None:
    response = slack_world.slack.command(command, text)

    assert response.status_code == 200
    [answer] = slack_world.api.wait_for("response_url")
    sections = [b["text"]["text"] for b in answer.args["blocks"] if b["type"] == "section"]
    assert "something went wrong" not in answer.args["text"]  # the refusal, not an apology
    assert sections and all(len(section) <= 3000 for section in sections)


def test_a_failure_after_the_ack_leaves_the_ack_and_apologises(
    slack_world: SlackWorld, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Bolt takes an ack back when its listener fails just after it, and Slack sees a 404 three
    seconds later; it happens often, not always, so the command is tried eight times."""

    def broken(*args: object, **kwargs: object) -> NoReturn:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(chat, "handle", broken)

    statuses = [
        slack_world.slack.command("/promise", "send the deck by Friday").status_code
        for _ in range(8)
    ]

    assert statuses == [200] * 8
    apologies = slack_world.api.wait_for("response_url", count=8)
    assert all("something went wrong on my side" in a.args["text"] for a in apologies)
    assert caplog.text.count("Slack /promise from U00000ANA failed") == 8


def test_every_command_in_the_manifest_is_answered(slack_world: SlackWorld) -> None:
    commands = [entry["command"] for entry in MANIFEST["features"]["slash_commands"]]

    for command in commands:
        assert slack_world.slack.command(command, "help").status_code == 200

    answers = slack_world.api.wait_for("response_url", count=len(commands))
    assert all(answer.args["blocks"] for answer in answers)


@pytest.mark.parametrize("subscription", MANIFEST["settings"]["event_subscriptions"]["bot_events"])
def test_every_subscribed_event_is_acknowledged(slack_world: SlackWorld, subscription: str) -> None:
    slack = slack_world.slack
    event_type = subscription.split(".")[0]
    events = {
        "message": slack.message_event("lunch at noon?"),
        "app_home_opened": slack.app_home_opened_event("U00000ANA"),
        "reaction_added": slack.reaction_added_event("tada", "U00000RAJ", "U00000ANA"),
        "reaction_removed": slack.reaction_removed_event("tada", "U00000RAJ", "U00000ANA"),
    }
    event = events.get(event_type, {"type": event_type})

    assert slack.event(event).status_code == 200


def test_an_event_kept_does_not_listen_to_is_acknowledged(slack_world: SlackWorld) -> None:
    world = slack_world
    before = len(world.api.calls)

    answer = world.slack.event({"type": "app_mention", "user": "U00000ANA", "text": "hi"})

    assert answer.status_code == 200
    assert len(world.api.calls) == before


def test_a_retried_event_is_handled_once(slack_world: SlackWorld) -> None:
    world = slack_world
    ana_opens = world.slack.app_home_opened_event("U00000ANA")

    first = world.slack.event(ana_opens, event_id="Ev0000HOME1")
    retry = world.slack.event(ana_opens, event_id="Ev0000HOME1", retry_num=1)
    # A later event, handled after the retry was acked: once it shows, the retry had its chance.
    world.slack.event(world.slack.app_home_opened_event("U00000RAJ"), event_id="Ev0000HOME2")
    published = world.api.wait_for("views.publish", count=2)

    assert (first.status_code, retry.status_code) == (200, 200)
    assert sorted(call.args["user_id"] for call in published) == ["U00000ANA", "U00000RAJ"]
    assert len(world.api.calls_to("views.publish")) == 2


def test_the_home_tab_says_how_to_start(slack_world: SlackWorld) -> None:
    slack_world.slack.event(slack_world.slack.app_home_opened_event("U00000RAJ"))

    [published] = slack_world.api.wait_for("views.publish")
    assert published.args["user_id"] == "U00000RAJ"
    assert published.args["view"]["type"] == "home"
    assert "/promise" in texts_of(published.args["view"]["blocks"])


def test_slack_url_verification_is_answered(slack_world: SlackWorld) -> None:
    response = slack_world.slack.url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7")

    assert response.status_code == 200
    assert "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7" in response.text


def test_health_says_whether_the_database_answers(slack_world: SlackWorld) -> None:
    response = httpx.get(f"{slack_world.url}/healthz")

    assert (response.status_code, response.json()) == (200, {"ok": True})


def test_ready_says_whether_the_database_answers_with_the_newest_schema(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    ready = httpx.get(f"{world.url}/readyz")
    with world.kept.db.engine.begin() as connection:
        newest = connection.scalar(text("SELECT version_num FROM alembic_version"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    try:
        behind = httpx.get(f"{world.url}/readyz")
        alive = httpx.get(f"{world.url}/healthz")
    finally:
        with world.kept.db.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": newest})

    assert (ready.status_code, ready.json()) == (200, {"ok": True})
    assert behind.status_code == 503
    assert behind.json() == {
        "ok": False,
        "why": f"the schema is at 0001, Kept needs {newest}: run `python -m bot db upgrade`",
    }
    assert alive.status_code == 200  # alive all the same: it answers, it is not ready


def test_ready_says_a_table_is_missing_though_the_schema_is_the_newest(
    slack_world: SlackWorld,
) -> None:
    world = slack_world
    with world.kept.db.engine.begin() as connection:
        connection.execute(text("ALTER TABLE promise_events RENAME TO promise_events_away"))
    try:
        missing = httpx.get(f"{world.url}/readyz")
    finally:
        with world.kept.db.engine.begin() as connection:
            connection.execute(text("ALTER TABLE promise_events_away RENAME TO promise_events"))

    assert missing.status_code == 503
    assert missing.json() == {
        "ok": False,
        "why": "the table promise_events is missing: restore it from a backup",
    }
