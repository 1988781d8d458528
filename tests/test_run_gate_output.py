"""``newsfacts run`` whose quality gate fails: the report's table, one line, exit 2, no traceback.

A failing check is an expected outcome of a run, not a crash: the terminal shows
the same table ``newsfacts check`` prints, then one line saying what to do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.test_dq import BAD_CORPUS


@pytest.mark.slow
def test_a_run_that_fails_its_gate_prints_the_table_not_a_traceback(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["COLUMNS"] = "200"
    warehouse = tmp_path / "w.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", str(BAD_CORPUS), "-w", str(warehouse)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output, output
    assert "Encountered exception" not in output, output
    # the report's table, as `newsfacts check` prints it: the failed checks by name
    assert "data quality:" in done.stdout, output
    for check in ("quarantined_facts_share", "conversion_agreement"):
        assert check in done.stdout, output
    assert "❌ error" in done.stdout, output
    assert "newsfacts check --warehouse" in done.stderr, output
