"""Promises, told as stories: made, listed, kept, moved, reworded, cancelled, offered.

Every story runs on SQLite and on PostgreSQL, in a Slack workspace of four people and a bot,
on Tuesday 24 November 2026 at 14:00 UTC (the `clock` fixture) unless the clock is moved.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.bootstrap import Kept, build
from bot.clock import FixedClock
from bot.domain.errors import KeptError
from bot.domain.people import Profile
from bot.domain.promises import MAX_WHAT, Action, check_allowed
from bot.services import promises
from bot.services.promises import LIST_LIMIT, NOT_FOUND
from bot.services.replies.promises import Changed, Draft, Made, PromiseView, Suggestion
from bot.settings import Settings, load_settings
from bot.store.models import OutboxMessage, Person, Promise, PromiseEvent
from tests.conftest import ROOT, _empty_postgres
from tests.fakes.directory import PLATFORM, WORKSPACE, FakeDirectory

# --- the people ----------------------------------------------------------------------------
NINA = "U0NINA"  # New York: 09:00 on the clock's Tuesday
KIRAN = "U0KIRAN"  # Kolkata: 19:30 on the clock's Tuesday
ANA = "U0ANA"  # Lisbon
RAJ = "U0RAJ"  # Lisbon, a bystander
HELPER = "U0HELPER"  # a bot

PEOPLE = {
    NINA: Profile("nina", "America/New_York"),
    KIRAN: Profile("kiran", "Asia/Kolkata"),
    ANA: Profile("ana", "Europe/Lisbon"),
    RAJ: Profile("raj", "Europe/Lisbon"),
    HELPER: Profile("helper", "UTC", is_bot=True),
}

# --- the times -----------------------------------------------------------------------------
FRIDAY_3PM_NEW_YORK = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
FRIDAY_3PM_KOLKATA = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)
FRIDAY_5PM_NEW_YORK = datetime(2026, 11, 27, 22, 0, tzinfo=UTC)  # a bare "Friday"
MONDAY_10AM_NEW_YORK = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
# Noon in New York, for promises made through the form (plain values, no reading).
WEDNESDAY = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)
THURSDAY = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
FRIDAY = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)
NEXT_WEEK = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)

DECK_TO_ANA = f"send the Q3 deck to <@{ANA}> by Friday 3pm"

# Each way to change a promise, as a person asks for it: (env, directory, who, promise id).
CHANGES: dict[str, Callable[[Kept, FakeDirectory, str, int], Changed]] = {
    "complete": promises.complete,
    "cancel": promises.cancel,
    "renegotiate": lambda kept, directory, who, promise_id: promises.renegotiate(
        kept, directory, who, promise_id, NEXT_WEEK, "sorry, the data is late"
    ),
    "edit": lambda kept, directory, who, promise_id: promises.edit(
        kept, directory, who, promise_id, "send the Q4 deck"
    ),
}
# Every button a person may press on a promise, the ones that open a form too.
CLICKS: dict[str, Callable[[Kept, FakeDirectory, str, int], object]] = {
    **CHANGES,
    "on_track": promises.on_track,
    "customer_told": promises.customer_told,
    "prepare": lambda kept, directory, who, promise_id: promises.prepare(
        kept, directory, who, promise_id, Action.COMPLETE
    ),
}

ONLY_THE_OWNER = "Only the person who made this promise can change it."

# The same people, somewhere the promises were not made: (platform, workspace).
ELSEWHERE = {
    "another-workspace": (PLATFORM, "T00000002"),
    # A workspace id equal to the Slack one: the platform alone must keep them apart.
    "another-platform": ("teams", WORKSPACE),
}


# --- the world the stories happen in ------------------------------------------------------
@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


@pytest.fixture
def kept(settings: Settings, clock: FixedClock) -> Iterator[Kept]:
    env = build(settings, clock)
    yield env
    env.db.dispose()


def settings_with(tmp_path: Path, database_url: str, toml: str) -> Settings:
    """Settings read from a TOML file of the test's own."""
    path = tmp_path / "kept.toml"
    path.write_text(toml, "utf-8")
    return load_settings({"KEPT_CONFIG": str(path), "DATABASE_URL": database_url})


# --- shared steps --------------------------------------------------------------------------
def promise_in_words(
    kept: Kept, directory: FakeDirectory, owner: str, text: str = DECK_TO_ANA
) -> PromiseView:
    """`/promise <text>` that is tracked at once."""
    made = promises.make_from_text(kept, directory, owner, text, source="command")
    assert isinstance(made, Made), made
    return made.promise


def promise(
    kept: Kept,
    directory: FakeDirectory,
    owner: str = NINA,
    *,
    due: datetime = FRIDAY,
    to: str | None = ANA,
    what: str = "send the Q3 deck",
) -> PromiseView:
    """A promise from plain values, as a form makes it."""
    made = promises.make(kept, directory, owner, what, due, "day", to, None, source="form")
    return made.promise


def stored(kept: Kept, promise_id: int) -> Promise:
    with kept.db.unit_of_work() as session:
        return session.get_one(Promise, promise_id)


def promise_count(kept: Kept) -> int:
    with kept.db.unit_of_work() as session:
        return len(session.scalars(select(Promise)).all())


def history(kept: Kept, promise_id: int) -> list[PromiseEvent]:
    with kept.db.unit_of_work() as session:
        return list(
            session.scalars(
                select(PromiseEvent)
                .where(PromiseEvent.promise_id == promise_id)
                .order_by(PromiseEvent.id)
            )
        )


def last_event(kept: Kept, promise_id: int) -> PromiseEvent:
    return history(kept, promise_id)[-1]


def person_id(kept: Kept, user_id: str) -> int:
    with kept.db.unit_of_work() as session:
        return session.scalars(select(Person.id).where(Person.user_id == user_id)).one()


def news(kept: Kept) -> list[OutboxMessage]:
    """What the outbox holds for counterparts, oldest first."""
    with kept.db.unit_of_work() as session:
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == "promise_news")
                .order_by(OutboxMessage.id)
            )
        )


def news_payloads(kept: Kept) -> list[dict[str, Any]]:
    return [dict(row.payload) for row in news(kept)]


@contextmanager
def refused(reason: str) -> Iterator[pytest.ExceptionInfo[KeptError]]:
    """The block is refused with these words, as the person reads them."""
    with pytest.raises(KeptError, match=re.escape(reason)) as refusal:
        yield refusal


def ids(views: tuple[PromiseView, ...]) -> list[int]:
    return [view.id for view in views]


# --- making a promise from its words -------------------------------------------------------
@pytest.mark.parametrize(
    ("owner", "due"),
    [(NINA, FRIDAY_3PM_NEW_YORK), (KIRAN, FRIDAY_3PM_KOLKATA)],
    ids=["new-york", "kolkata"],
)
def test_by_friday_3pm_is_read_in_the_owners_own_zone(
    kept: Kept, directory: FakeDirectory, owner: str, due: datetime
) -> None:
    made = promise_in_words(kept, directory, owner)

    assert made.due_at == due
    assert made.grain == "hour"
    assert stored(kept, made.id).due_at == due


def test_a_promise_to_a_coworker_is_stored_with_its_history_and_news_for_them(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(kept, directory, NINA)

    row = stored(kept, made.id)
    assert (row.what, row.status, row.source) == (
        f"send the Q3 deck to <@{ANA}>",
        "open",
        "command",
    )
    assert (row.owner_id, row.counterpart_id) == (person_id(kept, NINA), person_id(kept, ANA))
    assert (made.owner_ref, made.counterpart_ref, made.counterpart) == (NINA, ANA, "ana")
    [created] = history(kept, made.id)
    assert (created.kind, created.actor_id) == ("created", person_id(kept, NINA))
    assert created.data == {"due": FRIDAY_3PM_NEW_YORK.isoformat()}
    [told] = news(kept)
    assert (told.recipient, told.platform, told.workspace_id) == (ANA, "slack", "T00000001")
    assert told.payload == {
        "news": "made",
        "promise_id": made.id,
        "by": "nina",
        "by_ref": NINA,
        "what": f"send the Q3 deck to <@{ANA}>",
        "due": FRIDAY_3PM_NEW_YORK.isoformat(),
        "zone": "Europe/Lisbon",  # the counterpart reads the due time in their own zone
        "note": "",
        "said_at": kept.clock.now().isoformat(),
    }


def test_a_mention_written_with_a_name_names_the_same_coworker(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(kept, directory, NINA, f"send the deck to <@{ANA}|ana> by Friday 3pm")

    assert made.counterpart_ref == ANA
    assert [row.recipient for row in news(kept)] == [ANA]


@pytest.mark.parametrize(
    ("text", "customer"),
    [
        ("send the invoice to Acme by Friday 3pm", "Acme"),
        ("send the deck by Friday 3pm", None),
        (f"send the deck to <@{NINA}> by Friday 3pm", None),
    ],
    ids=["to-a-customer", "to-no-one", "to-oneself"],
)
def test_no_coworker_is_told_of_a_promise_to_a_customer_to_no_one_or_to_oneself(
    kept: Kept, directory: FakeDirectory, text: str, customer: str | None
) -> None:
    made = promise_in_words(kept, directory, NINA, text)

    assert (made.counterpart_ref, made.customer) == (None, customer)
    assert stored(kept, made.id).counterpart_id is None
    assert [event.kind for event in history(kept, made.id)] == ["created"]
    assert news(kept) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("send the Q3 deck to ana", "By when? I couldn't find a due time in that."),
        (
            "send the Q3 deck by Friday or Monday",
            "I read more than one due time there. Which one is it?",
        ),
        (
            "send the Q3 deck today 8am",  # 09:00 in New York: an hour ago
            "That due time has already passed. When will you deliver it?",
        ),
    ],
    ids=["no-due-time", "two-due-times", "past-due-time"],
)
def test_a_promise_without_one_future_due_time_is_a_draft_and_nothing_is_stored(
    kept: Kept, directory: FakeDirectory, text: str, problem: str
) -> None:
    written = promises.make_from_text(kept, directory, NINA, text, source="command")

    assert isinstance(written, Draft)
    assert written.problem == problem
    assert written.what.startswith("send the Q3 deck")
    assert promise_count(kept) == 0
    assert news(kept) == []


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("   ", "what", "What did you promise?"),
        ("x" * (MAX_WHAT + 1) + " by Friday", "what", "That is 1,001 characters"),
        ("send the deck by Feb 30", "due", "There is no Feb 30 in the calendar"),
        ("send the deck to <@U0NOBODY> by Friday", "counterpart", "I don't know <@U0NOBODY>"),
        (f"send the deck to <@{HELPER}> by Friday", "counterpart", "That's a bot"),
    ],
    ids=["empty", "too-long", "no-such-date", "unknown-mention", "a-bot"],
)
def test_a_promise_the_rules_refuse_is_not_stored(
    kept: Kept, directory: FakeDirectory, text: str, field: str, reason: str
) -> None:
    with refused(reason) as refusal:
        promises.make_from_text(kept, directory, NINA, text, source="command")

    assert refusal.value.field == field
    assert refusal.value.example
    assert promise_count(kept) == 0
    assert news(kept) == []


def test_a_promise_of_exactly_the_longest_length_is_kept(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(kept, directory, NINA, "x" * MAX_WHAT + " by Friday")

    assert len(made.what) == MAX_WHAT


# --- listing -------------------------------------------------------------------------------
def test_a_list_shows_what_i_owe_and_what_is_owed_to_me_soonest_first(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    friday = promise(kept, directory, NINA, due=FRIDAY)
    wednesday = promise(kept, directory, NINA, due=WEDNESDAY)
    thursday = promise(kept, directory, NINA, due=THURSDAY, to=RAJ)
    from_ana = promise(kept, directory, ANA, due=NEXT_WEEK, to=NINA)

    ninas = promises.listing(kept, directory, NINA)
    anas = promises.listing(kept, directory, ANA)

    assert ids(ninas.owed) == [wednesday.id, thursday.id, friday.id]
    assert ids(ninas.owed_to_me) == [from_ana.id]
    assert (ninas.more_owed, ninas.more_owed_to_me) == (0, 0)
    assert (ninas.zone, ninas.now) == ("America/New_York", clock.now())
    assert ids(anas.owed) == [from_ana.id]
    assert ids(anas.owed_to_me) == [wednesday.id, friday.id]  # Thursday's is owed to Raj


def test_a_list_shows_only_open_promises(kept: Kept, directory: FakeDirectory) -> None:
    kept_one = promise(kept, directory, due=WEDNESDAY)
    dropped = promise(kept, directory, due=THURSDAY)
    still_open = promise(kept, directory, due=FRIDAY)
    promises.complete(kept, directory, NINA, kept_one.id)
    promises.cancel(kept, directory, NINA, dropped.id)

    assert ids(promises.listing(kept, directory, NINA).owed) == [still_open.id]
    assert ids(promises.listing(kept, directory, ANA).owed_to_me) == [still_open.id]


def test_a_long_list_shows_the_soonest_and_counts_the_rest(
    kept: Kept, directory: FakeDirectory
) -> None:
    latest_first = [
        promise(kept, directory, due=FRIDAY + timedelta(hours=hours))
        for hours in reversed(range(LIST_LIMIT + 3))
    ]
    soonest = ids(tuple(reversed(latest_first)))[:LIST_LIMIT]

    ninas = promises.listing(kept, directory, NINA)
    anas = promises.listing(kept, directory, ANA)

    assert (ids(ninas.owed), ninas.more_owed) == (soonest, 3)
    assert (ids(anas.owed_to_me), anas.more_owed_to_me) == (soonest, 3)


# --- done ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("after_due", "on_time"),
    [(timedelta(hours=-1), True), (timedelta(0), True), (timedelta(minutes=1), False)],
    ids=["before-the-due-time", "at-the-due-time", "a-minute-late"],
)
def test_done_by_the_due_time_is_on_time_and_after_it_late(
    kept: Kept, directory: FakeDirectory, clock: FixedClock, after_due: timedelta, on_time: bool
) -> None:
    made = promise(kept, directory, due=FRIDAY)
    clock.set(FRIDAY + after_due)

    done = promises.complete(kept, directory, NINA, made.id)

    assert (done.change, done.promise.status, done.promise.on_time) == ("done", "done", on_time)
    assert stored(kept, made.id).closed_at == clock.now()
    event = last_event(kept, made.id)
    assert (event.kind, event.data, event.at) == ("done", {"on_time": on_time}, clock.now())
    assert [payload["news"] for payload in news_payloads(kept)] == ["made", "done"]


def test_the_counterpart_may_mark_a_promise_received(kept: Kept, directory: FakeDirectory) -> None:
    made = promise(kept, directory, to=ANA)

    done = promises.complete(kept, directory, ANA, made.id)

    assert (done.promise.status, done.zone) == ("done", "Europe/Lisbon")
    assert last_event(kept, made.id).actor_id == person_id(kept, ANA)
    made_news, received = news_payloads(kept)
    assert made_news["news"] == "made"
    # Nina, the owner, is told that Ana marked it received.
    assert (received["news"], received["by_ref"], received["zone"]) == (
        "received",
        ANA,
        "America/New_York",
    )


@pytest.mark.parametrize("change", CHANGES)
def test_a_bystander_changes_nothing(kept: Kept, directory: FakeDirectory, change: str) -> None:
    made = promise(kept, directory, to=ANA)

    with refused("Only the person who made this promise can change it."):
        CHANGES[change](kept, directory, RAJ, made.id)

    assert stored(kept, made.id).status == "open"
    assert [event.kind for event in history(kept, made.id)] == ["created"]


@pytest.mark.parametrize("closed_by", ["complete", "cancel"])
@pytest.mark.parametrize("change", CHANGES)
def test_a_closed_promise_cannot_be_changed_again(
    kept: Kept, directory: FakeDirectory, closed_by: str, change: str
) -> None:
    made = promise(kept, directory)
    closed = CHANGES[closed_by](kept, directory, NINA, made.id)

    with refused(f"This promise is already {closed.promise.status}: nothing to change."):
        CHANGES[change](kept, directory, NINA, made.id)

    assert len(history(kept, made.id)) == 2


def test_a_promise_that_does_not_exist_cannot_be_changed(
    kept: Kept, directory: FakeDirectory
) -> None:
    with refused("I can't find that promise. It may have been removed."):
        promises.complete(kept, directory, NINA, 404)


# --- who may find a promise ----------------------------------------------------------------
def somewhere_else(place: str) -> FakeDirectory:
    """The workspace's people, with the same user ids, on another platform or workspace."""
    elsewhere = FakeDirectory(PEOPLE)
    elsewhere.platform, elsewhere.workspace_id = ELSEWHERE[place]
    return elsewhere


def what_is_known(kept: Kept, promise_id: int) -> tuple[object, ...]:
    """All a click could change: the promise, its history, the news for the counterpart."""
    row = stored(kept, promise_id)
    return (
        row.status,
        row.what,
        row.due_at,
        row.next_nudge_at,
        [event.kind for event in history(kept, promise_id)],
        news_payloads(kept),
    )


@pytest.mark.parametrize("closed_by", [None, "complete"], ids=["open", "done"])
@pytest.mark.parametrize("place", ELSEWHERE)
@pytest.mark.parametrize("click", CLICKS)
def test_a_promise_of_another_workspace_is_answered_as_one_that_does_not_exist(
    kept: Kept, directory: FakeDirectory, click: str, place: str, closed_by: str | None
) -> None:
    made = promise(kept, directory, to=ANA)
    if closed_by:
        CHANGES[closed_by](kept, directory, NINA, made.id)
    before = what_is_known(kept, made.id)
    elsewhere = somewhere_else(place)

    # Someone with the owner's, or the counterpart's, user id, but not on their workspace.
    for someone in (NINA, ANA):
        with refused(NOT_FOUND) as missing:
            CLICKS[click](kept, elsewhere, someone, made.id + 1)
        with refused(NOT_FOUND) as there:
            CLICKS[click](kept, elsewhere, someone, made.id)

        assert (str(there.value), there.value.example, there.value.field) == (
            str(missing.value),
            missing.value.example,
            missing.value.field,
        )
    assert what_is_known(kept, made.id) == before


@pytest.mark.parametrize("click", CLICKS)
def test_a_bystander_hears_the_same_refusal_whatever_the_status_of_the_promise(
    kept: Kept, directory: FakeDirectory, click: str
) -> None:
    still_open = promise(kept, directory, to=ANA)
    done = promise(kept, directory, to=ANA)
    promises.complete(kept, directory, NINA, done.id)
    cancelled = promise(kept, directory, to=ANA)
    promises.cancel(kept, directory, NINA, cancelled.id)
    made = (still_open, done, cancelled)
    before = [what_is_known(kept, each.id) for each in made]

    refusals = []
    for each in made:
        with refused(ONLY_THE_OWNER) as refusal:
            CLICKS[click](kept, directory, RAJ, each.id)
        refusals.append((str(refusal.value), refusal.value.example, refusal.value.field))

    assert refusals == [(ONLY_THE_OWNER, None, None)] * 3
    assert [what_is_known(kept, each.id) for each in made] == before


def test_the_counterpart_of_a_done_promise_hears_it_is_done_only_when_marking_it_received(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, to=ANA)
    promises.complete(kept, directory, NINA, made.id)

    with refused("This promise is already done: nothing to change."):
        promises.complete(kept, directory, ANA, made.id)
    with refused(ONLY_THE_OWNER):
        promises.cancel(kept, directory, ANA, made.id)


@pytest.mark.postgres
def test_a_click_from_another_workspace_never_waits_on_the_promises_lock(
    postgres_url: str, clock: FixedClock, directory: FakeDirectory
) -> None:
    _empty_postgres(postgres_url)
    settings = load_settings(
        {"DATABASE_URL": postgres_url, "KEPT_CONFIG": str(ROOT / "config/kept.toml")}
    )
    kept = build(settings, clock)
    made = promise(kept, directory, to=ANA)
    elsewhere = somewhere_else("another-workspace")

    # Nina's own click holds the promise's row while someone elsewhere clicks on its id.
    with kept.db.engine.connect() as nina:
        nina.execute(select(Promise).where(Promise.id == made.id).with_for_update())
        with ThreadPoolExecutor(1) as slack:
            click = slack.submit(promises.complete, kept, elsewhere, NINA, made.id)
            try:
                with refused(NOT_FOUND):
                    click.result(timeout=5)
            finally:
                nina.rollback()  # a click that did wait is let go, so the test ends

    assert stored(kept, made.id).status == "open"
    kept.db.dispose()


# --- cancel --------------------------------------------------------------------------------
def test_the_owner_cancels_a_promise_and_the_counterpart_is_told(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    made = promise(kept, directory, to=ANA)

    cancelled = promises.cancel(kept, directory, NINA, made.id)

    assert (cancelled.change, cancelled.promise.status, cancelled.promise.on_time) == (
        "cancelled",
        "cancelled",
        None,
    )
    assert stored(kept, made.id).closed_at == clock.now()
    assert last_event(kept, made.id).kind == "cancelled"
    assert news(kept)[-1].recipient == ANA
    assert news_payloads(kept)[-1]["news"] == "cancelled"


def test_the_counterpart_cannot_cancel_a_promise_made_to_them(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, to=ANA)

    with refused("Only the person who made this promise can change it."):
        promises.cancel(kept, directory, ANA, made.id)


# --- more time -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("asked_at", "early"),
    [(FRIDAY - timedelta(hours=2), True), (FRIDAY + timedelta(hours=2), False)],
    ids=["before-the-deadline", "after-the-deadline"],
)
def test_asking_for_more_time_before_the_deadline_counts_as_early(
    kept: Kept, directory: FakeDirectory, clock: FixedClock, asked_at: datetime, early: bool
) -> None:
    made = promise(kept, directory, due=FRIDAY, to=ANA)
    clock.set(asked_at)

    moved = promises.renegotiate(kept, directory, NINA, made.id, NEXT_WEEK, "  the data is late  ")

    assert (moved.change, moved.promise.due_at, moved.promise.status) == (
        "renegotiated",
        NEXT_WEEK,
        "open",
    )
    assert stored(kept, made.id).due_at == NEXT_WEEK
    assert last_event(kept, made.id).data == {
        "old_due": FRIDAY.isoformat(),
        "new_due": NEXT_WEEK.isoformat(),
        "early": early,
        "note": "the data is late",
    }
    told = news(kept)[-1]
    assert told.recipient == ANA
    assert (told.payload["news"], told.payload["due"], told.payload["note"]) == (
        "renegotiated",
        NEXT_WEEK.isoformat(),
        "the data is late",
    )


def test_more_time_in_words_reads_the_new_due_time_and_keeps_the_rest_as_the_note(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, due=FRIDAY, to=ANA)

    moved = promises.renegotiate_from_text(
        kept, directory, NINA, made.id, "Monday 10am, the data is late"
    )

    assert moved.promise.due_at == MONDAY_10AM_NEW_YORK
    assert last_event(kept, made.id).data["note"] == "the data is late"
    assert news_payloads(kept)[-1]["note"] == "the data is late"


@pytest.mark.parametrize(
    ("new_due", "reason"),
    [
        (FRIDAY, "That is the due time it already has"),
        (datetime(2026, 11, 24, 13, 0, tzinfo=UTC), "That due time has already passed"),
    ],
    ids=["the-same-due-time", "a-past-due-time"],
)
def test_more_time_needs_a_new_future_due_time(
    kept: Kept, directory: FakeDirectory, new_due: datetime, reason: str
) -> None:
    made = promise(kept, directory, due=FRIDAY)

    with refused(reason) as refusal:
        promises.renegotiate(kept, directory, NINA, made.id, new_due, "")

    assert refusal.value.field == "due"
    assert stored(kept, made.id).due_at == FRIDAY
    assert [event.kind for event in history(kept, made.id)] == ["created"]


def test_the_counterpart_cannot_move_the_due_time(kept: Kept, directory: FakeDirectory) -> None:
    made = promise(kept, directory, to=ANA)

    with refused("Only the person who made this promise can change it."):
        promises.renegotiate(kept, directory, ANA, made.id, NEXT_WEEK, "")


# --- rewording -----------------------------------------------------------------------------
def test_rewording_a_promise_keeps_its_due_time_and_the_old_words_in_its_history(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, due=FRIDAY, to=ANA, what="send the Q3 dek")

    edited = promises.edit(kept, directory, NINA, made.id, "  send the Q3   deck  ")

    assert (edited.change, edited.promise.what, edited.promise.due_at) == (
        "edited",
        "send the Q3 deck",
        FRIDAY,
    )
    assert stored(kept, made.id).what == "send the Q3 deck"
    assert last_event(kept, made.id).data == {"old_what": "send the Q3 dek"}
    assert news_payloads(kept)[-1] == {
        "news": "edited",
        "promise_id": made.id,
        "by": "nina",
        "by_ref": NINA,
        "what": "send the Q3 deck",
        "due": FRIDAY.isoformat(),
        "zone": "Europe/Lisbon",
        "note": "",
        "said_at": kept.clock.now().isoformat(),
    }


def test_a_promise_cannot_be_reworded_to_nothing(kept: Kept, directory: FakeDirectory) -> None:
    made = promise(kept, directory, what="send the Q3 deck")

    with refused("What did you promise? Say what you will deliver."):
        promises.edit(kept, directory, NINA, made.id, "  ")

    assert stored(kept, made.id).what == "send the Q3 deck"


# --- preparing a form ----------------------------------------------------------------------
def test_the_owner_gets_the_promise_and_their_zone_for_a_form(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, to=ANA)

    for action in Action:
        view, zone = promises.prepare(kept, directory, NINA, made.id, action)
        assert (view, zone) == (made, "America/New_York")


@pytest.mark.parametrize("action", [Action.RENEGOTIATE, Action.EDIT, Action.CANCEL])
def test_only_the_owner_gets_a_form_to_change_a_promise(
    kept: Kept, directory: FakeDirectory, action: Action
) -> None:
    made = promise(kept, directory, to=ANA)

    for someone_else in (ANA, RAJ):
        with refused("Only the person who made this promise can change it."):
            promises.prepare(kept, directory, someone_else, made.id, action)


def test_the_counterpart_may_prepare_to_mark_a_promise_received(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise(kept, directory, to=ANA)

    view, zone = promises.prepare(kept, directory, ANA, made.id, Action.COMPLETE)

    assert (view.id, zone) == (made.id, "Europe/Lisbon")


# --- "Track this?" -------------------------------------------------------------------------
def test_a_firm_promise_in_chat_is_offered_to_its_author_to_track(
    kept: Kept, directory: FakeDirectory
) -> None:
    offer = promises.suggest(
        kept, directory, NINA, f"sure, I'll send the Q3 deck to <@{ANA}> by Friday 3pm"
    )

    assert offer == Suggestion(
        what=f"send the Q3 deck to <@{ANA}>",
        due_at=FRIDAY_3PM_NEW_YORK,
        grain="hour",
        counterpart_ref=ANA,
        customer=None,
        zone="America/New_York",
        said_at=kept.clock.now(),
    )
    assert promise_count(kept) == 0  # offered, not tracked


@pytest.mark.parametrize(
    ("text", "counterpart", "customer"),
    [
        ("I'll send the Acme invoice by Friday", None, "Acme"),
        ("I'll send it to <@U0NOBODY> by Friday", None, None),
        (f"I'll send it to <@{NINA}> by Friday", None, None),
    ],
    ids=["a-customer", "someone-unknown", "oneself"],
)
def test_a_promise_in_chat_names_only_a_customer_or_a_coworker_who_can_be_told(
    kept: Kept, directory: FakeDirectory, text: str, counterpart: str | None, customer: str | None
) -> None:
    offer = promises.suggest(kept, directory, NINA, text)

    assert offer is not None
    assert (offer.counterpart_ref, offer.customer) == (counterpart, customer)
    assert offer.due_at == FRIDAY_5PM_NEW_YORK


@pytest.mark.parametrize(
    ("author", "text"),
    [
        (NINA, "lunch at noon?"),
        (NINA, "I'll try to send the deck by Friday"),
        (NINA, "can you send the deck by Friday?"),
        (NINA, "I'll send the deck"),
        (NINA, "I'll send the deck by 8am today"),
        (HELPER, "I'll send the deck by Friday"),
    ],
    ids=["chatter", "hedged", "a-question", "no-due-time", "a-past-due-time", "a-bot"],
)
def test_no_track_this_for_what_is_no_firm_promise_with_a_future_due_time(
    kept: Kept, directory: FakeDirectory, author: str, text: str
) -> None:
    assert promises.suggest(kept, directory, author, text) is None


def test_no_track_this_when_the_workspace_turns_detection_off(
    tmp_path: Path, database_url: str, clock: FixedClock, directory: FakeDirectory
) -> None:
    quiet = build(settings_with(tmp_path, database_url, "[detection]\nenabled = false\n"), clock)
    try:
        assert quiet.settings.detection.enabled is False
        assert promises.suggest(quiet, directory, NINA, "I'll send the deck by Friday") is None
    finally:
        quiet.db.dispose()


class ElsewhereToo(FakeDirectory):
    """A Slack workspace reads any mention's user id; whether they are here, only their
    profile says (an org's other workspace, a user of another company)."""

    def user_id(self, mention: str) -> str | None:
        return mention.strip("<@>").split("|")[0]


def test_an_offer_names_no_one_who_is_not_of_the_workspace(kept: Kept) -> None:
    directory = ElsewhereToo({NINA: Profile("nina", "America/New_York")})

    offer = promises.suggest(
        kept, directory, NINA, "I'll send the Q3 deck to <@U0ELSEWH> by Friday"
    )

    assert offer is not None
    assert (offer.counterpart_ref, offer.customer) == (None, None)
    assert offer.what == "send the Q3 deck to <@U0ELSEWH>"  # its words kept, mention and all
    made = promises.track(kept, directory, NINA, offer, source_ref="C1/1700000000.000100")
    assert made.promise.counterpart_ref is None


def test_tracking_an_offer_makes_the_promise_as_offered(
    kept: Kept, directory: FakeDirectory
) -> None:
    offer = promises.suggest(kept, directory, NINA, f"I'll send the Q3 deck to <@{ANA}> by Friday")
    assert offer is not None

    made = promises.track(kept, directory, NINA, offer, source_ref="C1/1700000000.000100")

    assert (made.promise.what, made.promise.due_at, made.promise.counterpart_ref) == (
        offer.what,
        offer.due_at,
        ANA,
    )
    row = stored(kept, made.promise.id)
    assert (row.source, row.source_ref) == ("detected", "C1/1700000000.000100")
    assert [payload["news"] for payload in news_payloads(kept)] == ["made"]


@pytest.mark.parametrize(
    "text",
    [
        "on it, by Friday",
        "will do by Friday",
        "Sure, I'll send the notes tomorrow with " + "every detail, " * 80 + "as agreed",
    ],
    ids=["no-words-of-what", "will-do", "longer-than-a-promise-may-be"],
)
def test_kept_never_offers_a_track_it_would_then_refuse(
    kept: Kept, directory: FakeDirectory, text: str
) -> None:
    offer = promises.suggest(kept, directory, NINA, text)

    if offer is not None:  # offering nothing is fine; a Track button that fails is not
        promises.track(kept, directory, NINA, offer)


def test_a_promise_offered_without_a_due_time_is_not_tracked(
    kept: Kept, directory: FakeDirectory
) -> None:
    offer = Draft("send the deck", None, None, None, "By when? I couldn't find a due time in that.")

    with refused("By when? That promise has no due time yet."):
        promises.track(kept, directory, NINA, offer)

    assert promise_count(kept) == 0


# --- clicks at once, and clicks again ------------------------------------------------------
@pytest.fixture
def both_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two changes at once each wait, once they have read the promise, for the other to have
    read it too: so each would decide on what it read before the other wrote. (A change that
    waits for the other's lock instead breaks the wait and goes on.)"""
    both_read = threading.Barrier(2, timeout=1)
    allowed = check_allowed

    def allowed_once_both_have_read(*args: Any) -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            both_read.wait()
        allowed(*args)

    monkeypatch.setattr(promises, "check_allowed", allowed_once_both_have_read)


@pytest.mark.usefixtures("both_read_it")
@pytest.mark.parametrize(
    ("first", "second"),
    [("complete", "complete"), ("complete", "cancel"), ("cancel", "cancel")],
    ids=["done-twice", "done-and-cancel", "cancel-twice"],
)
def test_two_clicks_at_once_change_a_promise_once_and_the_other_is_told_why_not(
    kept: Kept, directory: FakeDirectory, first: str, second: str
) -> None:
    made = promise(kept, directory, to=ANA)

    with ThreadPoolExecutor(2) as slack:
        clicks = [
            slack.submit(CHANGES[verb], kept, directory, NINA, made.id) for verb in (first, second)
        ]
    outcomes = [click.exception() for click in clicks]

    assert sum(outcome is None for outcome in outcomes) == 1, outcomes
    refusal = next(outcome for outcome in outcomes if outcome is not None)
    assert isinstance(refusal, KeptError) and "already" in str(refusal), refusal
    assert len(history(kept, made.id)) == 2  # made, then the one change
    assert len(news(kept)) == 2  # Ana heard it was made, then the one change


@pytest.mark.parametrize(
    ("change", "again"),
    [
        ("on_track", "You told me already that it's on track"),
        ("customer_told", "You told me already that they know the new date"),
    ],
)
def test_saying_it_again_changes_nothing_and_says_so(
    kept: Kept, directory: FakeDirectory, change: str, again: str
) -> None:
    made = promises.make(
        kept, directory, NINA, "send the contract", FRIDAY, "day", None, "Acme", source="form"
    ).promise
    promises.renegotiate(kept, directory, NINA, made.id, NEXT_WEEK, "")
    CLICKS[change](kept, directory, NINA, made.id)
    planned = stored(kept, made.id).next_nudge_at

    with refused(again):
        CLICKS[change](kept, directory, NINA, made.id)

    assert [event.kind for event in history(kept, made.id)][2:] == [last_event(kept, made.id).kind]
    assert stored(kept, made.id).next_nudge_at == planned


def test_one_prompt_tracks_once_even_pressed_at_once_or_after_it_was_cancelled(
    kept: Kept, directory: FakeDirectory
) -> None:
    offer = promises.suggest(kept, directory, NINA, f"I'll send the Q3 deck to <@{ANA}> by Friday")
    assert offer is not None
    prompt = "C1/1700000000.000100"

    with ThreadPoolExecutor(3) as slack:
        presses = [
            slack.submit(promises.track, kept, directory, NINA, offer, source_ref=prompt)
            for _ in range(3)
        ]
    outcomes = [press.exception() for press in presses]
    [tracked] = [
        press.result() for press, outcome in zip(presses, outcomes, strict=True) if outcome is None
    ]
    promises.cancel(kept, directory, NINA, tracked.promise.id)
    with refused("You tracked this one already"):
        promises.track(kept, directory, NINA, offer, source_ref=prompt)

    assert [str(outcome) for outcome in outcomes if outcome] == [
        "You tracked this one already. Nothing changed."
    ] * 2
    assert promise_count(kept) == 1
    assert [payload["news"] for payload in news_payloads(kept)] == ["made", "cancelled"]


# --- long text: refused or passed over before it is read ----------------------------------
def test_a_promise_too_long_to_fit_is_refused_before_it_is_read(
    kept: Kept, directory: FakeDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "send the deck " + "and the appendix " * 2_500 + "by Friday 3pm"
    read: list[str] = []
    monkeypatch.setattr(promises, "read_promise", lambda words, context: read.append(words))

    with refused(f"That is {len(' '.join(text.split())):,} characters; a promise fits in 1,000."):
        promises.make_from_text(kept, directory, NINA, text, source="command")

    assert read == []
    assert promise_count(kept) == 0


def test_a_chat_message_far_longer_than_a_promise_is_not_read_nor_offered(
    kept: Kept, directory: FakeDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "I'll send the notes by Friday. " + "Here they are: lorem ipsum. " * 200
    read: list[str] = []
    monkeypatch.setattr(promises, "read_message", lambda words, context: read.append(words))

    assert promises.suggest(kept, directory, NINA, text) is None
    assert read == []


# --- several co-workers --------------------------------------------------------------------------


def test_every_co_worker_named_is_told_and_may_mark_it_received(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(
        kept, directory, NINA, f"send the deck to <@{ANA}> and <@{RAJ}> by Friday 3pm"
    )

    assert (made.counterpart_ref, made.also_refs) == (ANA, (RAJ,))
    assert sorted(row.recipient for row in news(kept)) == [ANA, RAJ]
    assert [p.id for p in promises.listing(kept, directory, RAJ).owed_to_me] == [made.id]
    with refused("Only the person who made this promise can change it."):
        promises.cancel(kept, directory, RAJ, made.id)

    done = promises.complete(kept, directory, RAJ, made.id)

    assert done.promise.status == "done"
    assert news(kept)[-1].recipient == NINA


def test_a_co_worker_not_named_may_not_mark_it_received(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(kept, directory, NINA, f"send the deck to <@{ANA}> by Friday 3pm")

    with refused("Only the person who made this promise can change it."):
        promises.complete(kept, directory, RAJ, made.id)


def test_telling_a_customer_of_a_new_date_needs_a_new_date(
    kept: Kept, directory: FakeDirectory
) -> None:
    made = promise_in_words(kept, directory, NINA, "fix the invoice for Acme by Friday 3pm")

    with refused(
        f"#{made.id} has no new date to tell them of. If you need more time, ask for it first:"
        f" /more-time {made.id} Monday 10am."
    ):
        promises.customer_told(kept, directory, NINA, made.id)
