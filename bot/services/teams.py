"""Teams: the people a manager manages, their channel, and whom a person's escalations go to."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, aliased, selectinload

from bot.domain.digest import TEAM_EXAMPLE, read_team
from bot.domain.errors import KeptError
from bot.services.directory import Directory, known_person
from bot.services.env import Env
from bot.services.outbox import TeamInvite
from bot.services.replies.kudos import Named
from bot.services.replies.teams import TeamView
from bot.store import outbox, people
from bot.store.models import Person, Team, TeamMember

NO_TEAM = "You have no team yet. Add the people you manage."


def team_command(
    env: Env, directory: Directory, actor_ref: str, words: str, *, by_admin: bool = False
) -> TeamView:
    """`/digest team add @a @b`, `remove @a`, `show`, `channel #x`: the runner's own team;
    `join @manager`, `leave @manager`: someone else's. A person is asked before they are on a
    team (their manager would see their promises), unless an admin's settings put them there
    (`by_admin`)."""
    asked = read_team(words)
    actor = known_person(env, directory, actor_ref)
    named = [_member(env, directory, mention) for mention in asked.mentions]
    if asked.action in {"join", "leave"}:
        return _membership(env, actor, named[0], joining=asked.action == "join")
    now = env.clock.now()
    with env.db.unit_of_work() as session:
        people.lock(session, actor)  # one change to a team at a time: two `add`s would both make it
        team = managed(session, actor)
        if team is None and asked.action != "add":
            raise KeptError(NO_TEAM, TEAM_EXAMPLE)
        if team is None:
            team = _new_team(session, actor, now)
        change = {"add": "added", "remove": "removed", "show": "shown"}.get(
            asked.action, asked.action
        )
        if asked.action == "add":
            change = _add(session, team, actor, named, now, by_admin=by_admin)
        elif asked.action == "remove":
            gone = {p.id for p in named}
            team.members[:] = [m for m in team.members if m.person_id not in gone]
        elif asked.action == "channel":
            team.channel_ref = asked.channel
        session.flush()
        return _view(session, team, change, tuple(_named(p) for p in named))


def _add(
    session: Session,
    team: Team,
    manager: Person,
    named: list[Person],
    now: datetime,
    *,
    by_admin: bool,
) -> str:
    """Put people on the team: at once when an admin says so or it is the manager, else ask
    each one newly named (a message they answer with join or leave): "invited", "added", or
    "shown" when everyone named was on it, or asked, already."""
    known = {m.person_id for m in team.members}
    asked = added = False
    for person in named:
        if person.id in known:
            continue
        joins = by_admin or person.id == manager.id
        team.members.append(TeamMember(person_id=person.id, joined_at=now if joins else None))
        added = added or joins
        if not joins:
            asked = True
            outbox.enqueue(
                session,
                key=f"team-invite:{team.id}:{person.id}:{now.isoformat()}",
                platform=person.platform,
                workspace_id=person.workspace_id,
                recipient=person.user_id,
                payload=TeamInvite(manager.display_name, manager.user_id),
                now=now,
            )
    return "invited" if asked else "added" if added else "shown"  # "shown": all were there


def _membership(env: Env, person: Person, manager: Person, *, joining: bool) -> TeamView:
    """`person` says yes to the team `manager` asked them to join, or leaves it (asked or
    joined: a person may leave any team, whoever put them there)."""
    with env.db.unit_of_work() as session:
        people.lock(session, manager)  # one change to a team at a time: a join racing a leave
        team = managed(session, manager)
        mine = next((m for m in team.members if m.person_id == person.id), None) if team else None
        if team is None or mine is None:
            raise KeptError(
                f"You're not asked onto {manager.display_name}'s team, so there is nothing to"
                f" {'join' if joining else 'leave'}.",
            )
        if joining and mine.joined_at is None:
            mine.joined_at = env.clock.now()
        elif not joining:
            team.members.remove(mine)
        session.flush()
        return _view(session, team, "joined" if joining else "left", (_named(person),))


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
    found: dict[int, str] = {}
    for person_id, user_id in session.execute(_MANAGERS, {"ids": list(ids)}):
        found.setdefault(person_id, user_id)
    return found


# Built once: every promise made asks it (its nudge plan escalates to a manager, or not).
_MANAGER = aliased(Person)
_MANAGERS = (
    select(TeamMember.person_id, _MANAGER.user_id)
    .join(Team, Team.id == TeamMember.team_id)
    .join(_MANAGER, _MANAGER.id == Team.manager_id)
    .where(
        TeamMember.person_id.in_(bindparam("ids", expanding=True)),
        TeamMember.joined_at.is_not(None),
        Team.manager_id != TeamMember.person_id,
    )
    .order_by(Team.id)
)


def managed(session: Session, manager: Person) -> Team | None:
    return session.scalars(
        select(Team)
        .where(Team.manager_id == manager.id)
        .order_by(Team.id)
        .limit(1)
        .options(selectinload(Team.members))
    ).first()


# --- the parts ---------------------------------------------------------------------------
def _member(env: Env, directory: Directory, mention: str) -> Person:
    ref = directory.user_id(mention)
    if ref is None:
        raise KeptError(f"I don't know {mention} here. Mention them with @.", TEAM_EXAMPLE)
    person = known_person(env, directory, ref)
    if person.is_bot:
        raise KeptError(f"{mention} is a bot: a team is people.", TEAM_EXAMPLE)
    return person


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
    rows = session.execute(
        select(Person, TeamMember.joined_at)
        .join(TeamMember, TeamMember.person_id == Person.id)
        .where(TeamMember.team_id == team.id)
        .order_by(Person.display_name)
    ).all()
    manager = session.get_one(Person, team.manager_id)
    return TeamView(
        team.name,
        _named(manager),
        tuple(_named(person) for person, joined in rows if joined is not None),
        team.channel_ref,
        change,
        changed,
        tuple(_named(person) for person, joined in rows if joined is None),
    )


def _named(person: Person) -> Named:
    return Named(person.display_name, person.user_id)
