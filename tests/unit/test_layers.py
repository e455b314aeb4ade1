"""What import-linter can't see: handlers open no transaction, and no one reads the clock but
the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).parents[2] / "bot"


def calls_of(path: Path, name: str) -> list[int]:
    """The lines where `path` calls something named `name` (as `x.name(...)` or `name(...)`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            (isinstance(node.func, ast.Attribute) and node.func.attr == name)
            or (isinstance(node.func, ast.Name) and node.func.id == name)
        )
    ]


@pytest.mark.parametrize(
    "path", sorted((BOT / "handlers").rglob("*.py")), ids=lambda p: str(p.relative_to(BOT))
)
def test_a_handler_opens_no_transaction(path: Path) -> None:
    assert calls_of(path, "unit_of_work") == []


def test_only_the_clock_asks_the_system_for_the_time() -> None:
    asking = {
        f"{path.relative_to(BOT)}:{line}"
        for path in BOT.rglob("*.py")
        if path.name != "clock.py"
        for name in ("now", "utcnow", "today")
        for line in calls_of(path, name)
        if "datetime." + name in path.read_text(encoding="utf-8").splitlines()[line - 1]
    }
    assert asking == set()
