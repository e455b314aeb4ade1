"""`python -m bot teams package`, as an admin runs it before uploading Kept to Teams."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.e2e.conftest import RunBot

APP_ID = "3f2b8c1e-9d4a-4e6b-8f7c-1a2b3c4d5e6f"


def test_teams_package_writes_the_zip_and_says_where_to_upload_it(
    run_bot: RunBot, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "kept.zip"

    result = run_bot("teams", "package", "--app-id", APP_ID, "--out", str(out), CLIENT_ID="")

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Wrote {out}",
        "Upload it in Teams: Apps → Manage your apps → Upload an app",
    ]
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert json.loads(package.read("manifest.json"))["id"] == APP_ID


def test_teams_package_takes_the_id_from_client_id_and_writes_to_build(
    run_bot: RunBot, tmp_path: Path
) -> None:
    result = run_bot("teams", "package", CLIENT_ID=APP_ID)

    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "build" / "kept-teams.zip") as package:
        assert json.loads(package.read("manifest.json"))["bots"][0]["botId"] == APP_ID


def test_teams_package_without_an_app_id_says_what_to_set(run_bot: RunBot) -> None:
    result = run_bot("teams", "package", CLIENT_ID="")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "kept: no app id: pass --app-id or set CLIENT_ID to the Azure bot's Microsoft App ID"
        " (README, 'Connect Microsoft Teams')"
    ]


def test_teams_package_refuses_an_id_that_is_not_a_guid(run_bot: RunBot) -> None:
    result = run_bot("teams", "package", "--app-id", "my-bot", CLIENT_ID="")

    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("kept: the app id must be a GUID")


def test_teams_says_what_it_does(run_bot: RunBot) -> None:
    result = run_bot("teams", "--help")

    assert result.returncode == 0
    assert "usage: python -m bot teams" in result.stdout
    assert "--app-id" in result.stdout
