"""What an incoming Teams activity says, as plain values: who, where, and the words typed."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from microsoft_teams.api.models import Account, ClientInfoEntity, MentionEntity

from bot.domain.people import Place
from bot.domain.people import handle as handle_of
from bot.domain.printable import printable

PLATFORM = "teams"
# The commands Kept knows in Teams, typed as the first word (a leading "/" is forgiven).
TOPICS = ("promise", "kudos", "digest", "help")
_AT = re.compile(r"<at>(.*?)</at>", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Speaker:
    """The person an activity is from. Kept knows Teams people by their AAD object id."""

    user_id: str  # AAD object id
    member_id: str  # the "29:…" id Teams uses in the conversation
    name: str | None  # None on some events (a member added): the stored name stays
    timezone: str | None  # IANA, from the Teams client
    locale: str | None
    is_bot: bool = False


@dataclass(frozen=True)
class Mentioned:
    member_id: str
    name: str
    user_id: str | None  # the AAD object id, when Teams gave it or the member list told it
    is_bot: bool


@dataclass(frozen=True)
class Incoming:
    speaker: Speaker
    tenant_id: str
    place: Place  # where the activity came from: replies and later messages go there
    text: str  # the words typed, the bot's mention taken out, others as @handles
    mentions_bot: bool
    mentions: dict[str, Mentioned] = field(default_factory=dict)  # by @handle, lower-case

    @property
    def personal(self) -> bool:
        return self.place.scope == "personal"


def read(activity: Any, bot_id: str) -> Incoming:
    """The plain values of a message, card click or dialog: Teams' activity model in, ours out."""
    sender: Account = activity.from_
    tenant_id = _tenant(activity)
    conversation = activity.conversation
    conversation_id = str(conversation.id)
    scope = str(conversation.conversation_type or _scope(conversation_id))
    speaker = Speaker(
        user_id=sender.aad_object_id or sender.id,
        member_id=sender.id,
        name=sender.name or None,
        timezone=_client_info(activity, "timezone") or _extra(activity, "localTimezone"),
        locale=_client_info(activity, "locale") or activity.locale,
        is_bot=sender.id.startswith("28:") or str(sender.role or "") == "bot",
    )
    place = Place(
        PLATFORM,
        tenant_id,
        speaker.user_id if scope == "personal" else channel_of(conversation_id),
        scope,
        conversation_id if scope == "personal" else channel_of(conversation_id),
        str(activity.service_url or ""),
    )
    text, mentions_bot, mentions = _words(activity, bot_id)
    return Incoming(speaker, tenant_id, place, text, mentions_bot, mentions)


def _scope(conversation_id: str) -> str:
    """The kind of conversation, by its id, for the rare activity that does not say."""
    if conversation_id.startswith("a:"):
        return "personal"
    channel = "@thread.tacv2" in conversation_id or "@thread.skype" in conversation_id
    return "channel" if channel else "groupChat"


def channel_of(conversation_id: str) -> str:
    """A channel's own id, without the thread a message was posted in (";messageid=…")."""
    return conversation_id.split(";", 1)[0]


def split_command(text: str) -> tuple[str | None, str]:
    """("promise", "send the deck…") when the words start with a command; (None, text) if not."""
    first, _, rest = text.strip().partition(" ")
    word = first.lstrip("/").lower()
    return (word, rest.strip()) if word in TOPICS else (None, text.strip())


def _words(activity: Any, bot_id: str) -> tuple[str, bool, dict[str, Mentioned]]:
    """The text with the bot's <at> mention dropped and each other mention as an @handle."""
    by_text: dict[str, Mentioned] = {}
    mentions_bot = False
    for entity in activity.entities or []:
        if not isinstance(entity, MentionEntity):
            continue
        account = entity.mentioned
        if account.id == bot_id:
            mentions_bot = True
        tag = entity.text or f"<at>{account.name}</at>"
        by_text[tag.lower()] = Mentioned(
            member_id=account.id,
            name=account.name or "someone",
            user_id=account.aad_object_id,
            is_bot=account.id == bot_id or account.id.startswith("28:"),
        )
    handles: dict[str, Mentioned] = {}

    def replace(match: re.Match[str]) -> str:
        mentioned = by_text.get(match.group(0).lower())
        if mentioned is None:
            return match.group(1)
        if mentioned.member_id == bot_id:
            return ""
        handle = _handle(mentioned.name, handles)
        handles[handle.lower()] = mentioned
        return handle

    text = _AT.sub(replace, getattr(activity, "text", None) or "")
    return " ".join(printable(_unescaped(text)).split()), mentions_bot, handles


# What Teams escapes in a message's text ("<at>Kept</at>&nbsp;promise …", "&amp;"): named
# entities of this list, or numeric ones, each ending with ";". Not HTML's whole list, which
# reads "sales&registration" as "sales®istration".
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});")


def _unescaped(text: str) -> str:
    return _ENTITY.sub(lambda entity: html.unescape(entity.group()), text)


def _handle(name: str, taken: dict[str, Mentioned]) -> str:
    """The name's handle (@Ana.López), made unique among the message's mentions."""
    base = handle_of(name)
    handle, n = base, 2
    while handle.lower() in taken:
        handle, n = f"{base}{n}", n + 1
    return handle


def _tenant(activity: Any) -> str:
    data = activity.channel_data
    if data is not None and data.tenant is not None and data.tenant.id:
        return str(data.tenant.id)
    return str(activity.conversation.tenant_id or "")


def _client_info(activity: Any, name: str) -> str | None:
    for entity in activity.entities or []:
        if isinstance(entity, ClientInfoEntity):
            value = getattr(entity, name, None)
            if value:
                return str(value)
    return None


def _extra(activity: Any, name: str) -> str | None:
    value = (activity.model_extra or {}).get(name)
    return str(value) if value else None
