"""The outbox: every message that must reach a person later, typed by its kind, and the retry
policy its senders follow.

A message is queued with its cause, in the same transaction, under a key (`nudge:<promise>:
<stage>`…) so it is never queued twice (the rows: bot/store/outbox.py). A sender per platform
delivers it and says what happened (`SendResult`); a row stays pending until a sender says it
is done. Each kind has one payload type, so a renderer's dispatch on it is checked by mypy.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime, timedelta
from enum import Enum, StrEnum
from functools import cache
from typing import Any, ClassVar, Protocol, Union, get_args, get_origin, get_type_hints

from bot.domain.nudges import Stage
from bot.services.replies.digest import Digest
from bot.services.replies.kudos import Named


class Kind(StrEnum):
    PROMISE_NEWS = "promise_news"  # one side of a promise told of the other's change
    NUDGE = "nudge"  # a reminder to a promise's owner, or an escalation to their manager
    KUDOS_POST = "kudos_post"  # the public thank-you, in a channel
    KUDOS_NEWS = "kudos_news"  # a thank-you, to the one thanked
    DIGEST = "digest"  # the weekly digest, to the team's manager
    DIGEST_SUMMARY = "digest_summary"  # its copy in the team's channel
    UNREACHABLE = "unreachable"  # word that a message could not reach its addressee


# The kinds that go to a channel; the others go to a person.
TO_A_CHANNEL = frozenset({Kind.KUDOS_POST, Kind.DIGEST_SUMMARY})


@dataclass(frozen=True)
class PromiseNews:
    kind: ClassVar[Kind] = Kind.PROMISE_NEWS
    news: str  # "made", "done", "received", "cancelled", "renegotiated", "edited"
    promise_id: int
    by: str  # who made the change, by name
    by_ref: str  # and by user id
    what: str
    due: datetime
    zone: str  # the recipient's
    note: str


@dataclass(frozen=True)
class Nudge:
    kind: ClassVar[Kind] = Kind.NUDGE
    stage: Stage
    promise_id: int
    what: str
    due: datetime
    zone: str  # the owner's
    owner: str
    owner_ref: str
    counterpart: str | None
    counterpart_ref: str | None
    customer: str | None


@dataclass(frozen=True)
class KudosPost:
    kind: ClassVar[Kind] = Kind.KUDOS_POST
    giver: str
    giver_ref: str
    recipients: tuple[Named, ...]
    reason: str
    values: tuple[str, ...]
    emoji: str


@dataclass(frozen=True)
class KudosNews:
    kind: ClassVar[Kind] = Kind.KUDOS_NEWS
    giver: str
    giver_ref: str
    reason: str
    values: tuple[str, ...]
    channel: str | None  # where it is posted for everyone, if anywhere
    emoji: str


@dataclass(frozen=True)
class TeamDigest(Digest):
    """The scheduled digest, to the team's manager."""

    kind: ClassVar[Kind] = Kind.DIGEST


@dataclass(frozen=True)
class ChannelDigest(Digest):
    """The scheduled digest's copy in the team's channel (names only if configured)."""

    kind: ClassVar[Kind] = Kind.DIGEST_SUMMARY


@dataclass(frozen=True)
class Unreachable:
    """To whoever caused a message (`cause`) that the platform would not let it reach `who`."""

    kind: ClassVar[Kind] = Kind.UNREACHABLE
    who: str | None
    about: str  # the promise's words, or the kudos' reason
    cause: Kind


Payload = PromiseNews | Nudge | KudosPost | KudosNews | TeamDigest | ChannelDigest | Unreachable
PAYLOADS: dict[Kind, type[Payload]] = {
    payload.kind: payload
    for payload in (
        PromiseNews,
        Nudge,
        KudosPost,
        KudosNews,
        TeamDigest,
        ChannelDigest,
        Unreachable,
    )
}


class UnknownDelivery(Exception):
    """A stored message no sender can read (an unknown kind, a payload of another shape): a bug,
    so it is not retried."""

    def __init__(self, kind: str, why: str = "") -> None:
        detail = f": {why}" if why else ""
        super().__init__(f"no renderer for outbox messages of kind {kind!r}{detail}")


def encode(payload: Payload) -> dict[str, Any]:
    """The payload as JSON values, for its row: instants in ISO 8601, tuples as lists."""
    payload_type: type = type(payload)
    plain: dict[str, Any] = _encoder(payload_type)(payload)
    return plain


def decode(kind: str, data: Mapping[str, Any]) -> Payload:
    """The payload a row of this kind carries (see `encode`)."""
    try:
        payload_type = PAYLOADS[Kind(kind)]
    except ValueError:
        raise UnknownDelivery(kind) from None
    try:
        payload: Payload = _typed(payload_type, data)
    except (KeyError, TypeError, ValueError) as error:
        raise UnknownDelivery(kind, f"{type(error).__name__} {error}") from None
    return payload


@dataclass(frozen=True)
class Outgoing:
    """A message to queue: whom it is for, where, and what it says."""

    key: str
    platform: str
    workspace_id: str
    recipient: str
    payload: Payload
    deliver_after: datetime | None = None  # None: at once


@dataclass(frozen=True)
class Delivery:
    """One queued message, as a sender sees it."""

    id: int
    key: str
    platform: str
    workspace_id: str
    recipient: str
    payload: Payload
    attempts: int

    @property
    def kind(self) -> Kind:
        return self.payload.kind


# --- what a sender says happened, and what follows ----------------------------------------------
# After this many failed attempts a message is given up on and marked failed. A throttled try
# is not an attempt: the platform never looked at the message.
MAX_ATTEMPTS = 8
# A message held back this long by a platform that keeps saying "wait" is given up on: it is
# news no longer, and the failure is on record for an operator.
MAX_HELD = timedelta(days=1)


@dataclass(frozen=True)
class Sent:
    pass


@dataclass(frozen=True)
class RetryLater:
    """A passing failure (5xx, timeout): try again after `wait`.

    `throttled` when the platform held every message back, not this one (a 429 and its
    Retry-After; Kept's own token refused): the try does not count toward MAX_ATTEMPTS, and
    the drain stops sending that platform anything more in this run. A message held back for
    MAX_HELD is given up on.
    """

    wait: timedelta
    reason: str
    throttled: bool = False


@dataclass(frozen=True)
class Undeliverable:
    """A permanent failure (the user is gone, the channel is archived): never retried."""

    reason: str


SendResult = Sent | RetryLater | Undeliverable


class Sender(Protocol):
    platform: str

    def send(self, delivery: Delivery) -> SendResult: ...


def backoff(attempts: int) -> timedelta:
    """Exponential wait between tries of a failing message: 1, 2, 4… minutes, at most an hour."""
    return timedelta(minutes=min(2**attempts, 60))


def retry_after(header: str | None, attempts: int) -> timedelta:
    """The wait a platform's `Retry-After` asks for, in seconds; the usual backoff when it
    gives none, or a date instead."""
    if header and header.strip().isascii() and header.strip().isdigit():
        return timedelta(seconds=min(max(int(header), 1), int(MAX_HELD.total_seconds())))
    return backoff(attempts)


# --- the codec's parts ---------------------------------------------------------------------------
@cache
def _encoder(cls: type) -> Callable[[Any], dict[str, Any]]:
    """The function that turns an instance of the dataclass into JSON values, made once per
    class from its type hints (the sweep encodes hundreds of nudges a batch)."""
    hints = _hints(cls)
    parts = [(f.name, _to_json(hints[f.name])) for f in fields(cls)]

    def encode(value: Any) -> dict[str, Any]:
        return {name: convert(getattr(value, name)) for name, convert in parts}

    return encode


def _to_json(hint: Any) -> Callable[[Any], Any]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        (inner,) = (arg for arg in args if arg is not type(None))
        convert = _to_json(inner)
        return lambda value: None if value is None else convert(value)
    if origin is tuple and args[-1] is Ellipsis:
        each = _to_json(args[0])
        return lambda value: [each(item) for item in value]
    if origin is tuple:
        converts = [_to_json(arg) for arg in args]
        return lambda value: [convert(item) for convert, item in zip(converts, value, strict=True)]
    if is_dataclass(hint):
        assert isinstance(hint, type)
        return _encoder(hint)
    if hint is datetime:
        return datetime.isoformat
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: value.value
    return _same


def _same(value: Any) -> Any:
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _typed(hint: Any, value: Any) -> Any:
    """`value`, read from JSON, as the type `hint` says."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = (arg for arg in args if arg is not type(None))
        return _typed(inner, value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_typed(args[0], item) for item in value)
        return tuple(_typed(arg, item) for arg, item in zip(args, value, strict=True))
    if is_dataclass(hint):
        assert isinstance(hint, type)
        found = _hints(hint)
        return hint(**{f.name: _typed(found[f.name], value[f.name]) for f in fields(hint)})
    if hint is datetime:
        return datetime.fromisoformat(value)
    if hint is float:
        return float(value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and not isinstance(value, hint):
        raise TypeError(f"{value!r} is not {hint.__name__}")
    return value
