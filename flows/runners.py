"""Which Prefect task runner runs the extraction batches.

``threads`` (the default) runs batches on a thread pool in the flow's process;
with ``workers = 1`` that is one batch at a time. ``dask`` submits batches to a
Dask cluster through prefect-dask: an existing scheduler at ``dask_address``
(``tcp://host:8786``), or a local cluster of ``workers`` processes. Loading stays
in the flow's process whatever the runner, so there is one writer.
"""

from __future__ import annotations

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from newsfacts.settings import Settings

TASK_RUNNERS: tuple[str, ...] = ("threads", "dask")


def task_runner_for(settings: Settings) -> TaskRunner:
    """The task runner ``settings`` ask for; an unknown name is a clear error."""
    if settings.task_runner not in TASK_RUNNERS:
        raise ValueError(
            f"unknown task runner {settings.task_runner!r}: choose one of {', '.join(TASK_RUNNERS)}"
        )
    if settings.task_runner == "threads":
        if settings.dask_address:
            raise ValueError("--dask-address needs --task-runner dask")
        return ThreadPoolTaskRunner(max_workers=max(1, settings.workers))
    from prefect_dask import DaskTaskRunner

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": max(1, settings.workers),
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def in_flight_batches(settings: Settings) -> int:
    """How many extraction batches the flow keeps submitted ahead of loading."""
    return max(2, 2 * settings.workers)
