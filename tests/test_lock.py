"""The writer's lock (``warehouse.lock``): one writer at a time, a bounded wait, one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.lock import WarehouseBusyError, lock_path, writer_lock

HOLDER = r"""
import sys
from warehouse.lock import writer_lock
with writer_lock(sys.argv[1], 0, "newsfacts run"):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_process_waits_then_gives_up_in_one_line_naming_the_holder(
    tmp_path: Path,
) -> None:
    warehouse = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        told: list[str] = []
        with (
            pytest.raises(WarehouseBusyError) as caught,
            writer_lock(warehouse, 0.5, "check", told.append),
        ):
            pass
        message = str(caught.value)
        assert "\n" not in message and f"newsfacts run (pid {holder.pid}" in message
        assert len(told) == 1 and told[0].startswith("waiting up to 0.5 s for newsfacts run")
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    # the holder is gone: the lock is free, and re-entrant within this process
    with writer_lock(warehouse, 0, "run"), writer_lock(warehouse, 0, "run again"):
        assert "run (pid" in lock_path(warehouse).read_text(encoding="utf-8")
