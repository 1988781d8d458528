"""`newsfacts serve` against a real Prefect server: a scheduled run completes.

Starts ``prefect server start`` on a free loopback port with its own PREFECT_HOME,
serves the etl deployment on a short interval schedule in another process, and
polls the API until a run the scheduler created has completed. Everything is
bounded by timeouts and the processes are stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import REPO, SAMPLES

pytestmark = [pytest.mark.slow, pytest.mark.timeout(240)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str, procs: list[subprocess.Popen]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for proc in procs:
            assert proc.poll() is None, f"{proc.args[:3]} exited while waiting for {what}"
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop(proc: subprocess.Popen, sig: int = signal.SIGINT) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_served_deployment_runs_on_its_schedule(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))[:2]:
        shutil.copy(f, corpus / f.name)
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("PREFECT_API_KEY", None)
    logs = tmp_path / "logs"
    logs.mkdir()
    warehouse = tmp_path / "wh.duckdb"
    started = time.monotonic()
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "prefect"),
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=env,
        stdout=(logs / "server.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    served: subprocess.Popen | None = None
    try:

        def healthy() -> bool:
            try:
                return httpx.get(f"{api}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_for(healthy, 90, "the Prefect server", [server])
        served = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.cli",
                "serve",
                str(corpus),
                "--interval",
                "5",
                "--warehouse",
                str(warehouse),
                "--name",
                "test-schedule",
            ],
            cwd=REPO,
            env=env,
            stdout=(logs / "serve.log").open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def completed_scheduled_run() -> dict | None:
            body = {
                "flow_runs": {
                    "state": {"type": {"any_": ["COMPLETED"]}},
                    "deployment_id": {"is_null_": False},
                },
                "limit": 5,
            }
            response = httpx.post(f"{api}/flow_runs/filter", json=body, timeout=5)
            response.raise_for_status()
            runs = [r for r in response.json() if r["auto_scheduled"]]
            return runs[0] if runs else None

        try:
            run = wait_for(
                completed_scheduled_run, 120, "a completed scheduled run", [server, served]
            )
        except AssertionError:
            print((logs / "serve.log").read_text()[-4000:])
            raise
        latency = time.monotonic() - started
        print(f"scheduled run completed {latency:.1f}s after the server was started")

        deployment = httpx.get(f"{api}/deployments/{run['deployment_id']}", timeout=5).json()
        assert deployment["name"] == "test-schedule"
        assert deployment["schedules"][0]["schedule"]["interval"] == 5.0
        assert deployment["global_concurrency_limit"]["limit"] == 1
    finally:
        if served is not None:
            stop(served)
        stop(server, signal.SIGTERM)

    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("select flow_run_id, status from raw.runs").fetchall()
        articles = con.execute("select count(*) from raw.articles").fetchone()[0]
    assert (run["id"], "completed") in runs
    assert articles == 2
