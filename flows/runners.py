"""Which Prefect task runner runs the extraction batches.

``threads`` (the default) runs batches on a thread pool in the flow's process;
with ``workers = 1`` that is one batch at a time. ``dask`` submits batches to a
Dask cluster through prefect-dask: an existing scheduler at ``dask_address``
(``tcp://host:8786``), or a local cluster of ``workers`` processes. Loading stays
in the flow's process whatever the runner, so there is one writer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from newsfacts.limits import clear_stop, request_stop
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


def _on_dask_workers(
    runner: TaskRunner | None, function: Callable[[], None], timeout: float, connect: bool
) -> None:
    """Run ``function`` in every worker process of ``runner``'s Dask cluster, waiting at
    most ``timeout`` seconds (a worker that cannot be reached is not waited for).

    Nothing for another runner; ``connect`` false: nothing either while the runner has
    not connected (it sent no batch yet, so no worker has one of this run's documents).
    """
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        return
    if not isinstance(runner, DaskTaskRunner):
        return
    # prefect-dask connects on first use; ``_client`` is None until it has
    client = runner.client if connect else runner._client

    def call() -> None:
        try:
            client.run(function, on_error="ignore")
        except Exception:  # a closing cluster: nothing left to stop
            return

    if client is not None:
        caller = threading.Thread(target=call, daemon=True)
        caller.start()
        caller.join(timeout)


def stop_dask_workers(runner: TaskRunner | None, timeout: float = 3.0) -> None:
    """Make the run's Dask workers leave their documents now (SIGTERM): their
    ``check_time`` raises ``Stopped``, as the flow process's threads do after
    ``request_stop``.

    A running task cannot be cancelled from outside its worker; this is what stops one
    deep in a huge document, on an external cluster as on a local one.
    """
    _on_dask_workers(runner, request_stop, timeout, connect=False)


def clear_dask_workers(runner: TaskRunner | None, timeout: float = 30.0) -> None:
    """Undo a stop an earlier run asked of the workers (long-lived external workers)."""
    _on_dask_workers(runner, clear_stop, timeout, connect=True)
