"""The writer's lock: one process at a time writes a warehouse file, the others wait.

DuckDB locks a database file only while a connection is open, and a run opens
and closes the warehouse once per task: between two tasks another writer (a
second run, ``newsfacts check``) could slip in, and the run would fail at its
next task. So every writer of ours first takes an advisory lock on
``<warehouse>.lock`` (``flock``) and keeps it for its whole work: a run from
before it starts until after it publishes, a check while it checks. A writer
that meets the lock waits, saying once for whom, up to a bound, then gives up
with ``WarehouseBusyError``. The kernel drops the lock when its holder dies
(SIGKILL included), so a dead run never blocks the next one. The lock file
names its holder (pid, command, since when) for the message.

Within one process the lock is re-entrant: the CLI takes it before Prefect
starts, and the flow it runs takes it again.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from warehouse.db import LOCK_POLL_SECONDS, WarehouseLockedError, is_ducklake, logger


class WarehouseBusyError(WarehouseLockedError):
    """Another writer of ours (a run, a check) held the warehouse for longer than we wait."""


_held: dict[Path, tuple[int, int]] = {}  # lock file -> (descriptor, depth), this process
_guard = threading.Lock()


def lock_path(warehouse: str | Path) -> Path:
    """The advisory lock file of a warehouse file: ``<warehouse>.lock`` beside it."""
    return Path(f"{Path(warehouse).resolve()}.lock")


def lock_holder(path: Path) -> str:
    """Who holds (or last held) the lock, as its file says: ``run (pid 12, since …)``."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except OSError:
        return "another writer"
    return text or "another writer"


def _log(line: str) -> None:
    logger.warning(line)


@contextmanager
def writer_lock(
    warehouse: str | Path,
    wait_seconds: float,
    holder: str,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the warehouse's writer lock in the block, waiting up to ``wait_seconds`` for it.

    ``holder`` says what this process is doing (``run``, ``check``) for whoever waits.
    ``on_wait`` is told, once, whom we wait for (by default a warning of the
    ``newsfacts.warehouse`` logger). DuckLake and in-memory warehouses have no file
    to lock: the block runs unlocked.
    """
    if is_ducklake(warehouse) or str(warehouse) == ":memory:":
        yield
        return
    path = lock_path(warehouse)
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        _acquire(path, warehouse, wait_seconds, holder, on_wait or _log)
    try:
        yield
    finally:
        with _guard:
            fd, depth = _held[path]
            if depth > 1:
                _held[path] = (fd, depth - 1)
            else:
                del _held[path]
                os.close(fd)  # closing the descriptor releases the lock


def _acquire(
    path: Path,
    warehouse: str | Path,
    wait_seconds: float,
    holder: str,
    on_wait: Callable[[str], None],
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    told = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                other = lock_holder(path)
                if time.monotonic() >= deadline:
                    raise WarehouseBusyError(
                        f"{warehouse} is busy: {other} is writing it"
                        f" (waited {wait_seconds:g} s; NEWSFACTS_LOCK_WAIT sets how long)"
                    ) from None
                if not told:
                    on_wait(
                        f"waiting up to {wait_seconds:g} s for {other} to finish with {warehouse}"
                    )
                    told = True
                time.sleep(LOCK_POLL_SECONDS)
        since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{holder} (pid {os.getpid()}, since {since})\n".encode(), 0)
    except BaseException:
        os.close(fd)
        raise
    with _guard:
        _held[path] = (fd, 1)
