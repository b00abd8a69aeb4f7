"""The store as each worker process sees it: read-only, reopened when a write or a build changed the data.

Or a remote SPARQL store (`orgkg serve --backend URL`), which keeps its own data current.

Oxigraph lets many processes open a store read-only next to one read-write process, and a reader sees
the data as of when it opened. Writers take a file lock, open the store read-write, apply the change,
close it and bump a generation counter beside the store; every worker compares the counter before a
request and reopens when it moved, so an update reaches every worker.
"""

from __future__ import annotations

import fcntl
import os
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from pyoxigraph import Store

from extract.storedir import bump_generation, generation_file

T = TypeVar("T")


class Backend:
    """A worker's handle on the store directory."""

    def __init__(self, store_dir: str | Path) -> None:
        self.path = Path(store_dir)
        self._generation = str(generation_file(self.path))  # stat()ed before every request
        self._store: Store | None = None
        self._seen: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def _stamp(self) -> tuple[int, int]:
        try:
            st = os.stat(self._generation)
            return st.st_mtime_ns, st.st_ino
        except FileNotFoundError:
            return 0, 0

    def reader(self) -> Store:
        """The read-only store, opened on first use after fork and reopened when the data changed."""
        stamp = self._stamp()
        with self._lock:
            if self._store is None or stamp != self._seen:
                self._store = None
                self._store = Store.read_only(str(self.path))
                self._seen = stamp
            return self._store

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        lock_path = self.path.with_name(self.path.name + ".lock")
        with open(lock_path, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def write(self, change: Callable[[Store], T]) -> T:
        """Apply a change with the store open read-write, then make every worker see it."""
        with self._exclusive():
            with self._lock:
                self._store = None  # this process's reader reopens after the write
            store = Store(str(self.path))
            try:
                result = change(store)
                store.flush()
            except BaseException as e:
                # the traceback's frames hold the read-write store; clear them so the lock goes with `store`
                traceback.clear_frames(e.__traceback__)
                raise
            finally:
                del store
            bump_generation(self.path)
        return result


class RemoteBackend:
    """A remote SPARQL 1.1 store in place of the folder: the same calls, made over HTTP (`extract.remote`)."""

    def __init__(self, store) -> None:
        self.store = store

    def reader(self):
        return self.store

    def write(self, change: Callable[[object], T]) -> T:
        """Writes go to the remote store as they are made; its own transactions order them."""
        return change(self.store)
