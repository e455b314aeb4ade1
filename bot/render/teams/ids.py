"""Every verb and field name Kept's Adaptive Cards and dialogs use, in one place.

A card button sends `{"verb": <CardVerb>, "promise": <id>}` (Action.Execute, so Teams invokes
`adaptiveCard/action` and the card is replaced in place by the answer; on the list it also
sends `"from": "list"`, and the answer is the list again); the "Need more time"
button opens a dialog (`task/fetch`) whose form submits `{"dialog": <DialogId>, "promise": <id>,
<Field>…}` (`task/submit`). What a card sends is user input: the handler checks it.
"""

from enum import StrEnum


class CardVerb(StrEnum):
    PROMISE_DONE = "promise_done"
    PROMISE_ON_TRACK = "promise_on_track"
    PROMISE_CANCEL = "promise_cancel"
    CUSTOMER_TOLD = "customer_told"  # "I've told them": an external customer heard of a new date
    PROMISE_FORM = "promise_form"  # the inline form a draft shows: track it with what was typed
    TRACK = "track_suggestion"  # "Track this?" on a promise read in a channel message
    NOT_A_PROMISE = "not_a_promise"


class DialogId(StrEnum):
    MORE_TIME = "more_time"


class Field(StrEnum):
    """Input ids of the cards' forms; a submitted form's data is keyed by them."""

    WHAT = "what"
    DUE_DATE = "due_date"  # Input.Date: YYYY-MM-DD
    DUE_TIME = "due_time"  # Input.Time: HH:MM
    CUSTOMER = "customer"
    NOTE = "note"
    # On "Track this?": the promise offered, and the AAD object id of the message's author.
    AUTHOR = "author"
    DUE = "due"  # an ISO instant
    GRAIN = "grain"
    COUNTERPART = "counterpart"  # a co-worker's AAD object id
    ALSO = "also"  # the other co-workers named with it, their AAD object ids
    FROM = "from"  # on a button of the list: LIST, so the answer is the list again
    SOONER = "sooner"  # on Need more time shown again: true to bring the promise forward


LIST = "list"
