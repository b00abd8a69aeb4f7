"""Map a function over items on worker processes, results in input order, a bounded number of batches in flight.

`Pool.imap` queues every task at once and keeps every finished result until the consumer takes it, so a
consumer slower than the workers (the store's bulk loader) lets results pile up in memory with the
size of the input; here at most `ahead` batches per worker are submitted and not yet taken.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from itertools import islice
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def _apply_all(func: Callable[[T], R], batch: list[T]) -> list[R]:
    return [func(item) for item in batch]


def ordered_map(func: Callable[[T], R], items: Iterable[T], jobs: int, batch: int = 8, ahead: int = 4,
                initializer: Callable | None = None, initargs: tuple = ()) -> Iterator[R]:
    """`map(func, items)` on `jobs` spawned processes (a module-level `func`); in this process when jobs <= 1."""
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(func, items)
        return
    source = iter(items)
    window: deque = deque()
    # spawn, not fork: the caller may already run RocksDB's threads, which a fork would not carry over
    with multiprocessing.get_context("spawn").Pool(jobs, initializer, initargs) as pool:
        while True:
            while len(window) < ahead * jobs:
                chunk = list(islice(source, batch))
                if not chunk:
                    break
                window.append(pool.apply_async(_apply_all, (func, chunk)))
            if not window:
                return
            yield from window.popleft().get()
