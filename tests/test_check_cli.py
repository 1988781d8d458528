"""`newsfacts check`: exit 0 ok, 1 warnings, 2 errors; JUnit, markdown, GitHub Actions output."""

# ruff: noqa: F811  (the warehouse fixtures are imported from test_dq and used as parameters)

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.settings import Settings
from tests.conftest import REPO
from tests.test_dq import (  # noqa: F401  (session fixtures shared with test_dq)
    bad_warehouse,
    bad_warehouse_file,
    seed_warehouse,
    seed_warehouse_file,
)

runner = CliRunner()

LENIENT = """
[checks.quarantined_facts_share]
warn_above = 0.5
[checks.schema_drift]
error_above = 0
"""


@pytest.fixture(autouse=True)
def outside_github(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def test_errors_exit_2_and_write_junit_and_markdown(
    bad_warehouse: Settings, tmp_path: Path
) -> None:
    junit, markdown = tmp_path / "dq.xml", tmp_path / "dq.md"
    args = ["check", "-w", bad_warehouse.warehouse, "--junit", str(junit)]
    result = runner.invoke(app, [*args, "--markdown", str(markdown)])
    assert result.exit_code == 2, result.output
    assert "quarantined_facts_share" in result.output
    suite = ET.parse(junit).getroot()
    failed = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert failed == {"quarantined_facts_share", "conversion_agreement"}
    assert markdown.read_text(encoding="utf-8").startswith("## Data quality: ❌ error")
    with duckdb.connect(bad_warehouse.warehouse, read_only=True) as con:
        invoked = con.execute("select distinct invoked_by from raw.dq_check_results").fetchall()
    assert invoked == [("cli",)]


def test_warnings_only_exit_1(seed_warehouse: Settings) -> None:
    result = runner.invoke(app, ["check", "--warehouse", seed_warehouse.warehouse])
    assert result.exit_code == 1, result.output


def test_all_passing_exits_0(seed_warehouse: Settings, tmp_path: Path) -> None:
    config = tmp_path / "dq.toml"
    config.write_text(LENIENT, encoding="utf-8")
    result = runner.invoke(app, ["check", "-w", seed_warehouse.warehouse, "--config", str(config)])
    assert result.exit_code == 0, result.output


def test_under_github_actions_it_annotates_and_writes_the_step_summary(
    bad_warehouse: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(app, ["check", "-w", bad_warehouse.warehouse])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2
    assert any("title=data quality conversion_agreement::" in line for line in errors)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## Data quality: ❌ error")


def test_a_missing_warehouse_or_a_bad_config_is_an_error(
    seed_warehouse: Settings, tmp_path: Path
) -> None:
    missing = runner.invoke(app, ["check", "-w", str(tmp_path / "nope.duckdb")])
    assert missing.exit_code == 2
    assert not (tmp_path / "nope.duckdb").exists()
    config = tmp_path / "dq.toml"
    config.write_text("[rows]\nflops_max = 'lots'\n", encoding="utf-8")
    bad = runner.invoke(app, ["check", "-w", seed_warehouse.warehouse, "--config", str(config)])
    assert bad.exit_code == 2
    assert "flops_max" in bad.output


@pytest.mark.slow  # a subprocess of the installed command
def test_the_installed_command_returns_the_exit_code(seed_warehouse: Settings) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "check", "-w", seed_warehouse.warehouse],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
