"""Who someone is on a platform, and what their profile says about them."""

from __future__ import annotations

from dataclasses import dataclass


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
