"""The weekly digest: how a manager's team kept its word and thanked each other, week by week
(the numbers: bot/domain/digest.py; the scheduled one: bot/jobs/queue_digests.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from bot.domain.digest import TEAM_EXAMPLE, IsoWeek, WeekCounts, read_week, trend_weeks
from bot.domain.errors import KeptError
from bot.services.directory import Directory, known_person
from bot.services.env import Env
from bot.services.replies.digest import AtRisk, Digest, WeekTrend
from bot.services.teams import NO_TEAM, managed
from bot.store import digest_queries
from bot.store.models import Person, Team

# The digest names at most this many of the most thanked.
MOST_THANKED = 3


def show(env: Env, directory: Directory, actor_ref: str, words: str) -> Digest:
    """`/digest` (this week so far), `/digest last-week`, `/digest 2026-W45`: the runner's team."""
    return build_digest(env, *asked_week(env, directory, actor_ref, words))


def asked_week(env: Env, directory: Directory, actor_ref: str, words: str) -> tuple[int, IsoWeek]:
    """The team the person manages, and the week their words name, in their zone."""
    manager = known_person(env, directory, actor_ref)
    week, _ = read_week(words, env.clock.now(), manager.timezone)
    with env.db.unit_of_work() as session:
        team = managed(session, manager)
        if team is None:
            raise KeptError(NO_TEAM, TEAM_EXAMPLE)
        return team.id, week


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
