"""The shape of a signed Slack request, checked before Bolt sees it: a body Slack would not
send (JSON that is not, a command without its user) is refused with 400 and one log line,
instead of a 500 or a listener failing on a missing field."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs


def malformed(content_type: str, body: bytes) -> str | None:
    """What is wrong with the body, in a few words; None when it is shaped like Slack's."""
    text = body.decode("utf-8")  # its signature was checked, and that needs UTF-8
    if content_type.split(";")[0].strip().lower() == "application/json":
        return _event(_json(text))
    fields = {name: values[-1] for name, values in parse_qs(text).items()}
    if "payload" in fields:
        return _interaction(_json(fields["payload"]))
    if "command" in fields:
        return None if fields.get("user_id") else "a command without its user_id"
    if "ssl_check" in fields:
        return None
    return "neither an event, an interaction nor a command"


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _typed(data: Any) -> bool:
    """Whether `data` is an object with a `type`, as every event and interaction is."""
    return isinstance(data, dict) and isinstance(data.get("type"), str)


def _event(data: Any) -> str | None:
    return None if _typed(data) else "JSON that is not an Events API object with a type"


def _interaction(data: Any) -> str | None:
    if not _typed(data):
        return "a payload that is not an interaction with a type"
    user = data.get("user")
    if not isinstance(user, dict) or not isinstance(user.get("id"), str):
        return "an interaction without its user"
    return None
