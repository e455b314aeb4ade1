"""Block Kit building blocks every Slack renderer uses, as the plain dicts Slack's API takes.

Plain dicts rather than slack_sdk's models, whose `to_dict()` validates by reflection and took
half the time of an App Home. The checks those models made are kept: a builder given more than
Slack takes raises slack_sdk's SlackObjectFormationError, as they did; only the text of a
section, a context or a header is cut to fit instead. An optional field left empty (None or "")
is left out, as those models left it.
"""

from __future__ import annotations

from collections.abc import Sized
from datetime import datetime
from typing import Any, Literal, TypeVar

from slack_sdk.errors import SlackObjectFormationError

from bot.render.shared.times import when
from bot.render.shared.words import shorter

# Slack shows at most this many characters of a section's or a context's text: whatever Kept
# writes there (a refusal may repeat what was typed) is cut to fit, here and nowhere else.
MAX_TEXT = 3000
MAX_HEADER = 150  # and a header's, cut the same way
# Slack's other limits (docs.slack.dev/reference/block-kit), in characters unless told.
MAX_ID = 255  # an action_id, block_id or callback_id
MAX_BUTTON_TEXT = 75  # a button's, or a menu option's, label
MAX_BUTTON_VALUE = 2000
MAX_OPTION_VALUE = 150
MAX_ACTIONS = 25  # elements in an actions block
MAX_MENU = 5  # options in an overflow menu
MAX_LABEL = 2000  # an input's label
MAX_PLACEHOLDER = 150
MAX_CONFIRM_TITLE, MAX_CONFIRM_TEXT, MAX_CONFIRM_BUTTON = 100, 300, 30
MAX_VIEW_TITLE = 24  # a modal's title, and its submit and close buttons
MAX_VIEW_BLOCKS = 100
MAX_METADATA = 3000  # a view's private_metadata

Block = dict[str, Any]
Message = dict[str, Any]
Style = Literal["primary", "danger"]
S = TypeVar("S", bound=Sized)


def _fits(value: S, most: int, what: str, least: int = 0) -> S:
    """`value`, when Slack takes it: `least` to `most` long."""
    if len(value) > most:
        raise SlackObjectFormationError(f"{what} cannot exceed {most}, not {len(value)}")
    if len(value) < least:
        raise SlackObjectFormationError(f"{what} must be at least {least}, not {len(value)}")
    return value


def date_token(at: datetime, zone: str, said: datetime | None = None) -> str:
    """A Slack date token: each reader sees it in their own zone (Slack's short date has its
    year); the fallback is `zone`'s, with its year outside the year it was `said` in."""
    fallback = when(at, zone, said=said)
    return f"<!date^{int(at.timestamp())}^{{date_short_pretty}}, {{time}}|{fallback}>"


# --- text objects ----------------------------------------------------------------------------
def plain(text: str) -> Block:
    """Plain text, with emoji codes shown as emoji."""
    return {"type": "plain_text", "text": text, "emoji": True}


def mrkdwn(text: str) -> Block:
    return {"type": "mrkdwn", "text": text}


# --- blocks ----------------------------------------------------------------------------------
def section(markdown: str, accessory: Block | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(shorter(markdown, MAX_TEXT))}
    if accessory:
        block["accessory"] = accessory
    return block


def context(markdown: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(shorter(markdown, MAX_TEXT))]}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text[:MAX_HEADER])}


def divider() -> Block:
    return {"type": "divider"}


def actions(elements: list[Block], block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": _fits(elements, MAX_ACTIONS, "actions")}
    if block_id:
        block["block_id"] = _fits(block_id, MAX_ID, "block_id")
    return block


def input_block(block_id: str, label: str, element: Block, *, optional: bool = False) -> Block:
    """A form's field: `element` (a text input, a picker) under its `label`."""
    block: Block = {
        "type": "input",
        "block_id": _fits(block_id, MAX_ID, "block_id"),
        "label": plain(_fits(label, MAX_LABEL, "label")),
        "element": element,
    }
    if optional:
        block["optional"] = True
    return block


# --- elements --------------------------------------------------------------------------------
def button(
    label: str,
    action_id: str,
    value: str,
    *,
    style: Style | None = None,
    confirm: Block | None = None,
) -> Block:
    element: Block = {
        "type": "button",
        "text": plain(_fits(label, MAX_BUTTON_TEXT, "button text")),
        "action_id": _fits(action_id, MAX_ID, "action_id"),
        "value": _fits(value, MAX_BUTTON_VALUE, "button value"),
    }
    if style:
        element["style"] = style
    if confirm:
        element["confirm"] = confirm
    return element


def confirmation(title: str, text: str, yes: str, no: str) -> Block:
    """The "are you sure?" dialog a button opens before it acts."""
    return {
        "title": plain(_fits(title, MAX_CONFIRM_TITLE, "confirm title")),
        "text": mrkdwn(_fits(text, MAX_CONFIRM_TEXT, "confirm text")),
        "confirm": plain(_fits(yes, MAX_CONFIRM_BUTTON, "confirm button")),
        "deny": plain(_fits(no, MAX_CONFIRM_BUTTON, "deny button")),
    }


def overflow(action_id: str, options: list[tuple[str, str]]) -> Block:
    """An overflow menu ("…") of (label, value) options."""
    return {
        "type": "overflow",
        "action_id": _fits(action_id, MAX_ID, "action_id"),
        "options": _fits([_option(*option) for option in options], MAX_MENU, "options", 1),
    }


def _option(label: str, value: str) -> Block:
    return {
        "text": plain(_fits(label, MAX_BUTTON_TEXT, "option text")),
        "value": _fits(value, MAX_OPTION_VALUE, "option value"),
    }


def text_input(
    action_id: str,
    placeholder: str,
    *,
    max_length: int,
    initial_value: str | None = None,
    multiline: bool = False,
) -> Block:
    element: Block = {
        "type": "plain_text_input",
        "action_id": _fits(action_id, MAX_ID, "action_id"),
        "placeholder": plain(_fits(placeholder, MAX_PLACEHOLDER, "placeholder")),
        "max_length": max_length,
    }
    if initial_value:
        element["initial_value"] = initial_value
    if multiline:
        element["multiline"] = True
    return element


def user_select(action_id: str, initial_user: str | None = None) -> Block:
    element: Block = {"type": "users_select", "action_id": _fits(action_id, MAX_ID, "action_id")}
    if initial_user:
        element["initial_user"] = initial_user
    return element


def datetime_picker(action_id: str, initial_date_time: int | None = None) -> Block:
    """A date and time picker, at `initial_date_time` (epoch seconds) when given."""
    element: Block = {"type": "datetimepicker", "action_id": _fits(action_id, MAX_ID, "action_id")}
    if initial_date_time is not None:
        element["initial_date_time"] = initial_date_time
    return element


# --- messages and views ----------------------------------------------------------------------
def message(text: str, blocks: list[Block]) -> Message:
    """A message: `text` is the notification and screen-reader fallback of its `blocks`."""
    return {"text": text, "blocks": blocks}


def refusal(reason: str, example: str | None = None) -> Message:
    """Why nothing was done, and an example of what would work."""
    blocks = [section(reason)]
    if example:
        blocks.append(context(f"For example: `{example}`"))
    return message(reason, blocks)


def home_tab(blocks: list[Block]) -> dict[str, Any]:
    return {"type": "home", "blocks": _fits(blocks, MAX_VIEW_BLOCKS, "blocks", 1)}


def modal(
    *,
    callback_id: str,
    title: str,
    submit: str,
    close: str,
    private_metadata: str,
    blocks: list[Block],
) -> dict[str, Any]:
    """A form; `private_metadata` comes back with what is submitted."""
    return {
        "type": "modal",
        "callback_id": _fits(callback_id, MAX_ID, "callback_id"),
        "title": plain(_fits(title, MAX_VIEW_TITLE, "title", 1)),
        "submit": plain(_fits(submit, MAX_VIEW_TITLE, "submit")),
        "close": plain(_fits(close, MAX_VIEW_TITLE, "close")),
        "private_metadata": _fits(private_metadata, MAX_METADATA, "private_metadata"),
        "blocks": _fits(blocks, MAX_VIEW_BLOCKS, "blocks", 1),
    }
