"""How the shell's text is laid out: a line, and under it, indented, what follows from it."""

from __future__ import annotations

INDENT = "  "


def then(text: str, *more: str) -> str:
    """`text`, and each of `more` on a line of its own, indented under it."""
    return "\n".join([text, *(INDENT + line for line in more)])


def for_example(text: str, example: str | None) -> str:
    """A refusal or a question, with an example of what would work under it."""
    return then(text, f"For example: {example}") if example else text
