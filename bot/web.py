"""The one ASGI app: Slack at /slack/events, Teams at /api/messages, and a health check."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.handlers.http import MAX_BODY, capped_body
from bot.handlers.slack.shape import malformed, slack_hooks
from bot.handlers.slack.signature import refusal
from bot.services.env import Env

if TYPE_CHECKING:  # the Teams SDK is imported only when Teams is configured
    from bot.handlers.teams import TeamsApp

log = logging.getLogger(__name__)


def create_asgi_app(env: Env, slack: App | None, teams: TeamsApp | None = None) -> Starlette:
    routes = [
        Route("/healthz", _health(env), methods=["GET"]),
        Route("/readyz", _ready(env), methods=["GET"]),
    ]
    if slack is not None:
        secret = env.settings.slack.signing_secret or ""
        hooks = slack_hooks(env.settings.slack.api_url)
        routes.append(Route("/slack/events", _slack_events(slack, secret, hooks), methods=["POST"]))
        if slack.oauth_flow is not None:
            flow = slack.oauth_flow
            routes.append(Route(flow.install_path, _slack_oauth(flow.handle_installation)))
            routes.append(Route(flow.redirect_uri_path, _slack_oauth(flow.handle_callback)))
    if teams is not None:
        routes.append(Route(teams.path, teams.adapter.endpoint, methods=["POST"]))
    return Starlette(routes=routes)


def _slack_events(slack: App, signing_secret: str, hooks: frozenset[str]):  # type: ignore[no-untyped-def]
    async def slack_events(request: Request) -> Response:
        body = await capped_body(request)
        if body is None:
            log.warning("refused a request to /slack/events: its body is over %d bytes", MAX_BODY)
            return Response(status_code=413)
        why = refusal(request.headers, body, signing_secret)
        if why is not None:
            log.warning("refused a request to /slack/events: %s", why)
            return Response(status_code=401)
        wrong = malformed(request.headers.get("content-type", ""), body, hooks)
        if wrong is not None:
            log.warning("refused a signed request to /slack/events: %s", wrong)
            return Response(status_code=400)
        # Bolt's sync app acks as soon as a listener calls ack(); run it off the event loop.
        response = await run_in_threadpool(slack.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

    return slack_events


def _slack_oauth(step: Callable[[BoltRequest], BoltResponse]):  # type: ignore[no-untyped-def]
    """A step of Bolt's OAuth flow (a browser's GET, checked by its state, not signed)."""

    async def oauth(request: Request) -> Response:
        response = await run_in_threadpool(step, to_bolt_request(request, b""))
        return to_starlette_response(response)

    return oauth


# Threads of their own: the checks never queue behind requests that fill the web pool.
_CHECKS = ThreadPoolExecutor(2, thread_name_prefix="checks")


def _health(env: Env):  # type: ignore[no-untyped-def]
    """Alive: the database answers."""

    async def healthz(request: Request) -> Response:
        healthy = await asyncio.get_running_loop().run_in_executor(_CHECKS, env.db.ping)
        return JSONResponse({"ok": healthy}, status_code=200 if healthy else 503)

    return healthz


def _ready(env: Env):  # type: ignore[no-untyped-def]
    """Ready for traffic: the database answers and its schema is the newest migration."""

    async def readyz(request: Request) -> Response:
        why = await asyncio.get_running_loop().run_in_executor(_CHECKS, env.db.unready)
        if why is None:
            return JSONResponse({"ok": True})
        return JSONResponse({"ok": False, "why": why}, status_code=503)

    return readyz
