"""Bad arguments and odd text get one clear line and a documented exit code, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.settings import Settings
from tests.loading import load_paths


@pytest.mark.parametrize(
    "args",
    [["--batch-size", "0"], ["--batch-size", "-3"], ["--workers", "0"], ["--workers", "-1"]],
)
def test_a_batch_size_or_worker_count_below_one_is_refused_up_front(
    args: list[str], tmp_path: Path
) -> None:
    warehouse = tmp_path / "w.duckdb"
    started = time.monotonic()
    result = CliRunner().invoke(app, ["run", "samples/articles", "-w", str(warehouse), *args])
    assert result.exit_code == 2, result.output
    assert "at least 1" in result.output
    assert "Traceback" not in result.output
    assert not warehouse.exists()  # refused before the flow (and its server) started
    assert time.monotonic() - started < 20


def test_a_path_that_does_not_exist_is_refused_before_the_run(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    missing = tmp_path / "no-such-folder"
    result = CliRunner().invoke(
        app, ["run", str(missing), "samples/articles", "-w", str(warehouse)]
    )
    assert result.exit_code == 2, result.output
    assert "no-such-folder" in result.output and "does not exist" in result.output
    assert "Traceback" not in result.output
    assert not warehouse.exists()


@pytest.fixture(scope="module")
def odd_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("odd")
    corpus = root / "corpus"
    corpus.mkdir()
    filler = " ".join(f"Infrastructure{i}" for i in range(12))
    (corpus / "markup.txt").write_text(
        "Chips [/] and [bold]tags[/bold] in a title\n\n"
        f"{filler} the Ascend cluster reached 20 exaflops for $2 billion [/red].\n",
        encoding="utf-8",
    )
    settings = Settings(warehouse=str(root / "odd.duckdb"))
    load_paths([corpus], settings)
    return settings


def test_search_prints_titles_and_snippets_literally(odd_warehouse: Settings) -> None:
    result = CliRunner().invoke(
        app, ["search", "Ascend", "--working", "-w", odd_warehouse.warehouse]
    )
    assert result.exit_code == 0, result.output
    assert "Chips [/] and [bold]tags[/bold] in a title" in result.output
    assert "[/red]" in result.output


def test_a_snippet_starts_and_ends_at_word_boundaries(odd_warehouse: Settings) -> None:
    result = CliRunner().invoke(
        app, ["search", "Ascend", "--json", "--working", "-w", odd_warehouse.warehouse]
    )
    import json

    snippet = json.loads(result.output.splitlines()[0])["snippet"]
    first = snippet.split()[0]
    assert first.startswith("Infrastructure") or first == "the", snippet
    text_words = set(
        (
            "Chips [/] and [bold]tags[/bold] in a title "
            + " ".join(f"Infrastructure{i}" for i in range(12))
            + " the Ascend cluster reached 20 exaflops for $2 billion [/red]."
        ).split()
    )
    assert all(word in text_words for word in snippet.split()), snippet


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--cron", "every hour"], "is not a cron expression"),
        (["--interval", "0"], "more than 0 seconds"),
        (["--interval", "60", "--workers", "0"], "at least 1"),
    ],
)
def test_serve_refuses_a_schedule_it_cannot_keep(args: list[str], says: str, tmp_path) -> None:
    result = CliRunner().invoke(app, ["serve", *args, "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "Traceback" not in result.output


def test_a_batch_size_from_the_environment_that_is_no_number_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSFACTS_BATCH_SIZE", "lots")
    result = CliRunner().invoke(app, ["run", "samples/articles", "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2, result.output
    assert "NEWSFACTS_BATCH_SIZE must be a whole number" in result.output
