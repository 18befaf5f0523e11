"""A few seconds of per-process memory in front of Django's cache, for hot reference lookups.

Django's cache pickles every value and checks every key; on election-day intake the handful
of lookups per report (categories, a region, the day's stage) cost about 6% of its CPU. A
`Memo` keeps the answer in this process for a few seconds, so the shared cache is asked at
most once per key and period. Use it only for small values that are never mutated (tuples,
numbers, strings, a dict read with `in`), and only where a few more seconds of staleness after
a change in *another* process is acceptable; `forget()`/`clear()` drop entries in this
process at once.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

_MISSING = object()
_ALL: weakref.WeakSet[Memo] = weakref.WeakSet()


def clear_all() -> None:
    """Empty every memo of this process (tests call this before each test)."""
    for memo in list(_ALL):
        memo.clear()


class Memo:
    """A bounded {key: (expires, value)} dict; thread-safe for get/set under the GIL."""

    def __init__(self, seconds: float = 5.0, max_entries: int = 10_000):
        self.seconds = seconds
        self.max_entries = max_entries
        self._data: dict[Any, tuple[float, Any]] = {}
        _ALL.add(self)

    def get(self, key, default=None):
        item = self._data.get(key, _MISSING)
        if item is _MISSING or item[0] < time.monotonic():
            return default
        return item[1]

    def set(self, key, value) -> None:
        if len(self._data) >= self.max_entries:
            self._data = {}  # crude but bounded: start over rather than track recency
        self._data[key] = (time.monotonic() + self.seconds, value)

    def forget(self, key) -> None:
        self._data.pop(key, None)

    def clear(self) -> None:
        self._data = {}
