"""SIGTERM stops a run within seconds also when its documents are on external Dask workers.

A ``dask scheduler`` and a ``dask worker`` run as processes of their own (as on other
machines), the run sends them a huge one-line document, and SIGTERM arrives while the
worker is deep in it: the run ends in seconds with one line, and so does the worker's
work on the document (its CPU goes quiet), instead of going on until its time limit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from distributed import Client

from tests.conftest import REPO
from tests.test_limits import one_line_file


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def busy_seconds(process: psutil.Process, window: float = 2.0) -> float:
    """CPU seconds ``process`` used in the next ``window`` seconds."""
    before = sum(process.cpu_times()[:2])
    time.sleep(window)
    return sum(process.cpu_times()[:2]) - before


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_sigterm_stops_the_run_and_its_external_dask_worker(
    tmp_path: Path, prefect_harness: None
) -> None:
    from prefect.settings import PREFECT_API_URL

    huge = one_line_file(tmp_path / "one-line.txt", 19_600_000)
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "false"}
    scheduler_args = ["--host", "127.0.0.1", "--port", str(port), "--dashboard-address", ":0"]
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_scheduler", *scheduler_args, "--no-show"],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker_args = [
        address,
        "--nthreads",
        "1",
        "--no-nanny",
        "--no-dashboard",
        "--host",
        "127.0.0.1",
    ]
    worker = subprocess.Popen(
        [sys.executable, "-m", "distributed.cli.dask_worker", *worker_args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    run = None
    try:
        # the worker has joined and gone quiet: its start-up CPU is not the document's
        with Client(address, timeout=120) as client:
            client.wait_for_workers(1, timeout=120)
        on_worker = psutil.Process(worker.pid)
        quiet_by = time.monotonic() + 60
        while busy_seconds(on_worker) >= 0.3:
            assert time.monotonic() < quiet_by, "the idle worker never went quiet"
        run_env = {
            **os.environ,
            "PREFECT_API_URL": str(PREFECT_API_URL.value()),
            "NEWSFACTS_PUBLISH_PATH": "",
            "NEWSFACTS_MAX_DOCUMENT_SECONDS": "900",  # only SIGTERM can stop the document
        }
        cli = ["-m", "flows.cli", "run", str(huge), "-w", str(tmp_path / "w.duckdb")]
        dask = ["--task-runner", "dask", "--dask-address", address]
        run = subprocess.Popen(
            [sys.executable, *cli, *dask], cwd=REPO, env=run_env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + 180
        while busy_seconds(on_worker) < 1.0:  # the worker is deep in the document
            assert run.poll() is None, run.communicate()
            assert time.monotonic() < deadline, "the worker never started on the document"
        run.send_signal(signal.SIGTERM)
        sent = time.monotonic()
        _, stderr = run.communicate(timeout=120)
        stopped_after = time.monotonic() - sent
        assert stopped_after < 10, stopped_after
        assert run.returncode == 128 + signal.SIGTERM, stderr[-3000:]
        assert "Traceback" not in stderr, stderr[-3000:]
        assert "stopped by SIGTERM" in stderr
        # the worker left the document too: quiet within seconds of the signal (letting go
        # of a 19.6 MB document's objects takes a moment), not after its 900-second limit
        quiet_by = sent + 30
        while busy_seconds(on_worker) >= 0.3:
            assert time.monotonic() < quiet_by, "the worker is still busy with the document"
        assert worker.poll() is None  # it stopped its work, it did not die
    finally:
        if run is not None and run.poll() is None:
            run.kill()
            run.wait()
        stop(worker)
        stop(scheduler)
