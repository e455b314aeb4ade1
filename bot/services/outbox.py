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
from functools import cache, partial
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
    TEAM_INVITE = "team_invite"  # a manager asks someone to join their team


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
    said_at: datetime | None = None  # when it happened (older rows: unknown)


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
    # The recipient's zone when it is not the owner (an escalation's manager); None: `zone`.
    to_zone: str | None = None
    said_at: datetime | None = None  # when it was planned (older rows: unknown)


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


@dataclass(frozen=True)
class TeamInvite:
    """To someone a manager asked to join their team: what joining means, and how to answer."""

    kind: ClassVar[Kind] = Kind.TEAM_INVITE
    manager: str  # by name
    manager_ref: str  # and by user id


Payload = (
    PromiseNews
    | Nudge
    | KudosPost
    | KudosNews
    | TeamDigest
    | ChannelDigest
    | Unreachable
    | TeamInvite
)
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
        TeamInvite,
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
    plain: dict[str, Any] = _codec(payload_type).dump(payload)
    return plain


def decode(kind: str, data: Mapping[str, Any]) -> Payload:
    """The payload a row of this kind carries (see `encode`)."""
    try:
        payload_type: type = PAYLOADS[Kind(kind)]
    except ValueError:
        raise UnknownDelivery(kind) from None
    try:
        payload: Payload = _codec(payload_type).load(data)
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
# A message being sent is another drain's for this long. Past it, its drain stopped mid-send
# (killed, or the machine went down): the message may have gone out, and is sent again once.
SENDING_LEASE = timedelta(minutes=10)


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


@dataclass(frozen=True)
class Deferred:
    """Not sent yet, by Kept's choice: its reader is out of working hours until `until`."""

    until: datetime
    reason: str


@dataclass(frozen=True)
class Outdated:
    """Not sent, ever: its moment passed while it waited ("On track?" after the deadline)."""

    reason: str


SendResult = Sent | RetryLater | Undeliverable | Deferred | Outdated


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
@dataclass(frozen=True)
class _Codec:
    """How values of one type go to JSON and come back from it."""

    dump: Callable[[Any], Any]
    load: Callable[[Any], Any]


@cache
def _codec(hint: Any) -> _Codec:
    """The codec for a type hint, made once from the hint (the sweep encodes hundreds of nudges
    a batch, the drain decodes every message it sends)."""
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):  # Kept's payloads only have `X | None`
        (inner,) = (_codec(arg) for arg in args if arg is not type(None))
        return _Codec(
            lambda value: None if value is None else inner.dump(value),
            lambda value: None if value is None else inner.load(value),
        )
    if origin is tuple and args[-1] is Ellipsis:
        each = _codec(args[0])
        return _Codec(
            lambda value: [each.dump(item) for item in value],
            lambda value: tuple(each.load(item) for item in value),
        )
    if origin is tuple:
        items = [_codec(arg) for arg in args]
        return _Codec(
            lambda value: [c.dump(item) for c, item in zip(items, value, strict=True)],
            lambda value: tuple(c.load(item) for c, item in zip(items, value, strict=True)),
        )
    if is_dataclass(hint):
        assert isinstance(hint, type)
        return _dataclass_codec(hint)
    if hint is datetime:
        return _Codec(datetime.isoformat, datetime.fromisoformat)
    if hint is float:
        return _Codec(_same, float)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _Codec(lambda value: value.value, hint)
    return _Codec(_same, partial(_checked, hint))


def _dataclass_codec(cls: type) -> _Codec:
    found = get_type_hints(cls)
    parts = [(f.name, _codec(found[f.name])) for f in fields(cls)]
    return _Codec(
        lambda value: {name: c.dump(getattr(value, name)) for name, c in parts},
        # a field a row written before it was added is missing: its default
        lambda value: cls(**{name: c.load(value[name]) for name, c in parts if name in value}),
    )


def _same(value: Any) -> Any:
    return value


def _checked(hint: Any, value: Any) -> Any:
    """`value` read from JSON, when it is of the plain type the hint names."""
    if isinstance(hint, type) and not isinstance(value, hint):
        raise TypeError(f"{value!r} is not {hint.__name__}")
    return value
