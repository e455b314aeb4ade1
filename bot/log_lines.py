"""How Kept's log reads: one line a record, nothing a request typed can forge a line with, no
secret in it, and no warning that is not the operator's to act on."""

from __future__ import annotations

import logging
import re

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Bolt logs the code of an OAuth install it could not exchange: a secret, however short-lived.
_OAUTH_CODE = re.compile(r"(with code: )\S+")
# Bolt warns that the token is unused whenever it is given a client, as Kept always does.
_CLIENT_OVER_TOKEN = "`token` will be unused"


class OneLineFormatter(logging.Formatter):
    """A log record's message on one line, control characters escaped: words from a request
    (a token's key id, a name) cannot forge log lines. Tracebacks keep their lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        message = _OAUTH_CODE.sub(r"\1(hidden)", record.message)
        record.message = _CONTROL.sub(lambda c: f"\\x{ord(c.group()):02x}", message)
        return super().formatMessage(record)


def _worth_saying(record: logging.LogRecord) -> bool:
    return _CLIENT_OVER_TOKEN not in record.getMessage()


def log_to_stderr(level: int) -> None:
    logging.basicConfig(level=level)
    for handler in logging.getLogger().handlers:
        handler.setFormatter(OneLineFormatter(LOG_FORMAT))
        handler.addFilter(_worth_saying)
