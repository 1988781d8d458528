"""Each table declared once: the warehouse, the loads and the frames agree with the models.

One meta-test compares a migrated warehouse with the declarations in ``schemas``
and names every mismatch; the planted ones below show that it does.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandera.polars as pa
import polars as pl
import pytest

from schemas import TABLES
from schemas.facts import CLAIM_COLUMNS
from schemas.tables import model_columns, table_of
from warehouse.db import RAW_KEYS, open_warehouse
from warehouse.ddl import create_table, declaration_mismatches, view_mismatches
from warehouse.load import RAW_COLUMNS


@pytest.fixture
def migrated(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    with open_warehouse(tmp_path / "w.duckdb") as con:
        yield con


def test_a_migrated_warehouse_matches_every_declaration(
    migrated: duckdb.DuckDBPyConnection,
) -> None:
    assert declaration_mismatches(migrated) == []


def test_planted_mismatches_are_each_named(migrated: duckdb.DuckDBPyConnection) -> None:
    migrated.execute("alter table raw.facts drop column qualifier")
    migrated.execute("alter table raw.facts add column confidence double")
    migrated.execute("alter table raw.paragraphs alter column lang_confidence type varchar")
    migrated.execute("comment on column raw.articles.title is 'The headline'")
    migrated.execute("comment on table raw.runs is 'runs'")
    assert declaration_mismatches(migrated) == [
        "raw.runs table comment differs from its declaration",
        "raw.articles.title comment 'The headline' differs from its declaration"
        " 'Article headline, from HTML metadata or the first title line; null when none.'",
        "raw.paragraphs.lang_confidence is varchar, declared double",
        "missing raw.facts.qualifier",
        "unexpected raw.facts.confidence",
    ]


def test_a_dropped_table_is_named(migrated: duckdb.DuckDBPyConnection) -> None:
    migrated.execute("drop table raw.fact_conversions")
    assert declaration_mismatches(migrated, with_comments=False) == [
        "missing table raw.fact_conversions"
    ]


def test_an_older_warehouse_gains_a_declared_column_on_migrate(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with open_warehouse(path) as con:
        con.execute("alter table raw.facts drop column section")
        con.execute("delete from raw.migrations")  # as an older release left it
    with open_warehouse(path) as con:
        assert declaration_mismatches(con) == []


def test_loads_insert_every_stored_column_and_key_on_the_grain() -> None:
    for name, columns in RAW_COLUMNS.items():
        table = TABLES[name]
        assert [*columns, "loaded_run_id"] == table.column_names, name
        assert set(RAW_KEYS[name]) <= set(table.column_names), name
    assert TABLES["ingest_errors"].loaded_columns == [
        "source_uri",
        "stage",
        "error",
        "content_hash",
    ]


def test_a_quarantine_twin_keeps_its_tables_columns_nullable_but_the_key() -> None:
    facts, twin = TABLES["facts"], TABLES["quarantined_facts"]
    assert twin.quarantine_of == "facts"
    assert [c for c in twin.column_names if c not in facts.column_names] == [
        "status",
        "failed_checks",
        "reason",
    ]
    assert [c.name for c in twin.columns if not c.nullable] == [
        "fact_id",
        "reason",
        "loaded_run_id",
    ]
    assert "primary key" not in create_table(twin)


def test_every_model_states_grain_key_and_descriptions() -> None:
    for table in TABLES.values():
        assert table.grain and table.comment and table.key, table.name
        assert all(c.description.endswith((".", ")")) for c in table.columns), table.name


def test_a_model_without_a_description_is_refused() -> None:
    class Undocumented(pa.DataFrameModel):
        a: str = pa.Field(description="A.")
        b: str = pa.Field()

        class Config:
            metadata = {"table": "t", "grain": "g", "key": ["a"], "comment": "c"}

    with pytest.raises(ValueError, match="no description for b"):
        model_columns(Undocumented)
    with pytest.raises(ValueError, match="no description for b"):
        table_of(Undocumented)


def test_frame_builders_make_the_declared_frames() -> None:
    from schemas.articles import articles_frame
    from schemas.facts import facts_frame
    from schemas.ingest_errors import ingest_errors_frame
    from schemas.paragraphs import paragraphs_frame
    from schemas.raw_documents import raw_documents_frame

    for name, frame in {
        "articles": articles_frame([]),
        "paragraphs": paragraphs_frame([]),
        "facts": facts_frame([], {}, "v"),
        "raw_documents": raw_documents_frame([]),
        "ingest_errors": ingest_errors_frame([]),
    }.items():
        assert frame.schema == pl.Schema(TABLES[name].frame_schema()), name


def test_every_view_column_is_described_and_passes_declared_columns_through(
    migrated: duckdb.DuckDBPyConnection,
) -> None:
    assert view_mismatches(migrated) == []
    described = dict(
        migrated.execute(
            "select table_name || '.' || column_name, comment from duckdb_columns()"
            " where table_name in ('stg_facts', 'facts') and column_name = 'value'"
        ).fetchall()
    )
    declared = TABLES["facts"].column("value").description
    assert described == {"stg_facts.value": declared, "facts.value": declared}


def test_planted_view_mismatches_are_each_named(migrated: duckdb.DuckDBPyConnection) -> None:
    migrated.execute("comment on column main.facts.unit is 'The unit'")
    migrated.execute("comment on column main.facts.value_usd is NULL")
    migrated.execute(
        "create or replace view staging.stg_runs as"
        " select run_id, cast(count_documents as double) as count_documents from raw.runs"
    )
    migrated.execute("comment on column staging.stg_runs.run_id is 'Run key (raw.runs.run_id).'")
    migrated.execute("comment on column staging.stg_runs.count_documents is 'Documents.'")
    assert view_mismatches(migrated) == [
        "main.facts.unit comment 'The unit' differs from its declaration"
        " 'FLOPS for compute, an ISO 4217 code for money, % for percent.'",
        "main.facts.value_usd has no comment",
        "staging.stg_runs.count_documents comment 'Documents.' differs from its declaration"
        " 'Documents the run considered.'",
        "staging.stg_runs.count_documents is double, declared integer",
    ]


def test_a_warehouse_from_before_the_claim_columns_upgrades_keeping_its_rows(
    tmp_path: Path,
) -> None:
    from newsfacts.settings import Settings
    from tests.loading import load_paths

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Acme builds a cluster\n\nAcme will invest $2 billion in a 5 exaFLOPS cluster.\n",
        encoding="utf-8",
    )
    settings = Settings(warehouse=str(tmp_path / "old.duckdb"))
    load_paths([corpus], settings)
    with duckdb.connect(settings.warehouse) as con:
        before = con.execute("select fact_id, text from raw.facts order by all").fetchall()
        for table in ("facts", "quarantined_facts"):
            for column in CLAIM_COLUMNS:
                con.execute(f"alter table raw.{table} drop column {column}")
        con.execute("delete from raw.migrations")  # as the release before them left it
    with open_warehouse(settings.warehouse) as con:
        assert declaration_mismatches(con) == []
        after = con.execute("select fact_id, text from main.facts order by all").fetchall()
        claims = con.execute(
            "select count(*) from raw.facts where not ("
            + " and ".join(f"{c} is null" for c in CLAIM_COLUMNS)
            + ")"
        ).fetchone()
    assert after == before and len(before) == 2
    assert claims == (0,)


def test_the_claim_columns_are_declared_on_facts_and_their_quarantine() -> None:
    from dataclasses import fields

    from newsfacts.model import Fact

    # every claim field of Fact has its column (repeat_of and part_of as fact ids, as
    # conversion_of)
    names = [f.name for f in fields(Fact)]
    links = ["repeat_of_fact_id", "part_of_fact_id"]
    expected = [c for c in CLAIM_COLUMNS if c not in links] + ["repeat_of", "part_of"]
    assert names[names.index("measure") :] == expected
    for name in ("facts", "quarantined_facts"):
        assert set(CLAIM_COLUMNS) <= set(TABLES[name].column_names), name
        assert all(TABLES[name].column(c).nullable for c in CLAIM_COLUMNS), name


def test_a_mart_column_left_undescribed_takes_the_comment_of_the_view_it_reads(
    migrated: duckdb.DuckDBPyConnection,
) -> None:
    comments = dict(
        migrated.execute(
            "select table_name, comment from duckdb_columns()"
            " where column_name = 'amount_usd'"
            " and table_name in ('money_claims', 'investments', 'company_financials')"
        ).fetchall()
    )
    assert len(set(comments.values())) == 1 and len(comments) == 3
    assert "US dollars" in comments["investments"]
    measure = dict(
        migrated.execute(
            "select table_name, comment from duckdb_columns() where column_name = 'measure'"
            " and table_name in ('facts', 'money_claims', 'investments')"
        ).fetchall()
    )
    assert (
        measure["money_claims"] == measure["facts"] == TABLES["facts"].column("measure").description
    )
    assert measure["investments"].startswith("investment (money committed")  # its own
