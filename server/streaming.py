"""Stream a serializer's output to the client in chunks, without building the whole answer in memory.

pyoxigraph serializers write to a file object; here they write into a bounded queue from a helper
thread while the WSGI response iterates over it, so memory stays at a few chunks whatever the size.
"""

from __future__ import annotations

import queue
import threading
from typing import Callable, Iterator

CHUNK = 64 * 1024
_DONE = object()


class _Closed(Exception):
    """The client went away; stop serializing."""


class _QueueWriter:
    def __init__(self, out: "queue.Queue[object]", closed: threading.Event) -> None:
        self._out = out
        self._closed = closed
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        if self._closed.is_set():
            raise _Closed()
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buffer:
            chunk, self._buffer = bytes(self._buffer), bytearray()
            while True:
                if self._closed.is_set():
                    raise _Closed()
                try:
                    self._out.put(chunk, timeout=0.5)
                    return
                except queue.Full:
                    continue


class _TooLarge(Exception):
    """The answer outgrew the in-thread buffer; stream it instead."""


class _CappedWriter:
    def __init__(self, limit: int) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.limit = limit

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _TooLarge()
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def respond_body(work: Callable[[object], None], limit: int = 1 << 20) -> bytes | Iterator[bytes]:
    """Small answers: computed and serialized in this thread, returned whole (no thread hand-off).

    An answer past `limit` bytes is abandoned and redone in a streaming thread (`stream`), so memory
    stays bounded; the work runs again there, which costs little next to the size of such an answer.
    """
    writer = _CappedWriter(limit)
    try:
        work(writer)
    except _TooLarge:
        return stream(work)
    return b"".join(writer.parts)


def stream(serialize: Callable[[object], None]) -> Iterator[bytes]:
    """Start `serialize(file)` and wait for its first chunk, so an early error still gets a status.

    Raises what the serializer raised if it failed before writing a chunk; after that an error ends
    the stream early (the client sees a truncated body).
    """
    out: "queue.Queue[object]" = queue.Queue(maxsize=8)
    closed = threading.Event()
    failure: list[BaseException] = []

    def run() -> None:
        writer = _QueueWriter(out, closed)
        try:
            serialize(writer)
            writer.flush()
        except _Closed:
            pass
        except BaseException as e:  # handed to the response iterator
            failure.append(e)
        finally:
            while True:
                try:
                    out.put(_DONE, timeout=0.5)
                    break
                except queue.Full:
                    if closed.is_set():
                        break

    threading.Thread(target=run, name="orgkg-serialize", daemon=True).start()
    first = out.get()
    if first is _DONE and failure:
        raise failure[0]
    return _rest(first, out, closed, failure)


def _rest(first: object, out: "queue.Queue[object]", closed: threading.Event,
          failure: list[BaseException]) -> Iterator[bytes]:
    try:
        item = first
        while item is not _DONE:
            yield item  # type: ignore[misc]
            item = out.get()
        if failure:
            raise failure[0]
    finally:
        closed.set()
