"""Delivers outbox messages to Teams through the Bot Connector, proactively.

A person is written to in their personal chat with Kept, a channel in its thread list; both
by the conversation remembered when Kept was added there. A person Kept has no chat with yet
gets one (Teams allows it once Kept is installed for them or a team of theirs); a person who
has not got Kept is reported unreachable, the message marked failed with that reason.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import httpx
from microsoft_teams.api import ApiClient
from microsoft_teams.api.activities.message import MessageActivityInput
from microsoft_teams.api.clients.conversation import CreateConversationParams
from microsoft_teams.common import Client

from bot.domain.people import Place
from bot.handlers.teams.context import message_params
from bot.handlers.teams.incoming import PLATFORM
from bot.render.teams import render_delivery
from bot.services import conversations, unreachable
from bot.services.env import Env
from bot.services.outbox import (
    TO_A_CHANNEL,
    Delivery,
    RetryLater,
    SendResult,
    Sent,
    Undeliverable,
    backoff,
    retry_after,
)

log = logging.getLogger(__name__)

UNREACHABLE = "unreachable: Kept is not installed for this person or channel in Teams"
# The Bot Connector's answers when Kept is not installed for a person, or not in a chat or team.
GONE = {403, 404}


# How long one delivery may take; then it is tried again later.
DELIVERY_TIMEOUT = 60.0
T = TypeVar("T")


class _EventLoop:
    """One event loop, in a thread of its own, where every delivery runs, so one HTTP client
    and its connections serve them all: a client per message loaded the CA certificates each
    time, two thirds of a delivery's time (docs/performance.md)."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="teams-sender", daemon=True).start()

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        running = asyncio.run_coroutine_threadsafe(work, self._loop)
        try:
            return running.result(DELIVERY_TIMEOUT)
        except TimeoutError:
            running.cancel()
            raise


class TeamsSender:
    platform = PLATFORM

    def __init__(self, env: Env, app_id: str, api: Callable[[str, Client], ApiClient]) -> None:
        self._env, self._bot_id, self._api = env, f"28:{app_id}", api
        self._loop: _EventLoop | None = None  # started by the first delivery
        self._http: Client | None = None  # made in that loop, kept open

    def send(self, delivery: Delivery) -> SendResult:
        message = message_params(render_delivery(delivery))
        place, service_url = conversations.where_to_write(
            self._env, PLATFORM, delivery.workspace_id, delivery.recipient
        )
        if place is None and (service_url is None or delivery.kind in TO_A_CHANNEL):
            return self._unreachable(delivery, "Kept was never added there")
        self._loop = self._loop or _EventLoop()
        try:
            self._loop.run(self._deliver(delivery, place, service_url or "", message))
        except TimeoutError:
            return RetryLater(backoff(delivery.attempts), "teams took too long to answer")
        except httpx.HTTPStatusError as error:
            if error.response.status_code in GONE:
                return self._unreachable(delivery, f"Teams answered {error.response.status_code}")
            return classify(error.response, delivery.attempts)
        except httpx.TransportError as error:
            return RetryLater(backoff(delivery.attempts), f"network: {type(error).__name__}")
        return Sent()

    def _unreachable(self, delivery: Delivery, why: str) -> Undeliverable:
        """Kept is not (or no longer) installed where the message should go: reported (to the
        log, and to whoever caused the message), and the conversation forgotten, so a message
        after a reinstall starts a new one."""
        log.warning("outbox %s (%s) is unreachable: %s", delivery.key, delivery.kind, why)
        conversations.forget(self._env, PLATFORM, delivery.workspace_id, delivery.recipient)
        unreachable.report(self._env, delivery)
        return Undeliverable(f"{UNREACHABLE}: {why}")

    async def _deliver(
        self,
        delivery: Delivery,
        place: Place | None,
        service_url: str,
        message: MessageActivityInput,
    ) -> None:
        self._http = self._http or Client()
        api = self._api(service_url, self._http)
        if place is None:
            place = await self._start_chat(api, delivery, service_url)
        await api.conversations.create_activity(place.conversation_id, message)

    async def _start_chat(self, api: ApiClient, delivery: Delivery, service_url: str) -> Place:
        """A personal chat with someone Kept has not written to yet, remembered for next time."""
        tenant = delivery.workspace_id
        params = CreateConversationParams.model_validate(
            {
                "bot": {"id": self._bot_id},
                "isGroup": False,
                "members": [{"id": delivery.recipient}],
                "tenantId": tenant,
                "channelData": {"tenant": {"id": tenant}},
            }
        )
        created = await api.conversations.create(params)
        place = Place(PLATFORM, tenant, delivery.recipient, "personal", created.id, service_url)
        conversations.remember(self._env, place)
        return place


def classify(response: httpx.Response, attempts: int) -> SendResult:
    """The Bot Connector's answer to a failed call: wait and retry, or give up with its reason."""
    status = response.status_code
    if status == 429:
        wait = retry_after(response.headers.get("Retry-After"), attempts)
        return RetryLater(wait, "throttled", throttled=True)
    if status == 401:
        # Kept's own token was refused (a rotated or wrong secret), not this message: held, like
        # a throttle, so nothing is lost for a day while someone fixes the settings.
        log.error("the Bot Connector refused Kept's token: check CLIENT_ID/CLIENT_SECRET/TENANT_ID")
        reason = "teams answered 401: Kept's token was refused"
        return RetryLater(backoff(attempts), reason, throttled=True)
    if status == 413:
        return Undeliverable("teams answered 413: too large")
    if status == 400:
        return Undeliverable("teams answered 400")
    return RetryLater(backoff(attempts), f"teams answered {status}")
