"""Serving the Teams SDK's messaging endpoint from Kept's own Starlette app.

The SDK checks each request's token and runs the activity; this adapter only hands it the
request and hands back its answer, so Teams shares the process and port with Slack.
"""

from __future__ import annotations

import json
import logging

from microsoft_teams.apps.http.adapter import HttpMethod, HttpRouteHandler
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

log = logging.getLogger(__name__)


class StarletteAdapter:
    """The SDK's `HttpServerAdapter`: it registers one route, which `endpoint` serves."""

    def __init__(self) -> None:
        self._routes: dict[str, HttpRouteHandler] = {}

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
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "the body is not JSON"}, status_code=400)
        if not isinstance(body, dict):
            return JSONResponse({"error": "the body is not an activity"}, status_code=400)
        answer = await handler({"body": body, "headers": dict(request.headers)})
        if answer["body"] is None:
            return Response(status_code=answer["status"])
        return JSONResponse(answer["body"], status_code=answer["status"])
