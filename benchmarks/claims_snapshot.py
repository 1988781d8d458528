"""Every claim label of the claim step, dumped, to check that a change to it keeps them all.

Inputs are frozen once (normalised and extracted with the code of the moment), so a later
change to extraction does not move them; the labels are then dumped, one article a line,
every field of every fact after ``label_claims``, ``name_markets`` and ``mark_restatements``::

    uv run python benchmarks/claims_snapshot.py freeze /tmp/claims-inputs.pkl
    uv run python benchmarks/claims_snapshot.py dump /tmp/claims-inputs.pkl /tmp/before.jsonl
    # ... change the claim step ...
    uv run python benchmarks/claims_snapshot.py dump /tmp/claims-inputs.pkl /tmp/after.jsonl
    cmp /tmp/before.jsonl /tmp/after.jsonl

The inputs: the claim benchmark's corpus (``bench_pipeline.write_corpus``, 2,000 plain
texts), ``samples/articles``, the blind claim set's articles and, when present, the
shared seed corpus (``../shared/corpus/seeds``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import pickle
import sys
import tempfile
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

SEEDS = REPO.parent / "shared" / "corpus" / "seeds"


def freeze(out: Path, articles: int) -> None:
    settings = Settings()
    groups: dict[str, list] = {}
    with tempfile.TemporaryDirectory(prefix="newsfacts-claims-snapshot-") as tmp:
        sources = {
            "bench": write_corpus(Path(tmp), articles, (".txt",)),
            "samples": sorted((REPO / "samples" / "articles").iterdir()),
            "blind": sorted((REPO / "samples" / "claims_blind" / "articles").iterdir()),
            "seeds": sorted(SEEDS.iterdir()) if SEEDS.is_dir() else [],
        }
        for name, paths in sources.items():
            raws, errors = read_files(paths, settings)
            if errors:
                raise SystemExit(f"{name}: {errors}")
            normalised = [normalise_document(raw, settings) for raw in raws]
            groups[name] = [(a, extract_article_facts(a)) for a in normalised]
            print(
                f"{name}: {len(normalised)} articles, {sum(len(f) for _, f in groups[name])} facts"
            )
    out.write_bytes(pickle.dumps(groups))


def dump(inputs: Path, out: Path) -> None:
    table = Settings().organisation_table
    groups = pickle.loads(inputs.read_bytes())  # our own file, made by freeze
    with out.open("w", encoding="utf-8") as fh:
        for name, items in groups.items():
            for k, (article, facts) in enumerate(items):
                labelled = label_claims(article, facts, table)
                done = mark_restatements(article.text, name_markets(labelled))
                row = {
                    "group": name,
                    "k": k,
                    "facts": [dataclasses.asdict(f) for f in done],
                }
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    frozen = commands.add_parser("freeze", help="normalise and extract the inputs once")
    frozen.add_argument("out", type=Path)
    frozen.add_argument("--articles", type=int, default=2000)
    dumped = commands.add_parser("dump", help="every claim label of the frozen inputs")
    dumped.add_argument("inputs", type=Path)
    dumped.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.command == "freeze":
        freeze(args.out, args.articles)
    else:
        dump(args.inputs, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
