"""Nudges in Slack: the reminder and the buttons that answer it."""

from __future__ import annotations

from bot.domain.nudges import Stage
from bot.render.shared.nudges import ANSWER_LABELS, ANSWERS, Answer, nudge_text
from bot.render.slack.ids import ActionId
from bot.render.slack.kit import Block, Message, actions, button, date_token, message, section
from bot.services.outbox import Nudge

# Each answer a nudge offers, as a Slack button; which nudge offers which: shared ANSWERS.
ACTIONS = {
    Answer.DONE: ActionId.PROMISE_DONE,
    Answer.ON_TRACK: ActionId.PROMISE_ON_TRACK,
    Answer.MORE_TIME: ActionId.PROMISE_MORE_TIME,
}
BUTTONS: dict[Stage, tuple[tuple[str, ActionId], ...]] = {
    stage: tuple((ANSWER_LABELS[answer], ACTIONS[answer]) for answer in answers)
    for stage, answers in ANSWERS.items()
}


def nudge_message(nudge: Nudge) -> Message:
    due = date_token(nudge.due, nudge.zone, nudge.said_at)
    ref = nudge.counterpart_ref
    text = nudge_text(nudge, due, f"<@{ref}>" if ref else None, f"<@{nudge.owner_ref}>")
    blocks: list[Block] = [section(text)]
    buttons = BUTTONS[nudge.stage]
    if buttons:
        value = str(nudge.promise_id)
        blocks.append(
            actions(
                [
                    button(
                        label,
                        action,
                        value,
                        style="primary" if action is ActionId.PROMISE_DONE else None,
                    )
                    for label, action in buttons
                ],
                block_id=f"promise:{value}",
            )
        )
    return message(text, blocks)
