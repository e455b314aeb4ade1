"""What Kept says about kudos on Slack and in the shell: golden copies, within Slack's limits.

The golden copies live beside the others in tests/data/golden, written and checked by the
helpers of test_renderers.py (KEPT_UPDATE_GOLDEN=1 writes them; read each before committing).
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from bot.domain.kudos import MAX_REASON, Period
from bot.render import slack as slack_render
from bot.render import text
from bot.render.slack import home as slack_home
from bot.render.slack.kudos import message_reason
from bot.services.outbox import Delivery, decode
from bot.services.replies import Refusal, Reply
from bot.services.replies.kudos import Given, KudosSummary, KudosView, Leader, Leaderboard, Named
from bot.settings import DEFAULT_VALUES
from tests.unit.test_renderers import (
    FULL_LISTING,
    LISTING,
    NEW_YORK,
    NOW,
    as_json,
    assert_golden,
    assert_slack_takes_message,
    assert_slack_takes_view,
)

NINA = Named("nina", "U0NINA")
ANA = Named("ana", "U0ANA")
RAJ = Named("raj", "U0RAJ")
KIRAN = Named("kiran", "U0KIRAN")
GENERAL = "C00000001"
SWAP = "for covering the on-call swap"
LINK = message_reason("https://kept-test.slack.com/archives/C00000001/p1764000000000100", GENERAL)
# The longest reason the rules allow, in words that JSON and Slack both have to escape.
LONGEST_REASON = ("for the “Q3” résumé & <notes> to José — отчёт готов; " * 20)[:MAX_REASON]
# As many people as anyone can thank at once (the highest allowance), with Slack's longest ids.
MOST_RECIPIENTS = tuple(Named(f"person.with.a.long.name.{n:03d}", f"W{n:010d}") for n in range(100))


def kudos_view(
    giver: Named, recipient: Named, reason: str, *values: str, hours: int = 1
) -> KudosView:
    return KudosView(giver, recipient, reason, values, NOW - timedelta(hours=hours))


SUMMARY = KudosSummary(
    received=12,
    given=4,
    values=(("teamwork", 5), ("empathy", 3), ("information", 1), ("options", 1)),
    latest_received=(
        kudos_view(RAJ, NINA, SWAP, "teamwork"),
        kudos_view(KIRAN, NINA, "great demo!", hours=26),
    ),
    latest_given=(kudos_view(NINA, ANA, "for listening to Acme", "empathy", hours=3),),
    left=3,
    zone=NEW_YORK,
)
NO_KUDOS_YET = KudosSummary(0, 0, (), (), (), 5, NEW_YORK)
FULL_SUMMARY = KudosSummary(
    received=98765,
    given=43210,
    values=tuple((value, 1000 - n) for n, value in enumerate(DEFAULT_VALUES)),
    latest_received=tuple(
        kudos_view(MOST_RECIPIENTS[n], NINA, LONGEST_REASON, *DEFAULT_VALUES) for n in range(5)
    ),
    latest_given=tuple(
        kudos_view(NINA, MOST_RECIPIENTS[n], LONGEST_REASON, *DEFAULT_VALUES) for n in range(5)
    ),
    left=0,
    zone=NEW_YORK,
)

REPLIES: dict[str, Reply] = {
    "given_to_two_with_a_value": Given(NINA, (ANA, RAJ), SWAP, ("teamwork",), GENERAL, 3),
    "given_without_for_or_values": Given(NINA, (ANA,), "great demo!", (), GENERAL, 0),
    "given_nowhere_public": Given(NINA, (ANA,), SWAP, ("teamwork", "empathy"), None, 4),
    "leaderboard_of_the_week": Leaderboard(
        Period.WEEK,
        (
            Leader(1, ANA, 5, (("teamwork", 3), ("empathy", 2), ("options", 1), ("control", 1))),
            Leader(2, RAJ, 3, (("teamwork", 1),)),
            Leader(2, KIRAN, 3, ()),
        ),
    ),
    "leaderboard_empty": Leaderboard(Period.MONTH, ()),
    "refusal_no_kudos_left": Refusal("You have no kudos left today: you can give 5 a day."),
}


def delivery(kind: str, recipient: str, **payload: Any) -> Delivery:
    base = {"giver": "nina", "giver_ref": NINA.ref, "reason": SWAP, "emoji": "raised_hands"}
    message = decode(kind, base | payload)
    return Delivery(1, f"kudos:1:{kind}", "slack", "T00000001", recipient, message, 0)


def post(recipients: tuple[Named, ...], **payload: Any) -> Delivery:
    people = [{"name": r.name, "ref": r.ref} for r in recipients]
    return delivery("kudos_post", GENERAL, recipients=people, **payload)


DELIVERIES = {
    "kudos_post": post((ANA, RAJ), values=["teamwork"]),
    "kudos_news": delivery("kudos_news", ANA.ref, values=["teamwork"], channel=GENERAL),
    "kudos_news_for_a_reaction": delivery(
        "kudos_news", ANA.ref, reason=LINK, values=[], channel=None
    ),
}


# --- golden copies -------------------------------------------------------------------------
@pytest.mark.parametrize("name", REPLIES)
def test_each_kudos_reply_reads_as_its_golden_copy_on_slack_and_in_the_shell(name: str) -> None:
    reply = REPLIES[name]

    slack = slack_render.render_reply(reply)
    shell = text.render_reply(reply)

    assert_slack_takes_message(slack)
    assert_golden(f"{name}.json", as_json(slack))
    assert_golden(f"{name}.txt", shell + "\n")


@pytest.mark.parametrize("name", DELIVERIES)
def test_each_kudos_message_reads_as_its_golden_copy_on_slack_and_in_the_shell(
    name: str,
) -> None:
    sent = DELIVERIES[name]

    slack = slack_render.render_delivery(sent)
    shell = text.render_delivery(sent)

    assert_slack_takes_message(slack)
    assert_golden(f"{name}.json", as_json(slack))
    assert_golden(f"{name}.txt", shell + "\n")


@pytest.mark.parametrize(
    ("name", "summary"),
    [("home_with_kudos", SUMMARY), ("home_before_any_kudos", NO_KUDOS_YET)],
)
def test_the_home_tab_with_kudos_reads_as_its_golden_copy(name: str, summary: KudosSummary) -> None:
    home = slack_home.home_view(LISTING, summary)

    assert_slack_takes_view(home)
    assert_golden(f"{name}.json", as_json(home))


def test_the_home_tab_lists_promises_first_then_kudos_then_how_to_use_both() -> None:
    home = json.dumps(slack_home.home_view(LISTING, SUMMARY), ensure_ascii=False)

    places = [home.index(words) for words in ("What you owe", "Kudos", "/promise", "/kudos @ana")]
    assert places == sorted(places)


def test_a_reaction_without_a_link_names_the_channel() -> None:
    assert message_reason(None, GENERAL) == f"for a message in <#{GENERAL}>"


# --- the worst case ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "reply",
    [
        Given(NINA, MOST_RECIPIENTS, LONGEST_REASON, DEFAULT_VALUES, GENERAL, 0),
        Leaderboard(
            Period.ALL,
            tuple(
                Leader(n + 1, MOST_RECIPIENTS[n], 99999, tuple((v, 9999) for v in DEFAULT_VALUES))
                for n in range(10)
            ),
        ),
    ],
    ids=["given-to-the-most-people-at-the-longest", "a-full-leaderboard"],
)
def test_the_largest_kudos_replies_fit_in_a_slack_message(reply: Reply) -> None:
    assert_slack_takes_message(slack_render.render_reply(reply))


def test_the_largest_kudos_post_fits_in_a_slack_message() -> None:
    largest = post(MOST_RECIPIENTS, reason=LONGEST_REASON, values=list(DEFAULT_VALUES))

    assert_slack_takes_message(slack_render.render_delivery(largest))


def test_the_longest_promises_and_kudos_fit_on_the_home_tab_together() -> None:
    assert_slack_takes_view(slack_home.home_view(FULL_LISTING, FULL_SUMMARY))


def test_dates_on_the_home_tab_are_shown_in_each_readers_zone() -> None:
    home = json.dumps(slack_home.home_view(LISTING, SUMMARY))

    an_hour_ago = int((NOW - timedelta(hours=1)).timestamp())
    assert f"<!date^{an_hour_ago}^" in home
