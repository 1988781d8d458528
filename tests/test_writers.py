"""A reader never breaks a run, two runs never collide, and ``raw.runs`` tells the truth.

Real processes: ``newsfacts run`` in subprocesses (against the session's Prefect
server, so none starts its own), analysts' shells (``newsfacts sql --working``, the
``duckdb`` CLI) held open on the working file, ``newsfacts check`` during a run, and
runs killed with SIGKILL or SIGTERM while they write.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO, SAMPLES
from tests.test_kill import kill_while_writing, write_corpus

pytestmark = pytest.mark.slow

NEWSFACTS = [sys.executable, "-m", "flows.cli"]
DUCKDB = REPO / ".venv" / "bin" / "duckdb"
BATCH_SIZE = 50
STATUSES = ["--mode", "csv", "-c", "select status from runs order by started_at"]


def cli_env(**extra: str) -> dict[str, str]:
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), **extra}


def start(*args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*NEWSFACTS, *args],
        cwd=REPO,
        env=cli_env(**env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def newsfacts(*args: str, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*NEWSFACTS, *args],
        cwd=REPO,
        env=cli_env(**env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_args(corpus: Path, warehouse: Path, batch_size: int = BATCH_SIZE) -> list[str]:
    return ["run", str(corpus), "--warehouse", str(warehouse), "--batch-size", str(batch_size)]


def wait_for_line(process: subprocess.Popen[str], text: str, timeout: float = 120) -> str:
    """The first line of ``process``'s stderr that holds ``text`` (read up to it)."""
    assert process.stderr
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], 1)
        if not ready:
            continue
        line = process.stderr.readline()
        if not line:
            break
        if text in line:
            return line
        seen.append(line)
    raise AssertionError(f"no {text!r} line: {''.join(seen)[-2000:]}")


def wait_until_writing(process: subprocess.Popen[str], warehouse: Path) -> None:
    """Return once ``process`` has the warehouse open for writing (its WAL exists)."""
    wal = Path(f"{warehouse}.wal")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists():
            return
        time.sleep(0.005)
    raise AssertionError(f"the run never wrote: {process.poll()} {process.stderr.read()[-2000:]}")


def finish(process: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    _, errors = process.communicate(timeout=timeout)
    return process.returncode, errors


def runs(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select run_id, status, started_at, finished_at, count_articles_new, count_facts_new"
            " from raw.runs order by started_at"
        ).fetchall()


def loaded_by(warehouse: Path, run_id: str) -> tuple[int, int]:
    """Articles and facts the rows of the warehouse say ``run_id`` loaded."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(
            "select (select count(*) from raw.articles where loaded_run_id = $1),"
            " (select count(*) from raw.facts where loaded_run_id = $1)",
            [run_id],
        ).fetchone()


def samples(folder: Path, count: int, start_at: int = 0) -> Path:
    folder.mkdir(exist_ok=True)
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    for f in files[start_at : start_at + count]:
        shutil.copy(f, folder / f.name)
    return folder


class Shell:
    """An interactive shell process (``newsfacts sql`` or ``duckdb``) fed on stdin."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            argv,
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ask(self, sql: str, timeout: float = 60) -> str:
        """The first line of the result of ``sql``, a one-value csv query."""
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(sql + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        assert ready, "the shell did not answer"
        self.process.stdout.readline()  # the csv header
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def no_traceback(errors: str) -> None:
    assert "Traceback" not in errors, errors[-3000:]


# --- item 2: two writers ---------------------------------------------------------------


def test_two_runs_on_one_warehouse_the_second_refuses_up_front_or_waits(
    prefect_harness, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    warehouse = tmp_path / "two.duckdb"
    first = start(*run_args(corpus, warehouse, batch_size=10))
    wait_until_writing(first, warehouse)

    # one that may wait waits for the first (the same corpus: a run of 3 documents
    # after one of 600 would fail the run_volume check)
    second = start(*run_args(corpus, warehouse), NEWSFACTS_LOCK_WAIT="300")
    said = wait_for_line(second, "waiting")
    assert first.poll() is None, "the first run ended before the second waited"
    assert "newsfacts run (pid " in said

    # one that may not wait refuses with one line before it starts anything
    refused = newsfacts(*run_args(samples(tmp_path / "s", 3), warehouse), NEWSFACTS_LOCK_WAIT="0")
    no_traceback(refused.stderr)
    assert refused.returncode == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "busy" in lines[0] and "run" in lines[0], lines

    code, errors = finish(first)
    assert code == 0, errors[-3000:]
    code, errors = finish(second)
    assert code == 0, errors[-3000:]
    no_traceback(errors)

    (a, status_a, _, finished_a, *counts_a), (b, status_b, started_b, _, *counts_b) = runs(
        warehouse
    )
    assert (status_a, status_b) == ("completed", "completed")
    assert started_b >= finished_a  # the second started once the first had finished
    assert loaded_by(warehouse, a) == tuple(counts_a) == (600, 1800)
    assert loaded_by(warehouse, b) == tuple(counts_b) == (0, 0)  # all loaded by the first


# --- item 1: readers ---------------------------------------------------------------------


def test_a_working_shell_held_open_never_breaks_a_run(prefect_harness, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    code, errors = finish(start(*run_args(samples(tmp_path / "c", 2), warehouse)))
    assert code == 0, errors[-3000:]

    shell = Shell(
        [*NEWSFACTS, "sql", "--working", "--warehouse", str(warehouse), "--mode", "csv"],
        env=cli_env(),
    )
    try:
        assert shell.ask("select count(*) from articles;") == "2"
        run = newsfacts(*run_args(samples(tmp_path / "c", 3, start_at=2), warehouse))
        assert run.returncode == 0, run.stderr[-3000:]
        assert shell.ask("select count(*) from articles;") == "2"  # still what it opened
    finally:
        shell.close()
    assert [r[1] for r in runs(warehouse)] == ["completed", "completed"]


def test_a_check_during_a_run_waits_for_it(prefect_harness, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    warehouse = tmp_path / "c.duckdb"
    run = start(*run_args(corpus, warehouse))
    wait_until_writing(run, warehouse)
    check = newsfacts("check", "--warehouse", str(warehouse), NEWSFACTS_LOCK_WAIT="300")
    assert run.poll() is not None, "the check did not wait for the run"
    code, errors = finish(run)
    assert code == 0, errors[-3000:]
    no_traceback(check.stderr)
    assert check.returncode in (0, 1), check.stdout + check.stderr
    assert "articles_with_facts_share" in check.stdout
    assert [r[1] for r in runs(warehouse)] == ["completed"]


def test_a_duckdb_shell_on_the_working_file_makes_the_run_wait_then_fail_in_one_line(
    prefect_harness, tmp_path: Path
) -> None:
    """The README's old first example, ``uv run duckdb warehouse/newsfacts.duckdb``, left open."""
    warehouse = tmp_path / "d.duckdb"
    code, errors = finish(start(*run_args(samples(tmp_path / "c", 2), warehouse)))
    assert code == 0, errors[-3000:]
    more = samples(tmp_path / "more", 2, start_at=2)

    shell = Shell([str(DUCKDB), "-csv", str(warehouse)])
    try:
        assert shell.ask("select count(*) from raw.runs;") == "1"
        blocked = newsfacts(*run_args(more, warehouse), NEWSFACTS_LOCK_WAIT="2")
        no_traceback(blocked.stderr)
        assert blocked.returncode == 1
        lines = blocked.stderr.strip().splitlines()
        assert len(lines) <= 2, lines
        assert "duckdb (PID " in lines[-1], lines  # who holds it

        waiting = start(*run_args(more, warehouse), NEWSFACTS_LOCK_WAIT="120")
        said = wait_for_line(waiting, "waiting")
        assert "duckdb (PID " in said
    finally:
        shell.close()  # the analyst closes the shell: the waiting run goes on
    code, errors = finish(waiting)
    assert code == 0, errors[-3000:]
    assert [r[1] for r in runs(warehouse)] == ["completed", "completed"]


def test_a_first_run_that_fails_its_gate_publishes_a_snapshot_marked_as_such(
    prefect_harness, tmp_path: Path
) -> None:
    corpus = tmp_path / "numberless"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"n{i}.txt").write_text(
            f"Council meeting {i}\n\nThe council met on Tuesday and discussed the plan.\n",
            encoding="utf-8",
        )
    warehouse = tmp_path / "gate.duckdb"
    failed = newsfacts(*run_args(corpus, warehouse))
    assert failed.returncode == 2, failed.stderr[-3000:]
    assert [r[1] for r in runs(warehouse)] == ["failed"]  # raw.runs says what the gate did

    published = tmp_path / "published" / "gate.duckdb"
    assert published.is_file()  # readers have something to read, marked as unchecked
    sql = newsfacts("sql", "--warehouse", str(warehouse), *STATUSES)
    assert sql.returncode == 0, sql.stderr
    assert sql.stdout.split() == ["status", "failed"]
    assert "failed its quality gate" in sql.stderr

    passed = newsfacts(*run_args(samples(tmp_path / "c", 12), warehouse))
    assert passed.returncode in (0, 1), passed.stderr[-3000:]
    sql = newsfacts("sql", "--warehouse", str(warehouse), *STATUSES)
    assert sql.stdout.split() == ["status", "failed", "completed"]
    assert "failed its quality gate" not in sql.stderr


# --- item 3: raw.runs tells the truth ----------------------------------------------------


def test_a_run_whose_publish_fails_is_failed(prefect_harness, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    warehouse = tmp_path / "p.duckdb"
    run = newsfacts(
        *run_args(samples(tmp_path / "c", 3), warehouse),
        NEWSFACTS_PUBLISH_PATH=str(blocker / "published.duckdb"),
    )
    assert run.returncode == 1, run.stderr[-3000:]
    no_traceback(run.stderr)
    [(run_id, status, _, finished_at, articles, facts)] = runs(warehouse)
    assert status == "failed" and finished_at is not None
    assert loaded_by(warehouse, run_id) == (articles, facts) == (3, facts) and facts > 0


def test_a_run_that_died_is_abandoned_with_its_counts_and_a_check_shows_it(
    prefect_harness, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    warehouse = tmp_path / "k.duckdb"
    dying = start(*run_args(corpus, warehouse), NEWSFACTS_PUBLISH_PATH="")
    kill_while_writing(dying, Path(f"{warehouse}.wal"), after_opens=4, stop=signal.SIGKILL)
    dying.communicate(timeout=60)
    assert dying.returncode != 0

    check = newsfacts("check", "--warehouse", str(warehouse))
    no_traceback(check.stderr)
    assert "abandoned_runs" in check.stdout, check.stdout
    assert check.returncode == 1, check.stdout  # a warning: a run died
    [(run_id, status, _, _, articles, facts)] = runs(warehouse)
    assert status == "abandoned"  # closed by the check, which holds the writer's lock
    assert (articles, facts) == loaded_by(warehouse, run_id)
    assert articles is not None and articles > 0

    rerun = newsfacts(*run_args(corpus, warehouse), NEWSFACTS_PUBLISH_PATH="")
    assert rerun.returncode in (0, 1), rerun.stderr[-3000:]
    statuses = [r[1] for r in runs(warehouse)]
    assert statuses == ["abandoned", "completed"]
    newsfacts("check", "--warehouse", str(warehouse))
    # the run after it said so in its gate; once a run completed, the check passes again
    assert latest_metrics(warehouse, "abandoned_runs") == [0.0, 1.0, 1.0]


def latest_metrics(warehouse: Path, check_name: str) -> list[float]:
    """The metric of ``check_name`` at each check, newest first."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute(
            "select metric from raw.dq_check_results where check_name = ? order by checked_at desc",
            [check_name],
        ).fetchall()
    return [r[0] for r in rows]
