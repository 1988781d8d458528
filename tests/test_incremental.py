"""Incremental runs skip documents already loaded; --full-refresh rebuilds from stored bytes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from flows.etl import etl
from newsfacts.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


def facts_of(path: str) -> list[tuple]:
    with duckdb.connect(path, read_only=True) as con:
        return con.execute(
            "select fact_id, article_id, kind, start, value, unit from raw.facts order by fact_id"
        ).fetchall()


def article_runs(path: str) -> dict[str, str]:
    with duckdb.connect(path, read_only=True) as con:
        return dict(con.execute("select article_id, loaded_run_id from raw.articles").fetchall())


def sample_files() -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    assert len(files) >= 4
    return files[:4]


def test_known_documents_are_skipped_and_full_refresh_rebuilds(prefect_harness, tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first_files, new_file = sample_files()[:3], sample_files()[3]
    for f in first_files:
        shutil.copy(f, corpus / f.name)
    settings = Settings(warehouse=str(tmp_path / "wh.duckdb"))

    first = etl([str(corpus)], settings)
    assert (first.count_documents, first.count_skipped, first.counts.articles) == (3, 0, 3)
    runs_after_first = article_runs(settings.warehouse)
    facts_after_first = facts_of(settings.warehouse)
    assert facts_after_first

    # a new file and a renamed copy of a known one: only the new bytes are processed
    shutil.copy(new_file, corpus / new_file.name)
    shutil.copy(first_files[0], corpus / ("copy-of-" + first_files[0].name))
    second = etl([str(corpus)], settings)
    # the copy is the same document as a known one: 4 distinct documents, 3 already loaded
    assert (second.count_documents, second.count_skipped) == (4, 3)
    assert second.counts.articles == 1
    assert second.counts.raw_documents == 1
    runs_after_second = article_runs(settings.warehouse)
    assert {a: r for a, r in runs_after_second.items() if a in runs_after_first} == (
        runs_after_first
    )
    assert sorted(set(runs_after_second.values())) == sorted({first.run_id, second.run_id})
    facts_before_refresh = facts_of(settings.warehouse)

    # the source folder is gone: a full refresh reprocesses the stored raw documents only
    shutil.rmtree(corpus)
    refreshed = etl([], replace(settings, full_refresh=True, extractor_version="2"))
    assert refreshed.status == "completed"
    assert refreshed.count_documents == 4
    assert refreshed.counts.articles == 4
    assert facts_of(settings.warehouse) == facts_before_refresh
    assert set(article_runs(settings.warehouse).values()) == {refreshed.run_id}
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        versions = con.execute("select distinct extractor_version from raw.facts").fetchall()
        raw_count = con.execute("select count(*) from raw.raw_documents").fetchone()[0]
    assert versions == [("2",)]
    assert raw_count == 4
