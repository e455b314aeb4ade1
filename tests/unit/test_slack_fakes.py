"""Tests of the Slack fakes: the fake Web API (slack_api) and the signed requests (slack_requests).

They drive the fakes with Slack's own client libraries (slack_sdk's WebClient, Bolt), so a fake
that drifts from what those libraries send or expect fails here, and check the payloads' field
names against Slack's samples in shared/slack.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.error import HTTPError

import httpx
import pytest
import slack_sdk.http_retry.builtin_handlers as retry_handlers
from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import Clock, SignatureVerifier

from tests.fakes.slack_api import BOT_ID, BOT_USER_ID, DEFAULT_TOKEN, FakeSlackAPI
from tests.fakes.slack_requests import SlackRequests, sign
from tests.fakes.slack_scopes import METHOD_SCOPES, granted

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
NOW = 1_700_000_000.0


def _shared_slack_dir() -> Path:
    configured = os.environ.get("KEPT_SHARED_DIR")
    root = Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared"
    return root / "slack"


SHARED = _shared_slack_dir()


def sample(relative: str) -> dict[str, Any]:
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"Slack samples not found at {path} (set KEPT_SHARED_DIR)")
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def assert_keys_within(
    actual: dict[str, Any], *allowed: dict[str, Any], extras: frozenset[str] = frozenset()
) -> None:
    known = set().union(*(a.keys() for a in allowed)) | extras
    unknown = set(actual) - known
    assert not unknown, f"fields Slack's samples do not have: {sorted(unknown)}"


class FixedClock(Clock):
    def __init__(self, now: float) -> None:
        self.value = now

    def now(self) -> float:
        return self.value


# The fake's own tests call methods Kept does not: the token holds every scope.
EVERY_SCOPE = frozenset(scope for scope in METHOD_SCOPES.values() if scope)


@pytest.fixture
def slack() -> Iterator[FakeSlackAPI]:
    with FakeSlackAPI(scopes=EVERY_SCOPE) as fake:
        yield fake


@pytest.fixture
def client(slack: FakeSlackAPI) -> WebClient:
    return WebClient(token=DEFAULT_TOKEN, base_url=slack.base_url, timeout=5)


# ============================================================ FakeSlackAPI: basics


def test_post_message_is_answered_and_recorded_with_decoded_blocks(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Promise* kept"}}]

    first = client.chat_postMessage(channel="C00000001", text="Promise kept", blocks=blocks)
    second = client.chat_postMessage(channel="C00000001", text="again", thread_ts=first["ts"])

    assert first["ok"] is True
    assert first["channel"] == "C00000001"
    assert first["ts"] == "1700000000.000100"
    assert float(second["ts"]) > float(first["ts"])
    assert first["message"]["text"] == "Promise kept"
    assert first["message"]["blocks"] == blocks
    assert first["message"]["bot_id"] == BOT_ID
    assert second["message"]["thread_ts"] == first["ts"]
    assert second["message"]["parent_user_id"] == BOT_USER_ID
    [call, _] = slack.post_messages()
    assert call.method == "chat.postMessage"
    assert call.token == DEFAULT_TOKEN
    assert call.args == {"channel": "C00000001", "text": "Promise kept", "blocks": blocks}
    assert call.status == 200 and call.error is None
    assert call.response is not None and call.response["ts"] == first["ts"]


def test_a_method_whose_scope_was_not_granted_answers_missing_scope() -> None:
    with FakeSlackAPI(scopes=frozenset({"chat:write"})) as fake:
        client = WebClient(token=DEFAULT_TOKEN, base_url=fake.base_url, timeout=5)
        client.chat_postMessage(channel="C00000001", text="hello")
        with pytest.raises(SlackApiError) as refused:
            client.users_info(user="U00000ANA")

    assert refused.value.response["error"] == "missing_scope"
    assert (refused.value.response["needed"], refused.value.response["provided"]) == (
        "users:read",
        "chat:write",
    )


def test_json_bodies_are_parsed_like_form_bodies(slack: FakeSlackAPI, client: WebClient) -> None:
    blocks = [{"type": "divider"}]
    client.api_call(
        "chat.postMessage", json={"channel": "C00000002", "text": "x", "blocks": blocks}
    )

    [call] = slack.calls_to("chat.postMessage")
    assert call.args == {"channel": "C00000002", "text": "x", "blocks": blocks}


def test_text_that_looks_like_json_stays_text(slack: FakeSlackAPI, client: WebClient) -> None:
    client.chat_postMessage(channel="C00000001", text='["not", "blocks"]')
    assert slack.post_messages()[0].args["text"] == '["not", "blocks"]'


def test_multipart_bodies_are_parsed(slack: FakeSlackAPI, client: WebClient) -> None:
    client.api_call(
        "chat.postMessage",
        data={"channel": "C00000001", "text": "with a file", "blocks": '[{"type": "divider"}]'},
        files={"file": b"\x00\x01"},
    )
    [call] = slack.post_messages()
    assert call.args == {
        "channel": "C00000001",
        "text": "with a file",
        "blocks": [{"type": "divider"}],
        "file": b"\x00\x01",
    }


def test_post_message_to_a_user_id_lands_in_the_app_dm(client: WebClient) -> None:
    assert client.chat_postMessage(channel="U00000ANA", text="hi")["channel"] == "DU00000ANA"


def test_post_message_without_text_or_blocks_is_refused_like_slack(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    with pytest.raises(SlackApiError) as raised, pytest.warns(UserWarning, match="`text`"):
        client.chat_postMessage(channel="C00000001", text="")
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "no_text"
    assert slack.post_messages() == []
    assert slack.calls_to("chat.postMessage")[0].error == "no_text"


def test_auth_test_names_the_bot(client: WebClient) -> None:
    answer = client.auth_test()
    assert answer["user_id"] == BOT_USER_ID
    assert answer["bot_id"] == BOT_ID
    assert answer["team_id"] == "T00000001"
    assert answer["url"].startswith("https://") and answer["team"] and answer["user"]


def test_users_info_gives_time_zone_and_locale_on_request(client: WebClient) -> None:
    raj = client.users_info(user="U00000RAJ", include_locale=True)["user"]
    ana = client.users_info(user="U00000ANA")["user"]

    assert raj["tz"] == "Asia/Kolkata"
    assert raj["tz_offset"] == 19_800
    assert raj["tz_label"] == "India Standard Time"
    assert raj["locale"] == "en-US"
    assert raj["profile"]["display_name"] == "raj"
    assert (raj["name"], raj["is_bot"], raj["deleted"]) == ("raj", False, False)
    assert ana["tz_offset"] == -18_000  # New York in November, at the default clock
    assert "locale" not in ana


def test_users_directory_can_be_extended_and_misses_like_slack(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    slack.add_user(
        "U0000ZED0", "zed", tz="Europe/Berlin", locale="de-DE", deleted=True, real_name="Zed Z"
    )
    zed = client.users_info(user="U0000ZED0", include_locale=True)["user"]
    assert (zed["tz"], zed["tz_offset"], zed["locale"], zed["deleted"]) == (
        "Europe/Berlin",
        3600,
        "de-DE",
        True,
    )
    assert zed["real_name"] == "Zed Z"

    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U0NOBODY0")
    assert raised.value.response["error"] == "user_not_found"


def test_users_lookup_by_email(client: WebClient) -> None:
    found = client.users_lookupByEmail(email="bob@kept-test.example.com")["user"]
    assert found["id"] == "U0000BOB0"
    with pytest.raises(SlackApiError) as raised:
        client.users_lookupByEmail(email="nobody@example.com")
    assert raised.value.response["error"] == "users_not_found"


def test_tokens_are_checked(slack: FakeSlackAPI) -> None:
    with pytest.raises(SlackApiError) as wrong:
        WebClient(token="xoxb-wrong", base_url=slack.base_url).auth_test()
    with pytest.raises(SlackApiError) as missing:
        WebClient(base_url=slack.base_url).auth_test()

    assert wrong.value.response["error"] == "invalid_auth"
    assert missing.value.response["error"] == "not_authed"
    assert [(c.token, c.error) for c in slack.calls] == [
        ("xoxb-wrong", "invalid_auth"),
        (None, "not_authed"),
    ]


def test_unknown_methods_are_refused(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("promises.keep")
    assert raised.value.response["error"] == "unknown_method"


def test_conversations_open_and_info(client: WebClient) -> None:
    opened = client.conversations_open(users="U00000ANA")
    again = client.conversations_open(users="U00000ANA", return_im=True)

    assert opened["channel"] == {"id": "DU00000ANA"}
    assert again["already_open"] is True
    assert again["channel"]["is_im"] is True and again["channel"]["user"] == "U00000ANA"
    assert client.conversations_info(channel="C00000001")["channel"]["name"] == "general"
    assert client.conversations_info(channel="DU00000ANA")["channel"]["user"] == "U00000ANA"
    with pytest.raises(SlackApiError) as raised:
        client.conversations_info(channel="C0MISSING")
    assert raised.value.response["error"] == "channel_not_found"


def test_message_lifecycle_update_permalink_ephemeral_delete(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    posted = client.chat_postMessage(channel="C00000001", text="draft")
    updated = client.chat_update(channel="C00000001", ts=posted["ts"], text="final", blocks=[])
    link = client.chat_getPermalink(channel="C00000001", message_ts=posted["ts"])
    ephemeral = client.chat_postEphemeral(channel="C00000001", user="U00000ANA", text="psst")

    assert (updated["channel"], updated["ts"], updated["text"]) == (
        "C00000001",
        posted["ts"],
        "final",
    )
    assert slack.message("C00000001", posted["ts"]) is not None
    assert link["permalink"] == (
        f"https://kept-test.slack.com/archives/C00000001/p{posted['ts'].replace('.', '')}"
    )
    assert float(ephemeral["message_ts"]) > float(posted["ts"])
    assert client.chat_delete(channel="C00000001", ts=posted["ts"])["ok"] is True
    assert slack.message("C00000001", posted["ts"]) is None


def test_strict_messages_refuses_updates_of_unknown_messages() -> None:
    with FakeSlackAPI(strict_messages=True, scopes=EVERY_SCOPE) as slack:
        client = WebClient(token=DEFAULT_TOKEN, base_url=slack.base_url)
        with pytest.raises(SlackApiError) as raised:
            client.chat_update(channel="C00000001", ts="1600000000.000100", text="x")
    assert raised.value.response["error"] == "message_not_found"


def test_views_open_publish_update_return_view_ids(client: WebClient) -> None:
    modal = {
        "type": "modal",
        "callback_id": "new_promise",
        "title": {"type": "plain_text", "text": "New promise"},
        "blocks": [],
        "private_metadata": "42",
    }
    opened = client.views_open(trigger_id="1.2.abc", view=modal)["view"]
    updated = client.views_update(view_id=opened["id"], view=modal)["view"]
    home = {"type": "home", "blocks": [{"type": "divider"}]}
    published = client.views_publish(user_id="U00000ANA", view=home)["view"]
    republished = client.views_publish(user_id="U00000ANA", view=home)["view"]

    assert opened["id"].startswith("V")
    assert (opened["callback_id"], opened["private_metadata"]) == ("new_promise", "42")
    assert opened["state"] == {"values": {}}
    assert updated["id"] == opened["id"]
    assert published["type"] == "home" and published["blocks"] == home["blocks"]
    assert republished["id"] == published["id"] != opened["id"]


def test_reactions_add_twice_is_already_reacted(client: WebClient) -> None:
    client.reactions_add(
        channel="C00000001", timestamp="1700000000.000100", name="white_check_mark"
    )
    with pytest.raises(SlackApiError) as raised:
        client.reactions_add(
            channel="C00000001", timestamp="1700000000.000100", name="white_check_mark"
        )
    assert raised.value.response["error"] == "already_reacted"


def test_files_upload_v2_full_flow(slack: FakeSlackAPI, client: WebClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(64))

    answer = client.files_upload_v2(
        channel="C00000001", content=png, filename="x.png", title="Chart", initial_comment="Weekly"
    )

    assert [c.method for c in slack.calls] == [
        "files.getUploadURLExternal",
        "upload",
        "files.completeUploadExternal",
    ]
    get_url, upload, complete = slack.calls
    assert get_url.args["filename"] == "x.png" and get_url.args["length"] == str(len(png))
    assert get_url.response is not None
    assert get_url.response["upload_url"] == f"{slack.root_url}/upload/{upload.args['file_id']}"
    assert upload.args == {"file_id": get_url.response["file_id"], "size": len(png), "bytes": png}
    assert upload.token is None
    assert complete.args["files"] == [{"id": upload.args["file_id"], "title": "Chart"}]
    assert complete.args["channel_id"] == "C00000001"
    assert complete.args["initial_comment"] == "Weekly"
    assert answer["file"]["id"] == upload.args["file_id"]
    assert (answer["file"]["size"], answer["file"]["mimetype"]) == (len(png), "image/png")


def test_complete_upload_of_a_file_never_uploaded_fails(client: WebClient) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.files_completeUploadExternal(files=[{"id": "F0NOTHERE", "title": "x"}])
    assert raised.value.response["error"] == "file_not_found"


def test_reset_forgets_calls_but_keeps_users(slack: FakeSlackAPI, client: WebClient) -> None:
    client.chat_postMessage(channel="C00000001", text="x")
    slack.fail_next("auth.test", error="account_inactive")
    slack.reset()

    assert slack.calls == []
    assert client.auth_test()["ok"] is True
    assert client.users_info(user="U00000ANA")["ok"] is True


def test_stop_releases_the_port() -> None:
    with FakeSlackAPI(scopes=EVERY_SCOPE) as slack:
        port = slack.port
        WebClient(token=DEFAULT_TOKEN, base_url=slack.base_url).auth_test()
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))


# ============================================================ FakeSlackAPI: scripted failures


def test_rate_limit_raises_with_retry_after_then_next_call_succeeds(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=1)

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C00000001", text="x")
    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "1"
    assert raised.value.response["error"] == "ratelimited"

    assert client.chat_postMessage(channel="C00000001", text="x")["ok"] is True
    assert [(c.status, c.error) for c in slack.calls_to("chat.postMessage")] == [
        (429, "ratelimited"),
        (200, None),
    ]
    assert len(slack.post_messages()) == 1


def test_rate_limit_retry_handler_retries_once_honouring_retry_after(
    slack: FakeSlackAPI, client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    sleeps: list[float] = []
    # The handler sleeps Retry-After + random(); record the sleep instead of waiting it out.
    monkeypatch.setattr(retry_handlers, "time", SimpleNamespace(sleep=sleeps.append))
    monkeypatch.setattr(retry_handlers, "random", SimpleNamespace(random=lambda: 0.0))
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=1))
    slack.fail_next("chat.postMessage", status=429, retry_after=1)

    answer = client.chat_postMessage(channel="C00000001", text="x")

    assert answer["ok"] is True
    assert sleeps == [1]
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [429, 200]


def test_server_error_is_scripted(slack: FakeSlackAPI, client: WebClient) -> None:
    slack.fail_next("users.info", status=500)

    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U00000ANA")
    assert raised.value.response.status_code == 500
    assert client.users_info(user="U00000ANA")["ok"] is True
    assert [c.status for c in slack.calls_to("users.info")] == [500, 200]


def test_error_code_is_scripted_as_http_200(slack: FakeSlackAPI, client: WebClient) -> None:
    slack.fail_next("chat.postMessage", error="account_inactive")

    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C00000001", text="x")
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "account_inactive"
    [call] = slack.calls_to("chat.postMessage")
    assert (call.status, call.error, call.ok) == (200, "account_inactive", False)


def test_failures_queue_and_apply_once_each_in_order(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    slack.fail_next("auth.test", status=429, retry_after=0)
    slack.fail_next("auth.test", error="team_is_restricted")
    slack.fail_next("chat.postMessage", status=503)

    outcomes = []
    for _ in range(3):
        try:
            client.auth_test()
            outcomes.append("ok")
        except SlackApiError as err:
            outcomes.append(f"{err.response.status_code} {err.response['error']}")

    assert outcomes == ["429 ratelimited", "200 team_is_restricted", "ok"]
    assert [c.method for c in slack.calls] == ["auth.test"] * 3


def test_upload_url_failure_makes_files_upload_v2_fail(
    slack: FakeSlackAPI, client: WebClient
) -> None:
    slack.fail_next("upload", status=500)
    # slack_sdk posts the bytes with urllib, which raises on a 5xx.
    with pytest.raises(HTTPError) as raised:
        client.files_upload_v2(channel="C00000001", content=b"x", filename="x.txt")
    assert raised.value.code == 500
    raised.value.close()  # the error holds the response open
    assert [c.status for c in slack.calls_to("upload")] == [500]
    assert slack.calls_to("files.completeUploadExternal") == []


# ============================================================ FakeSlackAPI: wait_for


def test_wait_for_returns_once_calls_arrive_from_another_thread(slack: FakeSlackAPI) -> None:
    def post_twice() -> None:
        other = WebClient(token=DEFAULT_TOKEN, base_url=slack.base_url)
        other.chat_postMessage(channel="C00000001", text="one")
        other.chat_postMessage(channel="C00000001", text="two")

    worker = threading.Thread(target=post_twice)
    started = time.monotonic()
    worker.start()
    calls = slack.wait_for("chat.postMessage", count=2, timeout=10)
    waited = time.monotonic() - started
    worker.join()

    assert [c.args["text"] for c in calls] == ["one", "two"]
    # Woken by the arrival itself, not by the timeout running out.
    assert waited < 5, f"wait_for took {waited:.1f}s"


def test_wait_for_times_out_naming_the_calls_seen(slack: FakeSlackAPI, client: WebClient) -> None:
    client.auth_test()
    slack.fail_next("users.info", status=429)
    with pytest.raises(SlackApiError):
        client.users_info(user="U00000ANA")

    with pytest.raises(AssertionError) as raised:
        slack.wait_for("chat.postMessage", timeout=0.05)

    message = str(raised.value)
    assert "waiting for 1 call(s) to chat.postMessage, got 0" in message
    assert "auth.test" in message and "users.info[429 ratelimited]" in message


# ============================================================ FakeSlackAPI: workspaces and OAuth v2

OTHER = "T00000002"
OTHER_TOKEN = "xoxb-other-token"
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "c0ffee-secret-5f3a"
REDIRECT = "https://kept.example/slack/oauth_redirect"


@pytest.fixture
def two(slack: FakeSlackAPI) -> FakeSlackAPI:
    """The default workspace and Other Co, whose Zoe installs Kept; the app is registered."""
    slack.add_workspace(
        OTHER, "Other Co", bot_token=OTHER_TOKEN, bot_user_id="UBOT00002", scopes=EVERY_SCOPE
    )
    slack.add_user("U0000ZOE0", "zoe", tz="Europe/Paris", team_id=OTHER)
    slack.oauth_app(CLIENT_ID, CLIENT_SECRET, redirect_uri=REDIRECT)
    return slack


def web(slack: FakeSlackAPI, token: str | None = None) -> WebClient:
    return WebClient(token=token, base_url=slack.base_url, timeout=5)


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(SlackApiError) as refused:
        call()
    return str(refused.value.response["error"])


def test_each_workspace_token_sees_its_own_workspace(two: FakeSlackAPI) -> None:
    mine = web(two, DEFAULT_TOKEN).auth_test()
    theirs = web(two, OTHER_TOKEN).auth_test()

    assert (mine["team_id"], mine["user_id"], mine["bot_id"]) == ("T00000001", BOT_USER_ID, BOT_ID)
    assert (theirs["team_id"], theirs["team"], theirs["user_id"], theirs["bot_id"]) == (
        OTHER,
        "Other Co",
        "UBOT00002",
        "B00000002",
    )
    assert theirs["url"] == "https://other-co.slack.com/"
    assert theirs["is_enterprise_install"] is False and "enterprise_id" not in theirs
    assert [c.team_id for c in two.calls_to("auth.test")] == ["T00000001", OTHER]


def test_what_a_workspace_posts_names_its_own_bot(two: FakeSlackAPI) -> None:
    posted = web(two, OTHER_TOKEN).chat_postMessage(channel="C00000009", text="hi")["message"]

    assert (posted["user"], posted["bot_id"], posted["team"]) == ("UBOT00002", "B00000002", OTHER)
    [call] = two.post_messages()
    assert (call.token, call.team_id) == (OTHER_TOKEN, OTHER)


def test_users_of_another_workspace_are_not_found(two: FakeSlackAPI) -> None:
    theirs, mine = web(two, OTHER_TOKEN), web(two, DEFAULT_TOKEN)

    zoe = theirs.users_info(user="U0000ZOE0")["user"]
    assert (zoe["team_id"], zoe["profile"]["team"]) == (OTHER, OTHER)
    assert theirs.users_info(user="UBOT00002")["user"]["is_bot"] is True
    assert refusal(lambda: mine.users_info(user="U0000ZOE0")) == "user_not_found"
    assert refusal(lambda: theirs.users_info(user="U00000ANA")) == "user_not_found"
    assert refusal(lambda: theirs.users_lookupByEmail(email="ana@kept-test.example.com")) == (
        "users_not_found"
    )
    assert refusal(lambda: theirs.conversations_open(users="U00000ANA")) == "user_not_found"
    assert mine.users_info(user="U00000ANA")["user"]["team_id"] == "T00000001"


def test_workspaces_of_one_enterprise_share_their_users(slack: FakeSlackAPI) -> None:
    for team_id, n in (("T0000GRD1", 1), ("T0000GRD2", 2)):
        slack.add_workspace(
            team_id,
            f"Grid {n}",
            bot_token=f"xoxb-grid-{n}",
            bot_user_id=f"UBOTGRID{n}",
            enterprise_id="E00000001",
            enterprise_name="Grid Org",
        )
    slack.add_user("W0000LEA0", "lea", team_id="T0000GRD1")

    assert web(slack, "xoxb-grid-2").users_info(user="W0000LEA0")["user"]["id"] == "W0000LEA0"
    assert web(slack, "xoxb-grid-1").auth_test()["enterprise_id"] == "E00000001"
    assert refusal(lambda: web(slack, DEFAULT_TOKEN).users_info(user="W0000LEA0")) == (
        "user_not_found"
    )


def test_oauth_v2_access_answers_slacks_documented_shape_once_per_code(two: FakeSlackAPI) -> None:
    two.grant_code("code-zoe", OTHER, installer="U0000ZOE0", scopes={"chat:write", "commands"})

    answer = web(two).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-zoe", redirect_uri=REDIRECT
    )

    assert answer.data == {
        "ok": True,
        "access_token": OTHER_TOKEN,
        "token_type": "bot",
        "scope": "chat:write,commands",
        "bot_user_id": "UBOT00002",
        "app_id": "A00000001",
        "team": {"id": OTHER, "name": "Other Co"},
        "enterprise": None,
        "is_enterprise_install": False,
        "authed_user": {"id": "U0000ZOE0"},
    }
    example = sample("web_api_openapi.json")["paths"]["/oauth.v2.access"]["get"]["responses"]
    documented = example["200"]["examples"]["application/json"]
    assert set(documented) <= set(answer.data) and set(answer["authed_user"]) <= set(
        documented["authed_user"]
    )
    again = partial(
        web(two).oauth_v2_access, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-zoe"
    )
    assert refusal(again) == "invalid_code"
    [first, second] = two.calls_to("oauth.v2.access")
    assert (first.token, first.team_id, first.ok) == (None, OTHER, True)
    assert (second.error, second.team_id) == ("invalid_code", None)


def test_the_token_an_install_gives_holds_the_scopes_granted(two: FakeSlackAPI) -> None:
    two.grant_code("code-few", OTHER, scopes={"chat:write"})
    token = web(two).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-few"
    )["access_token"]

    web(two, token).chat_postMessage(channel="C00000001", text="ok")
    assert refusal(lambda: web(two, token).users_info(user="U0000ZOE0")) == "missing_scope"
    assert web(two, DEFAULT_TOKEN).users_info(user="U00000ANA")["ok"] is True


def test_a_grant_without_scopes_gives_the_manifests(two: FakeSlackAPI) -> None:
    two.grant_code("code-all", OTHER)
    answer = web(two).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-all"
    )
    assert answer["scope"] == ",".join(sorted(granted()))
    assert answer["authed_user"] == {"id": "U00000ANA"}


def test_oauth_v2_access_refuses_like_slack_and_keeps_the_code(two: FakeSlackAPI) -> None:
    two.grant_code("code-1", OTHER)

    def exchange(**overrides: str) -> str:
        args = {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": "code-1"}
        return refusal(lambda: web(two).oauth_v2_access(**{**args, **overrides}))

    assert exchange(client_secret="guessed") == "bad_client_secret"
    assert exchange(client_id="9999.0000") == "invalid_client_id"
    assert exchange(redirect_uri="https://evil.example/steal") == "bad_redirect_uri"
    assert exchange(code="code-never-granted") == "invalid_code"
    assert web(two).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-1"
    )["ok"]


def test_oauth_v2_access_with_no_app_registered_is_an_invalid_client_id(
    slack: FakeSlackAPI,
) -> None:
    slack.grant_code("code-1", "T00000001")
    refused = partial(web(slack).oauth_v2_access, client_id="1", client_secret="2", code="code-1")
    assert refusal(refused) == "invalid_client_id"


def test_the_client_secret_is_never_recorded_in_clear(two: FakeSlackAPI) -> None:
    two.grant_code("code-basic", OTHER)
    two.grant_code("code-form", OTHER)
    two.fail_next("oauth.v2.access", status=500)

    with pytest.raises(SlackApiError):
        web(two).oauth_v2_access(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="x")
    web(two).oauth_v2_access(  # HTTP Basic auth, as slack_sdk sends it
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-basic"
    )
    web(two).api_call(  # form fields, as Slack also accepts
        "oauth.v2.access",
        data={"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "code": "code-form"},
    )
    with pytest.raises(SlackApiError):
        web(two).oauth_v2_access(client_id=CLIENT_ID, client_secret="wrong-secret", code="x")

    calls = two.calls_to("oauth.v2.access")
    assert [c.status for c in calls] == [500, 200, 200, 200]
    assert [c.ok for c in calls] == [False, True, True, False]
    for call in calls:
        assert call.args["client_id"] == CLIENT_ID
        assert call.args["client_secret"] == "***"
        assert CLIENT_SECRET not in repr(call) and "wrong-secret" not in repr(call)


def test_an_org_wide_install_has_no_team_and_names_the_enterprise(slack: FakeSlackAPI) -> None:
    slack.add_workspace(
        "E00000007",
        "Starship",
        bot_token="xoxb-org",
        bot_user_id="WBOT00007",
        enterprise_id="E00000007",
        enterprise_name="Starship",
        is_enterprise_install=True,
    )
    slack.oauth_app(CLIENT_ID, CLIENT_SECRET)
    slack.grant_code("code-org", "E00000007", installer="W0000ADM0")

    answer = web(slack).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-org", redirect_uri=REDIRECT
    )
    auth = web(slack, "xoxb-org").auth_test()

    assert answer["team"] is None
    assert answer["enterprise"] == {"id": "E00000007", "name": "Starship"}
    assert (answer["is_enterprise_install"], answer["access_token"]) == (True, "xoxb-org")
    assert (auth["is_enterprise_install"], auth["enterprise_id"]) == (True, "E00000007")


def test_a_revoked_token_answers_token_revoked_until_a_reinstall_gives_a_new_one(
    two: FakeSlackAPI,
) -> None:
    two.revoke(OTHER)

    assert refusal(lambda: web(two, OTHER_TOKEN).auth_test()) == "token_revoked"
    assert refusal(lambda: web(two, OTHER_TOKEN).chat_postMessage(channel="C1", text="x")) == (
        "token_revoked"
    )
    assert web(two, DEFAULT_TOKEN).auth_test()["ok"] is True
    assert two.calls_to("auth.test")[0].team_id == OTHER

    two.grant_code("code-back", OTHER)
    new = web(two).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code="code-back"
    )["access_token"]

    assert new == f"{OTHER_TOKEN}-2" == two.token_of(OTHER)
    assert web(two, new).auth_test()["team_id"] == OTHER
    assert refusal(lambda: web(two, OTHER_TOKEN).auth_test()) == "token_revoked"


def test_restore_gives_a_revoked_workspace_a_working_token(two: FakeSlackAPI) -> None:
    two.revoke(OTHER)
    assert two.restore(OTHER, "xoxb-other-again") == "xoxb-other-again"
    assert web(two, "xoxb-other-again").auth_test()["team_id"] == OTHER
    assert refusal(lambda: web(two, OTHER_TOKEN).auth_test()) == "token_revoked"

    two.revoke(OTHER)
    fresh = two.restore(OTHER)
    assert fresh != "xoxb-other-again" and web(two, fresh).auth_test()["ok"] is True


def test_any_token_stands_for_the_default_workspace_but_not_a_revoked_one() -> None:
    with FakeSlackAPI(valid_token=None) as slack:
        slack.add_workspace(OTHER, "Other Co", bot_token=OTHER_TOKEN, bot_user_id="UBOT00002")
        assert web(slack, "xoxb-anything").auth_test()["team_id"] == "T00000001"
        assert web(slack, OTHER_TOKEN).auth_test()["team_id"] == OTHER
        slack.revoke(OTHER)
        assert refusal(lambda: web(slack, OTHER_TOKEN).auth_test()) == "token_revoked"


def test_the_default_workspace_keeps_its_token_and_an_unknown_one_is_invalid(
    two: FakeSlackAPI,
) -> None:
    assert two.valid_token == DEFAULT_TOKEN
    assert refusal(lambda: web(two, "xoxb-stranger").auth_test()) == "invalid_auth"
    assert two.calls_to("auth.test")[0].team_id is None


def test_workspaces_are_added_once_with_their_own_token(two: FakeSlackAPI) -> None:
    with pytest.raises(ValueError, match="already"):
        two.add_workspace(OTHER, "Again", bot_token="xoxb-x", bot_user_id="UBOTX")
    with pytest.raises(ValueError, match="another workspace"):
        two.add_workspace("T00000003", "Copy", bot_token=DEFAULT_TOKEN, bot_user_id="UBOT3")
    with pytest.raises(ValueError, match="add_workspace"):
        two.add_user("U0000NED0", "ned", team_id="T0NOWHERE")
    two.grant_code("code-1", OTHER)
    with pytest.raises(ValueError, match="once"):
        two.grant_code("code-1", OTHER)


def test_the_scopes_list_every_method_the_fake_answers(slack: FakeSlackAPI) -> None:
    assert set(slack.methods) == set(METHOD_SCOPES)
    assert METHOD_SCOPES["oauth.v2.access"] is None


# ============================================================ FakeSlackAPI: shapes vs samples


def test_api_answers_use_the_fields_of_slacks_samples(client: WebClient) -> None:
    user = client.users_info(user="U00000ANA", include_locale=True)["user"]
    user_sample = sample("samples/api/users.info.json")["user"]
    assert_keys_within(user, user_sample)
    assert_keys_within(user["profile"], user_sample["profile"])

    auth = client.auth_test().data
    assert isinstance(auth, dict)
    assert_keys_within(auth, sample("samples/api/auth.test.json"))

    channel = client.conversations_info(channel="C00000001")["channel"]
    openapi = sample("web_api_openapi.json")
    example = openapi["paths"]["/conversations.info"]["get"]["responses"]["200"]["examples"]
    assert_keys_within(
        channel,
        sample("samples/api/conversations.info.json")["channel"],
        example["application/json"]["channel"],
    )

    view = client.views_open(trigger_id="1.2.3", view={"type": "modal", "blocks": []})["view"]
    assert_keys_within(view, sample("samples/api/views.open.json")["view"])

    uploaded = client.files_upload_v2(channel="C00000001", content=b"abc", filename="a.txt")
    file_sample = sample("samples/api/files.completeUploadExternal.json")["files"][0]
    assert_keys_within(uploaded["files"][0], file_sample)

    posted = client.chat_postMessage(channel="C00000001", text="x").data
    assert isinstance(posted, dict)
    post_example = openapi["paths"]["/chat.postMessage"]["post"]["responses"]["200"]["examples"]
    assert set(post_example["application/json"]) <= set(posted)


# ============================================================ SlackRequests: signing


def test_sign_matches_slack_sdk_signature_verifier() -> None:
    requests = SlackRequests("http://127.0.0.1:1", SECRET, clock=lambda: NOW)
    body = b"token=x&team_id=T00000001&text=hello+world"
    verifier = SignatureVerifier(SECRET, clock=FixedClock(NOW))

    headers = requests.sign(body, int(NOW))

    assert headers["X-Slack-Request-Timestamp"] == str(int(NOW))
    assert headers["X-Slack-Signature"].startswith("v0=")
    assert verifier.is_valid_request(body, headers)
    assert headers == sign(SECRET, body, int(NOW))
    assert not verifier.is_valid_request(body + b"!", headers)
    assert not SignatureVerifier("other", clock=FixedClock(NOW)).is_valid_request(body, headers)
    stale = requests.sign(body, int(NOW) - 600)
    assert not verifier.is_valid_request(body, stale)
    requests.close()


def _capturing_requests() -> tuple[SlackRequests, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200)

    transport = httpx.MockTransport(answer)
    requests = SlackRequests(
        "http://kept.test:3000/", SECRET, clock=lambda: NOW, transport=transport
    )
    return requests, sent


@pytest.mark.parametrize(
    "kind", ["command", "event", "block_action", "view_submission", "shortcut"]
)
def test_every_request_is_signed_and_can_be_stale_or_mis_signed(kind: str) -> None:
    requests, sent = _capturing_requests()
    verifier = SignatureVerifier(SECRET, clock=FixedClock(NOW))

    def send(stale: bool = False, bad_signature: bool = False) -> None:
        if kind == "command":
            requests.command("/promise", "list", stale=stale, bad_signature=bad_signature)
        elif kind == "event":
            requests.event(requests.message_event("hi"), stale=stale, bad_signature=bad_signature)
        elif kind == "block_action":
            requests.block_action("done", "7", stale=stale, bad_signature=bad_signature)
        elif kind == "view_submission":
            requests.view_submission("new_promise", {}, stale=stale, bad_signature=bad_signature)
        else:
            requests.message_shortcut(
                "make_promise", {"text": "hi"}, stale=stale, bad_signature=bad_signature
            )

    send()
    send(stale=True)
    send(bad_signature=True)

    good, stale, bad = sent
    assert str(good.url) == "http://kept.test:3000/slack/events"
    assert verifier.is_valid_request(good.content, dict(good.headers))
    assert stale.headers["X-Slack-Request-Timestamp"] == str(int(NOW) - 600)
    assert not verifier.is_valid_request(stale.content, dict(stale.headers))
    assert not verifier.is_valid_request(bad.content, dict(bad.headers))
    requests.close()


def test_event_retries_carry_slacks_retry_headers() -> None:
    requests, sent = _capturing_requests()
    requests.event(requests.message_event("hi"), event_id="Ev0000000042", retry_num=2)

    [request] = sent
    assert request.headers["X-Slack-Retry-Num"] == "2"
    assert request.headers["X-Slack-Retry-Reason"] == "http_timeout"
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.content)["event_id"] == "Ev0000000042"


# ============================================================ SlackRequests: shapes vs samples


def test_event_envelope_follows_the_wrapper_schema_and_samples() -> None:
    requests = SlackRequests("http://127.0.0.1:1", SECRET, clock=lambda: NOW)
    schema = sample("events_api_event_wrapper_schema.json")
    envelope = requests.event_envelope(requests.message_event("hi"))
    second = requests.event_envelope(requests.message_event("hi"))

    types = {"string": str, "integer": int, "object": dict, "array": list}
    for key in schema["required"]:
        assert isinstance(envelope[key], types[schema["properties"][key]["type"]]), key
    for key in schema["properties"]["event"]["required"]:
        assert isinstance(envelope["event"][key], str), key
    assert envelope["type"] == "event_callback"
    assert envelope["event_id"] == "Ev0000000001" != second["event_id"]
    assert envelope["event_time"] == int(NOW)
    assert_keys_within(
        envelope,
        sample("samples/events/MessagePayload.json"),
        sample("samples/events/ReactionAddedPayload.json"),
    )
    requests.close()


def test_inner_events_use_the_fields_of_slacks_samples() -> None:
    requests = SlackRequests("http://127.0.0.1:1", SECRET, clock=lambda: NOW)

    def event_sample(name: str) -> dict[str, Any]:
        inner: dict[str, Any] = sample(f"samples/events/{name}.json")["event"]
        return inner

    message = requests.message_event("I'll ship it Friday", thread_ts="1699999999.000100")
    assert_keys_within(message, event_sample("MessagePayload"))
    assert message["event_ts"] == message["ts"] and message["channel_type"] == "channel"
    assert requests.message_event("x", channel="DU00000ANA")["channel_type"] == "im"
    # Messages an app posts carry app_id besides bot_id (as app_mention's sample shows).
    bot = requests.message_event("x", user=BOT_USER_ID, bot_id=BOT_ID)
    assert_keys_within(bot, event_sample("MessagePayload"), extras=frozenset({"app_id"}))
    assert "client_msg_id" not in bot
    assert_keys_within(
        requests.app_mention_event("<@UBOT00001> help"), event_sample("AppMentionPayload")
    )
    assert_keys_within(
        requests.reaction_added_event("white_check_mark", ts="1.2"),
        event_sample("ReactionAddedPayload"),
    )
    assert_keys_within(
        requests.reaction_removed_event("x", ts="1.2"), event_sample("ReactionRemovedPayload")
    )
    assert_keys_within(
        requests.app_home_opened_event("U00000ANA"), event_sample("AppHomeOpenedPayload")
    )
    changed = requests.message_changed_event("new", "old", ts="1.2")
    assert_keys_within(changed, event_sample("MessageChangedPayload"))
    assert_keys_within(changed["message"], event_sample("MessageChangedPayload")["message"])
    deleted = requests.message_deleted_event("1.2", "old")
    assert_keys_within(deleted, event_sample("MessageDeletedPayload"))
    requests.close()


def test_interactivity_payloads_use_the_fields_of_slacks_samples() -> None:
    requests = SlackRequests("http://127.0.0.1:1", SECRET, clock=lambda: NOW)

    def interactivity(name: str) -> dict[str, Any]:
        return sample(f"samples/interactivity/{name}.json")

    command = requests.command_fields("/promise", "list")
    assert_keys_within(command, interactivity("SlashCommandPayload"))

    actions_sample = interactivity("BlockActionPayload")
    action = requests.block_action_payload("done", "7")
    assert_keys_within(action, actions_sample)
    assert_keys_within(action["user"], actions_sample["user"])
    assert_keys_within(action["container"], actions_sample["container"])
    assert_keys_within(action["actions"][0], actions_sample["actions"][0])
    assert_keys_within(action["message"], actions_sample["message"])
    assert action["container"]["message_ts"] == action["message"]["ts"]
    in_view = requests.block_action_payload("done", "7", view=requests.modal_view("cb"))
    assert_keys_within(in_view, actions_sample)
    assert in_view["container"] == {"type": "view", "view_id": in_view["view"]["id"]}
    assert "message" not in in_view

    submission_sample = interactivity("ViewSubmissionPayload")
    values = {"what": {"text": {"type": "plain_text_input", "value": "Ship it"}}}
    submission = requests.view_submission_payload("new_promise", values, private_metadata="42")
    # view_submission payloads also carry response_urls (empty unless the modal asks for one).
    assert_keys_within(submission, submission_sample, extras=frozenset({"response_urls"}))
    assert_keys_within(submission["view"], submission_sample["view"], extras=frozenset({"blocks"}))
    assert submission["view"]["state"] == {"values": values}

    closed_sample = interactivity("ViewClosedPayload")
    assert_keys_within(requests.view_closed_payload("new_promise"), closed_sample)

    shortcut_sample = interactivity("MessageShortcutPayload")
    shortcut = requests.message_shortcut_payload(
        "make_promise", {"text": "hi", "user": "U00000RAJ"}
    )
    assert_keys_within(shortcut, shortcut_sample)
    assert_keys_within(shortcut["user"], shortcut_sample["user"])
    assert shortcut["message_ts"] == shortcut["message"]["ts"]
    requests.close()


# ============================================================ both fakes against a Bolt app


@pytest.fixture
def bolt(slack: FakeSlackAPI) -> Iterator[tuple[SlackRequests, list[dict[str, Any]]]]:
    """A Bolt app answering through the fake API, reached in-process by SlackRequests."""
    seen: list[dict[str, Any]] = []
    app = App(
        client=WebClient(token=DEFAULT_TOKEN, base_url=slack.base_url),
        signing_secret=SECRET,
        process_before_response=True,
    )

    @app.command("/promise")
    def on_command(ack: Any, body: dict[str, Any], respond: Any) -> None:
        ack()
        seen.append(body)
        respond(f"you said {body['text']}")

    @app.event("message")
    def on_message(event: dict[str, Any], say: Any, request: Any) -> None:
        seen.append({**event, "retry_num": request.headers.get("x-slack-retry-num")})
        say(f"heard: {event['text']}")

    @app.event("app_mention")
    def on_mention(event: dict[str, Any]) -> None:
        seen.append(event)

    @app.event("reaction_added")
    def on_reaction(event: dict[str, Any]) -> None:
        seen.append(event)

    @app.event("app_home_opened")
    def on_home(event: dict[str, Any], client: WebClient) -> None:
        client.views_publish(user_id=event["user"], view={"type": "home", "blocks": []})

    @app.action("done")
    def on_action(ack: Any, body: dict[str, Any], respond: Any) -> None:
        ack()
        seen.append(body)
        respond(replace_original=True, text="Done")

    @app.view("new_promise")
    def on_submit(ack: Any, view: dict[str, Any]) -> None:
        ack()
        seen.append(view)

    @app.view_closed("new_promise")
    def on_closed(ack: Any, body: dict[str, Any]) -> None:
        ack()
        seen.append(body)

    @app.shortcut("make_promise")
    def on_shortcut(ack: Any, shortcut: dict[str, Any]) -> None:
        ack()
        seen.append(shortcut)

    transport = httpx.WSGITransport(app=SlackRequestHandler(app))
    with SlackRequests(
        "http://kept.test", SECRET, response_url_base=slack.hooks_base_url, transport=transport
    ) as requests:
        yield requests, seen


def test_bolt_accepts_commands_and_respond_reaches_the_fake(
    slack: FakeSlackAPI, bolt: tuple[SlackRequests, list[dict[str, Any]]]
) -> None:
    requests, seen = bolt

    assert requests.command("/promise", "list mine").status_code == 200

    assert seen[0]["text"] == "list mine" and seen[0]["user_id"] == "U00000ANA"
    [reply] = slack.calls_to("response_url")
    assert reply.args["text"] == "you said list mine"
    assert reply.path.startswith("/commands/T00000001/")


def test_bolt_accepts_events_and_say_reaches_the_fake(
    slack: FakeSlackAPI, bolt: tuple[SlackRequests, list[dict[str, Any]]]
) -> None:
    requests, seen = bolt

    assert requests.event(requests.message_event("ship Friday"), retry_num=1).status_code == 200
    assert requests.event(requests.app_mention_event("<@UBOT00001> help")).status_code == 200
    assert (
        requests.event(requests.reaction_added_event("white_check_mark", ts="1.2")).status_code
        == 200
    )
    assert requests.event(requests.app_home_opened_event("U0000BOB0")).status_code == 200

    assert [e["type"] for e in seen] == ["message", "app_mention", "reaction_added"]
    assert seen[0]["retry_num"] == ["1"]
    [said] = slack.post_messages()
    assert (said.args["channel"], said.args["text"]) == ("C00000001", "heard: ship Friday")
    [published] = slack.calls_to("views.publish")
    assert published.args["user_id"] == "U0000BOB0"


def test_bolt_ignores_the_bots_own_messages(
    slack: FakeSlackAPI, bolt: tuple[SlackRequests, list[dict[str, Any]]]
) -> None:
    requests, seen = bolt
    own = requests.message_event("I posted this", user=BOT_USER_ID, bot_id=BOT_ID)

    assert requests.event(own).status_code == 200

    assert seen == []
    assert slack.post_messages() == []


def test_bolt_accepts_interactivity(
    slack: FakeSlackAPI, bolt: tuple[SlackRequests, list[dict[str, Any]]]
) -> None:
    requests, seen = bolt
    values = {"what": {"text": {"type": "plain_text_input", "value": "Ship it"}}}

    assert requests.block_action("done", "7").status_code == 200
    assert requests.view_submission("new_promise", values, private_metadata="42").status_code == 200
    assert requests.view_closed("new_promise").status_code == 200
    assert (
        requests.message_shortcut("make_promise", {"text": "hi", "user": "U00000RAJ"}).status_code
        == 200
    )

    assert [item["type"] for item in seen] == [
        "block_actions",
        "modal",
        "view_closed",
        "message_action",
    ]
    assert seen[0]["actions"][0]["value"] == "7"
    assert seen[1]["state"]["values"] == values and seen[1]["private_metadata"] == "42"
    [replaced] = slack.calls_to("response_url")
    assert replaced.args["replace_original"] is True
    assert replaced.path.startswith("/actions/T00000001/")


def test_bolt_answers_url_verification_and_refuses_bad_requests(
    bolt: tuple[SlackRequests, list[dict[str, Any]]],
) -> None:
    requests, seen = bolt

    challenge = requests.url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    stale = requests.command("/promise", "list", stale=True)
    forged = requests.event(requests.message_event("x"), bad_signature=True)

    assert challenge.status_code == 200
    assert challenge.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
    assert (stale.status_code, forged.status_code) == (401, 401)
    assert seen == []
