"""Measures the due-time reader against Duckling's English time corpus, next to raw dateparser.

Usage: python bench/due_times_corpus.py [path/to/duckling_en_time.jsonl]

A record is right when the answer, truncated to the record's grain, equals `expected` truncated
to that grain (data/README.md). Our reader gives business meaning (a bare day is 17:00), so the
truncation is the fair comparison. For interval records a second column counts answers inside
[expected, end). Deadline intervals ("by EOD", "by the end of the month": they start at the
reference with grain second) are judged by their end: right when the answer is the end itself
(a clock time) or, for an end at midnight, falls on the last business day before it; inside
when reference <= answer <= end.

Our reader reads deadlines in chat, where a named day alone ("Christmas") is no deadline and
"by Christmas" is: each expression is read as a deadline, "by <expression>", unless it starts
with a word of its own that says how it relates to now ("in 2 hours", "at 3pm", "next week"). It
runs as the bot does, with the `holidays` package's calendar (the corpus' writer is in the US).
The issue's measure is the deadline records: those whose expected instant is not before the
reference day (857 of 995), at the record's grain, holidays and the rest apart.
"""

from __future__ import annotations

import json
import re
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import dateparser  # noqa: E402  (the bench compares against it; the bot imports it elsewhere)

from bot.domain.due_times import ReadingRules, find_due_times  # noqa: E402
from bot.services.holiday_calendar import HolidayCalendar  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "data" / "duckling_en_time.jsonl"
ZONE = "Etc/GMT+2"  # UTC-02:00, the corpus' fixed offset (POSIX signs are inverted)
OFFSET = timezone(timedelta(hours=-2))
RULES = ReadingRules(named_days=HolidayCalendar())  # as the bot reads: a Monday-Friday week
GRAINS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year")


def truncate(at: datetime, grain: str) -> datetime:
    at = at.astimezone(OFFSET)
    if grain == "second":
        return at.replace(microsecond=0)
    if grain == "minute":
        return at.replace(second=0, microsecond=0)
    if grain == "hour":
        return at.replace(minute=0, second=0, microsecond=0)
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if grain == "day":
        return day
    if grain == "week":
        return day - timedelta(days=day.weekday())
    if grain == "month":
        return day.replace(day=1)
    if grain == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    return day.replace(month=1, day=1)


def parse_iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None  # "in 2014 BC": outside Python's calendar


def judge(record: dict[str, Any], answer: datetime | None) -> tuple[bool, bool]:
    """(right at the record's grain, inside the record's interval)."""
    if answer is None:
        return False, False
    expected = parse_iso(record["expected"])
    end = parse_iso(record.get("end"))
    reference = parse_iso(record["reference"])
    if expected is None or reference is None:
        return False, False
    if end is not None and expected == reference and record["grain"] == "second":
        inside = reference <= answer <= end
        if end.astimezone(OFFSET).time() == datetime.min.time():
            last = (end - timedelta(days=1)).astimezone(OFFSET).date()
            while last.weekday() >= 5:
                last -= timedelta(days=1)
            return answer.astimezone(OFFSET).date() == last, inside
        return truncate(answer, "minute") == truncate(end, "minute"), inside
    right = truncate(answer, record["grain"]) == truncate(expected, record["grain"])
    inside = end is not None and expected <= answer < end
    return right, inside


def ours(record: dict[str, Any]) -> datetime | None:
    now = datetime.fromisoformat(record["reference"])
    text = record["text"]
    said = text if RELATED.match(text) else f"by {text}"
    found = find_due_times(said, now=now, tz=ZONE, locale="en-US", rules=RULES)
    return found[0].at if found else None


RELATED = re.compile(
    r"(?:by|before|until|till|in|within|at|on|from|after|for|the|this|next|last|around|about)\b",
    re.IGNORECASE,
)


def can_be_a_deadline(record: dict[str, Any]) -> bool:
    """The expected instant is not before the reference day."""
    expected, reference = parse_iso(record["expected"]), parse_iso(record["reference"])
    if expected is None or reference is None:
        return False
    return expected.astimezone(OFFSET).date() >= reference.astimezone(OFFSET).date()


def raw(record: dict[str, Any]) -> datetime | None:
    base = datetime.fromisoformat(record["reference"]).replace(tzinfo=None)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    try:
        found: datetime | None = dateparser.parse(
            record["text"], languages=["en"], settings=settings
        )
    except (ValueError, OverflowError):
        return None
    if found is None:
        return None
    return found.replace(tzinfo=OFFSET) if found.tzinfo is None else found


def timed(
    reader: Callable[[dict[str, Any]], datetime | None], record: dict[str, Any]
) -> tuple[datetime | None, float]:
    start = time.perf_counter()
    answer = reader(record)
    return answer, (time.perf_counter() - start) * 1000


def main(argv: list[str]) -> None:
    print("$ " + shlex.join([Path(sys.executable).name, *argv]))
    path = Path(argv[1]) if len(argv) > 1 else CORPUS
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    ours(records[0]), raw(records[0])  # warm up: imports, language data, compiled patterns
    rows: dict[str, list[tuple[bool, bool, bool, bool, bool]]] = {}
    times: dict[str, list[float]] = {"ours": [], "raw dateparser": []}
    for record in records:
        mine, t_mine = timed(ours, record)
        theirs, t_theirs = timed(raw, record)
        times["ours"].append(t_mine)
        times["raw dateparser"].append(t_theirs)
        interval = record["kind"] == "interval"
        row = (*judge(record, theirs), *judge(record, mine), interval)
        holiday = "holiday" in record
        keys = [record["grain"], "all", *([] if holiday else ["no holidays"])]
        if can_be_a_deadline(record):
            keys += ["deadlines", "deadline, holiday" if holiday else "deadline, other"]
        for key in keys:
            rows.setdefault(key, []).append(row)

    def pct(values: list[bool]) -> str:
        return f"{100 * sum(values) / len(values):5.1f} %" if values else "    -  "

    print()
    header = (
        f"| {'grain':<17} | records | raw dateparser | ours    "
        "| intervals | raw inside | ours inside |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for key in (*GRAINS, "all", "no holidays", "deadlines", "deadline, holiday", "deadline, other"):
        group = rows.get(key, [])
        if not group:
            continue
        spans = [r for r in group if r[4]]
        print(
            f"| {key:<17} | {len(group):>7} | {pct([r[0] for r in group]):>14} |"
            f" {pct([r[2] for r in group]):>7} | {len(spans):>9} |"
            f" {pct([r[1] for r in spans]):>10} | {pct([r[3] for r in spans]):>11} |"
        )
    print()
    for name, values in times.items():
        ordered = sorted(values)
        p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
        print(
            f"{name:<15} per message: median {statistics.median(values):.3f} ms,"
            f" p99 {p99:.3f} ms, max {ordered[-1]:.3f} ms"
        )


if __name__ == "__main__":
    main(sys.argv)
