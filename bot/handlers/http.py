"""What Kept's two HTTP platforms share: a request's body, read no further than a cap."""

from __future__ import annotations

from starlette.requests import Request

# Slack's and Teams' requests are kilobytes; the largest, a message of 40,000 characters (Slack's
# most) in its event, a few hundred.
MAX_BODY = 1_000_000


async def capped_body(request: Request, limit: int = MAX_BODY) -> bytes | None:
    """The body, or None when it is longer than `limit`: read no further than that, as a
    chunked body says no length before."""
    length = request.headers.get("content-length", "")
    if length.isascii() and length.isdigit() and int(length) > limit:
        return None
    read = bytearray()
    async for chunk in request.stream():
        read += chunk
        if len(read) > limit:
            return None
    return bytes(read)
