"""What the benchmarks share: a PostgreSQL connection, and the lines that say what ran where."""

from __future__ import annotations

import os
import subprocess
from importlib.metadata import version as installed
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
# The PostgreSQL server the benchmarks make their databases on: the tests' one.
SERVER = os.environ.get(
    "KEPT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def connect(url: str) -> psycopg.Connection[Any]:
    """A plain psycopg connection (autocommit) to the database of a SQLAlchemy URL."""
    parsed = make_url(url)
    return psycopg.connect(
        host=parsed.host or "127.0.0.1",
        port=parsed.port or 5432,
        user=parsed.username or "postgres",
        password=parsed.password,
        dbname=parsed.database,
        autocommit=True,
    )


def code() -> str:
    """The commit measured, and whether the working tree differs from it under bot/."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return ""

    commit = git("log", "-1", "--format=%h %s")
    if not commit:
        return "not a git checkout"
    count = len(git("status", "--porcelain", "--", "bot").splitlines())
    return commit + (f" + {count} uncommitted changes under bot/" if count else "")


def relative(path: str) -> str:
    """The interpreter as typed from the project root (.venv/bin/python), else as it is."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path


def version(package: str) -> str:
    return installed(package)
