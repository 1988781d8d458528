"""Extraction batches on a Dask cluster give exactly the fact rows of the default runner."""

from __future__ import annotations

import time

import duckdb
import pytest

from flows.etl import run_etl
from flows.runners import task_runner_for
from newsfacts.settings import Settings
from tests.sitekit import baseline_run

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

    corpus, default_warehouse = baseline_run()
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        on_dask = Settings(
            warehouse=str(tmp_path / "dask.duckdb"),
            batch_size=1,
            task_runner="dask",
            dask_address=cluster.scheduler_address,
            workers=2,
        )
        started = time.monotonic()
        with get_task_stream(client) as stream:
            summary = run_etl([str(corpus)], on_dask)
        print(f"2-worker Dask run: {time.monotonic() - started:.1f}s")
        workers_used = {t["worker"] for t in stream.data}

    assert summary.status == "completed"
    assert len(workers_used) == 2  # three batches, two in flight: both workers extracted
    assert summary.counts.facts > 0
    assert fact_rows(on_dask.warehouse) == fact_rows(default_warehouse)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_real_dask_cluster_gives_the_same_facts(prefect_harness, tmp_path) -> None:
    """``dask scheduler`` and two ``dask worker`` processes on loopback, as on many machines."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from distributed import Client, get_task_stream

    dask = Path(sys.executable).with_name("dask")
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    logs = [open(tmp_path / f"dask-{name}.log", "w") for name in ("s", "w1", "w2")]  # noqa: SIM115
    scheduler = subprocess.Popen(
        [str(dask), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        stdout=logs[0],
        stderr=subprocess.STDOUT,
    )
    workers = [
        subprocess.Popen(
            [
                *(str(dask), "worker", address, "--nthreads", "1", "--nworkers", "1"),
                *("--host", "127.0.0.1", "--no-dashboard", "--name", f"w{i}"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for i, log in enumerate(logs[1:], start=1)
    ]
    try:
        corpus, default_warehouse = baseline_run()
        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            worker_pids = set(client.run(os.getpid).values())
            on_cluster = Settings(
                warehouse=str(tmp_path / "cluster.duckdb"),
                batch_size=1,
                task_runner="dask",
                dask_address=address,
            )
            with get_task_stream(client) as stream:
                summary = run_etl([str(corpus)], on_cluster)
            used = {t["worker"] for t in stream.data}
    finally:
        for process in [*workers, scheduler]:
            process.terminate()
        for process in [*workers, scheduler]:
            process.wait(timeout=60)
        for log in logs:
            log.close()
    assert len(worker_pids) == 2  # two worker processes, each its own Python
    assert summary.status == "completed" and summary.counts.facts > 0
    assert len(used) == 2  # both worker processes extracted batches
    assert fact_rows(on_cluster.warehouse) == fact_rows(default_warehouse)
