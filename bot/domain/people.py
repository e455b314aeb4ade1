"""Who someone is on a platform, what their profile says about them, and where to write to them."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_IN_HANDLE = re.compile(r"[^\w\-]+")


@dataclass(frozen=True)
class PersonKey:
    """A person as one platform knows them: Slack user in a workspace, Teams user in a tenant."""

    platform: str
    workspace_id: str
    user_id: str


@dataclass(frozen=True)
class Profile:
    """What the platform tells about a person; the time zone is an IANA name."""

    display_name: str
    timezone: str
    locale: str | None = None
    is_bot: bool = False


@dataclass(frozen=True)
class Place:
    """Where to write: the platform's conversation id, at the service that hosts it."""

    platform: str
    workspace_id: str
    owner_ref: str  # the person's id for a personal chat, the channel's id for a channel
    scope: str
    conversation_id: str
    service_url: str


def handle(name: str) -> str:
    """ "Ana López" → "@Ana_López": a name as one word the command grammar reads as a mention,
    where a platform's mentions are not text of their own (Teams' <at>Ana López</at>). No dots:
    a sentence would end at one."""
    return "@" + (_NOT_IN_HANDLE.sub("_", name).strip("_-") or "someone")
