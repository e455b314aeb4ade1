"""Slack over Socket Mode: no public URL needed, the app dials out to Slack."""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler


def run_socket_mode(app: App, app_token: str) -> None:
    SocketModeHandler(app, app_token).start()  # type: ignore[no-untyped-call]
