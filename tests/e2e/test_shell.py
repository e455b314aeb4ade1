"""The local shell, driven through standard input as a script would."""

from __future__ import annotations

from tests.e2e.conftest import RunBot

START = ("shell", "--as", "me", "--tz", "Europe/London", "--now", "2026-11-24T09:00")


def test_plain_python_m_bot_opens_the_shell_when_no_platform_is_configured(
    run_bot: RunBot, database_url: str
) -> None:
    result = run_bot(stdin="/quit\n", DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    assert "Kept, in your terminal" in result.stdout
    assert "'Connect Microsoft Teams') and run `python -m bot serve`" in result.stdout


def test_a_scripted_session_shows_help_and_moves_the_clock(
    run_bot: RunBot, database_url: str
) -> None:
    script = "/promise help\n/time\n/wait 1d\n/as raj Asia/Kolkata\n/time\n"

    result = run_bot(*START, stdin=script, DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "@me> /promise help" in out
    assert "/promise send the Q3 deck to @ana by Friday 3pm" in out
    assert "It is Tuesday 24 November 2026, 09:00 (Europe/London)." in out
    assert "It is Wednesday 25 November 2026, 09:00 (Europe/London)." in out
    assert "You are now @raj (Asia/Kolkata)." in out
    assert "It is Wednesday 25 November 2026, 14:30 (Asia/Kolkata)." in out
    assert result.stderr == ""


def test_mistakes_get_a_hint_and_the_session_goes_on(run_bot: RunBot, database_url: str) -> None:
    script = "/wait soon\n/as\n/as raj Mars/Base\n/frobnicate\n/time\n"

    result = run_bot(*START, stdin=script, DATABASE_URL=database_url)

    out = result.stdout
    assert "How long? For example: /wait 2h" in out
    assert "Who? For example: /as ana" in out
    assert "'Mars/Base' is not a time zone I know" in out
    assert "I don't know /frobnicate. Type /help" in out
    assert "It is Tuesday 24 November 2026, 09:00 (Europe/London)." in out


def test_a_bad_zone_on_the_command_line_is_refused(run_bot: RunBot) -> None:
    result = run_bot("shell", "--tz", "Nowhere/Land")

    assert result.returncode == 2
    assert "--tz: 'Nowhere/Land' is not a time zone like Europe/London" in result.stderr


def test_a_promise_is_made_told_listed_and_kept_in_the_shell(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the Q3 deck to @ana by Friday 3pm\n"
        "/as ana America/New_York\n"
        "/promise list\n"
        "/done 1\n"
        "/as me\n"
        "/promise list\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "Tracked #1: send the Q3 deck to @ana, due Fri 27 Nov, 15:00. I've told @ana." in out
    # ana has not said her zone yet: she is told in the default zone, UTC.
    assert "[to @ana] @me promised you: send the Q3 deck to @ana, by Fri 27 Nov, 15:00." in out
    assert "Owed to you:\n  #1 @me: send the Q3 deck to @ana, due Fri 27 Nov, 10:00" in out
    assert "Marked done on time: #1 send the Q3 deck to @ana" in out
    assert out.rstrip().endswith(
        "No open promises. Make one: /promise send the Q3 deck to @ana by Friday 3pm"
    )


def test_a_promise_in_a_message_is_offered_then_tracked(run_bot: RunBot, database_url: str) -> None:
    script = (
        "lunch at noon?\n"
        "I'll get the invoice fixed for Acme by EOD tomorrow\n"
        "/track\n"
        "/more-time 1 Monday 10am, waiting on finance\n"
        "/track\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "@me> lunch at noon?\n(sent)" in out
    assert (
        "That sounds like a promise for Acme: get the invoice fixed for Acme,"
        " due Wed 25 Nov, 17:00." in out
    )
    assert "Tracked #1: get the invoice fixed for Acme, due Wed 25 Nov, 17:00." in out
    assert "New due time: #1 get the invoice fixed for Acme, due Mon 30 Nov, 10:00." in out
    assert "Nothing to track yet." in out


def test_refusals_in_the_shell_change_nothing(run_bot: RunBot, database_url: str) -> None:
    script = (
        "/promise fix it\n"
        "/promise fix it by Feb 30\n"
        "/promise send it to @ana by Friday\n"
        "/as bob\n"
        "/cancel 1\n"
        "/done 7\n"
        "/done first\n"
        "/done ²\n"
        "/as me\n"
        "/promise list\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "By when? I couldn't find a due time in that." in out
    assert "There is no Feb 30 in the calendar." in out
    assert "Only the person who made this promise can change it." in out
    assert "I can't find that promise." in out
    assert out.count("Which promise? For example: /done 3") == 2  # "first", and "²"
    assert "Traceback" not in out
    assert "You owe:\n  #1 send it to @ana, due Fri 27 Nov, 17:00" in out


def test_a_time_in_another_city_and_a_date_just_passed_are_read_as_meant(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the load test results to @ana by 5pm London time\n"
        "/promise send the invoice to Acme by Nov 20\n"
    )
    new_york = ("shell", "--as", "me", "--tz", "America/New_York", "--now", "2026-11-23T09:00")

    result = run_bot(*new_york, stdin=script, DATABASE_URL=database_url)

    out = result.stdout
    assert "Tracked #1: send the load test results to @ana, due Mon 23 Nov, 12:00." in out
    assert "That due time has already passed. When will you deliver it?" in out
    assert "Tracked #2" not in out


def test_an_impossible_time_is_refused_with_the_reason(run_bot: RunBot, database_url: str) -> None:
    result = run_bot(
        *START, stdin="/promise give you the estimates by Friday 25:00\n", DATABASE_URL=database_url
    )

    assert "There is no 25:00 on the clock. What time did you mean?" in result.stdout
    assert "Tracked" not in result.stdout


def test_a_named_day_is_that_day_in_the_owners_country(run_bot: RunBot, database_url: str) -> None:
    script = (
        "/promise send the capacity report to @ana before Thanksgiving\n"
        "/promise send the audit pack to Acme by Boxing Day\n"
    )
    new_york = ("shell", "--as", "me", "--tz", "America/New_York", "--now", "2026-11-16T09:00")

    out = run_bot(*new_york, stdin=script, DATABASE_URL=database_url).stdout

    assert "Tracked #1: send the capacity report to @ana, due Wed 25 Nov, 17:00." in out
    assert "Tracked #2: send the audit pack to Acme, due Sat 26 Dec, 17:00." in out


def test_a_deadline_in_the_past_is_named_and_a_co_workers_name_is_not_repeated(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the deck to @ana by yesterday\n/promise send the deck to @Ana by Friday\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "“by yesterday” is in the past. When will you deliver it?" in out
    assert "Tracked #1: send the deck to @Ana, due" in out


def test_a_time_tied_to_an_event_on_a_day_is_that_day_at_that_time(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the deck to @ana before the 3pm meeting tomorrow\n"
        "/promise send the notes to @ana Friday before 10am\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "Tracked #1: send the deck to @ana, due Wed 25 Nov, 15:00." in out
    assert "Tracked #2: send the notes to @ana, due Fri 27 Nov, 10:00." in out


def test_more_time_to_an_earlier_date_is_not_more_time_and_can_be_brought_forward(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the audit to @ana by Wednesday\n"
        "/more-time 1 Tuesday, ready early\n"
        "/sooner\n"
        "/sooner\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert (
        "Tue 24 Nov, 17:00 is earlier than it's due (Wed 25 Nov, 17:00), so it isn't more time."
        " Bring it forward? Type /sooner." in out
    )
    assert "needs more time" not in out
    assert "Brought forward: #1 send the audit to @ana, due Tue 24 Nov, 17:00." in out
    assert "[to @ana] @me will deliver sooner: send the audit to @ana, now due" in out
    assert "Nothing to bring forward." in out


def test_a_due_time_in_another_year_shows_its_year_wherever_it_is_shown(
    run_bot: RunBot, database_url: str
) -> None:
    script = "/promise send the plan to @ana by Jan 5\n/promise list\n"

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "Tracked #1: send the plan to @ana, due Tue 5 Jan 2027, 17:00." in out
    assert "[to @ana] @me promised you: send the plan to @ana, by Tue 5 Jan 2027, 17:00." in out
    assert "  #1 send the plan to @ana, due Tue 5 Jan 2027, 17:00" in out


def test_the_promise_is_to_whom_its_words_give_it_not_whom_the_message_thanks(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "thanks @raj, I'll send the revised quote to Acme by Friday\n"
        "@raj I'll send the deck to @ana by Friday\n"
        "I'll have the Bank of Ireland submission in by Friday\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "That sounds like a promise for Acme: send the revised quote to Acme" in out
    assert "That sounds like a promise to @ana: send the deck to @ana" in out
    assert "That sounds like a promise for Bank of Ireland: have the Bank of Ireland" in out


def test_holidays_by_their_short_names_and_the_days_off_around_them(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the calcs to @ana by MLK Day\n"
        "/promise send the quote to Acme before the MLK long weekend\n"
    )
    chicago = ("shell", "--as", "me", "--tz", "America/Chicago", "--now", "2026-01-12T09:00")

    out = run_bot(*chicago, stdin=script, DATABASE_URL=database_url).stdout

    assert "Tracked #1: send the calcs to @ana, due Mon 19 Jan, 17:00." in out
    assert "Tracked #2: send the quote to Acme, due Fri 16 Jan, 17:00." in out


def test_every_co_worker_named_is_told_and_any_of_them_may_mark_it_received(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the deck to @ana, @raj and @li by Friday\n"
        "/as raj\n/promise list\n/done 1\n"
        "/as bob\n/done 1\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "I've told @ana, @raj and @li." in out
    for name in ("ana", "raj", "li"):
        assert f"[to @{name}] @me promised you: send the deck to @ana, @raj and @li" in out
    assert "Owed to you:\n  #1 @me: send the deck" in out
    assert "[to @me] @raj marked your promise received" in out
    assert out.count("Marked done") == 1


def test_more_time_reads_the_new_time_before_the_note_and_keeps_every_word_of_it(
    run_bot: RunBot, database_url: str
) -> None:
    script = (
        "/promise send the audit to @ana by Wednesday\n"
        "/more-time 1 Monday 7 Dec noon, I'll update you tomorrow morning\n"
        "/more-time 1 Friday 25:00\n"
        "/more-time 1 yesterday\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "New due time: #1 send the audit to @ana, due Mon 7 Dec, 12:00." in out
    assert "Their note: “I'll update you tomorrow morning”" in out
    assert "There is no 25:00 on the clock. What time did you mean?" in out
    assert "“yesterday” is in the past. By when, then?" in out


def test_told_on_a_promise_to_no_co_worker_is_noted(run_bot: RunBot, database_url: str) -> None:
    script = (
        "/promise send the revised quote to the client by Wednesday\n"
        "/more-time 1 Friday, waiting on finance\n/told 1\n"
    )

    out = run_bot(*START, stdin=script, DATABASE_URL=database_url).stdout

    assert "Kept told them already" not in out
    assert "Noted that you told them: #1 send the revised quote to the client" in out


def test_as_someone_who_is_no_name_is_refused(run_bot: RunBot, database_url: str) -> None:
    out = run_bot(*START, stdin="/as <!channel>\n/as @@@\n", DATABASE_URL=database_url).stdout

    assert out.count("Who? For example: /as ana") == 2
    assert "You are now" not in out
