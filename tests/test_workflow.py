"""The GitHub workflow runs the tests and shows both JUnit reports as checks on the PR.

Parsed from .github/workflows/pipeline.yml: a job runs the test suite writing JUnit XML,
another runs the pipeline and the data-quality gate writing its JUnit XML, and each report
is handed to a test-reporter action (with the ``checks: write`` permission it needs) at
exactly the path the command writes, not only uploaded as a file.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from flows.cli import app
from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pipeline.yml"
REPORTERS = ("dorny/test-reporter@", "EnricoMi/publish-unit-test-result-action@")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def commands(step: dict) -> list[list[str]]:
    """The shell commands of a ``run`` step, one word list each (continued lines joined)."""
    script = step.get("run", "").replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in script.splitlines() if line.strip()]


def option(words: list[str], name: str) -> str | None:
    for i, word in enumerate(words):
        if word == name and i + 1 < len(words):
            return words[i + 1]
        if word.startswith(f"{name}="):
            return word.split("=", 1)[1]
    return None


def reported_paths(job: dict, after: int) -> list[str]:
    """The paths the test-reporter steps after step ``after`` turn into checks."""
    paths = []
    for step in job["steps"][after + 1 :]:
        if str(step.get("uses", "")).startswith(REPORTERS):
            with_ = step.get("with", {})
            assert with_.get("reporter", "java-junit") == "java-junit"
            assert step.get("if") in ("${{ !cancelled() }}", "always()", "${{ always() }}")
            paths += str(with_.get("path") or with_.get("files")).split()
    return paths


def find(workflow: dict, words: tuple[str, ...]) -> tuple[dict, int, list[str]]:
    """The job, step index and command that start with ``words``."""
    for job in workflow["jobs"].values():
        for index, step in enumerate(job["steps"]):
            for command in commands(step):
                if tuple(command[: len(words)]) == words:
                    return job, index, command
    raise AssertionError(f"no step runs {' '.join(words)}")


def test_checks_may_be_written(workflow: dict) -> None:
    permissions = workflow.get("permissions", {})
    jobs = [job.get("permissions", permissions) for job in workflow["jobs"].values()]
    assert all(p.get("checks") == "write" for p in jobs)


def test_the_tests_run_and_their_junit_is_a_check(workflow: dict) -> None:
    job, index, command = find(workflow, ("uv", "run", "pytest"))
    junit = option(command, "--junitxml")
    assert junit is not None, command
    assert junit in reported_paths(job, index)


def test_the_gate_junit_is_a_check_at_the_path_check_writes(workflow: dict) -> None:
    job, run_index, run = find(workflow, ("uv", "run", "newsfacts", "run"))
    check_job, index, check = find(workflow, ("uv", "run", "newsfacts", "check"))
    assert check_job is job and index > run_index
    # the gate checks the warehouse the run wrote, and reports the file it writes
    assert option(check, "--warehouse") == option(run, "--warehouse")
    junit = option(check, "--junit")
    assert junit is not None and junit in reported_paths(job, index)
    # those are options the commands really have
    import typer.main

    group = typer.main.get_command(app)
    check_options = {o for p in group.commands["check"].params for o in p.opts}
    run_options = {o for p in group.commands["run"].params for o in p.opts}
    assert {"--warehouse", "--junit", "--markdown"} <= check_options
    assert "--warehouse" in run_options
    # the folder the reports go to exists before the commands write there
    folder = str(Path(junit).parent)
    script = " ".join(" ".join(c) for s in job["steps"][: index + 1] for c in commands(s))
    assert re.search(rf"mkdir -p {re.escape(folder)}\b", script)
