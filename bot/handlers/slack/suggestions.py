"""The "Track this?" Kept shows a promise's author, sealed: what its buttons carry comes back
as a click, user input, and is Kept's only when its seal says Kept wrote it for the clicker.
It carries the message the promise was read in, so that one message tracks one promise."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, get_args

from bot.domain.due_times import Grain
from bot.handlers.slack.sealed import seal, unseal
from bot.render.shared.words import shorter
from bot.render.slack.promises import suggestion_fields, suggestion_prompt
from bot.services.replies.promises import Draft, Suggestion

GRAINS = frozenset(get_args(Grain))
MESSAGE = "message"  # the message a suggestion was read in, "channel/ts"


def prompt(
    offer: Suggestion,
    author: str,
    message: str | None,
    key: bytes,
    *,
    asked_by: str | None = None,
) -> dict[str, Any]:
    """The prompt for `author`, read in `message`; `asked_by` someone else, when they asked."""
    value = seal({**suggestion_fields(offer), MESSAGE: message}, author, key)
    # "Not mine" tells the one who asked, and no one else; the words cut to fit a button.
    asked = {"asked_by": asked_by, "what": shorter(offer.what, 200), MESSAGE: message}
    not_mine = seal(asked, author, key) if asked_by else ""
    return suggestion_prompt(offer, value=value, asked_by=asked_by, not_mine=not_mine)


def offer_of(value: object, clicker: str, key: bytes) -> tuple[Draft, str | None] | None:
    """The suggestion a Track or Edit button carries, and the message it was read in; None
    when it is not one Kept sealed for the clicker."""
    data = unseal(str(value), clicker, key)
    if data is None:
        return None
    try:
        due = datetime.fromtimestamp(int(data["due"]), UTC)
        counterpart, customer = data.get("counterpart"), data.get("customer")
        fields = (data["what"], counterpart or "", customer or "", data["grain"])
        if not all(isinstance(field, str) for field in fields) or data["grain"] not in GRAINS:
            return None
    except (ValueError, KeyError, TypeError, OverflowError):
        return None
    message = data.get(MESSAGE)
    also = data.get("also") or []
    if not isinstance(also, list) or not all(isinstance(ref, str) for ref in also):
        return None
    draft = Draft(
        data["what"], counterpart or None, customer or None, due, "", data["grain"], tuple(also)
    )
    return draft, message if isinstance(message, str) else None


def not_mine_of(value: object, author: str, key: bytes) -> tuple[str, str, str | None] | None:
    """Who asked `author` to track a promise, its words, and the message it was read in;
    None when not sealed for them."""
    asked = unseal(str(value), author, key)
    if asked is None or not isinstance(asked.get("asked_by"), str):
        return None
    message = asked.get(MESSAGE)
    return (
        asked["asked_by"],
        str(asked.get("what", "")),
        message if isinstance(message, str) else None,
    )
