"""Loading files into a test warehouse through the pipeline's functions, without Prefect.

The same calls the ``etl`` flow's tasks make (read → process → validate → load),
so tests of the warehouse's relations need no Prefect server.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from newsfacts.pipeline import process_documents, read_files
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from schemas.batch import validate_batch
from warehouse.db import open_warehouse
from warehouse.load import LoadCounts, finish_run, load_batch, start_run
from warehouse.search import ensure_search_index


def load_paths(paths: list[Path], settings: Settings) -> tuple[str, LoadCounts]:
    """Run the pipeline's functions over ``paths`` into ``settings.warehouse``."""
    run_id = uuid.uuid4().hex[:16]
    files = list(iter_source_files(paths))
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, [str(p) for p in paths], settings.extractor_version)
    counts = LoadCounts()
    for i in range(0, len(files), settings.batch_size):
        raws, read_errors = read_files(files[i : i + settings.batch_size], settings)
        batch = process_documents(raws, settings)
        batch.errors[:0] = read_errors
        validated = validate_batch(batch, settings.extractor_version)
        with open_warehouse(settings.warehouse) as con:
            counts = counts + load_batch(con, validated.frames, validated.ingest_errors, run_id)
    with open_warehouse(settings.warehouse) as con:
        ensure_search_index(con)
        finish_run(con, run_id, "completed", len(files), counts)
    return run_id, counts
