"""The command line, as an operator meets it: help, clear refusals, ticks and upgrades."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.conftest import RunBot


@pytest.mark.parametrize("command", ["serve", "clock", "tick", "shell", "db"])
def test_every_command_says_what_it_does(run_bot: RunBot, command: str) -> None:
    result = run_bot(command, "--help")

    assert result.returncode == 0
    assert f"usage: python -m bot {command}" in result.stdout


def test_a_bad_setting_stops_start_up_with_one_line(run_bot: RunBot, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[kudos]\ndaily_allowance = "five"\n')

    result = run_bot("tick", KEPT_CONFIG=str(config))

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"kept: {config}: [kudos] daily_allowance must be a whole number from 0 to 100, got 'five'"
    ]


def test_http_mode_refuses_to_start_without_a_signing_secret(run_bot: RunBot) -> None:
    result = run_bot("serve", SLACK_BOT_TOKEN="xoxb-test-token")

    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("kept: SLACK_SIGNING_SECRET is not set")


def test_serve_with_no_platform_points_to_the_shell(run_bot: RunBot) -> None:
    result = run_bot("serve")

    assert result.returncode == 2
    assert "python -m bot shell" in result.stderr


def test_an_unreachable_database_is_one_line_without_the_password(run_bot: RunBot) -> None:
    result = run_bot("db", "upgrade", DATABASE_URL="postgresql://kept:hunter2@127.0.0.1:9/kept")

    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(
        "kept: cannot use the database postgresql+psycopg://kept:***@127.0.0.1:9"
    )
    assert "hunter2" not in result.stderr


def test_db_upgrade_then_tick_at_a_time(run_bot: RunBot, database_url: str) -> None:
    upgraded = run_bot("db", "upgrade", DATABASE_URL=database_url)
    ticked = run_bot("tick", "--at", "2026-11-27T09:00:00+00:00", DATABASE_URL=database_url)

    assert upgraded.returncode == 0, upgraded.stderr
    assert "schema is up to date" in upgraded.stdout
    assert ticked.returncode == 0, ticked.stderr
    assert "drain_outbox: 0" in ticked.stdout


def test_db_upgrade_contacts_no_platform_so_an_outage_never_blocks_a_deploy(
    run_bot: RunBot, database_url: str
) -> None:
    unreachable = {
        "SLACK_BOT_TOKEN": "xoxb-revoked",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": "http://127.0.0.1:9/api/",
        "CLIENT_ID": "00000000-0000-0000-0000-000000000001",
        "CLIENT_SECRET": "secret",
        "TENANT_ID": "00000000-0000-0000-0000-000000000002",
    }

    upgraded = run_bot("db", "upgrade", DATABASE_URL=database_url, **unreachable)

    assert upgraded.returncode == 0, upgraded.stderr
    assert "schema is up to date" in upgraded.stdout


def test_tick_refuses_a_time_it_cannot_read(run_bot: RunBot) -> None:
    result = run_bot("tick", "--at", "next friday")

    assert result.returncode == 2
    assert "--at: 'next friday' is not an ISO time like 2026-11-20T10:00" in result.stderr


def test_teams_with_a_client_id_but_no_secret_stops_start_up_with_one_line(
    run_bot: RunBot,
) -> None:
    result = run_bot("serve", CLIENT_ID="3f0c9a52-6d1e-4b8a-9c27-5e4f1a2b7d60")

    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("kept: CLIENT_ID is set but CLIENT_SECRET is not")
