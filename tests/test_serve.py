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
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import httpx
import pytest

from tests.conftest import REPO, SAMPLES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, timeout: float, what: str, procs: list[subprocess.Popen]):
    """Poll ``check`` until it returns something truthy, for at most ``timeout`` seconds.

    An API call that times out is retried: on two shared cores a busy server can
    answer late. Any other error (a refused connection, an HTTP error status, a
    process that exited) fails at once, and the deadline still holds.
    """
    deadline = time.monotonic() + timeout
    timeouts: list[httpx.TimeoutException] = []
    while time.monotonic() < deadline:
        for proc in procs:
            assert proc.poll() is None, f"{proc.args[:3]} exited while waiting for {what}"
        try:
            result = check()
        except httpx.TimeoutException as exc:
            timeouts.append(exc)
            continue
        if result:
            return result
        time.sleep(0.5)
    late = f" ({len(timeouts)} API calls timed out, the last: {timeouts[-1]!r})" if timeouts else ""
    raise AssertionError(f"timed out after {timeout}s waiting for {what}{late}")


def stop(proc: subprocess.Popen, sig: int = signal.SIGINT) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class LateAnswers(BaseHTTPRequestHandler):
    """Waits ``server.delays.pop(0)`` seconds (0 once they run out), then answers its status."""

    def do_GET(self) -> None:
        server = self.server
        time.sleep(server.delays.pop(0) if server.delays else 0)
        try:
            self.send_response(server.status)
            self.end_headers()
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args) -> None:
        pass


def late_api(delays: list[float], status: int = 200) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), LateAnswers)
    server.daemon_threads = True
    server.delays, server.status = delays, status
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server


def poll(server: ThreadingHTTPServer) -> bool:
    response = httpx.get(f"http://127.0.0.1:{server.server_port}/", timeout=0.2)
    response.raise_for_status()
    return True


def test_polling_retries_an_answer_that_comes_too_late() -> None:
    server = late_api([1.0, 1.0])
    try:
        assert wait_for(lambda: poll(server), 20, "the API", []) is True
    finally:
        server.shutdown()
    assert server.delays == []


def test_polling_still_fails_on_an_error_or_at_its_deadline() -> None:
    server = late_api([], status=500)
    try:
        with pytest.raises(httpx.HTTPStatusError):
            wait_for(lambda: poll(server), 20, "the API", [])
    finally:
        server.shutdown()
    server = late_api([1.0] * 10)
    try:
        with pytest.raises(AssertionError, match=r"after 1s waiting for the API \(\d+ API calls"):
            wait_for(lambda: poll(server), 1, "the API", [])
    finally:
        server.shutdown()


@pytest.mark.slow
@pytest.mark.timeout(240)
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

        def read_deployment() -> dict:
            response = httpx.get(f"{api}/deployments/{run['deployment_id']}", timeout=5)
            response.raise_for_status()
            return response.json()

        deployment = wait_for(read_deployment, 30, "the deployment", [server, served])
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
