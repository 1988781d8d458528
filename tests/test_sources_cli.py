"""The run and serve options fail early and clearly, before any flow starts."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from flows.cli import app

runner = CliRunner()


def text_of(output: str) -> str:
    """The output with rich's box drawing and line wrapping undone."""
    return " ".join(output.replace("│", " ").split())


def test_run_rejects_a_broken_sources_file(tmp_path: Path) -> None:
    sources = tmp_path / "newsfacts.toml"
    sources.write_text("[[sources]]\ntype = 'feed'\nurl = 'ftp://example.org/'\n")
    result = runner.invoke(
        app, ["run", "--sources", str(sources), "--warehouse", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2
    assert "not an http(s) URL" in text_of(result.output)
    assert not (tmp_path / "w.duckdb").exists()


def test_run_rejects_an_unknown_task_runner(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["run", "--task-runner", "spark", "--warehouse", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2
    assert "unknown task runner 'spark'" in text_of(result.output)


def test_serve_needs_exactly_one_schedule(tmp_path: Path) -> None:
    for args in ([], ["--cron", "0 * * * *", "--interval", "60"]):
        result = runner.invoke(app, ["serve", "--warehouse", str(tmp_path / "w.duckdb"), *args])
        assert result.exit_code == 2
        assert "exactly one of --cron or --interval" in text_of(result.output)
