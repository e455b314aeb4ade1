"""Words of Kept's that belong to no one feature."""

from __future__ import annotations

from bot.render.shared.promises import readable
from bot.services.outbox import Kind, Unreachable

# After an unexpected error: logged with its context; the person gets this, never a trace.
APOLOGY = (
    "Sorry, something went wrong on my side, so I can't say whether that was done."
    " Check before you try again."
)


def unreachable_text(word: Unreachable, who: str) -> str:
    """ "I couldn't tell Ana about your promise: “send the deck”."; `who` as the platform
    writes the addressee's name."""
    told = {
        Kind.PROMISE_NEWS: "about your promise",
        Kind.TEAM_INVITE: "that you asked them onto your team",
    }.get(word.cause, "about your kudos")
    about = f": “{readable(word.about, word.who)}”" if word.about else ""
    return f"I couldn't tell {who} {told}{about}."


def shorter(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word with "…" when longer."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
