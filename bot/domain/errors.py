"""Domain errors: refusals a person can read, each with what to do next."""

from __future__ import annotations


class KeptError(Exception):
    """A request the rules refuse; `str(error)` is shown to the person.

    `example` shows a request that works; `field` names the part of a form that is wrong
    ("what", "due", "counterpart"), so a form can point at it.
    """

    def __init__(self, message: str, example: str | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.example = example
        self.field = field
