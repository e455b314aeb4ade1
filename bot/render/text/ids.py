"""The shell's commands that stand for the buttons Slack and Teams show, as Kept's words write
them."""

from enum import StrEnum


class Command(StrEnum):
    TRACK = "/track"  # "Track" on a promise just offered
    DONE = "/done"
    CANCEL = "/cancel"
    ON_TRACK = "/on-track"
    MORE_TIME = "/more-time"
    SOONER = "/sooner"  # "Bring it forward", offered when "more time" was an earlier date
    TOLD = "/told"  # "I've told them": the customer heard of the new date
