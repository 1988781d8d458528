"""Loading a validated batch: the counts it returns are the rows it added, keys stay unique."""

from __future__ import annotations

from dataclasses import fields

import polars as pl

from newsfacts.model import IngestError
from newsfacts.pipeline import process_documents, read_files
from newsfacts.settings import Settings
from schemas.batch import validate_batch
from tests.conftest import SAMPLES
from warehouse.db import open_warehouse
from warehouse.load import LoadCounts, insert_new, load_batch


def test_counts_are_the_rows_added_and_a_rerun_adds_none(settings: Settings) -> None:
    raws, _ = read_files(sorted(SAMPLES.iterdir()), settings)
    batch = process_documents(raws, settings)
    batch.errors.append(IngestError("file:///missing.txt", "read", "no such file"))
    validated = validate_batch(batch, settings.extractor_version)
    with open_warehouse(settings.warehouse) as con:
        first = load_batch(con, validated.frames, validated.ingest_errors, "run-1")
        rerun = load_batch(con, validated.frames, validated.ingest_errors, "run-1")
        rows = {
            f.name: con.execute(f"select count(*) from raw.{f.name}").fetchone()[0]
            for f in fields(LoadCounts)
        }
    assert first.facts > 0 and first.ingest_errors == 1
    assert rows == {f.name: getattr(first, f.name) for f in fields(LoadCounts)}
    assert rerun == LoadCounts()


def test_a_key_staged_twice_loads_its_first_row_once(settings: Settings) -> None:
    errors = pl.DataFrame(
        {
            "article_id": ["a" * 16, "b" * 16, "a" * 16],
            "source_uri": ["file:///a", "file:///b", "file:///a-again"],
            "content_hash": ["a" * 64, "b" * 64, "a" * 64],
            "title": [None, None, None],
            "failed_checks": [["x"], ["y"], ["z"]],
            "reason": ["x", "y", "z"],
        }
    )
    with open_warehouse(settings.warehouse) as con:
        added = insert_new(con, "quarantined_articles", errors, "run-1")
        loaded = con.execute(
            "select article_id, source_uri from raw.quarantined_articles order by article_id"
        ).fetchall()
    assert added == 2
    assert loaded == [("a" * 16, "file:///a"), ("b" * 16, "file:///b")]
