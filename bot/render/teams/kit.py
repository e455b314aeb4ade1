"""Adaptive Card building blocks every Teams renderer uses, and the message they make."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from typing import Any

from microsoft_teams.api.activities.message import MessageActivityInput
from microsoft_teams.api.models.attachment import Attachment
from microsoft_teams.cards import (
    Action,
    ActionSet,
    ActionStyle,
    AdaptiveCard,
    CardElement,
    ExecuteAction,
    Fact,
    FactSet,
    SubmitAction,
    TaskFetchSubmitActionData,
    TextBlock,
)

from bot.render.shared.help import typed
from bot.render.teams.ids import LIST, CardVerb, DialogId, Field

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
# Teams refuses a message (card, text and images together) of more than about 28 KB.
MAX_MESSAGE_BYTES = 28_000
_CODE = re.compile(r"`([^`]*)`")


@dataclass(frozen=True)
class TeamsMessage:
    """A message to send to Teams: `text` is the plain summary (the notification and what a
    card-less client shows), `card` what people read and press."""

    text: str
    card: AdaptiveCard | None = None
    image_png: bytes | None = None  # the digest chart
    image_name: str = ""

    def activity(self) -> dict[str, Any]:
        """The Bot Framework message activity as JSON.

        With a card, the summary goes in `summary`, not `text`: Teams shows an activity's text
        as a message of its own before the card, so the words would show twice, and the card's
        message could no longer be updated by the id Teams answers with.
        """
        attachments: list[Attachment] = []
        if self.card is not None:
            attachments.append(Attachment.model_validate(adaptive_card_attachment(self.card)))
        if self.image_png is not None:
            encoded = base64.b64encode(self.image_png).decode("ascii")
            attachments.append(
                Attachment(
                    content_type="image/png",
                    content_url=f"data:image/png;base64,{encoded}",
                    name=self.image_name or "chart.png",
                )
            )
        activity = MessageActivityInput(
            text=self.text if self.card is None else None, attachments=attachments or None
        )
        dumped: dict[str, Any] = activity.model_dump(mode="json", by_alias=True, exclude_none=True)
        if self.card is not None:
            dumped["summary"] = self.text  # the input model has no field for it
        return dumped


def adaptive_card_attachment(card: AdaptiveCard) -> dict[str, Any]:
    """A card as an activity's (or a dialog's) attachment."""
    return {"contentType": ADAPTIVE_CARD, "content": card_json(card)}


def card_json(card: AdaptiveCard) -> dict[str, Any]:
    """A card's JSON; keys whose value is None are left out (a form's `counterpart` too)."""
    dumped: dict[str, Any] = _whole(card.model_dump(mode="json", by_alias=True, exclude_none=True))
    return dumped


def _whole(value: Any) -> Any:
    """The card models type every number a float: `maxLength: 1000`, not `1000.0`."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole(item) for item in value]
    return value


def message(text: str, body: list[CardElement]) -> TeamsMessage:
    """A card message; `text` is also the card's fallback for clients that can't show it."""
    plain_text = plain(text)
    return TeamsMessage(plain_text, AdaptiveCard(body=body, fallback_text=plain_text))


def text_message(text: str) -> TeamsMessage:
    """Words alone, no card: a click's answer that must leave its card as it was."""
    return TeamsMessage(plain(text))


def markdown(text: str) -> str:
    """Kept's words for a card's text: commands typed the Teams way (`promise list`, no
    slash), and code in bold, since a card's markdown has no code."""
    return _CODE.sub(r"**\1**", typed(text, ""))


def plain(text: str) -> str:
    """Kept's words as plain text (a summary, a toast): commands typed the Teams way, code
    quoted."""
    return _CODE.sub(r"“\1”", typed(text, ""))


def block(text: str, **style: Any) -> TextBlock:
    """A paragraph of a card, in markdown."""
    return TextBlock(text=markdown(text), wrap=True, **style)


def heading(text: str) -> TextBlock:
    return block(text, style="heading", weight="Bolder")


def note(text: str) -> TextBlock:
    """A quieter line: what happened on the way, or where to go next."""
    return block(text, is_subtle=True, size="Small", spacing="Small")


def facts(rows: list[tuple[str, str]]) -> FactSet:
    return FactSet(facts=[Fact(title=title, value=markdown(value)) for title, value in rows])


def buttons(*actions: Action) -> ActionSet:
    return ActionSet(actions=list(actions))


def execute(
    title: str, verb: CardVerb, data: dict[str, Any], *, style: ActionStyle | None = None
) -> Action:
    """A button that runs `verb` as the person who pressed it; the answer replaces the card."""
    return ExecuteAction(title=title, verb=verb.value, data=data, style=style)


def promise_button(
    title: str,
    verb: CardVerb,
    promise_id: int,
    *,
    style: ActionStyle | None = None,
    on_list: bool = False,
) -> Action:
    """A button that changes a promise; `on_list` when it sits on the list (the list, not the
    promise alone, is what the card turns into)."""
    return execute(title, verb, _promise_data(promise_id, on_list), style=style)


def more_time_button(
    promise_id: int, title: str = "Need more time", *, on_list: bool = False
) -> Action:
    """Opens the "Need more time" dialog (a task/fetch) for the promise."""
    teams_part = TaskFetchSubmitActionData().model_dump(mode="json", exclude_none=True)
    data = {"msteams": teams_part, "dialog": DialogId.MORE_TIME.value}
    return SubmitAction(title=title, data=data | _promise_data(promise_id, on_list))


def _promise_data(promise_id: int, on_list: bool) -> dict[str, Any]:
    return {"promise": promise_id, **({Field.FROM.value: LIST} if on_list else {})}
