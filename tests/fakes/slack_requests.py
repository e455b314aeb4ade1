"""Signed Slack-to-app HTTP requests (events, slash commands, interactivity), for end-to-end tests.

Usage::

    with SlackRequests("http://127.0.0.1:8000", signing_secret="s3cr3t") as slack:
        slack.command("/promise", "help")
        slack.event(slack.message_event("I'll send the deck by Friday"))
        slack.block_action("promise_done", "42")

Payloads follow the field names of Slack's own (shared/slack/samples/events and
shared/slack/samples/interactivity, shared/slack/events_api_event_wrapper_schema.json), with
realistic values: workspace ``T00000001`` (``kept-test``), app ``A00000001``, bot user
``UBOT00001``. Bodies are signed as Slack signs them: ``X-Slack-Signature`` is
``v0=`` + hex HMAC-SHA256 of ``v0:{timestamp}:{raw body}`` keyed with the signing secret.
Depends on nothing of the application: only httpx and the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.fakes.loopback import ClosedAfter

JSON = dict[str, Any]

TEAM_ID = "T00000001"
TEAM_DOMAIN = "kept-test"
APP_ID = "A00000001"
BOT_ID = "B00000001"
BOT_USER_ID = "UBOT00001"
VERIFICATION_TOKEN = "vErIfIcAtIoNtOkEn00000001"
STALE_SECONDS = 600
USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
# Where response_urls point when no hooks server is given: nothing listens on the discard port.
PLACEHOLDER_HOOKS_URL = "http://127.0.0.1:9"

KNOWN_USER_NAMES = {
    "U00000ANA": "ana",
    "U00000RAJ": "raj",
    "U0000BOB0": "bob",
    BOT_USER_ID: "kept",
}
KNOWN_CHANNEL_NAMES = {"C00000001": "general", "C00000002": "random"}


def channel_type_of(channel_id: str) -> str:
    """The ``channel_type`` Slack puts on message events for a conversation ID."""
    if channel_id.startswith("D"):
        return "im"
    if channel_id.startswith("G"):
        return "group"
    return "channel"


def channel_name_of(channel_id: str) -> str:
    """The ``channel_name`` Slack sends with slash commands and interactivity payloads."""
    if channel_id.startswith("D"):
        return "directmessage"
    if channel_id.startswith("G"):
        return "privategroup"
    return KNOWN_CHANNEL_NAMES.get(channel_id, channel_id.lower())


def user_name_of(user_id: str) -> str:
    return KNOWN_USER_NAMES.get(user_id, user_id.lower())


def rich_text_blocks(text: str) -> list[JSON]:
    """The ``rich_text`` block Slack clients attach to a plain message a person typed."""
    block_id = base64.b32encode(hashlib.sha1(text.encode()).digest()).decode()[:5]
    return [
        {
            "type": "rich_text",
            "block_id": block_id,
            "elements": [
                {"type": "rich_text_section", "elements": [{"type": "text", "text": text}]}
            ],
        }
    ]


def sign(signing_secret: str, body: bytes, timestamp: int) -> dict[str, str]:
    """The two headers with which Slack signs a request body sent at ``timestamp``."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    digest = hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


class SlackRequests(ClosedAfter):
    """Posts signed, Slack-shaped requests to ``{base_url}{path}`` (``/slack/events``).

    ``clock`` gives epoch seconds for the signature timestamp and for ``event_time``,
    ``event_ts``, ``action_ts`` and generated message ``ts``; default ``time.time``.
    ``response_url_base`` replaces ``https://hooks.slack.com`` in the ``response_url`` of
    commands and actions; pass ``FakeSlackAPI.hooks_base_url`` to have them recorded.
    Every sending method takes ``stale=True`` (timestamp 10 minutes old) and
    ``bad_signature=True`` (signed with another secret) for the 401 tests. ``team_id`` names
    the workspace every request comes from (another one that installed Kept, say), and
    ``enterprise_id`` the Enterprise Grid org it belongs to, when the org installed Kept for
    all its workspaces (requests then say so, as Slack's do for an org-wide install).
    """

    def __init__(
        self,
        base_url: str,
        signing_secret: str,
        clock: Callable[[], float] | None = None,
        *,
        path: str = "/slack/events",
        response_url_base: str | None = None,
        verification_token: str = VERIFICATION_TOKEN,
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
        team_id: str = TEAM_ID,
        enterprise_id: str | None = None,
    ) -> None:
        self.url = base_url.rstrip("/") + path
        self.team_id = team_id  # the workspace every request comes from
        self.enterprise_id = enterprise_id  # its Enterprise Grid org, which installed Kept
        self.signing_secret = signing_secret
        self.clock: Callable[[], float] = clock or time.time
        self.response_url_base = (response_url_base or PLACEHOLDER_HOOKS_URL).rstrip("/")
        self.verification_token = verification_token
        # transport: e.g. httpx.WSGITransport(app=...) to reach an app in-process, without a port.
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._lock = threading.Lock()
        self._counter = itertools.count(1)
        self._last_ts_us = 0

    def close(self) -> None:
        self._http.close()

    # ----------------------------------------------------------------- signing and sending

    def sign(self, body: bytes, timestamp: int) -> dict[str, str]:
        """``X-Slack-Request-Timestamp`` and ``X-Slack-Signature`` for ``body``."""
        return sign(self.signing_secret, body, timestamp)

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        headers: dict[str, str] | None = None,
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        """Send a raw body, signed (or deliberately mis-signed), as Slack would."""
        timestamp = int(self.clock()) - (STALE_SECONDS if stale else 0)
        secret = self.signing_secret + "-not-it" if bad_signature else self.signing_secret
        all_headers = {
            "Content-Type": content_type,
            "User-Agent": USER_AGENT,
            "Accept": "application/json,*/*",
            **sign(secret, body, timestamp),
            **(headers or {}),
        }
        return self._http.post(self.url, content=body, headers=all_headers)

    def post_json(self, payload: JSON, **kwargs: Any) -> httpx.Response:
        body = json.dumps(payload, separators=(",", ":")).encode()
        return self.post(body, "application/json", **kwargs)

    def post_form(self, fields: dict[str, str], **kwargs: Any) -> httpx.Response:
        return self.post(urlencode(fields).encode(), "application/x-www-form-urlencoded", **kwargs)

    def interactive(self, payload: JSON, **kwargs: Any) -> httpx.Response:
        """Send any interactivity payload as Slack does: form field ``payload`` holding JSON."""
        return self.post_form({"payload": json.dumps(payload, separators=(",", ":"))}, **kwargs)

    # ----------------------------------------------------------------- ids and stamps

    def _next(self) -> int:
        with self._lock:
            return next(self._counter)

    def new_ts(self) -> str:
        """A message timestamp from the clock, strictly increasing across calls."""
        with self._lock:
            us = max(round(self.clock() * 1_000_000), self._last_ts_us + 1)
            self._last_ts_us = us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    def new_event_id(self) -> str:
        return f"Ev{self._next():010d}"

    def new_trigger_id(self) -> str:
        n = self._next()
        return f"{int(self.clock())}{n:03d}.{n:012d}.{uuid.uuid4().hex}"

    def response_url(self, kind: str = "commands") -> str:
        """A ``response_url`` like ``https://hooks.slack.com/commands/T.../123/abc``."""
        n = self._next()
        return f"{self.response_url_base}/{kind}/{self.team_id}/{n:013d}/{uuid.uuid4().hex[:24]}"

    def _enterprise(self) -> JSON | None:
        return {"id": self.enterprise_id, "name": "Grid Corp"} if self.enterprise_id else None

    def _team(self) -> JSON:
        return {"id": self.team_id, "domain": TEAM_DOMAIN}

    def _user(self, user_id: str, user_name: str | None) -> JSON:
        name = user_name or user_name_of(user_id)
        return {"id": user_id, "username": name, "name": name, "team_id": self.team_id}

    # ----------------------------------------------------------------- slash commands

    def command_fields(
        self,
        command: str = "/promise",
        text: str = "help",
        user_id: str = "U00000ANA",
        channel_id: str = "C00000001",
        user_name: str | None = None,
        channel_name: str | None = None,
    ) -> dict[str, str]:
        """The form fields of a slash command invocation, in Slack's order."""
        return {
            "token": self.verification_token,
            "team_id": self.team_id,
            "team_domain": TEAM_DOMAIN,
            "channel_id": channel_id,
            "channel_name": channel_name or channel_name_of(channel_id),
            "user_id": user_id,
            "user_name": user_name or user_name_of(user_id),
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            **(
                {"enterprise_id": self.enterprise_id, "enterprise_name": "Grid Corp"}
                if self.enterprise_id
                else {}
            ),
            "is_enterprise_install": "true" if self.enterprise_id else "false",
            "response_url": self.response_url("commands"),
            "trigger_id": self.new_trigger_id(),
        }

    def command(
        self,
        command: str = "/promise",
        text: str = "help",
        user_id: str = "U00000ANA",
        channel_id: str = "C00000001",
        user_name: str | None = None,
        *,
        channel_name: str | None = None,
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        fields = self.command_fields(command, text, user_id, channel_id, user_name, channel_name)
        return self.post_form(fields, stale=stale, bad_signature=bad_signature)

    # ----------------------------------------------------------------- Events API

    def event_envelope(self, event: JSON, event_id: str | None = None) -> JSON:
        """The ``event_callback`` wrapper Slack puts around an event."""
        event_time = int(self.clock())
        context = {
            "et": event.get("type", ""),
            "tid": self.team_id,
            "aid": APP_ID,
            **({"cid": event["channel"]} if isinstance(event.get("channel"), str) else {}),
        }
        encoded = base64.urlsafe_b64encode(json.dumps(context, separators=(",", ":")).encode())
        return {
            "token": self.verification_token,
            "team_id": self.team_id,
            **({"enterprise_id": self.enterprise_id} if self.enterprise_id else {}),
            "context_team_id": self.team_id,
            "context_enterprise_id": self.enterprise_id,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or self.new_event_id(),
            "event_time": event_time,
            "authed_users": [BOT_USER_ID],
            "authorizations": [
                {
                    "enterprise_id": self.enterprise_id,
                    "team_id": None if self.enterprise_id else self.team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": bool(self.enterprise_id),
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": "4-" + encoded.decode().rstrip("="),
        }

    def event(
        self,
        event: JSON,
        event_id: str | None = None,
        retry_num: int | None = None,
        *,
        retry_reason: str = "http_timeout",
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        """Deliver ``event`` in an ``event_callback``; ``retry_num`` marks a redelivery.

        Slack redelivers with the same ``event_id``: to simulate a retry, send twice with
        ``event_id=self.new_event_id()`` kept, the second time with ``retry_num=1``.
        """
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return self.post_json(
            self.event_envelope(event, event_id),
            headers=headers,
            stale=stale,
            bad_signature=bad_signature,
        )

    def url_verification(
        self, challenge: str, *, stale: bool = False, bad_signature: bool = False
    ) -> httpx.Response:
        payload = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return self.post_json(payload, stale=stale, bad_signature=bad_signature)

    # --- inner events (dicts to pass to event())

    def message_event(
        self,
        text: str,
        user: str | None = "U00000ANA",
        channel: str = "C00000001",
        ts: str | None = None,
        channel_type: str | None = None,
        thread_ts: str | None = None,
        subtype: str | None = None,
        bot_id: str | None = None,
        *,
        parent_user_id: str | None = None,
    ) -> JSON:
        """A ``message`` event as a person (or, with ``bot_id``, an app) posted it.

        ``channel_type`` defaults from the channel ID (``D`` → ``im``, ``G`` → ``group``,
        else ``channel``). ``user=None`` leaves ``user`` out (as for ``bot_message``).
        """
        ts = ts or self.new_ts()
        event: JSON = {"type": "message"}
        if subtype is not None:
            event["subtype"] = subtype
        if bot_id is None and subtype is None:
            event["client_msg_id"] = str(uuid.uuid4())
        event["text"] = text
        if user is not None:
            event["user"] = user
        if bot_id is not None:
            event["bot_id"] = bot_id
            event["app_id"] = APP_ID if bot_id == BOT_ID else "A" + bot_id[1:]
        event.update(
            {
                "ts": ts,
                "blocks": rich_text_blocks(text),
                "team": self.team_id,
            }
        )
        if thread_ts is not None:
            event["thread_ts"] = thread_ts
            if parent_user_id is not None:
                event["parent_user_id"] = parent_user_id
        event.update(
            {
                "channel": channel,
                "event_ts": ts,
                "channel_type": channel_type or channel_type_of(channel),
            }
        )
        return event

    def message_changed_event(
        self,
        new_text: str,
        previous_text: str,
        ts: str,
        user: str = "U00000ANA",
        channel: str = "C00000001",
    ) -> JSON:
        """A ``message_changed`` event: the message at ``ts`` was edited."""
        event_ts = self.new_ts()
        base = {"type": "message", "user": user, "team": self.team_id, "ts": ts}
        return {
            "type": "message",
            "subtype": "message_changed",
            "message": {
                **base,
                "text": new_text,
                "blocks": rich_text_blocks(new_text),
                "edited": {"user": user, "ts": event_ts},
                "source_team": self.team_id,
                "user_team": self.team_id,
            },
            "previous_message": {
                **base,
                "text": previous_text,
                "blocks": rich_text_blocks(previous_text),
            },
            "channel": channel,
            "hidden": True,
            "ts": event_ts,
            "event_ts": event_ts,
            "channel_type": channel_type_of(channel),
        }

    def message_deleted_event(
        self, ts: str, previous_text: str, user: str = "U00000ANA", channel: str = "C00000001"
    ) -> JSON:
        """A ``message_deleted`` event: the message at ``ts`` was deleted."""
        event_ts = self.new_ts()
        return {
            "type": "message",
            "subtype": "message_deleted",
            "previous_message": {
                "type": "message",
                "user": user,
                "team": self.team_id,
                "ts": ts,
                "text": previous_text,
                "blocks": rich_text_blocks(previous_text),
            },
            "channel": channel,
            "hidden": True,
            "deleted_ts": ts,
            "event_ts": event_ts,
            "ts": event_ts,
            "channel_type": channel_type_of(channel),
        }

    def _reaction_event(
        self,
        kind: str,
        reaction: str,
        user: str,
        item_user: str | None,
        channel: str,
        ts: str | None,
    ) -> JSON:
        event: JSON = {
            "type": kind,
            "user": user,
            "item": {"type": "message", "channel": channel, "ts": ts or self.new_ts()},
            "reaction": reaction,
        }
        if item_user is not None:
            event["item_user"] = item_user
        event["event_ts"] = self.new_ts()
        return event

    def reaction_added_event(
        self,
        reaction: str,
        user: str = "U00000ANA",
        item_user: str | None = BOT_USER_ID,
        channel: str = "C00000001",
        ts: str | None = None,
    ) -> JSON:
        """``user`` reacted with ``reaction`` (no colons) to the message ``ts`` by ``item_user``."""
        return self._reaction_event("reaction_added", reaction, user, item_user, channel, ts)

    def reaction_removed_event(
        self,
        reaction: str,
        user: str = "U00000ANA",
        item_user: str | None = BOT_USER_ID,
        channel: str = "C00000001",
        ts: str | None = None,
    ) -> JSON:
        return self._reaction_event("reaction_removed", reaction, user, item_user, channel, ts)

    def app_home_opened_event(
        self,
        user: str = "U00000ANA",
        tab: str = "home",
        *,
        channel: str | None = None,
        view: JSON | None = None,
    ) -> JSON:
        """The user opened the app's Home (or Messages) tab; ``view`` if one was published."""
        event: JSON = {
            "type": "app_home_opened",
            "user": user,
            "channel": channel or "D" + user,
            "tab": tab,
            "event_ts": self.new_ts(),
        }
        if view is not None:
            event["view"] = view
        return event

    def app_mention_event(
        self,
        text: str,
        user: str = "U00000ANA",
        channel: str = "C00000001",
        ts: str | None = None,
        thread_ts: str | None = None,
    ) -> JSON:
        """An ``app_mention``; ``text`` should hold the mention, e.g. ``"<@UBOT00001> help"``."""
        ts = ts or self.new_ts()
        event: JSON = {
            "type": "app_mention",
            "client_msg_id": str(uuid.uuid4()),
            "text": text,
            "user": user,
            "ts": ts,
            "blocks": rich_text_blocks(text),
            "team": self.team_id,
        }
        if thread_ts is not None:
            event["thread_ts"] = thread_ts
        event.update({"channel": channel, "event_ts": ts})
        return event

    # ----------------------------------------------------------------- interactivity

    def bot_message(
        self, text: str = "", blocks: list[JSON] | None = None, ts: str | None = None
    ) -> JSON:
        """A message as the app posted it, the kind a button click carries back."""
        return {
            "user": BOT_USER_ID,
            "type": "message",
            "ts": ts or self.new_ts(),
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": text,
            "team": self.team_id,
            "blocks": blocks or [],
        }

    def block_action_payload(
        self,
        action_id: str,
        value: str,
        user_id: str = "U00000ANA",
        block_id: str = "b",
        message: JSON | None = None,
        channel_id: str = "C00000001",
        container: JSON | None = None,
        view: JSON | None = None,
        *,
        text: str = "Button",
        user_name: str | None = None,
    ) -> JSON:
        """A ``block_actions`` payload for a button click.

        In a message (default: a bot message with one button) it carries ``container``
        ``{"type": "message", ...}``, ``channel``, ``message`` and ``response_url``; with
        ``view`` (a modal or the Home tab) it carries ``container`` ``{"type": "view"}`` and
        ``view`` instead.
        """
        action_ts = self.new_ts()
        action = {
            "action_id": action_id,
            "block_id": block_id,
            "text": {"type": "plain_text", "text": text, "emoji": True},
            "value": value,
            "type": "button",
            "action_ts": action_ts,
        }
        if view is None and message is None:
            button = {k: action[k] for k in ("type", "text", "value", "action_id")}
            message = self.bot_message(
                blocks=[{"type": "actions", "block_id": block_id, "elements": [button]}]
            )
        if view is not None:
            default_container: JSON = {"type": "view", "view_id": view.get("id", "")}
        else:
            assert message is not None
            default_container = {
                "type": "message",
                "message_ts": message.get("ts", ""),
                "channel_id": channel_id,
                "is_ephemeral": False,
            }
        payload: JSON = {
            "type": "block_actions",
            "user": self._user(user_id, user_name),
            "api_app_id": APP_ID,
            "token": self.verification_token,
            "container": container or default_container,
            "trigger_id": self.new_trigger_id(),
            "team": self._team(),
            "enterprise": self._enterprise(),
            "is_enterprise_install": bool(self.enterprise_id),
        }
        if view is not None:
            payload["view"] = view
        else:
            payload["channel"] = {"id": channel_id, "name": channel_name_of(channel_id)}
            payload["message"] = message
            payload["state"] = {"values": {}}
            payload["response_url"] = self.response_url("actions")
        payload["actions"] = [action]
        return payload

    def block_action(
        self,
        action_id: str,
        value: str,
        user_id: str = "U00000ANA",
        block_id: str = "b",
        message: JSON | None = None,
        channel_id: str = "C00000001",
        container: JSON | None = None,
        view: JSON | None = None,
        *,
        text: str = "Button",
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        payload = self.block_action_payload(
            action_id, value, user_id, block_id, message, channel_id, container, view, text=text
        )
        return self.interactive(payload, stale=stale, bad_signature=bad_signature)

    def modal_view(
        self,
        callback_id: str,
        values: JSON | None = None,
        private_metadata: str = "",
        view_id: str | None = None,
        *,
        title: str = "Kept",
        blocks: list[JSON] | None = None,
    ) -> JSON:
        """A modal ``view`` object as Slack sends it back, with ``state.values``."""
        view_id = view_id or f"V{self._next():08d}"
        return {
            "id": view_id,
            "team_id": self.team_id,
            "type": "modal",
            "blocks": blocks or [],
            "private_metadata": private_metadata,
            "callback_id": callback_id,
            "state": {"values": values or {}},
            "hash": f"{int(self.clock())}.{uuid.uuid4().hex[:8]}",
            "title": {"type": "plain_text", "text": title, "emoji": True},
            "clear_on_close": False,
            "notify_on_close": False,
            "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
            "submit": {"type": "plain_text", "text": "Save", "emoji": True},
            "previous_view_id": None,
            "root_view_id": view_id,
            "app_id": APP_ID,
            "external_id": "",
            "app_installed_team_id": self.team_id,
            "bot_id": BOT_ID,
        }

    def view_submission_payload(
        self,
        callback_id: str,
        values: JSON,
        user_id: str = "U00000ANA",
        private_metadata: str = "",
        view_id: str | None = None,
        *,
        blocks: list[JSON] | None = None,
    ) -> JSON:
        """A ``view_submission``; ``values`` becomes ``view.state.values``.

        Its shape: ``{block_id: {action_id: {"type": "plain_text_input", "value": ...}}}``.
        """
        return {
            "type": "view_submission",
            "team": self._team(),
            "user": self._user(user_id, None),
            "api_app_id": APP_ID,
            "token": self.verification_token,
            "trigger_id": self.new_trigger_id(),
            "view": self.modal_view(callback_id, values, private_metadata, view_id, blocks=blocks),
            "response_urls": [],
            "is_enterprise_install": bool(self.enterprise_id),
            "enterprise": self._enterprise(),
        }

    def view_submission(
        self,
        callback_id: str,
        values: JSON,
        user_id: str = "U00000ANA",
        private_metadata: str = "",
        view_id: str | None = None,
        *,
        blocks: list[JSON] | None = None,
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        payload = self.view_submission_payload(
            callback_id, values, user_id, private_metadata, view_id, blocks=blocks
        )
        return self.interactive(payload, stale=stale, bad_signature=bad_signature)

    def view_closed_payload(
        self,
        callback_id: str,
        user_id: str = "U00000ANA",
        private_metadata: str = "",
        view_id: str | None = None,
        is_cleared: bool = False,
    ) -> JSON:
        view = self.modal_view(callback_id, {}, private_metadata, view_id)
        view["notify_on_close"] = True
        return {
            "type": "view_closed",
            "team": self._team(),
            "user": self._user(user_id, None),
            "api_app_id": APP_ID,
            "token": self.verification_token,
            "view": view,
            "is_cleared": is_cleared,
            "is_enterprise_install": bool(self.enterprise_id),
            "enterprise": self._enterprise(),
        }

    def view_closed(
        self,
        callback_id: str,
        user_id: str = "U00000ANA",
        private_metadata: str = "",
        view_id: str | None = None,
        is_cleared: bool = False,
        *,
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        payload = self.view_closed_payload(
            callback_id, user_id, private_metadata, view_id, is_cleared
        )
        return self.interactive(payload, stale=stale, bad_signature=bad_signature)

    def message_shortcut_payload(
        self,
        callback_id: str,
        message: JSON,
        user_id: str = "U00000ANA",
        channel_id: str = "C00000001",
    ) -> JSON:
        """A ``message_action`` (message shortcut) on ``message`` (which gets a ``ts`` if none)."""
        message = {"type": "message", **message}
        message.setdefault("ts", self.new_ts())
        name = user_name_of(user_id)
        return {
            "type": "message_action",
            "token": self.verification_token,
            "action_ts": self.new_ts(),
            "team": self._team(),
            "user": {"id": user_id, "name": name, "team_id": self.team_id},
            "channel": {"id": channel_id, "name": channel_name_of(channel_id)},
            "is_enterprise_install": bool(self.enterprise_id),
            "enterprise": self._enterprise(),
            "callback_id": callback_id,
            "trigger_id": self.new_trigger_id(),
            "response_url": self.response_url("actions"),
            "message_ts": message["ts"],
            "message": message,
        }

    def message_shortcut(
        self,
        callback_id: str,
        message: JSON,
        user_id: str = "U00000ANA",
        channel_id: str = "C00000001",
        *,
        stale: bool = False,
        bad_signature: bool = False,
    ) -> httpx.Response:
        payload = self.message_shortcut_payload(callback_id, message, user_id, channel_id)
        return self.interactive(payload, stale=stale, bad_signature=bad_signature)
