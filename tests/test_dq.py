"""Dataset-level checks against a real warehouse: severities, history, the bad corpus, seeds."""

from __future__ import annotations

import shutil
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

import duckdb
import pytest

from flows.batch import run_batch
from flows.render import github_annotations, render_junit, render_markdown
from newsfacts import __version__
from newsfacts.dq_config import (
    DQConfigError,
    load_dq_config,
    parse_dq_config,
)
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from newsfacts.version import rules_digest
from tests.conftest import REPO, SAMPLES, SEEDS, skip_without_shared
from tests.loading import load_paths
from warehouse.db import RAW_KEYS, open_warehouse
from warehouse.dq import CHECK_KINDS, open_for_checks, record_results, run_checks
from warehouse.load import finish_run, start_run

BAD_CORPUS = REPO / "tests" / "data" / "dq" / "articles"
NOW = datetime(2024, 6, 20, tzinfo=UTC)

# The rows the bad corpus was written to fail, and the check each must fail.
BAD_ROWS = {
    "250%": ["percent_in_range_for_measure"],
    "900 zettaFLOPS": ["compute_in_plausible_range"],
    "$900 million": ["conversion_matches_ecb"],
    "US $ billion": ["extract:broken_mention"],
}


def load_corpus(paths: list[Path], settings: Settings, run_id: str | None = None) -> str:
    """Load ``paths`` as one batch through the flow's batch path, without Prefect; the run id."""
    run_id = run_id or uuid.uuid4().hex[:16]
    files = list(iter_source_files(paths))
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, [str(p) for p in paths], settings.extractor_version)
        run_batch(files, settings, con, run_id)
        finish_run(con, run_id, "completed", len(files))
    return run_id


def built_warehouse(factory: pytest.TempPathFactory, name: str, corpus: Path) -> Path:
    path = factory.mktemp(name) / "built.duckdb"
    load_corpus([corpus], Settings(warehouse=str(path)))
    return path


@pytest.fixture(scope="session")
def bad_warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bad corpus loaded once per session; tests work on copies."""
    return built_warehouse(tmp_path_factory, "bad", BAD_CORPUS)


@pytest.fixture(scope="session")
def seed_warehouse_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    skip_without_shared(SEEDS)
    return built_warehouse(tmp_path_factory, "seeds", SEEDS)


@pytest.fixture
def bad_warehouse(bad_warehouse_file: Path, settings: Settings) -> Settings:
    """Settings pointing at a fresh copy of the loaded bad corpus."""
    shutil.copy(bad_warehouse_file, settings.warehouse)
    return settings


@pytest.fixture
def seed_warehouse(seed_warehouse_file: Path, settings: Settings) -> Settings:
    shutil.copy(seed_warehouse_file, settings.warehouse)
    return settings


def check(settings: Settings, now: datetime = NOW, config_text: str | None = None):
    config = parse_dq_config(config_text) if config_text else settings.with_dq().quality
    with open_for_checks(settings.warehouse) as (con, schema_problems):
        report = run_checks(con, config, "test", now=now, schema_problems=schema_problems)
        record_results(con, report)
    return report


def query(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_repository_config_parses_and_names_only_known_checks() -> None:
    config = load_dq_config()
    # in a checkout the default is the root dq.toml itself: no copy beside it to drift
    assert config.source == str(REPO / "dq.toml")
    names = {c.name for c in config.checks}
    assert names == set(CHECK_KINDS)
    assert config.check("quarantined_facts_share").warn_above == 0.02
    assert config.rows.conversion_tolerance > 0
    assert (config.rows.agreement_tolerance, config.rows.agreement_window_days) == (0.05, 31)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[rows]\nflops_max = 'big'", "must be a number"),
        ("[rows]\nflops_min = 1e30", "flops_min must be below"),
        ("[rows]\nunknown = 1", "unknown keys"),
        ("[rows]\nagreement_tolerance = 1.5", "agreement_tolerance must be in"),
        ("[rows]\nagreement_window_days = 2.5", "agreement_window_days must be a non-negative"),
        ("[checks.x]\nerror_below = 0.5\nerror_above = 0.1", "error_below must be below"),
        ("[other]\n", "unknown sections"),
        ("[rows\n", "dq.toml"),
    ],
)
def test_a_malformed_config_is_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(DQConfigError, match=message):
        parse_dq_config(text)


def test_severity_grading() -> None:
    spec = parse_dq_config("[checks.c]\nwarn_above = 0.02\nerror_above = 0.1").check("c")
    assert [spec.grade(m) for m in (0.0, 0.02, 0.05, 0.2)] == ["pass", "pass", "warn", "error"]
    assert spec.grade(None) == "pass"
    assert spec.threshold("warn") == "> 0.02"


def test_the_bad_corpus_quarantines_exactly_its_bad_rows_and_fails(
    bad_warehouse: Settings,
) -> None:
    settings = bad_warehouse
    rows = query(settings, "select text, failed_checks from main.quarantined_facts")
    assert {text: sorted(checks) for text, checks in rows} == BAD_ROWS
    assert len(rows) == len(BAD_ROWS)
    loaded = {r[0] for r in query(settings, "select text from main.facts")}
    assert {"1.2 exaFLOPS", "500 million yuan", "$69 million", "HK$2 billion", "30%"} <= loaded
    assert "250%" in loaded  # the growth figure; only the 250% "share" is quarantined

    report = check(settings)
    assert report.exit_code == 2
    errors = {r.check_name for r in report.by_status("error")}
    assert errors == {"quarantined_facts_share", "conversion_agreement"}
    assert report.result("conversion_agreement").count_observed == 1
    assert report.result("conversion_agreement").count_total == 2


def test_seeds_quarantine_the_broken_mention_and_pass_the_conversion_checks(
    seed_warehouse: Settings,
) -> None:
    settings = seed_warehouse
    rows = query(settings, "select text, failed_checks from main.quarantined_facts")
    assert rows == [("US $ billion", ["extract:broken_mention"])]
    conversions = query(
        settings,
        "select original_text, conversion_text, relative_deviation, is_within_tolerance,"
        " rate_basis from main.fact_conversions order by original_text",
    )
    assert [(c[0], c[1]) for c in conversions] == [
        ("500 billion yuan", "$71.2 billion"),
        ("HK$1.18 billion", "$151 million"),
    ]
    assert all(c[3] for c in conversions)
    assert all(abs(c[2]) < 0.01 for c in conversions)  # both within 1% of the ECB rate
    report = check(settings)
    assert report.result("conversion_agreement").status == "pass"
    assert report.exit_code < 2
    # equal numbers are not one claim: the seeds' "3.74 exaFLOPS" and "3,740 petaflops" are
    # compute, which is many per organisation, so fact_agreement never pairs it
    compute_pairs = query(
        settings, "select count(*) from main.fact_agreement where kind = 'compute'"
    )
    assert compute_pairs == [(0,)]
    assert report.result("cross_source_agreement").status == "pass"  # informational


def test_check_history_accumulates_across_runs(settings: Settings) -> None:
    load_corpus([SAMPLES], settings)
    first = check(settings)
    load_corpus([SAMPLES], settings)  # a rerun loads nothing new
    second = check(settings, NOW + timedelta(hours=1))
    count_checks = len(first.results)
    assert first.check_run_id != second.check_run_id
    rows = query(settings, "select check_run_id, run_id from main.dq_check_results")
    assert len(rows) == 2 * count_checks
    assert len({r[1] for r in rows}) == 2  # each check run points at its pipeline run
    latest = query(
        settings, "select check_name, status, check_run_id, count_runs from main.dq_latest"
    )
    assert {(n, s) for n, s, _, _ in latest} == {(r.check_name, r.status) for r in second.results}
    assert {(i, c) for _, _, i, c in latest} == {(second.check_run_id, 2)}
    assert second.result("row_volume").status == "pass"
    assert second.result("run_volume").metric == 1.0
    # a check left out of the latest run is not "healthy now", whatever it said before
    third = check(settings, NOW + timedelta(hours=2), "[checks.row_volume]\nerror_below = 1.0\n")
    latest = query(settings, "select check_name, check_run_id, count_runs from main.dq_latest")
    assert latest == [("row_volume", third.check_run_id, 3)]


def test_lost_rows_and_a_smaller_run_are_caught(settings: Settings) -> None:
    load_corpus([SAMPLES], settings)
    check(settings)
    with duckdb.connect(settings.warehouse) as con:
        con.execute("delete from raw.facts where kind = 'percent'")
    one_file = sorted(SAMPLES.iterdir())[0]
    load_corpus([one_file], settings)  # 1 document against 12 before
    report = check(settings)
    assert report.result("row_volume").status == "error"
    assert report.result("run_volume").status == "error"
    assert report.exit_code == 2


def test_a_repeated_key_is_an_error(seed_warehouse: Settings) -> None:
    settings = seed_warehouse
    assert check(settings).result("duplicate_keys").status == "pass"
    with duckdb.connect(settings.warehouse) as con:
        # nothing in the table stops this any more: the check has to
        con.execute("insert into raw.facts select * from raw.facts limit 2")
        con.execute("insert into raw.paragraphs select * from raw.paragraphs limit 1")
        total = sum(con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in RAW_KEYS)
    result = check(settings).result("duplicate_keys")
    assert (result.status, result.metric, result.count_total) == ("error", 3, total)
    assert result.message == f"3 rows repeat a key already loaded, among {total} raw rows"


def test_schema_drift_is_an_error(seed_warehouse: Settings) -> None:
    settings = seed_warehouse
    with duckdb.connect(settings.warehouse) as con:
        con.execute("alter table raw.articles drop column author")
        con.execute("alter table raw.facts add column confidence double")
    report = check(settings)
    drift = report.result("schema_drift")
    assert drift.status == "error"
    assert "missing raw.articles.author" in drift.message
    assert "unexpected raw.facts.confidence" in drift.message
    # the migration declared the dropped column again (empty), so the views still build
    assert query(settings, "select count(author) from raw.articles") == [(0,)]
    assert report.exit_code == 2
    # the failed check run is still on record
    assert query(settings, "select count(*) from raw.dq_check_results")[0][0] == len(report.results)
    assert check(settings).result("schema_drift").message == "unexpected raw.facts.confidence"


def test_a_retyped_column_is_drift(seed_warehouse: Settings) -> None:
    settings = seed_warehouse
    with duckdb.connect(settings.warehouse) as con:
        con.execute("alter table raw.paragraphs alter column lang_confidence type varchar")
    drift = check(settings).result("schema_drift")
    assert drift.status == "error"
    assert drift.message == "raw.paragraphs.lang_confidence is varchar, declared double"


def test_freshness_and_thresholds_come_from_the_config(seed_warehouse: Settings) -> None:
    settings = seed_warehouse
    strict = "[checks.freshness_days]\nwarn_above = 30\nerror_above = 365\n"
    stale = check(settings, datetime(2030, 1, 1, tzinfo=UTC), strict).result("freshness_days")
    fresh = check(settings, datetime(2022, 2, 2, tzinfo=UTC), strict).result("freshness_days")
    assert stale.status == "error"
    assert fresh.status == "pass"
    assert fresh.metric is not None and 0 < fresh.metric < 30


def test_an_empty_warehouse_passes_with_nothing_to_measure(settings: Settings) -> None:
    report = check(settings, config_text="[checks.quarantined_facts_share]\nwarn_above = 0.02\n")
    assert report.exit_code == 0
    assert report.result("quarantined_facts_share").message.startswith("no rows")
    no_dates = check(settings, config_text="[checks.freshness_days]\nif_no_data = 'warn'\n")
    assert no_dates.exit_code == 1


def test_renderings(bad_warehouse: Settings) -> None:
    settings = bad_warehouse
    report = check(settings)
    markdown = render_markdown(report)
    assert markdown.splitlines()[0] == "## Data quality: ❌ error"
    assert markdown.count("\n| ") == len(report.results) + 2  # header, rule, a row per check
    suite = ET.fromstring(render_junit(report))
    assert int(suite.get("tests")) == len(report.results)
    failed = {c.get("name") for c in suite.iter("testcase") if c.find("failure") is not None}
    assert failed == {r.check_name for r in report.by_status("error")}
    annotations = github_annotations(report)
    assert sum(a.startswith("::error ") for a in annotations) == len(failed)
    assert all("\n" not in a for a in annotations)


def test_syndicated_copies_leave_the_facts_share_alone(settings: Settings, tmp_path: Path) -> None:
    """Near-copies of a story get no facts by design: they are not in the share's denominator."""
    load_corpus([SAMPLES], settings)
    before = check(settings).result("articles_with_facts_share")
    wire = (SAMPLES / "10_wire_softbank_japan_ai_datacenters.txt").read_text(encoding="utf-8")
    author = wire.splitlines()[1].split("|")[0].removeprefix("By ").strip()
    copies = tmp_path / "syndicated"
    copies.mkdir()
    for i in range(60):
        (copies / f"copy_{i:02d}.txt").write_text(
            wire.replace(author, f"Desk Editor {chr(65 + i % 26)}{i}"), encoding="utf-8"
        )
    load_paths([copies], settings)  # compared with the articles already loaded
    assert query(settings, "select count(*) from main.articles where is_duplicate") == [(61,)]
    after = check(settings, NOW + timedelta(hours=1)).result("articles_with_facts_share")
    assert (after.metric, after.status) == (before.metric, before.status)
    assert after.status != "error"


def test_facts_an_older_extractor_made_are_a_warning(settings: Settings) -> None:
    files = sorted(SAMPLES.iterdir())
    older = replace(settings, extractor_version="0.0.9+0123456789ab")
    load_corpus(files[:4], older)
    first = check(settings).result("stale_facts")
    assert (first.status, first.metric) == ("pass", 0.0)  # the latest run made them all
    load_corpus(files[4:], settings)  # the upgrade: new articles, the old ones kept
    stale = check(settings).result("stale_facts")
    old_facts, all_facts = query(
        settings,
        "select count(*) filter (where extractor_version = '0.0.9+0123456789ab'), count(*)"
        " from main.facts",
    )[0]
    assert 0 < old_facts < all_facts
    assert stale.status == "warn"
    assert stale.metric == pytest.approx(old_facts / all_facts)
    assert "--full-refresh" in stale.message


def test_the_extractor_version_follows_the_rules(tmp_path: Path) -> None:
    package = REPO / "newsfacts"
    copy = tmp_path / "newsfacts"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert rules_digest(copy) == rules_digest(package)
    assert Settings().extractor_version == f"{__version__}+{rules_digest(package)}"
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"compiled")
    assert rules_digest(copy) == rules_digest(package)  # bytecode is not a rule
    csv = copy / "data" / "organisations.csv"
    csv.write_text(csv.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert rules_digest(copy) != rules_digest(package)  # a changed table is another version
