"""Publishing a read-only snapshot of the warehouse for analysts.

The concurrency design: the pipeline is the only process that opens its
*working* DuckDB file, and analysts never do. After each run that passed its
quality gate, the working file is checkpointed, copied to a temporary file next
to the *published* file, checked, made read-only and moved over the published
file with ``os.replace``, an atomic rename. A run that failed its gate publishes
only while no checked snapshot exists (the first runs): readers then have its
data, marked unchecked by the run's ``failed`` status in the snapshot's
``raw.runs`` (``snapshot_run``), and the next run that passes replaces it.
Analysts who want the working data as it is now get a private copy
(``working_copy``), taken under the writer's lock: no reader ever holds the
working file.

Why this and not DuckLake: DuckDB takes an exclusive lock per file, so an
analyst's ``duckdb`` shell on the working file would make the next scheduled
run fail. With snapshots, an analyst's shell holds the *old* published file's
inode open; the rename gives later openers the new file and never disturbs the
open one. The analyst therefore sees one consistent snapshot (a whole run, never
half a batch) until they reopen, and the writer never waits or fails. Costs: a
full copy per run (seconds for a few GB) and analysts see data as of the last
run. DuckLake (``--warehouse ducklake:...``) is the choice for many writers or
object storage; see docs/operations.md.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import duckdb

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so stale copies are left for an operator
    fcntl = None

from warehouse.db import connect, unusable
from warehouse.lock import writer_lock

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class PublishError(RuntimeError):
    """The snapshot could not be published; the previous one stays in place."""


def checkpoint(working: str | Path, wait_seconds: float = 0.0) -> None:
    """Fold the write-ahead log into the working file so a file copy is complete."""
    # another process on the working file makes this wait, then raise WarehouseLockedError
    con = connect(working, wait_seconds=wait_seconds)
    try:
        con.execute("checkpoint")
    finally:
        con.close()
    wal = Path(f"{working}.wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise PublishError(f"{wal} still holds uncheckpointed changes")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def hold_copy(path: str | Path) -> Iterator[BinaryIO]:
    """``path`` created and open for writing, under an exclusive lock while it is held.

    The lock is how the next publisher tells a live publisher's copy from the copy a
    killed one left behind: the kernel drops it when its process dies, whatever killed it.
    """
    with open(path, "xb") as stream:
        if fcntl is not None:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield stream


def remove_stale_copies(published: Path) -> list[Path]:
    """Delete the temporary copies of ``published`` that no live publisher holds.

    A publisher killed mid-copy (SIGKILL, the OOM killer, a power cut) leaves its
    full-size copy; each later publish removes such copies first.
    """
    removed: list[Path] = []
    if fcntl is None:
        return removed
    for path in published.parent.glob(f".{published.name}.*.tmp"):
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # gone already, or not ours to open
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            continue  # a live publisher holds it
        else:
            path.unlink(missing_ok=True)
            removed.append(path)
        finally:
            os.close(fd)
    return removed


def publish_snapshot(working: str | Path, published: Path, wait_seconds: float = 0.0) -> Path:
    """Atomically replace ``published`` with a checked, read-only copy of ``working``.

    A snapshot that cannot be written (a folder that cannot be made, a full disk) is
    a ``PublishError`` naming it; the previous snapshot stays in place. Copies that
    killed publishers left beside ``published`` are removed first.
    """
    working = Path(working)
    if not working.is_file():
        raise PublishError(f"no warehouse at {working} to publish")
    if working.resolve() == published.resolve():
        raise PublishError("the published snapshot must be a different file from the warehouse")
    try:
        published.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot publish the snapshot to {published}: {exc}") from exc
    checkpoint(working, wait_seconds)
    remove_stale_copies(published)
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        with hold_copy(staging) as copy, working.open("rb") as source:
            shutil.copyfileobj(source, copy, 16 * 1024 * 1024)
            copy.flush()
            os.fsync(copy.fileno())
            with duckdb.connect(str(staging), read_only=True) as con:
                con.execute("select count(*) from raw.runs").fetchone()
            os.chmod(staging, READ_ONLY)
            os.replace(staging, published)  # still locked: never taken for a stale copy
        _fsync(published.parent)
    except OSError as exc:
        staging.unlink(missing_ok=True)
        raise PublishError(f"cannot publish the snapshot to {published}: {exc}") from exc
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return published


def snapshot_run(published: Path) -> tuple[str, str] | None:
    """(run_id, status) of the run that published the snapshot; None without one.

    ``completed``: it passed its quality gate. ``failed``: it did not, and was
    published because no checked snapshot existed yet.
    """
    if not published.is_file():
        return None
    con = connect(published, read_only=True)  # WarehouseUnusableError if it is corrupt
    try:
        row = con.execute(
            "select run_id, status from raw.runs order by started_at desc limit 1"
        ).fetchone()
    except duckdb.Error as exc:
        raise unusable(published, exc) from exc
    finally:
        con.close()
    return (row[0], row[1]) if row else None


def is_due(published: Path, checked: bool) -> bool:
    """Whether a run publishes: when it passed its gate, or while no checked snapshot exists."""
    if checked:
        return True
    current = snapshot_run(published)
    return current is None or current[1] != "completed"


@contextmanager
def working_copy(
    working: str | Path, wait_seconds: float, on_wait: Callable[[str], None] | None = None
) -> Iterator[Path]:
    """A private copy of the working warehouse as it is now, deleted after the block.

    Taken under the writer's lock (waiting up to ``wait_seconds`` for a run to
    finish), so it holds whole runs only and no reader ever keeps the working file
    open: the copy is the reader's alone, writable (to migrate and index it) and
    beside the working file (a warehouse may be larger than the temporary folder).
    """
    working = Path(working)
    with tempfile.TemporaryDirectory(prefix=".reader-", dir=working.parent) as folder:
        copy = Path(folder) / working.name
        with writer_lock(working, wait_seconds, "a reader's copy", on_wait):
            checkpoint(working, wait_seconds)
            shutil.copyfile(working, copy)
        yield copy
