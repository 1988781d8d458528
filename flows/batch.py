"""The one batch path: read → normalise → extract → link → validate → load.

Plain functions, no Prefect. The first half is ``newsfacts.pipeline.process_documents``
(read, normalise, extract: pure, so it runs on the task runner); ``settle`` is the
second (link, validate, load: in the flow's process, the one writer). The ``etl``
flow's tasks call the two halves, the test loader and the benchmarks call
``run_batch``, and ``newsfacts extract`` and ``newsfacts eval`` the first half, so
the pipeline is written once.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from newsfacts.model import RawDocument
from newsfacts.normalise.fingerprint import NearDuplicateIndex
from newsfacts.pipeline import (
    Batch,
    StageTimer,
    link_near_duplicates,
    process_documents,
    remember_originals,
)
from newsfacts.settings import Settings
from schemas.batch import ValidatedBatch, validate_batch
from warehouse.load import LoadCounts, known_fact_keys, load_batch


@dataclass(frozen=True, slots=True)
class Settled:
    """What a batch became once validated and loaded."""

    validated: ValidatedBatch
    counts: LoadCounts


def settle(
    batch: Batch,
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    originals: NearDuplicateIndex | None = None,
    timer: StageTimer | None = None,
) -> Settled:
    """Link near-duplicates and revisions, validate and load a transformed batch (serially).

    The row rules are those of the dq.toml ``settings`` carry (read once a run).

    ``originals`` is the run's index of loaded articles: near-duplicates link to it,
    and the batch's originals are added to it for the batches after. Without it only
    the batch's own articles are compared.
    """
    started = time.perf_counter()
    index = originals if originals is not None else NearDuplicateIndex()
    linked = link_near_duplicates(batch, index, lambda ids: known_fact_keys(con, ids))
    linking = time.perf_counter()
    rules = settings.with_dq().quality.rows
    validated = validate_batch(linked, settings.extractor_version, rules)
    validating = time.perf_counter()
    counts = load_batch(con, validated.frames, validated.ingest_errors, run_id)
    remember_originals(index, validated.frames["articles"])  # later batches link to them
    if timer is not None:
        timer("link", linking - started)
        timer("validate", validating - linking)
        timer("load", time.perf_counter() - validating)
    return Settled(validated, counts)


def run_batch(
    documents: Sequence[Path | RawDocument],
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    originals: NearDuplicateIndex | None = None,
    timer: StageTimer | None = None,
) -> Settled:
    """The whole path for one batch: ``process_documents`` then ``settle``."""
    batch = process_documents(documents, settings, timer)
    return settle(batch, settings, con, run_id, originals, timer)
