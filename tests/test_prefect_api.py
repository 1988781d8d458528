"""The Prefect API of command-line runs: one local server, started once and reused.

Without ``PREFECT_API_URL`` every ``newsfacts run`` used to start Prefect's temporary
server (7-75 s); now the first run starts a local server and later runs reuse it, and
the flow runs are still real Prefect flow runs recorded by it. ``newsfacts serve``
without a server says so in one line instead of serving runs nobody schedules.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, SAMPLES


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment without any Prefect or newsfacts setting, Prefect's home in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSFACTS_"))}
    return {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **extra}


def newsfacts(args: list[str], env: dict[str, str], timeout: float = 300):
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_serve_without_a_prefect_server_says_so_and_exits_2(tmp_path: Path) -> None:
    env = bare_env(tmp_path / "prefect-home", COLUMNS="300")
    args = ["serve", str(SAMPLES), "--interval", "5", "-w", str(tmp_path / "w.duckdb")]
    done = newsfacts(args, env, timeout=120)  # today: serves forever, runs nothing
    assert done.returncode == 2, done.stdout + done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    assert "needs a Prefect server" in lines[0] and "PREFECT_API_URL" in lines[0]
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.slow
def test_runs_start_one_local_server_and_reuse_it(tmp_path: Path) -> None:
    from flows.prefect_api import STATE_FILE, stop_server

    home = tmp_path / "prefect-home"
    env = bare_env(home, NEWSFACTS_PREFECT_IDLE="6")
    warehouse = str(tmp_path / "w.duckdb")
    try:
        first = newsfacts(["run", str(SAMPLES), "-w", warehouse], env)
        assert first.returncode == 0, first.stdout + first.stderr
        state = json.loads((home / STATE_FILE).read_text())
        second = newsfacts(["run", str(SAMPLES), "-w", warehouse], env)
        assert second.returncode == 0, second.stdout + second.stderr
        count = sum(1 for p in SAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))
        assert f"{count} already loaded" in second.stderr
        # the same server answered both runs, and it recorded both as flow runs of etl
        assert json.loads((home / STATE_FILE).read_text()) == state
        runs = httpx.post(f"{state['api_url']}/flow_runs/filter", json={}, timeout=30).json()
        assert [r["state_type"] for r in runs] == ["COMPLETED", "COMPLETED"]
        flows = httpx.post(f"{state['api_url']}/flows/filter", json={}, timeout=30).json()
        assert [f["name"] for f in flows] == ["etl"]
        # idle and unused, it stops by itself and says so by removing its state file
        deadline = time.monotonic() + 60
        while (home / STATE_FILE).exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not (home / STATE_FILE).exists()
        # the file goes first, then the process: it stops answering within seconds
        answering = True
        while answering and time.monotonic() < deadline + 30:
            try:
                httpx.get(f"{state['api_url']}/health", timeout=5)
                time.sleep(0.5)
            except httpx.HTTPError:
                answering = False
        assert not answering
    finally:
        stop_server(home)
