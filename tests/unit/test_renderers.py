"""What Kept says on Slack and in the shell: each reply as its golden copy, within Slack's limits.

The golden copies live in tests/data/golden/<name>.json (Slack) and <name>.txt (the shell).
After a deliberate change of wording, write them again with KEPT_UPDATE_GOLDEN=1, then read
every changed file before committing it: the copies are what people will read.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.domain.commands import Topic
from bot.domain.promises import EXAMPLE, MAX_WHAT
from bot.handlers.slack import suggestions
from bot.render import slack as slack_render
from bot.render import text
from bot.render.slack import forms as slack_forms
from bot.render.slack import home as slack_home
from bot.render.slack import promises as slack_promises
from bot.render.text import promises as text_promises
from bot.services.promises import LIST_LIMIT
from bot.services.replies import Help, Refusal, Reply
from bot.services.replies.promises import Changed, Draft, Listing, Made, PromiseView, Suggestion

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden"
UPDATING = os.environ.get("KEPT_UPDATE_GOLDEN") == "1"

# --- Slack's limits (api.slack.com/reference/block-kit) -----------------------------------
MESSAGE_BLOCKS = 50
VIEW_BLOCKS = 100
SECTION_TEXT = 3000
ACTIONS_ELEMENTS = 25
BUTTON_VALUE = 2000
HEADER_TEXT = 150
OVERFLOW_VALUE = 75
VIEW_TITLE = 24
INPUT_LABEL = 2000
PRIVATE_METADATA = 3000

# --- the people, the moment and the promises ----------------------------------------------
NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)  # Tuesday, 09:00 in New York
NEW_YORK = "America/New_York"
NINA, ANA, RAJ = "U0NINA", "U0ANA", "U0RAJ"
RESPONSE_URL = "https://hooks.slack.com/commands/T00000001/1234567890/abcdefghijklmnopqrstuvwx"

DECK = PromiseView(
    id=7,
    what="send the Q3 deck",
    owner="nina",
    owner_ref=NINA,
    counterpart="ana",
    counterpart_ref=ANA,
    customer=None,
    due_at=datetime(2026, 11, 27, 20, 0, tzinfo=UTC),  # Friday 15:00 in New York
    grain="hour",
    status="open",
    on_time=None,
    as_of=NOW,
)
INVOICE = replace(
    DECK,
    id=8,
    what="fix the invoice",
    counterpart=None,
    counterpart_ref=None,
    customer="Acme",
    due_at=datetime(2026, 11, 24, 22, 0, tzinfo=UTC),  # today, 17:00 in New York
    grain="day",
)
NOTES = replace(
    DECK,
    id=9,
    what="share the meeting notes",
    counterpart=None,
    counterpart_ref=None,
    due_at=datetime(2026, 11, 25, 17, 0, tzinfo=UTC),  # tomorrow, 12:00 in New York
)
OVERDUE = replace(
    DECK,
    id=3,
    what="review the pricing page",
    due_at=datetime(2026, 11, 23, 22, 0, tzinfo=UTC),  # yesterday, 17:00 in New York
    grain="day",
)
FROM_RAJ = replace(
    DECK,
    id=12,
    what="approve the budget",
    owner="raj",
    owner_ref=RAJ,
    counterpart="nina",
    counterpart_ref=NINA,
    due_at=datetime(2026, 12, 1, 14, 0, tzinfo=UTC),  # next Tuesday, 09:00 in New York
)
# The longest promise the rules allow, in words that JSON and Slack both have to escape.
LONGEST_WHAT = ("send the “Q3” résumé & <notes> to José — отчёт готов; " * 30)[:MAX_WHAT]


def done(promise: PromiseView, on_time: bool) -> PromiseView:
    return replace(promise, status="done", on_time=on_time)


def listing(
    owed: tuple[PromiseView, ...] = (),
    owed_to_me: tuple[PromiseView, ...] = (),
    more_owed: int = 0,
    more_owed_to_me: int = 0,
) -> Listing:
    return Listing(owed, owed_to_me, more_owed, more_owed_to_me, NEW_YORK, NOW)


def longest(promise: PromiseView, number: int) -> PromiseView:
    """The promise at its longest, a day later per number, so a full list is soonest first."""
    return replace(
        promise, id=100_000 + number, what=LONGEST_WHAT, due_at=NOW + timedelta(days=number)
    )


LISTING = listing((INVOICE, NOTES, DECK), (FROM_RAJ,))
FULL_LISTING = listing(
    tuple(longest(DECK, n) for n in range(LIST_LIMIT)),
    tuple(longest(FROM_RAJ, n) for n in range(LIST_LIMIT)),
    more_owed=987,
    more_owed_to_me=1234,
)

# --- every reply, by the name of its golden copy -------------------------------------------
REPLIES: dict[str, Reply] = {
    **{f"help_{topic}": Help(topic) for topic in Topic},
    "refusal_with_example": Refusal(
        "That due time has already passed. When will you deliver it?", EXAMPLE
    ),
    "refusal_without_example": Refusal("Only the person who made this promise can change it."),
    "made_to_a_coworker": Made(DECK, NEW_YORK),
    "made_for_a_customer": Made(INVOICE, NEW_YORK),
    "made_to_no_one": Made(NOTES, NEW_YORK),
    "changed_done_on_time": Changed(done(DECK, on_time=True), NEW_YORK, "done"),
    "changed_done_late": Changed(done(DECK, on_time=False), NEW_YORK, "done"),
    "changed_cancelled": Changed(replace(DECK, status="cancelled"), NEW_YORK, "cancelled"),
    "changed_renegotiated": Changed(
        replace(DECK, due_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC), grain="minute"),
        NEW_YORK,
        "renegotiated",
    ),
    "changed_edited": Changed(
        replace(DECK, what="send the Q3 deck and its appendix"), NEW_YORK, "edited"
    ),
    "draft_without_a_due_time": Draft(
        "send the Q3 deck", ANA, None, None, "By when? I couldn't find a due time in that."
    ),
    "draft_with_two_due_times": Draft(
        "send the Q3 deck", ANA, None, None, "I read more than one due time there. Which one is it?"
    ),
    "draft_with_a_past_due_time": Draft(
        "send the Q3 deck",
        ANA,
        None,
        datetime(2026, 11, 24, 13, 0, tzinfo=UTC),
        "That due time has already passed. When will you deliver it?",
        "hour",
    ),
    "draft_without_words": Draft(
        "", None, None, None, "By when? I couldn't find a due time in that."
    ),
    "listing_empty": listing(),
    "listing_with_items": LISTING,
    "listing_with_an_overdue_promise": listing((OVERDUE, DECK)),
    "listing_with_more": listing((INVOICE, DECK), (FROM_RAJ,), more_owed=5, more_owed_to_me=2),
}

OFFER = Suggestion(
    what="send the Q3 deck",
    due_at=DECK.due_at,
    grain="hour",
    counterpart_ref=ANA,
    customer=None,
    zone=NEW_YORK,
    said_at=NOW,
)
FORM_METADATA = json.dumps({"owner": NINA, "source": "form", "response_url": RESPONSE_URL})


# --- golden copies -------------------------------------------------------------------------
def assert_golden(name: str, rendered: str) -> None:
    """`rendered` is word for word its golden copy (written instead, when updating)."""
    path = GOLDEN / name
    if UPDATING:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rendered, "utf-8")
    assert path.exists(), f"no golden copy {path}: write it with KEPT_UPDATE_GOLDEN=1, review it"
    assert rendered == path.read_text("utf-8"), f"{name} is not its golden copy"


def as_json(slack: dict[str, Any]) -> str:
    return json.dumps(slack, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# --- Slack's limits ------------------------------------------------------------------------
def nested(value: Any) -> Iterator[dict[str, Any]]:
    """Every object in a Block Kit payload, the payload included."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from nested(item)
    elif isinstance(value, list):
        for item in value:
            yield from nested(item)


def over_the_limits(blocks: list[dict[str, Any]], max_blocks: int) -> list[str]:
    """What Slack would refuse in these blocks, in words; empty when it takes them all."""
    problems = [f"{len(blocks)} blocks, over {max_blocks}"] if len(blocks) > max_blocks else []
    for part in nested(blocks):
        kind = part.get("type")
        if kind == "section" and len(part.get("text", {}).get("text", "")) > SECTION_TEXT:
            problems.append(f"section text of {len(part['text']['text'])} characters")
        if kind == "actions" and len(part["elements"]) > ACTIONS_ELEMENTS:
            problems.append(f"actions block of {len(part['elements'])} elements")
        if kind == "button" and len(part.get("value", "")) > BUTTON_VALUE:
            problems.append(f"button value of {len(part['value'])} characters")
        if kind == "header" and len(part["text"]["text"]) > HEADER_TEXT:
            problems.append(f"header of {len(part['text']['text'])} characters")
        if kind == "overflow":
            long_values = [o["value"] for o in part["options"] if len(o["value"]) > OVERFLOW_VALUE]
            problems += [f"overflow option value {value!r}" for value in long_values]
    return problems


def assert_slack_takes_message(message: dict[str, Any]) -> None:
    """A message (`text` and `blocks`) Slack would post as it is."""
    assert message["text"].strip(), "a message needs its notification text"
    assert over_the_limits(message["blocks"], MESSAGE_BLOCKS) == []
    for block in message["blocks"]:
        parsed = Block.parse(block)
        assert parsed is not None, block
        parsed.validate_json()
        assert parsed.to_dict() == block  # to_dict validates every element inside, too


def assert_slack_takes_view(view: dict[str, Any]) -> None:
    """A modal or Home tab Slack would open or publish as it is."""
    assert over_the_limits(view["blocks"], VIEW_BLOCKS) == []
    if view["type"] == "modal":
        assert 1 <= len(view["title"]["text"]) <= VIEW_TITLE, view["title"]
    parsed = View(**view)
    parsed.validate_json()
    assert parsed.to_dict() == view


# --- every reply ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", REPLIES)
def test_each_reply_reads_as_its_golden_copy_on_slack_and_in_the_shell(name: str) -> None:
    reply = REPLIES[name]

    slack = slack_render.render_reply(reply)
    shell = text.render_reply(reply)

    assert_slack_takes_message(slack)
    assert_golden(f"{name}.json", as_json(slack))
    assert_golden(f"{name}.txt", shell + "\n")


def test_a_track_this_offer_reads_as_its_golden_copy() -> None:
    prompt = slack_promises.suggestion_prompt(OFFER, value="the sealed suggestion")

    assert_slack_takes_message(prompt)
    assert_golden("suggestion.json", as_json(prompt))
    # In the shell a person's ref is their name.
    assert_golden(
        "suggestion.txt",
        text_promises.render_suggestion(replace(OFFER, counterpart_ref="ana")) + "\n",
    )


@pytest.mark.parametrize(
    ("name", "form"),
    [
        (
            "promise_form_new",
            slack_forms.promise_form(
                what="send the Q3 deck",
                due_at=None,
                counterpart_ref=ANA,
                customer=None,
                metadata=FORM_METADATA,
                problem="By when? I couldn't find a due time in that.",
            ),
        ),
        (
            "promise_form_edit",
            slack_forms.promise_form(
                what=DECK.what,
                due_at=DECK.due_at,
                counterpart_ref=None,
                customer=None,
                metadata=json.dumps({"promise": DECK.id, "response_url": RESPONSE_URL}),
                editing=True,
            ),
        ),
        (
            "more_time_form_coworker",
            slack_forms.more_time_form(DECK, NEW_YORK, json.dumps({"promise": DECK.id})),
        ),
        (
            "more_time_form_customer",
            slack_forms.more_time_form(INVOICE, NEW_YORK, json.dumps({"promise": INVOICE.id})),
        ),
        ("home", slack_home.home_view(LISTING)),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_each_form_and_the_home_tab_read_as_their_golden_copies(
    name: str, form: dict[str, Any]
) -> None:
    assert_slack_takes_view(form)
    assert_golden(f"{name}.json", as_json(form))


# --- the worst case ------------------------------------------------------------------------
def test_a_full_list_of_the_longest_promises_fits_in_a_slack_message() -> None:
    message = slack_render.render_reply(FULL_LISTING)

    assert_slack_takes_message(message)
    assert "…and 987 more, due later." in json.dumps(message, ensure_ascii=False)
    assert "…and 1234 more, due later." in json.dumps(message, ensure_ascii=False)


def test_a_full_list_of_the_longest_promises_fits_on_the_home_tab() -> None:
    assert_slack_takes_view(slack_home.home_view(FULL_LISTING))


@pytest.mark.parametrize(
    "reply",
    [
        Made(longest(DECK, 1), NEW_YORK),
        Changed(longest(DECK, 1), NEW_YORK, "renegotiated"),
        Changed(done(longest(DECK, 1), on_time=False), NEW_YORK, "done"),
        Draft(LONGEST_WHAT, ANA, None, None, "By when? I couldn't find a due time in that."),
    ],
    ids=["made", "renegotiated", "done", "draft"],
)
def test_the_longest_promise_fits_in_every_reply(reply: Reply) -> None:
    assert_slack_takes_message(slack_render.render_reply(reply))


@pytest.mark.parametrize(
    "what",
    [("send the Q3 deck to ana, with notes; " * 30)[:MAX_WHAT], LONGEST_WHAT],
    ids=["in-plain-english", "with-quotes-accents-and-cyrillic"],
)
def test_the_longest_promise_fits_in_a_track_this_offer(what: str) -> None:
    offer = replace(OFFER, what=what)
    key = b"k" * 32

    prompt = suggestions.prompt(offer, "U00000ANA", "C00000001/1700000000.000100", key)

    assert_slack_takes_message(prompt)
    [value] = {b["value"] for b in prompt["blocks"][1]["elements"] if b["value"] != "no"}
    assert suggestions.offer_of(value, "U00000ANA", key) == (
        Draft(what, offer.counterpart_ref, offer.customer, offer.due_at, "", offer.grain),
        "C00000001/1700000000.000100",
    )


@pytest.mark.parametrize(
    "promise", [longest(DECK, 1), longest(INVOICE, 1)], ids=["to-ana", "for-acme"]
)
def test_the_longest_promise_fits_in_the_forms(promise: PromiseView) -> None:
    assert_slack_takes_view(
        slack_forms.promise_form(
            what=promise.what,
            due_at=promise.due_at,
            counterpart_ref=promise.counterpart_ref,
            customer=promise.customer,
            metadata=FORM_METADATA,
            problem="That due time has already passed. When will you deliver it?",
        )
    )
    assert_slack_takes_view(slack_forms.more_time_form(promise, NEW_YORK, FORM_METADATA))


# --- past the limits -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "render",
    [
        lambda: slack_promises.suggestion_prompt(OFFER, value="v" * (BUTTON_VALUE + 1)),
        lambda: slack_forms.more_time_form(DECK, NEW_YORK, "m" * (PRIVATE_METADATA + 1)),
        lambda: slack_forms.more_time_form(
            replace(INVOICE, customer="c" * INPUT_LABEL), NEW_YORK, FORM_METADATA
        ),
        lambda: slack_home.home_view(
            listing(tuple(replace(DECK, id=n) for n in range(VIEW_BLOCKS)))
        ),
    ],
    ids=["button-value", "form-metadata", "input-label", "home-blocks"],
)
def test_what_slack_would_refuse_is_never_built(render: Callable[[], object]) -> None:
    with pytest.raises(SlackObjectFormationError):
        render()
