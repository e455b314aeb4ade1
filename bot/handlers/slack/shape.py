"""The shape of a signed Slack request, checked before Bolt sees it: a body Slack would not
send (JSON that is not, a command without its user, an id of 40,000 characters, a message's
text that is a number) is refused with 400 and one log line, instead of a 500, a listener
failing on a field, or a database refusing a value too long for its column."""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

# Slack's ids (T…, U…, C…, Ev…, a message's ts, a trigger id): letters, digits, a few marks.
_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
Path = tuple[str, ...]

# The fields Kept's listeners read, by where they are; each may be missing, never misshapen.
_EVENT_IDS: list[Path] = [
    ("team_id",),
    ("api_app_id",),
    ("enterprise_id",),
    ("event_id",),
    ("event", "user"),
    ("event", "channel"),
    ("event", "ts"),
    ("event", "thread_ts"),
    ("event", "bot_id"),
    ("event", "item_user"),
    ("event", "item", "channel"),
    ("event", "item", "ts"),
]
_EVENT_WORDS: list[Path] = [("event", "text"), ("event", "subtype"), ("event", "reaction")]
_INTERACTION_IDS: list[Path] = [
    ("user", "id"),
    ("user", "team_id"),
    ("team", "id"),
    ("enterprise", "id"),
    ("channel", "id"),
    ("container", "channel_id"),
    ("container", "message_ts"),
    ("message", "user"),
    ("message", "ts"),
    ("trigger_id",),
]
_INTERACTION_WORDS: list[Path] = [
    ("response_url",),
    ("callback_id",),
    ("message", "text"),
    ("view", "callback_id"),
    ("view", "private_metadata"),
]
_COMMAND_IDS: list[Path] = [("user_id",), ("team_id",), ("enterprise_id",), ("channel_id",)]


def malformed(content_type: str, body: bytes, hooks: Collection[str]) -> str | None:
    """What is wrong with the body, in a few words; None when it is shaped like Slack's, its
    response_url (where Kept answers) on one of the `hooks` hosts."""
    text = body.decode("utf-8")  # its signature was checked, and that needs UTF-8
    if content_type.split(";")[0].strip().lower() == "application/json":
        return _event(_json(text))
    fields = {name: values[-1] for name, values in parse_qs(text).items()}
    if "payload" in fields:
        payload = _json(fields["payload"])
        return _interaction(payload) or _answered_elsewhere(payload, hooks)
    if "command" in fields:
        if not fields.get("user_id"):
            return "a command without its user_id"
        return _misshapen(fields, _COMMAND_IDS, []) or _answered_elsewhere(fields, hooks)
    if "ssl_check" in fields:
        return None
    return "neither an event, an interaction nor a command"


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError):  # RecursionError: nested 100,000 deep
        return None


def _typed(data: Any) -> bool:
    """Whether `data` is an object with a `type`, as every event and interaction is."""
    return isinstance(data, dict) and isinstance(data.get("type"), str)


def _event(data: Any) -> str | None:
    if not _typed(data):
        return "JSON that is not an Events API object with a type"
    if data["type"] != "event_callback":
        return None
    if not _typed(data.get("event")):
        return "an event callback whose event is not an object with a type"
    return _misshapen(data, _EVENT_IDS, _EVENT_WORDS)


def _interaction(data: Any) -> str | None:
    if not _typed(data):
        return "a payload that is not an interaction with a type"
    user = data.get("user")
    if not isinstance(user, dict) or not isinstance(user.get("id"), str):
        return "an interaction without its user"
    actions = data.get("actions", [])
    if not isinstance(actions, list) or not all(
        isinstance(action, dict) and isinstance(action.get("action_id"), str) for action in actions
    ):
        return "an interaction whose actions are not a list of actions"
    if data["type"] == "block_actions" and not actions:
        return "a click on no action"
    return _misshapen(data, _INTERACTION_IDS, _INTERACTION_WORDS)


def slack_hooks(api_url: str) -> frozenset[str]:
    """Where Slack's response_urls point: Slack's and GovSlack's hooks, or the host of the
    Slack at SLACK_API_URL (a test's fake)."""
    return frozenset({"hooks.slack.com", "hooks.slack-gov.com", urlsplit(api_url).netloc})


def _answered_elsewhere(data: Mapping[str, Any], hooks: Collection[str]) -> str | None:
    url = data.get("response_url")
    if url is None:
        return None
    parts = urlsplit(str(url))
    if parts.scheme in ("https", "http") and parts.netloc in hooks:
        return None
    return "a response_url that is not Slack's"


def _misshapen(data: Mapping[str, Any], ids: Iterable[Path], words: Iterable[Path]) -> str | None:
    """The first of the fields at `ids` that is not shaped like an id, or at `words` that is
    not text, named; None when every one that is there is as Slack sends it."""
    for path in ids:
        value = _at(data, path)
        if value is not None and not (isinstance(value, str) and _ID.fullmatch(value)):
            return f"{'.'.join(path)} that is not an id"
    for path in words:
        value = _at(data, path)
        if value is not None and not isinstance(value, str):
            return f"{'.'.join(path)} that is not text"
    return None


def _at(data: Mapping[str, Any], path: Path) -> object:
    """The value at `path`, None when it is missing; a field on the way that is not an object
    is the value, so that it is found misshapen."""
    value: object = data
    for name in path:
        if not isinstance(value, Mapping):
            return value
        value = value.get(name)
    return value
