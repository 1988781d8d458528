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
ExpectedListener = Callable[[int], None]

_listener: ContextVar[ProgressListener | None] = ContextVar("newsfacts_progress", default=None)
_expected: ContextVar[ExpectedListener | None] = ContextVar("newsfacts_expected", default=None)


@contextmanager
def progress_listener(
    listener: ProgressListener, expect: ExpectedListener | None = None
) -> Iterator[None]:
    """Call ``listener(documents, added)`` after every batch a run loads inside this block,
    and ``expect(documents)`` whenever a source says how many documents it will bring (a
    folder once listed, a URL list, a feed once discovered; a WARC file never does)."""
    token, expected = _listener.set(listener), _expected.set(expect)
    try:
        yield
    finally:
        _listener.reset(token)
        _expected.reset(expected)


def notify_expected(documents: int) -> None:
    """Tell the listener, if any, that a source will bring ``documents`` more documents."""
    expect = _expected.get()
    if expect is not None:
        expect(documents)


def notify_progress(documents: int, added: LoadCounts) -> None:
    """Tell the listener, if any, that a batch of ``documents`` was loaded."""
    listener = _listener.get()
    if listener is not None:
        listener(documents, added)
