"""A message for tests that need one in the outbox, whatever it says."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.outbox import PromiseNews

NEWS = PromiseNews(
    news="made",
    promise_id=1,
    by="raj",
    by_ref="U00000RAJ",
    what="send the Q3 deck",
    due=datetime(2026, 11, 27, 9, 30, tzinfo=UTC),
    zone="America/New_York",
    note="",
)
