"""The Microsoft Teams adapter: the Teams SDK's app, its handlers, and its outbox sender."""

from __future__ import annotations

import warnings

# The SDK warns on import that HTML widgets, which Kept does not use, are in preview.
warnings.filterwarnings("ignore", message="HtmlWidgetSecurityPolicy is in preview")

import asyncio  # noqa: E402 - after the filter: the SDK warns as it is imported
from dataclasses import dataclass  # noqa: E402

from microsoft_teams.api import ApiClient  # noqa: E402
from microsoft_teams.api.auth.cloud_environment import PUBLIC, CloudEnvironment  # noqa: E402
from microsoft_teams.api.auth.credentials import TokenProvider  # noqa: E402
from microsoft_teams.apps import App  # noqa: E402
from microsoft_teams.common import Client  # noqa: E402

from bot.handlers.teams import cards, installs, messages  # noqa: E402
from bot.handlers.teams.sender import TeamsSender  # noqa: E402
from bot.handlers.teams.starlette_adapter import StarletteAdapter  # noqa: E402
from bot.services.env import Env  # noqa: E402

MESSAGING_ENDPOINT = "/api/messages"


@dataclass
class TeamsApp:
    app: App
    adapter: StarletteAdapter  # serves `path` in Kept's ASGI app
    path: str = MESSAGING_ENDPOINT

    def sender(self, env: Env) -> TeamsSender:
        app = self.app
        assert app.id is not None  # a configured Teams app always has its client id

        def api(service_url: str, http: Client) -> ApiClient:
            return ApiClient(service_url, http, cloud=app.cloud, token_provider=app.token_provider)

        return TeamsSender(env, app.id, api)


def build_teams_app(
    env: Env,
    *,
    listening: bool = True,
    cloud: CloudEnvironment | None = None,
    token: TokenProvider | None = None,
) -> TeamsApp:
    """The Teams app, by the SDK's variables (CLIENT_ID, CLIENT_SECRET, TENANT_ID); with
    `listening` False, only for its sender: no handler is registered.

    Every request's token is checked against Microsoft's keys; tests pass a `cloud` whose keys
    are their own and a bot `token` for the fake Bot Connector. Nothing turns the check off.
    """
    settings = env.settings.teams
    cloud = cloud or PUBLIC
    adapter = StarletteAdapter(cloud.token_issuer, settings.tenant_id)
    app = App(
        client_id=settings.client_id,
        client_secret=None if token else settings.client_secret,
        tenant_id=settings.tenant_id,
        token=token,
        cloud=cloud,
        http_server_adapter=adapter,
        messaging_endpoint=MESSAGING_ENDPOINT,
        dangerously_allow_unauthenticated_requests=False,
    )
    for part in (messages, cards, installs) if listening else ():
        part.register(app, env)
    asyncio.run(app.initialize())  # registers the endpoint with token validation; no I/O
    return TeamsApp(app, adapter)
