"""Extraction throughput on the seed articles: newsfacts vs quantulum3, side by side.

Both extractors get exactly the same input, the raw text of each seed article,
whole (quantulum3's usual unit), and are timed over repeated runs after a
warm-up; the table shows the median run, and the ratio is quantulum3's median
time over ours. A second newsfacts row times the real pipeline's way of
calling it (once per paragraph) for reference.

    uv run python benchmarks/bench_extract.py [--seeds DIR] [--repeat N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from newsfacts.extract import extract_facts

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def time_runs(run: Callable[[], int], repeat: int) -> tuple[list[float], int]:
    """Seconds of each of ``repeat`` timed runs (after one warm-up) and the items found."""
    found = run()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - started)
    return seconds, found


def run_newsfacts(texts: Sequence[str]) -> int:
    """Facts newsfacts finds in ``texts`` (each text read whole)."""
    return sum(len(extract_facts(text, "en")) for text in texts)


def run_newsfacts_paragraphs(texts: Sequence[str]) -> int:
    """Facts newsfacts finds when called once per paragraph, as the pipeline does."""
    return sum(len(extract_facts(p, "en")) for text in texts for p in text.split("\n") if p)


def run_quantulum3(texts: Sequence[str]) -> int:
    """Quantities quantulum3 finds in ``texts``."""
    from quantulum3 import parser

    return sum(len(parser.parse(text)) for text in texts)


def benchmark(seeds: Path, repeat: int, repeat_quantulum: int) -> dict:
    """Throughput of each extractor on the articles in ``seeds``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # quantulum3 warns that its classifier is absent
        from quantulum3 import parser  # noqa: F401  (import cost kept out of the timing)
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
    chars = sum(len(t) for t in texts)
    rows = {}
    for name, run, n in (
        ("newsfacts", run_newsfacts, repeat),
        ("newsfacts (per paragraph)", run_newsfacts_paragraphs, repeat),
        ("quantulum3", run_quantulum3, repeat_quantulum),
    ):
        seconds, found = time_runs(lambda run=run: run(texts), n)
        median = statistics.median(seconds)
        rows[name] = {
            "runs": n,
            "median_s": median,
            "min_s": min(seconds),
            "chars_per_s": chars / median,
            "articles_per_s": len(texts) / median,
            "items_found": found,
        }
    ratio = rows["quantulum3"]["median_s"] / rows["newsfacts"]["median_s"]
    return {"articles": len(texts), "chars": chars, "rows": rows, "speedup_vs_quantulum3": ratio}


def print_table(result: dict) -> None:
    """The benchmark as a rich table, and the ratio."""
    from rich.console import Console
    from rich.table import Table

    title = f"Extraction throughput: {result['articles']} seed articles, {result['chars']:,} chars"
    table = Table(title=title)
    for column in ("extractor", "runs", "median ms", "chars/s", "articles/s", "items found"):
        table.add_column(column, justify="left" if column == "extractor" else "right")
    for name, row in result["rows"].items():
        table.add_row(
            name,
            str(row["runs"]),
            f"{row['median_s'] * 1000:.2f}",
            f"{row['chars_per_s']:,.0f}",
            f"{row['articles_per_s']:,.1f}",
            str(row["items_found"]),
        )
    console = Console()
    console.print(table)
    console.print(
        f"newsfacts is [bold]{result['speedup_vs_quantulum3']:.0f}×[/] quantulum3's throughput"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print the table, optionally write JSON."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of .txt articles")
    ap.add_argument("--repeat", type=int, default=50, help="timed runs of newsfacts")
    ap.add_argument("--repeat-quantulum", type=int, default=5, help="timed runs of quantulum3")
    ap.add_argument("--json", type=Path, default=None, help="write the result here")
    args = ap.parse_args(argv)
    result = benchmark(args.seeds, args.repeat, args.repeat_quantulum)
    print_table(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
