"""A fake Slack Web API served on 127.0.0.1, for tests that drive slack_sdk's WebClient at it.

Usage::

    with FakeSlackAPI() as slack:
        client = WebClient(token="xoxb-test-token", base_url=slack.base_url)
        client.chat_postMessage(channel="C00000001", text="hi")
        [call] = slack.wait_for("chat.postMessage")

Answers follow the shapes of Slack's own responses (shared/slack/samples/api and the examples in
shared/slack/web_api_openapi.json): HTTP 200 with ``{"ok": true, ...}``, or HTTP 200 with
``{"ok": false, "error": "<code>"}``; only rate limiting (429 + ``Retry-After``) and scripted
server errors use another status. It also serves the two other URLs a Slack app talks to:
the ``upload_url`` of the files.getUploadURLExternal flow (``files_upload_v2``), recorded as
method ``"upload"``, and ``response_url`` hooks (``{hooks_base_url}/commands/...`` and
``/actions/...``), recorded as method ``"response_url"``.

Holding a request in flight (``hold_next``), to test a client killed mid-call::

    slack.hold_next("chat.postMessage")       # the next chat.postMessage is held...
    ...start the process that will call it...
    slack.wait_until_held()                   # ...its body read, Slack has not "processed" it
    os.kill(process.pid, signal.SIGKILL)      # the client dies while waiting for the answer
    process.wait()
    slack.release()                           # the fake decides, then returns

The model: a held request has reached the server (its whole body was read) but Slack has not
acted on it yet. On ``release()`` the fake looks at the connection: if the client has gone away
(the socket reads as end-of-file, or was reset), the request is dropped, neither recorded in
``calls`` nor answered, as a request that never reached Slack; it is listed in ``dropped``.
If the client is still there, the request is handled, recorded and answered as usual, only
later. ``hold_next(method, after=n)`` lets ``n`` calls of the method through first.

Several workspaces, and installing into them through OAuth v2::

    slack.add_workspace("T00000002", "Other Co", bot_token="xoxb-other", bot_user_id="UBOT00002")
    slack.oauth_app("1111.2222", "s3cret", redirect_uri="https://kept.example/slack/oauth")
    slack.grant_code("code-2", "T00000002", installer="U0000ZOE0")
    WebClient(base_url=slack.base_url).oauth_v2_access(
        client_id="1111.2222", client_secret="s3cret", code="code-2"
    )                                         # access_token "xoxb-other", team T00000002
    slack.revoke("T00000002")                 # "xoxb-other" now answers token_revoked

The fake starts with one workspace, T00000001 "Kept Test", whose bot token is ``valid_token``
(``xoxb-test-token``) and bot user UBOT00001. A workspace added with ``add_workspace`` is
installed at once: its bot token works without going through OAuth. A call's token decides
its workspace: auth.test answers that workspace, users.info, users.lookupByEmail,
conversations.open and views.publish know only its users, messages and views name its bot, and
``Call.team_id`` tells tests which workspace each call was made in. Enterprise Grid, kept
simple: workspaces added with the same ``enterprise_id`` share one directory (user ids are
shared across an org on Slack), and an org-wide install (``is_enterprise_install=True``) sees
every user of its enterprise. Channels, messages, reactions and files are not kept apart by
workspace: their ids are distinct on Slack, so tests keep them distinct too.
"""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import hashlib
import json
import mimetypes
import re
import select
import socket
import struct
import threading
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakes.loopback import LoopbackServer, ServedInAThread
from tests.fakes.slack_scopes import METHOD_SCOPES, granted

JSON = dict[str, Any]
Handler = Callable[["_Request"], JSON]

TEAM_ID = "T00000001"
TEAM_NAME = "Kept Test"
TEAM_DOMAIN = "kept-test"
TEAM_URL = f"https://{TEAM_DOMAIN}.slack.com/"
APP_ID = "A00000001"
BOT_ID = "B00000001"
BOT_USER_ID = "UBOT00001"
BOT_USER_NAME = "kept"
DEFAULT_TOKEN = "xoxb-test-token"
INSTALLER_ID = "U00000ANA"  # who clicks "Allow" in an OAuth install, unless a test says
# 2023-11-14T22:13:20Z: outside daylight saving time in New York and London.
DEFAULT_EPOCH = 1_700_000_000.0

# Slack's tz_label is a long name; zoneinfo only knows abbreviations.
_TZ_LABELS = {
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "UTC": "Universal Coordinated Time",
}


@dataclass(frozen=True)
class Call:
    """One request the fake received, whatever it answered."""

    method: str
    args: JSON
    token: str | None
    status: int = 200
    error: str | None = None
    response: JSON | None = None
    path: str = ""
    # The workspace the call was made in: its token's (a revoked token's too), or for
    # oauth.v2.access the one its code installs into; None when the call names none (no
    # token, a token no workspace has), and for the upload URL and response_url hooks.
    team_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.error is None


@dataclass
class _Workspace:
    """One Slack workspace (or, with ``is_enterprise_install``, one org) the app is in."""

    team_id: str
    team_name: str
    domain: str
    bot_token: str
    bot_user_id: str
    bot_id: str
    scopes: frozenset[str]
    enterprise_id: str | None = None
    enterprise_name: str | None = None
    is_enterprise_install: bool = False
    first_token: str = ""
    installs: int = 1

    @property
    def url(self) -> str:
        return f"https://{self.domain}.slack.com/"

    def fresh_token(self) -> str:
        """A bot token for the next install: the first one with the install's number."""
        self.installs += 1
        return f"{self.first_token or self.bot_token}-{self.installs}"


@dataclass
class _OAuthApp:
    client_id: str
    client_secret: str
    redirect_uri: str | None


@dataclass
class _Grant:
    """A code Slack handed the installer's browser; it works once."""

    team_id: str
    installer: str
    scopes: frozenset[str] | None
    used: bool = False


@dataclass(frozen=True)
class _Failure:
    status: int
    error: str
    retry_after: int | None


@dataclass
class _Hold:
    """One request to hold: the ``after``-th next call of ``method`` (0: the very next)."""

    method: str
    after: int
    released: threading.Event = field(default_factory=threading.Event)
    held: bool = False
    settled: bool = False


# After release, how long a held request's client has to be seen gone: the end-of-file of a
# killed process is already on the socket, so this is only a margin; a live client sends
# nothing more and waits for its answer.
_GONE_GRACE_SECONDS = 0.05


def _client_gone(connection: socket.socket) -> bool:
    """Whether the peer closed (or reset) the connection: it reads as end-of-file."""
    try:
        readable, _, _ = select.select([connection], [], [], _GONE_GRACE_SECONDS)
        return bool(readable) and connection.recv(1, socket.MSG_PEEK) == b""
    except OSError:  # reset by the peer, or already closed
        return True


@dataclass
class _Request:
    method: str
    args: JSON
    token: str | None
    # The workspace the token names (None for methods that need no token).
    workspace: _Workspace | None = None
    # oauth.v2.access: client_id and client_secret, from HTTP Basic auth or the form.
    client: tuple[str, str] | None = None
    # Which workspace to record the call in; oauth.v2.access sets it from its code.
    team_id: str | None = None

    @property
    def ws(self) -> _Workspace:
        if self.workspace is None:
            raise RuntimeError(f"{self.method} needs a token, none was resolved")
        return self.workspace


@dataclass
class _Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _json_answer(
    payload: JSON, status: int = 200, headers: dict[str, str] | None = None
) -> _Answer:
    return _Answer(status, json.dumps(payload).encode(), headers=headers or {})


def _maybe_json(value: str) -> Any:
    """Decode form values that hold JSON objects or arrays (blocks, view, files...)."""
    stripped = value.strip()
    if stripped[:1] in ("[", "{"):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


# Free-text arguments stay strings even when they happen to look like JSON.
_TEXT_ARGS = frozenset(
    {"text", "initial_comment", "title", "alt_txt", "content", "private_metadata", "hash"}
)


def _decode_arg(name: str, value: str) -> Any:
    return value if name in _TEXT_ARGS else _maybe_json(value)


def _flatten(query: dict[str, list[str]]) -> JSON:
    return {
        k: _decode_arg(k, v[0]) if len(v) == 1 else [_decode_arg(k, x) for x in v]
        for k, v in query.items()
    }


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


# Methods called without a token: the app's client id and secret authenticate them.
_NO_TOKEN_METHODS = frozenset({"oauth.v2.access"})
SECRET_SHOWN_AS = "***"


def _domain_of(team_name: str, team_id: str) -> str:
    """A workspace's subdomain from its name, as Slack suggests one: "Other Co" -> other-co."""
    return re.sub(r"[^a-z0-9]+", "-", team_name.lower()).strip("-") or team_id.lower()


def _client_credentials(authorization: str, args: JSON) -> tuple[str, str] | None:
    """client_id and client_secret from HTTP Basic auth (as slack_sdk sends them) or the form."""
    if authorization.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(authorization[len("basic ") :].strip(), validate=True)
            client_id, colon, secret = decoded.decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return (client_id, secret) if colon else None
    form_id, form_secret = args.get("client_id"), args.get("client_secret")
    if form_id is None and form_secret is None:
        return None
    return (str(form_id or ""), str(form_secret or ""))


def _parse_multipart(content_type: str, body: bytes) -> JSON:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    args: JSON = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        args[name] = data if part.get_filename() else _decode_arg(name, data.decode())
    return args


def _method_of(raw_path: str) -> str:
    """What a request path calls: a Web API method, ``"upload"`` or ``"response_url"``."""
    path = urlsplit(raw_path).path
    if path.startswith("/api/"):
        return path[len("/api/") :]
    return "upload" if path.startswith("/upload/") else "response_url"


class _RequestHandler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True  # answers go out at once, not after the peer's ACK
    server: LoopbackServer[FakeSlackAPI]
    protocol_version = "HTTP/1.1"
    timeout = 30

    def do_POST(self) -> None:
        body = self._body()
        if self.server.fake._reset_if_asked(self.path):
            # SO_LINGER 0: closing sends a TCP reset, as a dropped connection on the way would.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if self.server.fake._hold_if_asked(self.path, self.connection):
            self.close_connection = True  # dropped: the client is gone, nothing to answer
            return
        self._respond(self.server.fake._dispatch(self.path, dict(self.headers.items()), body))

    def do_GET(self) -> None:
        self._respond(self.server.fake._dispatch(self.path, dict(self.headers.items()), b""))

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _respond(self, answer: _Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: test output is not the place for an access log."""


class FakeSlackAPI(ServedInAThread):
    """Fake Slack Web API on a random loopback port; a context manager that serves while open.

    ``valid_token`` is the default workspace's bot token (``None``: any token no workspace
    holds, and none revoked, acts as the default workspace's); other workspaces' tokens come
    from ``add_workspace``, and a token no workspace has answers ``invalid_auth``. ``clock``
    gives the epoch seconds used for message timestamps, ``created`` fields and the users'
    ``tz_offset``; by default it is fixed at 1700000000 so answers are reproducible.
    With ``strict_messages`` chat.update/chat.delete of a message this fake never posted
    answer ``message_not_found``, as Slack does; by default they succeed. The default
    workspace's token holds ``scopes`` (by default those Kept's manifest asks for): a method
    needing another answers ``missing_scope``, as Slack does.
    """

    handler = _RequestHandler

    def __init__(
        self,
        *,
        valid_token: str | None = DEFAULT_TOKEN,
        clock: Callable[[], float] | None = None,
        strict_messages: bool = False,
        scopes: frozenset[str] | None = None,
    ) -> None:
        self.strict_messages = strict_messages
        self._clock = clock or (lambda: DEFAULT_EPOCH)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._holds: list[_Hold] = []
        self._resets: dict[str, int] = {}
        self._dropped: list[str] = []
        self._users: dict[str, JSON] = {}
        self._channels: dict[str, JSON] = {}
        token = DEFAULT_TOKEN if valid_token is None else valid_token
        self._any_token = valid_token is None
        self._default = _Workspace(
            team_id=TEAM_ID,
            team_name=TEAM_NAME,
            domain=TEAM_DOMAIN,
            bot_token=token,
            bot_user_id=BOT_USER_ID,
            bot_id=BOT_ID,
            scopes=granted() if scopes is None else frozenset(scopes),
            first_token=token,
        )
        self._workspaces: dict[str, _Workspace] = {TEAM_ID: self._default}
        self._revoked: dict[str, str] = {}  # bot token -> the team it was revoked in
        self._app: _OAuthApp | None = None
        self._grants: dict[str, _Grant] = {}
        self._last_ts_us = 0
        self._counter = 0
        self._reset_state()
        self._handlers: dict[str, Handler] = {
            "api.test": self._api_test,
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "chat.postMessage": self._chat_post_message,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.update": self._chat_update,
            "chat.delete": self._chat_delete,
            "chat.getPermalink": self._chat_get_permalink,
            "chat.scheduleMessage": self._chat_schedule_message,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "reactions.add": self._reactions_add,
            "reactions.remove": self._reactions_remove,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "oauth.v2.access": self._oauth_v2_access,
        }
        self.add_user("U00000ANA", "ana", tz="America/New_York", real_name="Ana Alves")
        self.add_user("U00000RAJ", "raj", tz="Asia/Kolkata", real_name="Raj Rao")
        self.add_user("U0000BOB0", "bob", tz="Europe/London", real_name="Bob Brown", locale="en-GB")
        self.add_user(
            BOT_USER_ID, BOT_USER_NAME, tz="America/Los_Angeles", is_bot=True, real_name="Kept"
        )
        self.add_channel("C00000001", "general")
        self.add_channel("C00000002", "random")

    def stop(self) -> None:
        with self._lock:
            holds, self._holds = self._holds, []
        for hold in holds:  # never leave a request thread blocked behind a test that failed
            hold.released.set()
        super().stop()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT`` (no trailing slash)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """What WebClient(base_url=...) takes: ``http://127.0.0.1:PORT/api/``."""
        return f"{self.root_url}/api/"

    @property
    def methods(self) -> list[str]:
        """The Web API methods this fake answers (others get ``unknown_method``)."""
        return sorted(self._handlers)

    @property
    def hooks_base_url(self) -> str:
        """Stands in for ``https://hooks.slack.com``: response_urls under it are recorded."""
        return self.root_url

    @property
    def valid_token(self) -> str | None:
        """The default workspace's bot token, or None when any unknown token acts as it."""
        with self._lock:
            return None if self._any_token else self._default.bot_token

    @valid_token.setter
    def valid_token(self, token: str | None) -> None:
        with self._lock:
            self._any_token = token is None
            if token is not None:
                self._check_token_is_free(token, TEAM_ID)
                self._default.bot_token = token

    @property
    def scopes(self) -> frozenset[str]:
        """The scopes the default workspace's token holds."""
        with self._lock:
            return self._default.scopes

    @scopes.setter
    def scopes(self, scopes: frozenset[str]) -> None:
        with self._lock:
            self._default.scopes = frozenset(scopes)

    # ----------------------------------------------------------------- scripting

    def add_workspace(
        self,
        team_id: str,
        team_name: str,
        *,
        bot_token: str,
        bot_user_id: str,
        enterprise_id: str | None = None,
        enterprise_name: str | None = None,
        is_enterprise_install: bool = False,
        scopes: Iterable[str] | None = None,
    ) -> None:
        """Add a workspace the app is installed in, its bot token working at once.

        Its bot user (``bot_user_id``, named "kept") joins its directory; its bot id is
        ``B`` and the team id's digits (T00000002: B00000002). Its token holds ``scopes``
        (by default the manifest's) until an OAuth install grants others. With
        ``enterprise_id`` it is part of that Enterprise Grid org (``enterprise_name`` defaults
        to the id); with ``is_enterprise_install`` it stands for an org-wide install, and
        auth.test answers the ``team_id`` and ``team_name`` given here.
        """
        if is_enterprise_install and enterprise_id is None:
            raise ValueError("an org-wide install (is_enterprise_install) needs an enterprise_id")
        with self._lock:
            if team_id in self._workspaces:
                raise ValueError(f"workspace {team_id} is already added")
            self._check_token_is_free(bot_token, team_id)
            self._workspaces[team_id] = _Workspace(
                team_id=team_id,
                team_name=team_name,
                domain=_domain_of(team_name, team_id),
                bot_token=bot_token,
                bot_user_id=bot_user_id,
                bot_id="B" + (team_id[1:] if team_id[:1] in ("T", "E") else team_id),
                scopes=granted() if scopes is None else frozenset(scopes),
                enterprise_id=enterprise_id,
                enterprise_name=enterprise_name or enterprise_id,
                is_enterprise_install=is_enterprise_install,
                first_token=bot_token,
            )
        self.add_user(
            bot_user_id,
            BOT_USER_NAME,
            tz="America/Los_Angeles",
            is_bot=True,
            real_name="Kept",
            team_id=team_id,
        )

    def add_user(
        self,
        user_id: str,
        name: str,
        tz: str = "America/New_York",
        is_bot: bool = False,
        locale: str = "en-US",
        deleted: bool = False,
        real_name: str | None = None,
        email: str | None = None,
        *,
        team_id: str = TEAM_ID,
    ) -> None:
        """Add (or replace) a user in the directory of workspace ``team_id``.

        Only tokens of that workspace (or of its Enterprise Grid org) find the user.
        """
        zoneinfo.ZoneInfo(tz)  # fail here, not in the server thread, on a bad zone name
        with self._lock:
            workspace = self._workspaces.get(team_id)
            if workspace is None:
                raise ValueError(f"no workspace {team_id}: add_workspace it first")
            self._users[user_id] = {
                "id": user_id,
                "team_id": team_id,
                "name": name,
                "tz": tz,
                "is_bot": is_bot,
                "locale": locale,
                "deleted": deleted,
                "real_name": real_name or name.capitalize(),
                "email": email if email is not None else f"{name}@{workspace.domain}.example.com",
            }

    def oauth_app(
        self, client_id: str, client_secret: str, *, redirect_uri: str | None = None
    ) -> None:
        """Register the app's credentials, which oauth.v2.access checks (a second call replaces
        them). With ``redirect_uri``, an exchange naming another one answers
        ``bad_redirect_uri``; one naming none is accepted."""
        with self._lock:
            self._app = _OAuthApp(client_id, client_secret, redirect_uri)

    def grant_code(
        self,
        code: str,
        team_id: str,
        *,
        installer: str = INSTALLER_ID,
        scopes: Iterable[str] | None = None,
    ) -> None:
        """Make ``code`` a one-use OAuth code for an install into workspace ``team_id``.

        As if ``installer`` had clicked "Allow" on Slack's consent page. Exchanged, it gives
        the workspace's token ``scopes`` (by default the manifest's) and answers its bot token;
        a workspace whose token was revoked is reinstalled with a fresh token (its first token
        and the install's number: ``xoxb-other-2``). The workspace may be the default one,
        or an org-wide install. A code can be granted only once.
        """
        with self._lock:
            if team_id not in self._workspaces:
                raise ValueError(f"no workspace {team_id}: add_workspace it first")
            if code in self._grants:
                raise ValueError(f"code {code!r} was granted already: codes are used once")
            chosen = None if scopes is None else frozenset(scopes)
            self._grants[code] = _Grant(team_id, installer, chosen)

    def revoke(self, team_id: str) -> None:
        """Revoke workspace ``team_id``'s bot token (as an uninstall does): calls with it answer
        ``token_revoked`` from now on, even after a reinstall gives a new one."""
        with self._lock:
            workspace = self._workspace(team_id)
            self._revoked[workspace.bot_token] = team_id

    def restore(self, team_id: str, new_token: str | None = None) -> str:
        """Reinstall workspace ``team_id`` without OAuth; the bot token that works now.

        The token is ``new_token`` or else a fresh one (as ``grant_code`` gives). The token it
        replaces answers ``token_revoked``; restoring a revoked token itself un-revokes it.
        """
        with self._lock:
            workspace = self._workspace(team_id)
            token = new_token if new_token is not None else workspace.fresh_token()
            self._check_token_is_free(token, team_id)
            if token != workspace.bot_token:
                self._revoked[workspace.bot_token] = team_id
            self._revoked.pop(token, None)
            workspace.bot_token = token
            return token

    def token_of(self, team_id: str) -> str:
        """Workspace ``team_id``'s current bot token (revoked or not)."""
        with self._lock:
            return self._workspace(team_id).bot_token

    def _workspace(self, team_id: str) -> _Workspace:
        """The workspace ``team_id`` (the lock held)."""
        workspace = self._workspaces.get(team_id)
        if workspace is None:
            raise ValueError(f"no workspace {team_id}")
        return workspace

    def _check_token_is_free(self, token: str, team_id: str) -> None:
        """Refuse a bot token another workspace holds or held (the lock held)."""
        taken = any(w.bot_token == token for w in self._workspaces.values() if w.team_id != team_id)
        if taken or self._revoked.get(token, team_id) != team_id:
            raise ValueError(f"bot token {token!r} belongs to another workspace")

    def add_channel(self, channel_id: str, name: str, *, is_private: bool = False) -> None:
        """Add a public (C...) or private channel that conversations.info will know."""
        with self._lock:
            self._channels[channel_id] = {"id": channel_id, "name": name, "is_private": is_private}

    def fail_next(
        self,
        method: str,
        status: int | None = None,
        retry_after: int | None = None,
        error: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next call(s) of ``method`` fail once each, in the order queued.

        * ``fail_next(m)`` / ``fail_next(m, status=429, retry_after=1)``: HTTP 429,
          ``Retry-After`` (1 unless given), body ``{"ok": false, "error": "ratelimited"}``.
        * ``fail_next(m, status=500)``: HTTP 500, ``{"ok": false, "error": "internal_error"}``.
        * ``fail_next(m, error="account_inactive")``: HTTP 200 ``{"ok": false, "error": ...}``.

        ``method`` may also be ``"upload"`` (the upload URL) or ``"response_url"``.
        """
        if status is None:
            status = 200 if error is not None else 429
        if status == 429:
            error = error or "ratelimited"
            retry_after = 1 if retry_after is None else retry_after
        elif status >= 500:
            error = error or "internal_error"
        elif error is None:
            raise ValueError("fail_next with a status below 500 needs an error code")
        failure = _Failure(status=status, error=error, retry_after=retry_after)
        with self._lock:
            self._failures.setdefault(method, []).extend([failure] * times)

    def reset_next(self, method: str, times: int = 1) -> None:
        """Reset the connection of the next call(s) of ``method`` once its body is read: no
        answer, not recorded in ``calls`` (listed in ``dropped``), as if it never reached Slack.
        """
        with self._lock:
            self._resets[method] = self._resets.get(method, 0) + times

    def hold_next(self, method: str, *, after: int = 0) -> None:
        """Hold the next call of ``method`` (after letting ``after`` calls through) in flight.

        Its body is read, then it waits for ``release()``; see the module docstring.
        ``method`` is a Web API method (``"chat.postMessage"``), ``"upload"`` or
        ``"response_url"``.
        """
        with self._lock:
            self._holds.append(_Hold(method, after))

    def wait_until_held(self, timeout: float = 10.0) -> str:
        """Block until a request is held in flight; the method held."""
        with self._changed:
            arrived = self._changed.wait_for(
                lambda: any(h.held and not h.settled for h in self._holds), timeout
            )
            if not arrived:
                raise AssertionError(f"timed out after {timeout}s: no request was held")
            return next(h.method for h in self._holds if h.held and not h.settled)

    def release(self, timeout: float = 10.0) -> None:
        """Let every held request go on, and return once each is answered or dropped.

        Holds that caught no request yet are cancelled.
        """
        with self._lock:
            holds, self._holds = self._holds, []
        for hold in holds:
            hold.released.set()
        with self._changed:
            settled = self._changed.wait_for(
                lambda: all(h.settled for h in holds if h.held), timeout
            )
        if not settled:
            raise AssertionError(f"timed out after {timeout}s: a held request never settled")

    @property
    def dropped(self) -> list[str]:
        """The methods of held requests dropped because their client had gone away."""
        with self._lock:
            return list(self._dropped)

    def reset(self) -> None:
        """Forget calls, queued failures and posted messages/views/reactions.

        Users, workspaces, the OAuth app, codes and revocations stay.
        """
        with self._lock:
            self._calls.clear()
            self._failures.clear()
            self._resets.clear()
            self._reset_state()

    def _reset_state(self) -> None:
        self._messages: dict[tuple[str, str], JSON] = {}
        self._reactions: set[tuple[str, str, str]] = set()
        self._views: dict[str, JSON] = {}
        self._home_views: dict[str, str] = {}
        self._open_ims: set[str] = set()
        self._files: dict[str, JSON] = {}

    # ----------------------------------------------------------------- inspection

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def post_messages(self) -> list[Call]:
        """Successful chat.postMessage calls, oldest first."""
        return [c for c in self.calls_to("chat.postMessage") if c.ok]

    def message(self, channel: str, ts: str) -> JSON | None:
        """The current state of a message posted (and maybe updated) through this fake."""
        with self._lock:
            found = self._messages.get((channel, ts))
            return dict(found) if found is not None else None

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls of ``method`` (failed ones too) have arrived."""
        with self._changed:
            arrived = self._changed.wait_for(
                lambda: sum(c.method == method for c in self._calls) >= count, timeout
            )
            calls = [c for c in self._calls if c.method == method]
            if not arrived:
                seen = ", ".join(
                    f"{c.method}" + ("" if c.ok else f"[{c.status} {c.error}]") for c in self._calls
                )
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} call(s) to {method}, "
                    f"got {len(calls)}; calls seen: [{seen}]"
                )
            return calls

    # ----------------------------------------------------------------- HTTP plumbing

    def _dispatch(self, raw_path: str, headers: dict[str, str], body: bytes) -> _Answer:
        url = urlsplit(raw_path)
        path = url.path
        headers = {k.lower(): v for k, v in headers.items()}
        if path.startswith("/api/"):
            return self._api_call(path, path[len("/api/") :], url.query, headers, body)
        if path.startswith("/upload/"):
            return self._upload(path, path[len("/upload/") :], body)
        if path.startswith(("/commands/", "/actions/")):
            return self._response_url(path, body)
        return _Answer(404, b"Not Found", "text/plain")

    def _reset_if_asked(self, raw_path: str) -> bool:
        """Whether this request's connection is to be reset unanswered, as a test asked."""
        method = _method_of(raw_path)
        with self._lock:
            if self._resets.get(method, 0) == 0:
                return False
            self._resets[method] -= 1
            self._dropped.append(method)
            return True

    def _hold_if_asked(self, raw_path: str, connection: socket.socket) -> bool:
        """Hold this request if a test asked to; True when it is to be dropped unanswered."""
        method = _method_of(raw_path)
        with self._changed:
            hold = next((h for h in self._holds if h.method == method and not h.held), None)
            if hold is None:
                return False
            if hold.after > 0:
                hold.after -= 1
                return False
            hold.held = True
            self._changed.notify_all()
        hold.released.wait()
        gone = _client_gone(connection)
        with self._changed:
            hold.settled = True
            if gone:
                self._dropped.append(method)
            self._changed.notify_all()
        return gone

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def _take_failure(self, method: str) -> _Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            return queue.pop(0) if queue else None

    def _failure_answer(self, failure: _Failure) -> _Answer:
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = str(failure.retry_after)
        return _json_answer({"ok": False, "error": failure.error}, failure.status, headers)

    def _api_call(
        self, path: str, method: str, query: str, headers: dict[str, str], body: bytes
    ) -> _Answer:
        args = _flatten(parse_qs(query, keep_blank_values=True))
        content_type = headers.get("content-type", "")
        json_body = False
        if body:
            if content_type.startswith("application/json"):
                json_body = True
                decoded = json.loads(body)
                if isinstance(decoded, dict):
                    args.update(decoded)
            elif content_type.startswith("multipart/form-data"):
                args.update(_parse_multipart(content_type, body))
            else:
                args.update(_flatten(parse_qs(body.decode(), keep_blank_values=True)))
        token: str | None = None
        authorization = headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            token = authorization[len("bearer ") :].strip() or None
        body_token = args.pop("token", None)
        if token is None and isinstance(body_token, str) and not json_body:
            token = body_token or None
        client: tuple[str, str] | None = None
        if method in _NO_TOKEN_METHODS:
            client = _client_credentials(authorization, args)
            if client is not None:  # recorded whichever way they came, the secret hidden
                args["client_id"] = client[0]
                if client[1] or "client_secret" in args:
                    args["client_secret"] = SECRET_SHOWN_AS
        workspace, auth_error = self._resolve(token)
        team_id = workspace.team_id if workspace is not None else None

        failure = self._take_failure(method)
        if failure is not None:
            answer = self._failure_answer(failure)
            self._record(
                Call(method, args, token, failure.status, failure.error, None, path, team_id)
            )
            return answer

        payload: JSON
        handler = self._handlers.get(method)
        if handler is None:
            payload = {"ok": False, "error": "unknown_method", "req_method": method}
        elif method in _NO_TOKEN_METHODS:
            request = _Request(method, args, token, client=client)
            payload = handler(request)
            team_id = request.team_id
        elif auth_error is not None or workspace is None:
            payload = {"ok": False, "error": auth_error or "invalid_auth"}
        elif (needed := METHOD_SCOPES.get(method)) is not None and needed not in workspace.scopes:
            payload = {
                "ok": False,
                "error": "missing_scope",
                "needed": needed,
                "provided": ",".join(sorted(workspace.scopes)),
            }
        else:
            payload = handler(_Request(method, args, token, workspace))
        error = None if payload.get("ok") else str(payload.get("error"))
        self._record(Call(method, args, token, 200, error, payload, path, team_id))
        return _json_answer(payload)

    def _resolve(self, token: str | None) -> tuple[_Workspace | None, str | None]:
        """The workspace a token names, and the error Slack would answer it with, if any."""
        if token is None:
            return None, "not_authed"
        with self._lock:
            revoked_in = self._revoked.get(token)
            if revoked_in is not None:
                return self._workspaces[revoked_in], "token_revoked"
            for workspace in self._workspaces.values():
                if workspace.bot_token == token:
                    return workspace, None
            if self._any_token and self._default.bot_token not in self._revoked:
                return self._default, None
        return None, "invalid_auth"

    def _upload(self, path: str, file_id: str, body: bytes) -> _Answer:
        args: JSON = {"file_id": file_id, "size": len(body), "bytes": body}
        failure = self._take_failure("upload")
        if failure is not None:
            self._record(Call("upload", args, None, failure.status, failure.error, None, path))
            return self._failure_answer(failure)
        with self._lock:
            known = self._files.get(file_id)
            if known is not None:
                known["size"] = len(body)
                known["uploaded"] = True
        if known is None:
            self._record(Call("upload", args, None, 404, "file_not_found", None, path))
            return _Answer(404, b"Not Found", "text/plain")
        self._record(Call("upload", args, None, 200, None, None, path))
        # files.slack.com answers the upload with a short plain-text line.
        return _Answer(200, f"OK - {len(body)}".encode(), "text/plain; charset=utf-8")

    def _response_url(self, path: str, body: bytes) -> _Answer:
        try:
            decoded = json.loads(body) if body else {}
        except ValueError:
            decoded = {"_raw": body.decode(errors="replace")}
        args: JSON = decoded if isinstance(decoded, dict) else {"_json": decoded}
        failure = self._take_failure("response_url")
        if failure is not None:
            self._record(
                Call("response_url", args, None, failure.status, failure.error, None, path)
            )
            return self._failure_answer(failure)
        self._record(Call("response_url", args, None, 200, None, None, path))
        return _Answer(200, b"ok", "text/plain; charset=utf-8")

    # ----------------------------------------------------------------- helpers

    def _now(self) -> float:
        return self._clock()

    def _next_ts(self) -> str:
        with self._lock:
            us = max(round(self._now() * 1_000_000), self._last_ts_us) + 100
            self._last_ts_us = us
        return f"{us // 1_000_000}.{us % 1_000_000:06d}"

    def _next_id(self, prefix: str) -> str:
        with self._lock:
            self._counter += 1
            n = self._counter
        return f"{prefix}{n:08d}"

    def _sees(self, workspace: _Workspace, user: JSON) -> bool:
        """Whether a token of ``workspace`` finds ``user``: one directory per workspace, one per
        Enterprise Grid org (the lock held)."""
        if user["team_id"] == workspace.team_id:
            return True
        home = self._workspaces.get(user["team_id"])
        return (
            workspace.enterprise_id is not None
            and home is not None
            and home.enterprise_id == workspace.enterprise_id
        )

    def _user_object(self, user: JSON, include_locale: bool) -> JSON:
        with self._lock:
            workspace = self._workspaces[user["team_id"]]
        zone = zoneinfo.ZoneInfo(user["tz"])
        now = datetime.fromtimestamp(self._now(), UTC).astimezone(zone)
        offset = now.utcoffset()
        abbreviation = now.tzname() or ""
        name: str = user["name"]
        real_name: str = user["real_name"]
        first, _, last = real_name.partition(" ")
        image = f"https://avatars.slack-edge.com/{user['id'].lower()}_72.png"
        profile: JSON = {
            "title": "",
            "phone": "",
            "skype": "",
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": name,
            "display_name_normalized": name,
            "status_text": "",
            "status_emoji": "",
            "status_emoji_display_info": [],
            "status_expiration": 0,
            "avatar_hash": hashlib.sha1(user["id"].encode()).hexdigest()[:12],
            "first_name": first,
            "last_name": last,
            "image_24": image,
            "image_32": image,
            "image_48": image,
            "image_72": image,
            "image_192": image,
            "image_512": image,
            "status_text_canonical": "",
            "team": workspace.team_id,
        }
        if user["is_bot"]:
            profile.update(
                {"bot_id": workspace.bot_id, "api_app_id": APP_ID, "always_active": True}
            )
        else:
            profile["email"] = user["email"]
        obj: JSON = {
            "id": user["id"],
            "team_id": workspace.team_id,
            "name": name,
            "deleted": user["deleted"],
            "color": hashlib.sha1(name.encode()).hexdigest()[:6],
            "real_name": real_name,
            "tz": user["tz"],
            "tz_label": _TZ_LABELS.get(abbreviation, abbreviation),
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": profile,
            "is_admin": False,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": user["is_bot"],
            "is_app_user": False,
            "updated": int(DEFAULT_EPOCH) - 86_400,
            "is_email_confirmed": not user["is_bot"],
            "who_can_share_contact_card": "EVERYONE",
        }
        if not user["is_bot"]:
            obj["has_2fa"] = False
        if include_locale:
            obj["locale"] = user["locale"]
        return obj

    def _im_id(self, user_id: str) -> str:
        return "D" + user_id

    def _resolve_channel(self, channel: str) -> str:
        """Posting to a user ID lands in the app's DM with that user, as on Slack."""
        if channel.startswith(("U", "W")):
            return self._im_id(channel)
        return channel

    def _bot_message(self, workspace: _Workspace, args: JSON, ts: str) -> JSON:
        message: JSON = {
            "user": workspace.bot_user_id,
            "type": "message",
            "ts": ts,
            "bot_id": workspace.bot_id,
            "app_id": APP_ID,
            "text": args.get("text", "") or "",
            "team": workspace.team_id,
            "bot_profile": {
                "id": workspace.bot_id,
                "deleted": False,
                "name": BOT_USER_NAME,
                "updated": int(DEFAULT_EPOCH) - 86_400,
                "app_id": APP_ID,
                "icons": {
                    "image_36": "https://a.slack-edge.com/80588/img/plugins/app/bot_36.png",
                    "image_48": "https://a.slack-edge.com/80588/img/plugins/app/bot_48.png",
                    "image_72": "https://a.slack-edge.com/80588/img/plugins/app/service_72.png",
                },
                "team_id": workspace.team_id,
            },
        }
        for key in ("blocks", "attachments", "metadata"):
            if args.get(key):
                message[key] = args[key]
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        return message

    @staticmethod
    def _error(code: str) -> JSON:
        return {"ok": False, "error": code}

    def _view_object(
        self, view: Any, view_id: str, workspace: _Workspace, root_view_id: str | None = None
    ) -> JSON:
        spec: JSON = view if isinstance(view, dict) else {}
        return {
            "id": view_id,
            "team_id": workspace.team_id,
            "type": spec.get("type", "modal"),
            "blocks": spec.get("blocks", []),
            "private_metadata": spec.get("private_metadata", ""),
            "callback_id": spec.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(self._now())}.{hashlib.sha1(view_id.encode()).hexdigest()[:8]}",
            "title": spec.get("title"),
            "clear_on_close": spec.get("clear_on_close", False),
            "notify_on_close": spec.get("notify_on_close", False),
            "close": spec.get("close"),
            "submit": spec.get("submit"),
            "previous_view_id": None,
            "root_view_id": root_view_id or view_id,
            "app_id": APP_ID,
            "external_id": spec.get("external_id", ""),
            "app_installed_team_id": workspace.team_id,
            "bot_id": workspace.bot_id,
        }

    # ----------------------------------------------------------------- methods

    def _api_test(self, req: _Request) -> JSON:
        return {"ok": True, "args": {k: v for k, v in req.args.items() if isinstance(v, str)}}

    def _auth_test(self, req: _Request) -> JSON:
        workspace = req.ws
        answer: JSON = {
            "ok": True,
            "url": workspace.url,
            "team": workspace.team_name,
            "user": BOT_USER_NAME,
            "team_id": workspace.team_id,
            "user_id": workspace.bot_user_id,
            "bot_id": workspace.bot_id,
        }
        if workspace.enterprise_id is not None:
            answer["enterprise_id"] = workspace.enterprise_id
        answer["is_enterprise_install"] = workspace.is_enterprise_install
        return answer

    def _oauth_v2_access(self, req: _Request) -> JSON:
        client_id, secret = req.client or ("", "")
        code = str(req.args.get("code", "") or "")
        redirect_uri = req.args.get("redirect_uri")
        with self._lock:
            app = self._app
            if app is None or client_id != app.client_id:
                return self._error("invalid_client_id")
            if secret != app.client_secret:
                return self._error("bad_client_secret")
            grant = self._grants.get(code)
            if grant is None or grant.used:
                return self._error("invalid_code")
            req.team_id = grant.team_id
            if redirect_uri and app.redirect_uri is not None and redirect_uri != app.redirect_uri:
                return self._error("bad_redirect_uri")
            grant.used = True
            workspace = self._workspaces[grant.team_id]
            if workspace.bot_token in self._revoked:  # a reinstall after an uninstall
                token = workspace.fresh_token()
                self._check_token_is_free(token, workspace.team_id)
                workspace.bot_token = token
            workspace.scopes = granted() if grant.scopes is None else grant.scopes
        org_wide = workspace.is_enterprise_install
        enterprise = (
            {"id": workspace.enterprise_id, "name": workspace.enterprise_name}
            if workspace.enterprise_id is not None
            else None
        )
        return {
            "ok": True,
            "access_token": workspace.bot_token,
            "token_type": "bot",
            "scope": ",".join(sorted(workspace.scopes)),
            "bot_user_id": workspace.bot_user_id,
            "app_id": APP_ID,
            "team": None if org_wide else {"id": workspace.team_id, "name": workspace.team_name},
            "enterprise": enterprise,
            "is_enterprise_install": org_wide,
            "authed_user": {"id": grant.installer},
        }

    def _users_info(self, req: _Request) -> JSON:
        with self._lock:
            user = self._users.get(str(req.args.get("user", "")))
            if user is not None and not self._sees(req.ws, user):
                user = None
        if user is None:
            return self._error("user_not_found")
        return {
            "ok": True,
            "user": self._user_object(user, _truthy(req.args.get("include_locale"))),
        }

    def _users_lookup_by_email(self, req: _Request) -> JSON:
        email = str(req.args.get("email", "")).lower()
        with self._lock:
            found = [
                u
                for u in self._users.values()
                if u["email"].lower() == email and not u["is_bot"] and self._sees(req.ws, u)
            ]
        if not found:
            return self._error("users_not_found")
        return {"ok": True, "user": self._user_object(found[0], include_locale=False)}

    def _conversations_open(self, req: _Request) -> JSON:
        channel = req.args.get("channel")
        if channel:
            return {"ok": True, "channel": {"id": str(channel)}}
        users = [u for u in str(req.args.get("users", "")).split(",") if u]
        if not users:
            return self._error("users_list_not_supplied")
        with self._lock:
            unknown = [
                u for u in users if u not in self._users or not self._sees(req.ws, self._users[u])
            ]
        if unknown:
            return self._error("user_not_found")
        if len(users) == 1:
            channel_id = self._im_id(users[0])
        else:
            channel_id = (
                "G" + hashlib.sha1(",".join(sorted(users)).encode()).hexdigest()[:8].upper()
            )
        with self._lock:
            already_open = channel_id in self._open_ims
            self._open_ims.add(channel_id)
        obj: JSON = {"id": channel_id}
        if _truthy(req.args.get("return_im")) and len(users) == 1:
            obj = {
                "id": channel_id,
                "created": int(self._now()),
                "is_im": True,
                "is_org_shared": False,
                "user": users[0],
                "is_user_deleted": False,
                "priority": 0,
            }
        answer: JSON = {"ok": True}
        if already_open:
            answer.update({"no_op": True, "already_open": True})
        answer["channel"] = obj
        return answer

    def _conversations_info(self, req: _Request) -> JSON:
        channel_id = str(req.args.get("channel", ""))
        with self._lock:
            known = self._channels.get(channel_id)
            im_user = channel_id[1:] if channel_id.startswith("D") else None
            is_im = im_user is not None and im_user in self._users
        created = int(DEFAULT_EPOCH) - 30 * 86_400
        if is_im:
            return {
                "ok": True,
                "channel": {
                    "id": channel_id,
                    "created": created,
                    "is_archived": False,
                    "is_im": True,
                    "is_org_shared": False,
                    "context_team_id": req.ws.team_id,
                    "updated": created * 1000,
                    "user": im_user,
                    "last_read": "0000000000.000000",
                    "latest": None,
                    "unread_count": 0,
                    "unread_count_display": 0,
                    "is_open": True,
                    "properties": {},
                    "priority": 0,
                },
            }
        if known is None:
            return self._error("channel_not_found")
        name: str = known["name"]
        channel: JSON = {
            "id": channel_id,
            "name": name,
            "is_channel": not known["is_private"],
            "is_group": known["is_private"],
            "is_im": False,
            "is_mpim": False,
            "is_private": known["is_private"],
            "created": created,
            "is_archived": False,
            "is_general": name == "general",
            "unlinked": 0,
            "name_normalized": name,
            "is_shared": False,
            "is_org_shared": False,
            "is_pending_ext_shared": False,
            "pending_shared": [],
            "context_team_id": req.ws.team_id,
            "updated": created * 1000,
            "parent_conversation": None,
            "creator": "U00000ANA",
            "is_ext_shared": False,
            "shared_team_ids": [req.ws.team_id],
            "pending_connected_team_ids": [],
            "is_member": True,
            "last_read": "0000000000.000000",
            "topic": {"value": "", "creator": "", "last_set": 0},
            "purpose": {"value": "", "creator": "", "last_set": 0},
            "previous_names": [],
        }
        if _truthy(req.args.get("include_locale")):
            channel["locale"] = "en-US"
        if _truthy(req.args.get("include_num_members")):
            with self._lock:
                channel["num_members"] = sum(self._sees(req.ws, u) for u in self._users.values())
        return {"ok": True, "channel": channel}

    def _chat_post_message(self, req: _Request) -> JSON:
        channel = str(req.args.get("channel", ""))
        if not channel:
            return self._error("channel_not_found")
        if not (req.args.get("text") or req.args.get("blocks") or req.args.get("attachments")):
            return self._error("no_text")
        channel = self._resolve_channel(channel)
        ts = self._next_ts()
        message = self._bot_message(req.ws, req.args, ts)
        with self._lock:
            parent = self._messages.get((channel, str(req.args.get("thread_ts", ""))))
            if parent is not None and parent.get("user"):
                message["parent_user_id"] = parent["user"]
            self._messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def _chat_post_ephemeral(self, req: _Request) -> JSON:
        if not req.args.get("channel"):
            return self._error("channel_not_found")
        if not req.args.get("user"):
            return self._error("user_not_in_channel")
        if not (req.args.get("text") or req.args.get("blocks") or req.args.get("attachments")):
            return self._error("no_text")
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_schedule_message(self, req: _Request) -> JSON:
        channel = self._resolve_channel(str(req.args.get("channel", "")))
        try:
            post_at = int(str(req.args.get("post_at", "")))
        except ValueError:
            return self._error("invalid_time")
        if post_at <= self._now():
            return self._error("time_in_past")
        message = self._bot_message(req.ws, req.args, "")
        for key in ("ts", "bot_profile", "thread_ts", "parent_user_id"):
            message.pop(key, None)
        return {
            "ok": True,
            "channel": channel,
            "scheduled_message_id": self._next_id("Q"),
            "post_at": post_at,
            "message": message,
        }

    def _chat_update(self, req: _Request) -> JSON:
        channel = str(req.args.get("channel", ""))
        ts = str(req.args.get("ts", ""))
        with self._lock:
            message = self._messages.get((channel, ts))
        if message is None:
            if self.strict_messages or not ts:
                return self._error("message_not_found")
            message = self._bot_message(req.ws, {}, ts)
        message = dict(message)
        for key in ("text", "blocks", "attachments"):
            if key in req.args:
                message[key] = req.args[key]
        message["edited"] = {"user": req.ws.bot_user_id, "ts": self._next_ts()}
        with self._lock:
            self._messages[(channel, ts)] = message
        shown = {k: v for k, v in message.items() if k not in ("ts", "edited", "thread_ts")}
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": message.get("text", ""),
            "message": shown,
        }

    def _chat_delete(self, req: _Request) -> JSON:
        channel = str(req.args.get("channel", ""))
        ts = str(req.args.get("ts", ""))
        with self._lock:
            existed = self._messages.pop((channel, ts), None) is not None
        if not existed and (self.strict_messages or not ts):
            return self._error("message_not_found")
        return {"ok": True, "channel": channel, "ts": ts}

    def _chat_get_permalink(self, req: _Request) -> JSON:
        channel = str(req.args.get("channel", ""))
        ts = str(req.args.get("message_ts", ""))
        if not channel:
            return self._error("channel_not_found")
        if not ts:
            return self._error("message_not_found")
        permalink = f"{req.ws.url}archives/{channel}/p{ts.replace('.', '')}"
        with self._lock:
            message = self._messages.get((channel, ts))
        thread_ts = message.get("thread_ts") if message else None
        if thread_ts and thread_ts != ts:
            permalink += f"?thread_ts={thread_ts}&cid={channel}"
        return {"ok": True, "permalink": permalink, "channel": channel}

    def _views_open(self, req: _Request) -> JSON:
        if not req.args.get("trigger_id"):
            return self._error("invalid_arguments")
        if not isinstance(req.args.get("view"), dict):
            return self._error("invalid_arguments")
        view_id = self._next_id("V")
        view = self._view_object(req.args["view"], view_id, req.ws)
        with self._lock:
            self._views[view_id] = view
        return {"ok": True, "view": view}

    def _views_update(self, req: _Request) -> JSON:
        if not isinstance(req.args.get("view"), dict):
            return self._error("invalid_arguments")
        view_id = str(req.args.get("view_id", ""))
        external_id = str(req.args.get("external_id", ""))
        with self._lock:
            if not view_id and external_id:
                view_id = next(
                    (v["id"] for v in self._views.values() if v["external_id"] == external_id), ""
                )
            old = self._views.get(view_id)
        if not view_id:
            return self._error("not_found")
        root = old["root_view_id"] if old else None
        view = self._view_object(req.args["view"], view_id, req.ws, root)
        with self._lock:
            self._views[view_id] = view
        return {"ok": True, "view": view}

    def _views_publish(self, req: _Request) -> JSON:
        user_id = str(req.args.get("user_id", ""))
        view_spec = req.args.get("view")
        if not user_id or not isinstance(view_spec, dict):
            return self._error("invalid_arguments")
        with self._lock:
            user = self._users.get(user_id)
            if user is None or not self._sees(req.ws, user):
                return self._error("invalid_arguments")
            view_id = self._home_views.get(user_id)
        if view_id is None:
            view_id = self._next_id("V")
        view = self._view_object({**view_spec, "type": "home"}, view_id, req.ws)
        with self._lock:
            self._home_views[user_id] = view_id
            self._views[view_id] = view
        return {"ok": True, "view": view}

    def _reaction_key(self, req: _Request) -> tuple[str, str, str] | None:
        channel = str(req.args.get("channel", ""))
        timestamp = str(req.args.get("timestamp", ""))
        name = str(req.args.get("name", ""))
        if not (channel and timestamp and name):
            return None
        return (channel, timestamp, name)

    def _reactions_add(self, req: _Request) -> JSON:
        key = self._reaction_key(req)
        if key is None:
            return self._error("invalid_arguments")
        with self._lock:
            if key in self._reactions:
                return self._error("already_reacted")
            self._reactions.add(key)
        return {"ok": True}

    def _reactions_remove(self, req: _Request) -> JSON:
        key = self._reaction_key(req)
        if key is None:
            return self._error("invalid_arguments")
        with self._lock:
            if key not in self._reactions:
                return self._error("no_reaction")
            self._reactions.discard(key)
        return {"ok": True}

    def _files_get_upload_url(self, req: _Request) -> JSON:
        filename = str(req.args.get("filename", ""))
        try:
            length = int(str(req.args.get("length", "")))
        except ValueError:
            return self._error("invalid_arguments")
        if not filename or length <= 0:
            return self._error("invalid_arguments")
        file_id = self._next_id("F")
        with self._lock:
            self._files[file_id] = {
                "name": filename,
                "length": length,
                "size": 0,
                "uploaded": False,
                "alt_txt": req.args.get("alt_txt"),
            }
        return {"ok": True, "upload_url": f"{self.root_url}/upload/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, req: _Request) -> JSON:
        specs = req.args.get("files")
        if not isinstance(specs, list) or not specs:
            return self._error("invalid_arguments")
        channel = str(req.args.get("channel_id", "") or "")
        channels = [c for c in [channel, *str(req.args.get("channels", "") or "").split(",")] if c]
        out: list[JSON] = []
        for spec in specs:
            file_id = str(spec.get("id", "")) if isinstance(spec, dict) else ""
            with self._lock:
                stored = self._files.get(file_id)
            if stored is None or not stored["uploaded"]:
                return self._error("file_not_found")
            out.append(self._file_object(req.ws, file_id, stored, spec.get("title"), channels))
        return {"ok": True, "files": out}

    def _file_object(
        self, workspace: _Workspace, file_id: str, stored: JSON, title: Any, channels: list[str]
    ) -> JSON:
        team, bot_user = workspace.team_id, workspace.bot_user_id
        name: str = stored["name"]
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        filetype = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
        now = int(self._now())
        slug = name.lower().replace(" ", "_")
        private = f"https://files.slack.com/files-pri/{team}-{file_id}/{slug}"
        return {
            "id": file_id,
            "created": now,
            "timestamp": now,
            "name": name,
            "title": title or name,
            "mimetype": mimetype,
            "filetype": filetype,
            "pretty_type": filetype.upper(),
            "user": bot_user,
            "user_team": team,
            "editable": False,
            "size": stored["size"],
            "mode": "hosted",
            "is_external": False,
            "external_type": "",
            "is_public": any(c.startswith("C") for c in channels),
            "public_url_shared": False,
            "display_as_bot": False,
            "username": "",
            "url_private": private,
            "url_private_download": f"https://files.slack.com/files-pri/{team}-{file_id}/download/{slug}",
            "permalink": f"{workspace.url}files/{bot_user}/{file_id}/{slug}",
            "permalink_public": f"https://slack-files.com/{team}-{file_id}-0000000000",
            "alt_txt": stored.get("alt_txt") or "",
            "comments_count": 0,
            "is_starred": False,
            "shares": {},
            "channels": [c for c in channels if c.startswith("C")],
            "groups": [c for c in channels if c.startswith("G")],
            "ims": [c for c in channels if c.startswith("D")],
            "has_more_shares": False,
            "has_rich_preview": False,
            "file_access": "visible",
        }
