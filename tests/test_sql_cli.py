"""``newsfacts sql``: the real duckdb shell, read-only, with the marts and search ready."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsfacts.settings import Settings
from tests.conftest import REPO
from tests.labelling import claims_by_text
from tests.loading import load_paths

NEWSFACTS = [sys.executable, "-m", "flows.cli"]

ARTICLE = "Nvidia opens an AI factory\n\nNvidia said the factory delivers 5 exaflops.\n"
NVIDIA = {"measure": "computing_power", "organisation": "Nvidia", "subject": "Nvidia"}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("sql")
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    settings = Settings(warehouse=str(root / "sql.duckdb"))
    load_paths(
        [root / "a.txt"],
        settings,
        claims_by_text({"Nvidia opens an AI factory": {"5 exaflops": NVIDIA}}),
    )
    return settings.warehouse


def newsfacts_sql(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSFACTS, "sql", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )


def test_command_runs_sql_on_the_marts_raw_tables_and_search(warehouse: str) -> None:
    out = newsfacts_sql(
        "--warehouse",
        warehouse,
        "--mode",
        "csv",
        "-c",
        "select organisation, exaflops from compute_capacity",
        "-c",
        "select title from search_articles('factory')",
        "-c",
        "select count(*) as n from ecb_rates where currency = 'USD'",
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[:2] == ["organisation,exaflops", "Nvidia,5.0"]
    assert lines[2:4] == ["title", "Nvidia opens an AI factory"]
    assert lines[4] == "n" and int(lines[5]) > 6000


def test_statements_from_stdin(warehouse: str) -> None:
    out = newsfacts_sql(
        "--warehouse", warehouse, "--mode", "csv", stdin="select count(*) as n from facts;\n"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["n", "1"]


def test_the_shell_is_read_only(warehouse: str) -> None:
    out = newsfacts_sql("--warehouse", warehouse, "-c", "delete from raw.facts")
    assert out.returncode != 0
    assert "read-only" in (out.stdout + out.stderr).lower()
    check = newsfacts_sql(
        "--warehouse", warehouse, "--mode", "csv", "-c", "select count(*) n from raw.facts"
    )
    assert check.stdout.splitlines() == ["n", "1"]


def test_a_missing_warehouse_is_a_clear_error(tmp_path: Path) -> None:
    out = newsfacts_sql("--warehouse", str(tmp_path / "none.duckdb"), "-c", "select 1")
    assert out.returncode == 2
    assert "no warehouse" in out.stderr


def test_analysts_read_the_published_snapshot_unless_asked(tmp_path: Path) -> None:
    from warehouse.publish import publish_snapshot

    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    later = "Oracle adds a GPU cluster\n\nOracle said its new cluster reaches 2 exaflops.\n"
    (tmp_path / "two.txt").write_text(later, encoding="utf-8")
    settings = Settings(warehouse=str(tmp_path / "working.duckdb"))
    load_paths([tmp_path / "one.txt"], settings)
    publish_snapshot(settings.warehouse, settings.published_warehouse)
    load_paths([tmp_path / "two.txt"], settings)  # after the snapshot

    count = ["--mode", "csv", "-c", "select count(*) as n from facts"]
    snapshot = newsfacts_sql("--warehouse", settings.warehouse, *count)
    working = newsfacts_sql("--warehouse", settings.warehouse, "--working", *count)
    assert snapshot.stdout.splitlines() == ["n", "1"], snapshot.stderr
    assert "published snapshot" in snapshot.stderr
    assert working.stdout.splitlines() == ["n", "2"], working.stderr
