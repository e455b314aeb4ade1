"""The digest in Slack: a manager makes a team with /digest, reads the week, and gets last week's
digest by direct message on Monday at 09:00 in their zone, once, with a copy in the team's
channel, and the 8-week chart uploaded after it in the direct message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import start
from bot.clock import FixedClock
from bot.jobs.scheduler import run_once
from bot.settings import load_settings
from tests.e2e.conftest import SIGNING_SECRET, SlackWorld
from tests.e2e.test_slack_promises import BOB, GENERAL, RAJ, Watch, accepted, mention, to_url
from tests.fakes.slack_api import DEFAULT_TOKEN, Call, FakeSlackAPI


def digest_command(world: SlackWorld, text: str, user: str = BOB) -> Call:
    """`/digest <text>` typed by `user`: the answer posted to its response_url."""
    fields = world.slack.command_fields("/digest", text, user, GENERAL)
    answer = Watch(world, "response_url", to_url(fields["response_url"]))
    accepted(world.slack.post_form(fields))
    return answer.next()


def make_team(world: SlackWorld) -> int:
    """Given: bob asked raj onto his team, and raj said yes; how many messages went out."""
    digest_command(world, f"team add {mention(RAJ)}")
    digest_command(world, f"team join {mention(BOB)}", RAJ)
    run_once(world.kept.jobs())  # the question to raj goes out
    return len(world.api.post_messages())


def test_a_manager_asks_someone_onto_the_team_and_they_say_yes(slack_world: SlackWorld) -> None:
    world = slack_world

    added = digest_command(world, f"team add {mention(RAJ)}")
    run_once(world.kept.jobs())
    [asked] = world.api.post_messages()
    joined = digest_command(world, f"team join {mention(BOB)}", RAJ)
    week = digest_command(world, "")

    assert added.args["text"].startswith(f"I've asked <@{RAJ}> to join your team.")
    assert asked.args["channel"] == RAJ
    assert asked.args["text"].startswith(f"<@{BOB}> asked you to join their team on Kept")
    assert f"`/digest team join @{'bob'}`" in asked.args["text"]
    assert joined.args["text"].startswith(f"You're on <@{BOB}>'s team now")
    assert week.args["text"] == "bob's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov, so far)"


def test_last_weeks_digest_reaches_the_manager_at_nine_on_monday_in_london_once(
    slack_world: SlackWorld,
) -> None:
    before = make_team(slack_world)
    digest_command(slack_world, f"team channel <#{GENERAL}|general>")
    nine_on_monday = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)  # London is on UTC in winter

    slack_world.clock.set(nine_on_monday - timedelta(minutes=1))
    run_once(slack_world.kept.jobs())
    assert slack_world.api.post_messages()[before:] == []

    slack_world.clock.set(nine_on_monday)
    run_once(slack_world.kept.jobs())
    slack_world.clock.set(nine_on_monday + timedelta(hours=1))
    run_once(slack_world.kept.jobs())

    sent = [(m.args["channel"], m.args["text"]) for m in slack_world.api.post_messages()[before:]]
    assert sent == [
        (BOB, "bob's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)"),
        (GENERAL, "bob's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)"),
    ]


def test_the_manager_gets_the_chart_as_a_png_in_the_same_direct_message(
    slack_world: SlackWorld,
) -> None:
    before = make_team(slack_world)
    slack_world.clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    run_once(slack_world.kept.jobs())
    slack_world.clock.set(datetime(2026, 11, 30, 9, 1, tzinfo=UTC))

    run_once(slack_world.kept.jobs())

    [dm] = slack_world.api.post_messages()[before:]
    [upload] = slack_world.api.calls_to("upload")
    [completed] = slack_world.api.calls_to("files.completeUploadExternal")
    assert upload.args["bytes"][:8] == b"\x89PNG\r\n\x1a\n"
    assert completed.ok
    assert dm.response is not None
    assert completed.args["channel_id"] == dm.response["channel"]
    assert completed.args["files"][0]["title"] == "bob: 8 weeks to 2026-W48"


def test_the_weeks_csv_arrives_as_a_file_in_the_managers_direct_messages(
    slack_world: SlackWorld,
) -> None:
    make_team(slack_world)

    answer = digest_command(slack_world, "csv")

    assert "the file is in your direct messages with Kept" in str(answer.args["blocks"])
    [upload] = slack_world.api.wait_for("upload")
    [completed] = slack_world.api.wait_for("files.completeUploadExternal")
    assert completed.args["channel_id"] == f"D{BOB}"
    assert bytes(upload.args["bytes"]).startswith(b"promise,owner,what,counterpart")


def test_a_team_an_admin_set_up_in_the_settings_gets_its_digest(
    tmp_path: Path, database_url: str, clock: FixedClock
) -> None:
    config = tmp_path / "kept.toml"
    config.write_text(
        f'[digest]\nteams = [{{ manager = "{BOB}", members = ["{RAJ}"], channel = "{GENERAL}" }}]'
    )
    with FakeSlackAPI() as api:
        environment = {
            "DATABASE_URL": database_url,
            "KEPT_CONFIG": str(config),
            "SLACK_BOT_TOKEN": DEFAULT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api.base_url,
        }
        kept = start(load_settings(environment), clock).kept

        run_once(kept.jobs())  # Tuesday: the team comes into being, from its people's profiles
        clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
        run_once(kept.jobs())  # Monday 09:00 in London: the week's digest is queued
        run_once(kept.jobs())  # …and goes out

        sent = [(m.args["channel"], m.args["text"]) for m in api.post_messages()]
        assert (BOB, "bob's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)") in sent
        assert (GENERAL, "bob's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)") in sent
        kept.db.dispose()
