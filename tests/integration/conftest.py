"""What the service stories share: Kept on the test's database, with the shipped settings or
with some of them changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.bootstrap import Kept, build
from bot.clock import FixedClock
from bot.settings import Settings, load_settings

KeptWith = Callable[[str], Kept]


@pytest.fixture
def kept(settings: Settings, clock: FixedClock) -> Iterator[Kept]:
    env = build(settings, clock)
    yield env
    env.db.dispose()


@pytest.fixture
def kept_with(tmp_path: Path, database_url: str, clock: FixedClock) -> Iterator[KeptWith]:
    """`kept_with('[kudos]\\nchannel = "C0KUDOS"')`: Kept whose settings file says only that
    (every other key its default), on the test's database and clock."""
    built: list[Kept] = []

    def kept_with_settings(toml: str) -> Kept:
        path = tmp_path / f"kept-{len(built)}.toml"
        path.write_text(toml, "utf-8")
        settings = load_settings({"KEPT_CONFIG": str(path), "DATABASE_URL": database_url})
        built.append(build(settings, clock))
        return built[-1]

    yield kept_with_settings
    for env in built:
        env.db.dispose()
