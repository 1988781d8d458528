"""Progress of a run, for whoever started it (the CLI draws a rich progress bar).

The flow reports each loaded batch through ``notify_progress``; a caller that
wants to hear about it wraps the run in ``progress_listener``. Nothing is
reported when nobody listens (scheduled runs, tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from warehouse.load import LoadCounts

ProgressListener = Callable[[int, LoadCounts], None]

_listener: ContextVar[ProgressListener | None] = ContextVar("newsfacts_progress", default=None)


@contextmanager
def progress_listener(listener: ProgressListener) -> Iterator[None]:
    """Call ``listener(documents, added)`` after every batch a run loads inside this block."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def notify_progress(documents: int, added: LoadCounts) -> None:
    """Tell the listener, if any, that a batch of ``documents`` was loaded."""
    listener = _listener.get()
    if listener is not None:
        listener(documents, added)
