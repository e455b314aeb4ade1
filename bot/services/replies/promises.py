"""What the promise use cases answer, as plain values: a promise as a person sees it, a draft,
an offer to track, the outcome of a change, the list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PromiseView:
    """A promise as a person sees it; times are instants, shown in the viewer's zone."""

    id: int
    what: str
    owner: str
    owner_ref: str
    counterpart: str | None
    counterpart_ref: str | None
    customer: str | None
    due_at: datetime
    grain: str
    status: str
    on_time: bool | None  # for a done promise: delivered by its due time?
    # When it last changed: a view shown as it is made or changed is of that moment, so a due
    # time in another year shows its year.
    as_of: datetime
    also: tuple[str, ...] = ()  # the other co-workers it is to, by name, as named
    also_refs: tuple[str, ...] = ()  # and by user id

    @property
    def refs(self) -> tuple[str, ...]:
        """Everyone the promise is between, by user id: its owner and every co-worker."""
        co_workers = (self.counterpart_ref, *self.also_refs) if self.counterpart_ref else ()
        return (self.owner_ref, *co_workers)


@dataclass(frozen=True)
class Draft:
    """A promise not yet made, for the form that asks what is missing."""

    what: str
    counterpart_ref: str | None
    customer: str | None
    due_at: datetime | None
    problem: str  # why the form is shown: what to fix or choose; "" when nothing is missing
    grain: str = "minute"
    also_refs: tuple[str, ...] = ()  # co-workers named with the counterpart, by user id


@dataclass(frozen=True)
class Suggestion:
    """A promise read in a chat message, offered to its author to track."""

    what: str
    due_at: datetime
    grain: str
    counterpart_ref: str | None
    customer: str | None
    zone: str  # the author's, to show the due time in
    said_at: datetime  # when it was read: a due time in another year shows its year
    also_refs: tuple[str, ...] = ()  # co-workers named with the counterpart, by user id


@dataclass(frozen=True)
class Made:
    promise: PromiseView
    zone: str


@dataclass(frozen=True)
class Changed:
    promise: PromiseView
    zone: str
    change: str  # "done", "cancelled", "renegotiated", "edited"


@dataclass(frozen=True)
class Listing:
    owed: tuple[PromiseView, ...]
    owed_to_me: tuple[PromiseView, ...]
    more_owed: int
    more_owed_to_me: int
    zone: str
    now: datetime
