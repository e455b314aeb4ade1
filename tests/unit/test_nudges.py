"""The nudge plan, as stories: when a promise's owner hears from Kept, in their own working day.

raj works in Kolkata (no daylight saving) and ana in New York; both work 09:00–17:00, Monday to
Friday, unless a story says otherwise. Most promises are made on Tuesday 24 November 2026 and
are due on Friday 27 November at 15:00 their time. Times are written as the owner reads them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from bot.domain.nudges import ORDER, NudgePlan, Stage, Step, Subject, after, schedule, step
from bot.domain.working_hours import WorkingHours
from tests.fakes.wall_clock import KOLKATA, NEW_YORK, as_read, local_time

OWNERS = pytest.mark.parametrize("zone", [KOLKATA, NEW_YORK], ids=["raj-kolkata", "ana-new-york"])

PLAN = NudgePlan()  # config/kept.toml's: heads-up, final check 2h before, deadline, overdue, 2 days
HOURS = WorkingHours()  # 09:00–17:00, Monday to Friday, no holidays
BEFORE_THE_DEADLINE = {Stage.HEADS_UP, Stage.FINAL_CHECK}

Shown = list[tuple[str, str]]


def shown(nudges: list[tuple[Stage, datetime]], zone: str) -> Shown:
    """Each nudge as its owner reads the time: `("heads_up", "Thu 26 Nov 09:00")`."""
    return [(str(stage), as_read(at, zone)) for stage, at in nudges]


def nudges_for(
    zone: str,
    due: str,
    made: str = "Tue 24 Nov 10:00",
    *,
    manager: bool = False,
    plan: NudgePlan = PLAN,
    hours: WorkingHours = HOURS,
) -> list[tuple[Stage, datetime]]:
    subject = Subject(local_time(zone, made), local_time(zone, due), ZoneInfo(zone), manager)
    return schedule(subject, plan, hours)


def plan_of(
    zone: str,
    due: str,
    made: str = "Tue 24 Nov 10:00",
    *,
    manager: bool = False,
    plan: NudgePlan = PLAN,
    hours: WorkingHours = HOURS,
) -> Shown:
    """The plan of a promise due at `due` and made at `made`, both in the owner's `zone`."""
    nudges = nudges_for(zone, due, made, manager=manager, plan=plan, hours=hours)
    return shown(nudges, zone)


# --- the whole plan --------------------------------------------------------------------------


@OWNERS
def test_a_promise_due_friday_3pm_is_nudged_at_the_owners_own_times(zone: str) -> None:
    assert plan_of(zone, "Fri 27 Nov 15:00") == [
        ("heads_up", "Thu 26 Nov 09:00"),  # the working day before, first thing
        ("final_check", "Fri 27 Nov 13:00"),  # two hours before: on track?
        ("at_deadline", "Fri 27 Nov 15:00"),  # did you deliver it?
        ("overdue", "Mon 30 Nov 09:00"),  # the next working morning, after the weekend
    ]


@pytest.mark.parametrize(
    ("zone", "heads_up", "overdue"),
    [
        (
            KOLKATA,
            datetime(2026, 11, 26, 3, 30, tzinfo=UTC),
            datetime(2026, 11, 30, 3, 30, tzinfo=UTC),
        ),
        (
            NEW_YORK,
            datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
            datetime(2026, 11, 30, 14, 0, tzinfo=UTC),
        ),
    ],
    ids=["raj-kolkata", "ana-new-york"],
)
def test_nine_in_the_morning_is_a_different_instant_for_raj_and_for_ana(
    zone: str, heads_up: datetime, overdue: datetime
) -> None:
    nudges = dict(nudges_for(zone, "Fri 27 Nov 15:00"))

    assert (nudges[Stage.HEADS_UP], nudges[Stage.OVERDUE]) == (heads_up, overdue)


@OWNERS
def test_with_a_manager_the_plan_ends_with_word_to_them_two_working_days_later(zone: str) -> None:
    assert plan_of(zone, "Fri 27 Nov 15:00", manager=True)[-2:] == [
        ("overdue", "Mon 30 Nov 09:00"),
        ("escalation", "Tue 1 Dec 09:00"),  # Friday + two working days
    ]


# --- nudges that would fall outside working hours ---------------------------------------------


@OWNERS
@pytest.mark.parametrize(
    ("due", "made", "before"),
    [
        pytest.param(
            "Wed 25 Nov 10:00",
            "Mon 23 Nov 10:00",
            [("heads_up", "Tue 24 Nov 09:00"), ("final_check", "Tue 24 Nov 16:30")],
            id="wednesday-10am",
        ),
        pytest.param(
            "Mon 30 Nov 09:30",
            "Tue 24 Nov 10:00",
            [("heads_up", "Fri 27 Nov 09:00"), ("final_check", "Fri 27 Nov 16:30")],
            id="monday-9-30-after-a-weekend",
        ),
    ],
)
def test_a_final_check_before_the_working_day_comes_at_the_last_slot_of_the_day_before(
    zone: str, due: str, made: str, before: Shown
) -> None:
    assert plan_of(zone, due, made)[:2] == before


@OWNERS
@pytest.mark.parametrize(
    ("due", "expected"),
    [
        pytest.param(
            "Fri 27 Nov 19:00",
            [
                ("heads_up", "Thu 26 Nov 09:00"),
                ("final_check", "Fri 27 Nov 16:30"),  # 17:00 is after hours: the last slot
                ("at_deadline", "Mon 30 Nov 09:00"),
                ("overdue", "Tue 1 Dec 09:00"),
            ],
            id="friday-7pm",
        ),
        pytest.param(
            "Wed 25 Nov 17:00",  # "by end of day": working hours end at 17:00
            [
                ("heads_up", "Tue 24 Nov 09:00"),
                ("final_check", "Wed 25 Nov 15:00"),
                ("at_deadline", "Thu 26 Nov 09:00"),
                ("overdue", "Fri 27 Nov 09:00"),
            ],
            id="wednesday-end-of-day",
        ),
        pytest.param(
            "Sat 28 Nov 12:00",
            [
                ("heads_up", "Fri 27 Nov 09:00"),
                ("final_check", "Fri 27 Nov 16:30"),
                ("at_deadline", "Mon 30 Nov 09:00"),
                ("overdue", "Tue 1 Dec 09:00"),
            ],
            id="saturday-noon",
        ),
    ],
)
def test_the_deadlines_question_after_hours_waits_for_the_next_working_morning(
    zone: str, due: str, expected: Shown
) -> None:
    assert plan_of(zone, due, "Mon 23 Nov 10:00") == expected


def test_a_holiday_is_skipped_like_a_weekend() -> None:
    thanksgiving, the_monday_after = date(2026, 11, 26), date(2026, 11, 30)
    hours = WorkingHours(holidays=frozenset({thanksgiving, the_monday_after}))

    assert plan_of(NEW_YORK, "Fri 27 Nov 15:00", manager=True, hours=hours) == [
        ("heads_up", "Wed 25 Nov 09:00"),  # Thursday is a holiday
        ("final_check", "Fri 27 Nov 13:00"),
        ("at_deadline", "Fri 27 Nov 15:00"),
        ("overdue", "Tue 1 Dec 09:00"),  # so is Monday
        ("escalation", "Wed 2 Dec 09:00"),  # two working days after Friday: Tuesday, Wednesday
    ]


def test_the_companys_own_working_week_decides_which_days_are_working_days() -> None:
    sunday_to_thursday = WorkingHours(days=frozenset({6, 0, 1, 2, 3}))

    assert plan_of(KOLKATA, "Sun 29 Nov 11:00", hours=sunday_to_thursday) == [
        ("heads_up", "Thu 26 Nov 09:00"),  # Friday and Saturday are the weekend here
        ("final_check", "Sun 29 Nov 09:00"),  # Sunday is a working day here
        ("at_deadline", "Sun 29 Nov 11:00"),
        ("overdue", "Mon 30 Nov 09:00"),
    ]


def test_across_a_daylight_saving_change_nudges_stay_at_the_same_local_times() -> None:
    # New York leaves daylight saving time on Sunday 1 November 2026 (UTC-4, then UTC-5).
    nudges = nudges_for(NEW_YORK, "Mon 2 Nov 10:00", "Wed 28 Oct 10:00")

    assert shown(nudges, NEW_YORK) == [
        ("heads_up", "Fri 30 Oct 09:00"),
        ("final_check", "Fri 30 Oct 16:30"),  # 08:00 on Monday is before the working day
        ("at_deadline", "Mon 2 Nov 10:00"),
        ("overdue", "Tue 3 Nov 09:00"),
    ]
    assert [at.astimezone(UTC).hour for _, at in nudges] == [
        13,
        20,
        15,
        14,
    ]  # in UTC: the offset moved


# --- what the plan leaves out -----------------------------------------------------------------


@OWNERS
@pytest.mark.parametrize(
    ("made", "first"),
    [
        pytest.param("Thu 26 Nov 08:59", ("heads_up", "Thu 26 Nov 09:00"), id="just-before-it"),
        pytest.param("Thu 26 Nov 10:00", ("final_check", "Fri 27 Nov 13:00"), id="the-day-before"),
        pytest.param("Fri 27 Nov 14:00", ("at_deadline", "Fri 27 Nov 15:00"), id="an-hour-before"),
    ],
)
def test_a_promise_made_after_a_nudge_would_have_come_skips_that_nudge(
    zone: str, made: str, first: tuple[str, str]
) -> None:
    assert plan_of(zone, "Fri 27 Nov 15:00", made)[0] == first


def test_without_a_manager_there_is_no_one_to_escalate_to() -> None:
    stages = [stage for stage, _ in plan_of(KOLKATA, "Fri 27 Nov 15:00", manager=False)]

    assert "escalation" not in stages


def test_escalation_switched_off_never_tells_the_manager() -> None:
    never = NudgePlan(escalate_after_working_days=0)

    stages = [stage for stage, _ in plan_of(KOLKATA, "Fri 27 Nov 15:00", manager=True, plan=never)]

    assert stages == ["heads_up", "final_check", "at_deadline", "overdue"]


@OWNERS
@pytest.mark.parametrize(
    ("days", "escalation"),
    [(2, "Tue 1 Dec 09:00"), (3, "Wed 2 Dec 09:00"), (5, "Fri 4 Dec 09:00")],
)
def test_the_manager_hears_the_configured_working_days_after_the_deadline_day(
    zone: str, days: int, escalation: str
) -> None:
    plan = NudgePlan(escalate_after_working_days=days)

    nudges = plan_of(zone, "Fri 27 Nov 15:00", manager=True, plan=plan)

    assert nudges[-2:] == [("overdue", "Mon 30 Nov 09:00"), ("escalation", escalation)]


@OWNERS
def test_a_one_day_grace_period_still_tells_the_manager_after_the_owners_reminder(
    zone: str,
) -> None:
    # Friday's deadline, one working day of grace: the owner is reminded on Monday morning,
    # and their manager hears once that reminder has had its chance, not never.
    one_day = NudgePlan(escalate_after_working_days=1)

    nudges = dict(nudges_for(zone, "Fri 27 Nov 15:00", manager=True, plan=one_day))

    assert Stage.ESCALATION in nudges, "the manager is never told"
    assert nudges[Stage.ESCALATION] > nudges[Stage.OVERDUE]
    assert nudges[Stage.ESCALATION] >= local_time(zone, "Mon 30 Nov 09:00")


# --- the sweep's step: what to send now, and what to wait for --------------------------------


RAJ = Subject(
    local_time(KOLKATA, "Tue 24 Nov 10:00"),
    local_time(KOLKATA, "Fri 27 Nov 15:00"),
    ZoneInfo(KOLKATA),
    has_manager=True,
)


@pytest.fixture
def rajs_nudges() -> list[tuple[Stage, datetime]]:
    """raj's promise due Friday 15:00 in Kolkata; his manager is known."""
    return schedule(RAJ, PLAN, HOURS)


def rajs_step(nudges: list[tuple[Stage, datetime]], waiting: Stage, at: str) -> Step:
    """What the sweep does with raj's promise at `at`, his time."""
    return step(nudges, waiting, local_time(KOLKATA, at), RAJ, HOURS)


def test_before_any_nudge_is_due_there_is_nothing_to_send(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    planned = rajs_step(rajs_nudges, Stage.HEADS_UP, "Wed 25 Nov 12:00")

    assert planned.send is None
    assert planned.next == (Stage.HEADS_UP, local_time(KOLKATA, "Thu 26 Nov 09:00"))


def test_a_nudge_is_sent_at_its_time_and_the_next_one_is_waited_for(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    planned = rajs_step(rajs_nudges, Stage.FINAL_CHECK, "Fri 27 Nov 13:00")

    assert planned.send is Stage.FINAL_CHECK
    assert planned.next == (Stage.AT_DEADLINE, local_time(KOLKATA, "Fri 27 Nov 15:00"))


def test_after_an_outage_only_the_latest_due_nudge_is_sent(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    # The clock was down from Wednesday to Monday morning: a heads-up, a final check, the
    # deadline's question and the overdue reminder all came due. raj gets one message.
    planned = rajs_step(rajs_nudges, Stage.HEADS_UP, "Mon 30 Nov 10:00")

    assert planned.send is Stage.OVERDUE
    assert planned.next == (Stage.ESCALATION, local_time(KOLKATA, "Tue 1 Dec 09:00"))


def test_back_after_the_deadline_on_track_is_not_asked_the_deadlines_question_waits() -> None:
    # Due Friday 18:00, after hours: "did you deliver it?" is planned for Monday 09:00. Kept
    # was down from Thursday and is back at 04:17 on Saturday: "on track?" no longer fits.
    late = Subject(RAJ.created_at, local_time(KOLKATA, "Fri 27 Nov 18:00"), RAJ.tz, True)
    nudges = schedule(late, PLAN, HOURS)

    planned = step(nudges, Stage.FINAL_CHECK, local_time(KOLKATA, "Sat 28 Nov 04:17"), late, HOURS)

    assert planned.send is None
    assert planned.next == (Stage.AT_DEADLINE, local_time(KOLKATA, "Mon 30 Nov 09:00"))


def test_back_outside_working_hours_the_nudge_waits_for_them_and_fits_them_then(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    # "Did you deliver it?" was due Friday 15:00; Kept is back at 00:43 on Saturday.
    saturday = rajs_step(rajs_nudges, Stage.AT_DEADLINE, "Sat 28 Nov 00:43")
    monday = rajs_step(rajs_nudges, Stage.AT_DEADLINE, "Mon 30 Nov 09:00")

    assert (saturday.send, saturday.next) == (
        None,
        (Stage.AT_DEADLINE, local_time(KOLKATA, "Mon 30 Nov 09:00")),
    )
    assert monday.send is Stage.OVERDUE  # by Monday morning, the reminder is what fits


def test_after_the_last_nudge_there_is_nothing_more_to_wait_for(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    planned = rajs_step(rajs_nudges, Stage.ESCALATION, "Tue 1 Dec 09:00")

    assert (planned.send, planned.next) == (Stage.ESCALATION, None)


def test_stages_already_passed_by_are_never_sent_again(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    # Waiting for the overdue reminder on Monday: the heads-up, long due, is not sent again.
    planned = rajs_step(rajs_nudges, Stage.OVERDUE, "Mon 30 Nov 09:00")

    assert planned.send is Stage.OVERDUE


def test_on_track_skips_to_the_nudge_after_the_one_waited_for(
    rajs_nudges: list[tuple[Stage, datetime]],
) -> None:
    assert after(rajs_nudges, Stage.AT_DEADLINE) == (
        Stage.OVERDUE,
        local_time(KOLKATA, "Mon 30 Nov 09:00"),
    )
    assert after(rajs_nudges, Stage.FINAL_CHECK) == (
        Stage.AT_DEADLINE,
        local_time(KOLKATA, "Fri 27 Nov 15:00"),
    )
    assert after(rajs_nudges, Stage.ESCALATION) is None


# --- properties, across zones, daylight saving changes and working weeks -----------------------

ZONES = [
    "Asia/Kolkata",
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "America/Santiago",  # southern hemisphere daylight saving
    "Australia/Lord_Howe",  # a 30-minute daylight saving shift
    "Pacific/Chatham",  # UTC+12:45 / +13:45
    "Asia/Kathmandu",  # UTC+05:45
    "America/St_Johns",  # UTC-03:30 / -02:30
    "Africa/Casablanca",  # clocks go back for Ramadan
    "Pacific/Kiritimati",  # UTC+14: its working day starts the evening before in UTC
    "UTC",
]
FIRST_DAY, LAST_DAY = datetime(2026, 1, 1), datetime(2028, 12, 31)  # noqa: DTZ001 - naive bounds


def _offset_changes(zone: str) -> list[datetime]:
    """Noon UTC on each day whose offset in `zone` differs from the day before's."""
    tz, day, changes = ZoneInfo(zone), FIRST_DAY.replace(hour=12, tzinfo=UTC), []
    while day < LAST_DAY.replace(tzinfo=UTC):
        if (day + timedelta(days=1)).astimezone(tz).utcoffset() != day.astimezone(tz).utcoffset():
            changes.append(day)
        day += timedelta(days=1)
    return changes


OFFSET_CHANGES = {zone: _offset_changes(zone) for zone in ZONES}


@st.composite
def due_times(draw: st.DrawFn, zone: str) -> datetime:
    """Any instant in 2026–2028, often within days of the zone's clocks changing."""
    changes = OFFSET_CHANGES[zone]
    if bool(changes) and draw(st.booleans()):
        near = draw(st.sampled_from(changes))
        return near + draw(st.timedeltas(timedelta(days=-4), timedelta(days=4)))
    return draw(st.datetimes(FIRST_DAY, LAST_DAY, timezones=st.just(UTC)))


@st.composite
def working_hours(draw: st.DrawFn, around: date) -> WorkingHours:
    start = draw(st.sampled_from([time(7, 0), time(8, 30), time(9, 0), time(10, 0)]))
    end = draw(st.sampled_from([time(15, 0), time(17, 0), time(18, 30), time(20, 0)]))
    days = draw(st.frozensets(st.integers(0, 6), min_size=1))
    near = st.dates(around - timedelta(days=40), around + timedelta(days=40))
    holidays = draw(st.frozensets(near, max_size=8))
    return WorkingHours(start, end, days, holidays)


@st.composite
def plans(draw: st.DrawFn) -> NudgePlan:
    return NudgePlan(
        heads_up=draw(st.booleans()),
        final_check_before=draw(
            st.sampled_from([timedelta(minutes=30), timedelta(hours=2), timedelta(days=1)])
        ),
        at_deadline=draw(st.booleans()),
        overdue_reminder=draw(st.booleans()),
        escalate_after_working_days=draw(st.integers(0, 5)),
    )


@st.composite
def promises(draw: st.DrawFn) -> tuple[Subject, NudgePlan, WorkingHours]:
    """A promise anywhere in the world, its owner's company's plan and working week."""
    zone = draw(st.sampled_from(ZONES))
    due = draw(due_times(zone))
    made = due - draw(st.timedeltas(timedelta(minutes=1), timedelta(days=21)))
    subject = Subject(made, due, ZoneInfo(zone), has_manager=draw(st.booleans()))
    return subject, draw(plans()), draw(working_hours(due.date()))


NEW_YORK_FALL_BACK = (
    Subject(
        datetime(2026, 10, 28, 14, tzinfo=UTC),
        datetime(2026, 11, 2, 13, tzinfo=UTC),  # Monday 08:00, just after the change
        ZoneInfo(NEW_YORK),
        True,
    ),
    PLAN,
    HOURS,
)


@settings(max_examples=300, deadline=None)
@given(promises())
@example(NEW_YORK_FALL_BACK)
def test_every_nudge_comes_inside_working_hours_on_a_working_day_in_the_owners_zone(
    case: tuple[Subject, NudgePlan, WorkingHours],
) -> None:
    subject, plan, hours = case

    for stage, at in schedule(subject, plan, hours):
        local = at.astimezone(subject.tz)
        assert hours.is_working_day(local.date()), (stage, local)
        assert hours.start <= local.time() < hours.end, (stage, local)


@settings(max_examples=300, deadline=None)
@given(promises())
@example(NEW_YORK_FALL_BACK)
def test_nudges_come_in_the_plans_order_each_strictly_later_and_after_the_promise_was_made(
    case: tuple[Subject, NudgePlan, WorkingHours],
) -> None:
    subject, plan, hours = case

    nudges = schedule(subject, plan, hours)

    times = [at for _, at in nudges]
    assert times == sorted(set(times))
    assert [ORDER.index(stage) for stage, _ in nudges] == sorted(
        {ORDER.index(stage) for stage, _ in nudges}
    )
    assert all(at > subject.created_at for at in times)


@settings(max_examples=300, deadline=None)
@given(promises())
@example(NEW_YORK_FALL_BACK)
def test_nudges_before_the_deadline_come_before_the_due_time_and_the_others_not_before_it(
    case: tuple[Subject, NudgePlan, WorkingHours],
) -> None:
    subject, plan, hours = case

    for stage, at in schedule(subject, plan, hours):
        if stage in BEFORE_THE_DEADLINE:
            assert at < subject.due_at, stage
        else:
            assert at >= subject.due_at, stage


@settings(max_examples=200, deadline=None)
@given(promises(), st.data())
def test_a_sweep_at_any_moments_sends_each_stage_at_most_once_in_order_and_never_early(
    case: tuple[Subject, NudgePlan, WorkingHours], data: st.DataObject
) -> None:
    subject, plan, hours = case
    nudges = schedule(subject, plan, hours)
    span = st.timedeltas(timedelta(0), subject.due_at - subject.created_at + timedelta(days=30))
    ticks = sorted(subject.created_at + gap for gap in data.draw(st.lists(span, max_size=40)))

    sent: list[tuple[Stage, datetime]] = []
    waiting = nudges[0] if nudges else None  # what making the promise planned
    for now in ticks:
        if waiting is None or waiting[1] > now:
            continue  # the sweep only looks at promises whose next nudge has come
        planned = step(nudges, waiting[0], now, subject, hours)
        if planned.send is not None:
            sent.append((planned.send, now))
        waiting = planned.next

    planned_at = dict(nudges)
    assert [ORDER.index(s) for s, _ in sent] == sorted({ORDER.index(s) for s, _ in sent})
    assert all(now >= planned_at[stage] for stage, now in sent)
    # Sent in working hours only, and never a question about a deadline already passed.
    assert all(hours.next_slot_from(now, subject.tz) == now for _, now in sent)
    assert all(s not in BEFORE_THE_DEADLINE or now < subject.due_at for s, now in sent)
    last = ticks[-1] if ticks else None
    still_fitting = [
        s
        for s, at in nudges
        if last and at <= last and (s not in BEFORE_THE_DEADLINE or last < subject.due_at)
    ]
    if still_fitting:  # nothing is lost: the latest that fits went out, or waits to
        latest = ORDER.index(still_fitting[-1])
        went_out = bool(sent) and ORDER.index(sent[-1][0]) >= latest
        waits = waiting is not None and ORDER.index(waiting[0]) >= latest
        assert went_out or waits


@settings(max_examples=200, deadline=None)
@given(promises())
def test_a_sweep_at_every_planned_moment_sends_every_nudge_once_on_time(
    case: tuple[Subject, NudgePlan, WorkingHours],
) -> None:
    subject, plan, hours = case
    nudges = schedule(subject, plan, hours)

    sent, waiting = [], nudges[0] if nudges else None
    for _, now in nudges:
        assert waiting is not None and waiting[1] == now
        planned = step(nudges, waiting[0], now, subject, hours)
        sent.append((planned.send, now))
        waiting = planned.next

    assert sent == nudges
    assert waiting is None
