"""``newsfacts serve``: the ``etl`` flow as a scheduled Prefect deployment, served from here.

``serve_etl`` registers a deployment of ``etl`` with a cron (or interval)
schedule on the Prefect API the environment points at (``PREFECT_API_URL``,
e.g. a ``prefect server start``), then runs its scheduled flow runs in this
process until interrupted. One run at a time: the deployment's concurrency
limit is 1 and so is the runner's, because the warehouse has one writer.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import timedelta
from typing import Any

from prefect.task_runners import TaskRunner

from flows.etl import etl
from flows.runners import task_runner_for
from newsfacts.settings import Settings

DEPLOYMENT_NAME = "newsfacts-etl"


def deployment_parameters(paths: list[str] | None, settings: Settings) -> dict[str, Any]:
    """The flow's parameters as JSON the Prefect API stores with the deployment."""
    values = asdict(settings)
    values.pop("dq")  # each scheduled run reads dq.toml afresh
    values["reference_date"] = settings.reference_date.isoformat()
    values["languages"] = list(settings.languages)
    return {"paths": list(paths or []), "settings": values}


def serve_etl(
    settings: Settings,
    paths: list[str] | None = None,
    cron: str | None = None,
    interval_seconds: float | None = None,
    name: str = DEPLOYMENT_NAME,
    task_runner: TaskRunner | None = None,
) -> None:
    """Register the scheduled deployment and serve its runs until interrupted."""
    if (cron is None) == (interval_seconds is None):
        raise ValueError("give exactly one of a cron expression or an interval")
    runner = task_runner if task_runner is not None else task_runner_for(settings)
    scheduled = etl.with_options(task_runner=runner)
    scheduled.serve(
        name=name,
        cron=cron,
        interval=timedelta(seconds=interval_seconds) if interval_seconds else None,
        parameters=deployment_parameters(paths, settings),
        description="newsfacts ETL: sources → facts in the warehouse, then a fresh snapshot.",
        tags=["newsfacts"],
        global_limit=1,
        limit=1,
        pause_on_shutdown=False,
    )
