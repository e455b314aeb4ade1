"""Running `python -m bot` as a person or an operator would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RunBot = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_bot(tmp_path: Path) -> RunBot:
    """`run_bot("shell", "--as", "ana", stdin="...", DATABASE_URL=...)`: the finished process."""

    def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KEPT_"))}
        clean.update({"KEPT_CONFIG": str(ROOT / "config/kept.toml"), **env})
        return subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**clean, "PYTHONPATH": str(ROOT)},
            timeout=60,
        )

    return run
