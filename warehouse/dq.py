"""Dataset-level data-quality checks, run as SQL against the warehouse, with history.

The metrics come from the ``main.dq_metrics`` view (one row per check); schema
drift compares the warehouse's raw tables with their declarations in ``schemas``. Each
metric is graded against its thresholds in ``dq.toml`` (``newsfacts.dq_config``)
and every check run appends one row per check to ``raw.dq_check_results``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from newsfacts.dq_config import (
    CheckSpec,
    DQConfig,
    DQConfigError,
    RowRules,
    Status,
    check_as_of,
)
from schemas import TABLES
from schemas.dq_results import CheckResult, DQReport
from warehouse.db import connect, migrate, raw_tables
from warehouse.ddl import declaration_mismatches

SCHEMA_DRIFT = "schema_drift"

# Check name -> (kind, what it measures); the message templates are filled from counts.
CHECK_KINDS: dict[str, str] = {
    "quarantined_facts_share": "validity",
    "quarantined_articles_share": "validity",
    "articles_with_facts_share": "completeness",
    "freshness_days": "freshness",
    "ecb_rates_age_days": "freshness",
    "run_volume": "volume",
    "row_volume": "volume",
    "ingest_errors_share": "volume",
    "conversion_agreement": "consistency",
    "cross_source_agreement": "consistency",
    "duplicate_keys": "validity",
    "abandoned_runs": "completeness",
    "stale_facts": "completeness",
    SCHEMA_DRIFT: "schema",
}


def schema_differences(con: duckdb.DuckDBPyConnection) -> list[str]:
    """How the warehouse's raw tables differ from their declarations (``schemas.TABLES``).

    Missing, unexpected and retyped columns; comments are the migration's to keep.
    """
    return declaration_mismatches(con, with_comments=False)


def count_declared_columns() -> int:
    return sum(len(t.columns) for t in TABLES.values())


@contextmanager
def open_for_checks(
    path: str | Path,
    rules: RowRules | None = None,
    migrate_first: bool = True,
    wait_seconds: float = 0.0,
) -> Iterator[tuple[duckdb.DuckDBPyConnection, list[str]]]:
    """A connection for checking, and the schema problems found opening it.

    The raw tables are compared with their declarations before the migration (which
    adds a missing column back, empty), and a warehouse that no longer migrates (a
    dropped column a view needs) must still be checked and its results recorded, so
    a failing migration is reported, not raised: the raw layer,
    ``raw.dq_check_results`` included, is created before any view. ``rules``
    are the row rules of the dq.toml in use (see ``migrate``). ``migrate_first=False``
    checks a warehouse its run has just migrated (one migration a run).
    ``wait_seconds``: how long to wait for another process to close the file.
    """
    con = connect(path, wait_seconds=wait_seconds)
    try:
        problems = schema_differences(con) if raw_tables(con) else []
        if migrate_first:
            try:
                migrate(con, force=True, rules=rules)  # re-applies every relation
            except duckdb.Error as exc:
                problems.append(f"the warehouse no longer migrates: {str(exc).splitlines()[0]}")
        yield con, problems
    finally:
        con.close()


# checks whose metric is the age, in days, of their observed_at at the checks' as_of moment
AGE_CHECKS: frozenset[str] = frozenset({"freshness_days", "ecb_rates_age_days"})
AS_OF_CHOICES = ("now", "reference_date")


def as_of_moment(choice: str, reference_date: date | None, now: datetime) -> tuple[datetime, str]:
    """The moment an age check is measured at, and how a message names it.

    ``choice`` is ``"now"`` (the clock: sources that keep publishing), ``"reference_date"``
    (the run's ``Settings.reference_date``: a fixed corpus, such as the bundled samples,
    whose age does not grow with the calendar) or a date ``YYYY-MM-DD``.
    """
    if choice == "now":
        return now, "now"
    if choice == "reference_date":
        if reference_date is None:
            raise DQConfigError("as_of = 'reference_date' needs the run's reference date")
        day = reference_date
    else:
        day = date.fromisoformat(check_as_of(choice))
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return moment, f"{day:%Y-%m-%d} (as_of {choice})"


def _age(days: float, moment: str) -> str:
    """``12 days ago``, or at a fixed moment ``12 days before 2026-01-01 (as_of ...)``."""
    if moment == "now":
        return f"{days:.0f} days ago" if days >= 0 else f"{-days:.0f} days in the future"
    return f"{days:.0f} days before {moment}" if days >= 0 else f"{-days:.0f} days after {moment}"


def _age_days(observed: datetime, moment: datetime) -> float:
    reference = moment.replace(tzinfo=None) if observed.tzinfo is None else moment
    return (reference - observed).total_seconds() / 86_400


def measure(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """The current value of every metric in ``main.dq_metrics``, keyed by check name."""
    frame = pl.from_arrow(con.execute("select * from main.dq_metrics").arrow())
    assert isinstance(frame, pl.DataFrame)
    return {row["check_name"]: row for row in frame.iter_rows(named=True)}


def _share(observed: int | None, total: int | None) -> str:
    if not total:
        return "no rows"
    return f"{observed} of {total} ({100 * (observed or 0) / total:.1f}%)"


def _describe(name: str, row: dict, metric: float | None, as_of: str = "now") -> str:
    observed, total = row.get("count_observed"), row.get("count_total")
    if name == "quarantined_facts_share":
        return f"{_share(observed, total)} fact mentions quarantined"
    if name == "quarantined_articles_share":
        return f"{_share(observed, total)} articles quarantined"
    if name == "articles_with_facts_share":
        return f"{_share(observed, total)} articles have at least one fact"
    if name == "freshness_days":
        newest = row.get("observed_at")
        if newest is None:
            return f"no article has a publication date ({total or 0} articles)"
        return (
            f"newest article published {newest:%Y-%m-%d}, {_age(metric, as_of)} "
            f"({observed} of {total} articles dated)"
        )
    if name == "ecb_rates_age_days":
        newest = row.get("observed_at")
        if newest is None:
            return "no ECB rate is loaded"
        return (
            f"newest ECB rate of {newest:%Y-%m-%d}, {_age(metric, as_of)}; "
            f"{observed or 0} of {total or 0} money facts are of articles published after it"
        )
    if name == "run_volume":
        if metric is None:
            return f"latest run read {observed} documents; no earlier run to compare with"
        return f"latest run read {observed} documents; the runs before it averaged {total}"
    if name == "row_volume":
        if total is None:
            return f"{observed} facts; first check, nothing to compare with"
        return f"{observed} facts now, {total} at the previous check"
    if name == "ingest_errors_share":
        return f"{_share(observed, total)} documents of the latest run failed to read or process"
    if name == "conversion_agreement":
        return (
            f"{_share(observed, total)} stated currency conversions are off the ECB rate "
            "by more than the tolerance"
        )
    if name == "duplicate_keys":
        return f"{observed} rows repeat a key already loaded, among {total} raw rows"
    if name == "abandoned_runs":
        return (
            f"{observed} runs died before they finished (killed, stopped or their lock lost)"
            f" since the last completed run, of {total} runs since; closed as abandoned"
        )
    if name == "stale_facts":
        return (
            f"{_share(observed, total)} valid facts were made by an older extractor than the"
            " latest run's; `uv run newsfacts run --full-refresh` relabels them from the"
            " stored documents"
        )
    if name == "cross_source_agreement":
        return (
            f"{_share(observed, total)} pairs of claims from different stories (same"
            " organisation, measure and period) disagree"
        )
    return f"{observed} of {total}"


def grade(spec: CheckSpec, metric: float | None) -> Status:
    """The check's status; a missing metric passes unless ``if_no_data`` says otherwise."""
    if metric is None:
        missing = spec.options.get("if_no_data", "pass")
        return missing if missing in ("pass", "warn", "error") else "pass"
    return spec.grade(metric)


def _result(spec: CheckSpec, metric: float | None, message: str, row: dict) -> CheckResult:
    return CheckResult(
        check_name=spec.name,
        check_kind=CHECK_KINDS.get(spec.name, row.get("check_kind") or "custom"),
        status=grade(spec, metric),
        message=message,
        metric=metric,
        count_observed=row.get("count_observed"),
        count_total=row.get("count_total"),
        warn_threshold=spec.threshold("warn"),
        error_threshold=spec.threshold("error"),
    )


def run_checks(
    con: duckdb.DuckDBPyConnection,
    config: DQConfig,
    invoked_by: str,
    run_id: str | None = None,
    now: datetime | None = None,
    schema_problems: Sequence[str] = (),
    reference_date: date | None = None,
    as_of: str | None = None,
) -> DQReport:
    """Measure and grade every enabled check in ``config``; nothing is written.

    ``schema_problems`` (from ``open_for_checks``) count as schema drift, with any
    difference the migrated warehouse still has. The age checks (``AGE_CHECKS``) are
    measured at ``as_of`` when given (``Settings.dq_as_of``), else at their own
    ``as_of`` in dq.toml (default ``now``); ``reference_date`` is the run's.
    """
    now = now or datetime.now(UTC)
    try:
        metrics = measure(con)
        unmeasured = None
    except duckdb.Error as exc:
        metrics, unmeasured = {}, f"cannot measure: {str(exc).splitlines()[0]}"
    results = []
    for spec in config.checks:
        if not spec.enabled:
            continue
        if spec.name == SCHEMA_DRIFT:
            differences = list(schema_problems)
            differences += [d for d in schema_differences(con) if d not in differences]
            message = (
                "; ".join(differences) if differences else "raw tables match their definitions"
            )
            row = {"count_observed": len(differences), "count_total": count_declared_columns()}
            results.append(_result(spec, float(len(differences)), message, row))
            continue
        if spec.name not in CHECK_KINDS:
            raise DQConfigError(f"dq.toml configures an unknown check: {spec.name}")
        if unmeasured is not None:
            results.append(CheckResult(spec.name, CHECK_KINDS[spec.name], "error", unmeasured))
            continue
        row = metrics.get(spec.name, {"check_name": spec.name})
        metric = row.get("metric")
        said = "now"
        if spec.name in AGE_CHECKS:
            choice = as_of or str(spec.options.get("as_of", "now"))
            moment, said = as_of_moment(choice, reference_date, now)
            if isinstance(row.get("observed_at"), datetime):
                metric = _age_days(row["observed_at"], moment)
        results.append(_result(spec, metric, _describe(spec.name, row, metric, said), row))
    return DQReport(
        check_run_id=uuid.uuid4().hex[:16],
        checked_at=now,
        invoked_by=invoked_by,
        run_id=run_id if run_id is not None else latest_run_id(con),
        config_source=config.source,
        results=tuple(results),
    )


def latest_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    """The newest pipeline run in the warehouse, if any."""
    row = con.execute("select run_id from raw.runs order by started_at desc limit 1").fetchone()
    return row[0] if row else None


def record_results(con: duckdb.DuckDBPyConnection, report: DQReport) -> int:
    """Append the report to ``raw.dq_check_results`` (one row per check); rows added.

    The columns are the table's declaration (``schemas.dq_check_results``): each
    row is the check's result with its check run's fields.
    """
    columns = TABLES["dq_check_results"].column_names
    run = {
        "check_run_id": report.check_run_id,
        "run_id": report.run_id,
        "invoked_by": report.invoked_by,
        "checked_at": report.checked_at,
        "config_source": report.config_source,
    }
    rows = [[{**run, **asdict(r)}[c] for c in columns] for r in report.results]
    if rows:
        con.executemany(
            f"insert into raw.dq_check_results ({', '.join(columns)})"
            f" values ({', '.join('?' for _ in columns)})",
            rows,
        )
    return len(rows)
