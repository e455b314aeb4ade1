"""Written durations, as the shell's /wait and the nudge settings take them."""

from datetime import timedelta

import pytest

from bot.domain.durations import parse_duration


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("30m", timedelta(minutes=30)),
        ("2h", timedelta(hours=2)),
        ("1d", timedelta(days=1)),
        ("1w", timedelta(weeks=1)),
        ("1h30m", timedelta(hours=1, minutes=30)),
        (" 2H ", timedelta(hours=2)),
    ],
)
def test_a_duration_is_read(written: str, meant: timedelta) -> None:
    assert parse_duration(written) == meant


@pytest.mark.parametrize("written", ["", "soon", "2", "h", "2 hours", "-1h", "1.5h"])
def test_anything_else_is_refused(written: str) -> None:
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration(written)
