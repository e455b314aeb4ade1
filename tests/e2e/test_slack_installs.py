"""Kept installed to many Slack workspaces through OAuth, end to end: two workspaces install
it at /slack/install, use it, and share nothing; one uninstalls, and installing again brings
its history back.

Acme (T00000001) has raj and ana; Other Co (T00000002) has zoe and yan.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select

from bot.app import start
from bot.clock import FixedClock
from bot.jobs.scheduler import run_once
from bot.settings import load_settings
from bot.store.models import OutboxMessage
from bot.store.slack_installs import BOTS, INSTALLATIONS
from tests.e2e.conftest import ROOT, SIGNING_SECRET, SlackWorld
from tests.fakes.app_server import serve
from tests.fakes.slack_api import DEFAULT_TOKEN, TEAM_ID, Call, FakeSlackAPI
from tests.fakes.slack_requests import SlackRequests
from tests.fakes.slack_scopes import granted

CLIENT_ID, CLIENT_SECRET = "1234567890.0987654321", "client-s3cret"
OTHER, OTHER_TOKEN = "T00000002", "xoxb-other-token"
RAJ, ANA, ZOE, YAN = "U00000RAJ", "U00000ANA", "U00000ZOE", "U00000YAN"
STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class Installs:
    """Kept for any workspace that installs it, with the Slack of two workspaces faked."""

    api: FakeSlackAPI
    url: str
    acme: SlackWorld
    other: SlackRequests

    def install(self, team_id: str, code: str) -> httpx.Response:
        """An admin of `team_id` opens /slack/install, approves Kept on Slack's page, and comes
        back to /slack/oauth_redirect: the page Kept shows them."""
        with httpx.Client(base_url=self.url) as browser:
            page = browser.get("/slack/install")
            state = _state_of(page)
            self.api.grant_code(code, team_id)
            return browser.get(
                "/slack/oauth_redirect",
                params={"code": code, "state": state},
                headers={"Cookie": f"{STATE_COOKIE}={state}"},
            )


def _state_of(install_page: httpx.Response) -> str:
    [link] = re.findall(r'href="([^"]*oauth/v2/authorize[^"]*)"', install_page.text)
    return str(parse_qs(urlsplit(link.replace("&amp;", "&")).query)["state"][0])


@pytest.fixture
def installs(database_url: str, clock: FixedClock) -> Iterator[Installs]:
    with FakeSlackAPI() as api:
        api.add_workspace(OTHER, "Other Co", bot_token=OTHER_TOKEN, bot_user_id="UBOT00002")
        api.add_user(ZOE, "zoe", tz="Europe/Berlin", team_id=OTHER)
        api.add_user(YAN, "yan", tz="Asia/Tokyo", team_id=OTHER)
        api.oauth_app(CLIENT_ID, CLIENT_SECRET)
        settings = load_settings(
            {
                "DATABASE_URL": database_url,
                "KEPT_CONFIG": str(ROOT / "config/kept.toml"),
                "SLACK_CLIENT_ID": CLIENT_ID,
                "SLACK_CLIENT_SECRET": CLIENT_SECRET,
                "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                "SLACK_API_URL": api.base_url,
            }
        )
        platforms = start(settings, clock)
        hooks = api.hooks_base_url
        with (
            serve(platforms.asgi()) as url,
            SlackRequests(url, SIGNING_SECRET, response_url_base=hooks) as acme,
            SlackRequests(url, SIGNING_SECRET, response_url_base=hooks, team_id=OTHER) as other,
        ):
            world = SlackWorld(api, acme, platforms.kept, clock, url)
            yield Installs(api, url, world, other)
        platforms.kept.db.dispose()


@contextmanager
def logged(logger: str) -> Iterator[threading.Event]:
    """Set when `logger` next logs: something done after the request was answered is done."""
    done = threading.Event()

    class Handler(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            done.set()

    handler = Handler()
    logging.getLogger(logger).addHandler(handler)
    try:
        yield done
    finally:
        logging.getLogger(logger).removeHandler(handler)


def tokens_kept(installs: Installs) -> dict[str, str]:
    """Every bot token Kept still holds, by workspace: its bots' and its installations' rows."""
    with installs.acme.kept.db.engine.connect() as connection:
        rows = [
            *connection.execute(select(BOTS.c.team_id, BOTS.c.bot_token)),
            *connection.execute(select(INSTALLATIONS.c.team_id, INSTALLATIONS.c.bot_token)),
        ]
    return {str(team): str(token) for team, token in rows if token}


def command(installs: Installs, slack: SlackRequests, text: str, user: str) -> Call:
    """`/promise <text>` typed by `user` in `slack`'s workspace: Kept's answer to it."""
    fields = slack.command_fields("/promise", text, user)
    path = urlsplit(fields["response_url"]).path
    before = len(installs.api.calls_to("response_url"))
    assert slack.post_form(fields).status_code == 200
    installs.api.wait_for("response_url", before + 1)
    [answer] = [c for c in installs.api.calls_to("response_url") if c.path == path]
    return answer


def words(call: Call) -> str:
    return str(call.args.get("text", "")) + str(call.args.get("blocks", ""))


def deliver(installs: Installs) -> list[Call]:
    before = len(installs.api.post_messages())
    run_once(installs.acme.kept.jobs())
    return installs.api.post_messages()[before:]


def test_a_workspace_installs_kept_and_its_token_is_kept(installs: Installs) -> None:
    with httpx.Client(base_url=installs.url) as browser:
        page = browser.get("/slack/install")
    link = re.findall(r'href="([^"]*oauth/v2/authorize[^"]*)"', page.text)[0]
    asked = parse_qs(urlsplit(link.replace("&amp;", "&")).query)

    done = installs.install(OTHER, "code-other")

    assert page.status_code == 200 and STATE_COOKIE in page.headers["set-cookie"]
    assert asked["client_id"] == [CLIENT_ID]
    assert set(asked["scope"][0].split(",")) == granted()
    assert done.status_code == 200
    assert tokens_kept(installs) == {OTHER: OTHER_TOKEN}
    [exchange] = installs.api.calls_to("oauth.v2.access")
    assert exchange.args["code"] == "code-other"


@pytest.mark.parametrize("forged", ["another-state", ""])
def test_an_install_that_did_not_start_here_keeps_nothing(installs: Installs, forged: str) -> None:
    installs.api.grant_code("code-forged", OTHER)
    with httpx.Client(base_url=installs.url) as browser:
        answer = browser.get(
            "/slack/oauth_redirect",
            params={"code": "code-forged", "state": forged},
            headers={"Cookie": f"{STATE_COOKIE}={forged}"},
        )

    assert answer.status_code >= 400
    assert tokens_kept(installs) == {}
    assert installs.api.calls_to("oauth.v2.access") == []


def test_two_workspaces_share_nothing(installs: Installs) -> None:
    installs.install(TEAM_ID, "code-acme")
    installs.install(OTHER, "code-other")
    acme, other = installs.acme.slack, installs.other

    command(installs, acme, f"send the deck to <@{ANA}|ana> by Friday 3pm", RAJ)
    command(installs, other, f"send the invoice to <@{YAN}|yan> by Friday 3pm", ZOE)
    told = deliver(installs)
    zoes_list = command(installs, other, "list", ZOE)
    rajs_list = command(installs, acme, "list", RAJ)

    assert {(c.args["channel"], c.token, c.team_id) for c in told} == {
        (ANA, DEFAULT_TOKEN, TEAM_ID),
        (YAN, OTHER_TOKEN, OTHER),
    }
    assert "invoice" in words(zoes_list) and "deck" not in words(zoes_list)
    assert "deck" in words(rajs_list) and "invoice" not in words(rajs_list)
    publishes = installs.api.wait_for("views.publish", 4)
    assert {(c.args["user_id"], c.team_id) for c in publishes} == {
        (RAJ, TEAM_ID),
        (ANA, TEAM_ID),
        (ZOE, OTHER),
        (YAN, OTHER),
    }


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ({"type": "app_uninstalled"}, "Kept was uninstalled"),
        ({"type": "tokens_revoked", "tokens": {"bot": ["UBOT00002"]}}, "Kept's token was revoked"),
    ],
)
def test_an_uninstall_withdraws_what_was_not_sent_and_a_reinstall_brings_its_history_back(
    installs: Installs, event: dict[str, object], reason: str
) -> None:
    installs.install(OTHER, "code-other")
    other = installs.other
    command(installs, other, f"send the invoice to <@{YAN}|yan> by Friday 3pm", ZOE)
    installs.api.revoke(OTHER)

    with logged("bot.services.workspaces") as withdrawn:
        assert other.event(event).status_code == 200
        assert withdrawn.wait(5)  # the event is handled after Slack has its answer

    assert tokens_kept(installs) == {}
    with installs.acme.kept.db.unit_of_work() as session:
        [notice] = session.scalars(select(OutboxMessage)).all()
    assert (notice.status, notice.last_error) == ("withdrawn", reason)
    assert deliver(installs) == []

    installs.install(OTHER, "code-again")
    again = command(installs, other, "list", ZOE)

    assert "invoice" in words(again)


def test_a_workspace_that_never_installed_kept_is_told_so(installs: Installs) -> None:
    answer = command(installs, installs.other, "list", ZOE)

    assert "isn't installed in this workspace" in words(answer)


def test_an_org_wide_install_serves_each_workspace_of_the_org_with_the_org_s_token(
    installs: Installs,
) -> None:
    api, org = installs.api, "E00000001"
    api.add_workspace(
        "T00000003",
        "Grid HQ",
        bot_token="xoxb-grid-token",
        bot_user_id="UBOT00003",
        enterprise_id=org,
        is_enterprise_install=True,
    )
    api.add_workspace(
        "T00000004",
        "Grid Sales",
        bot_token="xoxb-unused",
        bot_user_id="UBOT00004",
        enterprise_id=org,
    )
    hal, ivy = "U0000HAL0", "U0000IVY0"
    api.add_user(hal, "hal", tz="America/Chicago", team_id="T00000004")
    api.add_user(ivy, "ivy", tz="America/Chicago", team_id="T00000004")
    installs.install("T00000003", "code-grid")
    hooks = api.hooks_base_url
    with SlackRequests(
        installs.url,
        SIGNING_SECRET,
        response_url_base=hooks,
        team_id="T00000004",
        enterprise_id=org,
    ) as sales:
        made = command(installs, sales, f"send the forecast to <@{ivy}|ivy> by Friday 3pm", hal)

        [told] = deliver(installs)

        assert "send the forecast" in words(made)
        assert (told.args["channel"], told.token) == (ivy, "xoxb-grid-token")

        command(installs, sales, f"send the plan to <@{ivy}|ivy> by Friday 3pm", hal)
        org_wide = sales.event_envelope({"type": "app_uninstalled"})
        for workspace in ("team_id", "context_team_id"):  # the org's, not a workspace's
            del org_wide[workspace]
        with logged("bot.services.workspaces") as withdrawn:
            assert sales.post(json.dumps(org_wide).encode(), "application/json").status_code == 200
            assert withdrawn.wait(5)

    with installs.acme.kept.db.unit_of_work() as session:
        statuses = [row.status for row in session.scalars(select(OutboxMessage))]
    assert sorted(statuses) == ["sent", "withdrawn"]
