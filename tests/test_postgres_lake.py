"""The whole flow, the gate and the analysts' commands on a DuckLake whose catalog is a
real PostgreSQL server (started by the ``pg_server`` fixture on loopback)."""

from __future__ import annotations

import subprocess

import pytest

from flows.etl import etl
from newsfacts.settings import Settings
from tests.conftest import REPO
from tests.sitekit import baseline_run
from tests.test_dask import FACT_ROWS, fact_rows
from warehouse.db import connect

pytestmark = pytest.mark.slow


def newsfacts(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["uv", "run", "--no-sync", "newsfacts", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=240,
    )


def test_flow_gate_and_analysts_commands_on_a_postgres_catalog(prefect_harness, pg_lake):
    corpus, default_warehouse = baseline_run()
    lake = Settings(warehouse=pg_lake, batch_size=1)

    first = etl([str(corpus)], lake)
    rerun = etl([str(corpus)], lake)

    assert first.status == "completed" and first.counts.facts > 0
    assert (rerun.count_skipped, rerun.counts.facts) == (3, 0)
    con = connect(pg_lake, read_only=True)
    try:
        on_lake = con.execute(FACT_ROWS).fetchall()
        catalog = con.execute(
            "select split_part(path, ':', 1) from duckdb_databases() where database_name = 'lake'"
        ).fetchall()
        runs = con.execute("select status from main.runs").fetchall()
    finally:
        con.close()
    assert on_lake == fact_rows(default_warehouse)
    assert catalog == [("postgres",)]  # the catalog really is PostgreSQL
    assert runs == [("completed",), ("completed",)]

    check = newsfacts("check", "--warehouse", pg_lake)
    assert check.returncode in (0, 1), check.stderr  # warnings (old samples) at most
    assert "freshness_days" in check.stdout

    count = newsfacts(
        "sql", "--warehouse", pg_lake, "--mode", "csv", "-c", "select count(*) from facts"
    )
    assert count.returncode == 0, count.stderr
    assert count.stdout.split() == ["count_star()", str(len(on_lake))]

    con = connect(pg_lake, read_only=True)
    try:
        title, con_title = con.execute(
            "select split_part(title, ' ', 1), title from raw.articles order by article_id limit 1"
        ).fetchone()
    finally:
        con.close()
    found = newsfacts("search", "--warehouse", pg_lake, "--json", title)
    assert found.returncode == 0, found.stderr
    assert con_title in found.stdout

    page = pg_lake.rsplit("=", 1)[1] + "quality.html"
    written = newsfacts("report", "--warehouse", pg_lake, "--html", page)
    assert written.returncode == 0, written.stderr
    assert f"{len(on_lake)} facts" in written.stderr
