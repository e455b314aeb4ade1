"""Settings: the defaults a newcomer gets, and one clear line for each bad value."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.settings import Settings, SettingsError, load_settings

ROOT = Path(__file__).resolve().parents[2]


def settings_from(tmp_path: Path, toml: str, **env: str) -> Settings:
    path = tmp_path / "kept.toml"
    path.write_text(toml)
    return load_settings({"KEPT_CONFIG": str(path), **env})


def refusal(tmp_path: Path, toml: str = "", **env: str) -> str:
    with pytest.raises(SettingsError) as raised:
        settings_from(tmp_path, toml, **env)
    message = str(raised.value)
    assert "\n" not in message
    return message


def test_the_shipped_file_gives_the_documented_defaults() -> None:
    settings = load_settings({"KEPT_CONFIG": str(ROOT / "config/kept.toml")})

    assert settings.database_url == "sqlite:///kept.db"
    assert settings.port == 3000
    assert settings.working_hours.start == time(9) and settings.working_hours.end == time(17)
    assert settings.working_hours.days == frozenset({0, 1, 2, 3, 4})
    assert settings.nudges.final_check_before == timedelta(hours=2)
    assert settings.kudos.daily_allowance == 5
    assert settings.kudos.values[:2] == ("friendliness", "empathy")
    assert settings.digest.weekday == 0 and settings.digest.at == time(9)
    assert settings.due_times.languages == ("en",)
    assert settings.detection.enabled and not settings.detection.auto_track
    assert not settings.slack.configured


def test_an_empty_file_means_every_default(tmp_path: Path) -> None:
    shipped = load_settings({"KEPT_CONFIG": str(ROOT / "config/kept.toml")})
    empty = settings_from(tmp_path, "")

    assert empty.working_hours == shipped.working_hours
    assert empty.kudos == shipped.kudos
    assert empty.nudges == shipped.nudges
    assert empty.digest == shipped.digest


def test_hosted_postgres_urls_are_accepted(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "", DATABASE_URL="postgres://kept:pw@db.example/kept")

    assert settings.database_url == "postgresql+psycopg://kept:pw@db.example/kept"
    assert not settings.uses_sqlite


def test_the_slack_api_url_may_point_at_a_local_fake(tmp_path: Path) -> None:
    settings = settings_from(tmp_path, "", SLACK_API_URL="http://127.0.0.1:8080/api")

    assert settings.slack.api_url == "http://127.0.0.1:8080/api/"


def test_the_app_s_client_id_and_secret_let_any_workspace_install_kept(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path, "", SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s3cret", SLACK_SIGNING_SECRET="x"
    )

    assert settings.slack.configured and settings.slack.installs
    assert settings.slack.bot_token is None
    assert "s3cret" not in repr(settings)


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_CLIENT_SECRET": "s"}, "not both"),
        ({}, "SLACK_CLIENT_SECRET is not"),
        ({"SLACK_CLIENT_SECRET": "s", "SLACK_APP_TOKEN": "xapp-1"}, "over HTTP"),
    ],
)
def test_installs_need_the_secret_and_http_and_no_bot_token(
    tmp_path: Path, given: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError, match=named):
        settings_from(tmp_path, "", SLACK_CLIENT_ID="1.2", SLACK_SIGNING_SECRET="x", **given)


@pytest.mark.parametrize(
    ("toml", "names"),
    [
        ('[kudos]\ndaily_allowance = "five"', "[kudos] daily_allowance"),
        ("[kudos]\ndaily_allowance = -1", "[kudos] daily_allowance"),
        ('[working_hours]\nstart = "9am"', "[working_hours] start"),
        ('[working_hours]\nstart = "18:00"\nend = "09:00"', "[working_hours] end"),
        ('[working_hours]\ndays = ["mon", "funday"]', "[working_hours] days"),
        ('[working_hours]\ndefault_timezone = "Mars/Olympus"', "[working_hours] default_timezone"),
        ('[working_hours]\nholiday_country = "XX"', "[working_hours] holiday_country"),
        ('[nudges]\nfinal_check_before = "soon"', "[nudges] final_check_before"),
        ("[nudges]\nheads_up = 1", "[nudges] heads_up"),
        ('[digest]\nday = "someday"', "[digest] day"),
        ("[due_times]\nlanguages = []", "[due_times] languages"),
        ("[kudos]\nallowance = 3", "[kudos] allowance"),
        ("[kudoz]\ndaily_allowance = 3", "[kudoz]"),
        ("kudos = 3", "[kudos] must be a table"),
        ("[kudos\n", "not valid TOML"),
    ],
)
def test_a_bad_setting_names_its_key(tmp_path: Path, toml: str, names: str) -> None:
    assert names in refusal(tmp_path, toml)


def test_a_misspelt_key_gets_a_suggestion(tmp_path: Path) -> None:
    assert "did you mean 'daily_allowance'?" in refusal(tmp_path, "[kudos]\ndaily_alowance = 3")


@pytest.mark.parametrize(
    ("env", "names"),
    [
        ({"PORT": "eighty"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"SLACK_API_URL": "slack.com/api"}, "SLACK_API_URL"),
    ],
)
def test_a_bad_environment_variable_is_named(
    tmp_path: Path, env: dict[str, str], names: str
) -> None:
    assert refusal(tmp_path, "", **env).startswith(names)


def test_a_missing_settings_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="KEPT_CONFIG: no settings file at"):
        load_settings({"KEPT_CONFIG": str(tmp_path / "nowhere.toml")})


def test_an_admin_can_set_up_teams_in_the_settings(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path,
        '[digest]\nteams = [{ manager = "U0BOSS", members = ["U0ANA", "U0RAJ"],'
        ' channel = "C0RES" }]',
    )

    [team] = settings.digest.teams
    assert (team.manager, team.members, team.channel) == ("U0BOSS", ("U0ANA", "U0RAJ"), "C0RES")


@pytest.mark.parametrize(
    "team",
    [
        '{ manager = "ana", members = [] }',
        '{ manager = "U0BOSS", members = ["@raj"] }',
        '{ manager = "U0BOSS", channel = "#results" }',
        '{ boss = "U0BOSS" }',
        '"U0BOSS"',
    ],
)
def test_a_team_in_the_settings_names_slack_ids(tmp_path: Path, team: str) -> None:
    assert "[digest] teams must" in refusal(tmp_path, f"[digest]\nteams = [{team}]")


def test_teams_is_on_with_its_sdks_variables_and_off_without(tmp_path: Path) -> None:
    on = settings_from(tmp_path, "", CLIENT_ID="app", CLIENT_SECRET="s3cret", TENANT_ID="t")

    assert on.teams.configured and (on.teams.client_id, on.teams.tenant_id) == ("app", "t")
    assert not settings_from(tmp_path, "").teams.configured


def test_secrets_never_show_in_the_settings_repr(tmp_path: Path) -> None:
    settings = settings_from(
        tmp_path, "", CLIENT_ID="app", CLIENT_SECRET="s3cret", SLACK_BOT_TOKEN="xoxb-s3cret"
    )

    assert "s3cret" not in repr(settings)
