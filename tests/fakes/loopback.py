"""What the fakes share: a server in a thread on a loopback port, and `with` for clients."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Generic, Self, TypeVar

F = TypeVar("F")


class LoopbackServer(ThreadingHTTPServer, Generic[F]):
    """A fake's server on a free loopback port; its request handler reaches the fake itself
    as `self.server.fake`."""

    daemon_threads = True

    def __init__(self, fake: F, handler: type[BaseHTTPRequestHandler]) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), handler)


class ServedInAThread:
    """A fake's HTTP server, served in a daemon thread while `with Fake() as fake:` runs; the
    fake names its `handler`."""

    handler: type[BaseHTTPRequestHandler]
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self) -> None:
        if self._server is not None:
            raise RuntimeError(f"{type(self).__name__} is already running")
        self._server = LoopbackServer(self, self.handler)
        # A short poll interval keeps stop() (which waits for the next poll) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.02,), name=type(self).__name__, daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        self._server = self._thread = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError(f"{type(self).__name__} is not running; use it in a `with`")
        return int(self._server.server_address[1])


class ClosedAfter:
    """A client that `with Client(...) as client:` closes at the end."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        raise NotImplementedError
