"""Due times read from chat, with business meaning, in the owner's own time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.due_times import (
    DueTime,
    ReadingRules,
    find_due_times,
    read_due_time,
    read_times,
    why_impossible,
)
from bot.services.holiday_calendar import HolidayCalendar

NEW_YORK = "America/New_York"
KOLKATA = "Asia/Kolkata"


def at(zone: str, year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """A wall time in a zone, as the aware UTC instant the reader returns."""
    return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


# Wednesday 18 November 2026, 10:00 in New York (15:00 UTC): "now" for most stories.
WEDNESDAY_MORNING = at(NEW_YORK, 2026, 11, 18, 10, 0)


def due(text: str, now: datetime = WEDNESDAY_MORNING, tz: str = NEW_YORK, **kw: object) -> DueTime:
    found = read_due_time(text, now=now, tz=tz, **kw)  # type: ignore[arg-type]
    assert found is not None, f"no single due time in {text!r}"
    return found


def invalid(text: str) -> tuple[str, ...]:
    return read_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK).invalid


# --- a bare day is the end of that business day -----------------------------------------------


def test_a_bare_friday_means_friday_1700_in_the_owners_zone() -> None:
    found = due("I'll send the deck to @ana Friday")
    assert found == DueTime(at(NEW_YORK, 2026, 11, 20, 17, 0), "day", "Friday")


def test_the_same_friday_is_a_different_instant_for_an_owner_in_kolkata() -> None:
    assert due("Friday", tz=KOLKATA).at == at(KOLKATA, 2026, 11, 20, 17, 0)
    assert due("Friday", tz=KOLKATA).at != due("Friday", tz=NEW_YORK).at


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("tomorrow", date(2026, 11, 19)),
        ("the 3rd", date(2026, 12, 3)),
        ("Dec 3", date(2026, 12, 3)),
        ("on 3 December", date(2026, 12, 3)),
        ("11/27", date(2026, 11, 27)),
        ("2026-11-30", date(2026, 11, 30)),
        ("the day after tomorrow", date(2026, 11, 20)),
        ("today", date(2026, 11, 18)),
    ],
)
def test_any_bare_day_is_1700_that_day_with_grain_day(text: str, day: date) -> None:
    found = due(text)
    assert found.at == at(NEW_YORK, day.year, day.month, day.day, 17, 0)
    assert found.grain == "day"


# --- end of day, parts of the day -------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["EOD", "by COB", "end of day", "by the end of the day", "by end of business"]
)
def test_end_of_day_words_mean_1700_today(text: str) -> None:
    assert due(text).at == at(NEW_YORK, 2026, 11, 18, 17, 0)
    assert due(text).grain == "day"


def test_eod_said_after_1700_on_a_friday_means_monday_1700() -> None:
    friday_evening = at(NEW_YORK, 2026, 11, 20, 18, 30)
    assert due("by EOD", now=friday_evening).at == at(NEW_YORK, 2026, 11, 23, 17, 0)


def test_tonight_is_1700_and_after_1700_it_is_2300() -> None:
    assert due("tonight").at == at(NEW_YORK, 2026, 11, 18, 17, 0)
    evening = at(NEW_YORK, 2026, 11, 18, 18, 30)
    assert due("tonight", now=evening).at == at(NEW_YORK, 2026, 11, 18, 23, 0)


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("tomorrow morning", (2026, 11, 19, 9, 0)),
        ("first thing tomorrow", (2026, 11, 19, 9, 0)),
        ("tomorrow first thing", (2026, 11, 19, 9, 0)),
        ("Thursday morning", (2026, 11, 19, 9, 0)),
        ("tomorrow at noon", (2026, 11, 19, 12, 0)),
        ("Friday midday", (2026, 11, 20, 12, 0)),
        ("tomorrow afternoon", (2026, 11, 19, 15, 0)),
        ("this afternoon", (2026, 11, 18, 15, 0)),
    ],
)
def test_parts_of_the_day_come_from_the_reading_rules(
    text: str, wall: tuple[int, int, int, int, int]
) -> None:
    found = due(text)
    assert found.at == at(NEW_YORK, *wall)
    assert found.grain == "hour"


def test_a_team_with_other_hours_gets_its_own_end_of_day() -> None:
    late_team = ReadingRules(end_of_day=time(18, 30), morning=time(10, 0))
    assert due("Friday", rules=late_team).at == at(NEW_YORK, 2026, 11, 20, 18, 30)
    assert due("tomorrow morning", rules=late_team).at == at(NEW_YORK, 2026, 11, 19, 10, 0)


# --- weeks and months -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["EOW", "by the end of this week", "end of the week"])
def test_end_of_week_is_friday_1700(text: str) -> None:
    found = due(text)
    assert found.at == at(NEW_YORK, 2026, 11, 20, 17, 0)
    assert found.grain == "day"


def test_end_of_week_on_a_saturday_is_next_friday() -> None:
    saturday = at(NEW_YORK, 2026, 11, 21, 11, 0)
    assert due("EOW", now=saturday).at == at(NEW_YORK, 2026, 11, 27, 17, 0)


def test_end_of_week_with_a_friday_holiday_is_thursday() -> None:
    rules = ReadingRules(holidays=frozenset({date(2026, 11, 20)}))
    assert due("EOW", rules=rules).at == at(NEW_YORK, 2026, 11, 19, 17, 0)


def test_end_of_month_is_the_last_business_day_1700() -> None:
    assert due("by end of month").at == at(NEW_YORK, 2026, 11, 30, 17, 0)
    january = at(NEW_YORK, 2027, 1, 10, 9, 0)  # 31 January 2027 is a Sunday
    found = due("EOM", now=january)
    assert (found.at, found.grain) == (at(NEW_YORK, 2027, 1, 29, 17, 0), "day")


def test_next_week_is_monday_0900_with_grain_week() -> None:
    found = due("next week")
    assert (found.at, found.grain) == (at(NEW_YORK, 2026, 11, 23, 9, 0), "week")


def test_next_month_is_the_first_business_day_0900_with_grain_month() -> None:
    found = due("next month")
    assert (found.at, found.grain) == (at(NEW_YORK, 2026, 12, 1, 9, 0), "month")
    in_december = at(NEW_YORK, 2026, 12, 10, 9, 0)  # 1 January 2027 is a holiday here
    rules = ReadingRules(holidays=frozenset({date(2027, 1, 1)}))
    assert due("next month", now=in_december, rules=rules).at == at(NEW_YORK, 2027, 1, 4, 9, 0)


# --- relative times ---------------------------------------------------------------------------


def test_in_three_business_days_skips_the_weekend() -> None:
    found = due("in 3 business days")
    assert (found.at, found.grain) == (at(NEW_YORK, 2026, 11, 23, 17, 0), "day")


def test_business_days_skip_holidays_too() -> None:
    thanksgiving = ReadingRules(holidays=frozenset({date(2026, 11, 26)}))
    wednesday = at(NEW_YORK, 2026, 11, 25, 10, 0)
    found = due("within 2 working days", now=wednesday, rules=thanksgiving)
    assert found.at == at(NEW_YORK, 2026, 11, 30, 17, 0)


def test_in_two_hours_is_exactly_two_hours_from_now() -> None:
    found = due("in 2 hours")
    assert (found.at, found.grain) == (WEDNESDAY_MORNING + timedelta(hours=2), "minute")
    assert due("in 30 minutes").at == WEDNESDAY_MORNING + timedelta(minutes=30)
    assert due("in half an hour").at == WEDNESDAY_MORNING + timedelta(minutes=30)


def test_in_three_days_is_1700_three_calendar_days_on() -> None:
    assert due("in 3 days").at == at(NEW_YORK, 2026, 11, 21, 17, 0)
    assert due("2 weeks from now").at == at(NEW_YORK, 2026, 12, 2, 17, 0)


# --- explicit times and named zones -----------------------------------------------------------


def test_a_day_with_a_time_keeps_the_time_and_the_words_it_came_from() -> None:
    found = due("I'll send it by Friday 3pm, promise")
    assert found == DueTime(at(NEW_YORK, 2026, 11, 20, 15, 0), "hour", "by Friday 3pm")
    found = due("by 3:30pm tomorrow")
    assert found == DueTime(at(NEW_YORK, 2026, 11, 19, 15, 30), "minute", "by 3:30pm tomorrow")


@pytest.mark.parametrize(
    ("text", "day", "hour"),
    [
        ("before the 3pm meeting tomorrow", 19, 15),
        ("tomorrow before 3pm", 19, 15),
        ("before tomorrow's 3pm call", 19, 15),
        ("before the 10am standup on Friday", 20, 10),
        ("Friday by noon", 20, 12),
        ("ahead of Thursday's 2pm client review", 19, 14),
    ],
)
def test_a_day_and_a_time_apart_by_a_relation_or_an_event_are_one_due_time(
    text: str, day: int, hour: int
) -> None:
    found = due(f"I'll send the deck {text}")
    assert (found.at, found.grain) == (at(NEW_YORK, 2026, 11, day, hour, 0), "hour")


def test_a_time_alone_is_today_or_tomorrow_when_it_has_passed() -> None:
    assert due("at 15:00").at == at(NEW_YORK, 2026, 11, 18, 15, 0)
    assert due("at 9am").at == at(NEW_YORK, 2026, 11, 19, 9, 0)


def test_an_hour_without_am_or_pm_is_read_as_a_working_hour() -> None:
    assert due("at 5 tomorrow").at == at(NEW_YORK, 2026, 11, 19, 17, 0)
    assert due("tomorrow at 9").at == at(NEW_YORK, 2026, 11, 19, 9, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9am PT tomorrow", at("America/Los_Angeles", 2026, 11, 19, 9, 0)),
        ("Friday 9am ET", at(NEW_YORK, 2026, 11, 20, 9, 0)),
        ("Friday 10:00 CET", at("Europe/Paris", 2026, 11, 20, 10, 0)),
        ("tomorrow 5pm GMT", datetime(2026, 11, 19, 17, 0, tzinfo=UTC)),
        ("noon IST", at(KOLKATA, 2026, 11, 19, 12, 0)),  # today's noon in India has passed
    ],
)
def test_a_time_in_a_named_zone_is_that_zones_wall_time(text: str, expected: datetime) -> None:
    assert due(text).at == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by 5pm London time", at("Europe/London", 2026, 11, 18, 17, 0)),
        ("4pm UK time", at("Europe/London", 2026, 11, 18, 16, 0)),
        ("noon NYC time tomorrow", at(NEW_YORK, 2026, 11, 19, 12, 0)),
        ("Friday 9am Sydney time", at("Australia/Sydney", 2026, 11, 20, 9, 0)),
        ("by 11pm Bangalore time", at(KOLKATA, 2026, 11, 18, 23, 0)),
        ("by 5 Berlin time", at("Europe/Berlin", 2026, 11, 18, 17, 0)),
        ("14:30 Sao Paulo time", at("America/Sao_Paulo", 2026, 11, 18, 14, 30)),
        ("Friday 5pm (Tokyo time)", at("Asia/Tokyo", 2026, 11, 20, 17, 0)),
    ],
)
def test_a_time_in_a_place_is_that_places_wall_time_and_its_words_are_the_due_phrase(
    text: str, expected: datetime
) -> None:
    found = due(text)
    assert (found.at, found.matched) == (expected, text)


def test_a_place_without_time_after_it_names_no_zone() -> None:
    assert due("send it to the London office by 5pm").at == at(NEW_YORK, 2026, 11, 18, 17, 0)


def test_a_named_zone_is_converted_for_an_owner_in_kolkata_too() -> None:
    found = due("Friday 9am ET", tz=KOLKATA)
    assert found.at == at(NEW_YORK, 2026, 11, 20, 9, 0)
    assert found.at.astimezone(ZoneInfo(KOLKATA)).time() == time(19, 30)


# --- past dates roll forward ------------------------------------------------------------------


def test_the_3rd_said_on_the_18th_is_next_months_3rd() -> None:
    assert due("by the 3rd").at == at(NEW_YORK, 2026, 12, 3, 17, 0)


def test_friday_said_on_a_saturday_is_next_friday() -> None:
    saturday = at(NEW_YORK, 2026, 11, 21, 9, 0)
    assert due("Friday", now=saturday).at == at(NEW_YORK, 2026, 11, 27, 17, 0)


def test_monday_said_on_a_monday_is_today_until_1700_then_next_week() -> None:
    monday_morning = at(NEW_YORK, 2026, 11, 23, 9, 0)
    monday_evening = at(NEW_YORK, 2026, 11, 23, 17, 30)
    assert due("Monday", now=monday_morning).at == at(NEW_YORK, 2026, 11, 23, 17, 0)
    assert due("Monday", now=monday_evening).at == at(NEW_YORK, 2026, 11, 30, 17, 0)


@pytest.mark.parametrize(
    ("said", "on", "meant"),
    [
        ("by Nov 20", (2026, 11, 23), (2026, 11, 20)),  # three days ago: a slip, not next year
        ("Dec 3", (2026, 12, 20), (2026, 12, 3)),
        ("by 10/23", (2026, 10, 28), (2026, 10, 23)),
        ("by Jan 5", (2026, 12, 20), (2027, 1, 5)),  # sixteen days ahead, not a year ago
        ("by March 3rd", (2026, 10, 1), (2027, 3, 3)),  # more than half a year behind
        ("by Feb 29", (2027, 10, 1), (2028, 2, 29)),  # the coming February has one
    ],
)
def test_a_date_without_a_year_is_the_nearest_one_even_just_passed(
    said: str, on: tuple[int, int, int], meant: tuple[int, int, int]
) -> None:
    assert due(said, now=at(NEW_YORK, *on, 9, 0)).at == at(NEW_YORK, *meant, 17, 0)


@pytest.mark.parametrize("said", ["by June 26", "by December 10th", "by December the tenth"])
def test_a_full_month_name_with_its_day_is_that_day_not_the_month(said: str) -> None:
    day = 26 if "June" in said else 10
    month = 6 if "June" in said else 12
    assert due(said, now=at(NEW_YORK, 2026, 6, 1, 9, 0)) == DueTime(
        at(NEW_YORK, 2026, month, day, 17, 0), "day", said
    )


def test_next_friday_is_the_friday_of_next_week() -> None:
    assert due("next Friday").at == at(NEW_YORK, 2026, 11, 27, 17, 0)
    assert due("this Friday").at == at(NEW_YORK, 2026, 11, 20, 17, 0)


# --- daylight saving changes ------------------------------------------------------------------


def test_tomorrow_9am_across_new_yorks_fall_back_is_1400_utc() -> None:
    saturday = at(NEW_YORK, 2026, 10, 31, 12, 0)  # EDT, UTC-4; Sunday 1 November is EST, UTC-5
    assert due("tomorrow 9am", now=saturday).at == datetime(2026, 11, 1, 14, 0, tzinfo=UTC)


def test_tomorrow_9am_across_londons_fall_back_is_0900_utc() -> None:
    saturday = at("Europe/London", 2026, 10, 24, 12, 0)  # BST; Sunday 25 October is GMT
    found = due("tomorrow 9am", now=saturday, tz="Europe/London")
    assert found.at == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)


def test_in_two_hours_across_the_change_is_two_real_hours() -> None:
    night = at(NEW_YORK, 2026, 11, 1, 0, 30)
    assert due("in 2 hours", now=night).at == night + timedelta(hours=2)


# --- day and month order by locale ------------------------------------------------------------


def test_day_and_month_order_follow_the_locale() -> None:
    assert due("11/27", locale="en-US").at == at(NEW_YORK, 2026, 11, 27, 17, 0)
    assert due("27/11", locale="en-GB").at == at(NEW_YORK, 2026, 11, 27, 17, 0)
    assert due("27/11", locale="en-IN", tz=KOLKATA).at == at(KOLKATA, 2026, 11, 27, 17, 0)
    assert due("3/4", locale="en-GB").at == at(NEW_YORK, 2027, 4, 3, 17, 0)


def test_an_impossible_order_for_the_locale_is_no_date() -> None:
    assert find_due_times("13/11", now=WEDNESDAY_MORNING, tz=NEW_YORK, locale="en-US") == []


def test_a_date_that_does_not_exist_is_no_due_time_and_can_be_named() -> None:
    assert find_due_times("by Feb 30", now=WEDNESDAY_MORNING, tz=NEW_YORK) == []
    assert invalid("by Feb 30 or 4/31") == ("Feb 30", "4/31")
    assert why_impossible("Feb 30") == "There is no Feb 30 in the calendar. Which day did you mean?"


# --- what is not a time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I have 3 kids",
        "version 2.5 is out",
        "call me at 555-1234",
        "at least 2 of them",
        "room 101",
        "may I ask something?",
        "back in a second",
        "give me a minute, in a minute",
        "the Q3 deck",
        "top 10 ideas",
        "2 people",
        "good morning team!",
        "see https://example.com/2026/11/27 and <@U123>",
        "thanks :smile: :100:",
        "step 1a done, 24/7 support",
        "3/4 of the team agreed",
        "",
    ],
)
def test_text_with_no_time_gives_no_due_time(text: str) -> None:
    assert find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) == []


# --- one due time or a question ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["Friday or Monday", "by Friday ... actually Monday"])
def test_conflicting_times_leave_the_question_to_the_person(text: str) -> None:
    assert len(find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK)) == 2
    assert read_due_time(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) is None


def test_the_same_time_said_twice_is_one_due_time() -> None:
    found = find_due_times("Friday. Yes, Friday!", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert [d.matched for d in found] == ["Friday"]


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("send it no later than Friday", "no later than Friday"),
        ("due Friday", "due Friday"),
        ("until tomorrow", "until tomorrow"),
        ("before Dec 3", "before Dec 3"),
    ],
)
def test_deadline_words_belong_to_the_match(text: str, matched: str) -> None:
    assert due(text).matched == matched


def test_now_must_carry_its_zone() -> None:
    with pytest.raises(ValueError, match="aware"):
        find_due_times("Friday", now=datetime(2026, 11, 18, 10, 0), tz=NEW_YORK)  # noqa: DTZ001


# --- properties across zones and years --------------------------------------------------------

ZONES = [
    "UTC", NEW_YORK, "America/Los_Angeles", "America/Sao_Paulo", "America/St_Johns",
    "Europe/London", "Europe/Berlin", "Africa/Casablanca", "Asia/Kolkata", "Asia/Kathmandu",
    "Asia/Tokyo", "Australia/Sydney", "Australia/Lord_Howe", "Pacific/Auckland",
    "Pacific/Chatham", "Pacific/Kiritimati", "Pacific/Apia",
]  # fmt: skip
moments = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone below
    max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    timezones=st.sampled_from([ZoneInfo(z) for z in ZONES]),
)


@settings(max_examples=200, deadline=None)
@given(now=moments, zone=st.sampled_from(ZONES))
def test_tomorrow_is_always_the_next_local_day_at_1700(now: datetime, zone: str) -> None:
    found = due("tomorrow", now=now, tz=zone)
    local = found.at.astimezone(ZoneInfo(zone))
    assert found.at > now
    assert local.date() == now.astimezone(ZoneInfo(zone)).date() + timedelta(days=1)
    assert local.time() == time(17, 0)


@settings(max_examples=200, deadline=None)
@given(
    now=moments,
    zone=st.sampled_from(ZONES),
    count=st.integers(min_value=1, max_value=30),
    holidays=st.frozensets(
        st.dates(min_value=date(2020, 1, 1), max_value=date(2036, 3, 31)), max_size=20
    ),
    working=st.frozensets(st.integers(min_value=0, max_value=6), min_size=1),
)
def test_business_days_always_land_on_a_working_day_that_is_no_holiday(
    now: datetime, zone: str, count: int, holidays: frozenset[date], working: frozenset[int]
) -> None:
    rules = ReadingRules(working_days=working, holidays=holidays)
    found = due(f"in {count} business days", now=now, tz=zone, rules=rules)
    day = found.at.astimezone(ZoneInfo(zone)).date()
    assert day.weekday() in working
    assert day not in holidays
    assert day > now.astimezone(ZoneInfo(zone)).date()


PHRASES = [
    "Friday", "tomorrow 9am", "EOD", "EOW", "end of month", "next week", "next month",
    "in 2 hours", "in 3 business days", "the 3rd", "Dec 3", "9am ET", "tonight", "noon",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(now=moments, zone=st.sampled_from(ZONES), text=st.sampled_from(PHRASES))
def test_every_due_time_is_aware_utc(now: datetime, zone: str, text: str) -> None:
    for found in find_due_times(text, now=now, tz=zone):
        assert found.at.tzinfo is UTC
        assert found.grain in ("minute", "hour", "day", "week", "month")
        assert found.matched in text


# --- the past, ranges, ordinal weekdays, hours in words ---------------------------------------


@pytest.mark.parametrize(
    "text", ["I sent it yesterday at 3pm", "last Sunday", "2 weeks ago", "last week's Monday"]
)
def test_words_about_the_past_are_no_due_time(text: str) -> None:
    assert find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) == []


def test_the_past_does_not_hide_the_promise_next_to_it() -> None:
    found = due("I sent v1 yesterday at 3pm, v2 comes by Friday")
    assert found.matched == "by Friday"


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("Thursday between 9:30 and 11:00", (2026, 11, 19, 11, 0)),
        ("3-4pm", (2026, 11, 18, 16, 0)),
        ("Friday from 9am to 11am", (2026, 11, 20, 11, 0)),
    ],
)
def test_a_time_range_is_due_at_its_end(text: str, wall: tuple[int, int, int, int, int]) -> None:
    assert due(text).at == at(NEW_YORK, *wall)


def test_numbers_with_a_dash_are_no_range_of_times() -> None:
    assert find_due_times("2-3 people, 9 to 5", now=WEDNESDAY_MORNING, tz=NEW_YORK) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the first Monday of next month", date(2026, 12, 7)),
        ("last Friday of March", date(2027, 3, 26)),
        ("the last business day of this month", date(2026, 11, 30)),
        ("the 20th of next month", date(2026, 12, 20)),
    ],
)
def test_days_counted_within_a_month(text: str, day: date) -> None:
    assert due(text).at == at(NEW_YORK, day.year, day.month, day.day, 17, 0)


@pytest.mark.parametrize(
    ("text", "wall"),
    [
        ("three pm", (2026, 11, 18, 15, 0)),
        ("Friday at three", (2026, 11, 20, 15, 0)),
        ("eight tonight", (2026, 11, 18, 20, 0)),
        ("half past 3", (2026, 11, 18, 15, 30)),
        ("a quarter to noon tomorrow", (2026, 11, 19, 11, 45)),
    ],
)
def test_hours_in_words(text: str, wall: tuple[int, int, int, int, int]) -> None:
    assert due(text).at == at(NEW_YORK, *wall)


# --- fast enough for every chat message -------------------------------------------------------


def test_a_message_with_no_time_is_turned_away_by_the_prefilter_alone() -> None:
    from bot.domain.due_times.reading import PREFILTER

    assert PREFILTER.search("great work on the launch, thanks a lot!") is None


@pytest.mark.parametrize("text", ["our support line is 24/7", "we run 24x7, escalate anytime"])
def test_round_the_clock_is_not_a_date(text: str) -> None:
    assert find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK, locale="en-GB") == []


@pytest.mark.parametrize("text", ["by 9999-12-31 23:59", "by Dec 31 9999 11:59pm"])
def test_a_day_at_the_calendars_end_is_read_as_its_last_instant_not_a_crash(text: str) -> None:
    """West of UTC, 9999-12-31 evening is past the last instant Python can hold: it is read
    as that instant, which a promise then refuses as too far away."""
    found = due(text, tz="America/Los_Angeles")

    assert found.at == datetime.max.replace(tzinfo=UTC)


# --- ends of periods and hours alone (issue 15) ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "on", "expected"),
    [
        ("by quarter end", (2026, 11, 18), (2026, 12, 31)),
        ("by month-end", (2026, 11, 18), (2026, 11, 30)),
        ("by next month end", (2026, 11, 18), (2026, 12, 31)),
        ("by year end", (2026, 11, 18), (2026, 12, 31)),
        ("by end of Q1", (2026, 11, 18), (2027, 3, 31)),  # this year's has passed
        ("by Q3 end", (2026, 5, 4), (2026, 9, 30)),
        ("by Q1 2028", (2026, 11, 18), (2028, 3, 31)),
        ("by H1", (2026, 2, 2), (2026, 6, 30)),
        ("before the end of H2", (2026, 2, 2), (2026, 12, 31)),
        ("before the weekend", (2026, 11, 18), (2026, 11, 20)),
        ("by end of the fiscal year", (2026, 11, 18), (2026, 12, 31)),
        ("by month end", (2026, 10, 30), (2026, 10, 30)),  # the 31st is a Saturday
    ],
)
def test_the_end_of_a_period_is_its_last_business_day_at_1700(
    text: str, on: tuple[int, int, int], expected: tuple[int, int, int]
) -> None:
    found = due(text, now=at(NEW_YORK, *on, 10, 0))
    assert (found.at, found.grain, found.matched) == (at(NEW_YORK, *expected, 17, 0), "day", text)


@pytest.mark.parametrize(
    ("locale", "start", "expected"),
    [("en-IN", 0, (2027, 3, 31)), ("en-AU", 0, (2027, 6, 30)), ("en-US", 0, (2026, 12, 31)),
     ("en-US", 10, (2027, 9, 30))],
)  # fmt: skip
def test_fy_end_is_the_day_before_the_fiscal_year_of_the_setting_or_the_country_starts(
    locale: str, start: int, expected: tuple[int, int, int]
) -> None:
    rules = ReadingRules(fiscal_year_start=start)
    assert due("by FY end", locale=locale, rules=rules).at == at(NEW_YORK, *expected, 17, 0)


def test_the_year_end_as_a_word_before_a_noun_is_no_due_time() -> None:
    assert read_due_time("the year-end packs are ready", now=WEDNESDAY_MORNING, tz=NEW_YORK) is None


@pytest.mark.parametrize(
    ("text", "hour", "on_day"),
    [
        ("I'll have it to you by 3", 15, 18),
        ("by 11.", 11, 19),  # 11:00 has passed: the next business day's
        ("will have it sorted by five", 17, 18),
        ("by 3 🙏", 15, 18),
        ("by 9 tomorrow", 9, 19),
    ],
)
def test_an_hour_alone_after_by_is_the_next_such_working_hour(
    text: str, hour: int, on_day: int
) -> None:
    assert due(text, now=at(NEW_YORK, 2026, 11, 18, 11, 30)).at == at(
        NEW_YORK, 2026, 11, on_day, hour, 0
    )


def test_an_hour_alone_late_on_a_friday_is_mondays() -> None:
    friday_evening = at(NEW_YORK, 2026, 11, 20, 18, 0)
    assert due("by 9", now=friday_evening).at == at(NEW_YORK, 2026, 11, 23, 9, 0)


def test_an_hour_alone_on_a_weekend_is_the_next_working_days() -> None:
    saturday_morning = at(NEW_YORK, 2026, 11, 21, 10, 0)
    assert due("ill have the rollback plan ready by 3", now=saturday_morning).at == at(
        NEW_YORK, 2026, 11, 23, 15, 0
    )


@pytest.mark.parametrize(
    "text", ["cut the list by 3 items", "reduce latency by 5 and ship", "we grew by 3", "by 3,000"]
)
def test_an_amount_after_by_is_no_hour(text: str) -> None:
    assert read_due_time(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("by start of business tomorrow", at(NEW_YORK, 2026, 11, 19, 9, 0)),
        ("by start of business Monday", at(NEW_YORK, 2026, 11, 23, 9, 0)),
        ("by monday arvo", at(NEW_YORK, 2026, 11, 23, 15, 0)),
    ],
)
def test_the_start_of_business_is_the_morning_and_arvo_the_afternoon(
    text: str, expected: datetime
) -> None:
    assert (due(text).at, due(text).grain) == (expected, "hour")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("by Friday 25:00", "25:00"), ("push the fix by 13pm", "13pm"), ("at 10:75", "10:75")],
)
def test_an_impossible_time_gives_no_due_time_and_is_named_with_why(text: str, phrase: str) -> None:
    assert read_due_time(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) is None
    assert invalid(text) == (phrase,)
    assert why_impossible(phrase) == f"There is no {phrase} on the clock. What time did you mean?"


def test_a_score_like_a_time_without_a_deadline_word_is_no_impossible_time() -> None:
    assert invalid("score was 25:10 at half time") == ()


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("I'll have the figures to you by half four", 16, 30),
        ("by half 10", 10, 30),
        ("will get the PR up by twenty past three", 15, 20),
        ("will ring them back at quarter past eleven", 11, 15),
        ("by ten to five", 16, 50),
        ("by half past twelve", 12, 30),
    ],
)
def test_clock_times_in_words_the_british_way(text: str, hour: int, minute: int) -> None:
    found = due(text, now=at(NEW_YORK, 2026, 11, 18, 8, 0))
    assert (found.at, found.grain) == (at(NEW_YORK, 2026, 11, 18, hour, minute), "minute")


@pytest.mark.parametrize("text", ["half four of them are done", "we cut it by half"])
def test_half_as_an_amount_is_no_time(text: str) -> None:
    assert read_due_time(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("within the hour i'll have the root cause", at(NEW_YORK, 2026, 11, 18, 11, 0)),
        ("give me twenty minutes and I'll send it", at(NEW_YORK, 2026, 11, 18, 10, 20)),
        ("ETA forty-five mins", at(NEW_YORK, 2026, 11, 18, 10, 45)),
        ("give me 3 working days", at(NEW_YORK, 2026, 11, 23, 17, 0)),
    ],
)
def test_durations_as_people_say_them(text: str, expected: datetime) -> None:
    assert due(text).at == expected


def test_a_day_and_month_with_dots_is_a_date_the_german_way() -> None:
    found = due("I send you the report on 4.3., the numbers are not final", locale="de-DE")
    assert found.at == at(NEW_YORK, 2027, 3, 4, 17, 0)
    assert read_due_time("see section 4.3. of the spec", now=WEDNESDAY_MORNING, tz=NEW_YORK) is None


def test_uhr_is_oclock() -> None:
    assert due("Thursday 9 Uhr latest").at == at(NEW_YORK, 2026, 11, 19, 9, 0)


def test_a_writers_own_public_holiday_is_no_business_day() -> None:
    from bot.services.holiday_calendar import HolidayCalendar

    london = "Europe/London"
    rules = ReadingRules(named_days=HolidayCalendar())
    now = at(london, 2026, 8, 10, 10, 0)
    found = due("by month end", now=now, tz=london, locale="en-GB", rules=rules)
    assert found.at == at(london, 2026, 8, 28, 17, 0)  # Monday the 31st is a bank holiday


def test_one_reading_gives_the_due_times_the_impossible_and_the_past() -> None:
    said = read_times("by yesterday, or by Feb 30", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert (said.due_times, said.invalid) == ([], ("Feb 30",))
    said = read_times("send it by yesterday", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert (said.due_times, said.past) == ([], ("by yesterday",))
    assert read_times("I sent it yesterday", now=WEDNESDAY_MORNING, tz=NEW_YORK).past == ()


# --- zones by place, counted days, words of chat (issue 15, black-box attack) -------------------


@pytest.mark.parametrize(
    ("text", "hour"),
    [
        ("by 5pm Asia/Tokyo", 3),  # the zone database's own names
        ("by 5pm in Chicago", 18),
        ("by 5pm Berlin", 11),  # a well-known city needs no "time"
        ("by 5pm Arizona time", 19),
        ("by 5pm Central European Time", 11),  # not US Central
        ("by 17:00 +0530", 6),
    ],
)
def test_a_clock_time_in_a_zone_named_by_place_name_or_offset(text: str, hour: int) -> None:
    found = due(f"I'll send it {text}")
    assert found.at.astimezone(ZoneInfo(NEW_YORK)).hour == hour


def test_a_place_that_is_an_office_names_no_zone() -> None:
    assert due("I'll send it by 5pm London office").at == at(NEW_YORK, 2026, 11, 18, 17, 0)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Monday week", date(2026, 11, 30)),
        ("Friday week", date(2026, 11, 27)),
        ("Monday fortnight", date(2026, 12, 7)),
        ("a week from Friday", date(2026, 11, 27)),
        ("2 weeks from Monday", date(2026, 12, 7)),
        ("3 days from tomorrow", date(2026, 11, 22)),
        ("2moro", date(2026, 11, 19)),
        ("tmw", date(2026, 11, 19)),
        ("by weds", date(2026, 11, 18)),
        ("by _Friday_", date(2026, 11, 20)),
        ("by the weekend", date(2026, 11, 20)),
    ],
)
def test_days_counted_from_a_day_and_chat_spellings(text: str, day: date) -> None:
    found = due(f"I'll send it {text}")
    assert found.at.astimezone(ZoneInfo(NEW_YORK)).date() == day


@pytest.mark.parametrize(
    ("text", "hour"), [("by lunch", 12), ("this arvo", 15), ("by 3 this arvo", 15)]
)
def test_parts_of_the_day_after_a_deadline_word_are_due_times(text: str, hour: int) -> None:
    assert due(f"I'll send it {text}").at.astimezone(ZoneInfo(NEW_YORK)).hour == hour


@pytest.mark.parametrize("text", ["grab lunch?", "good morning all", "see you at lunch"])
def test_a_part_of_the_day_alone_is_still_no_due_time(text: str) -> None:
    assert find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) == []


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("before the 20th", date(2026, 11, 19)),
        ("before Dec 1", date(2026, 11, 30)),
        ("before 30/11", date(2026, 11, 27)),  # the 30th is a Monday: the Friday before
        ("by the 20th", date(2026, 11, 20)),
        ("before Friday", date(2026, 11, 20)),  # a weekday is not a date said as one
    ],
)
def test_before_a_date_is_the_business_day_before_it(text: str, day: date) -> None:
    found = due(f"I'll send it {text}", locale="en-GB")
    assert found.at.astimezone(ZoneInfo(NEW_YORK)).date() == day


@pytest.mark.parametrize(
    ("text", "hour", "minute"), [("by 0900 tomorrow", 9, 0), ("at 1630hrs", 16, 30)]
)
def test_military_time_after_a_deadline_word(text: str, hour: int, minute: int) -> None:
    local = due(f"I'll send it {text}").at.astimezone(ZoneInfo(NEW_YORK))
    assert (local.hour, local.minute) == (hour, minute)


@pytest.mark.parametrize("text", ["I'll cut it by 2026 units", "we grew by 1500 users"])
def test_a_number_after_by_is_no_military_time(text: str) -> None:
    assert find_due_times(text, now=WEDNESDAY_MORNING, tz=NEW_YORK) == []


def test_end_of_play_is_end_of_day() -> None:
    assert due("I'll get it over by EOP").at == at(NEW_YORK, 2026, 11, 18, 17, 0)


def test_this_morning_is_by_noon_once_its_hour_passed_and_the_past_once_it_is_over() -> None:
    half_ten = at(NEW_YORK, 2026, 11, 18, 10, 30)
    assert due("I'll send it this morning", now=half_ten).at == at(NEW_YORK, 2026, 11, 18, 12, 0)
    two = at(NEW_YORK, 2026, 11, 18, 14, 0)
    said = read_times("I'll send it by this morning", now=two, tz=NEW_YORK)
    assert (said.due_times, said.past) == ([], ("by this morning",))


def test_feb_29_in_a_year_without_one_is_asked_about_not_moved_years_ahead() -> None:
    october = at(NEW_YORK, 2026, 10, 1, 10, 0)
    said = read_times("I'll send it by Feb 29", now=october, tz=NEW_YORK)
    assert (said.due_times, said.invalid) == ([], ("Feb 29 2027",))


@pytest.mark.parametrize("text", ["Thursday 27th", "Monday, November 24", "by Wed 3 Dec"])
def test_a_weekday_that_is_not_the_dates_is_asked_about(text: str) -> None:
    said = read_times(f"I'll send it {text}", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert said.due_times == [] and said.invalid


def test_a_day_of_the_month_just_passed_is_a_slip_not_next_months() -> None:
    found = read_times("I'll send it by the 17th", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert [d.at for d in found.due_times] == [at(NEW_YORK, 2026, 11, 17, 17, 0)]
    assert due("by the 3rd").at == at(NEW_YORK, 2026, 12, 3, 17, 0)


def test_a_time_alone_passed_on_a_friday_evening_is_mondays() -> None:
    friday_evening = at(NEW_YORK, 2026, 11, 20, 18, 30)
    assert due("I'll send it by 5pm", now=friday_evening).at == at(NEW_YORK, 2026, 11, 23, 17, 0)


@pytest.mark.parametrize(
    ("text", "now"),
    [
        ("by end of month", at(NEW_YORK, 2026, 11, 30, 17, 30)),
        ("EOM", at(NEW_YORK, 2026, 11, 30, 17, 30)),
        ("by EOW", at(NEW_YORK, 2026, 11, 27, 18, 30)),
        ("by end of year", at(NEW_YORK, 2026, 12, 31, 17, 30)),
        ("this Friday", at(NEW_YORK, 2026, 11, 27, 18, 30)),
    ],
)
def test_a_period_ending_today_after_hours_is_tonight_not_a_period_late(
    text: str, now: datetime
) -> None:
    found = due(f"I'll send it {text}", now=now)
    assert found.at == datetime.combine(
        now.astimezone(ZoneInfo(NEW_YORK)).date(), time(23, 0), ZoneInfo(NEW_YORK)
    ).astimezone(UTC)


def test_the_latest_of_two_days_said_at_the_latest_is_the_promise() -> None:
    assert due("I'll send it Monday, Tuesday at the latest").at == at(NEW_YORK, 2026, 11, 24, 17, 0)


@pytest.mark.parametrize(
    ("text", "hour", "minute"),
    [
        ("by Friday 1800", 18, 0),
        ("by 2200", 22, 0),
        ("by tomorrow 12noon", 12, 0),
        ("tomorrow before 10h", 10, 0),
        ("bright and early tomorrow", 9, 0),
    ],
)
def test_more_clock_spellings(text: str, hour: int, minute: int) -> None:
    local = due(f"I'll send it {text}").at.astimezone(ZoneInfo(NEW_YORK))
    assert (local.hour, local.minute) == (hour, minute)


def test_on_or_before_a_date_is_that_date() -> None:
    assert due("I'll send it on or before the 20th").at == at(NEW_YORK, 2026, 11, 20, 17, 0)


def test_struck_out_words_are_taken_back() -> None:
    found = due("~I'll have it to you today~ make that Friday")
    assert found.at == at(NEW_YORK, 2026, 11, 20, 17, 0)


def test_a_weekday_in_a_named_days_name_is_not_that_weekday() -> None:
    text = "I'll get the Cyber Monday price file to Kroger by the Friday after Thanksgiving"
    rules = ReadingRules(named_days=HolidayCalendar())
    assert due(text, rules=rules).at == at(NEW_YORK, 2026, 11, 27, 17, 0)


@pytest.mark.parametrize(
    ("text", "day", "hour", "minute"),
    [
        ("at three thirty", 18, 15, 30),
        ("Tuesday AM", 24, 9, 0),
        ("tmrw pm", 19, 15, 0),
        ("4ish", 18, 16, 0),
        ("by thrusday", 19, 17, 0),
        ("by firday", 20, 17, 0),
        ("within 3 biz days", 23, 17, 0),
    ],
)
def test_times_as_people_say_and_mistype_them(text: str, day: int, hour: int, minute: int) -> None:
    local = due(f"I'll send it {text}").at.astimezone(ZoneInfo(NEW_YORK))
    assert (local.day, local.hour, local.minute) == (day, hour, minute)


# --- properties of this session's families (issue 15) --------------------------------------------

# Said at any moment, these are always ahead ("by 3" after three is the next business day's).
ALWAYS_AHEAD = [
    "by Friday", "by EOD", "EOM", "by end of quarter", "Monday week", "a week from Friday",
    "by the weekend", "tomorrow before 3pm", "before the 3pm meeting tomorrow", "by 5pm Berlin",
    "by 0900 tomorrow", "Tuesday AM", "at three thirty", "by 4ish", "in 3 biz days", "by 5pm",
    "by 3", "by lunch",
]  # fmt: skip
# These may name a day just passed: a slip the reader leaves in the past, for the caller to ask.
MAY_HAVE_JUST_PASSED = [
    "before the 16th", "on or before the 16th", "by Thanksgiving", "before the Easter break",
    "by the Monday after Thanksgiving",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    now=moments,
    zone=st.sampled_from(ZONES),
    text=st.sampled_from(ALWAYS_AHEAD + MAY_HAVE_JUST_PASSED),
)
def test_a_deadline_read_is_ahead_or_just_passed_and_its_wall_time_exists(
    now: datetime, zone: str, text: str
) -> None:
    """Any due time read is after now (a day just passed only where a day is named), and it is
    a wall time the owner's zone has: it survives the clocks changing."""
    rules = ReadingRules(named_days=HolidayCalendar())
    for found in find_due_times(f"I'll send it {text}", now=now, tz=zone, rules=rules):
        local = found.at.astimezone(ZoneInfo(zone))
        assert local.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone)) == local
        if text in ALWAYS_AHEAD:  # at 23:59 "today" is now: passed, for the caller to ask
            assert found.at >= now
        else:
            assert found.at > now - timedelta(days=30)  # a week after the day, before its break


@settings(max_examples=200, deadline=None)
@given(now=moments, zone=st.sampled_from(ZONES))
def test_before_a_date_is_never_on_a_day_off(now: datetime, zone: str) -> None:
    rules = ReadingRules(holidays=frozenset({date(2030, 1, 1)}))
    for found in find_due_times("I'll send it before the 16th", now=now, tz=zone, rules=rules):
        local = found.at.astimezone(ZoneInfo(zone)).date()
        assert local.weekday() < 5 and local not in rules.holidays


def test_an_iso_date_with_no_such_month_is_asked_about() -> None:
    said = read_times("I'll send it by 2026-13-01", now=WEDNESDAY_MORNING, tz=NEW_YORK)
    assert (said.due_times, said.invalid) == ([], ("2026-13-01",))
