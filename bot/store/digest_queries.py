"""The digest's numbers as SQL aggregates, over a team's promises and their events.

Each number follows its definition in `bot/domain/digest.py`, rule for rule, in one CASE; these
queries are its only implementation. tests/integration/test_digest_queries.py works a week out
by hand and checks that they give those answers, promise by promise, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Float,
    Integer,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from bot.domain.digest import SLIPPED, Outcome, WeekCounts
from bot.store.models import Kudos, KudosValue, Person, Promise, PromiseEvent, TeamMember

# A team's members who said yes: those only asked are counted nowhere (see `TeamMember`).
Member = aliased(
    TeamMember, select(TeamMember).where(TeamMember.joined_at.is_not(None)).subquery("member")
)


class seconds_between(FunctionElement[float]):
    """Seconds from the first instant to the second, in SQL of either dialect."""

    type = Float()
    inherit_cache = True


@compiles(seconds_between)
def _seconds_postgresql(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"EXTRACT(EPOCH FROM ({compiler.process(end, **kw)} - {compiler.process(start, **kw)}))"


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"((julianday({compiler.process(end, **kw)})"
        f" - julianday({compiler.process(start, **kw)})) * 86400.0)"
    )


def team_weeks(
    session: Session, team_id: int, bounds: Sequence[datetime], now: datetime
) -> list[WeekCounts]:
    """The numbers of consecutive weeks, oldest first, for the team's members' promises.

    `bounds` are the weeks' edges in order: week i is [bounds[i], bounds[i + 1]).
    One statement whatever the number of weeks.
    """
    return teams_weeks(session, [team_id], bounds, now)[team_id]


def teams_weeks(
    session: Session, team_ids: Sequence[int], bounds: Sequence[datetime], now: datetime
) -> dict[int, list[WeekCounts]]:
    """`team_weeks` for many teams whose managers share a zone (so the weeks' edges), in one
    statement: what the Monday job and the benchmark use."""
    facts = _facts(team_ids, bounds, now)
    # Each delivered-late promise's rank among its week's delays, for the median, in the same
    # statement as the counts: the facts are read once.
    group = (facts.c.team_id, facts.c.week)
    ranked = select(
        facts,
        func.row_number()
        .over(partition_by=(*group, facts.c.delay.is_(None)), order_by=facts.c.delay)
        .label("rn"),
        func.count(facts.c.delay).over(partition_by=group).label("n"),
    ).subquery("ranked")
    middle = and_(
        ranked.c.delay.is_not(None),
        or_(ranked.c.rn == (ranked.c.n + 1) // 2, ranked.c.rn == (ranked.c.n + 2) // 2),
    )
    counted = {
        (row.team_id, row.week): row._mapping
        for row in session.execute(
            select(
                ranked.c.team_id,
                ranked.c.week,
                *(
                    func.sum(case((ranked.c.outcome == str(o), 1), else_=0)).label(str(o))
                    for o in Outcome
                ),
                func.sum(ranked.c.warned).label("warned"),
                func.avg(case((middle, ranked.c.delay), else_=None)).label("median"),
            ).group_by(ranked.c.team_id, ranked.c.week)
        )
    }
    return {team: _weeks(counted, team, len(bounds) - 1) for team in team_ids}


def _weeks(counted: dict[tuple[int, int], Any], team: int, count: int) -> list[WeekCounts]:
    weeks = []
    for week in range(count):
        row = counted.get((team, week))
        numbers = {str(o): int(row[str(o)] or 0) for o in Outcome} if row else {}
        weeks.append(
            WeekCounts(
                **numbers,
                warned=int(row["warned"] or 0) if row else 0,
                median_delay_seconds=(
                    float(row["median"]) if row and row["median"] is not None else None
                ),
            )
        )
    return weeks


def members_of(team_id: int) -> Any:
    return select(Member.person_id).where(Member.team_id == team_id)


def week_rows(
    session: Session, team_id: int, start: datetime, end: datetime, now: datetime
) -> list[Any]:
    """The promises first due in [start, end), each with its outcome, warned and delay, by the
    same expressions as the counts; for the CSV. Owner and counterpart by name."""
    facts = _facts([team_id], [start, end], now, detail=True)
    owner, counterpart = aliased(Person), aliased(Person)
    return list(
        session.execute(
            select(
                facts.c.id,
                owner.display_name.label("owner"),
                facts.c.what,
                counterpart.display_name.label("counterpart"),
                facts.c.customer_name,
                facts.c.first_due_at,
                facts.c.due_at,
                facts.c.status,
                facts.c.closed_at,
                facts.c.outcome,
                facts.c.warned,
                facts.c.delay,
            )
            .join(owner, owner.id == facts.c.owner_id)
            .outerjoin(counterpart, counterpart.id == facts.c.counterpart_id)
            .order_by(facts.c.first_due_at, facts.c.id)
        )
    )


def _facts(
    team_ids: Sequence[int], bounds: Sequence[datetime], now: datetime, *, detail: bool = False
) -> Any:
    """One row per promise first due in the weeks: its week, outcome, warned, delay.

    Three layers, each fenced with OFFSET 0 so that PostgreSQL reads a promise's events once
    rather than once per CASE that mentions them.
    """
    first_move = (
        select(func.min(PromiseEvent.at))
        .where(PromiseEvent.promise_id == Promise.id, PromiseEvent.kind == "renegotiated")
        .correlate(Promise)
        .scalar_subquery()
    )
    told_early = exists().where(
        PromiseEvent.promise_id == Promise.id,
        PromiseEvent.kind == "customer_informed",
        PromiseEvent.before_deadline.is_(True),
    )
    inner_edges = bounds[1:-1]
    week: ColumnElement[int] = (
        case(
            *((Promise.first_due_at < edge, index) for index, edge in enumerate(inner_edges)),
            else_=len(inner_edges),
        )
        if inner_edges
        else literal(0)
    )
    details = (Promise.owner_id, Promise.counterpart_id, Promise.what) if detail else ()
    promised = (
        select(
            Member.team_id,
            Promise.id,
            Promise.first_due_at,
            Promise.due_at,
            Promise.status,
            Promise.closed_at,
            Promise.customer_name,
            *details,
            week.label("week"),
            first_move.label("first_move"),
            told_early.label("told_early"),
        )
        .join(Member, Member.person_id == Promise.owner_id)
        .where(
            Member.team_id.in_(team_ids),
            Promise.first_due_at >= bounds[0],
            Promise.first_due_at < bounds[-1],
        )
        .offset(0)
        .subquery("promised")
    )
    p = promised.c
    outcome = case(
        (p.status == "cancelled", literal(str(Outcome.CANCELLED))),
        (
            and_(p.first_move.is_not(None), p.first_move < p.first_due_at),
            literal(str(Outcome.RENEGOTIATED_EARLY)),
        ),
        (p.first_move.is_not(None), literal(str(Outcome.RENEGOTIATED_LATE))),
        (
            and_(p.status == "done", p.closed_at <= p.due_at),
            literal(str(Outcome.KEPT_ON_TIME)),
        ),
        (p.status == "done", literal(str(Outcome.KEPT_LATE))),
        (p.due_at < now, literal(str(Outcome.BROKEN))),
        else_=literal(str(Outcome.NOT_YET_DUE)),
    )
    # A cancelled promise is never "done", and on time means closed_at <= first_due_at.
    delivered_late = and_(p.status == "done", p.closed_at > p.first_due_at)
    delay = case(
        (delivered_late, cast(func.round(seconds_between(p.first_due_at, p.closed_at)), Integer)),
        else_=None,
    )
    keep = {"team_id", "week", "customer_name", "told_early"} | (
        {
            "id",
            "owner_id",
            "counterpart_id",
            "what",
            "first_due_at",
            "due_at",
            "status",
            "closed_at",
        }
        if detail
        else set()
    )
    inner = (
        select(
            *(c for c in promised.c if c.key in keep),
            outcome.label("outcome"),
            delay.label("delay"),
        )
        .offset(0)
        .subquery("due_in_weeks")
    )
    slipped = inner.c.outcome.in_([str(o) for o in SLIPPED])
    warned: ColumnElement[int] = case(
        (
            and_(
                slipped,
                or_(
                    and_(inner.c.customer_name.is_not(None), inner.c.told_early),
                    and_(
                        inner.c.customer_name.is_(None),
                        inner.c.outcome == str(Outcome.RENEGOTIATED_EARLY),
                    ),
                ),
            ),
            1,
        ),
        else_=0,
    )
    extra = [
        c for c in inner.c if c.key not in {"team_id", "week", "outcome", "delay", "told_early"}
    ]
    chosen = [
        inner.c.team_id,
        inner.c.week,
        inner.c.outcome,
        warned.label("warned"),
        inner.c.delay,
    ]
    return select(*chosen, *(extra if detail else ())).subquery("facts")


Risk = tuple[int, str, str, datetime, bool, bool]
KudosCounts = tuple[int, int, list[tuple[str, int]], list[tuple[str, int]]]


def at_risk(session: Session, team_id: int, start: datetime, end: datetime) -> list[Risk]:
    """Open promises due in [start, end) that were renegotiated, or whose last nudge has no
    answer yet: (id, what, owner's name, due, renegotiated, unanswered), soonest first."""
    return teams_at_risk(session, [team_id], start, end)[team_id]


def teams_at_risk(
    session: Session, team_ids: Sequence[int], start: datetime, end: datetime
) -> dict[int, list[Risk]]:
    """`at_risk` for many teams whose managers share a zone, in one statement."""
    moved = exists().where(
        PromiseEvent.promise_id == Promise.id, PromiseEvent.kind == "renegotiated"
    )
    last_nudge = (
        select(func.max(PromiseEvent.at))
        .where(PromiseEvent.promise_id == Promise.id, PromiseEvent.kind == "nudged")
        .correlate(Promise)
        .scalar_subquery()
    )
    answered_since = exists().where(
        PromiseEvent.promise_id == Promise.id,
        PromiseEvent.kind.not_in(("nudged", "created")),
        PromiseEvent.at >= last_nudge,
    )
    unanswered = and_(last_nudge.is_not(None), ~answered_since)
    rows = session.execute(
        select(
            Member.team_id,
            Promise.id,
            Promise.what,
            Person.display_name,
            Promise.due_at,
            moved,
            case((unanswered, True), else_=False),
        )
        .join(Member, Member.person_id == Promise.owner_id)
        .join(Person, Person.id == Promise.owner_id)
        .where(
            Member.team_id.in_(team_ids),
            Promise.status == "open",
            Promise.due_at >= start,
            Promise.due_at < end,
            or_(moved, unanswered),
        )
        .order_by(Promise.due_at, Promise.id)
    )
    risks: dict[int, list[Risk]] = {team: [] for team in team_ids}
    for team, i, w, o, d, m, u in rows:
        risks[team].append((i, w, o, d, bool(m), bool(u)))
    return risks


def kudos_counts(
    session: Session, team_id: int, start: datetime, end: datetime, top: int
) -> KudosCounts:
    """Kudos given by the team's members and received by them in [start, end), not taken back:
    (given, received, received by value most first, the most thanked members)."""
    return teams_kudos(session, [team_id], start, end, top)[team_id]


def teams_kudos(
    session: Session, team_ids: Sequence[int], start: datetime, end: datetime, top: int
) -> dict[int, KudosCounts]:
    """`kudos_counts` for many teams whose managers share a zone: four statements in all."""
    counted = (
        Member.team_id.in_(team_ids),
        Kudos.given_at >= start,
        Kudos.given_at < end,
        Kudos.revoked_at.is_(None),
    )
    given = dict(
        session.execute(
            select(Member.team_id, func.count())
            .join(Kudos, Kudos.giver_id == Member.person_id)
            .where(*counted)
            .group_by(Member.team_id)
        ).all()
    )
    received = dict(
        session.execute(
            select(Member.team_id, func.count())
            .join(Kudos, Kudos.recipient_id == Member.person_id)
            .where(*counted)
            .group_by(Member.team_id)
        ).all()
    )
    by_value = session.execute(
        select(Member.team_id, KudosValue.value, func.count())
        .join(Kudos, Kudos.recipient_id == Member.person_id)
        .join(KudosValue, KudosValue.kudos_id == Kudos.id)
        .where(*counted)
        .group_by(Member.team_id, KudosValue.value)
        .order_by(Member.team_id, func.count().desc(), KudosValue.value)
    )
    ranked = (
        select(
            Member.team_id,
            Person.display_name,
            func.count().label("n"),
            func.row_number()
            .over(
                partition_by=Member.team_id,
                order_by=(func.count().desc(), Person.display_name),
            )
            .label("place"),
        )
        .join(Kudos, Kudos.recipient_id == Member.person_id)
        .join(Person, Person.id == Member.person_id)
        .where(*counted)
        .group_by(Member.team_id, Person.id, Person.display_name)
        .subquery("ranked")
    )
    thanked = session.execute(
        select(ranked.c.team_id, ranked.c.display_name, ranked.c.n)
        .where(ranked.c.place <= top)
        .order_by(ranked.c.team_id, ranked.c.place)
    )
    values: dict[int, list[tuple[str, int]]] = {team: [] for team in team_ids}
    for team, value, n in by_value:
        values[team].append((value, int(n)))
    most: dict[int, list[tuple[str, int]]] = {team: [] for team in team_ids}
    for team, name, n in thanked:
        most[team].append((name, int(n)))
    return {
        team: (int(given.get(team, 0)), int(received.get(team, 0)), values[team], most[team])
        for team in team_ids
    }
