"""A week's promises as a table, for the CSV a manager opens in a spreadsheet."""

from __future__ import annotations

from bot.domain.digest import IsoWeek
from bot.services.digest import asked_week
from bot.services.directory import Directory
from bot.services.env import Env
from bot.services.replies.digest import DigestCsv, DigestRow
from bot.store import digest_queries
from bot.store.models import Person, Team


def csv_of(env: Env, directory: Directory, actor_ref: str, words: str) -> DigestCsv:
    """`/digest csv` (this week so far), `/digest csv last-week`, `/digest csv 2026-W45`."""
    return week_csv(env, *asked_week(env, directory, actor_ref, words))


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
