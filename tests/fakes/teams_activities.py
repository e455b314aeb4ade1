"""Teams-to-app requests: activities as Microsoft Teams sends them, signed, for end-to-end tests.

Usage::

    with FakeBotConnector(members=PEOPLE) as connector, TeamsActivities(
        app_url, connector.service_url
    ) as teams:
        teams.personal_message(ANA, "promise send the deck to Ben by Friday")
        teams.channel_message(BEN, "promise send the deck to <at>Ana Lopez</at>", mentions=[ANA])
        teams.card_action(ANA, "promise_done", {"verb": "promise_done", "promise": 7}, "1000…1")

Shapes follow Microsoft's documented and captured payloads (Teams docs: channel and group
chat conversations, conversation events, installation update, status codes; the Bot
Framework Activity schema): ``from`` with the "29:" id, name and ``aadObjectId``; ``recipient``
the bot "28:<app id>"; ``conversation`` with ``conversationType`` and ``tenantId``;
``channelData`` with ``tenant`` (and ``team``, ``channel``, ``teamsTeamId``,
``teamsChannelId`` in a channel); ``entities`` with a ``clientInfo`` (the sender's locale and
IANA time zone) and one ``mention`` per ``<at>…</at>`` — a mention names the "29:" id and the
name only, no AAD object id; top-level ``locale`` and ``localTimezone``. Every request carries
``Authorization: Bearer <jwt>`` signed with the test key the fake connector serves
(``teams_connector.issue_token``), or a deliberately bad one (``auth=``).
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

import httpx

from tests.fakes.loopback import ClosedAfter
from tests.fakes.teams_connector import APP_ID as APP_ID  # re-exported: the bot's CLIENT_ID
from tests.fakes.teams_connector import BOT_ID as BOT_ID
from tests.fakes.teams_connector import BOT_NAME as BOT_NAME
from tests.fakes.teams_connector import TENANT_ID as TENANT_ID
from tests.fakes.teams_connector import issue_token, personal_conversation_id, stranger_key

JSON = dict[str, Any]
# How a request is signed: as Teams does, or with no token, one for another bot, one expired
# an hour ago, one signed by a key the connector does not serve, or one for another serviceUrl.
TokenKind = Literal[
    "valid", "none", "wrong_audience", "expired", "stranger_key", "wrong_service_url"
]
Scope = Literal["personal", "channel"]

# Tuesday 24 November 2026, 14:00 UTC: the day the shared test clock starts on.
DEFAULT_NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
DOMAIN = "kepttest.onmicrosoft.com"
OTHER_APP_ID = "b7e1d2c3-4f5a-4b6c-8d7e-9f0a1b2c3d4e"  # some other bot's app id
# Where a token minted for another service would point; it is not this test's connector.
OTHER_SERVICE_URL = "https://smba.trafficmanager.net/emea/"
USER_AGENT = "Microsoft-SkypeBotApi (Microsoft-BotFramework 3.0)"

_IDS = uuid.UUID("6f1b5c2a-93d4-4e8f-a0b1-c2d3e4f5a6b7")  # namespace of the fakes' GUIDs
_AT = re.compile(r"<at>(.*?)</at>")


@dataclass(frozen=True)
class TeamsUser:
    """A person of the test tenant as Teams names them to the bot."""

    name: str
    aad_object_id: str  # a GUID: who they are across Microsoft 365
    id: str  # "29:…": who they are to this bot
    timezone: str  # IANA, as their Teams client reports it
    locale: str

    @property
    def email(self) -> str:
        return f"{self.name.lower().replace(' ', '.')}@{DOMAIN}"

    @property
    def country(self) -> str:
        return self.locale.rpartition("-")[2].upper()


@dataclass(frozen=True)
class TeamsTeam:
    """A team and the channel its tests talk in. A team's id is its General channel's id."""

    name: str
    id: str  # "19:…@thread.tacv2"
    aad_group_id: str
    channel_id: str
    channel_name: str


def person(name: str, timezone: str, locale: str) -> TeamsUser:
    """A person with deterministic ids, so a test run reads the same every time."""
    aad_object_id = str(uuid.uuid5(_IDS, name))
    digest = hashlib.sha256(aad_object_id.encode()).digest()
    member_id = "29:1" + base64.urlsafe_b64encode(digest).decode().rstrip("=")
    return TeamsUser(name, aad_object_id, member_id, timezone, locale)


def _thread_id(name: str) -> str:
    return f"19:{hashlib.md5(name.encode()).hexdigest()}@thread.tacv2"


def team(name: str, channel_name: str) -> TeamsTeam:
    """A team with deterministic ids and one channel besides General."""
    return TeamsTeam(
        name,
        _thread_id(name),
        str(uuid.uuid5(_IDS, f"team:{name}")),
        _thread_id(f"{name}/{channel_name}"),
        channel_name,
    )


ANA = person("Ana Lopez", "Europe/London", "en-GB")
BEN = person("Ben Carter", "America/New_York", "en-US")
RAJ = person("Raj Rao", "Asia/Kolkata", "en-IN")
PEOPLE = (ANA, BEN, RAJ)
SALES = team("Sales", "Deals")


def _utc(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _html(text: str) -> str:
    """The text/html rendering Teams attaches to a message with mentions."""
    parts = _AT.split(text)  # plain, mentioned, plain, mentioned, ..., plain
    out = [
        '<span itemtype="http://schema.skype.com/Mention" itemscope="" '
        f'itemid="{i // 2}">{html.escape(part)}</span>'
        if i % 2
        else html.escape(part)
        for i, part in enumerate(parts)
    ]
    return f"<p>{''.join(out)}</p>"


def _mention(member_id: str, name: str) -> JSON:
    return {
        "mentioned": {"id": member_id, "name": name},
        "text": f"<at>{name}</at>",
        "type": "mention",
    }


class TeamsActivities(ClosedAfter):
    """Builds Teams activities and posts them to ``{app_url}{path}`` (``/api/messages``).

    ``service_url`` is what the activities carry as ``serviceUrl`` (the fake connector's
    ``service_url``): the app answers there. ``clock`` gives the activities' timestamps
    (default: ``DEFAULT_NOW``, fixed); tokens use wall time, as the SDK checks them against it.
    Each ``build_*`` method returns the activity; the method of the same name without the prefix
    builds and posts it, and takes ``auth=`` to send no token or a bad one (``TokenKind``).
    """

    def __init__(
        self,
        app_url: str,
        service_url: str,
        clock: Callable[[], datetime] | None = None,
        *,
        path: str = "/api/messages",
        timeout: float = 10.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = app_url.rstrip("/") + path
        self.service_url = service_url
        self.clock: Callable[[], datetime] = clock or (lambda: DEFAULT_NOW)
        # transport: e.g. httpx.MockTransport(...) to see the requests without an app.
        self._http = httpx.Client(timeout=timeout, transport=transport)
        self._lock = threading.Lock()
        self._last_message_id = 0

    def close(self) -> None:
        self._http.close()

    # ----------------------------------------------------------------- signing and sending

    def token(self, service_url: str, kind: TokenKind = "valid") -> str | None:
        """The bearer token Teams would send with an activity for ``service_url``, or a bad one."""
        match kind:
            case "valid":
                return issue_token(service_url)
            case "none":
                return None
            case "wrong_audience":
                return issue_token(service_url, audience=OTHER_APP_ID)
            case "expired":  # well past the SDK's 300 s leeway
                return issue_token(service_url, issued_at=time.time() - 7200)
            case "stranger_key":
                return issue_token(service_url, key=stranger_key())
            case "wrong_service_url":
                return issue_token(OTHER_SERVICE_URL)

    def post(self, activity: JSON, *, auth: TokenKind = "valid") -> httpx.Response:
        """Send an activity as Teams does: JSON, a Bot Framework token, Teams' routing headers."""
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": USER_AGENT,
            "x-ms-conversation-id": activity["conversation"]["id"],
            "x-ms-tenant-id": TENANT_ID,
        }
        token = self.token(activity["serviceUrl"], auth)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return self._http.post(self.url, content=json.dumps(activity).encode(), headers=headers)

    # ----------------------------------------------------------------- messages

    def build_personal_message(self, user: TeamsUser, text: str) -> JSON:
        """A message the user typed in their personal chat with the bot."""
        activity = self._activity("message", self._message_id(), user, self._personal(user))
        return {**activity, "text": text, "textFormat": "plain"}

    def personal_message(
        self, user: TeamsUser, text: str, *, auth: TokenKind = "valid"
    ) -> httpx.Response:
        return self.post(self.build_personal_message(user, text), auth=auth)

    def build_channel_message(
        self,
        user: TeamsUser,
        text: str,
        mentions: Sequence[TeamsUser] = (),
        *,
        mention_bot: bool = True,
        team: TeamsTeam = SALES,
        thread_id: str | None = None,
    ) -> JSON:
        """A channel post (or, with ``thread_id``, a reply in that thread) in ``team``'s channel.

        ``text`` holds ``<at>Name</at>`` for each of ``mentions``; with ``mention_bot`` it starts
        with ``<at>Kept</at>`` (added when missing), as the bot only hears messages that
        @mention it. The conversation id names the thread: ``19:…@thread.tacv2;messageid=<root>``.
        """
        if mention_bot and f"<at>{BOT_NAME}</at>" not in text:
            text = f"<at>{BOT_NAME}</at> {text}"
        accounts = {f"<at>{u.name}</at>": (u.id, u.name) for u in mentions}
        if mention_bot:
            accounts[f"<at>{BOT_NAME}</at>"] = (BOT_ID, BOT_NAME)
        missing = [tag for tag in accounts if tag not in text]
        if missing:
            raise ValueError(f"the text does not hold {missing}: Teams sends a mention in both")
        tags = sorted(accounts, key=text.index)  # Teams lists mentions in the text's order
        message_id = self._message_id()
        conversation = self._channel_conversation(team, thread_id or message_id)
        activity = self._activity("message", message_id, user, conversation, self._in_channel(team))
        activity["entities"] = [_mention(*accounts[t]) for t in tags] + activity["entities"]
        activity.update(
            text=text,
            textFormat="plain",
            attachments=[{"contentType": "text/html", "content": _html(text)}],
        )
        if thread_id is not None:
            activity["replyToId"] = thread_id
        return activity

    def channel_message(
        self,
        user: TeamsUser,
        text: str,
        mentions: Sequence[TeamsUser] = (),
        *,
        mention_bot: bool = True,
        team: TeamsTeam = SALES,
        thread_id: str | None = None,
        auth: TokenKind = "valid",
    ) -> httpx.Response:
        activity = self.build_channel_message(
            user, text, mentions, mention_bot=mention_bot, team=team, thread_id=thread_id
        )
        return self.post(activity, auth=auth)

    # ----------------------------------------------------------------- installs

    def build_installation_update(
        self,
        scope: TeamsUser | TeamsTeam,
        action: Literal["add", "remove"] = "add",
        *,
        by: TeamsUser = ANA,
    ) -> JSON:
        """The bot installed (or removed) for a person, or in a team by ``by``."""
        source = {"source": {"name": "message"}}
        if isinstance(scope, TeamsUser):
            sender, where, channel_data = scope, self._personal(scope), source
        else:
            sender = by
            where = {**self._channel_conversation(scope, None), "name": "General"}
            channel_data = {**self._installed_in(scope), "channel": {"id": scope.id}, **source}
        activity = self._activity(
            "installationUpdate", self._event_id(), sender, where, channel_data
        )
        return {**activity, "action": action}

    def installation_update(
        self,
        scope: TeamsUser | TeamsTeam,
        action: Literal["add", "remove"] = "add",
        *,
        by: TeamsUser = ANA,
        auth: TokenKind = "valid",
    ) -> httpx.Response:
        return self.post(self.build_installation_update(scope, action, by=by), auth=auth)

    def build_conversation_update_members_added(
        self,
        team: TeamsTeam = SALES,
        members: Sequence[TeamsUser] = (),
        *,
        bot: bool = True,
        by: TeamsUser = ANA,
    ) -> JSON:
        """``teamMemberAdded``: the bot (unless ``bot=False``) and ``members`` joined ``team``.

        As documented, the conversation is the channel picked at install (General here).
        """
        added = [{"id": BOT_ID}] if bot else []
        added += [{"id": u.id, "aadObjectId": u.aad_object_id} for u in members]
        conversation = {**self._channel_conversation(team, None), "name": "General"}
        channel_data = {**self._installed_in(team), "eventType": "teamMemberAdded"}
        activity = self._activity(
            "conversationUpdate", self._event_id(), by, conversation, channel_data, client=False
        )
        activity["from"].pop("name")  # as in Microsoft's sample of this event
        return {"membersAdded": added, **activity}

    def conversation_update_members_added(
        self,
        team: TeamsTeam = SALES,
        members: Sequence[TeamsUser] = (),
        *,
        bot: bool = True,
        by: TeamsUser = ANA,
        auth: TokenKind = "valid",
    ) -> httpx.Response:
        activity = self.build_conversation_update_members_added(team, members, bot=bot, by=by)
        return self.post(activity, auth=auth)

    # ----------------------------------------------------------------- cards and dialogs

    def build_card_action(
        self,
        user: TeamsUser,
        verb: str,
        data: JSON,
        reply_to_id: str,
        *,
        conversation: Scope = "personal",
        team: TeamsTeam = SALES,
        thread_id: str | None = None,
    ) -> JSON:
        """A click on an ``Action.Execute`` button of the card in message ``reply_to_id``.

        In a channel the card sits in a thread: ``thread_id``, by default the card's own post.
        """
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual",
        }
        return self._invoke(
            user, "adaptiveCard/action", value, reply_to_id, conversation, team, thread_id
        )

    def card_action(
        self,
        user: TeamsUser,
        verb: str,
        data: JSON,
        reply_to_id: str,
        *,
        conversation: Scope = "personal",
        team: TeamsTeam = SALES,
        thread_id: str | None = None,
        auth: TokenKind = "valid",
    ) -> httpx.Response:
        activity = self.build_card_action(
            user, verb, data, reply_to_id, conversation=conversation, team=team, thread_id=thread_id
        )
        return self.post(activity, auth=auth)

    def build_dialog_fetch(
        self, user: TeamsUser, data: JSON, reply_to_id: str | None = None, **where: Any
    ) -> JSON:
        """``task/fetch``: a button asked for a dialog; ``data`` is the button's, echoed."""
        return self._dialog("task/fetch", user, data, reply_to_id, **where)

    def dialog_fetch(
        self,
        user: TeamsUser,
        data: JSON,
        reply_to_id: str | None = None,
        *,
        auth: TokenKind = "valid",
        **where: Any,
    ) -> httpx.Response:
        return self.post(self.build_dialog_fetch(user, data, reply_to_id, **where), auth=auth)

    def build_dialog_submit(
        self, user: TeamsUser, data: JSON, reply_to_id: str | None = None, **where: Any
    ) -> JSON:
        """``task/submit``: the dialog's form sent; ``data`` is its inputs and the submit data."""
        return self._dialog("task/submit", user, data, reply_to_id, **where)

    def dialog_submit(
        self,
        user: TeamsUser,
        data: JSON,
        reply_to_id: str | None = None,
        *,
        auth: TokenKind = "valid",
        **where: Any,
    ) -> httpx.Response:
        return self.post(self.build_dialog_submit(user, data, reply_to_id, **where), auth=auth)

    def _dialog(
        self,
        name: str,
        user: TeamsUser,
        data: JSON,
        reply_to_id: str | None,
        *,
        conversation: Scope = "personal",
        team: TeamsTeam = SALES,
    ) -> JSON:
        value = {"data": data, "context": {"theme": "default"}}
        return self._invoke(user, name, value, reply_to_id, conversation, team, None)

    # ----------------------------------------------------------------- the parts

    def _message_id(self) -> str:
        """A message id as Teams gives one: epoch milliseconds, strictly increasing here."""
        with self._lock:
            ms = max(int(self.clock().timestamp() * 1000), self._last_message_id + 1)
            self._last_message_id = ms
        return str(ms)

    @staticmethod
    def _event_id() -> str:
        """An id like those of Teams' events and invokes: "f:<guid>"."""
        return f"f:{uuid.uuid4()}"

    @staticmethod
    def _personal(user: TeamsUser) -> JSON:
        return {
            "conversationType": "personal",
            "tenantId": TENANT_ID,
            "id": personal_conversation_id(user.id),
        }

    @staticmethod
    def _channel_conversation(team: TeamsTeam, root_id: str | None) -> JSON:
        """A channel of ``team`` (its General one without a thread), or one of its threads."""
        channel = team.id if root_id is None else f"{team.channel_id};messageid={root_id}"
        return {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": TENANT_ID,
            "id": channel,
        }

    @staticmethod
    def _in_channel(team: TeamsTeam) -> JSON:
        """The channelData of a message or invoke in ``team``'s channel."""
        return {
            "teamsChannelId": team.channel_id,
            "teamsTeamId": team.id,
            "channel": {"id": team.channel_id},
            "team": {"id": team.id},
        }

    @staticmethod
    def _installed_in(team: TeamsTeam) -> JSON:
        """The channelData of an install event in ``team``: General was the channel picked."""
        return {
            "settings": {"selectedChannel": {"id": team.id}},
            "team": {"aadGroupId": team.aad_group_id, "name": team.name, "id": team.id},
        }

    def _activity(
        self,
        type: str,
        activity_id: str,
        user: TeamsUser,
        conversation: JSON,
        channel_data: JSON | None = None,
        *,
        client: bool = True,
    ) -> JSON:
        """What every activity from ``user`` carries; ``client``: what their Teams client adds."""
        now = self.clock()
        local = now.astimezone(ZoneInfo(user.timezone))
        activity: JSON = {
            "type": type,
            "id": activity_id,
            "timestamp": _utc(now),
            "localTimestamp": local.isoformat(timespec="milliseconds"),
            "serviceUrl": self.service_url,
            "channelId": "msteams",
            "from": {"id": user.id, "name": user.name, "aadObjectId": user.aad_object_id},
            "recipient": {"id": BOT_ID, "name": BOT_NAME},
            "conversation": conversation,
            "channelData": {**(channel_data or {}), "tenant": {"id": TENANT_ID}},
        }
        if client:
            client_info = {
                "locale": user.locale,
                "country": user.country,
                "platform": "Web",
                "timezone": user.timezone,
                "type": "clientInfo",
            }
            activity.update(entities=[client_info], locale=user.locale, localTimezone=user.timezone)
        return activity

    def _invoke(
        self,
        user: TeamsUser,
        name: str,
        value: JSON,
        reply_to_id: str | None,
        conversation: Scope,
        team: TeamsTeam,
        thread_id: str | None,
    ) -> JSON:
        source = {"source": {"name": "message"}}
        if conversation == "personal":
            where, channel_data = self._personal(user), source
        else:
            where = self._channel_conversation(team, thread_id or reply_to_id)
            channel_data = {**self._in_channel(team), **source}
        activity = self._activity("invoke", self._event_id(), user, where, channel_data)
        activity.update(name=name, value=value)
        if reply_to_id is not None:
            activity["replyToId"] = reply_to_id
        return activity
