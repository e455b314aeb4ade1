"""Slack's request signature, checked before Bolt sees a request.

A request that is not Slack's causes nothing: it is refused with 401 and one log line without
its body (Bolt's own check would log the whole body, which can hold Slack's legacy token, and
raises on a timestamp that is not a number, so the apology went to a URL the sender chose).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from slack_sdk.signature import SignatureVerifier

_TIMESTAMP = re.compile(r"[0-9]{1,11}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def refusal(headers: Mapping[str, str], body: bytes, signing_secret: str) -> str | None:
    """Why the request is not Slack's, in a few words; None when it is, signed in the last five
    minutes with the app's signing secret."""
    timestamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not _TIMESTAMP.fullmatch(timestamp):
        return "no timestamp, or one that is not a time"
    if not _SIGNATURE.fullmatch(signature):
        return "no signature, or one not shaped like Slack's"
    try:
        body.decode("utf-8")  # what Slack signs; the verifier would raise on anything else
    except UnicodeDecodeError:
        return "a body that is not UTF-8"
    if not SignatureVerifier(signing_secret).is_valid(body, timestamp, signature):
        return "a signature that does not match, or is over five minutes old"
    return None
