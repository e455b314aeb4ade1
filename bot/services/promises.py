"""Promises: make, list, complete, cancel, renegotiate. One transaction each."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import partial

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.attributes import set_committed_value

from bot.domain.detection import may_contain_promise
from bot.domain.due_times import why_impossible
from bot.domain.errors import KeptError
from bot.domain.promises import (
    EXAMPLE,
    MAX_OFFERED,
    MAX_WHAT,
    Action,
    Parties,
    Sooner,
    Status,
    asked_early,
    check_allowed,
    check_due,
    check_not_said,
    check_text,
    check_what,
    kept_on_time,
    picked_due,
)
from bot.services import nudges
from bot.services.directory import Directory, known_person
from bot.services.env import Env
from bot.services.outbox import PromiseNews
from bot.services.replies.promises import Changed, Draft, Listing, Made, PromiseView, Suggestion
from bot.services.understand import Context, Reading, read_message, read_promise
from bot.store import outbox, people, platform_events
from bot.store.models import Person, Promise, PromiseCoWorker, PromiseEvent

# Changes that concern the owner alone: nobody else is told of them.
PRIVATE_CHANGES = frozenset({"on_track", "customer_informed"})
# A list shows at most this many promises of each kind; the rest are counted.
LIST_LIMIT = 20
MAX_TOLD_TOO = 10  # co-workers told besides the first: a promise, not a mailing list
NOT_FOUND = "I can't find that promise. It may have been removed."


def context_of(env: Env, person: Person) -> Context:
    locale = person.locale or env.settings.due_times.default_locale
    return Context(env.clock.now(), person.timezone, locale, env.rules)


def draft(env: Env, directory: Directory, owner_ref: str, text: str) -> Draft:
    """What the owner's words say of a promise, and what is missing ("By when?")."""
    return _draft(env, directory, known_person(env, directory, owner_ref), text)


def _draft(env: Env, directory: Directory, owner: Person, text: str) -> Draft:
    check_text(text)
    reading = read_promise(text, context_of(env, owner))
    what = check_what(reading.what)
    if reading.invalid_dates:
        raise KeptError(
            why_impossible(reading.invalid_dates[0]),
            EXAMPLE,
            "due",
        )
    counterpart_ref, customer = _counterpart(directory, reading.counterpart)
    also = tuple(ref for ref, _ in map(partial(_counterpart, directory), reading.also) if ref)
    problem = _due_problem(reading, env.clock.now())
    due = reading.due
    return Draft(
        what,
        counterpart_ref,
        customer,
        due.at if due else None,
        problem or "",
        due.grain if due else "minute",
        also,
    )


def draft_from_message(
    env: Env, directory: Directory, clicker_ref: str, author_ref: str | None, text: str
) -> Draft:
    """What "Track as promise" on a message drafts: its words read as its author's promise (a
    message with no author is the clicker's); tracked by someone else, it is a promise to
    them. A message that can't be read (empty, too long) starts the form blank, saying why."""
    author = author_ref or clicker_ref
    try:
        written = draft(env, directory, author, text)
    except KeptError as error:  # its words stay in the form, as many as a promise holds
        kept = text.strip()[:MAX_WHAT].rsplit(" ", 1)[0] if len(text) > MAX_WHAT else text
        written = Draft(kept.strip(), None, None, None, str(error))
    if clicker_ref == author:
        return written
    return Draft(written.what, clicker_ref, None, written.due_at, written.problem, written.grain)


def make_from_text(
    env: Env,
    directory: Directory,
    owner_ref: str,
    text: str,
    *,
    source: str,
) -> Made | Draft:
    """A promise from its words ("send the deck to @ana by Friday 3pm"); a Draft when a due
    time is missing, conflicting or in the past, so the person can choose one."""
    owner = known_person(env, directory, owner_ref)
    written = _draft(env, directory, owner, text)
    if written.problem or written.due_at is None:
        return written
    return _make(
        env,
        directory,
        owner,
        written.what,
        written.due_at,
        written.grain,
        written.counterpart_ref,
        written.customer,
        source=source,
        also_refs=written.also_refs,
    )


def suggest(env: Env, directory: Directory, author_ref: str, text: str) -> Suggestion | None:
    """The promise a chat message makes, if it makes one worth a "Track this?"."""
    if not env.settings.detection.enabled or len(text) > MAX_OFFERED:
        return None
    if not may_contain_promise(text):
        return None  # most chat: decided before asking the platform who wrote it
    try:
        author = known_person(env, directory, author_ref)
    except KeptError:  # someone the platform does not know of: no one to offer it to
        return None
    if author.is_bot:
        return None
    reading = read_message(text, context_of(env, author))
    due = reading.offered_due(env.clock.now())
    if due is None:
        return None
    try:
        what = check_what(reading.what)
    except KeptError:  # "on it, by Friday": nothing to name, so nothing Track could keep
        return None
    try:
        counterpart_ref, customer = _counterpart(directory, reading.counterpart)
        counterpart = _co_worker(env, directory, counterpart_ref, author)
    except KeptError:  # someone not of this workspace, or a bot: offer it without them
        counterpart, customer = None, None
    counterpart_ref = counterpart.user_id if counterpart else None
    named = (directory.user_id(mention) for mention in reading.also)
    also = _told_too(env, directory, [ref for ref in named if ref], author, counterpart)
    return Suggestion(
        what=what,
        due_at=due.at,
        grain=due.grain,
        counterpart_ref=counterpart_ref,
        customer=customer,
        zone=author.timezone,
        said_at=env.clock.now(),
        also_refs=tuple(person.user_id for person in also),
    )


def track(
    env: Env,
    directory: Directory,
    owner_ref: str,
    offer: Suggestion | Draft,
    *,
    source_ref: str | None = None,
) -> Made:
    """Track a promise read in a message, for whoever owns it (the one who clicked Track).
    Tracked once per `source_ref` (the prompt or message it was read in): Track pressed again,
    at once on another device, or after the promise was cancelled, changes nothing and says so."""
    if offer.due_at is None:
        raise KeptError("By when? That promise has no due time yet.", EXAMPLE, "due")
    return make(
        env,
        directory,
        owner_ref,
        offer.what,
        offer.due_at,
        offer.grain,
        offer.counterpart_ref,
        offer.customer,
        source="detected",
        source_ref=source_ref,
        also_refs=offer.also_refs,
    )


def make(
    env: Env,
    directory: Directory,
    owner_ref: str,
    what: str,
    due_at: datetime,
    grain: str,
    counterpart_ref: str | None,
    customer: str | None,
    *,
    source: str,
    source_ref: str | None = None,
    also_refs: tuple[str, ...] = (),
) -> Made:
    """A promise from plain values (a form, a detected message, a parsed command); once per
    `source_ref`, the message it was read in, for each owner. `also_refs`: co-workers it is to
    besides the counterpart, each told of it."""
    owner = known_person(env, directory, owner_ref)
    return _make(
        env,
        directory,
        owner,
        what,
        due_at,
        grain,
        counterpart_ref,
        customer,
        source=source,
        source_ref=source_ref,
        also_refs=also_refs,
    )


def _make(
    env: Env,
    directory: Directory,
    owner: Person,
    what: str,
    due_at: datetime,
    grain: str,
    counterpart_ref: str | None,
    customer: str | None,
    *,
    source: str,
    source_ref: str | None = None,
    also_refs: tuple[str, ...] = (),
) -> Made:
    now = env.clock.now()
    what, counterpart = _checked(env, directory, owner, what, due_at, counterpart_ref)
    also = _told_too(env, directory, also_refs, owner, counterpart)
    with env.db.unit_of_work() as session:
        if source_ref is not None:
            _check_not_tracked(session, owner, source_ref)
        promise = Promise(
            owner_id=owner.id,
            counterpart_id=counterpart.id if counterpart else None,
            customer_name=None if counterpart else (customer or None),
            what=what,
            due_at=due_at,
            first_due_at=due_at,
            due_grain=grain,
            status=Status.OPEN,
            source=source,
            source_ref=source_ref,
            created_at=now,
            updated_at=now,
        )
        # Both parties are at hand: set as loaded, reading them asks the database nothing.
        set_committed_value(promise, "owner", owner)
        set_committed_value(promise, "counterpart", counterpart)
        nudges.replan(env, session, promise, owner, now)
        session.add(promise)
        session.flush()
        promise.co_workers = [
            PromiseCoWorker(promise_id=promise.id, person_id=person.id, position=n, person=person)
            for n, person in enumerate(also, start=1)
        ]
        event = _record(session, promise, "created", owner.id, now, {"due": due_at.isoformat()})
        _tell_the_other(session, promise, owner, "made", event)
        return Made(_as_view(promise), owner.timezone)


def offer_to(
    env: Env,
    directory: Directory,
    author_ref: str,
    what: str,
    due_at: datetime,
    grain: str,
    counterpart_ref: str | None,
    customer: str | None,
) -> Suggestion:
    """A promise someone else read in the author's message, checked as `make` would check it
    but not made: it is the author's to track, or not (their Track makes it theirs)."""
    author = known_person(env, directory, author_ref)
    what, counterpart = _checked(env, directory, author, what, due_at, counterpart_ref)
    if author.is_bot:
        raise KeptError("That message is a bot's: only a person can make a promise.")
    return Suggestion(
        what=what,
        due_at=due_at,
        grain=grain,
        counterpart_ref=counterpart.user_id if counterpart else None,
        customer=None if counterpart else customer,
        zone=author.timezone,
        said_at=env.clock.now(),
    )


def make_picked(
    env: Env,
    directory: Directory,
    owner_ref: str,
    what: str,
    day: str,
    at: str,
    counterpart_ref: str | None,
    customer: str | None,
) -> Made:
    """A promise from a form whose due time was picked as a date and a time, read in the
    owner's zone (Teams' cards)."""
    owner = known_person(env, directory, owner_ref)
    due_at = picked_due(day, at, owner.timezone, env.settings.due_times.end_of_day)
    return _make(
        env, directory, owner, what, due_at, "minute", counterpart_ref, customer, source="form"
    )


def listing(env: Env, directory: Directory, person_ref: str) -> Listing:
    """What the person owes and what is owed to them, open, soonest first."""
    person = known_person(env, directory, person_ref)
    with env.db.reading() as session:
        return listing_of(session, person, env.clock.now())


def listing_of(session: Session, person: Person, now: datetime) -> Listing:
    owed, more_owed = _open(session, Promise.owner_id == person.id)
    told_too = select(PromiseCoWorker.promise_id).where(PromiseCoWorker.person_id == person.id)
    owed_to_me, more_to_me = _open(
        session, or_(Promise.counterpart_id == person.id, Promise.id.in_(told_too))
    )
    return Listing(owed, owed_to_me, more_owed, more_to_me, person.timezone, now)


def complete(env: Env, directory: Directory, actor_ref: str, promise_id: int) -> Changed:
    def done(session: Session, promise: Promise, actor: Person, now: datetime) -> dict[str, object]:
        promise.status, promise.closed_at = Status.DONE, now
        nudges.stop(promise)
        return {"on_time": kept_on_time(promise.due_at, now)}

    return _change(env, directory, actor_ref, promise_id, Action.COMPLETE, "done", done)


def cancel(env: Env, directory: Directory, actor_ref: str, promise_id: int) -> Changed:
    def cancelled(
        session: Session, promise: Promise, actor: Person, now: datetime
    ) -> dict[str, object]:
        promise.status, promise.closed_at = Status.CANCELLED, now
        nudges.stop(promise)
        return {}

    return _change(env, directory, actor_ref, promise_id, Action.CANCEL, "cancelled", cancelled)


def renegotiate(
    env: Env,
    directory: Directory,
    actor_ref: str,
    promise_id: int,
    new_due: datetime,
    note: str,
) -> Changed:
    """A new due time, asked for by the owner; "early" when asked before the old deadline. An
    earlier time is not more time: `Sooner` is raised, nothing moved, to offer `bring_forward`."""
    return _new_due(env, directory, actor_ref, promise_id, new_due, note, sooner=False)


def bring_forward(
    env: Env,
    directory: Directory,
    actor_ref: str,
    promise_id: int,
    new_due: datetime,
    note: str,
) -> Changed:
    """An earlier due time, asked for by the owner: they will deliver sooner. Not more time, so
    not a renegotiation; the co-worker hears of it, and the reminders follow the new time."""
    return _new_due(env, directory, actor_ref, promise_id, new_due, note, sooner=True)


def _new_due(
    env: Env,
    directory: Directory,
    actor_ref: str,
    promise_id: int,
    new_due: datetime,
    note: str,
    *,
    sooner: bool,
) -> Changed:
    try:
        check_due(new_due, env.clock.now())
    except KeptError as error:  # its example is a new promise's: show a new due time's
        raise KeptError(str(error), MORE_TIME_EXAMPLE, "due") from None

    def moved(
        session: Session, promise: Promise, actor: Person, now: datetime
    ) -> dict[str, object]:
        if sooner and new_due >= promise.due_at:
            raise KeptError("That isn't earlier than it's due. Pick an earlier time.", field="due")
        if not sooner and new_due < promise.due_at:
            raise Sooner(promise.id, new_due, promise.due_at, note, actor.timezone, now)
        said = {"note": note.strip()} | (
            {} if sooner else {"early": asked_early(promise.due_at, now)}
        )
        return {**_move(env, session, promise, new_due, now), **said}

    change = "brought_forward" if sooner else "renegotiated"
    return _change(env, directory, actor_ref, promise_id, Action.RENEGOTIATE, change, moved)


def _move(
    env: Env, session: Session, promise: Promise, new_due: datetime, now: datetime
) -> dict[str, object]:
    """The promise due at `new_due`, its reminders planned again; the history's record of it."""
    if new_due == promise.due_at:
        raise KeptError("That is the due time it already has. Pick a new one.", field="due")
    old = promise.due_at
    promise.due_at, promise.due_grain = new_due, "minute"
    nudges.replan(env, session, promise, promise.owner, now)
    return {"old_due": old.isoformat(), "new_due": new_due.isoformat()}


def renegotiate_picked(
    env: Env,
    directory: Directory,
    actor_ref: str,
    promise_id: int,
    day: str,
    at: str,
    note: str,
    *,
    sooner: bool = False,
) -> Changed:
    """A new due time picked as a date and a time, read in the actor's zone (Teams' dialog):
    more time, or with `sooner` the promise brought forward; whether they may move it is
    checked before what they picked."""
    _, zone = prepare(env, directory, actor_ref, promise_id, Action.RENEGOTIATE)
    new_due = picked_due(day, at, zone, env.settings.due_times.end_of_day)
    move = bring_forward if sooner else renegotiate
    return move(env, directory, actor_ref, promise_id, new_due, note)


def on_track(env: Env, directory: Directory, actor_ref: str, promise_id: int) -> Changed:
    """The owner says it will be delivered on time: noted, and the next reminder skipped."""

    def noted(
        session: Session, promise: Promise, actor: Person, now: datetime
    ) -> dict[str, object]:
        check_not_said([event.kind for event in promise.events], "on_track")
        nudges.quiet(env, session, promise, actor)
        return {}

    return _change(env, directory, actor_ref, promise_id, Action.ON_TRACK, "on_track", noted)


def customer_told(env: Env, directory: Directory, actor_ref: str, promise_id: int) -> Changed:
    """The owner told their external customer of the new date; early if before the old one."""

    def informed(
        session: Session, promise: Promise, actor: Person, now: datetime
    ) -> dict[str, object]:
        if promise.counterpart is not None:
            raise KeptError("This promise is to a co-worker: Kept told them already.")
        check_not_said([event.kind for event in promise.events], "customer_informed")
        moved = [e for e in promise.events if e.kind == "renegotiated"]
        if not moved:
            raise KeptError(
                f"#{promise.id} has no new date to tell them of. If you need more time,"
                f" ask for it first: /more-time {promise.id} Monday 10am.",
                field="due",
            )
        deadline = (
            datetime.fromisoformat(str(moved[-1].data["old_due"])) if moved else promise.due_at
        )
        return {"before_deadline": asked_early(deadline, now)}

    return _change(
        env, directory, actor_ref, promise_id, Action.INFORM, "customer_informed", informed
    )


def renegotiate_from_text(
    env: Env, directory: Directory, actor_ref: str, promise_id: int, words: str
) -> Changed:
    """ "Monday 10am, the data is late": the new due time and, around it, the note, every word
    kept. The time is read before the first comma when it names one there: a day the note
    speaks of ("…, I'll update you tomorrow") is the note's."""
    context = context_of(env, known_person(env, directory, actor_ref))
    head, *note = _NOTE_AFTER.split(words.strip(), maxsplit=1)
    reading = read_promise(head, context)
    if note and reading.due is not None and not reading.invalid_dates:
        said = " ".join([reading.what, note[0]]).strip()
    else:
        reading = read_promise(words, context)
        said = reading.what
    if reading.invalid_dates:
        raise KeptError(why_impossible(reading.invalid_dates[0]), MORE_TIME_EXAMPLE, "due")
    if reading.due is None:
        past = f"“{reading.past[0]}” is in the past. " if reading.past else ""
        ask = "By when, then? Give the new due time, like “Monday 10am”, and a note if you like."
        raise KeptError(past + ask, field="due")
    return renegotiate(env, directory, actor_ref, promise_id, reading.due.at, said)


# Where a new due time ends and its note begins: "Monday 10am, the data is late".
_NOTE_AFTER = re.compile(r"\s*[,;]\s*|\s+[-–—]\s+")
MORE_TIME_EXAMPLE = "/more-time 3 Monday 10am, the data is late"


def edit(env: Env, directory: Directory, actor_ref: str, promise_id: int, what: str) -> Changed:
    """New words for the promise (a typo, a clearer deliverable); the due time stays."""
    words = check_what(what)

    def edited(
        session: Session, promise: Promise, actor: Person, now: datetime
    ) -> dict[str, object]:
        old, promise.what = promise.what, words
        return {"old_what": old}

    return _change(env, directory, actor_ref, promise_id, Action.EDIT, "edited", edited)


def prepare(
    env: Env, directory: Directory, actor_ref: str, promise_id: int, action: Action
) -> tuple[PromiseView, str]:
    """A promise the actor may change this way, and the actor's zone: for the form that will."""
    actor = known_person(env, directory, actor_ref)
    with env.db.unit_of_work() as session:
        promise = _find(session, actor, promise_id)
        parties = _parties(actor, promise)
        check_allowed(action, parties, Status(promise.status))
        return _as_view(promise), actor.timezone


# Applies one change to a locked, open promise; returns what the history event records.
Change = Callable[[Session, Promise, Person, datetime], dict[str, object]]


def _change(
    env: Env,
    directory: Directory,
    actor_ref: str,
    promise_id: int,
    action: Action,
    change: str,
    apply: Change,
) -> Changed:
    actor = known_person(env, directory, actor_ref)
    with env.db.unit_of_work() as session:
        promise = _find(session, actor, promise_id, lock=True)
        parties = _parties(actor, promise)
        check_allowed(action, parties, Status(promise.status))
        now = env.clock.now()
        data = apply(session, promise, actor, now)
        promise.updated_at = now
        event = _record(session, promise, change, actor.id, now, data)
        view = _view(session, promise.id)
        if change not in PRIVATE_CHANGES:
            _tell_the_other(session, promise, actor, change, event)
        return Changed(view, actor.timezone, change)


def _checked(
    env: Env,
    directory: Directory,
    owner: Person,
    what: str,
    due_at: datetime,
    counterpart_ref: str | None,
) -> tuple[str, Person | None]:
    """A promise's words and co-worker, as the rules take them: refused when its words, its
    due time or its co-worker will not do."""
    words = check_what(what)
    check_due(due_at, env.clock.now())
    return words, _co_worker(env, directory, counterpart_ref, owner)


def decline(env: Env, directory: Directory, author_ref: str, source_ref: str | None) -> None:
    """The author says a promise someone read in their message is not theirs: refused when
    they tracked it already (it is theirs, then), or said so before (one answer is enough)."""
    author = known_person(env, directory, author_ref)
    with env.db.unit_of_work() as session:
        if source_ref is not None:
            _check_not_tracked(session, author, source_ref)
            if not platform_events.first_delivery(
                session, author.platform, f"declined:{author.id}:{source_ref}", env.clock.now()
            ):
                raise KeptError("You said so already: I haven't tracked it.")


def _check_not_tracked(session: Session, owner: Person, source_ref: str) -> None:
    """Refuse a second promise of the owner's from one message. The owner's row is locked
    first, so two presses at once on PostgreSQL are decided one after the other (SQLite's
    units of work already are)."""
    people.lock(session, owner)
    tracked = session.scalar(
        select(Promise.id).where(Promise.owner_id == owner.id, Promise.source_ref == source_ref)
    )
    if tracked is not None:
        raise KeptError("You tracked this one already. Nothing changed.")


def _parties(actor: Person, promise: Promise) -> Parties:
    also = frozenset(row.person_id for row in promise.co_workers)
    return Parties(actor.id, promise.owner_id, promise.counterpart_id, also)


def _find(session: Session, actor: Person, promise_id: int, *, lock: bool = False) -> Promise:
    """The promise with this id, if its owner is on the actor's platform and workspace.

    A button's value is any integer anyone sends: a promise elsewhere is answered exactly like
    one that does not exist, so a guessed id tells nothing of it."""
    query = (
        select(Promise)
        .join(Promise.owner)
        .where(
            Promise.id == promise_id,
            Person.platform == actor.platform,
            Person.workspace_id == actor.workspace_id,
        )
    )
    if lock:
        # OF promises: only the promise's row, and only when it passed the workspace filter.
        query = query.with_for_update(of=Promise)
    promise = session.scalars(query).one_or_none()
    if promise is None:
        raise KeptError(NOT_FOUND)
    return promise


def _record(
    session: Session,
    promise: Promise,
    kind: str,
    actor_id: int,
    now: datetime,
    data: dict[str, object],
) -> PromiseEvent:
    said_early = data.get("early", data.get("before_deadline"))
    event = PromiseEvent(
        promise_id=promise.id,
        kind=kind,
        actor_id=actor_id,
        at=now,
        data=data,
        before_deadline=said_early if isinstance(said_early, bool) else None,
    )
    session.add(event)
    return event


def _tell_the_other(
    session: Session,
    promise: Promise,
    actor: Person,
    news: str,
    event: PromiseEvent,
) -> None:
    """A direct message, through the outbox, to each co-worker on the other side of a change
    (its history `event`): every co-worker it is to when the owner acts; the owner when one
    of them marks it received."""
    if promise.counterpart is None:
        return
    if actor.id == promise.owner_id:
        recipients = promise.told
    else:
        recipients, news = [promise.owner], "received"
    session.flush()  # the event's id: one message for each change
    for n, recipient in enumerate(recipients):
        outbox.enqueue(
            session,
            # the first's key as it always was, so a change queued before an upgrade stays one
            key=f"promise:{promise.id}:{news}:{event.id}" + (f":{recipient.id}" if n else ""),
            platform=recipient.platform,
            workspace_id=recipient.workspace_id,
            recipient=recipient.user_id,
            payload=PromiseNews(
                news=news,
                promise_id=promise.id,
                by=actor.display_name,
                by_ref=actor.user_id,
                what=promise.what,
                due=promise.due_at,
                zone=recipient.timezone,
                note=str(event.data.get("note", "")),
                said_at=event.at,
            ),
            now=event.at,
        )


def _open(session: Session, whose: ColumnElement[bool]) -> tuple[tuple[PromiseView, ...], int]:
    where = (whose, Promise.status == Status.OPEN)
    total = session.scalar(select(func.count()).select_from(Promise).where(*where)) or 0
    rows = session.scalars(
        select(Promise)
        .where(*where)
        .order_by(Promise.due_at, Promise.id)
        .limit(LIST_LIMIT)
        .options(joinedload(Promise.owner), joinedload(Promise.counterpart))
    ).all()
    return tuple(_as_view(row) for row in rows), max(total - LIST_LIMIT, 0)


def _view(session: Session, promise_id: int) -> PromiseView:
    return _as_view(session.get_one(Promise, promise_id))


def _as_view(promise: Promise) -> PromiseView:
    done_event = promise.closed_at if promise.status == Status.DONE else None
    return PromiseView(
        id=promise.id,
        what=promise.what,
        owner=promise.owner.display_name,
        owner_ref=promise.owner.user_id,
        counterpart=promise.counterpart.display_name if promise.counterpart else None,
        counterpart_ref=promise.counterpart.user_id if promise.counterpart else None,
        customer=promise.customer_name,
        due_at=promise.due_at,
        grain=promise.due_grain,
        status=promise.status,
        on_time=kept_on_time(promise.due_at, done_event) if done_event else None,
        as_of=promise.updated_at,
        also=tuple(row.person.display_name for row in promise.co_workers),
        also_refs=tuple(row.person.user_id for row in promise.co_workers),
    )


def _counterpart(directory: Directory, written: str | None) -> tuple[str | None, str | None]:
    """(co-worker's user id, customer's name) from what the text named."""
    if written is None:
        return None, None
    if written.startswith(("@", "<@")):
        user_id = directory.user_id(written)
        if user_id is None:
            raise KeptError(
                f"I don't know {written} here. Mention a co-worker with @ so I can tell them.",
                EXAMPLE,
                "counterpart",
            )
        return user_id, None
    return None, written


def _co_worker(env: Env, directory: Directory, ref: str | None, owner: Person) -> Person | None:
    if ref is None or ref == owner.user_id:
        return None
    counterpart = known_person(env, directory, ref)
    if counterpart.is_bot:
        raise KeptError(
            "That's a bot. Promise it to a person, or name the customer.", EXAMPLE, "counterpart"
        )
    return counterpart


def _told_too(
    env: Env,
    directory: Directory,
    refs: Iterable[str],
    owner: Person,
    counterpart: Person | None,
) -> tuple[Person, ...]:
    """The co-workers named with the counterpart (by user id), as people of this workspace: none
    without a counterpart; the owner, the counterpart, bots and anyone named twice or unknown
    here are left out (the first co-worker is checked as the rules say; these are told as
    well, and no one is refused)."""
    if counterpart is None:
        return ()
    found: dict[int, Person] = {}
    for ref in refs:
        try:
            person = _co_worker(env, directory, ref, owner)
        except KeptError:
            continue
        if person and person.id != counterpart.id:
            found.setdefault(person.id, person)
    return tuple(found.values())[:MAX_TOLD_TOO]


def _due_problem(reading: Reading, now: datetime) -> str | None:
    due = reading.due
    if reading.conflicting:
        return "I read more than one due time there. Which one is it?"
    if due is None and reading.past:
        return f"“{reading.past[0]}” is in the past. When will you deliver it?"
    if due is None:
        return "By when? I couldn't find a due time in that."
    if due.at <= now:
        return "That due time has already passed. When will you deliver it?"
    return None
