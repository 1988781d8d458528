"""Full-text search over article text: the fts index, the SQL macro and ``newsfacts search``."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.settings import Settings
from tests.loading import load_paths
from warehouse.db import load_extension, open_warehouse
from warehouse.search import is_index_current, search_articles

# Written for these tests: three short articles in three languages.
ARTICLES = {
    "ascend.txt": "Huawei ships Ascend accelerators\n\n"
    "Huawei said its Ascend accelerators power a 20 exaflops cluster in Guizhou.\n",
    "vi.txt": "Trung tâm dữ liệu mới ở Hà Nội\n\n"
    "Công ty đầu tư 2.000 tỷ đồng vào trung tâm dữ liệu với 5% công suất dự phòng.\n",
    "zh.txt": "智算中心投产\n\n贵州的智算中心今天投产，算力规模达到300P，投资10亿元。\n",
}


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("search")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(warehouse=str(root / "search.duckdb"))
    load_paths([corpus], settings)
    return settings


@pytest.fixture
def con(settings: Settings) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(settings.warehouse, read_only=True)
    yield connection
    connection.close()


def test_an_english_word_finds_its_article_first(con: duckdb.DuckDBPyConnection) -> None:
    hits = search_articles(con, "Ascend")
    assert [h.title for h in hits] == ["Huawei ships Ascend accelerators"]
    assert hits[0].matched_by == "bm25"
    assert hits[0].score > 0
    assert "Ascend" in hits[0].snippet


def test_stemming_finds_other_forms_of_a_word(con: duckdb.DuckDBPyConnection) -> None:
    assert [h.title for h in search_articles(con, "accelerator")] == [
        "Huawei ships Ascend accelerators"
    ]


def test_vietnamese_matches_with_or_without_accents(con: duckdb.DuckDBPyConnection) -> None:
    for query in ("dữ liệu", "du lieu"):
        assert [h.title for h in search_articles(con, query)] == ["Trung tâm dữ liệu mới ở Hà Nội"]


def test_chinese_falls_back_to_substring(con: duckdb.DuckDBPyConnection) -> None:
    hits = search_articles(con, "智算中心")
    assert [(h.title, h.matched_by) for h in hits] == [("智算中心投产", "substring")]
    assert "智算中心" in hits[0].snippet


def test_no_match_gives_no_hits(con: duckdb.DuckDBPyConnection) -> None:
    assert search_articles(con, "zeppelin") == []


def test_the_macro_is_plain_sql(con: duckdb.DuckDBPyConnection) -> None:
    load_extension(con, "fts")
    rows = con.execute(
        "select title, matched_by from search_articles('exaflops cluster') limit 1"
    ).fetchall()
    assert rows == [("Huawei ships Ascend accelerators", "bm25")]


def test_the_index_follows_new_loads(settings: Settings, tmp_path: Path) -> None:
    copy = Settings(warehouse=str(tmp_path / "copy.duckdb"))
    Path(copy.warehouse).write_bytes(Path(settings.warehouse).read_bytes())
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "new.txt").write_text(
        "Cerebras opens a wafer-scale site\n\nCerebras said the site holds 4 exaflops.\n",
        encoding="utf-8",
    )
    with open_warehouse(copy.warehouse) as con:
        assert is_index_current(con)
    load_paths([extra], copy)
    with open_warehouse(copy.warehouse, read_only=True) as con:
        assert is_index_current(con)
        assert [h.title for h in search_articles(con, "wafer")] == [
            "Cerebras opens a wafer-scale site"
        ]


def test_search_command_prints_hits_and_json(settings: Settings) -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["search", "Ascend", "--warehouse", settings.warehouse])
    assert shown.exit_code == 0, shown.output
    assert "Huawei ships Ascend accelerators" in shown.output
    as_json = runner.invoke(app, ["search", "du lieu", "--json", "--warehouse", settings.warehouse])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert [r["title"] for r in rows] == ["Trung tâm dữ liệu mới ở Hà Nội"]


def test_search_command_exits_1_when_nothing_matches(settings: Settings) -> None:
    result = CliRunner().invoke(app, ["search", "zeppelin", "--warehouse", settings.warehouse])
    assert result.exit_code == 1


def test_search_command_needs_a_warehouse(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["search", "x", "--warehouse", str(tmp_path / "missing.duckdb")]
    )
    assert result.exit_code == 2
    assert not (tmp_path / "missing.duckdb").exists()
