"""What renderers share about outbox messages."""


class UnknownDelivery(Exception):
    """An outbox message of a kind no renderer knows: a bug, so it is not retried."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"no renderer for outbox messages of kind {kind!r}")
