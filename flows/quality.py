"""The quality gate at the end of a run: dataset-level checks, history, artifacts, verdict.

``quality_gate`` runs the checks configured in ``dq.toml`` against the
warehouse, appends the results to ``raw.dq_check_results``, publishes them as
a Prefect table and markdown artifact, and raises ``DataQualityError`` when an
error-severity check fails, so the flow run ends in a Failed state.
"""

from __future__ import annotations

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from flows.render import dq_rows, render_markdown
from newsfacts.settings import Settings
from schemas.dq_results import DQReport
from warehouse.dq import open_for_checks, record_results, run_checks

ARTIFACT_KEY = "data-quality"


class DataQualityError(RuntimeError):
    """An error-severity data-quality check failed; the report says which."""

    def __init__(self, report: DQReport) -> None:
        failed = ", ".join(r.check_name for r in report.by_status("error"))
        super().__init__(f"data quality checks failed: {failed} ({report.summary})")
        self.report = report


@task(cache_policy=NONE)
def check_quality(settings: Settings, run_id: str | None) -> DQReport:
    """Run the dataset-level checks and append them to ``raw.dq_check_results``."""
    config = settings.with_dq().quality
    # the run migrated the warehouse when it started: one migration a run
    with open_for_checks(
        settings.warehouse,
        config.rows,
        migrate_first=False,
        wait_seconds=settings.lock_wait_seconds,
    ) as (
        con,
        schema_problems,
    ):
        report = run_checks(
            con,
            config,
            invoked_by="flow",
            run_id=run_id,
            schema_problems=schema_problems,
            reference_date=settings.reference_date,
            as_of=settings.dq_as_of,
        )
        record_results(con, report)
    return report


@task(cache_policy=NONE)
def publish_quality_artifacts(report: DQReport) -> None:
    """A table artifact (one row per check) and a markdown summary on the flow run."""
    create_table_artifact(
        key=ARTIFACT_KEY,
        table=dq_rows(report),
        description=f"Data quality: {report.status} — {report.summary}",
    )
    create_markdown_artifact(
        key=f"{ARTIFACT_KEY}-summary",
        markdown=render_markdown(report),
        description=f"Data quality: {report.status}",
    )


def quality_gate(settings: Settings, run_id: str | None) -> DQReport:
    """Check, record, publish; raise ``DataQualityError`` on an error-severity failure."""
    logger = get_run_logger()
    report = check_quality(settings, run_id)
    publish_quality_artifacts(report)
    for result in report.results:
        if result.status != "pass":
            log = logger.error if result.status == "error" else logger.warning
            log("data quality %s: %s — %s", result.status, result.check_name, result.message)
    logger.info("data quality: %s", report.summary)
    if report.exit_code == 2:
        raise DataQualityError(report)
    return report
