"""Typed words as Kept keeps them: without the characters no one can see, nor store."""

from __future__ import annotations

import re

# Control characters but the tab and the line break, and halves of a character whose other
# half is missing (JSON can carry them): none shows, and PostgreSQL refuses NUL.
_UNSEEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """The text without characters that cannot be seen or stored."""
    return _UNSEEN.sub("", text)
