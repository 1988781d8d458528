"""The README is the contract with a new user: its commands exist and CI runs them."""

from __future__ import annotations

import re

import pytest

from flows.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    block = re.search(r"## Set up and run.*?```sh\n(.*?)```", README, re.S)
    assert block, "README has no set-up block"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.strip()]


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert "newsfacts run" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup_commands()[1] in [line.strip() for line in ci]


def test_ci_runs_the_slow_tests_the_readme_names() -> None:
    assert "`uv run pytest -m slow`" in README
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("uv run pytest -m slow") for line in ci)


def test_every_cli_command_is_documented() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names, "the CLI has no commands"
    undocumented = [n for n in names if f"newsfacts {n}" not in README]
    assert undocumented == []


def test_readme_shows_real_output_not_placeholders() -> None:
    assert "@@" not in README


DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def written_commands() -> list[tuple[str, str]]:
    """Every concrete ``newsfacts ...`` command the README and docs/ show (not the templates
    of the commands table): inline code and ``$ `` lines of examples, joined across ``\\``."""
    found = []
    for path in DOCS:
        text = path.read_text(encoding="utf-8").replace("\\\n", " ")
        spans = re.findall(r"`((?:uv run )?newsfacts [^`]+)`", text)
        # a "$ " line, with the lines after it while a quote it opens is still open
        spans += [
            " ".join(m.group(1).split())
            for m in re.finditer(
                r'^\$ (?:echo .*\| )?((?:uv run )?newsfacts (?:[^"\n]|"[^"]*")+)$', text, re.M
            )
        ]
        for span in spans:
            command = span.split(" #")[0].strip()
            if not re.search(r"\[|\.\.\.|\b[A-Z]{3,}\b", command):  # a template's placeholders
                found.append((path.name, command))
    return found


def test_the_docs_show_commands() -> None:
    names = {
        command.split()[1 if command.startswith("newsfacts") else 3]
        for _, command in written_commands()
    }
    assert {"run", "eval", "check", "sql", "search", "serve"} <= names


@pytest.mark.parametrize("where, command", written_commands(), ids=lambda v: str(v)[:60])
def test_every_command_the_docs_show_parses_as_written(where: str, command: str) -> None:
    """Each command's words are options and arguments the CLI takes (a fresh clone runs it)."""
    import shlex

    import typer.main

    words = shlex.split(command)
    words = words[words.index("newsfacts") + 1 :]
    commands = typer.main.get_command(app).commands
    assert words[0] in commands, f"{where}: no command {words[0]!r} in {command!r}"
    commands[words[0]].make_context(words[0], words[1:])  # a usage error raises


@pytest.mark.slow
def test_the_analysts_guide_is_what_its_builder_writes() -> None:
    """docs/analysts.md is rebuilt from the samples: every output table is reproducible."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "docs/build_analysts.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
