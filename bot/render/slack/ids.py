"""Every action and callback id Kept's Slack messages and forms use, in one place."""

from enum import StrEnum


class ActionId(StrEnum):
    PROMISE_DONE = "promise_done"
    PROMISE_MORE_TIME = "promise_more_time"
    PROMISE_EDIT = "promise_edit"
    PROMISE_CANCEL = "promise_cancel"
    PROMISE_ON_TRACK = "promise_on_track"
    CUSTOMER_TOLD = "customer_told"  # "I've told them": an external customer heard of a new date
    PROMISE_MENU = "promise_menu"  # the overflow menu on a listed promise: "<action>:<id>"
    TRACK = "track_suggestion"
    TRACK_EDIT = "track_suggestion_edit"
    NOT_A_PROMISE = "not_a_promise"
    NOT_MINE = "not_my_promise"  # asked to track someone's reading of one's words: "not mine"


class CallbackId(StrEnum):
    PROMISE_FORM = "promise_form"
    MORE_TIME_FORM = "more_time_form"
    SOONER_FORM = "sooner_form"  # "more time" to an earlier date: bring it forward instead?
    TRACK_SHORTCUT = "track_promise"  # the message shortcut, as named in the manifest


class BlockId(StrEnum):
    WHAT = "what"
    COUNTERPART = "counterpart"
    CUSTOMER = "customer"
    DUE = "due"
    NOTE = "note"
