"""The same flow writes the same tables to DuckLake (SQLite catalog, Parquet data files)."""

from __future__ import annotations

import pytest

from flows.etl import etl
from newsfacts.settings import Settings
from schemas import TABLES
from tests.sitekit import baseline_run
from tests.test_dask import FACT_ROWS, fact_rows
from warehouse.db import (
    VIEW_LAYERS,
    connect,
    ducklake_attach_sql,
    migrate,
    relation_name,
    sql_files,
)
from warehouse.ddl import create_table


def test_ducklake_addresses_parse_with_clear_errors(tmp_path) -> None:
    catalog = tmp_path / "lake" / "catalog.sqlite"
    assert ducklake_attach_sql(f"ducklake:sqlite:{catalog}") == (
        f"ducklake:sqlite:{catalog}",
        f"{catalog}.files/",
    )
    assert ducklake_attach_sql("ducklake:postgres:dbname=lake host=db?data_path=s3://b/l/") == (
        "ducklake:postgres:dbname=lake host=db",
        "s3://b/l/",
    )
    with pytest.raises(ValueError, match="expected ducklake:sqlite"):
        ducklake_attach_sql("ducklake:mysql:lake")
    with pytest.raises(ValueError, match="only data_path"):
        ducklake_attach_sql(f"ducklake:sqlite:{catalog}?path=x")


def test_key_constraints_are_left_out_for_ducklake() -> None:
    runs = TABLES["runs"]
    assert runs.primary_key
    assert 'primary key ("run_id")' in create_table(runs)
    assert "primary key" not in create_table(runs, keys=False)


def test_ducklake_gets_every_view_without_the_comments_it_cannot_hold(tmp_path) -> None:
    con = connect(f"ducklake:sqlite:{tmp_path / 'catalog.sqlite'}")
    try:
        migrate(con)
        views = con.execute(
            "select schema_name || '.' || view_name, comment from duckdb_views()"
            " where database_name = 'lake'"
        ).fetchall()
        assert con.execute("select count(*) from main.facts").fetchone() == (0,)
    finally:
        con.close()
    expected = {relation_name(path) for layer in VIEW_LAYERS for path in sql_files(layer)}
    assert {name for name, _ in views} == expected
    assert {comment for _, comment in views} == {None}


@pytest.mark.slow
def test_ducklake_gets_the_same_fact_rows_as_a_duckdb_file(prefect_harness, tmp_path) -> None:
    corpus, default_warehouse = baseline_run()
    lake_address = f"ducklake:sqlite:{tmp_path / 'lake' / 'catalog.sqlite'}"
    lake = Settings(warehouse=lake_address)

    first = etl([str(corpus)], lake)
    rerun = etl([str(corpus)], lake)

    assert first.status == "completed"
    assert first.counts.facts > 0
    assert (rerun.count_skipped, rerun.counts.facts) == (3, 0)  # idempotent without keys
    assert lake.published_warehouse is None  # DuckLake readers get snapshots natively

    con = connect(lake_address, read_only=True)
    try:
        on_lake = con.execute(FACT_ROWS).fetchall()
        runs = con.execute("select status from main.runs").fetchall()
        views = con.execute("select count(*) from main.facts").fetchone()[0]
        files = con.execute(
            "select count(*) from ducklake_list_files('lake', 'facts', schema => 'raw')"
        ).fetchone()[0]
    finally:
        con.close()
    assert on_lake == fact_rows(default_warehouse)
    assert runs == [("completed",), ("completed",)]
    assert views == len(on_lake)
    assert files >= 1
    assert list((tmp_path / "lake" / "catalog.sqlite.files").rglob("*.parquet"))
