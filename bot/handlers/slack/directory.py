"""Slack's side of the Directory: profiles from users.info, people from mentions."""

from __future__ import annotations

import re

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ServerErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator

from bot.domain.people import Profile

_SOON = BackoffRetryIntervalCalculator(backoff_factor=0.2)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class SlackDirectory:
    platform = "slack"

    def __init__(self, client: WebClient, workspace_id: str, default_zone: str) -> None:
        # Asking who someone is changes nothing, so a Slack error (500, 503) is asked again
        # rather than apologised for; the client's posts are not retried that way.
        self._client = WebClient(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            retry_handlers=[
                *client.retry_handlers,
                ServerErrorRetryHandler(max_retry_count=2, interval_calculator=_SOON),
            ],
        )
        self.workspace_id = workspace_id
        self._default_zone = default_zone

    def profile(self, user_id: str) -> Profile | None:
        try:
            user = self._client.users_info(user=user_id, include_locale=True)["user"]
        except SlackApiError as error:
            if error.response.get("error") in {"user_not_found", "users_not_found"}:
                return None
            raise
        names = user.get("profile", {})
        return Profile(
            display_name=names.get("display_name") or user.get("real_name") or user["name"],
            timezone=user.get("tz") or self._default_zone,
            locale=user.get("locale"),
            is_bot=bool(user.get("is_bot")) or user["id"] == "USLACKBOT",
        )

    def user_id(self, mention: str) -> str | None:
        """A linked mention (<@U123>) names a user; a bare "@name" names nobody Slack knows."""
        match = _MENTION.fullmatch(mention.strip())
        return match.group(1) if match else None
