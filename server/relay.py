"""Give SERVICE and LOAD calls a timeout: pyoxigraph calls an allowed endpoint through a relay in the worker.

pyoxigraph's HTTP client has no timeout a Python caller can set, so a remote endpoint that never
answers would hold the query until the whole query limit ends the worker, and `SERVICE SILENT` could
not degrade to "no rows". The query text is rewritten so that each allowed endpoint is reached as
`http://127.0.0.1:<relay port>/<n>` (n = its place in the allow-list); a thread of the worker forwards
the request with `--service-timeout`, follows no redirect and caps the answer's size, and answers
502/504 when the remote fails, which pyoxigraph reports as a SERVICE failure (ignored with SILENT).
The relay can only ever reach allow-listed URLs: a number, not a URL, selects the target.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MAX_ANSWER = 64 << 20
_FORWARDED = ("Accept", "Content-Type", "User-Agent")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect could lead anywhere, the allow-list names endpoints, not where they point


_OPENER = urllib.request.build_opener(_NoRedirect)


class Relay:
    """A loopback HTTP server in a daemon thread of this process, forwarding to the allow-listed endpoints."""

    def __init__(self, targets: tuple[str, ...], timeout: float) -> None:
        self.targets = targets
        self.timeout = timeout
        relay = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                relay._forward(self, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                relay._forward(self, self.rfile.read(length) if length else b"")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.pid = os.getpid()
        threading.Thread(target=self.server.serve_forever, name="orgkg-relay", daemon=True).start()

    def url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.port}/{index}"

    def _forward(self, handler: BaseHTTPRequestHandler, body: bytes | None) -> None:
        path, _, query = handler.path.lstrip("/").partition("?")
        if not path.isdigit() or int(path) >= len(self.targets):
            return self._reply(handler, 404, b"no such relay target")
        target = self.targets[int(path)] + (("&" if "?" in self.targets[int(path)] else "?") + query if query else "")
        refusal = _private_by_name(target)
        if refusal:
            return self._reply(handler, 502, refusal.encode())
        headers = {k: handler.headers[k] for k in _FORWARDED if handler.headers.get(k)}
        request = urllib.request.Request(target, data=body, headers=headers, method=handler.command)
        try:
            with _OPENER.open(request, timeout=self.timeout) as remote:
                answer = remote.read(MAX_ANSWER + 1)
                if len(answer) > MAX_ANSWER:
                    return self._reply(handler, 502, b"the remote answer is too large")
                return self._reply(handler, remote.status, answer, remote.headers.get("Content-Type"))
        except urllib.error.HTTPError as e:
            status = 502 if 300 <= e.code < 400 else e.code  # never pass a redirect on
            return self._reply(handler, status, e.read(4096) if status == e.code else b"the remote endpoint redirected")
        except TimeoutError:
            return self._reply(handler, 504, f"the remote endpoint did not answer within {self.timeout:g} s".encode())
        except (urllib.error.URLError, OSError) as e:
            return self._reply(handler, 502, f"the remote endpoint failed: {e}".encode())

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None = None) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type or "text/plain; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


def _private_by_name(url: str) -> str | None:
    """A host given by name must not lead to loopback, private or link-local addresses (DNS rebinding).

    An allow-list entry that names such an address literally (a local test endpoint) is the operator's choice.
    """
    host = urlsplit(url).hostname or ""
    try:
        ipaddress.ip_address(host)
        return None  # a literal address, allowed as written
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return None  # the call itself will fail and say so
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_reserved or ip.is_unspecified:
            return f"{host} resolves to {ip}, a local address this server does not call"
    return None


_relay: Relay | None = None
_lock = threading.Lock()


def relay_for(targets: tuple[str, ...], timeout: float) -> Relay:
    """This process's relay (made after fork, remade if the allow-list or timeout changed)."""
    global _relay
    with _lock:
        if (_relay is None or _relay.pid != os.getpid() or _relay.targets != targets or _relay.timeout != timeout):
            _relay = Relay(targets, timeout)
        return _relay


def remote_route(config):
    """How an allowed SERVICE or LOAD endpoint is reached: through this worker's relay, with a timeout."""
    if config.backend is not None:
        return None  # a remote store makes the calls itself, to the allowed endpoints as written
    return lambda index: relay_for(config.allow_service, config.service_timeout).url(index)


def explain(message: str) -> str:
    """An error message with relay addresses put back as the endpoints they stand for."""
    relay = _relay
    if relay is not None and relay.pid == os.getpid():
        for index, target in enumerate(relay.targets):
            message = message.replace(relay.url(index), target)
    return message
