"""The weekly digest: a manager's team, and how it kept its word and thanked each other."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from bot.domain.digest import (
    TEAM_EXAMPLE,
    IsoWeek,
    WeekCounts,
    read_team,
    read_week,
    trend_weeks,
)
from bot.domain.errors import KeptError
from bot.services import outbox
from bot.services.directory import Directory, known_person
from bot.services.env import Env
from bot.services.kudos import Named
from bot.store import digest_queries
from bot.store.models import OutboxMessage, Person, Team, TeamMember

# The digest names at most this many of the most thanked.
MOST_THANKED = 3


@dataclass(frozen=True)
class TeamView:
    """A team as its manager sees it, after `change` ("added", "removed", "channel", "shown")."""

    name: str
    manager: Named
    members: tuple[Named, ...]
    channel_ref: str | None
    change: str
    changed: tuple[Named, ...] = ()


@dataclass(frozen=True)
class AtRisk:
    """An open promise due next week that was moved, or whose last nudge has no answer."""

    promise_id: int
    what: str
    owner: str
    due_at: datetime
    renegotiated: bool
    unanswered: bool


@dataclass(frozen=True)
class WeekTrend:
    week: str
    counts: WeekCounts


@dataclass(frozen=True)
class Digest:
    """A team's week: the numbers (see bot/domain/digest.py), the trend, what is at risk, kudos."""

    team: str
    week: str
    start: datetime
    end: datetime
    zone: str  # the manager's: weeks and times are read in it
    so_far: bool  # the week is still going: numbers as of `now`
    now: datetime
    counts: WeekCounts
    trend: tuple[WeekTrend, ...]  # oldest first, ending with this week
    at_risk: tuple[AtRisk, ...]
    kudos_given: int
    kudos_received: int
    kudos_by_value: tuple[tuple[str, int], ...]
    most_thanked: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class DigestRow:
    """One promise of the week, as the CSV lists it; `outcome` as bot/domain/digest.py says."""

    promise_id: int
    owner: str
    what: str
    counterpart: str | None
    customer: str | None
    first_due_at: datetime
    due_at: datetime
    status: str
    closed_at: datetime | None
    outcome: str
    warned: bool
    delay_seconds: int | None


@dataclass(frozen=True)
class DigestCsv:
    """The week's promises, for a spreadsheet (`/digest csv`)."""

    team: str
    week: str
    zone: str
    rows: tuple[DigestRow, ...]


def sync_configured_teams(env: Env, directory: Directory) -> int:
    """Bring the teams of `[digest] teams` into being (a job): their members and channel are
    added as the settings say; people added in chat stay. How many teams the settings name."""
    for team in env.settings.digest.teams:
        mentions = " ".join(f"<@{member}>" for member in team.members)
        team_command(env, directory, team.manager, f"add {mentions}")
        if team.channel:
            team_command(env, directory, team.manager, f"channel <#{team.channel}>")
    return len(env.settings.digest.teams)


def team_command(env: Env, directory: Directory, manager_ref: str, words: str) -> TeamView:
    """`/digest team add @a @b`, `remove @a`, `show`, `channel #x`: the runner's own team."""
    asked = read_team(words)
    manager = known_person(env, directory, manager_ref)
    people = [_member(env, directory, mention) for mention in asked.mentions]
    with env.db.unit_of_work() as session:
        team = _managed(session, manager)
        if team is None and asked.action != "add":
            raise KeptError("You have no team yet. Add the people you manage.", TEAM_EXAMPLE)
        if team is None:
            team = _new_team(session, manager, env.clock.now())
        known = {m.person_id for m in team.members}
        if asked.action == "add":
            team.members.extend(TeamMember(person_id=p.id) for p in people if p.id not in known)
        elif asked.action == "remove":
            gone = {p.id for p in people}
            team.members[:] = [m for m in team.members if m.person_id not in gone]
        elif asked.action == "channel":
            team.channel_ref = asked.channel
        session.flush()
        change = {"add": "added", "remove": "removed", "show": "shown"}.get(
            asked.action, asked.action
        )
        return _view(session, team, change, tuple(_named(p) for p in people))


def show(env: Env, directory: Directory, actor_ref: str, words: str) -> Digest:
    """`/digest` (this week so far), `/digest last-week`, `/digest 2026-W45`: the runner's team."""
    return build_digest(env, *_asked_week(env, directory, actor_ref, words))


def csv_of(env: Env, directory: Directory, actor_ref: str, words: str) -> DigestCsv:
    """`/digest csv` (this week so far), `/digest csv last-week`, `/digest csv 2026-W45`."""
    return week_csv(env, *_asked_week(env, directory, actor_ref, words))


def _asked_week(env: Env, directory: Directory, actor_ref: str, words: str) -> tuple[int, IsoWeek]:
    """The team the person manages, and the week their words name, in their zone."""
    manager = known_person(env, directory, actor_ref)
    week, _ = read_week(words, env.clock.now(), manager.timezone)
    with env.db.unit_of_work() as session:
        team = _managed(session, manager)
        if team is None:
            raise KeptError("You have no team yet. Add the people you manage.", TEAM_EXAMPLE)
        return team.id, week


def week_csv(env: Env, team_id: int, week: IsoWeek) -> DigestCsv:
    """The team's promises first due in the week, in its manager's zone, as known now."""
    with env.db.unit_of_work() as session:
        team = session.get_one(Team, team_id)
        zone = session.get_one(Person, team.manager_id).timezone
        start, end = week.bounds(zone)
        rows = digest_queries.week_rows(session, team.id, start, end, env.clock.now())
        return DigestCsv(
            team.name,
            str(week),
            zone,
            tuple(
                DigestRow(
                    r.id,
                    r.owner,
                    r.what,
                    r.counterpart,
                    r.customer_name,
                    r.first_due_at,
                    r.due_at,
                    r.status,
                    r.closed_at,
                    r.outcome,
                    bool(r.warned),
                    r.delay,
                )
                for r in rows
            ),
        )


def build_digest(env: Env, team_id: int, week: IsoWeek) -> Digest:
    """The team's digest for the ISO week in its manager's zone, as known now."""
    return build_digests(env, [team_id], week)[0]


def build_digests(env: Env, team_ids: Sequence[int], week: IsoWeek) -> list[Digest]:
    """Many teams' digests of the ISO week, in the order given; the teams whose managers share a
    zone share the weeks' edges, so each number is one statement for all of them."""
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        teams = {
            team.id: (team.name, zone)
            for team, zone in session.execute(
                select(Team, Person.timezone)
                .join(Person, Person.id == Team.manager_id)
                .where(Team.id.in_(team_ids))
            )
        }
        by_zone: dict[str, list[int]] = {}
        for team_id, (_, zone) in teams.items():
            by_zone.setdefault(zone, []).append(team_id)
        weeks = trend_weeks(week)
        counts: dict[int, list[WeekCounts]] = {}
        risks: dict[int, list[digest_queries.Risk]] = {}
        kudos: dict[int, digest_queries.KudosCounts] = {}
        for zone, ids in by_zone.items():
            edges = [weeks[0].bounds(zone)[0], *(w.bounds(zone)[1] for w in weeks)]
            counts.update(digest_queries.teams_weeks(session, ids, edges, now))
            risks.update(digest_queries.teams_at_risk(session, ids, *week.shifted(1).bounds(zone)))
            kudos.update(digest_queries.teams_kudos(session, ids, *week.bounds(zone), MOST_THANKED))
        digests = []
        for team_id in team_ids:
            name, zone = teams[team_id]
            start, end = week.bounds(zone)
            given, received, by_value, thanked = kudos[team_id]
            trend = counts[team_id]
            digests.append(
                Digest(
                    team=name,
                    week=str(week),
                    start=start,
                    end=end,
                    zone=zone,
                    so_far=now < end,
                    now=now,
                    counts=trend[-1],
                    trend=tuple(WeekTrend(str(w), c) for w, c in zip(weeks, trend, strict=True)),
                    at_risk=tuple(AtRisk(*row) for row in risks[team_id]),
                    kudos_given=given,
                    kudos_received=received,
                    kudos_by_value=tuple(by_value),
                    most_thanked=tuple(thanked),
                )
            )
        return digests


def queue_due(env: Env) -> int:
    """The scheduled digests: for each team whose manager's local time has passed the configured
    weekday and hour, the digest of the week just ended (if the team existed by its end),
    queued once per team and week (outbox
    key `digest:<team id>:<ISO week>`) to the manager, and a summary to the team's channel.
    The number of teams queued."""
    now = env.clock.now()
    rules = env.settings.digest
    due: dict[str, tuple[int, IsoWeek]] = {}
    with env.db.unit_of_work() as session:
        teams = session.execute(
            select(Team.id, Person.timezone, Team.created_at).join(
                Person, Person.id == Team.manager_id
            )
        ).all()
        for team_id, zone, created_at in teams:
            this_week = IsoWeek.containing(now, zone)
            moment = datetime.combine(
                this_week.monday + timedelta(days=rules.weekday), rules.at, ZoneInfo(zone)
            )
            last_week = this_week.shifted(-1)
            # A team made mid-week gets its first digest for the week it was made in.
            if now >= moment and last_week.bounds(zone)[1] > created_at:
                due[f"digest:{team_id}:{last_week}"] = (team_id, last_week)
        if due:
            queued = set(
                session.scalars(select(OutboxMessage.key).where(OutboxMessage.key.in_(due)))
            )
            due = {key: value for key, value in due.items() if key not in queued}
    by_week: dict[IsoWeek, list[int]] = {}
    for team_id, week in due.values():
        by_week.setdefault(week, []).append(team_id)
    for week, ids in by_week.items():
        for team_id, result in zip(ids, build_digests(env, ids, week), strict=True):
            _queue(env, f"digest:{team_id}:{week}", team_id, result)
    return len(due)


def _queue(env: Env, key: str, team_id: int, result: Digest) -> None:
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        team = session.get_one(Team, team_id)
        manager = session.get_one(Person, team.manager_id)
        sent = outbox.enqueue(
            session,
            key=key,
            platform=manager.platform,
            workspace_id=manager.workspace_id,
            recipient=manager.user_id,
            kind="digest",
            payload=as_payload(result),
            now=now,
        )
        if sent and team.channel_ref:
            shared = result if env.settings.digest.share_detail_in_channel else _totals(result)
            outbox.enqueue(
                session,
                key=f"{key}:channel",
                platform=team.platform,
                workspace_id=team.workspace_id,
                recipient=team.channel_ref,
                kind="digest_summary",
                payload=as_payload(shared),
                now=now,
            )


def _totals(result: Digest) -> Digest:
    """The digest without per-person detail: for the team's channel, unless configured."""
    return Digest(**{**result.__dict__, "at_risk": (), "most_thanked": ()})


def as_payload(result: Digest) -> dict[str, Any]:
    """The digest as JSON values, for an outbox row (rendered when it is delivered)."""

    def plain(value: Any) -> Any:
        if isinstance(value, datetime):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    return plain(asdict(result))  # type: ignore[no-any-return]


def from_payload(payload: dict[str, Any]) -> Digest:
    """The digest an outbox row carries (see `as_payload`)."""
    when = datetime.fromisoformat
    return Digest(
        team=payload["team"],
        week=payload["week"],
        start=when(payload["start"]),
        end=when(payload["end"]),
        zone=payload["zone"],
        so_far=payload["so_far"],
        now=when(payload["now"]),
        counts=WeekCounts(**payload["counts"]),
        trend=tuple(WeekTrend(t["week"], WeekCounts(**t["counts"])) for t in payload["trend"]),
        at_risk=tuple(AtRisk(**{**r, "due_at": when(r["due_at"])}) for r in payload["at_risk"]),
        kudos_given=payload["kudos_given"],
        kudos_received=payload["kudos_received"],
        kudos_by_value=tuple((v, n) for v, n in payload["kudos_by_value"]),
        most_thanked=tuple((name, n) for name, n in payload["most_thanked"]),
    )


def team_named(env: Env, name: str) -> int:
    """The id of the team with this name (the command line's `--team`)."""
    with env.db.unit_of_work() as session:
        team_id = session.scalar(select(Team.id).where(Team.name == name).order_by(Team.id))
    if team_id is None:
        raise KeptError(f"There is no team called {name}. A manager makes one: {TEAM_EXAMPLE}")
    return team_id


def managers_of(session: Session, people: Iterable[Person]) -> dict[int, str]:
    """Each person's manager: the manager of their first team (the oldest) that someone else
    manages, as a user id, by person id; people on no such team are left out."""
    ids = {person.id for person in people}
    if not ids:
        return {}
    manager = aliased(Person)
    rows = session.execute(
        select(TeamMember.person_id, manager.user_id)
        .join(Team, Team.id == TeamMember.team_id)
        .join(manager, manager.id == Team.manager_id)
        .where(TeamMember.person_id.in_(ids), Team.manager_id != TeamMember.person_id)
        .order_by(Team.id)
    )
    found: dict[int, str] = {}
    for person_id, user_id in rows:
        found.setdefault(person_id, user_id)
    return found


# --- the parts ---------------------------------------------------------------------------
def _member(env: Env, directory: Directory, mention: str) -> Person:
    ref = directory.user_id(mention)
    if ref is None:
        raise KeptError(f"I don't know {mention} here. Mention them with @.", TEAM_EXAMPLE)
    person = known_person(env, directory, ref)
    if person.is_bot:
        raise KeptError(f"{mention} is a bot: a team is people.", TEAM_EXAMPLE)
    return person


def _managed(session: Session, manager: Person) -> Team | None:
    return session.scalars(
        select(Team)
        .where(Team.manager_id == manager.id)
        .order_by(Team.id)
        .limit(1)
        .options(selectinload(Team.members))
    ).first()


def _new_team(session: Session, manager: Person, now: datetime) -> Team:
    """A manager's team is named after them; after their user id too if the name is taken."""
    name = manager.display_name
    taken = session.scalar(
        select(Team.id).where(
            Team.platform == manager.platform,
            Team.workspace_id == manager.workspace_id,
            Team.name == name,
        )
    )
    team = Team(
        platform=manager.platform,
        workspace_id=manager.workspace_id,
        name=f"{name}-{manager.user_id}" if taken else name,
        manager_id=manager.id,
        created_at=now,
    )
    team.members = []
    session.add(team)
    return team


def _view(session: Session, team: Team, change: str, changed: tuple[Named, ...]) -> TeamView:
    members = session.scalars(
        select(Person)
        .join(TeamMember, TeamMember.person_id == Person.id)
        .where(TeamMember.team_id == team.id)
        .order_by(Person.display_name)
    ).all()
    manager = session.get_one(Person, team.manager_id)
    return TeamView(
        team.name,
        _named(manager),
        tuple(_named(m) for m in members),
        team.channel_ref,
        change,
        changed,
    )


def _named(person: Person) -> Named:
    return Named(person.display_name, person.user_id)
