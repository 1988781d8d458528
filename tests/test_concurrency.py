"""An analyst holding the warehouse open never fails a run and sees a consistent snapshot.

Two processes: this one runs the flow (the writer); a child process is the
analyst, holding a read-only DuckDB connection on the published snapshot across
a whole run, as a ``duckdb -readonly`` shell would.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from flows.etl import etl
from newsfacts.settings import Settings
from tests.conftest import REPO, SAMPLES
from warehouse.db import WarehouseLockedError, connect

pytestmark = pytest.mark.slow

ANALYST = r"""
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
def snapshot(c):
    runs = c.execute("select count(*) from raw.runs").fetchone()[0]
    articles = c.execute("select count(*) from main.articles").fetchone()[0]
    facts = c.execute("select count(*) from main.facts").fetchone()[0]
    return f"{runs} {articles} {facts}"
print("held", snapshot(con), flush=True)
for line in sys.stdin:
    if line.strip() == "again":
        print("held", snapshot(con), flush=True)
    elif line.strip() == "reopen":
        con.close()
        con = duckdb.connect(sys.argv[1], read_only=True)
        print("reopened", snapshot(con), flush=True)
    else:
        break
"""


def ask(analyst: subprocess.Popen, command: str | None = None) -> list[int]:
    if command:
        analyst.stdin.write(command + "\n")
        analyst.stdin.flush()
    line = analyst.stdout.readline().split()
    assert line, analyst.stderr.read()
    return [int(x) for x in line[1:]]


def test_analyst_on_the_published_snapshot_never_blocks_a_run(prefect_harness, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    for f in files[:2]:
        shutil.copy(f, corpus / f.name)
    settings = Settings(warehouse=str(tmp_path / "work" / "newsfacts.duckdb"))
    published = settings.published_warehouse
    assert published == tmp_path / "work" / "published" / "newsfacts.duckdb"

    first = etl([str(corpus)], settings)
    assert first.status == "completed" and published.is_file()

    analyst = subprocess.Popen(
        [sys.executable, "-c", ANALYST, str(published)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = ask(analyst)
        assert before[0] == 1 and before[1] == 2 and before[2] > 0

        # the scheduled run happens while the analyst's connection is open
        for f in files[2:5]:
            shutil.copy(f, corpus / f.name)
        second = etl([str(corpus)], settings)
        assert second.status == "completed"
        assert second.counts.articles == 3

        # the open connection still sees the whole previous run, nothing of the new one
        assert ask(analyst, "again") == before
        # reopening sees the new run, complete
        after = ask(analyst, "reopen")
        assert after[0] == 2 and after[1] == 5 and after[2] > before[2]
        analyst.stdin.write("quit\n")
        analyst.stdin.flush()
        assert analyst.wait(timeout=30) == 0
    finally:
        if analyst.poll() is None:
            analyst.kill()
            analyst.wait()

    # the published file is read-only; the duckdb shell opens it with -readonly
    shell = REPO / ".venv" / "bin" / "duckdb"
    out = subprocess.run(
        [str(shell), "-readonly", "-csv", str(published), "-c", "select count(*) from articles"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.split() == ["count_star()", "5"]
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        assert con.execute("select count(*) from raw.runs").fetchone()[0] == 2


def test_why_analysts_are_not_pointed_at_the_working_file(tmp_path: Path) -> None:
    """DuckDB's file lock: a reader in another process makes the writer fail."""
    path = tmp_path / "working.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table t (x integer)")
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb; c = duckdb.connect(sys.argv[1], read_only=True);"
            " print('open', flush=True); sys.stdin.read()",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseLockedError):
            connect(path)
    finally:
        reader.stdin.close()
        reader.wait(timeout=30)


def test_publishing_refuses_what_it_cannot_publish(tmp_path: Path) -> None:
    from warehouse.publish import PublishError, publish_snapshot

    with pytest.raises(PublishError, match="no warehouse"):
        publish_snapshot(tmp_path / "missing.duckdb", tmp_path / "published" / "x.duckdb")
    working = tmp_path / "working.duckdb"
    with duckdb.connect(str(working)) as con:
        con.execute("create schema raw; create table raw.runs (run_id varchar)")
    with pytest.raises(PublishError, match="different file"):
        publish_snapshot(working, working)
    published = publish_snapshot(working, tmp_path / "published" / "working.duckdb")
    assert not published.stat().st_mode & 0o222  # read-only for everyone
    assert [p.name for p in published.parent.iterdir()] == ["working.duckdb"]  # no temp left
