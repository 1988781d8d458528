"""The ``etl`` flow: read → normalise and extract → validate → load, batch by batch.

Tasks are thin: each calls one pure function (``newsfacts``, ``schemas``) or one
I/O function (``warehouse``). Only disk and network tasks retry.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.context import get_run_context

from newsfacts.model import RawDocument
from newsfacts.pipeline import Batch, IngestError, process_documents, read_files
from newsfacts.read import iter_source_files
from flows.quality import quality_gate
from newsfacts.settings import Settings
from schemas.batch import ValidatedBatch, validate_batch
from schemas.config import load_dq_config
from warehouse.db import open_warehouse
from warehouse.load import LoadCounts, finish_run, load_batch, start_run
from warehouse.search import ensure_search_index


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did; printed by the CLI and returned by the flow."""

    run_id: str
    count_documents: int
    counts: LoadCounts
    status: str


@task(retries=2, retry_delay_seconds=1, cache_policy=NONE)
def read_batch(
    paths: Sequence[Path], settings: Settings
) -> tuple[list[RawDocument], list[IngestError]]:
    """Read a batch of files from disk (retries: disk I/O)."""
    return read_files(paths, settings)


@task(cache_policy=NONE)
def transform_batch(raws: list[RawDocument], settings: Settings) -> Batch:
    """Normalise and extract a batch of documents."""
    return process_documents(raws, settings)


@task(cache_policy=NONE)
def validate(batch: Batch, settings: Settings) -> ValidatedBatch:
    """Split the batch into rows that pass their contracts and quarantined rows."""
    rules = load_dq_config(settings.dq_config).rows
    return validate_batch(batch, settings.extractor_version, rules)


@task(cache_policy=NONE)
def load(validated: ValidatedBatch, settings: Settings, run_id: str) -> LoadCounts:
    """Load a validated batch into the warehouse in one transaction."""
    with open_warehouse(settings.warehouse) as con:
        return load_batch(con, validated.frames, validated.ingest_errors, run_id)


@task(cache_policy=NONE)
def index_articles(settings: Settings) -> bool:
    """Rebuild the full-text search index when loads changed the articles."""
    with open_warehouse(settings.warehouse) as con:
        return ensure_search_index(con)


def _batches(items: Sequence[Path], size: int) -> list[list[Path]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


@flow(name="etl", log_prints=False)
def etl(paths: list[str], settings: Settings | None = None) -> RunSummary:
    """Run the whole pipeline over files and folders in ``paths``."""
    settings = settings or Settings()
    logger = get_run_logger()
    run_id = uuid.uuid4().hex[:16]
    flow_run = get_run_context().flow_run
    files = list(iter_source_files(Path(p) for p in paths))
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, list(paths), settings.extractor_version, str(flow_run.id))

    counts = LoadCounts()
    status = "failed"
    try:
        for batch_paths in _batches(files, settings.batch_size):
            raws, read_errors = read_batch(batch_paths, settings)
            batch = transform_batch(raws, settings)
            batch.errors[:0] = read_errors
            validated = validate(batch, settings)
            counts = counts + load(validated, settings, run_id)
        index_articles(settings)
        status = "completed"
    finally:
        with open_warehouse(settings.warehouse) as con:
            finish_run(con, run_id, status, len(files), counts)
    logger.info(
        "run %s: %d documents, %d new articles, %d new facts, %d quarantined, %d errors",
        run_id,
        len(files),
        counts.articles,
        counts.facts,
        counts.quarantined_facts,
        counts.ingest_errors,
    )
    # dataset-level checks: history, artifacts; an error-severity failure fails the flow run
    quality_gate(settings, run_id)
    return RunSummary(run_id, len(files), counts, status)
