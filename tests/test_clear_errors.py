"""Bad arguments and odd text get one clear line and a documented exit code, never a traceback."""

from __future__ import annotations

import re
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
    # the usage box wraps a long temporary path at the terminal's width: read it unwrapped
    flat = re.sub(r"[\s│╭╮╰╯─]+", "", result.output)
    assert f"{missing}".replace(" ", "") + "doesnotexist" in flat, result.output
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


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("NEWSFACTS_BATCH_SIZE", "NEWSFACTS_BATCH_SIZE must be a whole number"),
        ("NEWSFACTS_LOCK_WAIT", "NEWSFACTS_LOCK_WAIT must be a number of seconds"),
        ("NEWSFACTS_MAX_DOCUMENT_SECONDS", "NEWSFACTS_MAX_DOCUMENT_SECONDS must be a number"),
    ],
)
def test_a_number_from_the_environment_that_is_no_number_is_one_line(
    name: str, says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, "lots")
    result = CliRunner().invoke(app, ["run", "samples/articles", "-w", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2, result.output
    assert says in result.output
    assert "Traceback" not in result.output


# --- warehouses that cannot be opened, sources and cases that cannot be read --------------


def _flat(output: str) -> str:
    """The output's words, out of any box rich drew around them and unwrapped."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", output).split())


def _real_duckdb(path: Path) -> int:
    """A DuckDB file with some data in it; returns its size."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        con.execute("create table t as select range as i, repeat('x', 100) as s from range(200000)")
    return path.stat().st_size


def _bad_warehouse(kind: str, folder: Path) -> Path:
    path = folder / f"{kind}.duckdb"
    if kind == "not-duckdb":
        path.write_bytes(b"hello, this is a text file and no database\n" * 100)
    elif kind == "directory":
        path.mkdir()
    elif kind == "truncated":
        size = _real_duckdb(path)
        with path.open("r+b") as f:
            f.truncate(size // 2)
    elif kind == "corrupt":  # a block overwritten: DuckDB finds a checksum mismatch
        size = _real_duckdb(path)
        with path.open("r+b") as f:
            f.seek(size // 2)
            f.write(bytes(range(256)) * 400)
    return path


# what the one line says for each
BAD_WAREHOUSES = {
    "not-duckdb": "is not a DuckDB database",
    "directory": "is a folder",
    "truncated": "is corrupt or truncated",
    "corrupt": "is corrupt or truncated",
}


def _one_clear_line(output: str, path: Path, says: str) -> None:
    assert "Traceback" not in output and "Exception" not in output, output
    assert says in output, output
    assert str(path) in output.replace("\n", ""), output
    assert "locked" not in output and "busy" not in output, output  # never "locked"
    assert len(output.strip().splitlines()) <= 2, output  # rich may wrap the one line


@pytest.mark.parametrize("kind", sorted(BAD_WAREHOUSES))
@pytest.mark.parametrize(
    "command",
    [["check"], ["run", "samples/articles"], ["sql", "--working", "-c", "select 1"]],
    ids=["check", "run", "sql"],
)
def test_a_warehouse_that_cannot_be_opened_is_one_line_and_exit_2(
    kind: str, command: list[str], tmp_path: Path
) -> None:
    warehouse = _bad_warehouse(kind, tmp_path)
    result = CliRunner().invoke(app, [*command, "-w", str(warehouse)])
    assert result.exit_code == 2, result.output  # check: never 1, which passes CI gates
    assert isinstance(result.exception, SystemExit), result.exception
    _one_clear_line(result.output, warehouse, BAD_WAREHOUSES[kind])


@pytest.fixture
def immutable_warehouse(tmp_path: Path):
    """A warehouse file nobody may write, not even root (``chattr +i``)."""
    import subprocess

    path = tmp_path / "read-only.duckdb"
    _real_duckdb(path)
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    yield path
    subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_warehouse_is_one_line_and_exit_2(immutable_warehouse: Path) -> None:
    for command in (["check"], ["run", "samples/articles"]):
        result = CliRunner().invoke(app, [*command, "-w", str(immutable_warehouse)])
        assert result.exit_code == 2, result.output
        _one_clear_line(result.output, immutable_warehouse, "is read-only")


def test_a_corrupt_published_snapshot_is_one_line_and_exit_2(tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    _real_duckdb(warehouse)
    snapshot = _bad_warehouse("corrupt", tmp_path)
    env = {"NEWSFACTS_PUBLISH_PATH": str(snapshot)}
    result = CliRunner().invoke(app, ["sql", "-w", str(warehouse), "-c", "select 1"], env=env)
    assert result.exit_code == 2, result.output
    _one_clear_line(result.output, snapshot, "is corrupt or truncated")


def test_a_sources_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    sources = tmp_path / "newsfacts.toml"
    sources.write_bytes(b'[[sources]]\ntype = "folder"\npath = "caf\xe9"\n')
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["run", "--sources", str(sources), "-w", str(warehouse)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "is not UTF-8" in _flat(result.output) and "line 3" in _flat(result.output)
    assert not warehouse.exists()


def test_a_url_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_bytes(b"https://example.org/caf\xe9\n")
    sources = tmp_path / "newsfacts.toml"
    sources.write_text('[[sources]]\ntype = "urls"\nfile = "urls.txt"\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["run", "--sources", str(sources), "-w", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2, result.output
    assert "urls.txt" in result.output and "is not UTF-8" in _flat(result.output), result.output


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("not json", "line 2: not JSON"),
        ("[1, 2]", "line 2: not a JSON object"),
        ('{"id": "b"}', 'line 2: no "input"'),
        ('{"id": "b", "input": 5}', 'line 2: "input" must be a string'),
        ('{"input": "5%"}', 'line 2: no "id"'),
        ('{"id": "b", "input": "5%", "lang": 3}', 'line 2: "lang" must be a string'),
    ],
)
def test_bad_cases_lines_are_named_and_nothing_is_printed(
    line: str, says: str, tmp_path: Path
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text('{"id": "a", "input": "$5 billion"}\n' + line + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--cases", str(cases)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert says in _flat(result.output), result.output
    assert '"doc"' not in result.output  # refused before any case is extracted


def test_a_cases_file_that_is_not_utf8_or_absent_is_one_line(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_bytes(b'{"id": "a", "input": "caf\xe9 $5"}\n')
    result = CliRunner().invoke(app, ["extract", "--cases", str(cases)])
    assert result.exit_code == 2, result.output
    assert "is not UTF-8" in _flat(result.output), result.output
    result = CliRunner().invoke(app, ["extract", "--cases", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2, result.output
    assert "does not exist" in result.output


def test_a_report_path_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    result = CliRunner().invoke(app, ["report", "--html", str(folder), "-w", str(tmp_path / "w")])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "is a folder" in _flat(result.output), result.output


def test_an_organisations_file_or_dq_toml_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    orgs = tmp_path / "orgs.csv"
    orgs.write_bytes(b"organisation,alias\nCaf\xe9 AI,Caf\xe9\n")
    sources = tmp_path / "newsfacts.toml"
    sources.write_text(
        f'[[sources]]\ntype = "folder"\npath = "{Path("samples/articles").resolve()}"\n'
        '[organisations]\nfiles = ["orgs.csv"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app, ["run", "--sources", str(sources), "-w", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2, result.output
    assert "is not UTF-8" in _flat(result.output), result.output
    dq = tmp_path / "dq.toml"
    dq.write_bytes(b"# caf\xe9\n")
    warehouse = tmp_path / "w2.duckdb"
    _real_duckdb(warehouse)
    result = CliRunner().invoke(app, ["check", "-w", str(warehouse), "--config", str(dq)])
    assert result.exit_code == 2, result.output
    assert "is not UTF-8" in _flat(result.output), result.output


def test_a_claim_gold_folder_without_articles_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "--claims", "--claim-gold", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "has no articles/ folder" in _flat(result.output), result.output
