"""Enforce the query time limit: answer the client, then end the worker process that runs the query.

pyoxigraph cannot cancel a query from Python and a signal is handled only after `query()` returns, so
the only way to stop a runaway query is to end its process. Under gunicorn each request runs in a sync
worker; one watchdog thread per worker writes a 503 straight to the client's socket (when no byte of
the answer has gone out yet) and exits the worker, and the arbiter starts a fresh one (~50 ms). Other
workers go on serving. Without gunicorn's socket (tests in-process, other servers) nothing is armed.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Callable

from flask import Response

log = logging.getLogger("orgkg.server")
EXIT_TIMEOUT = 75  # not 3 or 4: gunicorn halts on those (worker boot and app load errors)


def _raw_503(message: str) -> bytes:
    body = (message + "\n").encode("utf-8")
    head = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\nRetry-After: 1\r\n"
            "Access-Control-Allow-Origin: *\r\nX-Content-Type-Options: nosniff\r\n\r\n")
    return head.encode("ascii") + body


class _Watchdog:
    """One thread per worker process, armed for the request in progress (sync workers run one at a time)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._deadline: float | None = None
        self._sock = None
        self._seconds = 0.0
        self.started = False
        self._pid = os.getpid()
        threading.Thread(target=self._run, name="orgkg-watchdog", daemon=True).start()

    def arm(self, seconds: float, sock) -> None:
        with self._cond:
            self._deadline, self._sock, self._seconds, self.started = time.monotonic() + seconds, sock, seconds, False
            self._cond.notify()

    def disarm(self) -> None:
        with self._cond:
            self._deadline = None

    def _run(self) -> None:
        with self._cond:
            while True:
                if self._deadline is None:
                    self._cond.wait()
                    continue
                left = self._deadline - time.monotonic()
                if left > 0:
                    self._cond.wait(left)
                    continue
                self._expire()

    def _expire(self) -> None:
        message = f"query stopped: it ran longer than the {self._seconds:g} s limit"
        try:
            if not self.started:
                self._sock.sendall(_raw_503(message))
            log.warning("%s; replacing worker %d", message, os.getpid())
        finally:
            os._exit(EXIT_TIMEOUT)


_watchdog: _Watchdog | None = None


def _get() -> _Watchdog:
    global _watchdog
    if _watchdog is None or _watchdog._pid != os.getpid():  # one per process, made after fork
        _watchdog = _Watchdog()
    return _watchdog


def time_limited(environ: dict, seconds: float, produce: Callable[[], Response]) -> Response:
    """Run `produce` (and stream its body) under the time limit."""
    sock = environ.get("gunicorn.socket")
    if sock is None or seconds <= 0:
        return produce()
    watchdog = _get()
    watchdog.arm(seconds, sock)
    try:
        response = produce()
    except BaseException:
        watchdog.disarm()
        raise
    if not response.is_streamed:
        watchdog.disarm()
        return response
    body = response.response

    def watched():
        try:
            for chunk in body:
                watchdog.started = True
                yield chunk
        finally:
            watchdog.disarm()
            close = getattr(body, "close", None)
            if close:
                close()

    response.response = watched()
    return response
