"""The local shell, driven through standard input as a script would."""

from __future__ import annotations

from tests.e2e.conftest import RunBot

START = ("shell", "--as", "me", "--tz", "Europe/London", "--now", "2026-11-24T09:00")


def test_plain_python_m_bot_opens_the_shell_when_no_platform_is_configured(
    run_bot: RunBot, database_url: str
) -> None:
    result = run_bot(stdin="/quit\n", DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    assert "Kept, in your terminal" in result.stdout
    assert "To connect Slack, set SLACK_BOT_TOKEN" in result.stdout


def test_a_scripted_session_shows_help_and_moves_the_clock(
    run_bot: RunBot, database_url: str
) -> None:
    script = "/promise help\n/time\n/wait 1d\n/as raj Asia/Kolkata\n/time\n"

    result = run_bot(*START, stdin=script, DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "@me> /promise help" in out
    assert "/promise send the Q3 deck to @ana by Friday 3pm" in out
    assert "It is Tuesday 24 November 2026, 09:00 (Europe/London)." in out
    assert "It is Wednesday 25 November 2026, 09:00 (Europe/London)." in out
    assert "You are now @raj (Asia/Kolkata)." in out
    assert "It is Wednesday 25 November 2026, 14:30 (Asia/Kolkata)." in out
    assert result.stderr == ""


def test_mistakes_get_a_hint_and_the_session_goes_on(run_bot: RunBot, database_url: str) -> None:
    script = "/wait soon\n/as\n/as raj Mars/Base\n/frobnicate\n/time\n"

    result = run_bot(*START, stdin=script, DATABASE_URL=database_url)

    out = result.stdout
    assert "How long? For example: /wait 2h" in out
    assert "Who? For example: /as ana" in out
    assert "'Mars/Base' is not a time zone I know" in out
    assert "I don't know /frobnicate. Type /help" in out
    assert "It is Tuesday 24 November 2026, 09:00 (Europe/London)." in out


def test_a_bad_zone_on_the_command_line_is_refused(run_bot: RunBot) -> None:
    result = run_bot("shell", "--tz", "Nowhere/Land")

    assert result.returncode == 2
    assert "--tz: 'Nowhere/Land' is not a time zone like Europe/London" in result.stderr
