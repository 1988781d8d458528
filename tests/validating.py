"""One text through the whole batch path up to the contracts, without a warehouse.

``validated(text, tmp_path)`` reads ``text`` as a plain-text article, normalises,
extracts and labels it as the pipeline does, then validates the batch: what would
load into ``facts`` and what into ``quarantined_facts``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl

from newsfacts.ids import sha256_hex
from newsfacts.model import RawDocument
from newsfacts.pipeline import process_documents
from newsfacts.settings import Settings
from schemas.batch import validate_batch


def validated(text: str, tmp_path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The valid and the quarantined facts of ``text`` read as a plain-text article."""
    content = text.encode()
    published = datetime(2025, 3, 1, tzinfo=UTC)
    raw = RawDocument("file:///case.txt", content, "text/plain", sha256_hex(content), published)
    settings = Settings(warehouse=str(tmp_path / "w.duckdb")).with_dq()
    assert settings.dq is not None
    result = validate_batch(process_documents([raw], settings), "test", settings.dq.rows)
    return result.frames["facts"], result.frames["quarantined_facts"]


def row_of(frame: pl.DataFrame, text: str) -> dict | None:
    """The first row of ``frame`` whose fact is written ``text``."""
    rows = frame.filter(pl.col("text") == text).to_dicts()
    return rows[0] if rows else None


def quarantined_row(text: str, surface: str, tmp_path: Path) -> dict:
    """The quarantined row of the mention written ``surface`` in ``text``, which must not load."""
    facts, quarantined = validated(text, tmp_path)
    assert row_of(facts, surface) is None, facts.select("text", "value").to_dicts()
    row = row_of(quarantined, surface)
    assert row is not None, quarantined.select("text", "reason").to_dicts()
    return row


def loaded(files: dict[str, bytes], tmp_path: Path, *queries: str) -> list[list[tuple]]:
    """Each query's rows, on a warehouse loaded (as a run would) with ``files`` (name: bytes)."""
    import duckdb

    from tests.loading import load_paths

    folder = tmp_path / "articles"
    folder.mkdir()
    for name, content in files.items():
        (folder / name).write_bytes(content)
    settings = Settings(warehouse=str(tmp_path / "w.duckdb"), publish_path="")
    load_paths([folder], settings)
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return [con.execute(query).fetchall() for query in queries]
