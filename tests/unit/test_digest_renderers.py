"""The digest and the team on Slack and in the shell: the numbers a manager reads, within
Slack's limits however big the team's week."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.domain.digest import IsoWeek, WeekCounts, trend_weeks
from bot.domain.promises import MAX_WHAT
from bot.render import slack as slack_render
from bot.render import text
from bot.services.replies.digest import AtRisk, Digest, WeekTrend
from bot.services.replies.kudos import Named
from bot.services.replies.teams import TeamView
from bot.settings import DEFAULT_VALUES
from tests.unit.test_renderers import assert_slack_takes_message

NEW_YORK = "America/New_York"
WEEK = IsoWeek.parse("2026-W45")
HAND_BUILT = WeekCounts(2, 2, 3, 1, 1, 1, 1, warned=2, median_delay_seconds=32.5 * 3600)


def a_digest(**changes: object) -> Digest:
    start, end = WEEK.bounds(NEW_YORK)
    values = {
        "team": "ana",
        "week": str(WEEK),
        "start": start,
        "end": end,
        "zone": NEW_YORK,
        "so_far": False,
        "now": end + timedelta(hours=9),
        "counts": HAND_BUILT,
        "trend": tuple(
            WeekTrend(str(w), HAND_BUILT if w == WEEK else WeekCounts(kept_on_time=1))
            for w in trend_weeks(WEEK)
        ),
        "at_risk": (
            AtRisk(
                5, "send the Q3 deck", "bo", datetime(2026, 11, 10, 17, tzinfo=UTC), True, False
            ),
        ),
        "kudos_given": 2,
        "kudos_received": 3,
        "kudos_by_value": (("teamwork", 2), ("empathy", 1)),
        "most_thanked": (("bo", 2), ("cy", 1)),
    }
    return Digest(**{**values, **changes})  # type: ignore[arg-type]


def test_the_shell_shows_the_weeks_numbers_rates_trend_risks_and_kudos() -> None:
    shown = text.render_reply(a_digest())

    assert shown.splitlines()[:10] == [
        "ana's digest for 2026-W45 (Mon 2 Nov – Sun 8 Nov)",
        "Promises due: 11",
        "  kept on time                   2",
        "  kept late                      2",
        "  renegotiated early             3",
        "  renegotiated late              1",
        "  broken (overdue, still open)   1",
        "  cancelled                      1",
        "  not yet due                    1",
        "On-time rate: 22% (2 of 9)",
    ]
    assert "Early-warning rate: 29% (2 of 7)" in shown
    assert "Median delay: 1 d 8 h 30 min" in shown
    assert "On-time trend: W38 100%  W39 100%" in shown
    assert "  #5 @bo: send the Q3 deck, due Tue 10 Nov, 12:00 (renegotiated)" in shown
    assert "Kudos: 2 given, 3 received; #teamwork ×2, #empathy ×1." in shown
    assert "Most thanked: @bo (2), @cy (1)." in shown


def test_an_empty_week_says_so_rather_than_showing_zeros() -> None:
    shown = text.render_reply(a_digest(counts=WeekCounts(), at_risk=()))

    assert "  No promises fell due this week." in shown
    assert "On-time rate: –" in shown
    assert "At risk next week: nothing." in shown


def test_slack_shows_the_same_numbers() -> None:
    shown = json.dumps(slack_render.render_reply(a_digest()), ensure_ascii=False)

    assert "ana's digest for 2026-W45 (Mon 2 Nov – Sun 8 Nov)" in shown
    assert "*On-time rate:* 22% (2 of 9)" in shown
    assert "*Early-warning rate:* 29% (2 of 7)" in shown
    assert "bo: send the Q3 deck, due <!date^" in shown


def test_the_biggest_week_fits_in_a_slack_message() -> None:
    risks = tuple(
        AtRisk(n, "x" * MAX_WHAT, "a" * 255, datetime(2026, 11, 10, 17, tzinfo=UTC), True, True)
        for n in range(500)
    )
    biggest = a_digest(
        team="t" * 255,
        at_risk=risks,
        kudos_by_value=tuple((v, 99999) for v in DEFAULT_VALUES),
        most_thanked=tuple(("n" * 255, 99999) for _ in range(3)),
    )

    assert_slack_takes_message(slack_render.render_reply(biggest))


def test_a_team_change_names_who_changed_and_the_team_now() -> None:
    ana, bo, cy = Named("ana", "U0ANA"), Named("bo", "U0BO"), Named("cy", "U0CY")
    added = TeamView("ana", ana, (bo, cy), "C0TEAM", "added", (bo, cy))

    assert (
        text.render_reply(added)
        == "Added @bo, @cy. ana's team: @bo, @cy. Results are shared in C0TEAM."
    )
    assert slack_render.render_reply(added)["text"] == "Added <@U0BO>, <@U0CY>."
    assert "Results are shared in <#C0TEAM>." in json.dumps(slack_render.render_reply(added))
