"""Slack workspaces that installed Kept (OAuth): slack_sdk's own SQLAlchemy stores, on Kept's
database. Their tables are slack_sdk's, declared on Kept's metadata so that the migrations make
them and the schema test holds them to slack_sdk's definition. (Not in `models`, which would
bring slack_sdk into every layer that reads a table.)"""

from __future__ import annotations

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, select

from bot.store.db import READ_ONLY
from bot.store.models import Base, SlackOrgTeam

INSTALLATIONS = SQLAlchemyInstallationStore.build_installations_table(
    Base.metadata, SQLAlchemyInstallationStore.default_installations_table_name
)
BOTS = SQLAlchemyInstallationStore.build_bots_table(
    Base.metadata, SQLAlchemyInstallationStore.default_bots_table_name
)
STATES = SQLAlchemyOAuthStateStore.build_oauth_states_table(
    Base.metadata, SQLAlchemyOAuthStateStore.default_table_name
)
# How long an install started at /slack/install may take to come back from Slack.
STATE_LIFETIME_SECONDS = 600


def installation_store(engine: Engine, client_id: str) -> SQLAlchemyInstallationStore:
    return SQLAlchemyInstallationStore(client_id=client_id, engine=engine)


def state_store(engine: Engine) -> SQLAlchemyOAuthStateStore:
    return SQLAlchemyOAuthStateStore(expiration_seconds=STATE_LIFETIME_SECONDS, engine=engine)


def bot_token(engine: Engine, client_id: str, team_id: str) -> str | None:
    """The newest bot token for a workspace: its own install's (on its own, or in an Enterprise
    Grid org), else the org-wide install's of the org it is in; None when none is kept (never
    installed, or uninstalled since)."""
    own = BOTS.c.team_id == team_id
    org_wide = BOTS.c.is_enterprise_install.is_(True) & BOTS.c.enterprise_id.in_(
        select(SlackOrgTeam.enterprise_id).where(SlackOrgTeam.team_id == team_id)
    )
    newest = (
        select(BOTS.c.bot_token)
        .where(BOTS.c.client_id == client_id, BOTS.c.bot_token.is_not(None), own | org_wide)
        .order_by(own.desc(), BOTS.c.installed_at.desc(), BOTS.c.id.desc())
        .limit(1)
    )
    with engine.connect().execution_options(**READ_ONLY) as connection:
        return connection.scalar(newest)
