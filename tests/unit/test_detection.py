"""Promise detection: which chat messages make a first-person promise, hedged or firm, to whom."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.domain.detection import PromiseSignal, detect_promise, may_contain_promise

LABELLED = Path(__file__).resolve().parents[1] / "data" / "messages.jsonl"


def labelled_messages() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines() if line]


def is_trackable(signal: PromiseSignal) -> bool:
    """What the bot offers to track (given a due time): a firm promise."""
    return signal.is_promise and not signal.hedged


# --- a promise is a first-person commitment ------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "I'll get the invoice fixed for Acme by EOD tomorrow",
        "on it, expect it Thursday morning @raj",
        "will do, you'll have it by Friday",
        "I will send the deck to @ana by 3pm",
        "let me get back to you by tomorrow",
        "I'm going to finish the review today",
        "I can have the draft to you by Monday",
        "sure, I'll handle it before the demo on the 3rd",
        "will send over by EOW",
        "I'll have it done by end of day",
        "I’ll send it tonight",  # a typographic apostrophe
        "Can you review the PR? I'll merge it by 3pm",  # a question, then a promise
        "I can't do Friday, but I'll send it Monday",  # a refusal, then a promise
        "I'll send it Friday, ok?",  # a tag question does not undo the promise
        "I'll send it Friday if that works for you",  # politeness is not a condition
    ],
)
def test_a_first_person_commitment_is_a_promise(text: str) -> None:
    signal = detect_promise(text)

    assert signal.is_promise, text
    assert not signal.hedged, text


@pytest.mark.parametrize(
    "text",
    [
        "can you send it by Monday?",
        "will you have it ready by Friday?",
        "should I send it Friday?",
        "Do you want me to send it to Acme by Friday?",
    ],
)
def test_a_question_is_not_a_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    [
        "please send the final numbers by EOD",
        "@raj can you take the handover by Thursday",
        "could you take a look by Thursday",
        "let me know by Friday if that works",
    ],
)
def test_a_request_to_someone_else_is_not_a_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    [
        "I delivered it Friday",
        "I sent it yesterday",
        "I was going to send it today but got pulled into an incident",
    ],
)
def test_what_already_happened_is_not_a_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    ["Ana will send it Friday", "Tom's going to present the roadmap at 2pm"],
)
def test_someone_elses_commitment_is_not_the_writers_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    [
        "I won't make it",
        "I can't do it by Friday",
        "I'll not be able to make the 3pm, sorry",
        "I don't think I'll get to it before Monday",
    ],
)
def test_a_negation_is_not_a_promise(text: str) -> None:
    signal = detect_promise(text)

    assert not signal.is_promise
    assert not signal.hedged


@pytest.mark.parametrize(
    "text",
    [
        "I'll try to send it Friday",
        "hopefully by Friday",
        "if legal signs off I'll send it Friday",
        "I might have it by Monday, depends on QA",
        "I should be able to send it by Monday",
        "will try to close it by Wednesday, no promises",
        "I think I can have it done by Tuesday",
    ],
)
def test_a_hedged_or_conditional_commitment_is_hedged_not_a_promise(text: str) -> None:
    signal = detect_promise(text)

    assert signal.hedged, text
    assert not signal.is_promise, text


def test_a_firm_promise_outweighs_a_hedged_one_in_the_same_message() -> None:
    signal = detect_promise(
        "I'll try to get the draft out today. Will definitely send it by Friday though."
    )

    assert signal.is_promise
    assert not signal.hedged


def test_someone_elses_hedge_does_not_hedge_the_writer() -> None:
    assert not detect_promise("Ana might send it Friday").hedged


@pytest.mark.parametrize(
    "text",
    [
        "Famous last words: I'll have it by Friday 😂",
        "I'll have it done by Monday... said no one ever",
        'Raj said "I\'ll send it Monday" but who knows',
    ],
)
def test_jokes_and_reported_speech_are_not_promises(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    ["I'll be out Friday", "I'll be OOO Thursday and Friday", "I'll join the call at 3"],
)
def test_announcing_where_i_will_be_is_not_a_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    ["standup moved to 10am tomorrow", "lol that meeting could have been an email"],
)
def test_chatter_is_not_a_promise(text: str) -> None:
    assert detect_promise(text) == PromiseSignal(False, False, None, text)


# --- to whom --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "counterpart"),
    [
        ("I will send the deck to @ana by 3pm", "@ana"),
        ("on it, expect it Thursday morning @raj", "@raj"),
        ("<@U00000ANA> I'll push the hotfix by 4:30pm", "<@U00000ANA>"),
        ("<@U00000BEN|ben> I'll review it this afternoon", "<@U00000BEN>"),
        ("I'll get the invoice fixed for Acme by EOD tomorrow", "Acme"),
        ("I'll send it to the customer Acme Corp by Friday", "Acme Corp"),
        ("I'll send the contract for Acme Inc. by Monday", "Acme Inc"),
        ("I'll follow up with Stark Industries next week", "Stark Industries"),
        ("I'll get the Tata invoice corrected by EOW", "Tata"),
        # whom it is given to in the commitment's words, not whom the message thanks or copies
        ("thanks @ana, I'll send the notes to Acme by EOD cc @raj", "Acme"),
        ("@raj I'll send the deck to @ana by Friday", "@ana"),
        ("<@U0BOT> I'll send the deck to <@U0ANA> by Friday", "<@U0ANA>"),
        ("I'll send the revised quote to Acme by Friday, thanks to @raj for the numbers", "Acme"),
        ("I'll get the numbers to you via @ana by Friday", None),
        ("@tanya I'll get the Q4 calcs to you by Friday", "@tanya"),
        ("I'll have the Bank of Ireland submission in by the 3rd of March", "Bank of Ireland"),
        ("I'll send the Santos statements by Friday 10:30", "Santos"),
        ("I'll have the SAP export to you by Tuesday", None),
        ("I'll submit the VAT return by end of the month", None),
        ("I'll book the London office for the offsite by Friday", None),
        ("I'll have the Python migration done by Friday", None),
        ("I'll send the proposal to Mr. Smith by Friday", "Mr. Smith"),
        ("I'll send the signed contract to Johnson & Johnson by Friday", "Johnson & Johnson"),
        ("I'll book the flights to London by Friday", None),
        ("Hi Acme team, I'll send the revised quote by Friday", "Acme"),
        ("I'll send the deck to <https://acme.com|Acme> by Friday", "Acme"),
        ("I'll have the FX numbers to the London team by 4pm", None),
        ("Thanks Sales team, I'll send it by Friday", None),
        ("cc @raj: I'll send it by Friday", None),
        ("I'll send it to you by Friday", None),
        ("I'll have it for Monday's review", None),
        ("mail me at ana@example.com, I'll send it Friday", None),
    ],
)
def test_the_counterpart_is_the_first_mention_or_a_named_customer(
    text: str, counterpart: str | None
) -> None:
    assert detect_promise(text).counterpart == counterpart


# --- what was promised ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("I'll get the invoice fixed for Acme by EOD tomorrow",
         "get the invoice fixed for Acme by EOD tomorrow"),
        ("on it, expect it Thursday morning @raj", "expect it Thursday morning @raj"),
        ("will do, you'll have it by Friday", "you'll have it by Friday"),
        ("Sure, I will Send the deck Friday.", "Send the deck Friday"),
        ("I'll get it to you Friday. Might be a bit rough though.", "get it to you Friday"),
    ],
)  # fmt: skip
def test_what_is_the_commitment_without_its_lead_in(text: str, what: str) -> None:
    assert detect_promise(text).what == what


# --- the prefilter --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "standup moved to 10am tomorrow",
        "Invoice 2291 is for £4,500, paid in full",
        "Have a lovely weekend everyone! 🎉",
        "I sent it yesterday",
        "",
    ],
)
def test_the_prefilter_lets_ordinary_chatter_go(text: str) -> None:
    assert not may_contain_promise(text)


def test_the_prefilter_never_drops_a_labelled_promise() -> None:
    promises = [m for m in labelled_messages() if m["promise"]]
    dropped = [m["id"] for m in promises if not may_contain_promise(m["text"])]

    assert dropped == []


def test_what_the_prefilter_drops_is_never_detected_as_a_promise() -> None:
    for message in labelled_messages():
        if not may_contain_promise(message["text"]):
            assert not detect_promise(message["text"]).is_promise, message["id"]


# --- over the labelled set ------------------------------------------------------------------
def test_the_labelled_set_is_big_and_varied_enough_to_mean_something() -> None:
    messages = labelled_messages()
    negatives = [m for m in messages if not m["promise"]]

    assert len(messages) >= 180
    assert len(negatives) >= len(messages) / 3
    assert len({m["id"] for m in messages}) == len(messages)
    assert {m["tz"] for m in messages} >= {
        "America/New_York", "Europe/London", "Asia/Kolkata", "Europe/Berlin",
        "America/Los_Angeles",
    }  # fmt: skip
    assert all((m["due"] is None) == (m["grain"] is None) for m in messages)


def test_detection_on_the_labelled_set_is_precise_and_finds_most_promises() -> None:
    messages = labelled_messages()
    said = [is_trackable(detect_promise(m["text"])) for m in messages]
    truth = [m["promise"] for m in messages]

    true_positives = sum(s and t for s, t in zip(said, truth, strict=True))
    precision = true_positives / sum(said)
    recall = true_positives / sum(truth)

    assert precision >= 0.95, f"precision {precision:.3f}"
    assert recall >= 0.90, f"recall {recall:.3f}"


def test_counterparts_of_labelled_promises_are_mostly_right() -> None:
    promises = [m for m in labelled_messages() if m["promise"]]
    right = sum(detect_promise(m["text"]).counterpart == m["counterpart"] for m in promises)

    assert right / len(promises) >= 0.9


@pytest.mark.parametrize(
    "text",
    ["I'll be honest, Friday is tight", "I will say the new dashboard is faster", "I'll admit it"],
)
def test_figures_of_speech_are_not_promises(text: str) -> None:
    assert not detect_promise(text).is_promise


def test_a_possessive_customer_is_named_without_its_s() -> None:
    assert detect_promise("I'll send the Acme's renewal quote by Friday").counterpart == "Acme"


@pytest.mark.parametrize(
    ("text", "counterpart"),
    [
        ("Will send Initech the redlined MSA by Friday.", "Initech"),
        ("ill call Globex back in half an hour", "Globex"),
        ("Sorted, I'll ring Tesco's buyer back by close of play", "Tesco"),
        ("I'll get Petrobras the signed NDA by Thu", "Petrobras"),
        ("will send Hooli's CFO the usage report by EOW", "Hooli"),
        ("I'll have the Daimler test report ready on the 2nd of April", "Daimler"),
        ("I'll action the Telstra change request tuesday", "Telstra"),
        ("I'll send Friday's notes to the team", None),
        ("I'll call you back tomorrow", None),
    ],
)
def test_a_customer_is_also_the_one_a_delivery_is_done_to(
    text: str, counterpart: str | None
) -> None:
    assert detect_promise(text).counterpart == counterpart


@pytest.mark.parametrize(
    "text",
    [
        "@arjun will share the access creds by 4",
        "@ana and @raj will finish the audit by Friday",
        "<@U0KAVYA> will share the deployment checklist by 4pm",
        "Rahul will do the needful by EOD, pls follow up with him",
    ],
)
def test_what_someone_named_will_do_is_not_the_writers_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize("text", ["@raj, will send it Friday", "ok will do 👍", "sure, will do"])
def test_the_writer_speaking_to_someone_still_promises(text: str) -> None:
    assert detect_promise(text).is_promise


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (
            "I'll review <https://github.com/org/repo/pull/12> by Friday 3pm",
            "review <https://github.com/org/repo/pull/12> by Friday 3pm",
        ),
        ("I'll send the v2.1 release notes by Friday", "send the v2.1 release notes by Friday"),
        ("Done. I'll send it by Friday.", "send it by Friday"),
    ],
)
def test_a_stop_inside_a_word_or_link_ends_no_sentence(text: str, what: str) -> None:
    assert detect_promise(text).what == what


@pytest.mark.parametrize(
    ("text", "counterpart", "also"),
    [
        ("I'll send it to @ana, @raj and @li by Friday", "@ana", ("@raj", "@li")),
        ("I'll send it to <@U1ANA> & <@U2RAJ> by Friday", "<@U1ANA>", ("<@U2RAJ>",)),
        ("I'll send it to @ana by Friday, cc @raj", "@ana", ()),
        ("I'll send it to @ana after @raj reviews it", "@ana", ()),
        ("I'll send the quote to Acme and @raj by Friday", "@raj", ()),
    ],
)
def test_the_co_workers_listed_with_the_counterpart_are_all_named(
    text: str, counterpart: str, also: tuple[str, ...]
) -> None:
    signal = detect_promise(text)
    assert (signal.counterpart, signal.also) == (counterpart, also)


@pytest.mark.parametrize(
    "text",
    [
        "in theory I can have the redlines back by noon",
        "I'd like to think I can get Acme the pilot report by end of next week",
        "with a bit of luck you'll have it Friday",
        "I'll endeavour to have the Airbus response with you by Friday",
        "I'll give it a go tonight, no guarantees",
    ],
)
def test_a_hedge_in_other_words_is_still_a_hedge(text: str) -> None:
    signal = detect_promise(text)
    assert (signal.is_promise, signal.hedged) == (False, True)


@pytest.mark.parametrize(
    "text",
    [
        "I'll be in Auckland from Tuesday for the Fonterra workshops",
        "gonna be heads down on the Deloitte audit till the 20th",
        "I'm going to be heads-down on the audit all of next week",
    ],
)
def test_where_i_will_be_in_a_place_or_heads_down_is_no_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    [
        "I send you the numbers on Friday",
        "I finish the prep until year end, then it goes to the auditor",
        "Singtel gets the revised proposal from me the day after tomorrow",
        "you have my word, the quote will be in your inbox Thursday morning",
        "will reply to Ocado on boxing day, I'm on call anyway so might as well",
    ],
)
def test_a_commitment_in_other_words_is_a_promise(text: str) -> None:
    assert detect_promise(text).is_promise


def test_a_habit_in_the_present_tense_is_no_promise() -> None:
    assert not detect_promise("I send the report every Friday").is_promise


@pytest.mark.parametrize(
    "text",
    [
        "Tomorrow morning I give you the test result",
        "I close the November payroll incidents before the long weekend",
        "can do by 4",
        "I told Home Depot I'd have the revised rebate calc over by Wednesday",
    ],
)
def test_more_ways_people_commit(text: str) -> None:
    assert detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text", ["if I give you the numbers Friday, can you check them?", "can do?"]
)
def test_a_condition_or_a_question_is_no_commitment(text: str) -> None:
    assert not detect_promise(text).is_promise


def test_a_holiday_named_after_for_is_no_customer() -> None:
    text = "tomorrow is a half day for Independence Day, so I'll share the release notes by 1pm"
    assert detect_promise(text).counterpart is None


def test_sending_it_is_a_commitment() -> None:
    assert detect_promise("sending the punch list to Turner by five PM tomorrow").is_promise


@pytest.mark.parametrize(
    "text",
    [
        "I'd love to finish by the 3rd but we'll see",
        "I'll sleep on it till Monday",
        "> I'll send the report to @raj by Thursday",
        "`I'll send it by Friday`",
        "```\nI'll send it by Friday\n```",
        "Forwarded message:\nI'll send it by Friday",
        "I expect the data by Friday",
    ],
)
def test_wishes_quotes_code_and_what_others_owe_are_no_promise(text: str) -> None:
    assert not detect_promise(text).is_promise


@pytest.mark.parametrize(
    "text",
    [
        "I commit to sending it by Friday",
        "can have it to you Friday",
        "> when can we expect the quote?\nby 2 today, I'll send it myself",
    ],
)
def test_a_commitment_after_a_quote_or_in_plain_words(text: str) -> None:
    assert detect_promise(text).is_promise
