"""`python -m bot understand`: JSON lines in and out, as operators' scripts use it."""

from __future__ import annotations

import json

import pytest

from tests.e2e.conftest import RunBot

NEW_YORK = ("understand", "--tz", "America/New_York", "--now", "2026-11-18T10:00")


def answers(
    run_bot: RunBot, *lines: str, args: tuple[str, ...] = NEW_YORK
) -> list[dict[str, object]]:
    result = run_bot(*args, stdin="".join(line + "\n" for line in lines))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_promise_with_a_due_time_and_a_counterpart(run_bot: RunBot) -> None:
    [answer] = answers(run_bot, "I'll send the deck to @ana by Friday 3pm")

    assert answer == {
        "promise": True,
        "due": "2026-11-20T15:00:00-05:00",
        "grain": "hour",
        "matched": "by Friday 3pm",
        "counterpart": "@ana",
    }


def test_json_lines_override_the_flags(run_bot: RunBot) -> None:
    line = json.dumps(
        {
            "text": "will do, you'll have it by 27/11",
            "tz": "Asia/Kolkata",
            "now": "2026-11-18T10:00",
            "locale": "en-IN",
        }
    )

    [answer] = answers(run_bot, line)

    assert answer["promise"] is True
    assert answer["due"] == "2026-11-27T17:00:00+05:30"
    assert answer["grain"] == "day"


def test_a_time_is_given_even_when_there_is_no_promise(run_bot: RunBot) -> None:
    question, chatter = answers(run_bot, "can you send it by Monday?", "lunch was great")

    assert question["promise"] is False
    assert question["due"] == "2026-11-23T17:00:00-05:00"
    assert chatter == {
        "promise": False,
        "due": None,
        "grain": None,
        "matched": None,
        "counterpart": None,
    }


def test_a_line_it_cannot_read_is_answered_in_place(run_bot: RunBot) -> None:
    first, broken, last = answers(
        run_bot, "I'll do it tomorrow", '{"text": 3}', "I'll do it by EOD"
    )

    assert first["promise"] is True and last["promise"] is True
    assert broken["error"] == 'line 2: a JSON line needs "text"'
    assert broken["due"] is None


def test_a_time_past_the_calendar_or_an_endless_zone_is_answered_in_place(
    run_bot: RunBot,
) -> None:
    """Lines that once ended the whole stream with a traceback."""
    lines = (
        '{"text": "I\'ll do it by Friday", "now": "9999-12-31T23:59"}',
        json.dumps({"text": "I'll do it by Friday", "tz": "A" * 5000}),
        "I'll do it by EOD",
    )

    past_the_end, endless, last = answers(run_bot, *lines)

    assert str(past_the_end["error"]).startswith("line 1: ") and past_the_end["due"] is None
    assert str(endless["error"]).startswith("line 2: 'AAAA") and len(str(endless["error"])) < 200
    assert last["promise"] is True


def test_bad_flags_are_refused_in_one_line(run_bot: RunBot) -> None:
    result = run_bot("understand", "--tz", "Mars/Base", stdin="hi\n")

    assert result.returncode == 2
    assert result.stderr.strip() == "kept: --tz: 'Mars/Base' is not a time zone like Europe/London"


def test_promise_is_what_kept_would_offer_to_track(run_bot: RunBot) -> None:
    offered, no_time, passed, impossible = answers(
        run_bot,
        "I'll look into the failing build and send @ana the fix by Friday",
        "I'll look into the failing build",
        "I'll send @ana the fix by Nov 16",
        "I'll send @ana the fix by Friday 25:00",
    )

    assert offered["promise"] is True
    assert [no_time["promise"], passed["promise"], impossible["promise"]] == [False] * 3
    assert passed["due"] == "2026-11-16T17:00:00-05:00"  # the date is still said, for a script
    assert passed["counterpart"] == "@ana"


def test_every_line_in_has_its_line_out_blank_ones_too(run_bot: RunBot) -> None:
    said = answers(run_bot, "I'll send it by Friday", "", "   ", "I'll send it by Monday")

    assert [a["promise"] for a in said] == [True, False, False, True]
    assert said[3]["due"] == "2026-11-23T17:00:00-05:00"


def test_a_json_line_with_a_byte_order_mark_keeps_its_zone(run_bot: RunBot) -> None:
    line = "\ufeff" + json.dumps({"text": "I'll send it by 5pm", "tz": "Asia/Kolkata"})

    [answer] = answers(run_bot, line)

    assert str(answer["due"]).endswith("+05:30")


def test_characters_no_one_sees_do_not_change_the_reading(run_bot: RunBot) -> None:
    hidden = ("I'll send it by 5\u200b:30pm to @an\u200ba", "I'll send it Fri\u00adday")

    said = answers(run_bot, *hidden)

    assert (said[0]["due"], said[0]["counterpart"]) == ("2026-11-18T17:30:00-05:00", "@ana")
    assert said[1]["due"] == "2026-11-20T17:00:00-05:00"


def test_what_kept_would_not_offer_is_no_promise_here_either(run_bot: RunBot) -> None:
    far = "I'll send it by 1 March 2040"
    document = "I'll send the deck by Friday. " + "More notes follow here. " * 200

    said = answers(run_bot, far, document)

    assert [a["promise"] for a in said] == [False, False]


def test_a_joiner_inside_a_name_does_not_cut_it(run_bot: RunBot) -> None:
    [answer] = answers(run_bot, "I'll send it by Friday to @r\u200daj")

    assert answer["counterpart"] == "@raj"


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (("--locale", "xx-YY"), "kept: --locale: 'xx-YY' is not a locale like en-US or en-GB"),
        (("--locale", ""), "kept: --locale: '' is not a locale like en-US or en-GB"),
        (("--tz", ""), "kept: --tz: '' is not a time zone like Europe/London"),
        (("--now", ""), "kept: --now: '' is not an ISO time like 2026-11-20T10:00"),
        (("--now", "9999-12-31T23:59"), "kept: --now: '9999-12-31T23:59' is outside the years"),
    ],
)
def test_an_empty_or_impossible_flag_is_refused_not_ignored(
    run_bot: RunBot, flags: tuple[str, str], said: str
) -> None:
    result = run_bot("understand", *flags, stdin="I'll send it by Friday\n")

    assert result.returncode == 2
    assert result.stderr.strip().startswith(said)


def test_a_json_line_with_a_locale_that_is_none_is_answered_with_the_error(run_bot: RunBot) -> None:
    [answer] = answers(run_bot, json.dumps({"text": "by 3/12", "locale": "en-XX"}))

    assert answer["promise"] is False
    assert "'en-XX' is not a locale like en-US or en-GB" in str(answer["error"])
