"""Time limits for one document's processing, and a way to stop a run now.

Normalising, extracting and labelling one document runs under ``time_limit``: the
long loops of those stages call ``check_time``, which raises ``DocumentTimeLimit``
once the document's seconds are spent, and ``Stopped`` as soon as ``request_stop``
was called (the CLI calls it on SIGTERM), so a worker thread deep in a huge
document gives up within moments instead of holding the process for minutes.

The checks are cooperative and per thread: each thread (a thread runner's worker,
a Dask worker's) has its own deadline; ``request_stop`` is process-wide.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class DocumentTimeLimit(Exception):
    """A document took longer than its time limit; it is recorded as an error, not loaded."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the {seconds:g}-second limit per document")
        self.seconds = seconds


class Stopped(BaseException):
    """The run was asked to stop (SIGTERM) while a document was being processed.

    A ``BaseException``, like ``KeyboardInterrupt``: no handler of one bad document
    takes it for that document's error.
    """


class _Deadline(threading.local):
    """This thread's deadline (``time.monotonic``) and the limit it came from."""

    at: float = math.inf
    seconds: float = 0.0


_deadline = _Deadline()
_stopping = False  # checked on every call: a plain global is the cheapest test


def request_stop() -> None:
    """Make every ``check_time`` in this process raise ``Stopped`` from now on."""
    global _stopping
    _stopping = True


def stop_requested() -> bool:
    return _stopping


def clear_stop() -> None:
    """Undo ``request_stop`` (a long-lived process starting its next run, tests)."""
    global _stopping
    _stopping = False


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """``check_time`` in this thread raises once ``seconds`` have passed (None or 0: never)."""
    previous = (_deadline.at, _deadline.seconds)
    if seconds:
        _deadline.at, _deadline.seconds = time.monotonic() + seconds, seconds
    else:
        _deadline.at, _deadline.seconds = math.inf, 0.0
    try:
        yield
    finally:
        _deadline.at, _deadline.seconds = previous


def check_time() -> None:
    """Raise ``Stopped`` if the run is stopping, ``DocumentTimeLimit`` if time is up.

    Cheap enough (a global, a thread-local and the clock) to call once per candidate.
    """
    if _stopping:
        raise Stopped("the run was asked to stop")
    if time.monotonic() > _deadline.at:
        raise DocumentTimeLimit(_deadline.seconds)
