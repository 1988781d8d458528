"""docs/operations.md tells the truth about exit codes, vanished sources and removing an article."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.settings import Settings
from tests.conftest import REPO, SAMPLES
from tests.loading import load_paths

OPERATIONS = (REPO / "docs" / "operations.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    found = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", OPERATIONS, re.M | re.S)
    assert found, f"docs/operations.md has no '## {title}' section"
    return found.group(1)


def test_every_command_has_its_exit_codes_in_a_table() -> None:
    rows = re.findall(r"^\| `newsfacts (\w+)", _section("Exit codes"), re.M)
    names = sorted(c.name or c.callback.__name__ for c in app.registered_commands)
    assert sorted(set(rows)) == names


def _two_articles(tmp_path: Path) -> tuple[Path, Settings]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("08_eu_ai_gigafactories.html", "13_en_moore_threads_ipo.txt"):
        shutil.copy(SAMPLES / name, corpus / name)
    settings = Settings(warehouse=str(tmp_path / "w.duckdb"), publish_path="")
    load_paths([corpus], settings)
    return corpus, settings


def _uris(warehouse: str) -> list[str]:
    with duckdb.connect(warehouse, read_only=True) as con:
        rows = con.execute("select source_uri from raw.articles order by 1").fetchall()
    return [Path(u).name for (u,) in rows]


def test_a_source_file_that_disappears_keeps_its_article(tmp_path: Path) -> None:
    assert "nothing is deleted" in _section("Removing an article")
    corpus, settings = _two_articles(tmp_path)
    (corpus / "08_eu_ai_gigafactories.html").unlink()
    load_paths([corpus], settings)
    assert _uris(settings.warehouse) == [
        "08_eu_ai_gigafactories.html",
        "13_en_moore_threads_ipo.txt",
    ]


def test_the_documented_removal_deletes_only_that_raw_document(tmp_path: Path) -> None:
    """The docs' step 2, run as written on a warehouse of two articles."""
    if shutil.which("flock") is None:
        pytest.skip("flock (util-linux) is not installed")
    block = re.search(r"```console\n\s*\$ (flock [^\n]*)", _section("Removing an article"))
    assert block, "no flock command in the removal steps"
    command = block.group(1)
    _, settings = _two_articles(tmp_path)
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        (gone,) = con.execute(
            "select article_id from raw.articles where source_uri like '%gigafactories%'"
        ).fetchone()
    command = command.replace("warehouse/newsfacts.duckdb", settings.warehouse)
    command = command.replace("ARTICLE_ID", gone)
    done = subprocess.run(command, shell=True, cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        left = con.execute("select source_uri from raw.raw_documents").fetchall()
    assert [Path(u).name for (u,) in left] == ["13_en_moore_threads_ipo.txt"]


@pytest.mark.slow
def test_a_full_refresh_after_the_removal_leaves_no_trace_of_the_article(
    prefect_harness, tmp_path: Path
) -> None:
    corpus, settings = _two_articles(tmp_path)
    (corpus / "08_eu_ai_gigafactories.html").unlink()  # step 1: out of the sources
    with duckdb.connect(settings.warehouse) as con:  # step 2, as the test above runs it
        con.execute(
            "delete from raw.raw_documents where content_hash in (select content_hash"
            " from raw.articles where source_uri like '%gigafactories%')"
        )
    result = CliRunner().invoke(app, ["run", "--full-refresh", "-w", settings.warehouse])
    assert result.exit_code in (0, 1), result.output  # 1: warnings only
    assert _uris(settings.warehouse) == ["13_en_moore_threads_ipo.txt"]
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        texts = con.execute("select count(*) from raw.facts where text like '€%'").fetchone()
    assert texts == (0,)  # the gigafactories article's euro figures are gone
