"""Serving the Teams SDK's messaging endpoint from Kept's own Starlette app.

The SDK checks each request's token and runs the activity; this adapter hands it the request
and hands back its answer, so Teams shares the process and port with Slack. Before that it
turns away, cheaply, what cannot be Teams: an oversized body, a request without a Bot
Framework token, an activity of another tenant than a single-tenant bot's. The SDK would fetch
signing keys for any issuer a forged token names, on the event loop, stalling every request.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import jwt
from microsoft_teams.apps.http.adapter import HttpMethod, HttpRouteHandler
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.handlers.http import capped_body

log = logging.getLogger(__name__)


_KEY_ID = re.compile(r"[\w\-+/=.]{1,128}")


class StarletteAdapter:
    """The SDK's `HttpServerAdapter`: it registers one route, which `endpoint` serves."""

    def __init__(self, issuer: str, tenant_id: str | None) -> None:
        self._routes: dict[str, HttpRouteHandler] = {}
        self._issuer, self._tenant_id = issuer, tenant_id

    def register_route(self, method: HttpMethod, path: str, handler: HttpRouteHandler) -> None:
        self._routes[path] = handler

    def serve_static(self, path: str, directory: str) -> None:
        """Kept serves no tabs or pages."""

    async def start(self, port: int) -> None:
        raise NotImplementedError("Kept's own server (python -m bot serve) serves Teams")

    async def stop(self) -> None:
        """Kept's own server stops itself."""

    async def endpoint(self, request: Request) -> Response:
        handler = self._routes.get(request.url.path)
        if handler is None:
            return JSONResponse({"error": "Teams is not ready"}, status_code=503)
        if not self._from_the_bot_framework(request.headers.get("authorization", "")):
            return JSONResponse({"error": "Unauthorized"}, status_code=401)
        raw = await capped_body(request)
        if raw is None:
            return JSONResponse({"error": "too large"}, status_code=413)
        try:
            body = json.loads(raw)
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "the body is not an activity"}, status_code=400)
        if self._tenant_id and _tenant(body) != self._tenant_id:
            log.warning("a Teams activity from another tenant than TENANT_ID was refused")
            return JSONResponse({"error": "this bot serves another tenant"}, status_code=403)
        answer = await handler({"body": body, "headers": dict(request.headers)})
        if answer["body"] is None:
            return Response(status_code=answer["status"])
        return JSONResponse(answer["body"], status_code=answer["status"])

    def _from_the_bot_framework(self, authorization: str) -> bool:
        """Whether the header holds a token that says it is the Bot Framework's (the SDK then
        checks that it is): a JWT, issued by the Bot Framework, naming a plausible key."""
        token = authorization.removeprefix("Bearer ")
        if token == authorization:
            return False
        try:
            claims = jwt.decode(token, options={"verify_signature": False})
            key_id = jwt.get_unverified_header(token).get("kid")
        except jwt.InvalidTokenError:
            return False
        named_key = isinstance(key_id, str) and bool(_KEY_ID.fullmatch(key_id))
        return claims.get("iss") == self._issuer and named_key


def _tenant(activity: dict[str, Any]) -> str | None:
    channel_data = activity.get("channelData") or {}
    tenant = (
        (channel_data.get("tenant") or {}).get("id") if isinstance(channel_data, dict) else None
    )
    conversation = activity.get("conversation") or {}
    return tenant or (conversation.get("tenantId") if isinstance(conversation, dict) else None)
