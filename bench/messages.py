"""How well and how fast Kept reads chat messages: promise detection, counterpart, due time.

Over the labelled set tests/data/messages.jsonl. Run from the project root:

    .venv/bin/python bench/messages.py [--data PATH] [--repeat N] [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.domain.detection import detect_promise, may_contain_promise  # noqa: E402

DATA = ROOT / "tests" / "data" / "messages.jsonl"


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    now: datetime  # aware, in the message's zone
    tz: str
    locale: str
    promise: bool
    counterpart: str | None
    due: datetime | None
    grain: str | None


def load(path: Path = DATA) -> list[Message]:
    messages = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        zone = ZoneInfo(row["tz"])
        messages.append(
            Message(
                id=row["id"],
                text=row["text"],
                now=datetime.fromisoformat(row["now"]).replace(tzinfo=zone),
                tz=row["tz"],
                locale=row["locale"],
                promise=row["promise"],
                counterpart=row["counterpart"],
                due=datetime.fromisoformat(row["due"]) if row["due"] else None,
                grain=row["grain"],
            )
        )
    return messages


def due_reader(sample: Message) -> tuple[Callable[..., Any] | None, str]:
    """`read_due_time`, or None and why, when the module is missing or broken."""
    try:
        from bot.domain.due_times import read_due_time

        read_due_time(sample.text, now=sample.now, tz=sample.tz, locale=sample.locale)
    except Exception as error:  # the module is written by someone else, maybe half-way
        return None, f"{type(error).__name__}: {error}"
    return read_due_time, ""


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "  n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DATA,
        help="labelled set, JSON lines (default: tests/data/messages.jsonl)",
    )
    parser.add_argument("--repeat", type=int, default=20, help="timing repetitions per message")
    parser.add_argument("--show-misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args()
    print("$ " + shlex.join([Path(sys.executable).name, *sys.argv]))
    print()

    data = args.data.resolve()
    messages = load(data)
    read_due_time, why = due_reader(messages[0])

    # --- detection ---
    tp = fp = fn = tn = 0
    misses: list[str] = []
    for m in messages:
        signal = detect_promise(m.text)
        said = signal.is_promise and not signal.hedged
        tp += said and m.promise
        fp += said and not m.promise
        fn += not said and m.promise
        tn += not said and not m.promise
        if said != m.promise:
            misses.append(f"  detection  {m.id}: said {said}, label {m.promise}: {m.text}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    prefilter_dropped = sum(1 for m in messages if m.promise and not may_contain_promise(m.text))
    chatter_gated = sum(1 for m in messages if not m.promise and not may_contain_promise(m.text))

    # --- counterpart (on every message, and on the promises alone) ---
    right_all = right_promises = 0
    for m in messages:
        found = detect_promise(m.text).counterpart
        right_all += found == m.counterpart
        right_promises += m.promise and found == m.counterpart
        if found != m.counterpart:
            misses.append(f"  counterpart {m.id}: said {found!r}, label {m.counterpart!r}")
    promises = sum(m.promise for m in messages)

    # --- due times ---
    due_lines: list[str] = []
    if read_due_time is None:
        due_lines.append(f"due_times unavailable ({why})")
    else:
        with_due = [m for m in messages if m.due is not None]
        without_due = [m for m in messages if m.due is None]
        right_with = right_without = right_instant = errors = 0
        for m in messages:
            try:
                got = read_due_time(m.text, now=m.now, tz=m.tz, locale=m.locale)
            except Exception as error:
                errors += 1
                misses.append(f"  due        {m.id}: raised {type(error).__name__}: {error}")
                continue
            if m.due is None:
                ok = got is None
                right_without += ok
            else:
                ok = got is not None and got.at == m.due and got.grain == m.grain
                right_with += ok
                right_instant += got is not None and got.at == m.due
            if not ok:
                answer = "None" if got is None else f"{got.at.astimezone(m.now.tzinfo)} {got.grain}"
                label = "None" if m.due is None else f"{m.due} {m.grain}"
                misses.append(f"  due        {m.id}: said {answer}, label {label}: {m.text}")
        due_lines += [
            row(
                "due: instant and grain right",
                pct(right_with, len(with_due)),
                f"{right_with}/{len(with_due)} labelled with a due",
            ),
            row(
                "due: instant right (any grain)",
                pct(right_instant, len(with_due)),
                f"{right_instant}/{len(with_due)}",
            ),
            row(
                "due: None when there is none",
                pct(right_without, len(without_due)),
                f"{right_without}/{len(without_due)} labelled without",
            ),
            row("due: exceptions", str(errors), ""),
        ]

    # --- time per message: prefilter, then detection and due reading only past the gate ---
    def pipeline(m: Message) -> None:
        if not may_contain_promise(m.text):
            return
        detect_promise(m.text)
        if read_due_time is not None:
            read_due_time(m.text, now=m.now, tz=m.tz, locale=m.locale)

    for m in messages:  # warm caches (compiled patterns, zone data) before timing
        pipeline(m)

    # Ordinary chatter: not a promise and no time in it; hard negatives are the other ones.
    def kind(m: Message) -> str:
        if m.promise:
            return "promise messages"
        return "ordinary chatter" if m.due is None else "hard negatives (with a time)"

    timings: dict[str, list[float]] = {}
    for m in messages:
        spent = timings.setdefault(kind(m), [])
        for _ in range(args.repeat):
            start = time.perf_counter_ns()
            pipeline(m)
            spent.append((time.perf_counter_ns() - start) / 1000)
    counts = {name: sum(kind(m) == name for m in messages) for name in timings}

    negatives = len(messages) - promises
    print(
        f"labelled set: {data.relative_to(ROOT) if data.is_relative_to(ROOT) else data}: "
        f"{len(messages)} messages, "
        f"{promises} promises, {negatives} not"
    )
    print()
    print(row("measure", "value", "detail"))
    print(row("-" * 34, "-" * 8, "-" * 40))
    print(row("detection precision", pct(tp, tp + fp), f"tp {tp}, fp {fp}"))
    print(row("detection recall", pct(tp, tp + fn), f"tp {tp}, fn {fn}"))
    print(row("detection accuracy", pct(tp + tn, len(messages)), f"tn {tn}"))
    print(row("prefilter dropped a promise", str(prefilter_dropped), "must be 0"))
    print(
        row(
            "prefilter gated off non-promises",
            pct(chatter_gated, negatives),
            f"{chatter_gated}/{negatives}",
        )
    )
    print(
        row(
            "counterpart right, promises",
            pct(right_promises, promises),
            f"{right_promises}/{promises}",
        )
    )
    print(
        row("counterpart right, all", pct(right_all, len(messages)), f"{right_all}/{len(messages)}")
    )
    for line in due_lines:
        print(line)
    print()
    print(
        f"time per message, µs (prefilter + detection + due reading; {args.repeat} repetitions"
        + ("" if read_due_time else "; no due reading")
        + ")"
    )
    print(row("kind", "median", "p99        messages"))
    for label in ("promise messages", "ordinary chatter", "hard negatives (with a time)"):
        values = timings.get(label, [0.0])
        print(
            row(
                label,
                f"{statistics.median(values):8.1f}",
                f"{quantile(values, 0.99):8.1f}   {counts.get(label, 0)}",
            )
        )
    print(f"\ndetection precision {precision:.3f}, recall {recall:.3f}")
    if args.show_misses and misses:
        print("\nmisses:")
        print("\n".join(misses))
    elif misses:
        print(f"\n{len(misses)} wrong answers; --show-misses lists them")


def row(name: str, value: str, detail: str) -> str:
    return f"{name:34} {value:>8}   {detail}"


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


if __name__ == "__main__":
    main()
