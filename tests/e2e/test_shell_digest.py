"""The digest in the local shell: a manager makes a team, the team keeps its word, the manager
reads the week."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PIL import Image

from tests.e2e.conftest import RunBot
from tests.e2e.test_shell_kudos import session


def test_a_manager_reads_the_week_of_a_team_made_in_the_shell(
    run_bot: RunBot, database_url: str
) -> None:
    out = session(
        run_bot,
        database_url,
        "/digest team add @ana @raj",
        "/digest team channel #team",
        "/as raj",
        "/digest team join @me",
        "/as ana",
        "/digest team join @me",
        "/promise send the Q3 deck to @raj by today 5pm",
        "/done 1",
        "/kudos @raj for the review #teamwork",
        "/as me",
        "/digest",
    )

    assert "I've asked @ana, @raj to join your team." in out
    assert "  [to @ana] @me asked you to join their team on Kept" in out
    assert "type `/digest team join @me`" in out
    assert "You're on @me's team now" in out
    assert "The team's results will be shared in #team." in out
    assert "me's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov, so far)" in out
    assert "Promises due: 1\n  kept on time                   1\n" in out
    assert "On-time rate: 100% (1 of 1)" in out
    assert "Early-warning rate: –" in out
    assert "On-time trend: W41 –  W42 –  W43 –  W44 –  W45 –  W46 –  W47 –  W48 100%" in out
    assert "Kudos: 1 given, 1 received; #teamwork ×1." in out
    assert "Most thanked: @raj (1)." in out


def test_a_digest_without_a_team_says_how_to_make_one(run_bot: RunBot, database_url: str) -> None:
    out = session(run_bot, database_url, "/digest last-week")

    assert "You have no team yet. Add the people you manage." in out
    assert "For example: /digest team add @ana @raj" in out


def test_the_command_line_prints_the_digest_and_writes_its_csv_and_chart(
    run_bot: RunBot, database_url: str, tmp_path: Path
) -> None:
    session(
        run_bot,
        database_url,
        "/digest team add @ana",
        "/as ana",
        "/digest team join @me",
        "/promise send the Q3 deck to @me by today 5pm",
        "/done 1",
    )
    table, chart = tmp_path / "week.csv", tmp_path / "trend.png"

    result = run_bot(
        "digest",
        "--team",
        "me",
        "--week",
        "2026-W48",
        "--csv",
        str(table),
        "--png",
        str(chart),
        "--now",
        "2026-11-30T12:00",
        DATABASE_URL=database_url,
    )

    assert result.returncode == 0, result.stderr
    assert "me's digest for 2026-W48 (Mon 23 Nov – Sun 29 Nov)" in result.stdout
    assert "On-time rate: 100% (1 of 1)" in result.stdout
    rows = list(csv.DictReader(table.read_text("utf-8").splitlines()))
    assert [(r["promise"], r["owner"], r["outcome"], r["first_due"]) for r in rows] == [
        ("1", "ana", "kept_on_time", "2026-11-24T17:00+00:00")
    ]
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with Image.open(chart) as image:
        image.verify()
    with Image.open(chart) as image:
        assert (image.format, image.size) == ("PNG", (800, 450))


def test_the_command_line_names_a_team_that_does_not_exist(
    run_bot: RunBot, database_url: str
) -> None:
    session(run_bot, database_url, "/digest team show")

    result = run_bot("digest", "--team", "nobody", "--week", "2026-W48", DATABASE_URL=database_url)

    assert result.returncode == 2
    assert "kept: There is no team called nobody." in result.stderr


@pytest.mark.parametrize("flag", ["--csv", "--png"])
def test_a_file_the_command_line_cannot_write_is_said_in_one_line(
    run_bot: RunBot, database_url: str, tmp_path: Path, flag: str
) -> None:
    session(run_bot, database_url, "/digest team add @ana")
    nowhere = tmp_path / "no-such-folder" / "week.out"

    result = run_bot(
        "digest",
        "--team",
        "me",
        "--week",
        "2026-W48",
        flag,
        str(nowhere),
        DATABASE_URL=database_url,
    )

    assert result.returncode == 2
    assert f"kept: {flag}: cannot write {nowhere}" in result.stderr
    assert "Traceback" not in result.stderr
