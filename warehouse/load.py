"""Idempotent loading of a validated batch, and the run log.

Every table is keyed by a content-derived id, so loading the same batch twice
inserts nothing the second time. A batch loads in one transaction: a run killed
mid-load leaves the warehouse as it was before that batch.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import polars as pl
import pyarrow as pa

from newsfacts.model import RawDocument
from schemas import TABLES
from warehouse.db import (
    APPENDED_TABLES,
    RAW_KEYS,
    registered,
    transaction,
    write_transaction,
)

# Columns of each appended raw table that come from the batch's frames, in table order
# (the loader adds ``loaded_run_id``, and ``run_id``/``recorded_at`` to ingest errors):
# derived from the tables' declarations in ``schemas``.
RAW_COLUMNS: dict[str, list[str]] = {
    name: TABLES[name].loaded_columns for name in APPENDED_TABLES if name != "ingest_errors"
}


@dataclass(frozen=True, slots=True)
class LoadCounts:
    """Rows a batch added to each table (0 everywhere on a rerun)."""

    raw_documents: int = 0
    articles: int = 0
    paragraphs: int = 0
    facts: int = 0
    quarantined_facts: int = 0
    quarantined_articles: int = 0
    fact_conversions: int = 0
    ingest_errors: int = 0

    def __add__(self, other: LoadCounts) -> LoadCounts:
        return LoadCounts(
            *(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__)
        )


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"select count(*) from raw.{table}").fetchone()[0]


def _insert_absent(con: duckdb.DuckDBPyConnection, table: str, staged: pl.DataFrame) -> int:
    """Insert the first ``staged`` row of each key not in the table yet; returns how many."""
    keys = RAW_KEYS[table]
    first_per_key = staged.unique(keys, keep="first", maintain_order=True)
    quoted = ", ".join(f'"{c}"' for c in staged.columns)
    matches = " and ".join(f't."{k}" = s."{k}"' for k in keys)
    with registered(con, "__staged", first_per_key.to_arrow()):
        # an insert's result is the number of rows it inserted
        return con.execute(
            f"""
            insert into raw.{table} ({quoted})
            select {quoted} from __staged as s
            where not exists (select 1 from raw.{table} as t where {matches})
            """
        ).fetchone()[0]


def insert_new(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, run_id: str) -> int:
    """Insert rows whose key is not loaded yet; returns how many were added."""
    if frame.height == 0:
        return 0
    staged = frame.select(RAW_COLUMNS[table]).with_columns(pl.lit(run_id).alias("loaded_run_id"))
    return _insert_absent(con, table, staged)


def load_batch(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pl.DataFrame],
    ingest_errors: pl.DataFrame,
    run_id: str,
) -> LoadCounts:
    """Load one validated batch in a single transaction.

    On a DuckLake it is a keyed write (``write_transaction``): a batch that overlaps
    another writer's commit is loaded again on top of it, so no key is loaded twice.
    """

    def load() -> LoadCounts:
        added = {
            table: insert_new(con, table, frames[table], run_id)
            for table in RAW_COLUMNS
            if table in frames
        }
        errors = 0
        if ingest_errors.height:
            staged = ingest_errors.with_columns(
                pl.lit(run_id).alias("run_id"),
                pl.lit(datetime.now(UTC)).alias("recorded_at"),
            ).select(TABLES["ingest_errors"].column_names)
            errors = _insert_absent(con, "ingest_errors", staged)
        return LoadCounts(**added, ingest_errors=errors)

    return write_transaction(con, load, keyed=True)


def known_content_hashes(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    """Which of ``hashes`` are already loaded as raw documents."""
    if not hashes:
        return set()
    # a registered Arrow table, not a list parameter: binding 1,000 strings as a
    # parameter costs ~55 ms, the semi-join on the registered table ~3 ms
    with registered(con, "__hashes", pa.table({"content_hash": hashes})):
        rows = con.execute(
            "select content_hash from raw.raw_documents semi join __hashes using (content_hash)"
        ).fetchall()
    return {r[0] for r in rows}


def read_raw_documents(
    con: duckdb.DuckDBPyConnection, after: str | None, limit: int
) -> list[RawDocument]:
    """Up to ``limit`` stored raw documents with a content hash after ``after``, in hash order.

    Paging by key keeps memory flat however many documents are stored; a full
    refresh reprocesses them from here without fetching anything again.
    """
    rows = con.execute(
        """
        select content_hash, source_uri, media_type, provenance, fetched_at, content
        from raw.raw_documents
        where ? is null or content_hash > ?
        order by content_hash
        limit ?
        """,
        [after, after, limit],
    ).fetchall()
    return [
        RawDocument(
            source_uri=uri,
            content=bytes(content),
            media_type=media_type,
            content_hash=content_hash,
            fetched_at=fetched_at,
            provenance=provenance,
        )
        for content_hash, uri, media_type, provenance, fetched_at, content in rows
    ]


def clear_derived(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Delete every row derived from raw documents (for ``--full-refresh``); returns counts.

    ``raw_documents`` is kept: it is the input of the rebuild. One transaction, so an
    interrupted refresh leaves the previous derived rows in place.
    """
    derived = [t for t in RAW_COLUMNS if t != "raw_documents"]
    with transaction(con):
        removed = {t: _count(con, t) for t in derived}
        for table in derived:
            con.execute(f"delete from raw.{table}")
    return removed


def start_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    sources: list[str],
    extractor_version: str,
    flow_run_id: str | None = None,
    alive: Callable[[list[str]], set[str]] | None = None,
) -> None:
    """Log a new run; the caller holds the writer's lock, so a run still running is dead
    (unless ``alive``, for writers that run at once, says it is: see ``abandon_dead_runs``)."""
    abandon_dead_runs(con, alive)
    write_transaction(
        con,
        lambda: con.execute(
            "insert into raw.runs"
            " (run_id, flow_run_id, started_at, status, sources, extractor_version)"
            " values (?, ?, ?, 'running', ?, ?)",
            [run_id, flow_run_id, datetime.now(UTC), sources, extractor_version],
        ),
    )


# count_* column of raw.runs -> the rows a run loaded, as the tables record it
_RUN_COUNTS: dict[str, str] = {
    "count_articles_new": "select count(*) from raw.articles where loaded_run_id = $run_id",
    "count_paragraphs_new": "select count(*) from raw.paragraphs where loaded_run_id = $run_id",
    "count_facts_new": "select count(*) from raw.facts where loaded_run_id = $run_id",
    "count_quarantined_new": (
        "select count(*) from raw.quarantined_facts where loaded_run_id = $run_id"
    ),
    "count_errors": "select count(*) from raw.ingest_errors where run_id = $run_id",
}


def record_counts(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    count_documents: int | None = None,
    count_offtopic: int | None = None,
) -> None:
    """Set the run's counts to the rows the tables say it loaded (and the documents it read).

    Counted from the rows, not carried by the run: a run that failed or died after
    some batches committed still gets the counts of what it loaded.
    """
    write_transaction(con, lambda: _record_counts(con, run_id, count_documents, count_offtopic))


def _record_counts(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    count_documents: int | None = None,
    count_offtopic: int | None = None,
) -> None:
    assignments = ", ".join(f"{column} = ({sql})" for column, sql in _RUN_COUNTS.items())
    documents = "count_documents = coalesce($documents, count_documents)"
    offtopic = "count_skipped_offtopic = coalesce($offtopic, count_skipped_offtopic)"
    con.execute(
        f"update raw.runs set {assignments}, {documents}, {offtopic} where run_id = $run_id",
        {"run_id": run_id, "documents": count_documents, "offtopic": count_offtopic},
    )


def finish_run(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    status: str,
    count_documents: int,
    count_offtopic: int | None = None,
) -> None:
    """Close the run: its status (completed or failed), when, and what it loaded."""

    def close() -> None:
        _record_counts(con, run_id, count_documents, count_offtopic)
        con.execute(
            "update raw.runs set finished_at = ?, status = ? where run_id = ?",
            [datetime.now(UTC), status, run_id],
        )

    write_transaction(con, close)


def abandon_dead_runs(
    con: duckdb.DuckDBPyConnection, alive: Callable[[list[str]], set[str]] | None = None
) -> list[str]:
    """Close every run still marked running as abandoned, with the counts of its rows.

    Only a writer holding the warehouse's writer lock (``warehouse.lock``) may call
    this without ``alive``: then no run is alive, and a run still running was killed,
    lost its lock or was stopped before it could close itself. Where writers run at
    once (a DuckLake on PostgreSQL) ``alive`` tells which of the running runs still
    have a live writer (``warehouse.lake.live_runs``); those are left alone. Returns
    the ids closed.
    """

    def close() -> list[str]:
        running = [
            run_id
            for (run_id,) in con.execute(
                "select run_id from raw.runs where status = 'running' order by started_at"
            ).fetchall()
        ]
        living = alive(running) if alive is not None and running else set()
        dead = [run_id for run_id in running if run_id not in living]
        for run_id in dead:
            _record_counts(con, run_id)
            con.execute("update raw.runs set status = 'abandoned' where run_id = ?", [run_id])
        return dead

    return write_transaction(con, close)


def known_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, str | None]:
    """Fingerprints of loaded articles that are originals (neither duplicates nor revisions)."""
    rows = con.execute(
        "select article_id, fingerprint from raw.articles"
        " where duplicate_of is null and revision_of is null and fingerprint is not null"
    ).fetchall()
    return dict(rows)


def known_fact_keys(
    con: duckdb.DuckDBPyConnection, article_ids: list[str]
) -> dict[str, list[tuple[str, float | None, float | None, str | None]]]:
    """The figures (kind, value, value_high, unit) of the loaded articles ``article_ids``.

    Every article asked for is in the answer, with no figures when it has no facts.
    """
    found: dict[str, list[tuple[str, float | None, float | None, str | None]]] = {
        article_id: [] for article_id in article_ids
    }
    if not article_ids:
        return found
    with registered(con, "__articles", pa.table({"article_id": article_ids})):
        rows = con.execute(
            "select article_id, kind, value, value_high, unit"
            " from raw.facts semi join __articles using (article_id)"
        ).fetchall()
    for article_id, *key in rows:
        found[article_id].append(tuple(key))
    return found
