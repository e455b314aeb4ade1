"""Nudges in the shell: the reminder, and the commands that answer it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.render.shared.promises import nudge_text
from bot.render.shared.times import when

# The shell's way of pressing each nudge's buttons.
ANSWERS = {
    "heads_up": "/done {id} · /more-time {id} WHEN",
    "final_check": "/done {id} · /on-track {id} · /more-time {id} WHEN",
    "at_deadline": "/done {id} · /more-time {id} WHEN",
    "overdue": "/done {id} · /more-time {id} WHEN",
    "escalation": "",
}


def nudge_line(payload: dict[str, Any]) -> str:
    due = when(datetime.fromisoformat(payload["due"]), payload["zone"])
    counterpart = payload.get("counterpart")
    mention = f"@{counterpart}" if counterpart else None
    text = nudge_text(payload, due, mention, f"@{payload['owner']}")
    answers = ANSWERS[payload["stage"]].format(id=payload["promise_id"])
    return f"{text}  ({answers})" if answers else text
