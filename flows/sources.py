"""Turning sources (folders, URL lists, feeds, sitemaps, WARC files) into batches of documents.

``source_batches`` walks a ``SourcesFile`` and yields ``SourceBatch``es of at most
``settings.batch_size`` raw documents plus the errors met on the way; the flow
treats them all alike. Tasks are thin: ``download`` fetches one URL and is the
only retrying network task (transient failures only); ``discover`` lists a
feed's or sitemap's article URLs once, without retries; ``read_batch`` and
``read_warc_chunk`` read from disk. A source that fails becomes error rows,
never a crash that loses the other sources.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from prefect import task
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import TaskRun
from prefect.states import State

from flows.progress import notify_expected
from newsfacts.fetch import Fetcher, FetchError
from newsfacts.model import IngestError, RawDocument
from newsfacts.pipeline import read_files
from newsfacts.read import entry_uri, iter_source_files
from newsfacts.settings import Settings
from newsfacts.sources import (
    FeedSource,
    FolderSource,
    SitemapSource,
    SourcesFile,
    SourceSpec,
    UrlListSource,
    WarcSource,
)
from newsfacts.warc import WarcChunk, read_warc


@dataclass(slots=True)
class SourceBatch:
    """Up to ``batch_size`` documents from one source, and what went wrong getting them."""

    raws: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    is_stored: bool = False  # read back from raw.raw_documents (full refresh)
    skipped_offtopic: int = 0  # web-archive pages the relevance prefilter kept from extraction


# ---------------------------------------------------------------- tasks


@task(retries=2, retry_delay_seconds=1, cache_policy=NONE)
def read_batch(
    paths: Sequence[Path], settings: Settings
) -> tuple[list[RawDocument], list[IngestError]]:
    """Read a batch of files from disk (retries: disk I/O)."""
    return read_files(paths, settings)


@task(retries=2, retry_delay_seconds=1, cache_policy=NONE)
def read_warc_chunk(path: Path, offset: int, settings: Settings) -> WarcChunk:
    """Up to one batch of HTML documents of a WARC file from ``offset`` (retries: disk I/O)."""
    return read_warc(
        path, offset, settings.batch_size, settings.max_document_bytes, settings.relevance
    )


# Stage of the ingest_errors row of a URL robots.txt forbids: recorded, never fetched, and
# not counted by the ingest_errors_share check (dq_metrics), since nothing failed.
ROBOTS_STAGE = "robots"


def _is_transient(task: object, task_run: TaskRun, state: State) -> bool:
    """Retry a download only when a retry can help: timeouts, 429 and 5xx answers."""
    try:
        state.result()
    except FetchError as exc:
        return exc.transient
    except Exception:
        return False
    return False


@task(cache_policy=NONE, retry_condition_fn=_is_transient)
def download(url: str, fetcher: Fetcher) -> RawDocument:
    """Fetch one URL (throttled per host, robots.txt respected); retries transient failures."""
    return fetcher.fetch(url)


@task(cache_policy=NONE)
def discover(source: FeedSource | SitemapSource, fetcher: Fetcher) -> list[str]:
    """The article URLs a feed or sitemap lists (no retries: a failed source is an error row)."""
    if isinstance(source, FeedSource):
        return fetcher.feed_urls(source.url, source.max_urls)
    return fetcher.sitemap_urls(source.url, source.max_urls)


# ---------------------------------------------------------------- walking sources


T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def _folder_batches(source: FolderSource, settings: Settings) -> Iterator[SourceBatch]:
    if not os.path.lexists(source.path):  # a symlink loop or a dangling link is read's to explain
        error = IngestError(entry_uri(source.path), "source", "path does not exist")
        notify_expected(1)
        yield SourceBatch(errors=[error])
        return
    files = list(iter_source_files([source.path]))
    notify_expected(len(files))  # each is a document or a row
    for paths in _chunks(files, settings.batch_size):
        raws, errors = read_batch(paths, settings)
        yield SourceBatch(raws, errors)


def _download_batches(
    urls: Sequence[str], fetcher: Fetcher, settings: Settings, seen: set[str]
) -> Iterator[SourceBatch]:
    """Download ``urls`` a batch at a time; a URL already met in this run is not fetched again."""
    urls = [u for u in dict.fromkeys(urls) if u not in seen]
    seen.update(urls)
    notify_expected(len(urls))
    policy = fetcher.policy
    fetch = download.with_options(
        retries=policy.retries, retry_delay_seconds=policy.retry_delay_seconds
    )
    for chunk in _chunks(urls, settings.batch_size):
        batch = SourceBatch()
        for url in chunk:
            state = fetch(url, fetcher, return_state=True)
            if state.is_completed():
                batch.raws.append(state.result())
            else:
                exc = state.result(raise_on_failure=False)
                if isinstance(exc, FetchError):
                    stage = ROBOTS_STAGE if exc.by_policy else "fetch"
                    batch.errors.append(IngestError(url, stage, exc.reason))
                else:
                    batch.errors.append(IngestError(url, "fetch", f"{exc}"))
        yield batch


def _discovered_batches(
    source: FeedSource | SitemapSource, fetcher: Fetcher, settings: Settings, seen: set[str]
) -> Iterator[SourceBatch]:
    state = discover(source, fetcher, return_state=True)
    if not state.is_completed():
        exc = state.result(raise_on_failure=False)
        reason = exc.reason if isinstance(exc, FetchError) else f"{type(exc).__name__}: {exc}"
        notify_expected(1)
        yield SourceBatch(errors=[IngestError(source.url, "discover", reason)])
        return
    urls: list[str] = state.result()
    if not urls:
        notify_expected(1)
        yield SourceBatch(errors=[IngestError(source.url, "discover", "no article URLs found")])
        return
    yield from _download_batches(urls, fetcher, settings, seen)


def _warc_batches(source: WarcSource, settings: Settings) -> Iterator[SourceBatch]:
    for path in source.paths:
        if not path.is_file():
            yield SourceBatch(
                errors=[IngestError(entry_uri(path), "source", "WARC file not found")]
            )
            continue
        offset: int | None = 0
        while offset is not None:
            chunk = read_warc_chunk(path, offset, settings)
            yield SourceBatch(chunk.raws, chunk.errors, skipped_offtopic=chunk.skipped_offtopic)
            offset = chunk.next_offset


def source_batches(sources: SourcesFile, settings: Settings) -> Iterator[SourceBatch]:
    """Every source's documents, a batch at a time, in the order the file lists them."""
    policy = replace(sources.fetch, allow_private_hosts=settings.allow_private_hosts)
    fetcher = Fetcher(policy)  # one throttle and robots cache for the whole run
    seen_urls: set[str] = set()  # a page listed by the feed and the sitemap is fetched once
    for source in sources.sources:
        yield from _batches_of(source, fetcher, settings, seen_urls)


def _batches_of(
    source: SourceSpec, fetcher: Fetcher, settings: Settings, seen_urls: set[str]
) -> Iterator[SourceBatch]:
    match source:
        case FolderSource():
            yield from _folder_batches(source, settings)
        case UrlListSource(urls=urls):
            yield from _download_batches(urls, fetcher, settings, seen_urls)
        case FeedSource() | SitemapSource():
            yield from _discovered_batches(source, fetcher, settings, seen_urls)
        case WarcSource():
            yield from _warc_batches(source, settings)
