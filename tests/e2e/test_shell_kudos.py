"""Kudos in the local shell, driven through standard input as a script would: the same flows as
on Slack, the public post and the notes printed as the shell's sender delivers them."""

from __future__ import annotations

import re

from tests.e2e.conftest import RunBot
from tests.e2e.test_shell import START


def session(run_bot: RunBot, database_url: str, *lines: str) -> str:
    """What the shell printed for these lines, typed by @me (London) on Tuesday 24 November."""
    result = run_bot(
        *START, stdin="".join(f"{line}\n" for line in lines), DATABASE_URL=database_url
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def answers(out: str) -> list[str]:
    """Each line typed, with what the shell printed after it, in order."""
    return re.split(r"^@\w+> ", out, flags=re.MULTILINE)[1:]


def test_kudos_are_posted_in_the_channel_and_told_to_each_recipient(
    run_bot: RunBot, database_url: str
) -> None:
    out = session(run_bot, database_url, "/kudos @ana @raj for covering the on-call swap #teamwork")

    assert (
        "You thanked @ana and @raj for covering the on-call swap. #teamwork\n"
        "  Posted in #general. You have 3 kudos left today.\n"
        "  [to #general] @me thanked @ana and @raj for covering the on-call swap. #teamwork\n"
        "  [to @ana] @me thanked you for covering the on-call swap. #teamwork\n"
        "  [to @raj] @me thanked you for covering the on-call swap. #teamwork\n"
    ) in out


def test_refused_kudos_say_why_and_post_nothing(run_bot: RunBot, database_url: str) -> None:
    out = session(
        run_bot,
        database_url,
        "/kudos for covering the swap",
        "/kudos @ana #teamwork",
        "/kudos @ana for the swap #teamwrok",
        "/kudos @me for being me",
        "/kudos @ana for " + "x" * 500,
        "/kudos top week",
    )

    assert "Who are you thanking? Start with the people, mentioned with @." in out
    assert "What are you thanking them for?" in out
    assert "#teamwrok isn't one of our company values. Did you mean #teamwork?" in out
    assert "Kudos are for thanking others, not yourself. You have 5 kudos left today." in out
    assert "That is 504 characters; a kudos fits in 500." in out
    assert "  For example: /kudos @ana @raj for covering the on-call swap #teamwork" in out
    assert "[to " not in out
    assert "No kudos in the last 7 days yet." in out


def test_the_daily_allowance_runs_out_and_comes_back_the_next_day(
    run_bot: RunBot, database_url: str
) -> None:
    out = session(
        run_bot,
        database_url,
        "/kudos @ana @raj @bob for the launch",
        "/kudos @ana @raj for the release notes",
        "/kudos @ana for the review",
        "/wait 1d",
        "/kudos @ana for the review",
    )

    first, second, refused, _, next_day = answers(out)
    assert "You have 2 kudos left today." in first
    assert "You have no kudos left today." in second
    assert "You have no kudos left today: you can give 5 a day." in refused
    assert "[to " not in refused
    assert "You have 4 kudos left today." in next_day


def test_the_leaderboard_shows_who_was_thanked_most(run_bot: RunBot, database_url: str) -> None:
    out = session(
        run_bot,
        database_url,
        "/kudos @ana @raj for covering the on-call swap #teamwork",
        "/as raj Asia/Kolkata",
        "/kudos @ana for listening to Acme #empathy #teamwork",
        "/kudos top week",
        "/kudos top all",
        "/kudos top year",
    )

    leaderboard = (
        "Most thanked {}:\n"
        "  1. @ana  2 kudos  #teamwork ×2, #empathy ×1\n"
        "  2. @raj  1 kudos  #teamwork ×1\n"
    )
    assert leaderboard.format("in the last 7 days") in out
    assert leaderboard.format("since Kept started counting") in out
    assert "Top of which period? I know week, month and all, not “year”." in out
