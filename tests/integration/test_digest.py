"""The digest as a manager asks for it: a team made with `/digest team …`, the week's numbers,
the trend, what is at risk next week, the team's kudos, and escalations that reach the team's
manager. On SQLite and PostgreSQL, in the hand-built week of test_digest_queries.py.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.bootstrap import Kept
from bot.clock import FixedClock
from bot.domain.commands import Topic, parse_command
from bot.domain.digest import WeekCounts
from bot.domain.people import Profile
from bot.jobs.queue_digests import queue_digests
from bot.jobs.scheduler import run_once
from bot.jobs.sync_configured_teams import sync_configured_teams
from bot.services import chat, kudos, nudges
from bot.services.directory import known_person
from bot.services.outbox import ChannelDigest, TeamDigest, decode
from bot.services.replies import Refusal, Reply
from bot.services.replies.digest import Digest, DigestCsv
from bot.services.replies.teams import TeamView
from bot.store.models import OutboxMessage, Team
from tests.fakes.directory import FakeDirectory
from tests.integration.conftest import KeptWith
from tests.integration.test_digest_queries import ANA, BO, CY, DEE, PEOPLE, at, make_week

HAND_BUILT_WEEK = WeekCounts(
    kept_on_time=2,
    kept_late=2,
    renegotiated_early=3,
    renegotiated_late=1,
    broken=1,
    cancelled=1,
    not_yet_due=1,
    warned=2,
    median_delay_seconds=32.5 * 3600,
)


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory(PEOPLE)


def digest(kept: Kept, directory: FakeDirectory, who: str, words: str) -> Reply:
    """What `/digest <words>` answers the person."""
    return chat.handle(kept, directory, who, parse_command(Topic.DIGEST, words))


def make_team(kept: Kept, directory: FakeDirectory, manager: str, *members: str) -> None:
    """Given: `manager` asked `members` onto their team, and each said yes."""
    digest(kept, directory, manager, "team add " + " ".join(f"<@{m}>" for m in members))
    for member in members:
        joined = digest(kept, directory, member, f"team join <@{manager}>")
        assert isinstance(joined, TeamView) and joined.change == "joined"


def test_a_manager_makes_a_team_changes_it_and_names_its_channel(
    kept: Kept, directory: FakeDirectory
) -> None:
    added = digest(kept, directory, ANA, f"team add <@{BO}> <@{CY}|cy>")
    for member in (BO, CY):
        digest(kept, directory, member, f"team join <@{ANA}>")
    removed = digest(kept, directory, ANA, f"team remove <@{CY}>")
    channel = digest(kept, directory, ANA, "team channel <#C0TEAM|team-results>")
    shown = digest(kept, directory, ANA, "team show")

    assert isinstance(added, TeamView)
    assert (added.change, added.members, [m.name for m in added.invited]) == (
        "invited",
        (),
        ["bo", "cy"],
    )
    assert isinstance(removed, TeamView)
    assert [m.name for m in removed.members] == ["bo"]
    assert isinstance(channel, TeamView)
    assert channel.channel_ref == "C0TEAM"
    assert shown == TeamView("ana", added.manager, removed.members, "C0TEAM", "shown")


def test_a_person_may_be_on_several_teams(kept: Kept, directory: FakeDirectory) -> None:
    make_team(kept, directory, ANA, BO, CY)
    make_team(kept, directory, DEE, CY)
    dees = digest(kept, directory, DEE, "team show")

    assert isinstance(dees, TeamView)
    assert (dees.name, [m.name for m in dees.members]) == ("dee", ["cy"])


def test_someone_without_a_team_is_told_how_to_make_one(
    kept: Kept, directory: FakeDirectory
) -> None:
    assert digest(kept, directory, ANA, "") == Refusal(
        "You have no team yet. Add the people you manage.", "/digest team add @ana @raj"
    )
    assert digest(kept, directory, ANA, "team add <@U0NOBODY>") == Refusal(
        "I don't know <@U0NOBODY> here. Mention them with @.", "/digest team add @ana @raj"
    )


def test_the_digest_of_a_week_counts_the_teams_promises_and_kudos(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_team(kept, directory, ANA, BO, CY)
    clock.set(at(4, 12))
    kudos.give(kept, directory, BO, f"<@{CY}> for the review #teamwork", channel_ref="C0")
    kudos.give(kept, directory, DEE, f"<@{BO}> for the data #teamwork #empathy", channel_ref="C0")
    kudos.give(kept, directory, CY, f"<@{DEE}> for the coffee", channel_ref="C0")
    make_week(kept, directory, clock)

    week = digest(kept, directory, ANA, "2026-W45")

    assert isinstance(week, Digest)
    assert (week.week, week.so_far, week.zone) == ("2026-W45", True, "America/New_York")
    assert week.counts == HAND_BUILT_WEEK
    assert [t.week for t in week.trend] == [f"2026-W{n}" for n in range(38, 46)]
    assert week.trend[-2].counts == WeekCounts(broken=1)  # Sunday 23:00 in New York, W44
    # Next week: E and G, moved and still open; not the promise due Monday 00:00, never nudged.
    assert [(r.owner, r.renegotiated) for r in week.at_risk] == [("bo", True), ("cy", True)]
    # Given by the team: Bo's and Cy's; received: Cy's from Bo, Bo's from Dee.
    assert (week.kudos_given, week.kudos_received) == (2, 2)
    assert week.kudos_by_value == (("teamwork", 2), ("empathy", 1))
    assert week.most_thanked == (("bo", 1), ("cy", 1))


def test_last_week_is_the_week_before_in_the_managers_zone(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_team(kept, directory, ANA, BO)
    make_week(kept, directory, clock)
    clock.set(at(9, 4))  # Sunday 23:00 in New York: still W45 there

    this_week = digest(kept, directory, ANA, "")
    clock.set(at(9, 6))  # Monday 01:00 in New York
    last_week = digest(kept, directory, ANA, "last-week")

    assert isinstance(this_week, Digest)
    assert isinstance(last_week, Digest)
    assert (this_week.week, this_week.so_far) == ("2026-W45", True)
    assert (last_week.week, last_week.so_far) == ("2026-W45", False)
    assert last_week.counts.kept_on_time == 1


def test_a_week_not_begun_is_refused(kept: Kept, directory: FakeDirectory) -> None:
    make_team(kept, directory, ANA, BO)

    reply = digest(kept, directory, ANA, "2027-W01")

    assert reply == Refusal("2027-W01 hasn't started yet. Ask for this week or one before.")


@pytest.mark.parametrize(
    ("owner", "manager"),
    [(BO, ANA), (CY, ANA), (DEE, "U0BOSS")],
    ids=["on a team", "on two teams: the oldest", "on none: the settings"],
)
def test_escalations_go_to_the_team_manager_before_the_settings(
    kept_with: KeptWith, directory: FakeDirectory, owner: str, manager: str
) -> None:
    kept = kept_with(f'[nudges]\nmanagers = {{ {DEE} = "U0BOSS", {BO} = "U0BOSS" }}')
    make_team(kept, directory, ANA, BO, CY)
    make_team(kept, directory, DEE, CY)

    person = known_person(kept, directory, owner)
    with kept.db.unit_of_work() as session:
        assert nudges.managers(kept, session, [person]) == {person.id: manager}


def test_someone_asked_onto_a_team_counts_nowhere_until_they_say_yes(
    kept_with: KeptWith, directory: FakeDirectory, clock: FixedClock
) -> None:
    """Naming someone is not managing them: their promises reach no digest, and their
    escalations no manager, until they join; they may leave whenever they like."""
    kept = kept_with(f'[nudges]\nmanagers = {{ {BO} = "U0BOSS" }}')
    asked = digest(kept, directory, DEE, f"team add <@{BO}>")  # Dee is not Bo's manager
    make_week(kept, directory, clock)
    bo = known_person(kept, directory, BO)

    week = digest(kept, directory, DEE, "2026-W45")
    with kept.db.unit_of_work() as session:
        managers = nudges.managers(kept, session, [bo])
        [invite] = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "team_invite"))

    assert isinstance(asked, TeamView) and asked.change == "invited"
    assert isinstance(week, Digest) and week.counts == WeekCounts()
    assert managers == {bo.id: "U0BOSS"}  # the settings' manager, not Dee
    assert (invite.recipient, invite.payload["manager_ref"]) == (BO, DEE)

    left = digest(kept, directory, BO, f"team leave <@{DEE}>")
    shown = digest(kept, directory, DEE, "team show")

    assert isinstance(left, TeamView) and left.change == "left"
    assert isinstance(shown, TeamView) and (shown.members, shown.invited) == ((), ())


def test_the_same_team_add_at_once_makes_one_team_and_answers_each(
    kept: Kept, directory: FakeDirectory
) -> None:
    digest(kept, directory, ANA, "team show")  # everyone known before the race
    for person in (BO, CY):
        known_person(kept, directory, person)

    with ThreadPoolExecutor(6) as pool:
        answers = list(
            pool.map(lambda _: digest(kept, directory, ANA, f"team add <@{BO}> <@{CY}>"), range(6))
        )

    assert all(isinstance(answer, TeamView) for answer in answers), answers
    with kept.db.unit_of_work() as session:
        assert len(session.scalars(select(Team)).all()) == 1


def test_joins_and_leaves_at_once_each_get_an_answer(kept: Kept, directory: FakeDirectory) -> None:
    digest(kept, directory, ANA, f"team add <@{BO}>")
    said = [f"team {'join' if n % 2 else 'leave'} <@{ANA}>" for n in range(8)]

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda words: digest(kept, directory, BO, words), said))

    assert all(isinstance(answer, TeamView | Refusal) for answer in answers), answers


def test_only_someone_asked_may_join_a_team(kept: Kept, directory: FakeDirectory) -> None:
    make_team(kept, directory, ANA, BO)

    joined = digest(kept, directory, CY, f"team join <@{ANA}>")
    no_team = digest(kept, directory, CY, f"team leave <@{DEE}>")

    assert joined == Refusal("You're not asked onto ana's team, so there is nothing to join.", None)
    assert isinstance(no_team, Refusal) and "nothing to leave" in no_team.reason


def test_the_weeks_csv_lists_each_promise_with_the_outcome_the_counts_gave_it(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    make_team(kept, directory, ANA, BO, CY)
    make_week(kept, directory, clock)

    table = digest(kept, directory, ANA, "csv 2026-W45")

    assert isinstance(table, DigestCsv)
    # Made in the order A to K (J cancelled, I and K open); by first due time, then made first.
    assert [(r.owner, r.outcome, r.warned, r.delay_seconds) for r in table.rows] == [
        ("bo", "kept_on_time", False, None),  # A
        ("cy", "kept_on_time", False, None),  # B
        ("bo", "kept_late", False, 3 * 3600),  # C
        ("cy", "kept_late", False, 24 * 3600),  # D, Acme never told
        ("bo", "renegotiated_early", True, None),  # E
        ("bo", "renegotiated_early", True, 43 * 3600),  # F, Globex told early
        ("cy", "renegotiated_early", False, None),  # G, Initech never told
        ("cy", "renegotiated_late", False, 41 * 3600),  # H
        ("bo", "broken", False, None),  # I
        ("cy", "cancelled", False, None),  # J
        ("bo", "not_yet_due", False, None),  # K
    ]
    assert table.rows[3].customer == "Acme"
    assert table.rows[0].counterpart == "dee"


# --- the weekly delivery ----------------------------------------------------------------------
def queued(kept: Kept) -> list[tuple[str, str, str]]:
    """The digests in the outbox: (key, kind, to whom)."""
    with kept.db.unit_of_work() as session:
        rows = session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.kind.in_(("digest", "digest_summary")))
            .order_by(OutboxMessage.id)
        ).all()
        return [(row.key, row.kind, row.recipient) for row in rows]


def test_each_manager_gets_last_weeks_digest_at_monday_nine_in_their_own_zone_once(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 11, 11, 12, 0, tzinfo=UTC))  # the teams are made on Wednesday
    kolkata = digest(kept, directory, CY, f"team add <@{DEE}>")  # Cy manages from Kolkata
    new_york = digest(kept, directory, ANA, f"team add <@{BO}>")
    digest(kept, directory, ANA, "team channel <#C0TEAM|team>")
    assert isinstance(kolkata, TeamView) and isinstance(new_york, TeamView)
    monday = datetime(2026, 11, 16, 3, 29, tzinfo=UTC)  # 08:59 in Kolkata, Sunday in New York

    clock.set(monday)
    run_once(kept.jobs())
    assert queued(kept) == []

    clock.set(monday + timedelta(minutes=1))  # 09:00 in Kolkata
    run_once(kept.jobs())
    clock.set(monday + timedelta(minutes=2))
    run_once(kept.jobs())
    assert queued(kept) == [("digest:1:2026-W46", "digest", CY)]

    clock.set(datetime(2026, 11, 16, 14, 0, tzinfo=UTC))  # 09:00 in New York
    run_once(kept.jobs())
    clock.set(datetime(2026, 11, 17, 14, 0, tzinfo=UTC))  # and the day after
    run_once(kept.jobs())
    assert queued(kept)[1:] == [
        ("digest:2:2026-W46", "digest", ANA),
        ("digest:2:2026-W46:channel", "digest_summary", "C0TEAM"),
    ]


def test_a_digest_missed_while_kept_was_down_waits_for_a_working_day_and_the_newest_week(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    """Kept was down from Monday 23 November until Sunday 29 November, 10:00 in New York:
    W47's digest (due Monday 23rd) is not sent on a Sunday; on Monday the 30th it is replaced
    by W48's, due then."""
    clock.set(datetime(2026, 11, 11, 12, 0, tzinfo=UTC))
    digest(kept, directory, ANA, f"team add <@{BO}>")  # Ana manages from New York
    digest(kept, directory, ANA, "team channel <#C0TEAM|team>")

    sunday = datetime(2026, 11, 29, 15, 0, tzinfo=UTC)
    clock.set(sunday)
    run_once(kept.jobs())
    waiting = {row.key: row for row in digest_rows(kept)}
    assert set(waiting) == {"digest:1:2026-W47", "digest:1:2026-W47:channel"}
    monday_nine = datetime(2026, 11, 30, 14, 0, tzinfo=UTC)  # 09:00 in New York
    assert {row.deliver_after for row in waiting.values()} == {monday_nine}

    clock.set(monday_nine)
    run_once(kept.jobs())
    status = {row.key: row.status for row in digest_rows(kept)}
    assert status == {
        "digest:1:2026-W47": "withdrawn",
        "digest:1:2026-W47:channel": "withdrawn",
        "digest:1:2026-W48": "pending",  # to go out now (no sender in these stories)
        "digest:1:2026-W48:channel": "pending",
    }


def digest_rows(kept: Kept) -> list[OutboxMessage]:
    with kept.db.unit_of_work() as session:
        return list(
            session.scalars(
                select(OutboxMessage).where(OutboxMessage.kind.in_(("digest", "digest_summary")))
            )
        )


def test_the_scheduled_digest_carries_the_week_just_ended_and_the_channel_names_no_one(
    kept: Kept, directory: FakeDirectory, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 10, 30, 12, 0, tzinfo=UTC))  # the team is made the week before
    make_team(kept, directory, ANA, BO, CY)
    digest(kept, directory, ANA, "team channel <#C0TEAM|team>")
    make_week(kept, directory, clock)
    clock.set(datetime(2026, 11, 9, 14, 0, tzinfo=UTC))  # Monday 09:00 in New York

    assert queue_digests(kept) == 1

    with kept.db.unit_of_work() as session:
        rows = {
            row.kind: decode(row.kind, row.payload)
            for row in session.scalars(
                select(OutboxMessage).where(OutboxMessage.key.like("digest:%"))
            )
        }
    manager, channel = rows["digest"], rows["digest_summary"]
    assert isinstance(manager, TeamDigest) and isinstance(channel, ChannelDigest)
    assert manager.week == "2026-W45"
    assert manager.so_far is False
    assert manager.counts == replace(HAND_BUILT_WEEK, broken=2, not_yet_due=0)
    assert [r.owner for r in manager.at_risk] == ["bo", "cy"]
    assert channel.counts == manager.counts
    assert (channel.at_risk, channel.most_thanked) == ((), ())


def test_teams_an_admin_set_up_in_the_settings_come_into_being_once(
    kept_with: KeptWith,
) -> None:
    names = (("U0BOSS", "boss"), ("U0ANA", "ana"), ("U0RAJ", "raj"))
    directory = FakeDirectory({uid: Profile(name, "Europe/London") for uid, name in names})
    kept = kept_with(
        '[digest]\nteams = [{ manager = "U0BOSS", members = ["U0ANA", "U0RAJ"],'
        ' channel = "C0RES" }]'
    )

    assert sync_configured_teams(kept, directory) == 1
    assert sync_configured_teams(kept, directory) == 1  # a job: every run after changes nothing

    with kept.db.unit_of_work() as session:
        [team] = session.scalars(select(Team)).all()
        members = sorted(m.person_id for m in team.members)
        assert team.channel_ref == "C0RES"
        assert len(members) == 2
        assert team.manager_id not in members
