"""The week's CSV opens safely in a spreadsheet: what people typed never runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from bot.render.shared.digest_csv import HEADER, csv_text
from bot.services.replies.digest import DigestCsv, DigestRow

DUE = datetime(2026, 11, 13, 17, 0, tzinfo=UTC)


def table(what: str, owner: str = "ana", customer: str | None = None) -> DigestCsv:
    row = DigestRow(7, owner, what, None, customer, DUE, DUE, "open", None, "open", False, None)
    return DigestCsv("ana", "2026-W46", "Europe/Lisbon", (row,))


def cells(table: DigestCsv) -> dict[str, str]:
    [header, row] = list(csv.reader(io.StringIO(csv_text(table), newline="")))
    assert tuple(header) == HEADER
    return dict(zip(header, row, strict=True))


@pytest.mark.parametrize(
    "typed",
    [
        '=HYPERLINK("http://evil.example","open")',
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "=1\n",
        "\n=Acme",  # spreadsheets trim blanks on import, then run what follows
        "  +1",
    ],
)
def test_a_cell_someone_typed_that_a_spreadsheet_would_run_is_neutralised(typed: str) -> None:
    shown = cells(table(typed, owner=typed, customer=typed))

    for column in ("what", "owner", "customer"):
        assert shown[column] == "'" + typed, column


def test_ordinary_words_and_kepts_own_values_are_left_as_they_are() -> None:
    shown = cells(table("send the Q3 deck - final", customer="Acme"))

    assert (shown["what"], shown["customer"], shown["promise"]) == (
        "send the Q3 deck - final",
        "Acme",
        "7",
    )
    assert shown["due"] == "2026-11-13T17:00+00:00"
