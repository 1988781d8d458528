"""Publishing a read-only snapshot of the warehouse for analysts.

The concurrency design: the pipeline is the only process that opens its
*working* DuckDB file, and analysts never do. After each run that passed its
quality gate, the working file is checkpointed, copied to a temporary file next
to the *published* file, checked, made read-only and moved over the published
file with ``os.replace``, an atomic rename.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

import duckdb

try:
    import fcntl
except ImportError:  # Windows: no advisory locks, so stale copies are left for an operator
    fcntl = None

from warehouse.db import connect

READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


class PublishError(RuntimeError):
    """The snapshot could not be published; the previous one stays in place."""


def checkpoint(working: str | Path) -> None:
    """Fold the write-ahead log into the working file so a file copy is complete."""
    con = connect(working)  # a reader on the working file raises WarehouseLockedError here
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


def publish_snapshot(working: str | Path, published: Path) -> Path:
    """Atomically replace ``published`` with a checked, read-only copy of ``working``.

    Copies that killed publishers left beside ``published`` are removed first.
    """
    working = Path(working)
    if not working.is_file():
        raise PublishError(f"no warehouse at {working} to publish")
    if working.resolve() == published.resolve():
        raise PublishError("the published snapshot must be a different file from the warehouse")
    published.parent.mkdir(parents=True, exist_ok=True)
    checkpoint(working)
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
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    return published
