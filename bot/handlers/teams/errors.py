"""Unexpected errors in a Teams handler: logged with context, answered with an apology."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from microsoft_teams.apps import ActivityContext

from bot.handlers.teams.context import message_params
from bot.render.shared.words import APOLOGY
from bot.render.teams.kit import text_message

log = logging.getLogger(__name__)
R = TypeVar("R")
Handler = Callable[[ActivityContext[Any]], Awaitable[R]]


def apologising(answer: Callable[[str], R]) -> Callable[[Handler[R]], Handler[R]]:
    """An invoke's handler (a card click, a dialog) that, when it fails, logs why and gives
    the apology as its `answer`."""

    def wrap(handler: Handler[R]) -> Handler[R]:
        @functools.wraps(handler)
        async def handle(ctx: ActivityContext[Any]) -> R:
            try:
                return await handler(ctx)
            except Exception:
                _log_failure(ctx)
                return answer(APOLOGY)

        return handle

    return wrap


def apologising_in_chat(handler: Handler[None]) -> Handler[None]:
    """A message's or event's handler that, when it fails, logs why and apologises in the
    conversation."""

    @functools.wraps(handler)
    async def handle(ctx: ActivityContext[Any]) -> None:
        try:
            await handler(ctx)
        except Exception:
            kind = _log_failure(ctx)
            try:
                await ctx.send(message_params(text_message(APOLOGY)))
            except Exception:  # best effort: the failure is logged already
                log.warning("could not send the apology for a failed Teams %s", kind)

    return handle


def _log_failure(ctx: ActivityContext[Any]) -> str:
    activity = ctx.activity
    kind = str(getattr(activity, "name", None) or activity.type)
    log.exception("Teams %s %s failed", kind, activity.id)
    return kind
