"""Named days as due times: "by Thanksgiving", "before Easter", in the writer's country."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.domain.detection import detect_promise
from bot.domain.due_times import ReadingRules, read_due_time
from bot.services.holiday_calendar import HolidayCalendar

RULES = ReadingRules(named_days=HolidayCalendar())
WRITERS = {
    "en-US": "America/New_York",
    "en-CA": "America/Toronto",
    "en-GB": "Europe/London",
    "de-DE": "Europe/Berlin",
    "en-IN": "Asia/Kolkata",
    "en-SG": "Asia/Singapore",
    "en-AU": "Australia/Melbourne",
}


def due_day(text: str, locale: str = "en-US", today: date = date(2026, 9, 14)) -> date | None:
    zone = ZoneInfo(WRITERS[locale])
    now = datetime(today.year, today.month, today.day, 10, 0, tzinfo=zone)
    found = read_due_time(text, now=now, tz=WRITERS[locale], locale=locale, rules=RULES)
    if found is None:
        return None
    local = found.at.astimezone(zone)
    assert (local.hour, local.minute, found.grain) == (17, 0, "day")
    return local.date()


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("I'll have the report to you by Thanksgiving", "en-US", date(2026, 11, 26)),
        ("I'll have the report to you by Thanksgiving", "en-CA", date(2026, 10, 12)),
        ("I'll reply to Tesco by Boxing Day", "en-GB", date(2026, 12, 26)),
        ("I'll send the rota round by NYE", "en-GB", date(2026, 12, 31)),
        ("you'll have it by Xmas eve", "en-GB", date(2026, 12, 24)),
        ("done by Australia Day, promise", "en-AU", date(2027, 1, 26)),
        ("we'll ship it for Diwali", "en-IN", date(2026, 11, 8)),
    ],
)
def test_by_a_named_day_is_that_day_in_the_writers_country(
    text: str, locale: str, day: date
) -> None:
    assert due_day(text, locale) == day


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("I'll send it before Thanksgiving", "en-US", date(2026, 11, 25)),
        ("I'll send it before Easter", "de-DE", date(2027, 3, 25)),  # Good Friday is off
        ("I'll send it before Christmas", "en-GB", date(2026, 12, 24)),
        ("I'll send it ahead of Diwali", "en-IN", date(2026, 11, 6)),  # the 8th is a Sunday
        ("I'll send it before CNY", "en-SG", date(2027, 2, 5)),
    ],
)
def test_before_a_named_day_is_the_last_working_day_before_it(
    text: str, locale: str, day: date
) -> None:
    assert due_day(text, locale, today=date(2026, 11, 2)) == day


def test_a_named_day_that_just_passed_is_that_day_so_the_writer_is_asked() -> None:
    assert due_day("by Labor Day", today=date(2026, 9, 14)) == date(2026, 9, 7)
    assert due_day("by Labor Day", today=date(2026, 12, 14)) == date(2027, 9, 6)


@pytest.mark.parametrize(
    "text",
    [
        "I'll pick up the HDFC integration after Diwali",
        "I'll book the venue for the Christmas party",
        "I'll have the slides ready for the Thanksgiving sale",
        "merry christmas everyone",
    ],
)
def test_a_named_day_that_is_no_deadline_gives_no_due_time(text: str) -> None:
    assert due_day(text) is None


def test_without_a_calendar_a_named_day_is_no_due_time() -> None:
    now = datetime(2026, 9, 14, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert read_due_time("by Thanksgiving", now=now, tz="America/New_York") is None


def test_a_named_day_is_not_taken_for_a_customer() -> None:
    assert detect_promise("on it, you'll have it for Diwali").counterpart is None
    assert detect_promise("I'll send it to Globex before Christmas").counterpart == "Globex"


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("I'll send the KYC to you before Republic Day", "en-IN", date(2027, 1, 25)),
        ("will send Grab the audit findings before National Day", "en-SG", date(2027, 8, 6)),
        ("I'll have it done by Memorial Day", "en-US", date(2027, 5, 31)),
    ],
)
def test_any_holiday_of_the_writers_country_is_read_by_its_name(
    text: str, locale: str, day: date
) -> None:
    assert due_day(text, locale, today=date(2026, 12, 14)) == day


def test_a_capitalised_name_that_is_no_holiday_is_no_due_time() -> None:
    assert due_day("I'll send it to Acme Corp before Globex does", today=date(2026, 12, 14)) is None


@pytest.mark.parametrize(
    ("text", "locale", "today", "day"),
    [
        # as people shorten them, in the country's English or its own language, its states' too
        ("I'll get the calcs to you by MLK Day", "en-US", date(2026, 1, 12), date(2026, 1, 19)),
        (
            "I'll have the pack done before Gandhi Jayanti",
            "en-IN",
            date(2026, 9, 21),
            date(2026, 10, 1),
        ),
        ("I'll clear the payments before Hari Raya", "en-SG", date(2026, 3, 9), date(2026, 3, 20)),
        (
            "I'll get the export out before Tag der Deutschen Einheit",
            "de-DE",
            date(2026, 9, 25),
            date(2026, 10, 2),
        ),
        ("I'll send it by King's Birthday", "en-AU", date(2026, 5, 25), date(2026, 6, 8)),
        # days counted from Easter or Thanksgiving, though a weekday is in their names
        ("I'll send it by Easter Monday", "en-US", date(2027, 1, 11), date(2027, 3, 29)),
        ("I'll send it before Ash Wednesday", "en-US", date(2027, 1, 11), date(2027, 2, 9)),
        ("I'll send it by Cyber Monday", "en-US", date(2026, 11, 2), date(2026, 11, 30)),
    ],
)
def test_a_holiday_is_read_by_the_names_people_give_it(
    text: str, locale: str, today: date, day: date
) -> None:
    assert due_day(text, locale, today) == day


@pytest.mark.parametrize(
    ("text", "locale", "today", "day"),
    [
        (
            "I'll send the quote before the MLK long weekend",
            "en-US",
            date(2026, 1, 12),
            date(2026, 1, 16),
        ),
        (
            "I'll get it to you ahead of the Easter break",
            "en-GB",
            date(2026, 3, 25),
            date(2026, 4, 2),
        ),
        (
            "I'll send it ahead of the July 4th weekend",
            "en-US",
            date(2026, 6, 22),
            date(2026, 7, 2),
        ),
        (
            "I'll ship it before the Memorial Day weekend",
            "en-US",
            date(2026, 5, 11),
            date(2026, 5, 22),
        ),
        (
            "I'll flick the rosters over before the long weekend",
            "en-AU",
            date(2026, 3, 25),
            date(2026, 4, 2),
        ),
    ],
)
def test_before_the_days_off_around_a_holiday_is_the_last_business_day_before_them(
    text: str, locale: str, today: date, day: date
) -> None:
    assert due_day(text, locale, today) == day


def test_the_holidays_are_where_the_writer_is_whatever_their_language() -> None:
    """Most people leave Slack in "en-US": a writer in Toronto keeps Canada's Thanksgiving."""
    zone = ZoneInfo("America/Toronto")
    now = datetime(2026, 9, 14, 10, 0, tzinfo=zone)
    found = read_due_time(
        "I'll send it before Thanksgiving",
        now=now,
        tz="America/Toronto",
        locale="en-US",
        rules=RULES,
    )
    assert found is not None and found.at.astimezone(zone).date() == date(2026, 10, 9)


def test_a_named_holiday_is_a_day_off_even_where_only_some_states_keep_it() -> None:
    zone = ZoneInfo("Australia/Sydney")
    now = datetime(2026, 6, 1, 10, 0, tzinfo=zone)
    text = "I'll get the board pack finalised before the King's Birthday long weekend"
    found = read_due_time(text, now=now, tz="Australia/Sydney", locale="en-AU", rules=RULES)
    assert found is not None and found.at.astimezone(zone).date() == date(2026, 6, 5)
    assert detect_promise(text).counterpart is None


def test_off_for_a_holiday_is_no_deadline() -> None:
    assert due_day("half the team is off for Diwali, so it waits", "en-IN") is None


@pytest.mark.parametrize(
    ("text", "today", "day"),
    [
        ("I'll send it by this Thanksgiving", date(2026, 9, 14), date(2026, 11, 26)),
        ("I'll send it by Thanksgiving 2027", date(2026, 9, 14), date(2027, 11, 25)),
        ("I'll send it by valentine's day", date(2026, 1, 12), date(2026, 2, 14)),
        ("I'll send it by mother's day", date(2026, 4, 1), date(2026, 5, 10)),
        # weeks after a named day, the coming one is meant: not a slip to ask about
        ("I'll send it by MLK Day", date(2026, 2, 12), date(2027, 1, 18)),
    ],
)
def test_named_days_with_this_a_year_or_in_lower_case(text: str, today: date, day: date) -> None:
    assert due_day(text, "en-US", today) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I'll send it by the Monday after Thanksgiving", date(2026, 11, 30)),
        ("I'll send it by the Friday before Christmas", date(2026, 12, 18)),
        ("I'll send the recap the day after Labor Day", date(2026, 9, 8)),
    ],
)
def test_a_day_counted_from_a_named_day(text: str, day: date) -> None:
    assert due_day(text, "en-US", date(2026, 8, 18)) == day
