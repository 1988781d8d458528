"""Loading files into a test warehouse through the pipeline's batch path, without Prefect.

``flows.batch.run_batch`` is what the ``etl`` flow's tasks run (read → normalise →
extract → link → validate → load), so tests of the warehouse's relations need no
Prefect server.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from flows.batch import run_batch
from newsfacts.normalise.fingerprint import NearDuplicateIndex
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from warehouse.db import open_warehouse
from warehouse.load import LoadCounts, finish_run, known_fingerprints, start_run
from warehouse.search import ensure_search_index


def load_paths(paths: list[Path], settings: Settings) -> tuple[str, LoadCounts]:
    """Run the pipeline's functions over ``paths`` into ``settings.warehouse``."""
    run_id = uuid.uuid4().hex[:16]
    files = list(iter_source_files(paths))
    settings = settings.with_dq()  # read dq.toml once, not once a batch
    counts = LoadCounts()
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, [str(p) for p in paths], settings.extractor_version)
        originals = NearDuplicateIndex(known_fingerprints(con))
        for i in range(0, len(files), settings.batch_size):
            chunk = files[i : i + settings.batch_size]
            counts = counts + run_batch(chunk, settings, con, run_id, originals).counts
        ensure_search_index(con)
        finish_run(con, run_id, "completed", len(files), counts)
    return run_id, counts
