"""The claim step's cost per article, on the benchmark's plain-text corpus.

The corpus is ``bench_pipeline``'s (articles mixed from the samples' paragraphs, no
two alike), normalised and extracted once, untimed; then ``label_claims`` (and the
markets and restatements that follow it in the pipeline) runs over every article,
``--repeat`` times after a warm-up. CPU time of this process is measured, so
another process on the machine slows the figure less than a wall clock would; the
best run is reported (the least disturbed), with the median beside it.

    uv run python benchmarks/bench_claims.py [--articles N] [--repeat N] [--json OUT]

It also splits the cost in two, by timing the step on each article's first fact
alone: what an article costs whatever its facts (its names, places and trigger
words found, its sentences split: the fixed part) and what each fact adds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.bench_pipeline import write_corpus  # noqa: E402
from newsfacts.claims import label_claims  # noqa: E402
from newsfacts.claims.markets import name_markets  # noqa: E402
from newsfacts.normalise import normalise_document  # noqa: E402
from newsfacts.pipeline import extract_article_facts, read_files  # noqa: E402
from newsfacts.settings import Settings  # noqa: E402
from newsfacts.totals import mark_restatements  # noqa: E402

TARGET_MS_PER_ARTICLE = 0.3  # issue "Claims": at most


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    settings = Settings()
    with tempfile.TemporaryDirectory(prefix="newsfacts-bench-claims-") as tmp:
        paths = write_corpus(Path(tmp), args.articles, (".txt",))
        raws, _ = read_files(paths, settings)
        articles = [normalise_document(raw, settings) for raw in raws]
    facts = [extract_article_facts(article) for article in articles]
    table = settings.organisation_table

    def claim_step(first: int | None = None) -> None:
        for article, found in zip(articles, facts, strict=True):
            some = found[:first]
            mark_restatements(article.text, name_markets(label_claims(article, some, table)))

    def timed(first: int | None = None) -> list[float]:
        runs = []
        for _ in range(args.repeat):
            started = time.process_time()
            claim_step(first)
            runs.append(time.process_time() - started)
        return runs

    claim_step()  # warm-up: the name finder and trigger tables are built once per process
    runs = timed()
    one = min(timed(1))
    count = len(articles)
    best = min(runs) / count * 1000
    median = statistics.median(runs) / count * 1000
    with_facts = sum(1 for found in facts if found)
    per_fact = (min(runs) - one) / max(1, sum(map(len, facts)) - with_facts) * 1000
    fixed = one / max(1, with_facts) * 1000 - per_fact
    result = {
        "articles": count,
        "facts": sum(map(len, facts)),
        "articles_with_facts": with_facts,
        "ms_per_article_best": round(best, 3),
        "ms_per_article_median": round(median, 3),
        "articles_per_second_best": round(1000 / best, 1),
        "ms_fixed_per_article": round(fixed, 3),
        "ms_per_fact": round(per_fact, 3),
        "target_ms_per_article": TARGET_MS_PER_ARTICLE,
        "met": best <= TARGET_MS_PER_ARTICLE,
    }
    print(
        f"claim step: {count} articles, {result['facts']} facts: {best:.3f} ms an article "
        f"(median {median:.3f}; {result['articles_per_second_best']:,.0f} articles/s), "
        f"target ≤ {TARGET_MS_PER_ARTICLE} ms: {'met' if result['met'] else 'MISSED'}\n"
        f"  of which {fixed:.3f} ms an article whatever its facts, and {per_fact:.3f} ms a fact"
    )
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
