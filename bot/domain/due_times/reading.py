"""Reading one text: its pieces, how they group, and what each group resolves to."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from bot.domain import named_days
from bot.domain.blanks import squeeze
from bot.domain.due_times.business_days import (
    business_calendar,
    business_day_before,
    business_days_after,
    first_business_day,
    next_month_with_day,
    same_day_next_year,
)
from bot.domain.due_times.clocks import working_hour
from bot.domain.due_times.fallback import DIGIT, NAMED, SHORT_TEXT, SHORT_WORDS, dateparser_read
from bot.domain.due_times.grammar import phrase_shapes
from bot.domain.due_times.times import (
    LAST_MINUTE,
    LATE_EVENING,
    MAX_STEPS,
    DueTime,
    Grain,
    Piece,
    ReadingRules,
    SaidClock,
    SaidDay,
    SaidMoment,
    SaidPast,
)
from bot.domain.due_times.words import ANY_CASE, MONTH, fiscal_start_in, month_first_in, region_of
from bot.domain.due_times.zone_words import ZONE, zone_of
from bot.domain.zones import country_of

# Cheap first look: no digit and none of these words means no due time (microseconds).
PREFILTER = re.compile(
    r"\d|\b(?:today|tonight|tonite|tomorrow|tomorow|tmrw?|tmw|eo[dwmqybp]|cob|c\.o\.b|end\s+of"
    r"|close\s+of|noon|midday|midnight|morning|afternoon|arvo|evening|night|lunch|first\s+thing"
    r"|week|month|fortnight|quarter|year|\bfy|eofy|fiscal|financial|hours?\b|minutes?\b|day"
    r"|half|past|uhr\b|mins?\b|hrs?\b|yesterday"
    r"|mon|tue|wed|thu|fri|sat|sun|"
    + named_days.PATTERN
    + "|"
    + MONTH
    + r"|(?:in|within)\s+(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|half|a\s+couple"
    r"|a\s+few|a\s+quarter|three)|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)[\s-]+(?:[a-z]+\s*)?(?:[ap]\.?m\b|o['’]?\s?clock)"
    r"|\b(?:at|by|before|until|till)\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\b|wendesday|wensday|thrusday|thurday|firday|fridy|teusday"
    r"|\b(?:by|before|ahead\s+of|prior\s+to|until|till)\s+(?:the\s+)?(?-i:[A-Z]))",  # a holiday
    ANY_CASE,
)
# Links, mentions, channels, e-mail, phone and version numbers, and "24/7", never hold a due
# time: they are blanked first (same length, so positions in the text stay true). An address
# is tried from the start of a word only, and a link holds no other "<": tried from every
# character of a long word, they cost its length squared.
_NOISE = re.compile(
    r"<[^<>\s]*>|https?://\S+|www\.\S+|(?<!\S)[^\s@]+(?:@[^\s@]+)*@[^\s@]+\.\w+"
    r"|(?<!\w)[@#](?!\d)[\w.-]+|:[a-z][a-z0-9_+-]*:"
    r"|\b\d{3}[-. ]\d{4}\b|\b(?:v|version|release|rev|build)\s*\d[\w.-]*"
    r"|\b24\s*[/x]\s*7\b"  # "24/7" is always, not the 24th of July
    r"|(?<![\w_])_+(?=[^\W_])|(?<=[^\W_])_+(?![\w_])"  # Slack's _italics_ around words
    r"|(?<![\w~])~(?=\S)[^~\n]+(?<=\S)~(?![\w~])",  # ~struck out~: taken back
    ANY_CASE,
)
_PREFIX = re.compile(
    r"(?:\b(?:no|not)\s+later\s+than|\bby|\bbefore|\buntil|\btill|\btil|\bdue(?:\s+(?:on|by|at|"
    r"before))?|\bon|\bat|@|\bfor)(?:\s+the)?\s*$",
    ANY_CASE,
)
# What may stand between a day and a clock time of one due time: "Friday at 3", "tomorrow
# before 3pm", "tomorrow's 3pm call", "the 3pm meeting tomorrow", "the 10am standup on Friday".
_EVENT = (
    r"(?:[a-z]+[\s-])?(?:meeting|call|stand-?up|sync|review|demo|session|check-?in|catch-?up"
    r"|interview|presentation|workshop|huddle|kick-?off|briefing|webinar|pitch|retro|slot"
    r"|appointment|flight|train|class|talk|all-hands|town\s?hall|cut-?off)s?"
)
_JOIN = re.compile(
    r"[\s,(]*(?:['’]s\b)?[\s,]*"
    r"(?:(?:at|on|@|by|of|the|in\s+the|around|-|before|until|till|no\s+later\s+than"
    r"|ahead\s+of|prior\s+to)\s*)?(?:the\s+)?"
    rf"(?:{_EVENT}\s*(?:(?:at|on|of)\s*)?)?[\s,]*",
    ANY_CASE,
)
_BEFORE = re.compile(r"before|prior\s+to|ahead\s+of", ANY_CASE)
_ON_OR = re.compile(r"\bon\s+or\s+(?:\S+\s+){0,2}$", ANY_CASE)
_ON_OR_REACH = 60  # characters it is looked for in, back from "before": not the whole text
_AT_THE_LATEST = re.compile(r"\s*,?\s*(?:at\s+the\s+)?latest\b", ANY_CASE)
_JOIN_LONGEST = 40  # characters: "no later than the 3pm client meeting on "
_JOIN_PAST = re.compile(
    r"[\s,(]*(?:(?:at|on|@|by|of|the|in\s+the|around|from|-)\s*)?[\s,]*", ANY_CASE
)


class TextReading:
    def __init__(
        self, text: str, now: datetime, zone: ZoneInfo, locale: str, rules: ReadingRules
    ) -> None:
        self.text = text
        # What the patterns read: noise blanked, then long runs of blanks (a blanked link too)
        # cut short; `squeezed.origin` finds a phrase's words in the text as written.
        self.squeezed = squeeze(_NOISE.sub(lambda m: " " * len(m.group()), text))
        self.clean = self.squeezed.text
        self.now = now.astimezone(UTC)
        self.zone = zone
        self.local = now.astimezone(zone)
        self.today = self.local.date()
        self.rules = rules
        # Holidays are where the writer is, not their language's: an "en-US" writer in
        # Toronto keeps Canada's Thanksgiving.
        self.country = country_of(str(zone)) or region_of(locale)
        self.calendar = business_calendar(rules, self.country, self.today.year)
        self.month_first = month_first_in(locale)
        self.fiscal_start = rules.fiscal_year_start or fiscal_start_in(locale)
        self.invalid: list[str] = []
        self.past: list[str] = []  # "by yesterday": said as a deadline, of the past

    # -- pieces -------------------------------------------------------------------------------
    def pieces(self) -> list[Piece]:
        found: list[Piece] = []
        for pattern, handler in phrase_shapes():
            for m in pattern.finditer(self.clean):
                part = handler(self, m)
                if part is None:
                    continue
                end = m.end()
                if isinstance(part, SaidClock) and part.zone is None:
                    z = ZONE.match(self.clean, end)
                    if z and (zone := zone_of(z)) is not None:
                        part = replace(part, zone=zone, bare=False)
                        end = z.end()
                found.append(Piece(m.start(), end, part))
        found.sort(key=lambda p: (p.start, -(p.end - p.start)))
        chosen: list[Piece] = []
        for piece in found:
            if chosen and piece.start < chosen[-1].end:
                continue
            chosen.append(piece)
        return chosen

    def due_times(self) -> Iterator[DueTime]:
        pieces = self.pieces()
        if self.invalid:
            return  # "by Friday 25:00", "Feb 30": no due time is guessed; the caller asks
        for group in _clusters(self.clean, pieces):
            due = self._resolve(group)
            if due is not None:
                yield due
        if not pieces and not self.invalid:
            fallback = self._fallback()
            if fallback is not None:
                yield fallback

    # -- resolution ---------------------------------------------------------------------------
    def _resolve(self, group: list[Piece]) -> DueTime | None:
        days = [p.part for p in group if isinstance(p.part, SaidDay)]
        clocks = [p.part for p in group if isinstance(p.part, SaidClock)]
        moments = [p.part for p in group if isinstance(p.part, SaidMoment)]
        start, end = group[0].start, group[-1].end
        prefix = _PREFIX.search(self.clean, max(0, start - 24), start)
        if prefix:
            start = prefix.start()
        matched = self.text[self.squeezed.origin(start) : self.squeezed.origin(end)].strip()
        if any(isinstance(p.part, SaidPast) for p in group):
            if prefix or matched == self.text.strip():  # "by yesterday"; "yesterday" alone
                self.past.append(matched)
            return None  # "yesterday at 3pm" is not a due time today
        if moments:
            return DueTime(moments[0].at, "minute", matched)
        if len(days) > 1 and _AT_THE_LATEST.match(self.clean, end):
            days = days[-1:]  # "Monday, Tuesday at the latest": the latest is the promise
        if _contradict(days):  # "Thursday 27th" when the 27th is a Friday: ask which
            self.invalid.append(matched)
            return None
        day = _pick_day(days)
        clock = _pick_clock(clocks, day.bias if day else None)
        before = (
            prefix
            and _BEFORE.match(prefix[0])
            and not _ON_OR.search(self.clean, max(0, start - _ON_OR_REACH), start)
        )
        if day is not None and day.dated and clock is None and before:
            # "before the 16th": by the end of the business day before it ("on or before": on)
            day = replace(day, day=business_day_before(self.calendar, day.day), roll="none")
        if day is None and (clock is None or clock.bare):
            return None
        at, grain = self._when(day, clock)
        return DueTime(_in_utc(at), grain, matched)

    def _when(self, day: SaidDay | None, clock: SaidClock | None) -> tuple[datetime, Grain]:
        rules = self.rules
        if clock is None:
            assert day is not None
            at = datetime.combine(day.day, day.default or rules.end_of_day, self.zone)
            if day.today and at <= self.now:
                late = LATE_EVENING if self.local.time() < LATE_EVENING else LAST_MINUTE
                at = datetime.combine(day.day, late, self.zone)
            return self._roll(at, day), day.grain
        zone = clock.zone or self.zone
        if day is None:
            local_day = self.now.astimezone(zone).date()
            if clock.next_business_day:  # "by 3" on a Saturday is Monday's
                local_day = first_business_day(self.calendar, local_day)
            at = datetime.combine(local_day, clock.at, zone)
            if at <= self.now:  # passed: the next business day's ("by 5pm" on a Friday night)
                later = business_days_after(self.calendar, local_day, 1)
                at = datetime.combine(later, clock.at, zone)
            return at, clock.grain
        at = datetime.combine(day.day, clock.at, zone)
        return self._roll(at, day), clock.grain

    def _roll(self, at: datetime, day: SaidDay) -> datetime:
        if day.roll == "none" or at > self.now:
            return at
        wall, zone, d = at.time(), at.tzinfo, at.date()
        for _ in range(MAX_STEPS):
            if day.roll == "week":
                d += timedelta(days=7)
            elif day.roll == "year":
                d = same_day_next_year(d)
            else:
                d = next_month_with_day(d, day.month_day or d.day)
            at = datetime.combine(d, wall, zone)
            if at > self.now:
                break
        return at

    # -- the rest goes to dateparser ------------------------------------------------------------
    def _fallback(self) -> DueTime | None:
        words = self.clean.split(maxsplit=SHORT_WORDS)
        short = " ".join(words)
        if not words or len(words) > SHORT_WORDS or len(short) > SHORT_TEXT:
            return None
        if not (DIGIT.search(short) and NAMED.search(short)):
            return None
        data = dateparser_read(
            short, self.local.replace(tzinfo=None), self.rules.languages, self.month_first
        )
        if data is None:
            return None
        found, period = data
        rules = self.rules
        grain: Grain
        if period == "time":
            at = datetime.combine(found.date(), found.time(), self.zone)
            grain = "minute" if found.minute else "hour"
        elif period == "day":
            at = datetime.combine(found.date(), rules.end_of_day, self.zone)
            grain = "day"
        elif period == "week":
            monday = found.date() - timedelta(days=found.weekday())
            at = datetime.combine(
                first_business_day(self.calendar, monday), rules.morning, self.zone
            )
            grain = "week"
        else:
            first = found.date().replace(day=1)
            at = datetime.combine(
                first_business_day(self.calendar, first), rules.morning, self.zone
            )
            grain = "month"
        return DueTime(_in_utc(at), grain, self.text.strip())


def _in_utc(at: datetime) -> datetime:
    """The instant in UTC; a wall time past the last instant Python holds (9999-12-31 evening
    west of UTC) as that last instant, far enough in the future for any rule to refuse."""
    try:
        return at.astimezone(UTC)
    except OverflowError:
        return datetime.max.replace(tzinfo=UTC)


def _contradict(days: list[SaidDay]) -> bool:
    """A weekday and a date said together that are not the same day."""
    dated = [d.day for d in days if d.dated]
    weekdays = {d.weekday for d in days if d.weekday is not None}
    return bool(dated and weekdays and weekdays != {dated[0].weekday()})


def _pick_day(days: list[SaidDay]) -> SaidDay | None:
    if not days:
        return None
    strong = [d for d in days if d.weekday is None or d.roll == "none"]
    if not strong:
        return days[0]
    day = strong[0]
    weekdays = [d.weekday for d in days if d.weekday is not None and d is not day]
    if day.grain == "week" and weekdays and weekdays[0] is not None:
        # "next week Friday": the Friday of that week
        monday = day.day - timedelta(days=day.day.weekday())
        return SaidDay(monday + timedelta(days=weekdays[0]))
    return day


def _pick_clock(clocks: list[SaidClock], bias: Literal["am", "pm"] | None) -> SaidClock | None:
    if not clocks:
        return None
    exact = [c for c in clocks if c.part is None]
    parts = [c for c in clocks if c.part is not None]
    if not exact:
        return parts[0]
    clock = exact[0]
    if parts:
        bias = parts[0].part
        clock = replace(clock, bare=False)
    if clock.ambiguous:
        clock = replace(clock, at=working_hour(clock.at, bias), ambiguous=False)
    return clock


def _clusters(text: str, pieces: list[Piece]) -> Iterator[list[Piece]]:
    group: list[Piece] = []
    past = False  # whether the group speaks of the past: known as it grows, not searched for
    for piece in pieces:
        if group and _joins(text, group, piece, past=past):
            group.append(piece)
            past = past or isinstance(piece.part, SaidPast)
            continue
        if group:
            yield group
        group, past = [piece], isinstance(piece.part, SaidPast)
    if group:
        yield group


def _joins(text: str, group: list[Piece], piece: Piece, *, past: bool) -> bool:
    """Whether the piece belongs with the group before it. Only a group about the past grows
    without bound ("yesterday, the day before yesterday..."); the others hold a few pieces."""
    gap = text[group[-1].end : piece.start]
    part = piece.part
    if past or isinstance(part, SaidPast):
        return len(gap) <= 12 and bool(_JOIN_PAST.fullmatch(gap))
    if len(gap) > _JOIN_LONGEST or not _JOIN.fullmatch(gap):
        return False
    if isinstance(part, SaidMoment) or any(isinstance(p.part, SaidMoment) for p in group):
        return False
    if isinstance(part, SaidDay):
        days = [p.part for p in group if isinstance(p.part, SaidDay)]
        return not days or (
            len(days) == 1 and (days[0].weekday is not None or part.weekday is not None)
        )
    clocks = [p.part for p in group if isinstance(p.part, SaidClock)]
    if not clocks:
        return True
    if len(clocks) > 1:
        return False
    # a part of day goes with one exact time: "this afternoon at 3", "3 in the afternoon"
    return (clocks[0].part is None) != (part.part is None)
