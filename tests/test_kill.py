"""A run killed with SIGKILL in the middle of loading leaves a consistent warehouse,
and the next run completes it with no duplicates.

The run is the real ``newsfacts run`` in a subprocess (against the session's Prefect
server, so it does not start its own). It is killed while it holds the warehouse
open for writing: DuckDB's write-ahead log file exists exactly then.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsfacts.pipeline import link_near_duplicates, process_documents, read_files
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from schemas.batch import validate_batch
from tests.conftest import REPO

COUNT_ARTICLES = 600
BATCH_SIZE = 50


def write_corpus(folder: Path) -> None:
    """Articles different enough that none is a near-duplicate of another."""
    folder.mkdir()
    for i in range(COUNT_ARTICLES):
        rng = random.Random(i)
        words = " ".join(f"{rng.getrandbits(24):06x}" for _ in range(24))
        (folder / f"site_{i:05d}.txt").write_text(
            f"Site {i} opens in region {i % 17}\n\n"
            f"The operator said site {i} delivers {i + 1} petaflops and cost "
            f"${i + 3} million, up {i % 90 + 1}% on last year. Notes: {words}.\n",
            encoding="utf-8",
        )


def expected_fact_ids(folder: Path, settings: Settings) -> set[str]:
    """Valid fact ids of the corpus, computed directly by the pipeline's functions."""
    raws, _ = read_files(list(iter_source_files([folder])), settings)
    batch = link_near_duplicates(process_documents(raws, settings), {})
    validated = validate_batch(batch, settings.extractor_version)
    return set(validated.frames["facts"]["fact_id"].to_list())


def newsfacts_run(corpus: Path, warehouse: Path) -> subprocess.Popen[str]:
    from prefect.settings import PREFECT_API_URL

    env = {
        **os.environ,
        "PREFECT_API_URL": str(PREFECT_API_URL.value()),
        "NEWSFACTS_PUBLISH_PATH": "",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "run",
            str(corpus),
            "--warehouse",
            str(warehouse),
            "--batch-size",
            str(BATCH_SIZE),
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_while_writing(
    process: subprocess.Popen[str], wal: Path, after_opens: int, stop: int = signal.SIGKILL
) -> int:
    """Send ``stop`` (SIGKILL) to ``process`` the ``after_opens``-th time the WAL appears;
    opens seen."""
    seen, present = 0, False
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        now = wal.exists()
        if now and not present:
            seen += 1
            if seen >= after_opens:
                process.send_signal(stop)
                break
        present = now
        time.sleep(0.001)
    process.wait(timeout=30)
    return seen


def consistency_problems(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Counts of rows that break a relation between tables: all must be 0."""
    checks = {
        "facts without article": "select count(*) from raw.facts f anti join raw.articles a"
        " using (article_id)",
        "paragraphs without article": "select count(*) from raw.paragraphs p anti join"
        " raw.articles a using (article_id)",
        "articles without raw document": "select count(*) from raw.articles a anti join"
        " raw.raw_documents d using (content_hash)",
        "raw documents without article": "select count(*) from raw.raw_documents d anti join"
        " raw.articles a using (content_hash)",
        "articles with missing paragraphs": """
            select count(*) from raw.articles a
            left join (select article_id, count(*) n from raw.paragraphs group by 1) p
                using (article_id)
            where coalesce(p.n, 0) <> a.count_paragraphs""",
    }
    return {name: con.execute(sql).fetchone()[0] for name, sql in checks.items()}


def duplicate_keys(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    keys = {
        "articles": "article_id",
        "raw_documents": "content_hash",
        "facts": "fact_id",
        "paragraphs": "article_id, paragraph_index",
    }
    return {
        table: con.execute(
            f"select count(*) - count(distinct ({key})) from raw.{table}"
        ).fetchone()[0]
        for table, key in keys.items()
    }


@pytest.mark.slow
def test_a_run_killed_mid_load_leaves_a_consistent_warehouse(
    prefect_harness, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    warehouse = tmp_path / "kill.duckdb"
    expected = expected_fact_ids(corpus, Settings(warehouse=str(warehouse)))
    assert len(expected) == 3 * COUNT_ARTICLES

    killed = newsfacts_run(corpus, warehouse)
    opens = kill_while_writing(killed, Path(f"{warehouse}.wal"), after_opens=8)
    assert killed.returncode == -signal.SIGKILL, (opens, killed.stderr.read()[-3000:])

    with duckdb.connect(str(warehouse)) as con:  # replays the log, drops the open transaction
        loaded = con.execute("select count(*) from raw.articles").fetchone()[0]
        runs = con.execute("select status from raw.runs").fetchall()
        assert consistency_problems(con) == dict.fromkeys(consistency_problems(con), 0)
        assert duplicate_keys(con) == dict.fromkeys(duplicate_keys(con), 0)
        # whole batches only: the killed run never commits part of one
        assert loaded % BATCH_SIZE == 0
        assert loaded < COUNT_ARTICLES
        partial = {r[0] for r in con.execute("select fact_id from raw.facts").fetchall()}
    assert runs == [("running",)]  # the killed run never finished
    assert partial <= expected

    rerun = newsfacts_run(corpus, warehouse)
    _, errors = rerun.communicate(timeout=240)
    assert rerun.returncode == 0, errors[-3000:]

    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert consistency_problems(con) == dict.fromkeys(consistency_problems(con), 0)
        assert duplicate_keys(con) == dict.fromkeys(duplicate_keys(con), 0)
        assert con.execute("select count(*) from raw.articles").fetchone()[0] == COUNT_ARTICLES
        final = {r[0] for r in con.execute("select fact_id from raw.facts").fetchall()}
        statuses = [
            r[0]
            for r in con.execute("select status from main.runs order by started_at desc").fetchall()
        ]
    assert final == expected
    assert statuses == ["completed", "abandoned"]  # newest first; the killed run is marked
