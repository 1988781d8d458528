"""Many writers at once on one DuckLake cataloged in a real PostgreSQL server.

Four ``newsfacts run`` processes, each given its own part of the sources (and a few
files every part shares, byte for byte), load into one lake at the same time; then ten
rounds each start a writer on new files, SIGKILL it at a random point and run it
again. Nothing may be loaded twice or lost, and the content-hash dedup must hold
across writers. An analyst's session keeps one snapshot while writers commit.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schemas import TABLES
from tests.conftest import REPO
from warehouse.db import APPENDED_TABLES, connect

pytestmark = pytest.mark.slow

WRITERS = 4
ROUNDS = 10

# figures and names vary per document, so every file is its own article
COMPANIES = ["Acme Compute", "Northwind AI", "Helios Cloud", "Tanager Systems", "Orchid Labs"]
PLACES = ["Texas", "Johor", "Bavaria", "Hanoi", "Osaka", "Quebec"]
TEMPLATES = {
    "en": (
        "{company} will spend ${amount}.{n} billion on a data center in {place}, with {gpus}"
        " GPUs and {flops} petaflops of compute. Its cloud revenue grew {pct}% in {year}.\n\n"
        "Analysts said the {place} site would be one of the larger AI clusters of {year}."
    ),
    "zh": (
        "{company}宣布在{place}投资{amount}{n}亿元建设智算中心,部署{gpus}块GPU,"
        "算力达到{flops}PFLOPS。{year}年其云业务收入增长{pct}%。\n\n"
        "业内人士表示,该中心将于{year}年底投入使用。"
    ),
    "vi": (
        "{company} sẽ đầu tư {amount}.{n}00 tỷ đồng vào trung tâm dữ liệu tại {place}, với"
        " {gpus} GPU và năng lực tính toán {flops} petaflops. Doanh thu đám mây tăng {pct}%"
        " trong năm {year}.\n\nDự án dự kiến hoàn thành trong năm {year}."
    ),
}


def write_articles(folder: Path, tag: str, count: int, rng: random.Random) -> list[Path]:
    """``count`` distinct small articles in en/zh/vi under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        lang = ("en", "zh", "vi")[i % 3]
        text = TEMPLATES[lang].format(
            company=rng.choice(COMPANIES),
            place=rng.choice(PLACES),
            amount=rng.randint(1, 90),
            n=rng.randint(1, 9),
            gpus=rng.randint(2, 60) * 1000,
            flops=rng.randint(10, 990),
            pct=rng.randint(2, 80),
            year=rng.randint(2021, 2026),
        )
        path = folder / f"{tag}-{i:03d}-{lang}.txt"
        path.write_text(f"{tag} {i}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def writer(part: Path, lake: str, env: dict[str, str]) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "flows.cli", "run", str(part), "--warehouse", lake]
    return subprocess.Popen(
        [*argv, "--batch-size", "2"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, killed whole
    )


def finished(process: subprocess.Popen[str], timeout: float = 400) -> str:
    output, _ = process.communicate(timeout=timeout)
    assert process.returncode == 0, output[-3000:]
    return output


def duplicate_keys(con, table: str) -> int:
    keys = ", ".join(f'"{k}"' for k in TABLES[table].key)
    return con.execute(
        f"select count(*) - (select count(*) from (select distinct {keys} from raw.{table}))"
        f" from raw.{table}"
    ).fetchone()[0]


@pytest.fixture
def writer_env(prefect_harness) -> dict[str, str]:
    """The writers' environment: the session's Prefect server, not one each."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}


@pytest.mark.timeout(1800)
def test_four_writers_then_ten_kills_lose_and_duplicate_nothing(pg_lake, writer_env, tmp_path):
    rng = random.Random(15)
    shared = write_articles(tmp_path / "shared", "shared", 3, rng)
    parts = []
    for k in range(WRITERS):
        part = tmp_path / f"part{k}"
        write_articles(part, f"p{k}", 6, rng)
        for path in shared:  # the same bytes in every part: one document, loaded once
            (part / path.name).write_bytes(path.read_bytes())
        parts.append(part)

    started = time.monotonic()
    outputs = [finished(p) for p in [writer(part, pg_lake, writer_env) for part in parts]]
    concurrent_seconds = time.monotonic() - started
    assert all("completed" in out for out in outputs)

    kills = []
    for round_number in range(ROUNDS):
        k = rng.randrange(WRITERS)
        write_articles(parts[k] / f"round{round_number}", f"r{round_number}", 4, rng)
        victim = writer(parts[k], pg_lake, writer_env)
        delay = rng.uniform(1.0, 9.0)
        time.sleep(delay)
        if victim.poll() is None:
            os.killpg(victim.pid, signal.SIGKILL)
        said, _ = victim.communicate()
        # a victim may finish its run before the kill lands (a warm server, a small part)
        kills.append((k, round(delay, 1), victim.returncode, "completed" in said))
        assert "completed" in finished(writer(parts[k], pg_lake, writer_env))
    print(f"4 writers at once: {concurrent_seconds:.1f}s; kills (part, after s, exit): {kills}")
    assert sum(1 for _, _, code, _ in kills if code == -signal.SIGKILL) >= ROUNDS // 2

    check = subprocess.run(
        ["uv", "run", "--no-sync", "newsfacts", "check", "--warehouse", pg_lake],
        cwd=REPO,
        env=writer_env,
        capture_output=True,
        text=True,
    )
    assert check.returncode in (0, 1), check.stdout + check.stderr

    files = [p for part in parts for p in part.rglob("*.txt")]
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    con = connect(pg_lake, read_only=True)
    try:
        duplicates = {table: duplicate_keys(con, table) for table in APPENDED_TABLES}
        stored = {
            h for (h,) in con.execute("select content_hash from raw.raw_documents").fetchall()
        }
        with_articles = {
            h for (h,) in con.execute("select content_hash from raw.articles").fetchall()
        }
        shared_rows = con.execute(
            "select count(*) from raw.raw_documents where source_uri like '%/shared-%'"
        ).fetchone()[0]
        statuses = dict(
            con.execute("select status, count(*) from raw.runs group by all").fetchall()
        )
        rates = duplicate_keys(con, "ecb_rates")
    finally:
        con.close()
    assert duplicates == dict.fromkeys(APPENDED_TABLES, 0)
    assert rates == 0
    assert hashes - stored == set()  # no article lost
    assert stored - with_articles == set()
    assert shared_rows == len(shared)  # four writers met them, one row each
    assert statuses.get("running", 0) == 0  # the killed runs are closed as abandoned
    # every rerun completed; a victim may have completed too before its kill landed (a warm
    # Prefect server, a small part), been killed before it registered its run, or been
    # closed as abandoned
    assert statuses["completed"] >= WRITERS + ROUNDS
    assert statuses["completed"] + statuses.get("abandoned", 0) <= WRITERS + 2 * ROUNDS


def test_an_analysts_session_keeps_one_snapshot_while_writers_commit(pg_lake, writer_env, tmp_path):
    from warehouse.shell import current_snapshot, lake_setup

    rng = random.Random(3)
    first = write_articles(tmp_path / "first", "first", 4, rng)
    finished(writer(first[0].parent, pg_lake, writer_env))
    counts = (
        "select (select count(*) from main.facts), (select count(*) from main.articles),"
        " (select count(*) from main.facts f where not exists"
        "  (select 1 from main.articles a where a.article_id = f.article_id))"
    )
    analyst = connect(pg_lake, read_only=True)
    pinned = current_snapshot(pg_lake)
    try:
        analyst.execute("begin transaction")  # one session, one snapshot
        before = analyst.execute(counts).fetchone()
        second = write_articles(tmp_path / "second", "second", 6, rng)
        running = writer(second[0].parent, pg_lake, writer_env)
        during = []
        while running.poll() is None:
            during.append(analyst.execute(counts).fetchone())
            time.sleep(0.5)
        finished(running)
        after_commit = analyst.execute(counts).fetchone()
        analyst.execute("commit")
        fresh = analyst.execute(counts).fetchone()
    finally:
        analyst.close()
    assert before[0] > 0 and before[2] == 0
    assert set(during) | {after_commit} == {before}  # nothing the writer committed leaked in
    assert fresh[0] > before[0] and fresh[1] == before[1] + 6 and fresh[2] == 0

    # the shell (newsfacts sql) attaches the lake at the snapshot its session began with
    sql = f"load ducklake; load postgres; {lake_setup(pg_lake, pinned)} {counts}"
    shell = subprocess.run(
        ["uv", "run", "--no-sync", "duckdb", "-csv", "-noheader", ":memory:", "-c", sql],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert shell.returncode == 0, shell.stderr
    assert shell.stdout.split() == [",".join(map(str, before))]
