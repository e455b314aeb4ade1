"""Kept's manifest asks for exactly the scopes its code uses: every Web API method it calls,
every event it subscribes to, its commands and shortcuts."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.handlers.slack.oauth import BOT_SCOPES
from tests.fakes.slack_scopes import EVENT_SCOPES, FEATURE_SCOPES, MANIFEST, METHOD_SCOPES

BOT = Path(__file__).resolve().parents[2] / "bot"
# slack_sdk's method names, as the code calls them (client.chat_postMessage(...)).
CALL = re.compile(r"\.(api|auth|chat|conversations|files|reactions|users|views)_([A-Za-z0-9_]+)\(")
# What slack_sdk's helpers call for the code.
HELPERS = {"files.upload_v2": ("files.getUploadURLExternal", "files.completeUploadExternal")}


def methods_called() -> set[str]:
    called: set[str] = set()
    for source in BOT.rglob("*.py"):
        for family, name in CALL.findall(source.read_text("utf-8")):
            method = f"{family}.{name}"
            called.update(HELPERS.get(method, (method,)))
    return called


def test_every_method_the_code_calls_has_its_scope_known() -> None:
    assert methods_called() - set(METHOD_SCOPES) == set()


def test_the_manifest_asks_for_the_scopes_the_code_uses_and_no_others() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    needed = {METHOD_SCOPES[method] for method in methods_called()}
    needed |= {EVENT_SCOPES[event] for event in events}
    needed |= set(FEATURE_SCOPES)

    assert set(manifest["oauth_config"]["scopes"]["bot"]) == needed - {None}


def test_the_code_listens_to_every_event_the_manifest_subscribes_to() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))
    listened = {
        name
        for source in BOT.rglob("*.py")
        for name in re.findall(r"app\.event\(\"([a-z_]+)\"", source.read_text("utf-8"))
    }
    subscribed = {
        event.split(".")[0] for event in manifest["settings"]["event_subscriptions"]["bot_events"]
    }

    assert subscribed == listened


def test_installs_ask_for_the_manifest_s_scopes() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))

    assert sorted(BOT_SCOPES) == sorted(manifest["oauth_config"]["scopes"]["bot"])
