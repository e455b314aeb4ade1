"""A Directory for the services' tests: a Slack workspace whose people are a plain dict."""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot.domain.people import Profile

PLATFORM = "slack"
WORKSPACE = "T00000001"

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class FakeDirectory:
    """Slack workspace T00000001: knows exactly the people it is given, by user id."""

    platform = PLATFORM
    workspace_id = WORKSPACE

    def __init__(self, people: Mapping[str, Profile] | None = None) -> None:
        self.people: dict[str, Profile] = dict(people or {})

    def profile(self, user_id: str) -> Profile | None:
        return self.people.get(user_id)

    def user_id(self, mention: str) -> str | None:
        """`<@U123>` or `<@U123|name>` names U123 when U123 is in the workspace; else nobody."""
        match = _MENTION.fullmatch(mention.strip())
        if match is None or match.group(1) not in self.people:
            return None
        return match.group(1)
