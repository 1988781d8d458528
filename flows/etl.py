"""The ``etl`` flow, batch by batch::

    organisation table (files + manual rows) → sources (folders, URLs, feeds,
      sitemaps, WARC) → skip known content hashes
      → normalise and extract (task runner: threads or Dask) → validate → load
      → search index → quality gate → run log → publish the analysts' snapshot

Tasks are thin: each calls one pure function (``newsfacts``, ``schemas``) or one
I/O function (``warehouse``). Only disk and network tasks retry; the ``download``
task (``flows.sources``) is the only retrying network task. Loading stays in the
flow's process whatever the task runner: the warehouse has one writer, and the
flow holds the warehouse's writer lock (``warehouse.lock``) from before it logs the
run until it has published, so a second run or a check waits for it. Batches
go to the flow-process tasks ``quote``-d, or Prefect would walk every article and
fact of a batch looking for futures at each call.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from pathlib import Path

from duckdb import DuckDBPyConnection
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import State
from prefect.context import get_run_context
from prefect.futures import PrefectFuture
from prefect.states import Failed
from prefect.task_runners import TaskRunner
from prefect.utilities.annotations import quote

from flows.batch import settle
from flows.progress import notify_progress
from flows.quality import DataQualityError, quality_gate
from flows.runners import (
    clear_dask_workers,
    in_flight_batches,
    stop_dask_workers,
    task_runner_for,
)
from flows.sources import SourceBatch, read_batch, source_batches
from newsfacts.limits import Stopped, clear_stop, request_stop
from newsfacts.model import RawDocument
from newsfacts.normalise.fingerprint import NearDuplicateIndex
from newsfacts.pipeline import Batch, process_documents
from newsfacts.settings import Settings
from newsfacts.sources import SourcesFile, load_sources, sources_for_paths
from warehouse.db import is_ducklake, open_warehouse
from warehouse.lake import RunLease, catalog_dsn, live_runs
from warehouse.load import (
    LoadCounts,
    clear_derived,
    finish_run,
    known_content_hashes,
    known_fingerprints,
    read_raw_documents,
    record_counts,
    start_run,
)
from warehouse.lock import writer_lock
from warehouse.organisations import manual_organisation_rows, replace_organisation_seed
from warehouse.publish import PublishError, is_due, publish_snapshot
from warehouse.search import ensure_search_index


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did; printed by the CLI and returned by the flow."""

    run_id: str
    count_documents: int
    counts: LoadCounts
    status: str
    count_skipped: int = 0  # documents already loaded (same content hash), not reprocessed
    count_offtopic: int = 0  # web-archive pages the relevance prefilter skipped


__all__ = ["RunSummary", "etl", "read_batch", "run_etl"]


def _open(
    settings: Settings, migrate_first: bool = False
) -> AbstractContextManager[DuckDBPyConnection]:
    """The warehouse for one task; another process on the file makes it wait (bounded)."""
    return open_warehouse(
        settings.warehouse,
        migrate_first=migrate_first,
        rules=settings.quality.rows if settings.dq is not None else None,
        wait_seconds=settings.lock_wait_seconds,
    )


@task(cache_policy=NONE)
def drop_known(raws: list[RawDocument], settings: Settings) -> list[RawDocument]:
    """The documents whose content hash is not loaded yet: incremental runs skip the rest."""
    with _open(settings) as con:
        known = known_content_hashes(con, [r.content_hash for r in raws])
    return [r for r in raws if r.content_hash not in known]


@task(retries=2, retry_delay_seconds=1, cache_policy=NONE)
def read_stored(settings: Settings, after: str | None) -> list[RawDocument]:
    """A batch of stored raw documents, for a full refresh (retries: disk I/O)."""
    with _open(settings) as con:
        return read_raw_documents(con, after, settings.batch_size)


@task(cache_policy=NONE)
def clear_derived_rows(settings: Settings) -> dict[str, int]:
    """Delete every derived row before a full refresh rebuilds them from raw documents."""
    with _open(settings) as con:
        return clear_derived(con)


PUBLISH_RETRIES = 2


@task(retries=PUBLISH_RETRIES, retry_delay_seconds=1, cache_policy=NONE)
def publish(settings: Settings, checked: bool) -> str | None:
    """Atomically replace the analysts' read-only snapshot with this run's warehouse;
    None, or why it could not once the retries are spent.

    A run that failed its gate (``checked`` false) publishes only while no checked
    snapshot exists, so readers have the first runs' data, marked unchecked.
    The last attempt returns its error instead of raising it: the run records and
    reports it in one line, not as a failed task's traceback.
    """
    target = settings.published_warehouse
    if target is None or not is_due(target, checked):
        return None
    try:
        publish_snapshot(settings.warehouse, target, settings.lock_wait_seconds)
    except PublishError as exc:
        if get_run_context().task_run.run_count <= PUBLISH_RETRIES:
            raise
        return str(exc)
    return None


@task(cache_policy=NONE)
def log_counts(settings: Settings, run_id: str, count_documents: int, offtopic: int = 0) -> None:
    """Record what the run loaded before its gate, which measures the run by it."""
    with _open(settings) as con:
        record_counts(con, run_id, count_documents, offtopic)


def close_run(
    settings: Settings, run_id: str, status: str, count_documents: int, offtopic: int = 0
) -> None:
    """Log the run's outcome, what it loaded and the off-topic pages it skipped."""
    with _open(settings) as con:
        finish_run(con, run_id, status, count_documents, offtopic)


@task(cache_policy=NONE)
def seed_organisations(settings: Settings) -> Settings:
    """The run's organisation table, carried by the settings and written as the seed.

    Read from the packaged csv, the organisation files and the rows analysts added
    to ``raw.organisations`` (kept); the rows from files are replaced with it.
    """
    with _open(settings) as con:
        carried = settings.with_organisations(manual_organisation_rows(con))
        replace_organisation_seed(con, carried.organisation_table)
    return carried


@task(cache_policy=NONE)
def transform_batch(raws: list[RawDocument], settings: Settings) -> Batch:
    """Normalise and extract a batch of documents.

    A run that is stopping (SIGTERM) loads nothing more: the worker that left its
    documents returns an empty batch rather than send the stop back across a Dask
    cluster as an error; the next run processes them (they have no raw rows).
    """
    try:
        return process_documents(raws, settings)
    except Stopped:
        return Batch()


@task(cache_policy=NONE)
def read_fingerprints(settings: Settings) -> NearDuplicateIndex:
    """The articles already loaded, indexed by fingerprint to link near-duplicates to.

    Read once per run; the run adds each batch it loads (``remember_originals``).
    """
    with _open(settings) as con:
        return NearDuplicateIndex(known_fingerprints(con))


@task(cache_policy=NONE)
def validate_and_load(
    batch: Batch, settings: Settings, run_id: str, originals: NearDuplicateIndex
) -> LoadCounts:
    """Link near-duplicates, validate, and load the batch in one transaction."""
    with _open(settings) as con:
        return settle(batch, settings, con, run_id, originals).counts


@task(cache_policy=NONE)
def index_articles(settings: Settings) -> bool:
    """Rebuild the full-text search index when loads changed the articles."""
    if is_ducklake(settings.warehouse):
        return False  # fts indexes live in DuckDB files; DuckLake cannot store them
    with _open(settings) as con:
        return ensure_search_index(con)


def resolve_sources(paths: list[str] | None, settings: Settings) -> SourcesFile:
    """The run's sources: the sources file if one is set, plus any paths given."""
    from_paths = sources_for_paths([Path(p) for p in paths or []])
    if not settings.sources_file:
        return from_paths
    listed = load_sources(Path(settings.sources_file))
    return replace(listed, sources=listed.sources + from_paths.sources)


def stored_batches(settings: Settings) -> Iterator[SourceBatch]:
    """Every stored raw document, a batch at a time: a full refresh fetches nothing."""
    after: str | None = None
    while raws := read_stored(settings, after):
        yield SourceBatch(raws, [], is_stored=True)
        after = raws[-1].content_hash


@dataclass(slots=True)
class _Tally:
    documents: int = 0
    skipped: int = 0
    offtopic: int = 0  # web-archive pages the relevance prefilter kept from extraction


@dataclass(frozen=True, slots=True)
class _Run:
    """What every batch of one run shares."""

    run_id: str
    settings: Settings  # carrying dq.toml, read once a run
    originals: NearDuplicateIndex  # near-duplicates link to these; grows per batch


def extract_and_load(batches: Iterator[SourceBatch], run: _Run, tally: _Tally) -> LoadCounts:
    """Skip known documents, extract batches on the task runner, validate and load in order.

    Extraction runs a few batches ahead (on threads or a Dask cluster) while
    validation and loading stay here, in the flow's process: one writer.
    """
    settings = run.settings
    counts = LoadCounts()
    seen: set[str] = set()  # content hashes met earlier in this run
    pending: deque[tuple[PrefectFuture[Batch] | None, SourceBatch]] = deque()
    for source_batch in batches:
        # distinct documents only: the same bytes at two URLs are one document
        raws = []
        for raw in source_batch.raws:
            if raw.content_hash not in seen:
                seen.add(raw.content_hash)
                raws.append(raw)
        tally.documents += len(raws) + len(source_batch.errors)
        tally.offtopic += source_batch.skipped_offtopic
        if raws and not source_batch.is_stored:
            fresh = drop_known(quote(raws), settings)
            tally.skipped += len(raws) - len(fresh)
            raws = fresh
        # not quoted: Dask unpacks tuples, and a quote is one
        future = transform_batch.submit(raws, settings) if raws else None
        pending.append((future, source_batch))
        while len(pending) >= in_flight_batches(settings):
            counts = counts + _load_next(pending, run)
    while pending:
        counts = counts + _load_next(pending, run)
    return counts


def _load_next(
    pending: deque[tuple[PrefectFuture[Batch] | None, SourceBatch]], run: _Run
) -> LoadCounts:
    future, source_batch = pending.popleft()
    batch = future.result() if future is not None else Batch()
    batch.errors[:0] = source_batch.errors
    added = LoadCounts()
    if batch.raws or batch.errors:
        added = validate_and_load(quote(batch), run.settings, run.run_id, quote(run.originals))
    notify_progress(len(source_batch.raws) + len(source_batch.errors), added)
    return added


@flow(name="etl", log_prints=False)
def etl(
    paths: list[str] | None = None,
    settings: Settings | None = None,
    # a SourcesFile; typed ``object`` so that Prefect's parameter model of a served
    # flow (built away from this module's names) does not need to resolve it
    sources: object = None,
) -> RunSummary | State:
    """Run the pipeline over ``paths`` and the sources file named in ``settings``.

    A run whose quality gate fails returns a Failed state holding the
    ``DataQualityError``: calling the flow raises it, without a logged traceback.

    organisations → sources → skip known content hashes → extract (task runner)
    → validate → load → search index → quality gate → run log → publish the
    analysts' snapshot, all under the warehouse's writer lock.
    Incremental by default; ``settings.full_refresh`` first rebuilds every derived
    row from the stored raw documents, without fetching them again. ``sources`` is
    the run's sources when the caller has already read them (``run_etl``); otherwise
    the flow reads the sources file itself (a scheduled run).
    """
    settings = (settings or Settings()).with_dq()  # dq.toml, read once a run
    clear_stop()  # a stop asked of an earlier run in this process is not this run's
    clear_dask_workers(get_run_context().task_runner)  # nor one asked of the Dask workers
    if not isinstance(sources, SourcesFile):
        sources = resolve_sources(paths, settings)
    settings = settings.with_organisation_files(sources.organisation_files)
    # one writer: a second run, or a check, waits until this one has published
    with writer_lock(settings.warehouse, settings.lock_wait_seconds, "newsfacts run"):
        return _run(settings, sources)


def _run(settings: Settings, sources: SourcesFile) -> RunSummary | State:
    """The flow's body, under the writer's lock.

    ``raw.runs`` tells what happened: ``completed`` only when the run loaded, passed
    its gate and published; ``failed`` when any of them did not; the counts are the
    rows it loaded, however far it got. A run that dies without closing itself is
    closed as ``abandoned`` by the next writer.
    """
    run_id = uuid.uuid4().hex[:16]
    # on a DuckLake on PostgreSQL writers run at once: each holds a lease while it runs
    lease = RunLease(settings.warehouse, run_id) if catalog_dsn(settings.warehouse) else None
    try:
        return _run_leased(settings, sources, run_id, lease is not None)
    finally:
        if lease is not None:
            lease.close()


def _run_leased(
    settings: Settings, sources: SourcesFile, run_id: str, concurrent: bool
) -> RunSummary | State:
    logger = get_run_logger()
    flow_run = get_run_context().flow_run
    alive = partial(live_runs, settings.warehouse) if concurrent else None
    with _open(settings, migrate_first=True) as con:  # the run's one migration
        start_run(
            con,
            run_id,
            sources.describe(),
            settings.extractor_version,
            str(flow_run.id),
            alive=alive,
        )

    counts = LoadCounts()
    tally = _Tally()
    status = "failed"
    closed: str | None = None  # the status raw.runs holds for this run once closed
    gate_error: DataQualityError | None = None
    try:
        settings = seed_organisations(settings)  # the table the claims are attributed with
        batches: Iterator[SourceBatch] = source_batches(sources, settings)
        if settings.full_refresh:
            clear_derived_rows(settings)
            batches = chain(stored_batches(settings), batches)
        run = _Run(run_id, settings, read_fingerprints(settings))
        counts = extract_and_load(batches, run, tally)
        index_articles(settings)
        log_counts(settings, run_id, tally.documents, tally.offtopic)
        _log_summary(run_id, tally, counts)
        # dataset-level checks: history, artifacts; an error-severity failure fails the run
        try:
            quality_gate(settings, run_id)
        except DataQualityError as exc:
            gate_error = exc
        status = "completed" if gate_error is None else "failed"
        # closed before publishing, so the snapshot carries the run's outcome
        close_run(settings, run_id, status, tally.documents, tally.offtopic)
        closed = status
        # a passed gate replaces what analysts read; a failed one only while nothing checked is
        unpublished = publish(settings, checked=gate_error is None)
        if unpublished is not None:
            status = "failed"
            logger.error("run %s: %s", run_id, unpublished)
    except BaseException as exc:
        if not isinstance(exc, Exception):  # SIGTERM (Prefect's TerminationSignal), Ctrl-C
            request_stop()  # worker threads leave their documents now, not in minutes
            stop_dask_workers(get_run_context().task_runner)  # and Dask workers theirs
        raise
    finally:
        if closed != status:
            close_run(settings, run_id, status, tally.documents, tally.offtopic)
    if gate_error is not None:
        # an expected outcome, not a crash: the flow run ends Failed with the error as its
        # result (``state.result()`` raises it) and Prefect logs no traceback for it
        return Failed(message=str(gate_error), data=gate_error)
    return RunSummary(run_id, tally.documents, counts, status, tally.skipped, tally.offtopic)


def _log_summary(run_id: str, tally: _Tally, counts: LoadCounts) -> None:
    get_run_logger().info(
        "run %s: %d documents (%d already loaded, %d off-topic pages skipped), %d new articles,"
        " %d new facts, %d quarantined, %d errors",
        run_id,
        tally.documents,
        tally.skipped,
        tally.offtopic,
        counts.articles,
        counts.facts,
        counts.quarantined_facts,
        counts.ingest_errors,
    )


def run_etl(
    paths: list[str] | None,
    settings: Settings,
    sources: SourcesFile | None = None,
    task_runner: TaskRunner | None = None,
) -> RunSummary:
    """The ``etl`` flow on the task runner ``settings`` choose (threads or Dask).

    A caller that already resolved the sources or built the task runner (the CLI,
    to report a bad one before the flow starts) passes them: each is built once a run.
    """
    runner = task_runner if task_runner is not None else task_runner_for(settings)
    return etl.with_options(task_runner=runner)(paths, settings, sources)
