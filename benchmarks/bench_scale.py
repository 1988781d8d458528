"""Scale-out figures: web archives, the relevance prefilter, Dask workers, DuckLake writers.

Builds a synthetic CC-NEWS-style set of WARC.gz files (news pages with a site's chrome;
about 5 % of them about AI computing, the rest sport, politics, weather, food in
English, Chinese and Vietnamese) and measures, printing one figure a line (``--json
FILE`` writes them):

* **WARC reading**: FastWARC (``newsfacts.warc.read_warc``) against warcio reading the
  same HTML bodies, records/s in CPU time of this process;
* **prefilter**: CPU time per page skipped off-topic (read, decode, keyword test) against
  per page processed (read, normalise, extract), and pages/s per core end to end
  (read + extraction of what passes) with and without the prefilter;
* **Dask**: the same extraction batches on a LocalCluster of 1 and of 2 worker processes
  (wall time, after a warm-up; the machine's load average is printed with it);
* **DuckLake writers**: 1 process against 4 loading the same number of validated batches
  into a DuckLake cataloged in a PostgreSQL server on loopback (``warehouse.pgserver``),
  rows/s over the load phase only (each writer extracts its batches first, then all
  start loading together).

    uv run python benchmarks/bench_scale.py                    # ~5 minutes on 2 idle cores
    uv run python benchmarks/bench_scale.py --pages 400 --quick
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.news_page import news_page  # noqa: E402
from newsfacts.model import RawDocument  # noqa: E402
from newsfacts.relevance import Relevance  # noqa: E402
from newsfacts.settings import SAMPLE_CORPUS, Settings  # noqa: E402
from newsfacts.warc import read_warc  # noqa: E402

ON_TOPIC_SHARE = 0.05

_OFF_TOPIC = {
    "en": (
        "match goal striker coach season league fans penalty referee stadium minister vote"
        " election parliament budget rain storm forecast weekend recipe oven butter garlic"
        " festival concert album tour museum traffic bridge school teachers hospital"
    ),
    "zh": "比赛 球队 进球 教练 赛季 球迷 选举 议会 预算 天气 降雨 台风 周末 菜谱 黄油 音乐会 专辑 博物馆 交通 学校 医院 春节 旅游",  # noqa: E501
    "vi": "trận đấu đội bóng bàn thắng huấn luyện viên mùa giải cổ động viên bầu cử quốc hội ngân sách thời tiết mưa bão cuối tuần món ăn lễ hội ca sĩ bảo tàng giao thông trường học bệnh viện",  # noqa: E501
}
_SPACE = {"en": " ", "zh": "", "vi": " "}


def off_topic_page(i: int) -> bytes:
    """A general-news page (about 20-40 KB with its chrome) naming no keyword."""
    rng = random.Random(i)
    lang = ("en", "zh", "vi")[i % 3]
    words, space = _OFF_TOPIC[lang].split(), _SPACE[lang]

    def sentence(n: int) -> str:
        return space.join(rng.choice(words) for _ in range(n)) + ("。" if lang == "zh" else ".")

    nav = "".join(
        f"<li><a href='/s/{rng.randrange(10**6)}'>{sentence(3)}</a></li>" for _ in range(120)
    )
    paragraphs = "".join(
        f"<p>{sentence(rng.randint(18, 40))}</p>" for _ in range(rng.randint(6, 14))
    )
    scripts = "".join(
        f"<script>window.__cfg{k}={{'id':{rng.randrange(10**9)},'slot':'top-{k}'}};</script>"
        for k in range(30)
    )
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{sentence(6)}</title>{scripts}</head><body><nav><ul>{nav}</ul></nav>"
        f"<article><h1>{sentence(8)}</h1>{paragraphs}</article>"
        f"<footer><ul>{nav}</ul></footer></body></html>"
    ).encode()


def on_topic_pages() -> list[bytes]:
    """The sample articles as HTML pages (the text ones wrapped in paragraphs)."""
    pages = []
    for path in sorted(SAMPLE_CORPUS.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".html":
            pages.append(data)
        elif path.suffix == ".txt":
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            body = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
            head = "<html><head><meta charset='utf-8'></head>"
            pages.append(f"{head}<body><article>{body}</article></body></html>".encode())
    return pages


def write_archives(folder: Path, pages: int, files: int) -> tuple[list[Path], int]:
    """``files`` WARC.gz files of ``pages`` HTML responses in all; returns them and the
    number of on-topic pages (every 20th page, so about 5 %)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    samples = on_topic_pages()
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"CC-NEWS-2026{k:04d}.warc.gz" for k in range(files)]
    outs = [p.open("wb") for p in paths]
    writers = [WARCWriter(out, gzip=True) for out in outs]
    on_topic = 0
    step = round(1 / ON_TOPIC_SHARE)
    for i in range(pages):
        if i % step == step - 1:
            body = news_page(samples[on_topic % len(samples)], i)
            on_topic += 1
        else:
            body = off_topic_page(i)
        writer = writers[i % files]
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        url = f"https://site{i % 97}.example.com/{i}.html"
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    for out in outs:
        out.close()
    return paths, on_topic


def cpu(function: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    result = function()
    return time.process_time() - started, result


def read_all(paths: list[Path], relevance: Relevance | None) -> tuple[list[RawDocument], int]:
    raws, skipped = [], 0
    for path in paths:
        chunk = read_warc(path, relevance=relevance)
        raws += chunk.raws
        skipped += chunk.skipped_offtopic
    return raws, skipped


def read_warcio(paths: list[Path]) -> int:
    """The HTML bodies through warcio (its own decoding), as newsfacts read them before."""
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response" and record.http_headers is not None:
                    record.content_stream().read()
                    count += 1
    return count


def read_fastwarc(paths: list[Path]) -> int:
    """The HTML bodies through FastWARC alone (no decoding, hashing or documents)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    for path in paths:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream, record_types=WarcRecordType.response):
                record.reader.read()
                count += 1
    return count


def process(raws: list[RawDocument], settings: Settings, size: int = 50) -> int:
    from newsfacts.pipeline import process_documents

    articles = 0
    for start in range(0, len(raws), size):
        articles += len(process_documents(raws[start : start + size], settings).articles)
    return articles


def measure_warc_and_prefilter(paths: list[Path], pages: int, on_topic: int) -> dict:
    settings = Settings()
    process(read_all(paths[:1], None)[0][:5], settings)  # warm-up: models, imports
    warcio_s, warcio_count = cpu(lambda: read_warcio(paths))
    fastwarc_s, fastwarc_count = cpu(lambda: read_fastwarc(paths))
    read_s, (everything, _) = cpu(lambda: read_all(paths, None))
    filter_s, (kept, skipped) = cpu(lambda: read_all(paths, Relevance()))
    assert len(everything) == warcio_count == pages and skipped == pages - len(kept)
    kept_s, _ = cpu(lambda: process(kept, settings))
    off = [r for r in everything if r.content_hash not in {k.content_hash for k in kept}]
    off_s, _ = cpu(lambda: process(off, settings))
    per_read = read_s / pages
    per_skipped = filter_s / pages  # read, decode and the keyword test, for every page
    per_processed = per_read + (kept_s + off_s) / pages  # read, normalise, extract
    return {
        "pages": pages,
        "on_topic_pages": on_topic,
        "kept_by_prefilter": len(kept),
        "skipped_offtopic": skipped,
        "warcio_records_per_cpu_second": warcio_count / warcio_s,
        "fastwarc_records_per_cpu_second": fastwarc_count / fastwarc_s,
        "fastwarc_speedup_vs_warcio": (fastwarc_count / fastwarc_s) / (warcio_count / warcio_s),
        "read_warc_records_per_cpu_second": pages / read_s,
        "cpu_ms_per_skipped_page": 1000 * per_skipped,
        "cpu_ms_per_processed_page": 1000 * per_processed,
        "skip_speedup": per_processed / per_skipped,
        "pages_per_core_second_without_prefilter": pages / (read_s + kept_s + off_s),
        "pages_per_core_second_with_prefilter": pages / (filter_s + kept_s),
    }


def _extract_batch(raws: list[RawDocument]) -> int:
    from newsfacts.pipeline import process_documents

    return len(process_documents(raws, Settings()).articles)


def measure_dask(raws: list[RawDocument], batch: int) -> dict:
    from distributed import Client, LocalCluster

    batches = [raws[i : i + batch] for i in range(0, len(raws), batch)]
    seconds = {}
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            # every worker warms up (lingua's models, the tables): a map of two batches
            # may put both on one worker and leave the other's start in the timing
            client.run(_extract_batch, batches[0])
            started = time.perf_counter()
            client.gather(client.map(_extract_batch, batches, pure=False))
            seconds[workers] = time.perf_counter() - started
    return {
        "dask_batches": len(batches),
        "dask_documents": len(raws),
        "dask_seconds_1_worker": seconds[1],
        "dask_seconds_2_workers": seconds[2],
        "dask_speedup_2_vs_1": seconds[1] / seconds[2],
    }


def _writer(lake: str, raws: list[RawDocument], batch: int, barrier, results) -> None:
    """Extract ``raws`` in batches, wait for the others, then time loading them."""
    import uuid

    from flows.batch import settle
    from newsfacts.pipeline import process_documents
    from warehouse.db import connect, migrate
    from warehouse.load import LoadCounts

    settings = Settings(warehouse=lake).with_dq()
    transformed = [
        process_documents(raws[i : i + batch], settings) for i in range(0, len(raws), batch)
    ]
    con = connect(lake)
    migrate(con)
    barrier.wait()
    started = time.time()
    counts = LoadCounts()
    for item in transformed:
        counts = counts + settle(item, settings, con, uuid.uuid4().hex[:16]).counts
    finished = time.time()
    con.close()
    rows = sum(getattr(counts, f) for f in counts.__dataclass_fields__)
    results.put((started, finished, rows))


def measure_writers(raws: list[RawDocument], batch: int) -> dict:
    from warehouse import pgserver
    from warehouse.db import connect, migrate

    root = Path(tempfile.mkdtemp(prefix="newsfacts-bench-pg-", dir="/tmp"))
    server = pgserver.start(root)
    context = multiprocessing.get_context("spawn")
    figures = {}
    try:
        for writers in (1, 4):
            dbname = f"bench_{writers}"
            server.createdb(dbname)
            lake = server.lake(dbname, f"{root}/data-{writers}/")
            con = connect(lake)
            migrate(con)  # made once, so the writers time their loads only
            con.close()
            barrier, results = context.Barrier(writers), context.Queue()
            shares = [raws[k::writers] for k in range(writers)]
            processes = [
                context.Process(target=_writer, args=(lake, share, batch, barrier, results))
                for share in shares
            ]
            for process in processes:
                process.start()
            spans = [results.get(timeout=1800) for _ in processes]
            for process in processes:
                process.join()
            seconds = max(end for _, end, _ in spans) - min(start for start, _, _ in spans)
            rows = sum(r for *_, r in spans)
            figures[f"writers_{writers}_load_seconds"] = seconds
            figures[f"writers_{writers}_rows"] = rows
            figures[f"writers_{writers}_rows_per_second"] = rows / seconds
    finally:
        pgserver.stop(root)
        shutil.rmtree(root, ignore_errors=True)
    figures["writers_4_vs_1"] = (
        figures["writers_4_rows_per_second"] / figures["writers_1_rows_per_second"]
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000, help="pages in the archives")
    parser.add_argument("--files", type=int, default=4, help="WARC.gz files")
    parser.add_argument("--dask-pages", type=int, default=240, help="pages for the Dask figure")
    parser.add_argument("--writer-pages", type=int, default=240, help="pages for the writers")
    parser.add_argument("--batch-size", type=int, default=20)
    parser.add_argument("--quick", action="store_true", help="skip the Dask and writer figures")
    parser.add_argument(
        "--only", choices=("dask", "writers"), help="measure only the Dask or the writers figure"
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--workdir", type=Path, help="keep the archives here")
    args = parser.parse_args(argv)

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="newsfacts-bench-scale-"))
    paths, on_topic = write_archives(workdir / "warc", args.pages, args.files)
    figures = {"load_average_before": os.getloadavg(), "cores": os.cpu_count()}
    if args.only is None:
        figures |= measure_warc_and_prefilter(paths, args.pages, on_topic)
    if not args.quick:
        everything = read_all(paths, None)[0]
        if args.only in (None, "dask"):
            figures |= measure_dask(everything[: args.dask_pages], args.batch_size)
        if args.only in (None, "writers"):
            figures |= measure_writers(everything[: args.writer_pages], args.batch_size)
    figures["load_average_after"] = os.getloadavg()
    for name, value in figures.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        print(f"{name}: {shown}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
