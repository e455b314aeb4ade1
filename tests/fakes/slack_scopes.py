"""The bot scope each Slack Web API method and each event subscription needs, as Slack's
method and event reference pages give them (the shared OpenAPI spec in ../shared/slack still
names the legacy user-token scopes, `chat:write:bot`, so it is not the source here)."""

from __future__ import annotations

from pathlib import Path

import yaml

MANIFEST = Path(__file__).resolve().parents[2] / "config/slack-manifest.yml"

# None: the method needs no scope (any token may call it).
METHOD_SCOPES: dict[str, str | None] = {
    "api.test": None,
    "auth.test": None,
    "chat.delete": "chat:write",
    "chat.getPermalink": None,
    "chat.postEphemeral": "chat:write",
    "chat.postMessage": "chat:write",
    "chat.scheduleMessage": "chat:write",
    "chat.update": "chat:write",
    "conversations.info": "channels:read",
    "conversations.open": "im:write",
    "files.completeUploadExternal": "files:write",
    "files.getUploadURLExternal": "files:write",
    "oauth.v2.access": None,  # called with the app's client id and secret, not a token
    "reactions.add": "reactions:write",
    "reactions.remove": "reactions:write",
    "users.info": "users:read",
    "users.lookupByEmail": "users:read.email",
    "views.open": None,
    "views.publish": None,
    "views.push": None,
    "views.update": None,
}

EVENT_SCOPES: dict[str, str | None] = {
    "app_home_opened": None,
    "app_mention": "app_mentions:read",
    "app_uninstalled": None,
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.im": "im:history",
    "message.mpim": "mpim:history",
    "reaction_added": "reactions:read",
    "reaction_removed": "reactions:read",
    "tokens_revoked": None,
}

# What else asks for a scope: slash commands and shortcuts need `commands`; posting to a public
# channel Kept was never invited to (the kudos and digest channels) needs `chat:write.public`.
FEATURE_SCOPES = {"commands": "slash commands and shortcuts", "chat:write.public": "posts"}


def granted() -> frozenset[str]:
    """The bot scopes Kept's manifest asks for: what an install grants."""
    manifest = yaml.safe_load(MANIFEST.read_text("utf-8"))
    return frozenset(manifest["oauth_config"]["scopes"]["bot"])
