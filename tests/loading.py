"""Loading files into a test warehouse through the pipeline's batch path, without Prefect.

``process_documents`` then ``flows.batch.settle`` are what the ``etl`` flow's tasks
run (read → normalise → extract, then link → validate → load), so tests of the
warehouse's relations need no Prefect server. ``label`` (``tests.labelling``)
sets the claim labels of the extracted facts before they are validated and
loaded, as the claim engine does.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from flows.batch import settle
from newsfacts.normalise.fingerprint import NearDuplicateIndex
from newsfacts.pipeline import process_documents
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from tests.labelling import Labeller
from warehouse.db import open_warehouse
from warehouse.load import LoadCounts, finish_run, known_fingerprints, start_run
from warehouse.organisations import manual_organisation_rows, replace_organisation_seed
from warehouse.search import ensure_search_index


def load_paths(
    paths: list[Path], settings: Settings, label: Labeller | None = None
) -> tuple[str, LoadCounts]:
    """Run the pipeline's functions over ``paths`` into ``settings.warehouse``."""
    run_id = uuid.uuid4().hex[:16]
    files = list(iter_source_files(paths))
    settings = settings.with_dq()  # read dq.toml once, not once a batch
    counts = LoadCounts()
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, [str(p) for p in paths], settings.extractor_version)
        # as the flow's seed_organisations task: the files, plus the rows analysts added
        settings = settings.with_organisations(manual_organisation_rows(con))
        replace_organisation_seed(con, settings.organisation_table)
        originals = NearDuplicateIndex(known_fingerprints(con))
        for i in range(0, len(files), settings.batch_size):
            chunk = files[i : i + settings.batch_size]
            batch = process_documents(chunk, settings)
            if label is not None:
                for article in batch.articles:
                    batch.facts[article.article_id] = label(
                        article, batch.facts[article.article_id]
                    )
            counts = counts + settle(batch, settings, con, run_id, originals).counts
        ensure_search_index(con)
        finish_run(con, run_id, "completed", len(files))
    return run_id, counts
