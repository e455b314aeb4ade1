"""Typed words as Kept keeps them: without the characters no one can see, nor store."""

from __future__ import annotations

import re

# A terminal's colour or cursor code (ESC [ 31 m): its ESC alone gone, "[31m" would show.
_TERMINAL_CODE = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]")
# Control characters but the tab and the line break; halves of a character whose other half
# is missing (JSON can carry them); the marks that reverse or isolate the direction of what
# follows ("\u202egnp.exe" shows as "exe.png"); a zero-width space, a soft hyphen, a word
# joiner and a byte-order mark ("5\u200b:30pm" reads as 5 and 30pm). None shows as itself, and
# PostgreSQL refuses NUL.
_UNSEEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200b\ufeff"
    "\u00ad\u2060-\u2064]"
)


# A zero-width joiner joins emoji ("👩‍💻"); between letters ("@r\u200daj") it only disguises.
_JOINER_IN_A_WORD = re.compile(r"(?<=\w)\u200d(?=\w)")


def printable(text: str) -> str:
    """The text without characters that cannot be seen or stored, or that disguise it."""
    return _JOINER_IN_A_WORD.sub("", _UNSEEN.sub("", _TERMINAL_CODE.sub("", text)))
