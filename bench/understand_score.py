"""How well `python -m bot understand` reads a labelled set, scored as the maintainers score it:
through the command's JSON-lines contract, not the reader's functions.

Run from the project root:

    .venv/bin/python bench/understand_score.py [--show-misses] SET.jsonl [SET.jsonl ...]

Each set is JSON lines in the conventions of tests/data/messages.jsonl. Measures, per set:
- detection precision and recall (`promise`, against the label);
- counterpart right, on the labelled promises;
- due at grain: on the labelled promises with a due, the instant and the grain both right;
- silently wrong: of the labelled promises, those read with a due time that is not theirs
  (a wrong date given, where a question would have been right).
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Score:
    promises: int = 0
    said_promise: int = 0
    true_positives: int = 0
    counterpart_right: int = 0
    with_due: int = 0
    due_right: int = 0
    silently_wrong: int = 0

    def lines(self) -> list[str]:
        precision = _ratio(self.true_positives, self.said_promise)
        recall = _ratio(self.true_positives, self.promises)
        return [
            f"detection precision  {precision}  ({self.true_positives}/{self.said_promise})",
            f"detection recall     {recall}  ({self.true_positives}/{self.promises})",
            f"counterpart          {_ratio(self.counterpart_right, self.promises)}"
            f"  ({self.counterpart_right}/{self.promises} promises)",
            f"due at grain         {_ratio(self.due_right, self.with_due)}"
            f"  ({self.due_right}/{self.with_due} promises with a due)",
            f"silently wrong       {_ratio(self.silently_wrong, self.promises)}"
            f"  ({self.silently_wrong}/{self.promises} promises)",
        ]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  n/a"


def read_all(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every row through one `understand` process, a line in and a line out each."""
    lines = "".join(
        json.dumps({key: row[key] for key in ("text", "tz", "now", "locale") if key in row}) + "\n"
        for row in rows
    )
    done = subprocess.run(
        [sys.executable, "-m", "bot", "understand"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    answers = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    if len(answers) != len(rows):
        raise SystemExit(f"understand answered {len(answers)} lines for {len(rows)}")
    return answers


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def score(rows: list[dict[str, Any]], answers: list[dict[str, Any]], misses: list[str]) -> Score:
    result = Score()
    for row, answer in zip(rows, answers, strict=True):
        label_due, said_due = _instant(row["due"]), _instant(answer["due"])
        result.said_promise += bool(answer["promise"])
        wrong: list[str] = []
        if bool(answer["promise"]) != row["promise"]:
            wrong.append(f"promise {answer['promise']}")
        if row["promise"]:
            result.promises += 1
            result.true_positives += bool(answer["promise"])
            if answer["counterpart"] == row["counterpart"]:
                result.counterpart_right += 1
            else:
                wrong.append(f"counterpart {answer['counterpart']!r} not {row['counterpart']!r}")
            if said_due is not None and said_due != label_due:
                result.silently_wrong += 1
            if label_due is not None:
                result.with_due += 1
                if said_due == label_due and answer["grain"] == row["grain"]:
                    result.due_right += 1
                else:
                    wrong.append(
                        f"due {answer['due']} {answer['grain']} not {row['due']} {row['grain']}"
                    )
        if wrong:
            misses.append(f"  {row['id']}: {'; '.join(wrong)}: {row['text'][:120]}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+", type=Path, help="labelled sets, JSON lines")
    parser.add_argument("--show-misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    print("$ " + shlex.join([Path(sys.executable).name, *sys.argv]))
    for path in args.sets:
        rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        misses: list[str] = []
        result = score(rows, read_all(rows), misses)
        print(f"\n{path.name}: {len(rows)} messages, {result.promises} promises")
        print("\n".join(f"  {line}" for line in result.lines()))
        if args.show_misses:
            print("\n".join(misses))


if __name__ == "__main__":
    main()
