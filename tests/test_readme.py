"""The README is the contract with a new user: its commands exist and CI runs them."""

from __future__ import annotations

import re

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
