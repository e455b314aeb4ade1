"""A form's private_metadata, sealed: what Kept wrote into a form for the person it opened it
for comes back from Slack as user input. The seal (an HMAC under a key only Kept knows) proves
Kept wrote it, unchanged, for the person who submits it; anything else is refused."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

from bot.settings import SlackSettings

SEAL = "seal"
FOR = "for"


def key_of(settings: SlackSettings) -> bytes:
    """The sealing key, derived from a secret Kept has whichever way Slack is connected."""
    secret = settings.signing_secret or settings.app_token or settings.bot_token or ""
    return hashlib.sha256(b"kept form seal\0" + secret.encode()).digest()


def seal(data: dict[str, Any], reader: str, key: bytes) -> str:
    """The metadata to give Slack: `data`, for `reader` alone, sealed."""
    sealed = {**data, FOR: reader}
    return json.dumps(
        {**sealed, SEAL: _mac(sealed, key)}, separators=(",", ":"), ensure_ascii=False
    )


def unseal(metadata: str | None, reader: str, key: bytes) -> dict[str, Any] | None:
    """What Kept sealed for `reader`; None when it is not that, unchanged."""
    try:
        sealed = json.loads(metadata or "")
    except json.JSONDecodeError:
        return None
    if not isinstance(sealed, dict) or not isinstance(sealed.get(SEAL), str):
        return None
    given = sealed.pop(SEAL)
    if sealed.get(FOR) != reader or not hmac.compare_digest(given, _mac(sealed, key)):
        return None
    del sealed[FOR]
    return sealed


def _mac(data: dict[str, Any], key: bytes) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()
