"""Publishing the analysts' snapshot: a publisher killed mid-copy leaves no copy for good.

The publisher is a real subprocess publishing a real DuckDB file over and over; it is
killed with SIGKILL while its temporary copy exists, and the next publish must remove
that copy (a full-size file per kill otherwise: a disk fills up over a season of
killed runs) while never touching the copy of a publisher that is still alive.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO
from warehouse.publish import publish_snapshot

PUBLISH_FOREVER = """
import sys
from pathlib import Path
from warehouse.publish import publish_snapshot
while True:
    publish_snapshot(sys.argv[1], Path(sys.argv[2]))
"""


def make_warehouse(path: Path, rows: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema raw; create table raw.runs (run_id varchar)")
        con.execute(
            "create table padding as select range as i, md5(range::varchar) as h"
            f" from range({rows})"
        )


def copies(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def kill_while_copying(working: Path, published: Path) -> Path:
    """SIGKILL a publisher the moment its temporary copy exists; return that copy."""
    child = subprocess.Popen(
        [sys.executable, "-c", PUBLISH_FOREVER, str(working), str(published)],
        cwd=REPO,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and child.poll() is None:
            if found := copies(published.parent):
                child.send_signal(signal.SIGKILL)
                child.wait(10)
                return found[0]
            time.sleep(0.0005)
        stderr = child.stderr.read().decode() if child.poll() is not None else ""
        pytest.fail(f"never saw the publisher's temporary copy: {stderr[-2000:]}")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
        child.stderr.close()
    raise AssertionError("unreachable")


@pytest.mark.slow
def test_next_publish_removes_the_copy_of_a_killed_publisher(tmp_path: Path) -> None:
    working = tmp_path / "newsfacts.duckdb"
    make_warehouse(working, 300_000)
    published = tmp_path / "published" / "newsfacts.duckdb"
    stale = kill_while_copying(working, published)
    assert stale.exists()  # SIGKILL leaves it: nothing runs in a killed process

    publish_snapshot(working, published)

    assert copies(published.parent) == []
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select count(*) from padding").fetchone() == (300_000,)


def test_a_live_publishers_copy_is_left_alone(tmp_path: Path) -> None:
    """The copy a running publisher holds is not stale: removing it would fail that publish."""
    working = tmp_path / "newsfacts.duckdb"
    make_warehouse(working, 10)
    published = tmp_path / "published" / "newsfacts.duckdb"
    published.parent.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_A_COPY, str(published.parent / ".newsfacts.duckdb.1.tmp")],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        publish_snapshot(working, published)
        assert [p.name for p in copies(published.parent)] == [".newsfacts.duckdb.1.tmp"]
    finally:
        holder.kill()
        holder.wait(10)
        holder.stdout.close()
    publish_snapshot(working, published)
    assert copies(published.parent) == []


HOLD_A_COPY = """
import sys, time
from warehouse.publish import hold_copy
with hold_copy(sys.argv[1]):
    print("holding", flush=True)
    time.sleep(60)
"""
