"""`python -m bot understand`: the message reader on JSON lines, to check it on real messages."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from bot.domain.due_times import ReadingRules
from bot.domain.printable import printable
from bot.domain.promises import MAX_OFFERED
from bot.domain.zones import local_time, locale_tag, zone
from bot.services.understand import Context, read_message

EMPTY = {"promise": False, "due": None, "grain": None, "matched": None, "counterpart": None}


@dataclass(frozen=True)
class Defaults:
    """The flags: whose messages these are, unless a JSON line says otherwise."""

    tz: str
    now: datetime  # aware, in `tz`
    locale: str


def understand_lines(
    lines: Iterable[str], out: TextIO, defaults: Defaults, rules: ReadingRules
) -> None:
    """One JSON object out per line in (a blank line is a message with nothing in it, so the
    answers stay in step with the lines); a line it cannot read gets the empty answer and an
    error."""
    for number, line in enumerate(lines, start=1):
        try:
            answer = _understand(line, defaults, rules)
        except (ValueError, OverflowError) as error:  # OverflowError: a time past the year 9999
            answer = {**EMPTY, "error": f"line {number}: {error}"}
        out.write(json.dumps(answer, ensure_ascii=False) + "\n")
        out.flush()


def _understand(line: str, defaults: Defaults, rules: ReadingRules) -> dict[str, Any]:
    text, tz, now, locale = _message(printable(line), defaults)
    if not text.strip() or len(text) > MAX_OFFERED:  # a document, not a promise Kept offers
        return dict(EMPTY)
    reading = read_message(printable(text), Context(now, tz, locale, rules))
    due = reading.due or (reading.conflicting[0] if reading.conflicting else None)
    return {
        "promise": reading.offered_due(now) is not None,
        "due": due.at.astimezone(ZoneInfo(tz)).isoformat() if due else None,
        "grain": due.grain if due else None,
        "matched": due.matched if due else None,
        "counterpart": reading.counterpart,
    }


def _message(line: str, defaults: Defaults) -> tuple[str, str, datetime, str]:
    """(text, tz, now, locale): a plain line is the text; a JSON object may override the flags."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return stripped, defaults.tz, defaults.now, defaults.locale
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as error:
        raise ValueError(f"not a JSON object ({error.msg})") from None
    if not isinstance(data.get("text"), str):
        raise ValueError('a JSON line needs "text"')
    tz = zone(str(data["tz"])) if data.get("tz") is not None else defaults.tz
    now = (
        local_time(str(data["now"]), tz)
        if data.get("now")
        else defaults.now.astimezone(ZoneInfo(tz))
    )
    said = data.get("locale")
    return data["text"], tz, now, locale_tag(str(said)) if said is not None else defaults.locale
