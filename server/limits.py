"""Enforce the query time limit: answer the client, then end the worker process that runs the query.

pyoxigraph cannot cancel a query from Python and a signal is handled only after `query()` returns, so
the only way to stop a runaway query is to end its process. Under gunicorn each request runs in a sync
worker; a timer writes a 503 straight to the client's socket (when no byte of the answer has gone out
yet) and exits the worker, and the arbiter starts a fresh one (~50 ms). Other workers go on serving.
Without gunicorn's socket (tests in-process, other servers) no timer is armed.
"""

from __future__ import annotations

import logging
import os
import threading
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


class _Guard:
    def __init__(self, seconds: float, sock) -> None:
        self.seconds = seconds
        self.sock = sock
        self.started = False
        self.timer = threading.Timer(seconds, self._expire)
        self.timer.daemon = True

    def _expire(self) -> None:
        message = f"query stopped: it ran longer than the {self.seconds:g} s limit"
        try:
            if not self.started:
                self.sock.sendall(_raw_503(message))
            log.warning("%s; replacing worker %d", message, os.getpid())
        finally:
            os._exit(EXIT_TIMEOUT)

    def cancel(self) -> None:
        self.timer.cancel()


def time_limited(environ: dict, seconds: float, produce: Callable[[], Response]) -> Response:
    """Run `produce` (and stream its body) under the time limit."""
    sock = environ.get("gunicorn.socket")
    if sock is None or seconds <= 0:
        return produce()
    guard = _Guard(seconds, sock)
    guard.timer.start()
    try:
        response = produce()
    except BaseException:
        guard.cancel()
        raise
    body = response.response

    def watched():
        try:
            for chunk in body:
                guard.started = True
                yield chunk
        finally:
            guard.cancel()
            close = getattr(body, "close", None)
            if close:
                close()

    response.response = watched()
    return response
