"""The outcome of one run of the dataset-level checks, and its renderings.

A ``DQReport`` holds one ``CheckResult`` per check. Its ``exit_code`` follows
Soda's convention: 0 all passed, 1 warnings only, 2 at least one error. The
renderers are pure: a markdown table (Prefect artifact, GitHub step summary),
JUnit XML (one testcase per check) and GitHub Actions annotation lines.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from xml.etree import ElementTree as ET

from schemas.config import STATUS_RANK, Status

STATUS_ICON: dict[str, str] = {"pass": "✅", "warn": "⚠️", "error": "❌"}


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome (grain of ``dq_check_results``: check run × check)."""

    check_name: str
    check_kind: str
    status: Status
    message: str
    metric: float | None = None
    count_observed: int | None = None
    count_total: int | None = None
    warn_threshold: str | None = None
    error_threshold: str | None = None

    @property
    def metric_text(self) -> str:
        if self.metric is None or math.isnan(self.metric):
            return "–"
        return f"{self.metric:.4g}"


@dataclass(frozen=True, slots=True)
class DQReport:
    """Every check of one check run."""

    check_run_id: str
    checked_at: datetime
    invoked_by: str
    run_id: str | None = None
    config_source: str | None = None
    results: tuple[CheckResult, ...] = field(default_factory=tuple)

    @property
    def status(self) -> Status:
        worst = max((STATUS_RANK[r.status] for r in self.results), default=0)
        return next(s for s, rank in STATUS_RANK.items() if rank == worst)  # type: ignore[return-value]

    @property
    def exit_code(self) -> int:
        """0 ok, 1 warnings only, 2 any error."""
        return STATUS_RANK[self.status]

    def by_status(self, status: Status) -> list[CheckResult]:
        return [r for r in self.results if r.status == status]

    def result(self, check_name: str) -> CheckResult:
        return next(r for r in self.results if r.check_name == check_name)

    @property
    def summary(self) -> str:
        counts = {s: len(self.by_status(s)) for s in STATUS_RANK}  # type: ignore[arg-type]
        return (
            f"{len(self.results)} checks: {counts['pass']} passed, "
            f"{counts['warn']} warned, {counts['error']} failed"
        )


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
            f"| {r.metric_text} | {_cell(r.warn_threshold or '–')} "
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
        ET.SubElement(case_props, "property", name="metric", value=r.metric_text)
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
