"""Extraction batches on a Dask cluster give exactly the fact rows of the default runner."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace

import duckdb
import pytest

from flows.etl import etl, run_etl
from flows.runners import task_runner_for
from newsfacts.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow

FACT_ROWS = """
    select fact_id, article_id, kind, text, start, "end", value, value_high, unit,
           qualifier, conversion_of_fact_id, paragraph_index, extractor_version
    from raw.facts order by fact_id
"""


def fact_rows(path: str) -> list[tuple]:
    with duckdb.connect(path, read_only=True) as con:
        return con.execute(FACT_ROWS).fetchall()


def test_unknown_runner_and_stray_address_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="unknown task runner 'spark'"):
        task_runner_for(Settings(task_runner="spark"))
    with pytest.raises(ValueError, match="needs --task-runner dask"):
        task_runner_for(Settings(dask_address="tcp://127.0.0.1:8786"))


def test_dask_cluster_produces_the_same_facts(prefect_harness, tmp_path) -> None:
    from distributed import Client, LocalCluster, get_task_stream

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))[:6]:
        shutil.copy(f, corpus / f.name)
    default = Settings(warehouse=str(tmp_path / "default.duckdb"), batch_size=2)
    started = time.monotonic()
    baseline = etl([str(corpus)], default)
    default_seconds = time.monotonic() - started

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        on_dask = replace(
            default,
            warehouse=str(tmp_path / "dask.duckdb"),
            task_runner="dask",
            dask_address=cluster.scheduler_address,
            workers=2,
        )
        started = time.monotonic()
        with get_task_stream(client) as stream:
            summary = run_etl([str(corpus)], on_dask)
        dask_seconds = time.monotonic() - started
        workers_used = {t["worker"] for t in stream.data}
    print(f"default runner {default_seconds:.1f}s, 2-worker Dask {dask_seconds:.1f}s")

    assert summary.status == "completed" and baseline.status == "completed"
    assert len(workers_used) == 2  # three batches, two in flight: both workers extracted
    assert summary.counts.facts == baseline.counts.facts > 0
    assert fact_rows(on_dask.warehouse) == fact_rows(default.warehouse)
