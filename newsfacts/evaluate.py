"""Scoring the extractor against gold facts and peer test suites.

Two modes, one scorer:

* **gold** (``evaluate_gold``): a gold JSONL in ``shared/gold/FORMAT.md`` format
  and the documents it names, run through the pipeline's own stages (read,
  normalise, extract per paragraph in its language, bylines and boilerplate
  skipped), so scores are those of the facts the pipeline extracts, before the
  contracts quarantine any. Every kind is scored.
* **suite** (``evaluate_suite``): a peer suite in ``shared/peer-suites`` format,
  each case's ``input`` fed to ``extract_facts`` with the case's ``lang``.

Matching is the reference scorer's (``shared/tools/score_suite.py``): a maximum
one-to-one matching per case (document), where a prediction matches an expected
item when ``kind`` and ``unit`` agree (unit case-insensitively) and ``value``
and ``value_high`` are within 0.5% relative (``None`` matches only ``None``);
where several matchings are as large, pairs with the same text are tried first,
so the scores are the same and the errors name the item really missed. In a
suite only the kinds the case's model annotates are scored (currency -> money,
percent -> percent, anything else -> all three).

Quarantined facts: in gold mode they are predictions with ``value=None``, so
they match exactly the ``reject: true`` gold items of the same kind and unit,
and a quarantined fact no gold item rejects counts against precision. Peer
suites label no broken mentions, so in suite mode only valid facts are
predictions.

``python -m newsfacts.evaluate --update-floors`` re-measures every peer suite and
the seed gold and rewrites the pinned floors the tests hold the extractor to.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from newsfacts.extract import extract_facts
from newsfacts.model import FACT_KINDS, Fact

if TYPE_CHECKING:
    from newsfacts.pipeline import Batch
    from newsfacts.settings import Settings

MODEL_KINDS: dict[str, frozenset[str]] = {
    "currency": frozenset({"money"}),
    "percent": frozenset({"percent"}),
}
ALL_KINDS = frozenset(FACT_KINDS)
DEFAULT_TOLERANCE = 0.005

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
DEFAULT_FLOORS = REPO / "tests" / "floors" / "extract_floors.json"
SAMPLE_GOLD = REPO / "samples" / "gold.jsonl"  # the samples' facts, labelled here


# ------------------------------------------------------------------ matching


def values_close(a: float | None, b: float | None, tol: float = DEFAULT_TOLERANCE) -> bool:
    """True when both are None, or both are numbers within ``tol`` relative difference."""
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    if a == b:
        return True
    return abs(a - b) <= tol * max(abs(a), abs(b))


def items_match(expected: dict, predicted: dict, tol: float = DEFAULT_TOLERANCE) -> bool:
    """True when a predicted item matches an expected one (kind, unit, value, value_high)."""
    if expected.get("kind") != predicted.get("kind"):
        return False
    eu, pu = expected.get("unit"), predicted.get("unit")
    if eu is None or pu is None or str(eu).strip().upper() != str(pu).strip().upper():
        return False
    return values_close(expected.get("value"), predicted.get("value"), tol) and values_close(
        expected.get("value_high"), predicted.get("value_high"), tol
    )


def match_items(
    expected: Sequence[dict], predicted: Sequence[dict], tol: float = DEFAULT_TOLERANCE
) -> dict[int, int]:
    """Maximum one-to-one matching as ``{expected index: predicted index}``.

    Among equally large matchings, pairs with the same surface text are preferred,
    so error reports name the item that was really missed.
    """
    adjacent = [
        sorted(
            (j for j, p in enumerate(predicted) if items_match(e, p, tol)),
            key=lambda j, e=e: predicted[j].get("text") != e.get("text"),
        )
        for e in expected
    ]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in adjacent[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    texts = {p.get("text") for p in predicted}
    for i in sorted(range(len(expected)), key=lambda i: expected[i].get("text") not in texts):
        augment(i, set())
    return {i: j for j, i in owner.items()}


# ------------------------------------------------------------------ scores


@dataclass(slots=True)
class Counts:
    """True positives, predictions and expected items: precision, recall and F1."""

    tp: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        if self.predicted:
            return self.tp / self.predicted
        return 1.0 if self.expected == 0 else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: int, predicted: int, expected: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.expected += expected

    def as_dict(self) -> dict[str, float | int]:
        return {
            "expected": self.expected,
            "predicted": self.predicted,
            "tp": self.tp,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class CaseError:
    """A case (or document) whose predictions were not exactly right."""

    case_id: str
    missed: list[dict]
    spurious: list[dict]
    text: str = ""


@dataclass(slots=True)
class Evaluation:
    """Scores of one gold file or suite: overall, per kind, and the failing cases."""

    name: str
    cases: int = 0
    exact_cases: int = 0
    overall: Counts = field(default_factory=Counts)
    per_kind: dict[str, Counts] = field(default_factory=dict)
    errors: list[CaseError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def f1(self) -> float:
        return self.overall.f1

    def as_dict(self, n_errors: int | None = None) -> dict:
        """A JSON-ready summary (up to ``n_errors`` failing cases; all when None)."""
        errors = self.errors if n_errors is None else self.errors[:n_errors]
        return {
            "name": self.name,
            "cases": self.cases,
            "exact_case_acc": round(self.exact_cases / self.cases, 4) if self.cases else None,
            **self.overall.as_dict(),
            "per_kind": {k: c.as_dict() for k, c in sorted(self.per_kind.items())},
            "errors": [
                {"id": e.case_id, "text": e.text, "missed": e.missed, "spurious": e.spurious}
                for e in errors
            ],
        }


def fact_item(fact: Fact) -> dict:
    """The scorer's view of a fact."""
    return {
        "kind": fact.kind,
        "text": fact.text,
        "value": fact.value,
        "value_high": fact.value_high,
        "unit": fact.unit,
        "status": fact.status,
    }


def score_case(
    evaluation: Evaluation,
    case_id: str,
    expected: Sequence[dict],
    predicted: Sequence[dict],
    kinds: Iterable[str],
    text: str = "",
    tol: float = DEFAULT_TOLERANCE,
) -> None:
    """Add one case's matching to ``evaluation`` (only ``kinds`` are scored)."""
    kinds = set(kinds)
    exp = [e for e in expected if e.get("kind") in kinds]
    pred = [p for p in predicted if p.get("kind") in kinds]
    matched = match_items(exp, pred, tol)
    evaluation.cases += 1
    evaluation.overall.add(len(matched), len(pred), len(exp))
    for kind in kinds:
        counts = evaluation.per_kind.setdefault(kind, Counts())
        counts.add(
            sum(1 for i in matched if exp[i]["kind"] == kind),
            sum(1 for p in pred if p["kind"] == kind),
            sum(1 for e in exp if e["kind"] == kind),
        )
    if len(matched) == len(exp) == len(pred):
        evaluation.exact_cases += 1
    else:
        used = set(matched.values())
        evaluation.errors.append(
            CaseError(
                case_id,
                [exp[i] for i in range(len(exp)) if i not in matched],
                [pred[j] for j in range(len(pred)) if j not in used],
                text[:300],
            )
        )


# ------------------------------------------------------------------ loading


def load_jsonl(path: Path) -> list[dict]:
    """The JSON objects of a JSONL file, one per non-blank line."""
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    """Write ``rows`` as JSONL (UTF-8, one object per line)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def gold_item(row: dict) -> dict:
    """The scorer's view of a gold row: a reject row expects a quarantined fact."""
    reject = bool(row.get("reject"))
    return {
        "kind": row["kind"],
        "text": row.get("text"),
        "value": None if reject else row.get("value"),
        "value_high": None if reject else row.get("value_high"),
        "unit": row.get("unit"),
    }


def find_documents(gold_path: Path, names: Iterable[str], docs: Sequence[Path] = ()) -> dict:
    """``{doc name: path}`` for the documents a gold file names.

    Explicit ``docs`` (files or folders) win; otherwise the gold's own folder,
    ``../corpus/seeds`` and ``../corpus`` beside it, and its ``articles/``
    subfolder are searched, in that order.
    """
    wanted = set(names)
    found: dict[str, Path] = {}
    candidates: list[Path] = []
    for d in docs:
        candidates.extend(sorted(d.iterdir()) if d.is_dir() else [d])
    if not docs:
        base = gold_path.resolve().parent
        for folder in (
            base,
            base.parent / "corpus" / "seeds",
            base.parent / "corpus",
            base / "articles",
        ):
            if folder.is_dir():
                candidates.extend(sorted(folder.iterdir()))
    for path in candidates:
        if path.name in wanted and path.name not in found and path.is_file():
            found[path.name] = path
    return found


# ------------------------------------------------------------------ evaluating


def facts_by_name(batch: Batch) -> dict[str, list[Fact]]:
    """A processed batch's facts by the file name of the document they came from."""
    by_hash = {raw.content_hash: Path(raw.source_uri).name for raw in batch.raws}
    return {by_hash[a.content_hash]: batch.facts[a.article_id] for a in batch.articles}


def evaluate_gold(
    gold_path: Path,
    docs: Sequence[Path] = (),
    tol: float = DEFAULT_TOLERANCE,
    settings: Settings | None = None,
) -> Evaluation:
    """Score the pipeline's facts for the documents of ``gold_path`` against it.

    Without ``docs`` the documents are the ones the gold names; with ``docs``
    every given file is scored, so facts found in a document the gold holds no
    fact for count as false positives.
    """
    from newsfacts.pipeline import process_documents  # polars: only for gold
    from newsfacts.settings import Settings

    settings = settings if settings is not None else Settings()
    rows = load_jsonl(gold_path)
    names = list(dict.fromkeys(r["doc"] for r in rows))
    paths = find_documents(gold_path, names, docs)
    # explicit documents are all scored, also those the gold names no fact in
    for d in docs:
        for path in sorted(d.iterdir()) if d.is_dir() else [d]:
            if path.is_file() and path.name not in paths:
                paths[path.name] = path
                names.append(path.name)
    missing = [n for n in names if n not in paths]
    if missing:
        raise FileNotFoundError(f"documents named in {gold_path} not found: {', '.join(missing)}")
    started = time.perf_counter()
    # the first half of the batch path (``flows.batch``): its one loop over documents
    batch = process_documents([paths[n] for n in names], settings)
    if batch.errors:
        raise RuntimeError(f"cannot process: {[(e.source_uri, e.error) for e in batch.errors]}")
    facts_by_doc = facts_by_name(batch)
    evaluation = Evaluation(gold_path.name)
    for name in names:
        expected = [gold_item(r) for r in rows if r["doc"] == name]
        predicted = [fact_item(f) for f in facts_by_doc.get(name, [])]
        score_case(evaluation, name, expected, predicted, ALL_KINDS, tol=tol)
    evaluation.seconds = time.perf_counter() - started
    return evaluation


CLAIM_GOLD = REPO / "samples" / "claims"
# written and labelled by someone who had not read the rules (samples/claims_blind/README.md)
CLAIM_BLIND_GOLD = REPO / "samples" / "claims_blind"
CLAIM_LANGS: tuple[str, ...] = ("en", "zh", "vi")


@dataclass
class ClaimScores:
    """Claim labels of one language's gold mentions against the pipeline's facts.

    A gold row is matched to the fact with its text at the same occurrence in its
    document; measure, country and period accuracy are over matched rows; an
    organisation prediction is a non-null organisation, right when it equals the gold's.
    ``claim_accuracy`` counts the rows whose measure and organisation (null included)
    are both right: what a number is and whose it is, the analysts' whole question.
    """

    lang: str
    rows: int = 0
    matched: int = 0
    measure_right: int = 0
    country_right: int = 0
    period_right: int = 0
    org_predicted: int = 0
    org_expected: int = 0
    org_right: int = 0
    claim_right: int = 0
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int | str]:
        def ratio(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        precision = ratio(self.org_right, self.org_predicted)
        recall = ratio(self.org_right, self.org_expected)
        f1 = round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0
        return {
            "lang": self.lang,
            "rows": self.rows,
            "matched": self.matched,
            "measure_accuracy": ratio(self.measure_right, self.matched),
            "organisation_precision": precision,
            "organisation_recall": recall,
            "organisation_f1": f1,
            "country_accuracy": ratio(self.country_right, self.matched),
            "period_accuracy": ratio(self.period_right, self.matched),
            "claim_accuracy": ratio(self.claim_right, self.matched),
        }


def evaluate_claims(
    lang: str, gold: Path = CLAIM_GOLD, settings: Settings | None = None
) -> ClaimScores:
    """Score the claim labels on ``claims_<lang>.jsonl`` and ``claims_existing_<lang>.jsonl``.

    The first labels ``gold/articles``, the second the bundled ``samples/articles``.
    """
    from newsfacts.pipeline import process_documents  # polars: only for gold
    from newsfacts.settings import Settings

    rows: list[tuple[Path, dict]] = []
    for name, folder in (
        (f"claims_{lang}.jsonl", gold / "articles"),
        (f"claims_existing_{lang}.jsonl", gold.parent / "articles"),
    ):
        if (gold / name).exists():
            rows.extend((folder / r["doc"], r) for r in load_jsonl(gold / name))
    paths = list(dict.fromkeys(path for path, _ in rows))
    settings = settings if settings is not None else Settings()
    table = settings.organisation_table
    batch = process_documents(paths, settings)
    facts = facts_by_name(batch)
    scores = ClaimScores(lang)
    for path, row in rows:
        scores.rows += 1
        scores.org_expected += row["organisation"] is not None
        same = [f for f in facts.get(path.name, []) if f.text == row["text"]]
        occurrence = row.get("occurrence") or 1
        if len(same) < occurrence:
            scores.errors.append({"doc": row["doc"], "text": row["text"], "field": "unmatched"})
            continue
        got = same[occurrence - 1]
        scores.matched += 1
        # a gold name the organisations table knows is its canonical name ("Quanta Computer"
        # and "Quanta" are one organisation)
        if row["organisation"] is not None:
            row = {
                **row,
                "organisation": table.canonical(row["organisation"]) or row["organisation"],
            }
        scores.measure_right += got.measure == row["measure"]
        scores.country_right += got.country == row["country"]
        scores.period_right += got.period == row["period"]
        scores.org_predicted += got.organisation is not None
        scores.org_right += got.organisation is not None and got.organisation == row["organisation"]
        scores.claim_right += (got.measure, got.organisation) == (
            row["measure"],
            row["organisation"],
        )
        for label in ("measure", "organisation", "country", "period"):
            if getattr(got, label) != row[label]:
                scores.errors.append(
                    {
                        "doc": row["doc"],
                        "text": row["text"],
                        "field": label,
                        "gold": row[label],
                        "predicted": getattr(got, label),
                        "evidence": getattr(got, f"{label}_evidence"),
                        "sentence": got.sentence,
                    }
                )
    return scores


def predict_suite(cases: Sequence[dict]) -> list[dict]:
    """Prediction lines (``{"id", "predicted"}``) for suite cases: valid facts only."""
    lines = []
    for case in cases:
        facts = extract_facts(case["input"], case.get("lang") or "en")
        lines.append(
            {
                "id": case["id"],
                "predicted": [fact_item(f) for f in facts if f.status == "valid"],
            }
        )
    return lines


def evaluate_suite(
    suite_path: Path, tol: float = DEFAULT_TOLERANCE, predictions_out: Path | None = None
) -> Evaluation:
    """Score ``extract_facts`` on every case of a peer suite.

    With ``predictions_out`` the predictions are also written there, one
    ``{"id", "predicted"}`` line per case, for ``shared/tools/score_suite.py``.
    """
    cases = load_jsonl(suite_path)
    started = time.perf_counter()
    predictions = predict_suite(cases)
    seconds = time.perf_counter() - started
    if predictions_out is not None:
        write_jsonl(predictions_out, predictions)
    evaluation = Evaluation(f"{suite_path.parent.name}/{suite_path.name}", seconds=seconds)
    for case, line in zip(cases, predictions, strict=True):
        kinds = MODEL_KINDS.get(case.get("model", ""), ALL_KINDS)
        score_case(
            evaluation,
            case["id"],
            case.get("expected", []),
            line["predicted"],
            kinds,
            case["input"],
            tol,
        )
    return evaluation


def suite_files(shared: Path = DEFAULT_SHARED) -> list[Path]:
    """Every peer-suite JSONL under ``shared/peer-suites``."""
    return sorted((shared / "peer-suites").glob("*/*.jsonl"))


# ------------------------------------------------------------------ floors


def floor_of(value: float) -> float:
    """``value`` rounded down to 4 decimals (a floor a re-measurement always meets)."""
    return math.floor(value * 10000 + 1e-9) / 10000


def measure_floors(shared: Path = DEFAULT_SHARED) -> dict:
    """Current F1 (overall and per kind) on every peer suite, the seed gold and the sample
    gold, and the claim metrics per language on the claim gold (``samples/claims``)."""
    floors: dict = {"suites": {}, "gold": {}}
    for path in suite_files(shared):
        ev = evaluate_suite(path)
        floors["suites"][ev.name] = {
            "f1": floor_of(ev.f1),
            "per_kind": {k: floor_of(c.f1) for k, c in sorted(ev.per_kind.items())},
        }
    # the seed gold (beside the repository) and the project's own gold on its samples
    for gold in (shared / "gold" / "seed_facts.jsonl", SAMPLE_GOLD):
        if gold.exists():
            ev = evaluate_gold(gold)
            floors["gold"][gold.name] = {
                "f1": floor_of(ev.f1),
                "per_kind": {k: floor_of(c.f1) for k, c in sorted(ev.per_kind.items())},
            }
    floors["claims"] = {lang: claim_floors(evaluate_claims(lang)) for lang in CLAIM_LANGS}
    floors["claims_blind"] = {
        lang: claim_floors(evaluate_claims(lang, CLAIM_BLIND_GOLD)) for lang in CLAIM_LANGS
    }
    return floors


CLAIM_METRICS: tuple[str, ...] = (
    "measure_accuracy",
    "organisation_precision",
    "organisation_recall",
    "organisation_f1",
    "country_accuracy",
    "period_accuracy",
    "claim_accuracy",
)


def claim_floors(scores: ClaimScores) -> dict[str, float]:
    """The claim metrics of one language, as floors."""
    measured = scores.as_dict()
    return {metric: floor_of(float(measured[metric])) for metric in CLAIM_METRICS}


def write_floors(path: Path, floors: dict) -> None:
    """Write pinned floors as stable, reviewable JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsfacts.evaluate [--update-floors | --claims]``: print or re-pin the scores."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--floors", type=Path, default=DEFAULT_FLOORS)
    parser.add_argument("--update-floors", action="store_true", help="rewrite the floors file")
    parser.add_argument(
        "--claims", action="store_true", help="only the claim labels' scores per language"
    )
    args = parser.parse_args(argv)
    if args.claims:
        for lang in CLAIM_LANGS:
            print(json.dumps(evaluate_claims(lang).as_dict()))
        return 0
    floors = measure_floors(args.shared)
    print(json.dumps(floors, indent=2, sort_keys=True))
    if args.update_floors:
        write_floors(args.floors, floors)
        print(f"floors written to {args.floors}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
