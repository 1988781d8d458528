"""The three deployments of docs/operations.md run as written (on one machine)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow

OPERATIONS = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")


def deployment_blocks() -> list[str]:
    section = OPERATIONS.split("## Deployments", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.*?)```", section, re.S)


def test_the_page_shows_three_deployments() -> None:
    blocks = deployment_blocks()
    assert len(blocks) == 3
    assert "ducklake:postgres:" not in blocks[0]
    assert all("ducklake:postgres:" in block for block in blocks[1:])
    assert "dask worker" in blocks[2] and "--dask-address" in blocks[2]


@pytest.mark.timeout(1500)
@pytest.mark.parametrize("number", [1, 2, 3])
def test_a_deployment_runs_as_written(number: int, tmp_path) -> None:
    if number > 1 and not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        pytest.skip("needs the PostgreSQL server programs (apt-get install -y postgresql)")
    block = deployment_blocks()[number - 1]
    if number > 1:  # the folders the page names start empty, as on a fresh machine
        from warehouse import pgserver

        pgserver.stop("/tmp/newsfacts-pg")
        for folder in ("/tmp/newsfacts-pg", "/tmp/newsfacts-lake", "/tmp/newsfacts-shared"):
            shutil.rmtree(folder, ignore_errors=True)
    # the default warehouse moves to a temporary folder, so the checkout is left as it was
    env = {**os.environ, "NEWSFACTS_WAREHOUSE": str(tmp_path / "newsfacts.duckdb")}
    done = subprocess.run(
        ["bash", "-c", block], cwd=REPO, env=env, capture_output=True, text=True, timeout=1400
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    runs = {1: 1, 2: 3, 3: 2}[number]
    assert output.count(" completed: ") == runs, output[-4000:]
    # no traceback of ours (Dask may log its own when its processes are stopped)
    tracebacks = output.split("Traceback (most recent call last):")[1:]
    ours = [t for t in tracebacks if re.search(r"/(flows|warehouse|newsfacts)/", t[:3000])]
    assert ours == [], ours[0][:3000] if ours else ""
    assert "freshness_days" in output  # the gate's table was printed
    if number == 2:
        assert re.search(r"completed\s*│\s*3\b", output), output[-2000:]
