"""Pipeline benchmarks: articles/s per stage and end to end, memory, peers, scale, orchestration.

Rerun it anywhere with::

    uv run python benchmarks/bench_pipeline.py            # the full run (a few minutes)
    uv run python benchmarks/bench_pipeline.py --quick    # seconds: a smoke test
    uv run python benchmarks/bench_pipeline.py --json results.json

What it measures, all in this one process (process start is excluded):

* **stages** on a synthetic corpus made from ``samples/articles`` (each copy made
  unique), plain text and HTML separately: read (disk → bytes), normalise
  (decode, repair, HTML extraction, paragraphs, languages, metadata), extract
  (facts), validate (pandera contracts), load (DuckDB, one transaction per batch).
  One process is one core: articles/s end to end is articles/s per core.
* **peers** on the same documents in the same run: quantulum3's ``parse`` against
  our extract stage on the plain texts, and bare ``trafilatura.extract`` against
  our whole HTML pipeline (the HTML overhead is ours over trafilatura's time).
* **streaming**: N articles through the same batches as a run (read → … → load,
  plus near-duplicate lookup), resident memory sampled after every batch. Then the
  warehouse is grown to 1 M articles' rows and the near-duplicate index to 1 M
  fingerprints, and two new batches are looked up and loaded against them. The
  1 M-article projection takes memory as measured with that index, and time on
  2 cores as the parallel stages (read, normalise, extract, validate) split over
  2 workers plus the serial ones (lookup, load: one writer), growing linearly per
  batch from their cost at the start to their cost at 1 M.
* **orchestration**: the real Prefect ``etl`` flow against the same task bodies
  called directly (``task.fn``) in the same order, on the same N articles; the
  difference is Prefect's share. The server's start-up is excluded (a warm-up run).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.news_page import news_page  # noqa: E402
from newsfacts.normalise import normalise_document  # noqa: E402
from newsfacts.pipeline import (  # noqa: E402
    Batch,
    extract_article_facts,
    process_documents,
    read_files,
)
from newsfacts.settings import SAMPLE_CORPUS, Settings  # noqa: E402

TARGETS = {
    "text_articles_per_second_per_core": 600.0,  # at least (issue 12: with the claim step)
    "html_overhead_vs_trafilatura": 0.25,  # at most (ours / trafilatura - 1)
    "projected_peak_rss_1m_bytes": 2 * 1024**3,  # less than
    "projected_hours_1m_on_2_cores": 1.0,  # less than
    "orchestration_share": 0.05,  # less than
}
STAGES = ("read", "normalise", "extract", "claims", "link", "validate", "load")


# ------------------------------------------------------------------ corpus


def sample_documents(suffixes: tuple[str, ...]) -> list[tuple[str, bytes]]:
    return [
        (p.suffix, p.read_bytes())
        for p in sorted(SAMPLE_CORPUS.iterdir())
        if p.suffix.lower() in suffixes
    ]


def unique_copy(suffix: str, content: bytes, i: int) -> bytes:
    """The sample made distinct (its own content hash) without changing its facts."""
    tag = f"Bulletin reference {i:07d}."
    if suffix.lower() in (".html", ".htm"):
        marker = re.search(rb"</body\s*>", content, re.IGNORECASE)
        at = marker.start() if marker else len(content)
        return content[:at] + f"<p>{tag}</p>".encode() + content[at:]
    return content + f"\n\n{tag}\n".encode()


def script_of(text: str) -> str:
    """A coarse language group, so synthetic articles mix paragraphs of one language."""
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if han > 0.1 * len(text):
        return "zh"
    return (
        "vi" if re.search("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text) else "en"
    )


def mixed_articles(count: int) -> Iterator[str]:
    """Plain-text articles: a sample's title and byline over 6 body paragraphs drawn at
    random (seeded) from the samples in its language, so no two are near-duplicates."""
    from newsfacts.normalise.decode import decode_bytes

    heads: list[tuple[str, str]] = []
    pools: dict[str, list[str]] = {}
    for _, content in sample_documents((".txt",)):
        lines = [line.strip() for line in decode_bytes(content).splitlines() if line.strip()]
        group = script_of("\n".join(lines))
        heads.append(("\n".join(lines[:2]), group))
        pools.setdefault(group, []).extend(line for line in lines[2:] if len(line) > 60)
    rng = random.Random(20260101)
    for i in range(count):
        head, group = heads[i % len(heads)]
        pool = pools[group]
        body = rng.sample(pool, min(6, len(pool)))
        yield head + "\n\n" + "\n\n".join(body) + f"\n\nBulletin reference {i:07d}.\n"


def write_corpus(
    folder: Path, count: int, suffixes: tuple[str, ...], news_pages: bool = False
) -> list[Path]:
    """``count`` files made from the samples with ``suffixes``, written to ``folder``.

    Plain text is mixed from the samples' paragraphs (distinct articles, as a real
    feed); HTML pages are the sample pages each made unique by one added paragraph,
    and with ``news_pages`` dressed in a news site's chrome (``news_page``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    if suffixes == (".txt",):
        for i, text in enumerate(mixed_articles(count)):
            path = folder / f"doc_{i:07d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths
    samples = sample_documents(suffixes)
    if not samples:
        raise SystemExit(f"no {suffixes} samples in {SAMPLE_CORPUS}")
    for i in range(count):
        suffix, content = samples[i % len(samples)]
        content = unique_copy(suffix, content, i)
        path = folder / f"doc_{i:07d}{suffix}"
        path.write_bytes(news_page(content, i) if news_pages else content)
        paths.append(path)
    return paths


def batches_of(items: Sequence[Path], size: int) -> Iterator[list[Path]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


# ------------------------------------------------------------------ measuring


def current_rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


@dataclass
class StageTimes:
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def record(self, stage: str, seconds: float) -> None:
        """The batch path's ``StageTimer``: adds a batch's seconds in ``stage``."""
        self.seconds[stage] += seconds


@dataclass
class CorpusResult:
    """Throughput of one corpus through the stages."""

    media: str
    count_articles: int
    count_facts: int
    seconds: dict[str, float]
    articles_per_second: dict[str, float]
    end_to_end_articles_per_second: float


def run_stages(
    paths: Sequence[Path], settings: Settings, con: object, run_id: str
) -> tuple[StageTimes, int, int]:
    """The batch path over ``paths`` batch by batch, each stage timed on its own."""
    from flows.batch import run_batch

    settings = settings.with_dq()
    times = StageTimes()
    count_articles = count_facts = 0
    for chunk in batches_of(paths, settings.batch_size):
        settled = run_batch(chunk, settings, con, run_id, timer=times.record)
        count_articles += settled.validated.frames["articles"].height
        frames = settled.validated.frames
        count_facts += frames["facts"].height + frames["quarantined_facts"].height
    return times, count_articles, count_facts


def measure_corpus(
    media: str, paths: Sequence[Path], workdir: Path, batch_size: int
) -> CorpusResult:
    from warehouse.db import open_warehouse

    # an untimed warm-up on a throwaway warehouse: first-call costs (lingua's models,
    # pandera's polars backend, the ECB rates) belong to process start, not to the rate
    warm_up = Settings(warehouse=str(workdir / f"warm_up_{media}.duckdb"), batch_size=batch_size)
    with open_warehouse(warm_up.warehouse) as con:
        run_stages(paths[:20], warm_up, con, f"warm-up-{media}")
    settings = Settings(warehouse=str(workdir / f"stages_{media}.duckdb"), batch_size=batch_size)
    with open_warehouse(settings.warehouse) as con:
        times, count_articles, count_facts = run_stages(paths, settings, con, f"bench-{media}")
    total = sum(times.seconds.values())
    return CorpusResult(
        media=media,
        count_articles=count_articles,
        count_facts=count_facts,
        seconds={k: round(v, 4) for k, v in times.seconds.items()},
        articles_per_second={
            k: round(count_articles / v, 1) if v else float("inf") for k, v in times.seconds.items()
        },
        end_to_end_articles_per_second=round(count_articles / total, 1),
    )


def time_per_document(function: Callable[[str], object], texts: Sequence[str]) -> float:
    started = time.perf_counter()
    for text in texts:
        function(text)
    return time.perf_counter() - started


@dataclass
class QuantulumResult:
    count_articles: int
    quantulum3_seconds: float
    ours_extract_seconds: float
    speedup_vs_quantulum3: float


def measure_quantulum(text_paths: Sequence[Path], limit: int) -> QuantulumResult:
    """quantulum3's ``parse`` against our extract stage on the same plain texts."""
    import warnings

    warnings.filterwarnings("ignore", module="quantulum3")
    from quantulum3 import parser as quantulum

    settings = Settings()
    raws, _ = read_files(list(text_paths[:limit]), settings)
    articles = [normalise_document(r, settings) for r in raws]
    texts = [a.text for a in articles]
    quantulum.parse(texts[0])  # its first call loads its models: not part of the rate
    quantulum_seconds = time_per_document(quantulum.parse, texts)
    started = time.perf_counter()
    for article in articles:
        extract_article_facts(article)
    ours_seconds = time.perf_counter() - started
    return QuantulumResult(
        count_articles=len(texts),
        quantulum3_seconds=round(quantulum_seconds, 4),
        ours_extract_seconds=round(ours_seconds, 4),
        speedup_vs_quantulum3=round(quantulum_seconds / ours_seconds, 1),
    )


@dataclass
class TrafilaturaResult:
    """Our whole HTML pipeline against ``trafilatura.extract`` on the same pages."""

    pages: str
    count_pages: int
    mean_page_bytes: int
    trafilatura_seconds: float
    trafilatura_with_our_options_seconds: float
    ours_end_to_end_seconds: float
    overhead_vs_trafilatura: float
    overhead_vs_trafilatura_with_our_options: float


def measure_trafilatura(pages: str, paths: Sequence[Path], ours: CorpusResult) -> TrafilaturaResult:
    """Bare ``trafilatura.extract`` (its defaults) on ``paths`` against ``ours``, the
    pipeline's time on the same pages; and, to show where the time goes, trafilatura
    called as our read stage calls it (metadata, tables, date search, no comments)."""
    import trafilatura

    from newsfacts.normalise.html import extract_html

    html = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    trafilatura.extract(html[0])  # warm-up
    bare_seconds = time_per_document(trafilatura.extract, html)
    reference_date = Settings().reference_date
    same_call_seconds = time_per_document(lambda page: extract_html(page, reference_date), html)
    ours_seconds = ours.count_articles / ours.end_to_end_articles_per_second
    return TrafilaturaResult(
        pages=pages,
        count_pages=len(html),
        mean_page_bytes=round(sum(p.stat().st_size for p in paths) / len(paths)),
        trafilatura_seconds=round(bare_seconds, 4),
        trafilatura_with_our_options_seconds=round(same_call_seconds, 4),
        ours_end_to_end_seconds=round(ours_seconds, 4),
        overhead_vs_trafilatura=round(ours_seconds / bare_seconds - 1, 3),
        overhead_vs_trafilatura_with_our_options=round(ours_seconds / same_call_seconds - 1, 3),
    )


# ------------------------------------------------------------------ streaming


@dataclass
class StreamResult:
    count_articles: int
    batch_size: int
    seconds: float
    seconds_parallel_stages: float
    seconds_serial_stages: float
    seconds_duplicate_lookup: float
    articles_per_second: float
    rss_first_batch_bytes: int
    rss_last_batch_bytes: int
    rss_slope_bytes_per_1k_articles: float
    peak_rss_bytes: int
    rss_samples_mib: list[float]
    # the serial steps at the start of a run (medians over the streamed batches) ...
    lookup_seconds_per_batch_at_start: float
    load_seconds_per_batch_at_start: float
    # ... and where a run of ``scale_articles`` ends (measured on a grown warehouse and index)
    scale_articles: int
    lookup_seconds_per_batch_at_scale: float
    load_seconds_per_batch_at_scale: float
    scale_warehouse_bytes: int
    rss_with_scale_index_bytes: int
    projected_hours_duplicate_lookup_1m: float
    projected_hours_load_1m: float
    projected_peak_rss_1m_bytes: int
    projected_hours_1m_on_2_cores: float


def timed_settle(batch: Batch, settings: Settings, run_id: str, index: object) -> dict[str, float]:
    """Seconds of the flow's serial task per step: open the warehouse, link, validate,
    load, close (a checkpoint)."""
    from flows.batch import settle
    from warehouse.db import open_warehouse

    seconds: dict[str, float] = {}
    started = time.perf_counter()
    with open_warehouse(settings.warehouse, migrate_first=False) as con:
        opened = time.perf_counter()
        settle(batch, settings, con, run_id, index, timer=seconds.__setitem__)
        settled = time.perf_counter()
    closed = time.perf_counter()
    seconds["load"] += (opened - started) + (closed - settled)  # as the task pays it
    return seconds


def grow_warehouse(path: str, loaded: int, scale: int) -> int:
    """Copy the loaded rows, keys made unique, until the warehouse holds about ``scale``
    articles' rows; its size in bytes."""
    from warehouse.db import RAW_KEYS, connect

    copies = max(round(scale / loaded) - 1, 0)
    con = connect(path)
    try:
        con.execute("set memory_limit = '1GB'")  # a bulk copy, not what a run holds
        for table, keys in RAW_KEYS.items():
            if table == "ingest_errors" or not copies:
                continue
            text_columns = {
                name
                for name, column_type, *_ in con.execute(f"describe raw.{table}").fetchall()
                if column_type == "VARCHAR"
            }
            renamed = sorted({*keys, "article_id"} & text_columns)  # unique in every copy
            replace = ", ".join(f"{c} || '~' || copy as {c}" for c in renamed)
            con.execute(
                f"insert into raw.{table} select * exclude (copy) replace ({replace})"
                f" from raw.{table} cross join range(1, {copies + 1}) as r(copy)"
            )
        con.execute("checkpoint")
    finally:
        con.close()
    return os.path.getsize(path)


def grown_index(fingerprints: dict[str, str | None], scale: int) -> object:
    """A near-duplicate index holding ``fingerprints`` and random ones up to ``scale``."""
    from newsfacts.normalise.fingerprint import NUM_HASHES, NearDuplicateIndex

    index = NearDuplicateIndex(fingerprints)
    rng = random.Random(7)
    missing = scale - len(index)
    for start in range(0, missing, 50_000):
        index.update(
            {
                f"synthetic-{i:07d}": rng.randbytes(4 * NUM_HASHES).hex()
                for i in range(start, min(start + 50_000, missing))
            }
        )
    return index


def measure_streaming(
    paths: Sequence[Path],
    held_out: Sequence[Path],
    workdir: Path,
    batch_size: int,
    scale: int = 1_000_000,
) -> StreamResult:
    """The corpus streamed through batches as a run does, memory sampled per batch; then
    the serial steps timed at ``scale`` on the ``held_out`` batches.

    Like the flow, the run reads the loaded fingerprints once into a near-duplicate
    index and adds each loaded batch to it; like the flow's tasks, every batch opens
    the warehouse to load and closes it after: DuckDB's cache lives only while it is open.

    The parallel stages cost the same per article however large the warehouse; the
    serial ones (near-duplicate lookup, load) may grow with it. Rather than extrapolate
    them from a few batches, the warehouse is grown to ``scale`` articles' rows (the
    loaded rows copied with new keys) and the index to ``scale`` fingerprints (the
    real ones and random ones), and new batches are looked up and loaded against them.
    A run's serial cost per batch is taken to grow linearly from its start to there.
    """
    from flows.etl import read_fingerprints
    from warehouse.db import connect, open_warehouse
    from warehouse.load import known_fingerprints

    settings = Settings(warehouse=str(workdir / "stream.duckdb"), batch_size=batch_size).with_dq()
    samples: list[tuple[int, int]] = []
    lookups: list[float] = []
    loads: list[float] = []
    parallel = 0.0
    done = 0
    started = time.perf_counter()
    with open_warehouse(settings.warehouse):
        pass  # created and migrated once, as a run's start does
    originals = read_fingerprints.fn(settings)  # once per run, as the flow does
    for chunk in batches_of(paths, batch_size):
        t0 = time.perf_counter()
        batch = process_documents(chunk, settings)
        parallel += time.perf_counter() - t0
        steps = timed_settle(batch, settings, "stream", originals)
        parallel += steps["validate"]
        lookups.append(steps["link"])
        loads.append(steps["load"])
        done += len(chunk)
        samples.append((done, current_rss_bytes()))
    seconds = time.perf_counter() - started
    half = samples[len(samples) // 2 :]
    if len(half) >= 2 and half[-1][0] > half[0][0]:
        slope = (half[-1][1] - half[0][1]) / (half[-1][0] - half[0][0])
    else:
        slope = 0.0
    peak_streaming = peak_rss_bytes()
    del originals

    # the end of a run of ``scale`` articles: the real fingerprints are read before the
    # warehouse grows (its copied rows repeat them: exact duplicates no real feed has)
    con = connect(settings.warehouse, read_only=True)
    try:
        fingerprints = known_fingerprints(con)
    finally:
        con.close()
    warehouse_bytes = grow_warehouse(settings.warehouse, done, scale)
    index = grown_index(fingerprints, scale)
    lookups_at_scale, loads_at_scale = [], []
    for chunk in batches_of(held_out, batch_size):
        batch = process_documents(chunk, settings)
        steps = timed_settle(batch, settings, "scale", index)
        lookups_at_scale.append(steps["link"])
        loads_at_scale.append(steps["load"])
    rss_with_index = current_rss_bytes()

    count_batches = 1_000_000 / batch_size
    lookup_start, load_start = statistics.median(lookups), statistics.median(loads)
    lookup_end, load_end = statistics.median(lookups_at_scale), statistics.median(loads_at_scale)
    lookup_1m = count_batches * (lookup_start + lookup_end) / 2
    load_1m = count_batches * (load_start + load_end) / 2
    projected_seconds = 1_000_000 * parallel / done / 2 + lookup_1m + load_1m
    return StreamResult(
        count_articles=done,
        batch_size=batch_size,
        seconds=round(seconds, 2),
        seconds_parallel_stages=round(parallel, 2),
        seconds_serial_stages=round(sum(lookups) + sum(loads), 2),
        seconds_duplicate_lookup=round(sum(lookups), 2),
        articles_per_second=round(done / seconds, 1),
        rss_first_batch_bytes=samples[0][1],
        rss_last_batch_bytes=samples[-1][1],
        rss_slope_bytes_per_1k_articles=round(max(slope, 0.0) * 1000, 1),
        peak_rss_bytes=peak_streaming,
        rss_samples_mib=[round(rss / 2**20, 1) for _, rss in samples],
        lookup_seconds_per_batch_at_start=round(lookup_start, 4),
        load_seconds_per_batch_at_start=round(load_start, 4),
        scale_articles=len(index),
        lookup_seconds_per_batch_at_scale=round(lookup_end, 4),
        load_seconds_per_batch_at_scale=round(load_end, 4),
        scale_warehouse_bytes=warehouse_bytes,
        rss_with_scale_index_bytes=rss_with_index,
        projected_hours_duplicate_lookup_1m=round(lookup_1m / 3600, 3),
        projected_hours_load_1m=round(load_1m / 3600, 3),
        projected_peak_rss_1m_bytes=max(peak_streaming, rss_with_index),
        projected_hours_1m_on_2_cores=round(projected_seconds / 3600, 3),
    )


# ------------------------------------------------------------------ orchestration


@dataclass
class OrchestrationResult:
    count_articles: int
    batch_size: int
    flow_seconds: float  # the median of the runs
    direct_seconds: float
    orchestration_share: float
    flow_runs_seconds: list[float]
    direct_runs_seconds: list[float]


def run_direct(paths: Sequence[Path], settings: Settings) -> None:
    """The flow's task bodies (``task.fn``) in the flow's order, with no Prefect around them."""
    from flows.etl import (
        drop_known,
        index_articles,
        read_fingerprints,
        transform_batch,
        validate_and_load,
    )
    from flows.quality import check_quality
    from warehouse.db import open_warehouse
    from warehouse.load import LoadCounts, finish_run, start_run

    run_id = uuid.uuid4().hex[:16]
    settings = settings.with_dq()
    with open_warehouse(settings.warehouse) as con:
        start_run(con, run_id, ["bench"], settings.extractor_version)
    counts = LoadCounts()
    originals = read_fingerprints.fn(settings)
    for chunk in batches_of(paths, settings.batch_size):
        raws, errors = read_files(chunk, settings)
        batch = transform_batch.fn(drop_known.fn(raws, settings), settings)
        batch.errors[:0] = errors
        counts = counts + validate_and_load.fn(batch, settings, run_id, originals)
    index_articles.fn(settings)
    with open_warehouse(settings.warehouse) as con:
        finish_run(con, run_id, "completed", len(paths))
    check_quality.fn(settings, run_id)


def measure_orchestration(
    paths: Sequence[Path], workdir: Path, batch_size: int = 200, repeats: int = 3
) -> OrchestrationResult:
    """The flow against its task bodies called directly, ``repeats`` times each, alternating.

    Medians: a run's fixed costs vary by up to a second (the flow's heartbeat thread,
    joined at exit, sleeps in steps of one second), which is several per cent of a
    10,000-article run.
    """
    from flows.etl import etl
    from flows.quality import DataQualityError

    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    folder = paths[0].parent
    warm = Settings(warehouse=str(workdir / "warm.duckdb"), publish_path="")
    etl([str(paths[0])], warm)  # starts Prefect's server and imports: not measured

    direct_runs, flow_runs = [], []
    for attempt in range(repeats):
        direct = Settings(
            warehouse=str(workdir / f"direct_{attempt}.duckdb"),
            publish_path="",
            batch_size=batch_size,
        )
        started = time.perf_counter()
        run_direct(paths, direct)
        direct_runs.append(time.perf_counter() - started)

        flowed = Settings(
            warehouse=str(workdir / f"flow_{attempt}.duckdb"),
            publish_path="",
            batch_size=batch_size,
        )
        started = time.perf_counter()
        # the gate may fail the synthetic corpus (many near-duplicates, so few articles with
        # facts of their own); the run has done all its work by then, which is what is timed
        with contextlib.suppress(DataQualityError):
            etl([str(folder)], flowed)
        flow_runs.append(time.perf_counter() - started)
    flow_seconds, direct_seconds = statistics.median(flow_runs), statistics.median(direct_runs)
    return OrchestrationResult(
        count_articles=len(paths),
        batch_size=batch_size,
        flow_seconds=round(flow_seconds, 2),
        direct_seconds=round(direct_seconds, 2),
        orchestration_share=round(max(0.0, (flow_seconds - direct_seconds) / flow_seconds), 4),
        flow_runs_seconds=[round(t, 2) for t in flow_runs],
        direct_runs_seconds=[round(t, 2) for t in direct_runs],
    )


# ------------------------------------------------------------------ report


@dataclass
class Results:
    machine: dict[str, object]
    text: CorpusResult
    html: CorpusResult  # news-sized pages
    html_small: CorpusResult  # the bare sample pages
    quantulum: QuantulumResult
    trafilatura: TrafilaturaResult  # on the news-sized pages: the target
    trafilatura_small: TrafilaturaResult  # on the bare sample pages
    streaming: StreamResult
    orchestration: OrchestrationResult | None
    peak_rss_bytes: int
    targets: dict[str, dict[str, object]]


def judge(results: Results) -> dict[str, dict[str, object]]:
    def verdict(name: str, value: float, ok: bool) -> dict[str, object]:
        return {"value": value, "target": TARGETS[name], "met": ok}

    judged = {
        "text_articles_per_second_per_core": verdict(
            "text_articles_per_second_per_core",
            results.text.end_to_end_articles_per_second,
            results.text.end_to_end_articles_per_second
            >= TARGETS["text_articles_per_second_per_core"],
        ),
        "html_overhead_vs_trafilatura": verdict(
            "html_overhead_vs_trafilatura",
            results.trafilatura.overhead_vs_trafilatura,
            results.trafilatura.overhead_vs_trafilatura <= TARGETS["html_overhead_vs_trafilatura"],
        ),
        "projected_peak_rss_1m_bytes": verdict(
            "projected_peak_rss_1m_bytes",
            results.streaming.projected_peak_rss_1m_bytes,
            results.streaming.projected_peak_rss_1m_bytes < TARGETS["projected_peak_rss_1m_bytes"],
        ),
        "projected_hours_1m_on_2_cores": verdict(
            "projected_hours_1m_on_2_cores",
            results.streaming.projected_hours_1m_on_2_cores,
            results.streaming.projected_hours_1m_on_2_cores
            < TARGETS["projected_hours_1m_on_2_cores"],
        ),
    }
    if results.orchestration is not None:
        judged["orchestration_share"] = verdict(
            "orchestration_share",
            results.orchestration.orchestration_share,
            results.orchestration.orchestration_share < TARGETS["orchestration_share"],
        )
    return judged


def print_results(results: Results) -> None:
    mib = 2**20
    print(f"machine: {results.machine}")
    corpora = (results.text, results.html, results.html_small)
    print(f"{'stage':<10} {'text art/s':>12} {'html art/s':>12} {'small html':>12}")
    for stage in STAGES:
        print(f"{stage:<10}" + "".join(f" {c.articles_per_second[stage]:>12,.1f}" for c in corpora))
    print(
        f"{'end to end':<10}"
        + "".join(f" {c.end_to_end_articles_per_second:>12,.1f}" for c in corpora)
        + f"   ({', '.join(f'{c.count_articles} {c.media}' for c in corpora)} articles)"
    )
    q = results.quantulum
    print(
        f"quantulum3: {q.count_articles} articles in {q.quantulum3_seconds:.2f} s;"
        f" our extract {q.ours_extract_seconds:.3f} s → {q.speedup_vs_quantulum3:,.0f}× faster"
    )
    for t in (results.trafilatura, results.trafilatura_small):
        print(
            f"{t.pages} ({t.count_pages}, {t.mean_page_bytes / 1024:.0f} KiB on average):"
            f" trafilatura.extract {t.trafilatura_seconds:.2f} s, our whole HTML pipeline"
            f" {t.ours_end_to_end_seconds:.2f} s → overhead {t.overhead_vs_trafilatura:+.0%};"
            f" trafilatura with our options {t.trafilatura_with_our_options_seconds:.2f} s"
            f" → overhead {t.overhead_vs_trafilatura_with_our_options:+.0%}"
        )
    s = results.streaming
    print(
        f"streaming: {s.count_articles} articles in {s.seconds:.1f} s ({s.articles_per_second:,.0f}"
        f"/s), RSS {s.rss_first_batch_bytes / mib:.0f} → {s.rss_last_batch_bytes / mib:.0f} MiB,"
        f" slope {s.rss_slope_bytes_per_1k_articles / mib:.2f} MiB per 1k articles"
    )
    print(
        f"a batch of {s.batch_size} at the start / at {s.scale_articles:,} articles"
        f" ({s.scale_warehouse_bytes / 2**30:.1f} GiB warehouse): near-duplicate lookup"
        f" {s.lookup_seconds_per_batch_at_start:.3f} /"
        f" {s.lookup_seconds_per_batch_at_scale:.3f} s, load"
        f" {s.load_seconds_per_batch_at_start:.3f} / {s.load_seconds_per_batch_at_scale:.3f} s;"
        f" RSS with the grown index {s.rss_with_scale_index_bytes / mib:,.0f} MiB"
    )
    print(
        f"1M projection: peak RSS {s.projected_peak_rss_1m_bytes / mib:,.0f} MiB,"
        f" {s.projected_hours_1m_on_2_cores:.2f} h on 2 cores, of which the near-duplicate"
        f" lookup {s.projected_hours_duplicate_lookup_1m:.2f} h and the load"
        f" {s.projected_hours_load_1m:.2f} h (one writer)"
    )
    if results.orchestration is not None:
        o = results.orchestration
        print(
            f"orchestration: {o.count_articles} articles in batches of {o.batch_size},"
            f" flow {o.flow_seconds:.1f} s vs direct {o.direct_seconds:.1f} s (medians of"
            f" {o.flow_runs_seconds} and {o.direct_runs_seconds})"
            f" → Prefect's share {o.orchestration_share:.1%}"
        )
    print(f"peak RSS of this process: {results.peak_rss_bytes / mib:,.0f} MiB")
    for name, v in results.targets.items():
        print(
            f"target {name}: {v['value']} (target {v['target']}) {'met' if v['met'] else 'MISSED'}"
        )


def markdown_summary(results: dict[str, object]) -> str:
    """The results (as written by ``--json``) as the markdown tables of benchmarks/README.md."""
    corpora = [results["text"], results["html"], results["html_small"]]
    lines = [
        "| stage | plain text | HTML, news-sized pages | HTML, bare sample pages |",
        "|---|--:|--:|--:|",
        *(
            f"| {stage} |" + "".join(f" {c['articles_per_second'][stage]:,.0f} |" for c in corpora)
            for stage in STAGES
        ),
        "| **end to end** |"
        + "".join(f" **{c['end_to_end_articles_per_second']:,.0f}** |" for c in corpora),
        "",
        "| pages | KiB | trafilatura.extract (s) | ours (s) | overhead |",
        "|---|--:|--:|--:|--:|",
        *(
            f"| {t['pages']} ({t['count_pages']}) | {t['mean_page_bytes'] / 1024:.0f} |"
            f" {t['trafilatura_seconds']:.2f} | {t['ours_end_to_end_seconds']:.2f} |"
            f" {t['overhead_vs_trafilatura']:+.0%} |"
            for t in (results["trafilatura"], results["trafilatura_small"])
        ),
        "",
        "| target | measured | target | met |",
        "|---|--:|--:|:-:|",
    ]
    for name, verdict in results["targets"].items():
        lines.append(
            f"| {name} | {verdict['value']:,} | {verdict['target']:,} |"
            f" {'yes' if verdict['met'] else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def run_benchmarks(
    count_text: int,
    count_html: int,
    count_peers: int,
    count_stream: int,
    count_orchestration: int | None,
    workdir: Path,
    batch_size: int,
    count_scale: int = 1_000_000,
) -> Results:
    orchestration = None
    if count_orchestration:
        # first, while the process is as fresh as a run's: the later measurements leave
        # a large heap behind, and the flow, making more objects, pays more for collecting it
        orchestration_paths = write_corpus(
            workdir / "orchestration", count_orchestration, (".txt",)
        )
        orchestration = measure_orchestration(orchestration_paths, workdir, batch_size)
    text_paths = write_corpus(workdir / "text", count_text, (".txt",))
    html_paths = write_corpus(workdir / "html", count_html, (".html", ".htm"), news_pages=True)
    small_paths = write_corpus(workdir / "small", count_html, (".html", ".htm"))
    text = measure_corpus("text", text_paths, workdir, batch_size)
    html = measure_corpus("html", html_paths, workdir, batch_size)
    html_small = measure_corpus("html_small", small_paths, workdir, batch_size)
    quantulum = measure_quantulum(text_paths, count_peers)
    trafilatura = measure_trafilatura("news-sized pages", html_paths, html)
    trafilatura_small = measure_trafilatura("bare sample pages", small_paths, html_small)
    # two batches more than streamed: timed against the warehouse and index grown to 1M
    stream_paths = write_corpus(workdir / "stream", count_stream + 2 * batch_size, (".txt",))
    streaming = measure_streaming(
        stream_paths[:count_stream],
        stream_paths[count_stream:],
        workdir,
        batch_size=batch_size,
        scale=count_scale,
    )
    results = Results(
        machine={
            "python": platform.python_version(),
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
        },
        text=text,
        html=html,
        html_small=html_small,
        quantulum=quantulum,
        trafilatura=trafilatura,
        trafilatura_small=trafilatura_small,
        streaming=streaming,
        orchestration=orchestration,
        peak_rss_bytes=peak_rss_bytes(),
        targets={},
    )
    results.targets = judge(results)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small corpora: a smoke test")
    parser.add_argument("--json", type=Path, help="also write the results here as JSON")
    parser.add_argument("--text", type=int, help="plain-text articles for the stages")
    parser.add_argument("--html", type=int, help="HTML articles for the stages")
    parser.add_argument("--stream", type=int, help="articles streamed for the 1M projection")
    parser.add_argument(
        "--scale", type=int, help="articles the warehouse and index grow to (default 1,000,000)"
    )
    parser.add_argument(
        "--orchestration", type=int, help="articles for the flow-vs-direct run (0: skip)"
    )
    parser.add_argument("--workdir", type=Path, help="keep the corpora and warehouses here")
    parser.add_argument(
        "--batch-size",
        type=int,
        default=Settings().batch_size,
        help="documents per batch (streaming, flow); default: the pipeline's own",
    )
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a target is missed (for CI)"
    )
    parser.add_argument("--markdown", type=Path, help="also write the summary tables here")
    args = parser.parse_args(argv)
    quick = args.quick
    sizes = {
        "count_text": args.text or (200 if quick else 4000),
        "count_html": args.html or (40 if quick else 400),
        "count_peers": 20 if quick else 200,
        "count_stream": args.stream or (1000 if quick else 10_000),
        "count_scale": args.scale or (20_000 if quick else 1_000_000),
        "count_orchestration": (
            args.orchestration if args.orchestration is not None else (0 if quick else 10_000)
        ),
    }
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    try:
        results = run_benchmarks(**sizes, workdir=workdir, batch_size=args.batch_size)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print_results(results)
    if args.json:
        args.json.write_text(json.dumps(asdict(results), indent=2) + "\n", encoding="utf-8")
    if args.markdown:
        args.markdown.write_text(markdown_summary(asdict(results)), encoding="utf-8")
    if args.check and not all(v["met"] for v in results.targets.values()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
