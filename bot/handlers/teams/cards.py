"""Card buttons and the "Need more time" dialog, in Teams.

A click runs as the person who clicked: the services refuse what that person may not do,
and what the card sent (a promise id, an author) is checked, never trusted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, get_args

from microsoft_teams.api.activities.invoke.adaptive_card.action import AdaptiveCardInvokeActivity
from microsoft_teams.api.activities.invoke.task.task_fetch import TaskFetchInvokeActivity
from microsoft_teams.api.activities.invoke.task.task_submit import TaskSubmitInvokeActivity
from microsoft_teams.api.models import Attachment
from microsoft_teams.api.models.adaptive_card.adaptive_card_action_response import (
    AdaptiveCardActionCardResponse,
    AdaptiveCardActionMessageResponse,
)
from microsoft_teams.api.models.invoke_response import (
    AdaptiveCardInvokeResponse,
    TaskModuleInvokeResponse,
)
from microsoft_teams.api.models.task_module.task_module_continue_response import (
    TaskModuleContinueResponse,
)
from microsoft_teams.api.models.task_module.task_module_message_response import (
    TaskModuleMessageResponse,
)
from microsoft_teams.api.models.task_module.task_module_response import TaskModuleResponse
from microsoft_teams.api.models.task_module.task_module_task_info import CardTaskModuleTaskInfo
from microsoft_teams.apps import ActivityContext, App

from bot.domain.due_times import Grain
from bot.domain.errors import KeptError
from bot.domain.printable import printable
from bot.domain.promises import Action, Sooner, read_id
from bot.handlers.teams.context import incoming_of, message_params, run
from bot.handlers.teams.directory import TeamsDirectory
from bot.handlers.teams.errors import apologising
from bot.handlers.teams.incoming import Incoming
from bot.render.shared.promises import sooner_text
from bot.render.teams import render_reply
from bot.render.teams.forms import more_time_dialog
from bot.render.teams.ids import LIST, CardVerb, DialogId, Field
from bot.render.teams.kit import TeamsMessage, adaptive_card_attachment
from bot.render.teams.promises import not_tracked, not_yours
from bot.services import chat, promises
from bot.services.env import Env
from bot.services.replies import Refusal, Reply
from bot.services.replies.promises import Suggestion

log = logging.getLogger(__name__)

# The buttons that change a promise, and the use case each runs as the clicking person.
PROMISE_BUTTONS: dict[str, Callable[[Env, TeamsDirectory, str, int], Reply]] = {
    CardVerb.PROMISE_DONE: promises.complete,
    CardVerb.PROMISE_ON_TRACK: promises.on_track,
    CardVerb.PROMISE_CANCEL: promises.cancel,
    CardVerb.CUSTOMER_TOLD: promises.customer_told,
}
MAX_CUSTOMER = 120
OUT_OF_DATE = "That card is out of date. Type `promise list` to see your promises."


def register(app: App, env: Env) -> None:
    @app.on_card_action
    @apologising(_card_message)
    async def on_card_action(
        ctx: ActivityContext[AdaptiveCardInvokeActivity],
    ) -> AdaptiveCardInvokeResponse:
        incoming, directory = await incoming_of(ctx, env)
        action = ctx.activity.value.action
        verb, data = str(action.verb or ""), dict(action.data or {})
        clicked_on = ctx.activity.reply_to_id
        answer = await run(lambda: _clicked(env, directory, incoming, verb, data, clicked_on))
        if answer.card is None:
            return _card_message(answer.text)
        if not incoming.personal:
            # Teams replaces the card for the one who clicked; everyone else sees it here.
            await _update_card(ctx, answer)
        return AdaptiveCardActionCardResponse(value=answer.card)

    @app.on_dialog_open
    @apologising(_dialog_message)
    async def on_dialog_open(
        ctx: ActivityContext[TaskFetchInvokeActivity],
    ) -> TaskModuleInvokeResponse:
        incoming, directory = await incoming_of(ctx, env)
        data = _data(ctx.activity.value.data)
        opened = await run(lambda: _more_time_form(env, directory, incoming, data))
        return _dialog(opened)

    @app.on_dialog_submit
    @apologising(_dialog_message)
    async def on_dialog_submit(
        ctx: ActivityContext[TaskSubmitInvokeActivity],
    ) -> TaskModuleInvokeResponse:
        incoming, directory = await incoming_of(ctx, env)
        data = _data(ctx.activity.value.data)
        reply = await run(lambda: chat.attempt(lambda: _more_time(env, directory, incoming, data)))
        if isinstance(reply, Refusal | Sooner):  # the form again, with why and all that was typed
            problem = sooner_text(reply) if isinstance(reply, Sooner) else reply.reason
            again = isinstance(reply, Sooner)
            shown = await run(
                lambda: _more_time_form(
                    env, directory, incoming, data, problem=problem, sooner=again
                )
            )
            return _dialog(shown)
        # The card the dialog was opened from now shows the new due time (or the list again).
        card_now = await run(lambda: _after(env, directory, incoming, data, reply))
        await _update_card(ctx, card_now)
        return _dialog_message(render_reply(reply).text)


async def _update_card(ctx: ActivityContext[Any], answer: TeamsMessage) -> None:
    """The message a card was clicked on, replaced for everyone; the change is made already,
    so a failure here is logged, not the person's to hear of."""
    clicked_on = ctx.activity.reply_to_id
    if not clicked_on:
        return
    try:
        await ctx.api.conversations.update_activity(
            str(ctx.activity.conversation.id), clicked_on, message_params(answer)
        )
    except Exception:
        log.warning("updating a clicked Teams card failed", exc_info=True)


def _dialog(shown: Attachment | Refusal) -> TaskModuleResponse:
    """The dialog with its form, or a message saying why there is none."""
    if isinstance(shown, Refusal):
        return _dialog_message(shown.reason)
    info = CardTaskModuleTaskInfo(title="Need more time?", card=shown, width="medium")
    return TaskModuleResponse(task=TaskModuleContinueResponse(value=info))


def _card_message(words: str) -> AdaptiveCardInvokeResponse:
    """Words for the one who clicked; the card stays as it was."""
    return AdaptiveCardActionMessageResponse(value=words)


def _dialog_message(words: str) -> TaskModuleResponse:
    return TaskModuleResponse(task=TaskModuleMessageResponse(value=words))


def _clicked(
    env: Env,
    directory: TeamsDirectory,
    incoming: Incoming,
    verb: str,
    data: dict[str, Any],
    clicked_on: str | None,
) -> TeamsMessage:
    clicker = incoming.speaker.user_id
    if verb in PROMISE_BUTTONS:
        promise_id = _promise_of(data)
        if promise_id is None:
            return render_reply(Refusal(OUT_OF_DATE))
        use_case = PROMISE_BUTTONS[verb]
        reply = chat.attempt(lambda: use_case(env, directory, clicker, promise_id))
        return _after(env, directory, incoming, data, reply)
    if verb == CardVerb.PROMISE_FORM:
        return render_reply(chat.attempt(lambda: _from_form(env, directory, clicker, data)))
    if verb in (CardVerb.TRACK, CardVerb.NOT_A_PROMISE):
        if data.get(Field.AUTHOR) != clicker:
            return not_yours("Only the person who wrote it can track this promise.")
        if verb == CardVerb.NOT_A_PROMISE:
            return not_tracked()
        # Tracked once per card: the card's message, in its conversation.
        card = f"{incoming.place.conversation_id}/{clicked_on}" if clicked_on else None
        return render_reply(chat.attempt(lambda: _track(env, directory, clicker, data, card)))
    return render_reply(Refusal(OUT_OF_DATE))


def _after(
    env: Env, directory: TeamsDirectory, incoming: Incoming, data: dict[str, Any], reply: Reply
) -> TeamsMessage:
    """What a clicked card turns into: the changed promise, or, clicked on one's own list, the
    list as it is now; a refusal leaves the card as it was."""
    # Only in a personal chat is the list the clicker's own; in a channel it is someone's
    # for all to see, so the answer is the promise alone.
    if data.get(Field.FROM) == LIST and incoming.personal and not isinstance(reply, Refusal):
        return render_reply(promises.listing(env, directory, incoming.speaker.user_id))
    return render_reply(reply)


def _track(
    env: Env, directory: TeamsDirectory, author: str, data: dict[str, Any], card: str | None
) -> Reply:
    """The promise offered on the card, tracked for its author (who clicked). The card's data
    is checked as typed words would be: a due time to come, a co-worker of this tenant."""
    try:
        due_at = datetime.fromisoformat(str(data.get(Field.DUE)))
    except ValueError:
        raise KeptError(OUT_OF_DATE) from None
    grain = str(data.get(Field.GRAIN))
    customer = _typed(data, Field.CUSTOMER)
    if len(customer) > MAX_CUSTOMER:  # the reader never names one so long: not Kept's card
        raise KeptError(OUT_OF_DATE)
    offer = Suggestion(
        what=str(data.get(Field.WHAT) or ""),
        due_at=due_at if due_at.tzinfo else due_at.replace(tzinfo=UTC),
        grain=grain if grain in get_args(Grain) else "minute",
        counterpart_ref=_co_worker(data),
        customer=customer or None,
        zone=env.settings.working_hours.default_timezone,  # only for showing: not used here
        said_at=env.clock.now(),
        also_refs=_also(data),
    )
    return promises.track(env, directory, author, offer, source_ref=card)


def _from_form(env: Env, directory: TeamsDirectory, owner: str, data: dict[str, Any]) -> Reply:
    return promises.make_picked(
        env,
        directory,
        owner,
        str(data.get(Field.WHAT) or ""),
        str(data.get(Field.DUE_DATE) or ""),
        str(data.get(Field.DUE_TIME) or ""),
        _co_worker(data),
        _typed(data, Field.CUSTOMER) or None,
    )


def _more_time_form(
    env: Env,
    directory: TeamsDirectory,
    incoming: Incoming,
    data: dict[str, Any],
    *,
    problem: str = "",
    sooner: bool = False,
) -> Attachment | Refusal:
    """The dialog's form, for someone who may move this promise; why not, otherwise. With a
    `problem`, it is shown again as it was sent, saying what to change (and with `sooner`,
    offering to bring it forward)."""
    promise_id = _promise_of(data, dialog=DialogId.MORE_TIME)
    if promise_id is None:
        return Refusal(OUT_OF_DATE)
    try:
        promise, zone = promises.prepare(
            env, directory, incoming.speaker.user_id, promise_id, Action.RENEGOTIATE
        )
    except KeptError as error:
        return Refusal(str(error))
    typed = data if problem else None
    dialog = more_time_dialog(promise, zone, problem=problem, typed=typed, sooner=sooner)
    return Attachment.model_validate(adaptive_card_attachment(dialog))


def _more_time(
    env: Env, directory: TeamsDirectory, incoming: Incoming, data: dict[str, Any]
) -> Reply | Sooner:
    """The promise moved to the time picked; a time earlier than its due time is given back, to
    offer bringing it forward ("Bring it forward" sends `sooner`: true)."""
    promise_id = _promise_of(data, dialog=DialogId.MORE_TIME)
    if promise_id is None:
        raise KeptError(OUT_OF_DATE)
    try:
        return promises.renegotiate_picked(
            env,
            directory,
            incoming.speaker.user_id,
            promise_id,
            str(data.get(Field.DUE_DATE) or ""),
            str(data.get(Field.DUE_TIME) or ""),
            str(data.get(Field.NOTE) or ""),
            sooner=data.get(Field.SOONER) is True,
        )
    except Sooner as earlier:
        return earlier


def _promise_of(data: dict[str, Any], *, dialog: DialogId | None = None) -> int | None:
    """The promise a button or dialog names (its dialog's, if one is expected); None when the
    data is not what Kept's cards send."""
    if data.get("dialog") != dialog:
        return None
    return read_id(data.get("promise"))


def _co_worker(data: dict[str, Any]) -> str | None:
    counterpart = data.get(Field.COUNTERPART)
    return counterpart if isinstance(counterpart, str) else None


def _also(data: dict[str, Any]) -> tuple[str, ...]:
    """The other co-workers a card names, user input: only ids, checked when tracked."""
    also = data.get(Field.ALSO)
    return tuple(ref for ref in also if isinstance(ref, str)) if isinstance(also, list) else ()


def _typed(data: dict[str, Any], field: Field) -> str:
    return printable(str(data.get(field) or "")).strip()


def _data(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}
