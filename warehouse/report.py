"""The queries behind ``newsfacts report``: the warehouse aggregated into a ``ReportData``.

Rendering is pure and lives in ``newsfacts.report``; this module only reads.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from newsfacts.report import CheckResult, ReportData, RunRow, render_report_html
from warehouse.db import connect

# The mart of the latest check results (a warehouse never migrated by this release may lack it).
LATEST_CHECKS = "dq_latest"


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
        f"select check_name, check_kind, status, metric, message, checked_at"
        f" from main.{LATEST_CHECKS} order by case status when 'error' then 0"
        f" when 'warn' then 1 else 2 end, check_name"
    ).fetchall()
    return [CheckResult(*row) for row in rows]


def read_report(con: duckdb.DuckDBPyConnection, source: str) -> ReportData:
    """Everything the quality report shows, from the marts."""
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
    return ReportData(
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


def write_report(warehouse: str | Path, out: Path) -> ReportData:
    """Render the report of ``warehouse`` into the HTML file ``out``."""
    con = connect(warehouse, read_only=True)
    try:
        data = read_report(con, str(warehouse))
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report_html(data), encoding="utf-8")
    return data
