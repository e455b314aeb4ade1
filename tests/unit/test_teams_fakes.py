"""Tests of the Teams fakes: the fake Bot Connector (teams_connector) and the activities.

They drive the fakes with Microsoft's own Teams SDK (microsoft-teams-apps): its JWT validation
against the keys the connector serves, its activity models, its messaging endpoint and its
API client. A fake that drifts from what the SDK sends or expects fails here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import quote

import httpx
import jwt
import pytest
from microsoft_teams.api import ApiClient, ClientCredentials, InvokeResponse
from microsoft_teams.api.activities import (
    ActivityTypeAdapter,
    ConversationUpdateActivity,
    InstalledActivity,
    TypingActivityInput,
    UninstalledActivity,
)
from microsoft_teams.api.activities.invoke import (
    AdaptiveCardInvokeActivity,
    TaskFetchInvokeActivity,
    TaskSubmitInvokeActivity,
)
from microsoft_teams.api.activities.message import MessageActivity, MessageActivityInput
from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment, with_overrides
from microsoft_teams.api.clients.conversation import CreateConversationParams
from microsoft_teams.api.models import ClientInfoEntity, MentionEntity
from microsoft_teams.apps.auth import InboundActivityTokenValidator
from microsoft_teams.apps.auth.token_validator import JWT_LEEWAY_SECONDS
from microsoft_teams.apps.events import ActivityEvent
from microsoft_teams.apps.http import FastAPIAdapter, HttpServer
from microsoft_teams.common import ClientOptions

from tests.fakes.app_server import serve
from tests.fakes.teams_activities import (
    ANA,
    APP_ID,
    BEN,
    BOT_ID,
    DEFAULT_NOW,
    PEOPLE,
    RAJ,
    SALES,
    TENANT_ID,
    TeamsActivities,
    TokenKind,
)
from tests.fakes.teams_connector import (
    BOT_TOKEN,
    ISSUER,
    FakeBotConnector,
    personal_conversation_id,
)

BAD_TOKENS: list[TokenKind] = ["wrong_audience", "expired", "stranger_key", "wrong_service_url"]
CARD = "1000000000001"  # the id of a card Kept posted, as the connector numbers them


@pytest.fixture
def connector() -> Iterator[FakeBotConnector]:
    with FakeBotConnector(members=PEOPLE) as fake:
        yield fake


@pytest.fixture
def cloud(connector: FakeBotConnector) -> CloudEnvironment:
    """How the app is told to trust the fake's keys."""
    return with_overrides(PUBLIC, openid_metadata_url=connector.openid_metadata_url)


@pytest.fixture
def teams(connector: FakeBotConnector) -> Iterator[TeamsActivities]:
    """Activities for building; nothing listens at their app URL."""
    with TeamsActivities("http://127.0.0.1:9", connector.service_url) as activities:
        yield activities


@pytest.fixture
def api(connector: FakeBotConnector) -> ApiClient:
    """The SDK's own client of the Bot Connector, with the bot's token."""
    return ApiClient(connector.service_url, ClientOptions(token=BOT_TOKEN))


class SdkEndpoint:
    """The SDK's messaging endpoint (its HttpServer on its FastAPI adapter) on loopback."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.received: list[Any] = []

    async def on_request(self, event: ActivityEvent) -> InvokeResponse[Any]:
        # As the SDK's App does it: the body it accepted, parsed into its activity models.
        body = event.body.model_dump(by_alias=True, exclude_none=True)
        self.received.append(ActivityTypeAdapter.validate_python(body))
        return InvokeResponse(status=200)


@pytest.fixture
def sdk_endpoint(cloud: CloudEnvironment) -> Iterator[SdkEndpoint]:
    adapter = FastAPIAdapter()
    server = HttpServer(adapter)
    credentials = ClientCredentials(client_id=APP_ID, client_secret="unused", tenant_id=TENANT_ID)
    server.initialize(credentials=credentials, cloud=cloud)
    with serve(adapter.app) as url:
        endpoint = SdkEndpoint(url)
        server.on_request = endpoint.on_request
        yield endpoint


# ----------------------------------------------------------------- keys and tokens


def test_the_openid_configuration_points_at_the_keys(connector: FakeBotConnector) -> None:
    document = httpx.get(connector.openid_metadata_url).json()

    assert document["issuer"] == ISSUER
    assert document["jwks_uri"] == f"{connector.base_url}/v1/.well-known/keys"
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    [key] = httpx.get(document["jwks_uri"]).json()["keys"]
    assert key["kty"] == "RSA" and key["use"] == "sig" and key["endorsements"] == ["msteams"]


def test_the_keys_served_verify_a_token_teams_would_send(
    connector: FakeBotConnector, teams: TeamsActivities
) -> None:
    token = teams.token(connector.service_url)
    assert token is not None

    keys = jwt.PyJWKClient(f"{connector.base_url}/v1/.well-known/keys")
    signing_key = keys.get_signing_key_from_jwt(token)
    claims = jwt.decode(
        token, signing_key.key, algorithms=["RS256"], audience=APP_ID, issuer=ISSUER
    )

    assert claims["serviceurl"] == connector.service_url


def test_the_sdk_accepts_a_good_token(
    connector: FakeBotConnector, cloud: CloudEnvironment, teams: TeamsActivities
) -> None:
    validator = InboundActivityTokenValidator(APP_ID, cloud=cloud)
    token = teams.token(connector.service_url)
    assert token is not None

    claims = asyncio.run(validator.validate_token(token, connector.service_url))

    assert claims["aud"] == APP_ID


@pytest.mark.parametrize("kind", BAD_TOKENS)
def test_the_sdk_refuses_a_bad_token(
    connector: FakeBotConnector, cloud: CloudEnvironment, teams: TeamsActivities, kind: TokenKind
) -> None:
    validator = InboundActivityTokenValidator(APP_ID, cloud=cloud)
    token = teams.token(connector.service_url, kind)
    assert token is not None

    with pytest.raises(jwt.InvalidTokenError):
        asyncio.run(validator.validate_token(token, connector.service_url))


def test_an_expired_token_is_past_the_sdk_leeway(teams: TeamsActivities) -> None:
    token = teams.token("http://127.0.0.1:1/", "expired")
    assert token is not None

    claims = jwt.decode(token, options={"verify_signature": False})

    assert claims["exp"] < time.time() - JWT_LEEWAY_SECONDS


# ----------------------------------------------------------------- activities and the SDK models

BUILDERS: dict[str, tuple[Callable[[TeamsActivities], dict[str, Any]], type]] = {
    "personal message": (
        lambda t: t.build_personal_message(ANA, "promise the deck"),
        MessageActivity,
    ),
    "channel message": (
        lambda t: t.build_channel_message(BEN, "promise the deck to <at>Ana Lopez</at>", [ANA]),
        MessageActivity,
    ),
    "installed for a person": (lambda t: t.build_installation_update(ANA), InstalledActivity),
    "removed from a team": (
        lambda t: t.build_installation_update(SALES, "remove"),
        UninstalledActivity,
    ),
    "bot added to a team": (
        lambda t: t.build_conversation_update_members_added(SALES),
        ConversationUpdateActivity,
    ),
    "card action": (
        lambda t: t.build_card_action(ANA, "promise_done", {"verb": "promise_done"}, CARD),
        AdaptiveCardInvokeActivity,
    ),
    "card action in a channel": (
        lambda t: t.build_card_action(ANA, "done", {}, CARD, conversation="channel"),
        AdaptiveCardInvokeActivity,
    ),
    "dialog fetch": (lambda t: t.build_dialog_fetch(ANA, {"dialog": "x"}), TaskFetchInvokeActivity),
    "dialog submit": (
        lambda t: t.build_dialog_submit(ANA, {"dialog": "x"}, CARD),
        TaskSubmitInvokeActivity,
    ),
}


@pytest.mark.parametrize("name", BUILDERS)
def test_each_activity_parses_as_its_sdk_model(teams: TeamsActivities, name: str) -> None:
    build, model = BUILDERS[name]
    activity = build(teams)

    parsed = ActivityTypeAdapter.validate_python(activity)

    assert type(parsed) is model
    assert parsed.recipient.id == BOT_ID
    assert parsed.service_url == teams.service_url
    assert parsed.channel_data is not None and parsed.channel_data.tenant is not None
    assert parsed.channel_data.tenant.id == TENANT_ID


def test_a_personal_message_tells_the_senders_zone_and_locale(teams: TeamsActivities) -> None:
    message = ActivityTypeAdapter.validate_python(teams.build_personal_message(RAJ, "hi"))

    assert isinstance(message, MessageActivity)
    assert message.from_.id == RAJ.id and message.from_.aad_object_id == RAJ.aad_object_id
    assert message.conversation.conversation_type == "personal"
    assert message.conversation.id == personal_conversation_id(RAJ.id)
    assert message.conversation.tenant_id == TENANT_ID
    [client] = [e for e in message.entities or [] if isinstance(e, ClientInfoEntity)]
    assert (client.timezone, client.locale) == ("Asia/Kolkata", "en-IN")
    assert message.locale == "en-IN"
    assert (message.model_extra or {})["localTimezone"] == "Asia/Kolkata"
    assert message.timestamp == DEFAULT_NOW
    assert message.local_timestamp is not None
    assert message.local_timestamp.utcoffset() == timedelta(hours=5, minutes=30)


def test_a_channel_message_mentions_the_bot_and_people_as_teams_does(
    teams: TeamsActivities,
) -> None:
    activity = teams.build_channel_message(
        BEN, "promise send the deck to <at>Ana Lopez</at> by Friday", [ANA]
    )
    message = ActivityTypeAdapter.validate_python(activity)

    assert isinstance(message, MessageActivity)
    assert message.text == "<at>Kept</at> promise send the deck to <at>Ana Lopez</at> by Friday"
    assert message.is_recipient_mentioned()
    mentions = [e for e in message.entities or [] if isinstance(e, MentionEntity)]
    assert [(m.mentioned.id, m.text) for m in mentions] == [
        (BOT_ID, "<at>Kept</at>"),
        (ANA.id, "<at>Ana Lopez</at>"),
    ]
    assert all(m.mentioned.aad_object_id is None for m in mentions)  # as documented
    assert message.conversation.id == f"{SALES.channel_id};messageid={message.id}"
    assert message.conversation.conversation_type == "channel"
    assert message.channel is not None and message.channel.id == SALES.channel_id
    assert message.team is not None and message.team.id == SALES.id
    assert activity["channelData"]["teamsChannelId"] == SALES.channel_id
    assert message.reply_to_id is None


def test_a_reply_in_a_thread_names_the_threads_root(teams: TeamsActivities) -> None:
    root = teams.build_channel_message(ANA, "promise the deck")["id"]

    reply = teams.build_channel_message(BEN, "promise the notes", thread_id=root)

    assert reply["conversation"]["id"] == f"{SALES.channel_id};messageid={root}"
    assert reply["replyToId"] == root
    assert reply["id"] != root


def test_a_mention_the_text_does_not_hold_is_refused(teams: TeamsActivities) -> None:
    with pytest.raises(ValueError, match="Ana Lopez"):
        teams.build_channel_message(BEN, "promise the deck to Ana", [ANA])


def test_message_ids_follow_the_clock_and_never_repeat(connector: FakeBotConnector) -> None:
    now = [DEFAULT_NOW]
    with TeamsActivities("http://127.0.0.1:9", connector.service_url, lambda: now[0]) as teams:
        first = teams.build_personal_message(ANA, "one")
        second = teams.build_personal_message(ANA, "two")
        now[0] += timedelta(hours=1)
        third = teams.build_personal_message(ANA, "three")

    assert int(first["id"]) == int(DEFAULT_NOW.timestamp() * 1000)
    assert int(first["id"]) < int(second["id"]) < int(third["id"])
    assert third["timestamp"] == "2026-11-24T15:00:00.000Z"


def test_a_card_action_carries_the_verb_data_and_card(teams: TeamsActivities) -> None:
    data = {"verb": "promise_done", "promise": 7}

    activity = teams.build_card_action(ANA, "promise_done", data, CARD)
    click = ActivityTypeAdapter.validate_python(activity)

    assert isinstance(click, AdaptiveCardInvokeActivity)
    assert click.value.action.type == "Action.Execute"
    assert (click.value.action.verb, click.value.action.data) == ("promise_done", data)
    assert click.value.trigger == "manual"
    assert click.reply_to_id == CARD
    assert click.conversation.id == personal_conversation_id(ANA.id)


def test_a_card_action_in_a_channel_is_in_the_cards_thread(teams: TeamsActivities) -> None:
    activity = teams.build_card_action(ANA, "done", {}, CARD, conversation="channel")

    assert activity["conversation"]["id"] == f"{SALES.channel_id};messageid={CARD}"


def test_dialogs_carry_their_data_and_theme(teams: TeamsActivities) -> None:
    fetch = ActivityTypeAdapter.validate_python(teams.build_dialog_fetch(ANA, {"dialog": "x"}))
    submit = ActivityTypeAdapter.validate_python(
        teams.build_dialog_submit(ANA, {"dialog": "x", "note": "later"}, CARD)
    )

    assert isinstance(fetch, TaskFetchInvokeActivity)
    assert isinstance(submit, TaskSubmitInvokeActivity)
    assert fetch.value.data == {"dialog": "x"} and fetch.reply_to_id is None
    assert fetch.value.context is not None and fetch.value.context.theme == "default"
    assert submit.value.data == {"dialog": "x", "note": "later"} and submit.reply_to_id == CARD


def test_the_bot_added_to_a_team(teams: TeamsActivities) -> None:
    update = ActivityTypeAdapter.validate_python(
        teams.build_conversation_update_members_added(SALES, [RAJ])
    )

    assert isinstance(update, ConversationUpdateActivity)
    assert [m.id for m in update.members_added or []] == [BOT_ID, RAJ.id]
    assert update.channel_data is not None
    assert update.channel_data.event_type == "teamMemberAdded"
    assert update.channel_data.team is not None
    assert (update.channel_data.team.id, update.channel_data.team.name) == (SALES.id, "Sales")
    assert update.conversation.id == SALES.id


def test_installs_for_a_person_and_in_a_team(teams: TeamsActivities) -> None:
    personal = teams.build_installation_update(ANA)
    in_team = teams.build_installation_update(SALES, "remove", by=BEN)

    assert personal["conversation"]["id"] == personal_conversation_id(ANA.id)
    assert personal["from"]["id"] == ANA.id
    assert in_team["conversation"]["id"] == SALES.id and in_team["from"]["id"] == BEN.id
    assert in_team["channelData"]["team"]["aadGroupId"] == SALES.aad_group_id
    assert (personal["action"], in_team["action"]) == ("add", "remove")


# ----------------------------------------------------------------- posting to the app


def test_each_request_is_signed_and_routed_as_teams_sends_it(connector: FakeBotConnector) -> None:
    seen: list[httpx.Request] = []

    def app(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    with TeamsActivities(
        "http://app.test", connector.service_url, transport=httpx.MockTransport(app)
    ) as teams:
        teams.personal_message(ANA, "hi")
        teams.personal_message(ANA, "hi", auth="none")

    signed, unsigned = seen
    assert str(signed.url) == "http://app.test/api/messages"
    assert signed.headers["x-ms-tenant-id"] == TENANT_ID
    assert signed.headers["x-ms-conversation-id"] == personal_conversation_id(ANA.id)
    scheme, _, token = signed.headers["authorization"].partition(" ")
    assert scheme == "Bearer"
    assert jwt.decode(token, options={"verify_signature": False})["aud"] == APP_ID
    assert "authorization" not in unsigned.headers


def test_the_sdk_endpoint_takes_each_activity(
    connector: FakeBotConnector, sdk_endpoint: SdkEndpoint
) -> None:
    with TeamsActivities(sdk_endpoint.url, connector.service_url) as teams:
        activities = [build(teams) for build, _ in BUILDERS.values()]
        statuses = [teams.post(activity).status_code for activity in activities]

    assert statuses == [200] * len(BUILDERS)
    assert [type(a) for a in sdk_endpoint.received] == [model for _, model in BUILDERS.values()]


@pytest.mark.parametrize("kind", ["none", *BAD_TOKENS])
def test_the_sdk_endpoint_refuses_a_bad_token(
    connector: FakeBotConnector, sdk_endpoint: SdkEndpoint, kind: TokenKind
) -> None:
    with TeamsActivities(sdk_endpoint.url, connector.service_url) as teams:
        response = teams.personal_message(ANA, "hi", auth=kind)

    assert response.status_code == 401
    assert sdk_endpoint.received == []


# ----------------------------------------------------------------- the Bot Connector


def test_the_sdk_client_starts_a_chat_and_writes_in_it(
    connector: FakeBotConnector, api: ApiClient
) -> None:
    async def story() -> tuple[str, str, str, str]:
        params = CreateConversationParams.model_validate(
            {"members": [{"id": ANA.aad_object_id}], "tenantId": TENANT_ID}
        )
        chat = (await api.conversations.create(params)).id
        card = await api.conversations.create_activity(chat, MessageActivityInput(text="v1"))
        await api.conversations.update_activity(chat, card.id, MessageActivityInput(text="v2"))
        reply = await api.conversations.reply_to_activity(
            chat, card.id, MessageActivityInput(text="thanks")
        )
        await api.conversations.create_activity(chat, TypingActivityInput())
        return chat, card.id, reply.id, (await api.conversations.create(params)).id

    chat, card, reply, again = asyncio.run(story())

    assert chat == again == personal_conversation_id(ANA.id)
    assert [c.kind for c in connector.calls] == [
        "create_conversation",
        "send",
        "update",
        "send",
        "send",
        "create_conversation",
    ]
    assert all(c.ok and c.token == BOT_TOKEN for c in connector.calls)
    assert connector.calls[0].body == {
        "members": [{"id": ANA.aad_object_id}],
        "tenantId": TENANT_ID,
    }
    assert [(a["id"], a["text"]) for a in connector.sent_to(chat)] == [
        (card, "v1"),
        (reply, "thanks"),
    ]
    assert connector.sent_to(chat)[1]["replyToId"] == card
    assert [a["type"] for a in connector.sent_to(chat, type=None)][-1] == "typing"
    assert [a["text"] for a in connector.updates(chat)] == ["v2"]
    current = connector.activity(chat, card)
    assert current is not None and current["text"] == "v2"


def test_the_sdk_client_finds_members_by_either_id(
    connector: FakeBotConnector, api: ApiClient
) -> None:
    chat = personal_conversation_id(BEN.id)

    async def lookups() -> list[Any]:
        return [
            await api.conversations.get_member_by_id(chat, BEN.id),
            await api.conversations.get_member_by_id(chat, BEN.aad_object_id),
        ]

    by_member_id, by_aad_id = asyncio.run(lookups())

    assert by_member_id == by_aad_id
    assert (by_member_id.id, by_member_id.aad_object_id) == (BEN.id, BEN.aad_object_id)
    assert (by_member_id.name, by_member_id.email) == ("Ben Carter", BEN.email)
    assert by_member_id.tenant_id == TENANT_ID
    assert [c.member_id for c in connector.wait_for("get_member", 2)] == [BEN.id, BEN.aad_object_id]


def test_an_unknown_member_is_404(connector: FakeBotConnector, api: ApiClient) -> None:
    with pytest.raises(httpx.HTTPStatusError) as raised:
        asyncio.run(api.conversations.get_member_by_id("a:1chat", "29:1nobody"))

    assert raised.value.response.status_code == 404
    assert raised.value.response.json()["error"]["code"] == "MemberNotFoundInConversation"


def post(
    connector: FakeBotConnector, path: str, body: Any, token: str | None = BOT_TOKEN
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{connector.base_url}{path}", json=body, headers=headers)


SEND_TO_ANA = f"/v3/conversations/{personal_conversation_id(ANA.id)}/activities"
MESSAGE = {"type": "message", "text": "Your promise is due tomorrow."}


@pytest.mark.parametrize("token", [None, "not-the-bot-token"])
def test_without_the_bot_token_the_connector_answers_401(
    connector: FakeBotConnector, token: str | None
) -> None:
    response = post(connector, SEND_TO_ANA, MESSAGE, token)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "Unauthorized"
    [call] = connector.calls
    assert (call.kind, call.status, call.body) == ("send", 401, MESSAGE)
    assert connector.sent_to(personal_conversation_id(ANA.id)) == []


def test_a_scripted_429_carries_retry_after_once(connector: FakeBotConnector) -> None:
    connector.fail_next("send", status=429, retry_after=2)

    throttled = post(connector, SEND_TO_ANA, MESSAGE)
    sent = post(connector, SEND_TO_ANA, MESSAGE)

    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "2"
    assert throttled.json()["error"]["code"] == "Throttled"
    assert sent.status_code == 201
    assert [c.status for c in connector.wait_for("send", 2)] == [429, 201]


def test_scripted_failures_by_path_and_by_status(connector: FakeBotConnector) -> None:
    send_to_ben = f"/v3/conversations/{personal_conversation_id(BEN.id)}/activities"
    connector.fail_next(send_to_ben, status=503, times=2)
    connector.fail_next("send", status=500)

    assert post(connector, SEND_TO_ANA, MESSAGE).json()["error"]["code"] == "ServiceError"
    assert post(connector, send_to_ben, MESSAGE).status_code == 503
    assert post(connector, send_to_ben, MESSAGE).status_code == 503
    assert post(connector, send_to_ben, MESSAGE).status_code == 201
    assert post(connector, SEND_TO_ANA, MESSAGE).status_code == 201
    with pytest.raises(ValueError):
        connector.fail_next("sned")
    with pytest.raises(ValueError):
        connector.fail_next("send", status=418)


def test_a_person_without_the_bot_cannot_be_written_to(connector: FakeBotConnector) -> None:
    connector.not_installed(ANA.aad_object_id)
    start = {"members": [{"id": ANA.id}], "tenantId": TENANT_ID}

    refused = post(connector, "/v3/conversations", start)
    not_in_chat = post(connector, SEND_TO_ANA, MESSAGE)
    connector.installed(ANA.id)
    started = post(connector, "/v3/conversations", start)

    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "code": "ForbiddenOperationException",
        "message": "Bot isn't installed in user's personal scope",
    }
    assert not_in_chat.status_code == 403
    assert not_in_chat.json()["error"]["code"] == "BotNotInConversationRoster"
    assert started.status_code == 201
    assert started.json() == {"id": personal_conversation_id(ANA.id)}


def test_encoded_conversation_ids_are_decoded(connector: FakeBotConnector) -> None:
    thread = f"{SALES.channel_id};messageid=1795528800000"

    response = post(connector, f"/v3/conversations/{quote(thread, safe='')}/activities", MESSAGE)

    assert response.status_code == 201
    [call] = connector.calls
    assert call.conversation_id == thread
    assert connector.sent_to(thread)[0]["text"] == MESSAGE["text"]
    # A post in a thread is also one of its channel's: updating it through the channel works.
    update = httpx.put(
        f"{connector.base_url}/v3/conversations/{SALES.channel_id}/activities/{response.json()['id']}",
        json={"type": "message", "text": "edited"},
        headers={"Authorization": f"Bearer {BOT_TOKEN}"},
    )
    assert update.status_code == 200


def test_a_reply_by_path_is_a_reply_and_other_operations_are_unknown(
    connector: FakeBotConnector,
) -> None:
    card = post(connector, SEND_TO_ANA, MESSAGE).json()["id"]

    reply = post(connector, f"{SEND_TO_ANA}/{card}", {"type": "message", "text": "Noted."})
    deleted = httpx.delete(
        f"{connector.base_url}{SEND_TO_ANA}/{card}",
        headers={"Authorization": f"Bearer {BOT_TOKEN}"},
    )

    assert reply.status_code == 201
    assert connector.sent_to(personal_conversation_id(ANA.id))[1]["replyToId"] == card
    assert deleted.status_code == 404
    assert [(c.kind, c.activity_id) for c in connector.calls] == [
        ("send", None),
        ("reply", card),
        ("unknown", None),
    ]


def test_updating_an_activity_never_posted_is_404(connector: FakeBotConnector) -> None:
    response = httpx.put(
        f"{connector.base_url}{SEND_TO_ANA}/{CARD}",
        json=MESSAGE,
        headers={"Authorization": f"Bearer {BOT_TOKEN}"},
    )

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "ActivityNotFoundInConversation"


def test_wait_for_says_what_came_instead(connector: FakeBotConnector) -> None:
    post(connector, SEND_TO_ANA, MESSAGE)

    with pytest.raises(AssertionError, match=r"waiting for 1 update.*send\[201\]"):
        connector.wait_for("update", timeout=0.01)
