"""Cost of the language stage per paragraph, with a warm detector.

Usage:
    uv run python benchmarks/bench_language.py [--rounds 30] [--json OUT] [--check]

The paragraphs are those of the seed articles (../shared/corpus/seeds) and the
bundled samples (samples/articles), as normalisation leaves them. After one
warm-up pass (lingua loads its models lazily), each round runs

- ``detect``: ``detect_language`` on every paragraph, and
- ``stage``: the whole language stage per article (``with_languages``,
  ``language_shares``, ``article_language``, ``translation_evidence``),

and the median round is reported in milliseconds per paragraph. ``--check``
exits 1 when the stage costs more than ``--target-ms`` (0.2 ms by default).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from newsfacts.model import Article
from newsfacts.normalise import normalise_document
from newsfacts.normalise.language import (
    article_language,
    detect_language,
    language_detector,
    language_shares,
    translation_evidence,
    with_languages,
)
from newsfacts.read import iter_source_files, read_file
from newsfacts.settings import SAMPLE_CORPUS, Settings

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds"


def load_articles(settings: Settings) -> list[Article]:
    paths = [p for p in (SEEDS, SAMPLE_CORPUS) if p.exists()]
    return [normalise_document(read_file(p), settings) for p in iter_source_files(paths)]


def language_stage(article: Article, languages: tuple[str, ...]) -> None:
    paragraphs = with_languages(article.text, article.paragraphs, languages)
    lang, _ = article_language(language_shares(article.text, paragraphs))
    translation_evidence(article.text, paragraphs, lang, languages)


def median_ms_per_item(run: Callable[[], None], items: int, rounds: int) -> tuple[float, float]:
    """Median and best milliseconds per item over ``rounds`` runs."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000 / items)
    return statistics.median(times), min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--target-ms", type=float, default=0.2)
    parser.add_argument("--check", action="store_true", help="exit 1 above --target-ms")
    args = parser.parse_args(argv)

    settings = Settings()
    languages = settings.languages
    articles = load_articles(settings)
    texts = [a.text[p.start : p.end] for a in articles for p in a.paragraphs]
    if not texts:
        print("no paragraphs found", file=sys.stderr)
        return 2

    def detect_all() -> None:
        for text in texts:
            detect_language(text, languages)

    def stage_all() -> None:
        for article in articles:
            language_stage(article, languages)

    language_detector(languages)
    detect_all()  # warm-up: lingua loads its language models on first use
    stage_all()
    detect_median, detect_best = median_ms_per_item(detect_all, len(texts), args.rounds)
    stage_median, stage_best = median_ms_per_item(stage_all, len(texts), args.rounds)

    result = {
        "articles": len(articles),
        "paragraphs": len(texts),
        "mean_paragraph_chars": round(sum(map(len, texts)) / len(texts), 1),
        "languages": list(languages),
        "rounds": args.rounds,
        "detect_ms_per_paragraph": round(detect_median, 4),
        "detect_ms_per_paragraph_best": round(detect_best, 4),
        "stage_ms_per_paragraph": round(stage_median, 4),
        "stage_ms_per_paragraph_best": round(stage_best, 4),
        "target_ms_per_paragraph": args.target_ms,
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(
        f"{result['paragraphs']} paragraphs from {result['articles']} articles "
        f"(mean {result['mean_paragraph_chars']} chars), languages {','.join(languages)}, "
        f"{args.rounds} rounds"
    )
    print(f"  detect_language   {detect_median:.4f} ms/paragraph (best {detect_best:.4f})")
    print(f"  language stage    {stage_median:.4f} ms/paragraph (best {stage_best:.4f})")
    print(f"  target            {args.target_ms:.4f} ms/paragraph")
    if args.json is not None:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if args.check and stage_median > args.target_ms:
        print("over target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
