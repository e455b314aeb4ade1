"""A bare Bolt app, for bench/load.py to compare Kept with: one `/promise` listener that acks
with a short text and does nothing else, served the way Kept serves Slack (Starlette, Bolt's
sync App off the event loop, uvicorn). It reads what Kept reads: SLACK_BOT_TOKEN,
SLACK_SIGNING_SECRET, SLACK_API_URL and PORT. Run from the project root:

    SLACK_BOT_TOKEN=… SLACK_SIGNING_SECRET=… PORT=3000 .venv/bin/python bench/bare_bolt.py
"""

from __future__ import annotations

import os

import uvicorn
from slack_bolt import Ack, App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def bare_app() -> Starlette:
    token = os.environ["SLACK_BOT_TOKEN"]
    api_url = os.environ.get("SLACK_API_URL", "https://slack.com/api/")
    slack = App(
        client=WebClient(token=token, base_url=api_url),
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
    )

    @slack.command("/promise")
    def promise(ack: Ack) -> None:
        ack("Tracked.")

    async def slack_events(request: Request) -> Response:
        body = await request.body()
        response = await run_in_threadpool(slack.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"ok": True})

    return Starlette(
        routes=[
            Route("/slack/events", slack_events, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "3000"))
    uvicorn.run(bare_app(), host="0.0.0.0", port=port, proxy_headers=True, log_level="info")
