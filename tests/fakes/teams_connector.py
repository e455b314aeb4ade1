"""A fake Microsoft Bot Connector (the Teams REST API a bot calls) and Bot Framework keys.

Usage::

    with FakeBotConnector(members=PEOPLE) as connector:
        cloud = with_overrides(PUBLIC, openid_metadata_url=connector.openid_metadata_url)
        ...the app, with CLIENT_ID=APP_ID, that cloud, and BOT_TOKEN for its outbound calls...
        [call] = connector.wait_for("send")
        connector.sent_to(call.conversation_id)

It answers the Bot Framework's two well-known documents, so the SDK's JWT validation trusts
tokens signed with this module's test key (``issue_token``): ``/v1/.well-known/
openidconfiguration`` and ``/v1/.well-known/keys`` (the SDK derives the second from the first).
And it answers the Connector calls Kept makes, paths relative to ``service_url``:

* ``POST /v3/conversations``: a personal chat with one member, ``{"id": "a:1…"}``, the same id
  for the same member (by "29:" id or AAD object id) and the same as ``personal_conversation_id``;
* ``POST /v3/conversations/{id}/activities``: a message (a new thread, in a channel) ``{"id"}``;
  the SDK's replies come here too, with a ``replyToId``;
* ``POST /v3/conversations/{id}/activities/{activityId}``: a reply, ``{"id"}``;
* ``PUT /v3/conversations/{id}/activities/{activityId}``: an update, ``{"id": activityId}``;
* ``GET /v3/conversations/{id}/members/{memberId}``: a TeamsChannelAccount.

Errors are the Connector's ``{"error": {"code", "message"}}``, with the codes and messages of
Microsoft's table "Status codes from bot conversational APIs" (Teams docs, conversation
messages): 401 without the bot token, 403 ``ForbiddenOperationException`` to start a chat with
someone who has not installed the bot, 403 ``BotNotInConversationRoster`` to write in their
chat, 404 for unknown members and activities, and whatever a test scripts with ``fail_next``
(429 ``Throttled`` with ``Retry-After``, 500, 503…). Path segments are URL-decoded: clients
may or may not encode the ``:``, ``@`` and ``;`` of Teams conversation ids.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.fakes.loopback import LoopbackServer, ServedInAThread

JSON = dict[str, Any]

APP_ID = "3f0c9a52-6d1e-4b8a-9c27-5e4f1a2b7d60"  # the bot's Microsoft app id: CLIENT_ID
TENANT_ID = "8d2f4b61-1a3c-4e5d-b7f8-09a1c2d3e4f5"
BOT_ID = f"28:{APP_ID}"
BOT_NAME = "Kept"
ISSUER = "https://api.botframework.com"  # the iss of tokens the Bot Framework sends a bot
# The only token the Connector accepts from the bot. A JWT, as the SDK reads the claims of the
# token it sends (a plain string fails there: "Not enough segments"); shaped like the app-only
# token Entra gives a bot, and signed with a key nobody checks, as only this fake reads it.
BOT_TOKEN = jwt.encode(
    {
        "aud": ISSUER,
        "iss": f"https://sts.windows.net/{TENANT_ID}/",
        "appid": APP_ID,
        "tid": TENANT_ID,
        "exp": 4_102_444_800,  # 2100: never stale in a test
    },
    "fake-bot-connector-signing-key-of-no-one",
    algorithm="HS256",
)
KEY_ID = "kept-test-key"

KINDS = ("create_conversation", "send", "reply", "update", "get_member")

# The Connector's codes and messages for each status (Microsoft's table; 503 and 504 have none
# there, so these two are named after their status).
_DOCUMENTED_ERRORS: dict[int, tuple[str, str]] = {
    400: ("BadArgument", "Invalid request payload."),
    401: ("Unauthorized", "Authorization has been denied for this request."),
    403: ("BotNotInConversationRoster", "The bot isn't part of the conversation roster."),
    404: ("ConversationNotFound", "Conversation not found."),
    412: ("PreconditionFailed", "Precondition failed, please try again."),
    413: ("MessageSizeTooBig", "Message size too large."),
    429: ("Throttled", "Too many requests."),
    500: ("ServiceError", "Internal server error."),
    502: ("ServiceError", "Service dependency issue."),
    503: ("ServiceUnavailable", "Service is unavailable."),
    504: ("GatewayTimeout", "Gateway Timeout."),
}
_NOT_INSTALLED = ("ForbiddenOperationException", "Bot isn't installed in user's personal scope")
_NO_MEMBER = ("MemberNotFoundInConversation", "The member could not be found.")
_NO_ACTIVITY = ("ActivityNotFoundInConversation", "Conversation not found.")


# ----------------------------------------------------------------- keys and tokens


_keys_lock = threading.Lock()


@functools.cache
def _generate_key(name: str) -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def signing_key() -> rsa.RSAPrivateKey:
    """The test key the Bot Framework signs with here: one per test session.

    Locked, as the fake's server thread (serving the keys) and a test (signing) may both be
    the first to ask.
    """
    with _keys_lock:
        return _generate_key("signing")


def stranger_key() -> rsa.RSAPrivateKey:
    """A key no JWKS serves: a forger's."""
    with _keys_lock:
        return _generate_key("stranger")


def jwks() -> JSON:
    """The key set served at ``/v1/.well-known/keys``, as login.botframework.com shapes it."""
    public = RSAAlgorithm.to_jwk(signing_key().public_key(), as_dict=True)
    key = {"kty": "RSA", "use": "sig", "kid": KEY_ID, "n": public["n"], "e": public["e"]}
    return {"keys": [{**key, "endorsements": ["msteams"]}]}


def issue_token(
    service_url: str,
    *,
    audience: str = APP_ID,
    key: rsa.RSAPrivateKey | None = None,
    issued_at: float | None = None,
) -> str:
    """A Bot Framework token for a request to the bot, as Teams sends in ``Authorization``.

    Times are wall-clock (PyJWT checks them with ``time.time()``), not a test's clock.
    Whatever the key, the header names ``KEY_ID``: a forged token claims the trusted key.
    """
    issued = int(time.time() if issued_at is None else issued_at)
    claims = {
        "serviceurl": service_url,
        "nbf": issued - 300,
        "exp": issued + 3600,
        "iat": issued,
        "iss": ISSUER,
        "aud": audience,
    }
    return jwt.encode(
        claims, key or signing_key(), algorithm="RS256", headers={"kid": KEY_ID, "typ": "JWT"}
    )


def personal_conversation_id(member_id: str) -> str:
    """The id of the bot's personal chat with a member ("29:…"), as Teams shapes one: "a:1…"."""
    digest = hashlib.sha256(f"{BOT_ID}|{member_id}".encode()).digest()
    return "a:1" + base64.urlsafe_b64encode(digest).decode().rstrip("=")


# ----------------------------------------------------------------- records


class Member(Protocol):
    """A person of the tenant (``teams_activities.TeamsUser`` is one)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def aad_object_id(self) -> str: ...
    @property
    def email(self) -> str: ...


@dataclass(frozen=True)
class Call:
    """One Connector request the fake received, whatever it answered.

    ``kind`` is one of ``KINDS``, or ``"unknown"``; ``path`` is decoded; ``headers`` have
    lower-case names; ``body`` is the parsed JSON (``None`` if there was none).
    """

    kind: str
    method: str
    path: str
    body: JSON | None
    headers: dict[str, str]
    status: int
    response: JSON | None
    conversation_id: str | None = None
    activity_id: str | None = None
    member_id: str | None = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def token(self) -> str | None:
        return _bearer(self.headers)


@dataclass(frozen=True)
class _Failure:
    status: int
    code: str
    message: str
    retry_after: int | None


@dataclass
class _Answer:
    status: int
    body: JSON | None
    headers: dict[str, str] = field(default_factory=dict)


def _error(status: int, code_and_message: tuple[str, str]) -> _Answer:
    code, message = code_and_message
    return _Answer(status, {"error": {"code": code, "message": message}})


@dataclass(frozen=True)
class _Route:
    kind: str
    conversation_id: str | None = None
    activity_id: str | None = None
    member_id: str | None = None


def _route(method: str, segments: list[str]) -> _Route:
    """Which Connector operation a request is, and the ids its path names."""
    match method, segments:
        case "POST", ["v3", "conversations"]:
            return _Route("create_conversation")
        case "POST", ["v3", "conversations", conversation, "activities"]:
            return _Route("send", conversation)
        case "POST", ["v3", "conversations", conversation, "activities", activity]:
            return _Route("reply", conversation, activity)
        case "PUT", ["v3", "conversations", conversation, "activities", activity]:
            return _Route("update", conversation, activity)
        case "GET", ["v3", "conversations", conversation, "members", member]:
            return _Route("get_member", conversation, member_id=member)
    return _Route("unknown")


def _bearer(headers: dict[str, str]) -> str | None:
    scheme, _, token = headers.get("authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" and token else None


def _thread_root(conversation_id: str) -> str:
    """A channel thread ("19:…@thread.tacv2;messageid=1") and its channel hold the same posts."""
    return conversation_id.split(";", 1)[0]


# ----------------------------------------------------------------- HTTP plumbing


class _RequestHandler(BaseHTTPRequestHandler):
    disable_nagle_algorithm = True  # answers go out at once, not after the peer's ACK
    server: LoopbackServer[FakeBotConnector]
    protocol_version = "HTTP/1.1"
    timeout = 30

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = self.server.fake._dispatch(self.command, self.path, headers, body)
        payload = b"" if answer.body is None else json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: test output is not the place for an access log."""


# ----------------------------------------------------------------- the fake


class FakeBotConnector(ServedInAThread):
    """The Bot Connector and Bot Framework key documents on a random loopback port, while open.

    ``members`` are the tenant's people (``add_member`` adds more); each has the bot installed
    until ``not_installed`` says otherwise. ``valid_token`` is the only bearer token accepted
    (``None`` accepts any).
    """

    handler = _RequestHandler

    def __init__(
        self, *, members: Iterable[Member] = (), valid_token: str | None = BOT_TOKEN
    ) -> None:
        self.valid_token = valid_token
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._members: dict[str, Member] = {}
        self._not_installed: set[str] = set()
        self._sent: list[tuple[str, JSON]] = []
        self._updates: list[tuple[str, JSON]] = []
        self._activities: dict[tuple[str, str], JSON] = {}
        self._counter = 0
        for member in members:
            self.add_member(member)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``, no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def service_url(self) -> str:
        """What activities carry as ``serviceUrl``; with the trailing slash Teams puts there."""
        return f"{self.base_url}/"

    @property
    def openid_metadata_url(self) -> str:
        """For ``with_overrides(PUBLIC, openid_metadata_url=...)``."""
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    # ----------------------------------------------------------------- scripting

    def add_member(self, member: Member) -> None:
        """A person of the tenant, found by their "29:" id or AAD object id."""
        with self._lock:
            self._members[member.id] = member
            self._members[member.aad_object_id] = member

    def not_installed(self, user_id: str) -> None:
        """The bot is not installed for this person ("29:" id or AAD object id) any more."""
        with self._lock:
            self._not_installed.add(self._resolve(user_id))

    def installed(self, user_id: str) -> None:
        """The person installed the bot (again)."""
        with self._lock:
            self._not_installed.discard(self._resolve(user_id))

    def fail_next(
        self,
        path_or_kind: str,
        status: int = 429,
        retry_after: int | None = None,
        times: int = 1,
        *,
        code: str | None = None,
        message: str | None = None,
    ) -> None:
        """Make the next call(s) of a kind (see ``KINDS``), or to an exact path, fail.

        ``path_or_kind`` is a kind, e.g. ``"send"``, or a decoded path relative to the service
        URL, e.g. ``"/v3/conversations/a:1xyz/activities"`` (it wins over its kind).
        The body is the documented ``{"error": {"code", "message"}}`` for ``status`` unless
        ``code``/``message`` say otherwise; a 429 carries ``Retry-After`` (1 unless given).
        """
        if path_or_kind not in KINDS and not path_or_kind.startswith("/"):
            raise ValueError(f"{path_or_kind!r} is neither a path nor one of {KINDS}")
        documented = _DOCUMENTED_ERRORS.get(status)
        if documented is None and code is None:
            raise ValueError(f"no documented error for {status}: give a code")
        default_code, default_message = documented or ("", "")
        if status == 429 and retry_after is None:
            retry_after = 1
        failure = _Failure(status, code or default_code, message or default_message, retry_after)
        with self._lock:
            self._failures.setdefault(path_or_kind, []).extend([failure] * times)

    # ----------------------------------------------------------------- inspection

    @property
    def calls(self) -> list[Call]:
        with self._lock:
            return list(self._calls)

    def calls_to(self, kind: str) -> list[Call]:
        with self._lock:
            return [c for c in self._calls if c.kind == kind]

    def wait_for(self, kind: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls of ``kind`` (failed ones too) have arrived; all of them."""
        with self._changed:
            arrived = self._changed.wait_for(
                lambda: sum(c.kind == kind for c in self._calls) >= count, timeout
            )
            calls = [c for c in self._calls if c.kind == kind]
            if not arrived:
                seen = ", ".join(f"{c.kind}[{c.status}] {c.path}" for c in self._calls)
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} {kind} call(s), "
                    f"got {len(calls)}; calls seen: [{seen}]"
                )
            return calls

    def sent_to(self, conversation_id: str, type: str | None = "message") -> list[JSON]:
        """Activities posted (or replied) to exactly this conversation id, oldest first.

        Each is the body as sent, with the ``id`` the fake gave it. Only messages by default:
        a typing indicator is not something a person reads; ``type=None`` gives all.
        """
        with self._lock:
            return [
                dict(a)
                for c, a in self._sent
                if c == conversation_id and (type is None or a.get("type") == type)
            ]

    def updates(self, conversation_id: str) -> list[JSON]:
        """Bodies of the updates (PUT) in a conversation, oldest first, each with its ``id``."""
        with self._lock:
            return [dict(a) for c, a in self._updates if c == conversation_id]

    def activity(self, conversation_id: str, activity_id: str) -> JSON | None:
        """An activity posted through the fake as it stands now: its last update, if any."""
        with self._lock:
            found = self._activities.get((_thread_root(conversation_id), activity_id))
            return dict(found) if found is not None else None

    # ----------------------------------------------------------------- dispatch

    def _dispatch(self, method: str, raw_path: str, headers: dict[str, str], raw: bytes) -> _Answer:
        path = "/".join(unquote(s) for s in urlsplit(raw_path).path.split("/"))
        segments = path.strip("/").split("/")
        if method == "GET" and segments == ["v1", ".well-known", "openidconfiguration"]:
            return _Answer(200, self._openid_configuration())
        if method == "GET" and segments == ["v1", ".well-known", "keys"]:
            return _Answer(200, jwks())
        route = _route(method, segments)
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        answer = self._answer(route, path, headers, body)
        self._record(
            Call(
                route.kind,
                method,
                path,
                body if isinstance(body, dict) else None,
                headers,
                answer.status,
                answer.body,
                route.conversation_id,
                route.activity_id,
                route.member_id,
            )
        )
        return answer

    def _answer(self, route: _Route, path: str, headers: dict[str, str], body: Any) -> _Answer:
        if route.kind == "unknown":
            return _error(404, ("NotFound", f"No such operation: {path}"))
        if not self._authorized(headers):
            return _error(401, _DOCUMENTED_ERRORS[401])
        failure = self._take_failure(path, route.kind)
        if failure is not None:
            answer = _error(failure.status, (failure.code, failure.message))
            if failure.retry_after is not None:
                answer.headers["Retry-After"] = str(failure.retry_after)
            return answer
        if route.kind == "get_member":
            return self._get_member(str(route.member_id))
        if not isinstance(body, dict):
            return _error(400, ("BadSyntax", "The request body is not a JSON object."))
        if route.kind == "create_conversation":
            return self._create_conversation(body)
        conversation_id = str(route.conversation_id)
        if route.kind == "update":
            return self._update(conversation_id, str(route.activity_id), body)
        if route.kind == "reply":
            body = {**body, "replyToId": route.activity_id}
        return self._post(conversation_id, body)

    def _authorized(self, headers: dict[str, str]) -> bool:
        token = _bearer(headers)
        return token is not None and self.valid_token in (None, token)

    def _take_failure(self, path: str, kind: str) -> _Failure | None:
        with self._lock:
            for key in (path, kind):
                queue = self._failures.get(key)
                if queue:
                    return queue.pop(0)
            return None

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    # ----------------------------------------------------------------- operations

    def _openid_configuration(self) -> JSON:
        return {
            "issuer": ISSUER,
            "authorization_endpoint": "https://invalid.botframework.com",
            "jwks_uri": f"{self.base_url}/v1/.well-known/keys",
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        }

    def _resolve(self, user_id: str) -> str:
        """A member's "29:" id, whichever id names them; an unknown id stays as it is."""
        member = self._members.get(user_id)
        return member.id if member is not None else user_id

    def _create_conversation(self, body: JSON) -> _Answer:
        members = body.get("members")
        if not isinstance(members, list) or len(members) != 1 or not isinstance(members[0], dict):
            return _error(400, ("BadArgument", "A personal conversation has exactly one member."))
        with self._lock:
            member = self._members.get(str(members[0].get("id")))
            installed = member is not None and member.id not in self._not_installed
        if member is None:
            return _error(404, _NO_MEMBER)
        if not installed:
            return _error(403, _NOT_INSTALLED)
        return _Answer(201, {"id": personal_conversation_id(member.id)})

    def _post(self, conversation_id: str, body: JSON) -> _Answer:
        with self._lock:
            blocked = {personal_conversation_id(m) for m in self._not_installed}
            if conversation_id in blocked:
                return _error(403, _DOCUMENTED_ERRORS[403])
            self._counter += 1
            activity = {**body, "id": str(1_000_000_000_000 + self._counter)}
            self._sent.append((conversation_id, activity))
            self._activities[(_thread_root(conversation_id), activity["id"])] = activity
        return _Answer(201, {"id": activity["id"]})

    def _update(self, conversation_id: str, activity_id: str, body: JSON) -> _Answer:
        key = (_thread_root(conversation_id), activity_id)
        with self._lock:
            if key not in self._activities:
                return _error(404, _NO_ACTIVITY)
            activity = {**body, "id": activity_id}
            self._updates.append((conversation_id, activity))
            self._activities[key] = activity
        return _Answer(200, {"id": activity_id})

    def _get_member(self, member_id: str) -> _Answer:
        with self._lock:
            member = self._members.get(member_id)
        if member is None:
            return _error(404, _NO_MEMBER)
        given, _, surname = member.name.partition(" ")
        return _Answer(
            200,
            {
                "id": member.id,
                "name": member.name,
                "aadObjectId": member.aad_object_id,
                "givenName": given,
                "surname": surname,
                "email": member.email,
                "userPrincipalName": member.email,
                "tenantId": TENANT_ID,
                "userRole": "user",
            },
        )
