"""Renderings of a data-quality report, and the command line's tables.

Pure: a markdown table (Prefect artifact, GitHub step summary), JUnit XML (one
testcase per check), GitHub Actions annotation lines, the rows of the Prefect
table artifact, and the rich tables ``newsfacts check`` and ``newsfacts eval``
print.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from rich.table import Table

from newsfacts.dq_config import STATUS_RANK
from schemas.dq_results import CheckResult, DQReport

if TYPE_CHECKING:  # the extractor is not loaded to render a data-quality report
    from newsfacts.evaluate import ClaimScores, Evaluation

STATUS_ICON: dict[str, str] = {"pass": "✅", "warn": "⚠️", "error": "❌"}


def metric_text(result: CheckResult) -> str:
    """The check's metric to four significant digits, "–" when there is none."""
    if result.metric is None or math.isnan(result.metric):
        return "–"
    return f"{result.metric:.4g}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: DQReport) -> str:
    """A markdown table of the report, worst first."""
    lines = [
        f"## Data quality: {STATUS_ICON[report.status]} {report.status}",
        "",
        f"{report.summary} · check run `{report.check_run_id}`"
        + (f" · pipeline run `{report.run_id}`" if report.run_id else "")
        + f" · {report.checked_at:%Y-%m-%d %H:%M:%S} UTC",
        "",
        "| status | check | kind | metric | warn if | error if | details |",
        "| --- | --- | --- | ---: | --- | --- | --- |",
    ]
    ordered = sorted(report.results, key=lambda r: (-STATUS_RANK[r.status], r.check_name))
    for r in ordered:
        lines.append(
            f"| {STATUS_ICON[r.status]} {r.status} | `{r.check_name}` | {r.check_kind} "
            f"| {metric_text(r)} | {_cell(r.warn_threshold or '–')} "
            f"| {_cell(r.error_threshold or '–')} | {_cell(r.message)} |"
        )
    return "\n".join(lines) + "\n"


def render_junit(report: DQReport) -> str:
    """JUnit XML: one testcase per check; an error is a failure, a warning is noted."""
    suite = ET.Element(
        "testsuite",
        name="newsfacts.data_quality",
        tests=str(len(report.results)),
        failures=str(len(report.by_status("error"))),
        errors="0",
        skipped="0",
        timestamp=report.checked_at.isoformat(),
    )
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("check_run_id", report.check_run_id),
        ("run_id", report.run_id or ""),
        ("status", report.status),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    for r in report.results:
        case = ET.SubElement(
            suite, "testcase", classname=f"dq.{r.check_kind}", name=r.check_name, time="0"
        )
        case_props = ET.SubElement(case, "properties")
        ET.SubElement(case_props, "property", name="status", value=r.status)
        ET.SubElement(case_props, "property", name="metric", value=metric_text(r))
        if r.status == "error":
            failure = ET.SubElement(case, "failure", message=r.message, type="data_quality_error")
            failure.text = f"{r.message} (error if {r.error_threshold})"
        out = ET.SubElement(case, "system-out")
        out.text = f"[{r.status}] {r.message}"
    ET.indent(suite)
    body = ET.tostring(suite, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _escape_annotation(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_annotations(report: DQReport) -> list[str]:
    """``::error``/``::warning`` workflow commands for checks that did not pass."""
    lines = []
    for r in report.results:
        if r.status == "pass":
            continue
        level = "error" if r.status == "error" else "warning"
        title = _escape_annotation(f"data quality {r.check_name}")
        title = title.replace(":", "%3A").replace(",", "%2C")
        lines.append(f"::{level} title={title}::{_escape_annotation(r.message)}")
    return lines


def dq_rows(report: DQReport) -> list[dict[str, object]]:
    """The report as rows for a Prefect table artifact."""
    return [
        {
            "status": r.status,
            "check": r.check_name,
            "kind": r.check_kind,
            "metric": metric_text(r),
            "observed": r.count_observed,
            "total": r.count_total,
            "warn if": r.warn_threshold or "",
            "error if": r.error_threshold or "",
            "details": r.message,
        }
        for r in report.results
    ]


def dq_table(report: DQReport) -> Table:
    """The report as the table ``newsfacts check`` prints."""
    table = Table(title=f"data quality: {report.summary}", title_justify="left")
    for column in ("status", "check", "metric", "details"):
        table.add_column(column, overflow="fold")
    for r in report.results:
        status = f"{STATUS_ICON[r.status]} {r.status}"
        table.add_row(status, r.check_name, metric_text(r), r.message)
    return table


def scores_table(evaluations: Sequence[Evaluation]) -> Table:
    """Precision, recall and F1 per file and kind, as ``newsfacts eval`` prints them."""
    table = Table(title="Extraction scores (value within 0.5%)")
    table.add_column("file / kind", no_wrap=True)
    for column in ("cases", "expected", "predicted", "tp", "P", "R", "F1"):
        table.add_column(column, justify="right")
    for ev in evaluations:
        for label, c, cases in [
            (ev.name, ev.overall, str(ev.cases)),
            *((f"  {k}", kc, "") for k, kc in sorted(ev.per_kind.items())),
        ]:
            table.add_row(
                label,
                cases,
                str(c.expected),
                str(c.predicted),
                str(c.tp),
                f"{c.precision:.3f}",
                f"{c.recall:.3f}",
                f"{c.f1:.3f}",
            )
    return table


def claim_scores_table(scores: Sequence[ClaimScores]) -> Table:
    """Claim labels per language, as ``newsfacts eval --claims`` prints them."""
    from newsfacts.evaluate import CLAIM_METRICS

    table = Table(
        title="Claim scores (accuracy; organisation: P/R/F1; both: measure and organisation right)"
    )
    table.add_column("lang")
    for column in (
        "mentions",
        "matched",
        "measure",
        "org P",
        "org R",
        "org F1",
        "country",
        "period",
        "both",
    ):
        table.add_column(column, justify="right")
    for s in scores:
        d = s.as_dict()
        table.add_row(
            s.lang, str(d["rows"]), str(d["matched"]), *(f"{d[m]:.3f}" for m in CLAIM_METRICS)
        )
    return table
