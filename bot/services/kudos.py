"""Kudos: give them with words or a reaction, take a reaction back, see who was thanked most."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased, selectinload

from bot.domain.errors import KeptError
from bot.domain.kudos import (
    check_allowance,
    giver_day,
    kudos_left,
    no_kudos_to_bots,
    no_self_kudos,
    period_start,
    ranks,
    read_kudos,
    read_period,
    unknown_person,
)
from bot.services.directory import Directory, key, known_person
from bot.services.env import Env
from bot.services.outbox import KudosNews, KudosPost
from bot.services.replies.kudos import Given, KudosSummary, KudosView, Leader, Leaderboard, Named
from bot.store import outbox, people
from bot.store.models import Kudos, KudosValue, Person
from bot.store.writes import insert_once

# A leaderboard shows this many people; the Home this many recent kudos each way.
TOP_LIMIT = 10
RECENT_LIMIT = 5


def give(
    env: Env, directory: Directory, giver_ref: str, text: str, *, channel_ref: str | None
) -> Given:
    """`/kudos @ana @raj for covering the on-call swap #teamwork`: a kudos to each, posted in
    the channel (or the configured kudos channel), and a direct message to each recipient."""
    rules = env.settings.kudos
    words = read_kudos(text, rules.values)
    giver = known_person(env, directory, giver_ref)
    recipients: dict[int, Person] = {}
    for mention in words.recipients:
        ref = directory.user_id(mention)
        if ref is None:
            raise unknown_person(mention)
        recipient = _recipient(env, directory, ref, mention)
        if recipient.id == giver.id:
            raise no_self_kudos(_left(env, giver))
        if recipient.is_bot:
            raise no_kudos_to_bots(mention, _left(env, giver))
        recipients[recipient.id] = recipient
    now = env.clock.now()
    # The configured kudos channel is a Slack channel: kudos given elsewhere stay where given.
    where = (rules.channel if directory.platform == "slack" else None) or channel_ref
    with env.db.unit_of_work() as session:
        left = _lock_and_count(session, env, giver, now)
        check_allowance(len(recipients), left, rules.daily_allowance)
        rows = [
            Kudos(
                giver_id=giver.id,
                recipient_id=recipient.id,
                reason=words.reason,
                channel_ref=channel_ref,
                given_at=now,
                values=[KudosValue(value=value) for value in words.values],
            )
            for recipient in recipients.values()
        ]
        session.add_all(rows)
        session.flush()
        named = tuple(_named(recipient) for recipient in recipients.values())
        if where:
            _post(session, env, rows[0], giver, named, words.reason, words.values, where, now)
        for row, recipient in zip(rows, recipients.values(), strict=True):
            _tell(session, env, row, giver, recipient, words.reason, words.values, where, now)
        left -= len(rows)
    return Given(_named(giver), named, words.reason, words.values, where, left)


def react(
    env: Env,
    directory: Directory,
    giver_ref: str,
    author_ref: str,
    *,
    channel_ref: str,
    message_ref: str,
    reason: str,
) -> Given | None:
    """The kudos reaction on a message: kudos to its author for it, once however often it
    arrives; None when it gives none (one's own message, a bot's, someone unknown).

    Posted only in the configured kudos channel: where the message is, the reaction shows it.
    A reaction taken back and given again counts again, without telling the author twice.
    """
    if giver_ref == author_ref:
        return None
    author = _someone(env, directory, author_ref)
    if author is None or author.is_bot:
        return None
    giver = known_person(env, directory, giver_ref)
    rules = env.settings.kudos
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        left = _lock_and_count(session, env, giver, now)
        inserted = insert_once(
            session,
            Kudos,
            giver_id=giver.id,
            recipient_id=author.id,
            reason=reason,
            channel_ref=channel_ref,
            message_ref=message_ref,
            given_at=now,
        )
        row = session.scalars(
            select(Kudos).where(
                Kudos.giver_id == giver.id,
                Kudos.recipient_id == author.id,
                Kudos.message_ref == message_ref,
            )
        ).one()
        if not inserted and row.revoked_at is None:
            return None  # the same reaction again, or Slack's retry: it counted already
        check_allowance(1, left, rules.daily_allowance)  # rolls back the insert when refused
        row.revoked_at, row.given_at = None, now
        outbox.restore(session, f"kudos:{row.id}:")  # taken back before it was sent: send it
        recipient = (_named(author),)
        if rules.channel:
            _post(session, env, row, giver, recipient, reason, (), rules.channel, now)
        _tell(session, env, row, giver, author, reason, (), rules.channel, now)
    return Given(_named(giver), recipient, reason, (), rules.channel, left - 1)


def unreact(
    env: Env, directory: Directory, giver_ref: str, author_ref: str, *, message_ref: str
) -> bool:
    """The kudos reaction taken off a message: its kudos is taken back. True when one was."""
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        giver = people.find(session, key(directory, giver_ref))
        author = people.find(session, key(directory, author_ref))
        if giver is None or author is None:
            return False
        row = session.scalars(
            select(Kudos)
            .where(
                Kudos.giver_id == giver.id,
                Kudos.recipient_id == author.id,
                Kudos.message_ref == message_ref,
                Kudos.revoked_at.is_(None),
            )
            .with_for_update()
        ).one_or_none()
        if row is None:
            return False
        row.revoked_at = now
        outbox.withdraw(session, f"kudos:{row.id}:")  # a thank-you not yet sent stays unsent
        return True


def top(env: Env, directory: Directory, viewer_ref: str, period_text: str) -> Leaderboard:
    """Who received most kudos in the viewer's workspace, and the values they were thanked for."""
    period = read_period(period_text)
    viewer = known_person(env, directory, viewer_ref)
    since = period_start(period, env.clock.now())
    counted = _counted(since)
    received = func.count(Kudos.id).label("received")
    with env.db.unit_of_work() as session:
        board = session.execute(
            select(Person.id, Person.display_name, Person.user_id, received)
            .join(Kudos, Kudos.recipient_id == Person.id)
            .where(
                Person.platform == viewer.platform,
                Person.workspace_id == viewer.workspace_id,
                *counted,
            )
            .group_by(Person.id, Person.display_name, Person.user_id)
            .order_by(received.desc(), Person.display_name, Person.id)
            .limit(TOP_LIMIT)
        ).all()
        values = _values_of(session, [row.id for row in board], counted)
    places = ranks([row.received for row in board])
    leaders = (
        Leader(place, Named(row.display_name, row.user_id), row.received, values.get(row.id, ()))
        for place, row in zip(places, board, strict=True)
    )
    return Leaderboard(period, tuple(leaders))


def summary_of(session: Session, env: Env, person: Person) -> KudosSummary:
    """The person's kudos received and given, for their App Home."""
    counted = _counted(None)
    received = _count(session, Kudos.recipient_id == person.id, *counted)
    given = _count(session, Kudos.giver_id == person.id, *counted)
    values = _values_of(session, [person.id], counted).get(person.id, ())
    latest_received = _latest(session, _LATEST_RECEIVED, person)
    latest_given = _latest(session, _LATEST_GIVEN, person)
    left = _count_left(session, env, person, env.clock.now())
    return KudosSummary(
        received, given, values, latest_received, latest_given, left, person.timezone
    )


# --- the parts ---------------------------------------------------------------------------
def _recipient(env: Env, directory: Directory, ref: str, mention: str) -> Person:
    try:
        return known_person(env, directory, ref)
    except KeptError:
        raise unknown_person(mention) from None


def _someone(env: Env, directory: Directory, ref: str) -> Person | None:
    try:
        return known_person(env, directory, ref)
    except KeptError:
        return None


def _left(env: Env, giver: Person) -> int:
    with env.db.unit_of_work() as session:
        return _count_left(session, env, giver, env.clock.now())


def _lock_and_count(session: Session, env: Env, giver: Person, now: datetime) -> int:
    """What the giver has left today, with their row locked so two kudos at once can't both
    take the last one (PostgreSQL; SQLite has one writer at a time)."""
    people.lock(session, giver)
    return _count_left(session, env, giver, now)


def _count_left(session: Session, env: Env, giver: Person, now: datetime) -> int:
    start, end = giver_day(now, giver.timezone)
    used = _count(
        session,
        Kudos.giver_id == giver.id,
        Kudos.given_at >= start,
        Kudos.given_at < end,
        Kudos.revoked_at.is_(None),
    )
    return kudos_left(env.settings.kudos.daily_allowance, used)


def _count(session: Session, *where: ColumnElement[bool]) -> int:
    return session.scalar(select(func.count()).select_from(Kudos).where(*where)) or 0


def _counted(since: datetime | None) -> list[ColumnElement[bool]]:
    """The kudos a board or summary counts: not taken back, and given since `since`."""
    where: list[ColumnElement[bool]] = [Kudos.revoked_at.is_(None)]
    if since is not None:
        where.append(Kudos.given_at >= since)
    return where


def _values_of(
    session: Session, recipient_ids: Sequence[int], counted: list[ColumnElement[bool]]
) -> dict[int, tuple[tuple[str, int], ...]]:
    """Per recipient, the values they were thanked for and how often, most first."""
    if not recipient_ids:
        return {}
    times = func.count().label("times")
    rows = session.execute(
        select(Kudos.recipient_id, KudosValue.value, times)
        .join(KudosValue, KudosValue.kudos_id == Kudos.id)
        .where(Kudos.recipient_id.in_(recipient_ids), *counted)
        .group_by(Kudos.recipient_id, KudosValue.value)
        .order_by(Kudos.recipient_id, times.desc(), KudosValue.value)
    ).all()
    values: dict[int, tuple[tuple[str, int], ...]] = {}
    for row in rows:
        values[row.recipient_id] = (*values.get(row.recipient_id, ()), (row.value, row.times))
    return values


def _latest_of(whose: ColumnElement[bool]) -> Select[Kudos, Person, Person]:
    """The newest kudos `whose` (of the person bound as `person`), with both people: built
    once, since every App Home asks it twice and building it costs more than running it."""
    giver, recipient = aliased(Person), aliased(Person)
    return (
        select(Kudos, giver, recipient)
        .join(giver, Kudos.giver_id == giver.id)
        .join(recipient, Kudos.recipient_id == recipient.id)
        .where(whose, Kudos.revoked_at.is_(None))
        .order_by(Kudos.given_at.desc(), Kudos.id.desc())
        .limit(RECENT_LIMIT)
        .options(selectinload(Kudos.values))
    )


_LATEST_RECEIVED = _latest_of(Kudos.recipient_id == bindparam("person"))
_LATEST_GIVEN = _latest_of(Kudos.giver_id == bindparam("person"))


def _latest(
    session: Session, latest: Select[Kudos, Person, Person], person: Person
) -> tuple[KudosView, ...]:
    rows = session.execute(latest, {"person": person.id}).all()
    return tuple(
        KudosView(
            _named(row[1]),
            _named(row[2]),
            row[0].reason,
            tuple(sorted(v.value for v in row[0].values)),
            row[0].given_at,
        )
        for row in rows
    )


def _named(person: Person) -> Named:
    return Named(person.display_name, person.user_id)


def _post(
    session: Session,
    env: Env,
    kudos: Kudos,
    giver: Person,
    recipients: tuple[Named, ...],
    reason: str,
    values: tuple[str, ...],
    channel: str,
    now: datetime,
) -> None:
    """The public thank-you, in a channel, naming everyone thanked at once."""
    outbox.enqueue(
        session,
        key=f"kudos:{kudos.id}:post",
        platform=giver.platform,
        workspace_id=giver.workspace_id,
        recipient=channel,
        payload=KudosPost(
            giver=giver.display_name,
            giver_ref=giver.user_id,
            recipients=recipients,
            reason=reason,
            values=values,
            emoji=env.settings.kudos.reaction,
        ),
        now=now,
    )


def _tell(
    session: Session,
    env: Env,
    kudos: Kudos,
    giver: Person,
    recipient: Person,
    reason: str,
    values: tuple[str, ...],
    channel: str | None,
    now: datetime,
) -> None:
    """A direct message to one recipient: who thanked them, for what, and where it is posted."""
    outbox.enqueue(
        session,
        key=f"kudos:{kudos.id}:news",
        platform=recipient.platform,
        workspace_id=recipient.workspace_id,
        recipient=recipient.user_id,
        payload=KudosNews(
            giver=giver.display_name,
            giver_ref=giver.user_id,
            reason=reason,
            values=values,
            channel=channel,
            emoji=env.settings.kudos.reaction,
        ),
        now=now,
    )
