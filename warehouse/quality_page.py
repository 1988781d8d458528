"""The queries behind the HTML quality page (``newsfacts report``): the warehouse
aggregated into a ``QualityPageData``.

This module only reads; ``flows.quality_page`` renders the page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from schemas.dq_results import CheckResult
from warehouse.db import connect

# The mart of the latest check results (a warehouse never migrated by this release may lack it).
LATEST_CHECKS = "dq_latest"


@dataclass(frozen=True, slots=True)
class RunRow:
    """One pipeline run, for the runs table."""

    run_id: str
    status: str
    started_at: datetime | None
    duration_seconds: float | None
    count_documents: int | None
    count_facts_new: int | None
    count_quarantined_new: int | None
    count_errors: int | None


@dataclass(frozen=True, slots=True)
class QualityPageData:
    """Everything the quality page shows, already aggregated."""

    title: str
    source: str
    generated_at: datetime
    totals: dict[str, float]
    # (month "YYYY-MM", kind) -> number of valid facts in articles published that month
    facts_by_month: dict[tuple[str, str], int]
    count_undated_facts: int
    # organisation -> (compute claims, largest claim in exaFLOPS)
    compute_by_organisation: dict[str, tuple[int, float]]
    # reason -> quarantined fact mentions
    quarantine_reasons: dict[str, int]
    # (stage, error) -> documents
    ingest_errors: dict[tuple[str, str], int]
    checks: list[CheckResult] = field(default_factory=list)
    runs: list[RunRow] = field(default_factory=list)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> float:
    return con.execute(sql).fetchone()[0] or 0


def _has_view(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute(
            "select count(*) from duckdb_views() where schema_name = 'main' and view_name = ?",
            [name],
        ).fetchone()[0]
    )


def read_totals(con: duckdb.DuckDBPyConnection) -> dict[str, float]:
    articles = _scalar(con, "select count(*) from main.articles")
    facts = _scalar(con, "select count(*) from main.facts")
    quarantined = _scalar(con, "select count(*) from main.quarantined_facts")
    mentions = facts + quarantined
    return {
        "articles": articles,
        "valid facts": facts,
        "quarantined facts": quarantined,
        "quarantined share %": round(100 * quarantined / mentions, 2) if mentions else 0,
        "articles with a fact": _scalar(
            con, "select count(*) from main.articles where count_facts > 0"
        ),
        "quarantined articles": _scalar(con, "select count(*) from raw.quarantined_articles"),
        "ingest errors": _scalar(
            con, "select count(distinct (source_uri, stage)) from main.ingest_errors"
        ),
        "publishers": _scalar(con, "select count(distinct publisher) from main.articles"),
        "runs": _scalar(con, "select count(*) from main.runs"),
    }


def read_checks(con: duckdb.DuckDBPyConnection) -> list[CheckResult]:
    if not _has_view(con, LATEST_CHECKS):
        return []
    rows = con.execute(
        f"select {', '.join(f.name for f in fields(CheckResult))}"
        f" from main.{LATEST_CHECKS} order by case status when 'error' then 0"
        f" when 'warn' then 1 else 2 end, check_name"
    ).fetchall()
    return [CheckResult(*row) for row in rows]


def read_quality_page(con: duckdb.DuckDBPyConnection, source: str) -> QualityPageData:
    """Everything the quality page shows, from the marts."""
    by_month = con.execute(
        "select strftime(published_at, '%Y-%m'), kind, count(*) from main.facts"
        " where published_at is not null group by all"
    ).fetchall()
    compute = con.execute(
        "select organisation, count(*), max(coalesce(exaflops, 0)) from main.compute_capacity"
        " group by organisation"
    ).fetchall()
    reasons = con.execute(
        """
        select coalesce(reason, 'no reason recorded'), count(*) from main.quarantined_facts
        group by all
        union all
        select 'article: ' || coalesce(reason, 'no reason recorded'), count(*)
        from raw.quarantined_articles group by all
        """
    ).fetchall()
    errors = con.execute(
        "select stage, left(error, 140), count(distinct source_uri) from main.ingest_errors"
        " group by all"
    ).fetchall()
    runs = con.execute(
        "select run_id, status, started_at, duration_seconds, count_documents, count_facts_new,"
        " count_quarantined_new, count_errors from main.runs order by started_at desc limit 10"
    ).fetchall()
    return QualityPageData(
        title="newsfacts quality report",
        source=source,
        generated_at=datetime.now(UTC),
        totals=read_totals(con),
        facts_by_month={(month, kind): count for month, kind, count in by_month},
        count_undated_facts=int(
            _scalar(con, "select count(*) from main.facts where published_at is null")
        ),
        compute_by_organisation={org: (count, top) for org, count, top in compute},
        quarantine_reasons=dict(reasons),
        ingest_errors={(stage, error): count for stage, error, count in errors},
        checks=read_checks(con),
        runs=[RunRow(*row) for row in runs],
    )


def read_warehouse_quality_page(warehouse: str | Path) -> QualityPageData:
    """``read_quality_page`` of the warehouse at ``warehouse``, opened read-only."""
    con = connect(warehouse, read_only=True)
    try:
        return read_quality_page(con, str(warehouse))
    finally:
        con.close()
