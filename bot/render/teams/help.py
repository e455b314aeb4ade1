"""A command's help in Teams, and the welcome sent when Kept is added."""

from __future__ import annotations

from microsoft_teams.cards import CardElement

from bot.domain.commands import Topic
from bot.render.shared.help import INTRO, usage_lines
from bot.render.teams.kit import TeamsMessage, block, heading, message, note

# How to reach Kept in a channel, where a command needs the bot mentioned first.
IN_A_CHANNEL = "In a channel, mention me first: @Kept promise list."


def help_message(topic: Topic) -> TeamsMessage:
    body: list[CardElement] = [heading(INTRO[topic])]
    body += [
        block(f"`{usage}`  {meaning}", spacing="Small")
        for usage, meaning in usage_lines(topic, str(topic))
    ]
    body.append(note(IN_A_CHANNEL))
    return message(INTRO[topic], body)


def _welcome() -> TeamsMessage:
    promise, _, listed, *_ = usage_lines(Topic.PROMISE, str(Topic.PROMISE))
    kudos, *_ = usage_lines(Topic.KUDOS, str(Topic.KUDOS))
    examples = (promise, kudos, listed)
    intro = (
        "Hi, I'm Kept. I help you keep your word: tell me what you promised and by when,"
        " and I'll remind you before it's due and help you warn early when it will slip."
    )
    body: list[CardElement] = [
        heading("Hi, I'm Kept"),
        block(intro.removeprefix("Hi, I'm Kept. ")),
        block("Try one of these:"),
        *(block(f"`{usage}`  {meaning}", spacing="Small") for usage, meaning in examples),
        note(f"Type `help promise`, `help kudos` or `help digest` for more. {IN_A_CHANNEL}"),
    ]
    return message(intro, body)


# Sent once, when someone installs Kept or adds it to a team.
WELCOME = _welcome()
