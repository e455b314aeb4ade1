"""Long runs of blanks cut short before a message is read: what its two readers share."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# The widest stretch the readers look across is 24 characters (a due time's "by" before it),
# so a longer run of blanks reads the same cut to this. Their patterns' `\s*` and `\s+`, tried
# at each blank of a longer run, cost its length squared: "the", 40,000 spaces, took seconds.
MAX_BLANKS = 24
_LONG_RUN = re.compile(r"\s{" + str(MAX_BLANKS + 1) + ",}")
_HEAD, _TAIL = MAX_BLANKS // 2, MAX_BLANKS - MAX_BLANKS // 2 - 1


@dataclass(frozen=True)
class Squeezed:
    """A text with its long runs of blanks cut, and where its characters were in the text."""

    text: str
    resumes: tuple[int, ...]  # where, in `text`, the text as written resumes after a cut
    dropped: tuple[int, ...]  # how many characters were left out before each of those

    def origin(self, at: int) -> int:
        """Where position `at` of the squeezed text is in the text as written."""
        cut = bisect_right(self.resumes, at)
        return at + (self.dropped[cut - 1] if cut else 0)


def squeeze(text: str) -> Squeezed:
    """The text with every run of blanks longer than MAX_BLANKS cut to that length: its first
    and last blanks are kept (what the patterns see next to the words), and, in place of the
    middle, one of its characters, a line break if it held one (that ends a sentence)."""
    parts: list[str] = []
    resumes: list[int] = []
    dropped: list[int] = []
    length = position = 0
    for run in _LONG_RUN.finditer(text):
        blanks = run.group()
        middle = blanks[_HEAD : len(blanks) - _TAIL]
        kept = blanks[:_HEAD] + ("\n" if "\n" in middle else middle[-1]) + blanks[-_TAIL:]
        parts += [text[position : run.start()], kept]
        length += run.start() - position + _HEAD
        resumes.append(length)  # the middle's stand-in: the text as written resumes at its end
        dropped.append((dropped[-1] if dropped else 0) + len(middle) - 1)
        length += len(kept) - _HEAD
        position = run.end()
    if not parts:
        return Squeezed(text, (), ())
    parts.append(text[position:])
    return Squeezed("".join(parts), tuple(resumes), tuple(dropped))
