"""The week's promises as CSV, for a spreadsheet: times in the manager's zone, ISO 8601."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.services.replies.digest import DigestCsv

HEADER = (
    "promise",
    "owner",
    "what",
    "counterpart",
    "customer",
    "first_due",
    "due",
    "status",
    "closed",
    "outcome",
    "customer_warned_early",
    "delay_hours",
)


# A cell beginning with one of these is run as a formula by spreadsheets (OWASP, CSV injection),
# also after blanks a spreadsheet trims on import ("\n=cmd").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TRIMMED = " \t\r\n"


def typed(cell: str) -> str:
    """A cell a person typed, as text a spreadsheet shows and never runs."""
    runs = cell.startswith(FORMULA_STARTS) or cell.lstrip(_TRIMMED).startswith(FORMULA_STARTS)
    return "'" + cell if runs else cell


def csv_text(table: DigestCsv) -> str:
    zone = ZoneInfo(table.zone)

    def local(at: datetime | None) -> str:
        return at.astimezone(zone).isoformat(timespec="minutes") if at else ""

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180; a CR in a cell is quoted too
    writer.writerow(HEADER)
    for row in table.rows:
        writer.writerow(
            (
                row.promise_id,
                typed(row.owner),
                typed(row.what),
                typed(row.counterpart or ""),
                typed(row.customer or ""),
                local(row.first_due_at),
                local(row.due_at),
                row.status,
                local(row.closed_at),
                row.outcome,
                "yes" if row.warned else "no",
                "" if row.delay_seconds is None else f"{row.delay_seconds / 3600:.2f}",
            )
        )
    return out.getvalue()


def csv_name(table: DigestCsv) -> str:
    return f"kept-{table.team}-{table.week}.csv".replace(" ", "-")
