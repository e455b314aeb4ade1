"""Nudges in Slack: the reminder and the buttons that answer it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.render.shared.promises import ANSWER_LABELS, ANSWERS, nudge_text
from bot.render.slack.ids import ActionId
from bot.render.slack.kit import Message, date_token, message, section

# Each answer a nudge offers, as a Slack button; which nudge offers which: words.ANSWERS.
ACTIONS = {
    "done": ActionId.PROMISE_DONE,
    "on_track": ActionId.PROMISE_ON_TRACK,
    "more_time": ActionId.PROMISE_MORE_TIME,
}
BUTTONS: dict[str, tuple[tuple[str, ActionId], ...]] = {
    stage: tuple((ANSWER_LABELS[answer], ACTIONS[answer]) for answer in answers)
    for stage, answers in ANSWERS.items()
}


def nudge_message(payload: dict[str, Any]) -> Message:
    due = date_token(datetime.fromisoformat(payload["due"]), payload["zone"])
    ref = payload.get("counterpart_ref")
    text = nudge_text(payload, due, f"<@{ref}>" if ref else None, f"<@{payload['owner_ref']}>")
    blocks: list[Block] = [section(text)]
    buttons = BUTTONS[payload["stage"]]
    if buttons:
        value = str(payload["promise_id"])
        blocks.append(
            ActionsBlock(
                block_id=f"promise:{value}",
                elements=[
                    ButtonElement(
                        text=label,
                        action_id=action,
                        value=value,
                        style="primary" if action is ActionId.PROMISE_DONE else None,
                    )
                    for label, action in buttons
                ],
            )
        )
    return message(text, blocks)
