"""What every use case needs, handed in by the composition root."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.domain.due_times import ReadingRules
from bot.settings import Settings
from bot.store.db import Database


@dataclass
class Env:
    settings: Settings
    clock: Clock
    db: Database
    rules: ReadingRules  # how due times are read: working days, holidays, what "EOD" means
