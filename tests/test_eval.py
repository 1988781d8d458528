"""Scores of the extractor: seed gold through the pipeline, peer suites against pinned floors."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsfacts.evaluate import (
    CLAIM_LANGS,
    DEFAULT_FLOORS,
    SAMPLE_GOLD,
    evaluate_claims,
    evaluate_gold,
    evaluate_suite,
    floor_of,
    items_match,
    load_jsonl,
    main,
    match_items,
    predict_suite,
    suite_files,
)
from tests.conftest import PEER_SUITES, SEED_GOLD, SEEDS, SHARED, needs_shared, skip_without_shared

SUITES = suite_files(SHARED)
needs_gold = needs_shared(SEEDS, SEED_GOLD)
needs_suites = needs_shared(PEER_SUITES)
FLOORS = json.loads(DEFAULT_FLOORS.read_text(encoding="utf-8"))


def _reference_scorer():
    spec = importlib.util.spec_from_file_location(
        "score_suite", SHARED / "tools" / "score_suite.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seed_evaluation():
    skip_without_shared(SEEDS, SEED_GOLD)
    return evaluate_gold(SEED_GOLD)


def test_seed_gold_is_perfect_except_the_headline_35b(seed_evaluation) -> None:
    """Every seed fact is found and nothing else, except the headline '35B' (no currency)."""
    ev = seed_evaluation
    assert ev.overall.predicted == ev.overall.tp, [e.spurious for e in ev.errors]
    missed = [m for e in ev.errors for m in e.missed]
    assert [(m["text"], m["kind"], m["unit"], m["value"]) for m in missed] == [
        ("35B", "money", "USD", 35e9)
    ]
    assert ev.per_kind["compute"].f1 == 1.0
    assert ev.per_kind["percent"].f1 == 1.0
    headline_excluded = ev.overall.tp / (ev.overall.expected - 1)
    assert headline_excluded == 1.0


def test_seed_broken_mention_is_matched_as_quarantined(seed_evaluation) -> None:
    rejects = [r for r in load_jsonl(SEED_GOLD) if r.get("reject")]
    assert rejects, "the seed gold has a reject item"
    missed_texts = {m["text"] for e in seed_evaluation.errors for m in e.missed}
    assert not {r["text"] for r in rejects} & missed_texts


@needs_suites
@pytest.mark.parametrize("suite", SUITES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_peer_suite_meets_target_and_pinned_floor(suite: Path) -> None:
    ev = evaluate_suite(suite)
    assert ev.f1 >= 0.95, ev.as_dict(n_errors=10)
    floor = FLOORS["suites"][ev.name]
    assert ev.f1 >= floor["f1"], ev.as_dict(n_errors=10)
    for kind, kind_floor in floor["per_kind"].items():
        assert ev.per_kind[kind].f1 >= kind_floor, (kind, ev.as_dict(n_errors=10))


def test_seed_gold_meets_pinned_floor(seed_evaluation) -> None:
    floor = FLOORS["gold"][SEED_GOLD.name]
    assert seed_evaluation.f1 >= floor["f1"]
    for kind, kind_floor in floor["per_kind"].items():
        assert seed_evaluation.per_kind[kind].f1 >= kind_floor


def test_sample_gold_meets_pinned_floor() -> None:
    ev = evaluate_gold(SAMPLE_GOLD)
    floor = FLOORS["gold"][SAMPLE_GOLD.name]
    assert ev.f1 >= floor["f1"], ev.as_dict(n_errors=10)
    assert set(floor["per_kind"]) == set(ev.per_kind)
    for kind, kind_floor in floor["per_kind"].items():
        assert ev.per_kind[kind].f1 >= kind_floor, (kind, ev.as_dict(n_errors=10))


@needs_suites
def test_floors_cover_every_peer_suite() -> None:
    names = {f"{p.parent.name}/{p.name}" for p in PEER_SUITES.glob("*/*.jsonl")}
    assert set(FLOORS["suites"]) == names


@needs_shared(PEER_SUITES, SHARED / "tools" / "score_suite.py")
@pytest.mark.parametrize(
    "name", ["recognizers-text/en_currency.jsonl", "recognizers-text/zh_percent.jsonl"]
)
def test_scorer_agrees_with_the_reference_scorer(name: str, tmp_path: Path) -> None:
    reference = _reference_scorer()
    suite_path = PEER_SUITES / name
    written = tmp_path / "pred.jsonl"
    ours = evaluate_suite(suite_path, predictions_out=written)
    cases = load_jsonl(suite_path)
    assert load_jsonl(written) == predict_suite(cases)
    ref = reference.score(cases, load_jsonl(written))
    assert (ours.overall.tp, ours.overall.predicted, ours.overall.expected) == (
        ref["all"]["tp"],
        ref["all"]["predicted"],
        ref["all"]["expected"],
    )
    assert round(ours.f1, 4) == ref["all"]["f1"]
    for kind, counts in ours.per_kind.items():
        assert counts.as_dict()["f1"] == ref["per_kind"][kind]["f1"]


def test_matching_rules() -> None:
    exp = {"kind": "money", "unit": "usd", "value": 100.0, "value_high": None}
    assert items_match(exp, {"kind": "money", "unit": "USD", "value": 100.4, "value_high": None})
    assert not items_match(
        exp, {"kind": "money", "unit": "USD", "value": 100.6, "value_high": None}
    )
    assert not items_match(
        exp, {"kind": "money", "unit": "EUR", "value": 100.0, "value_high": None}
    )
    assert not items_match(
        exp, {"kind": "percent", "unit": "USD", "value": 100.0, "value_high": None}
    )
    ranged = {"kind": "percent", "unit": "%", "value": 30, "value_high": 40}
    assert not items_match(
        ranged, {"kind": "percent", "unit": "%", "value": 30, "value_high": None}
    )
    rejected = {"kind": "money", "unit": "USD", "value": None, "value_high": None}
    assert items_match(
        rejected, {"kind": "money", "unit": "USD", "value": None, "value_high": None}
    )
    assert not items_match(
        rejected, {"kind": "money", "unit": "USD", "value": 1e9, "value_high": None}
    )


def test_matching_is_one_to_one_and_maximum() -> None:
    a = {"kind": "percent", "unit": "%", "value": 10.0, "value_high": None, "text": "10%"}
    b = {"kind": "percent", "unit": "%", "value": 10.02, "value_high": None, "text": "10.02%"}
    assert len(match_items([a, b], [dict(a)])) == 1
    assert len(match_items([a, b], [dict(b), dict(a)])) == 2


@needs_gold
@needs_suites
def test_update_floors_rewrites_the_floors_file(tmp_path: Path, capsys) -> None:
    out = tmp_path / "floors.json"
    assert main(["--shared", str(SHARED), "--floors", str(out), "--update-floors"]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    assert set(written["suites"]) == set(FLOORS["suites"])
    for name, floor in written["suites"].items():
        assert floor["f1"] == floor_of(evaluate_suite(PEER_SUITES / name).f1)
    main(["--shared", str(SHARED), "--floors", str(tmp_path / "other.json")])
    assert not (tmp_path / "other.json").exists(), "floors move only with --update-floors"


@needs_gold
@needs_suites
def test_cli_eval_scores_gold_and_suites(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    out = tmp_path / "scores.json"
    zh = PEER_SUITES / "recognizers-text" / "zh_percent.jsonl"
    q3 = PEER_SUITES / "quantulum3" / "en.jsonl"
    args = ["eval", str(SEED_GOLD), "--suite", str(zh), "--suite", str(q3), "--json", str(out)]
    result = CliRunner().invoke(app, [*args, "--min-f1", "0.95"])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert [s["name"] for s in scores] == [
        SEED_GOLD.name,
        "recognizers-text/zh_percent.jsonl",
        "quantulum3/en.jsonl",
    ]
    assert scores[2]["f1"] == 1.0
    assert "percent" in result.stdout and "F1" in result.stdout
    strict = CliRunner().invoke(app, ["eval", "--suite", str(zh), "--min-f1", "0.9999"])
    assert strict.exit_code == 1


def test_cli_eval_needs_something_to_score() -> None:
    from typer.testing import CliRunner

    from flows.cli import app

    assert CliRunner().invoke(app, ["eval"]).exit_code != 0


def test_cli_eval_scores_the_claim_labels_per_language(tmp_path: Path) -> None:
    """``newsfacts eval --claims`` prints and writes what ``evaluate_claims`` measures."""
    from typer.testing import CliRunner

    from flows.cli import app

    out = tmp_path / "claims.json"
    result = CliRunner().invoke(app, ["eval", "--claims", "--json", str(out), "--errors", "2"])
    assert result.exit_code == 0, result.output
    expected = {lang: evaluate_claims(lang) for lang in CLAIM_LANGS}
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [w["name"] for w in written] == [f"claims/{lang}" for lang in CLAIM_LANGS]
    for row, scores in zip(written, expected.values(), strict=True):
        assert row == {
            "name": f"claims/{scores.lang}",
            **scores.as_dict(),
            "errors": scores.errors[:2],
        }
    assert "org F1" in result.stdout and "Extraction scores" not in result.stdout
    for scores in expected.values():
        f1 = f"{scores.as_dict()['organisation_f1']:.3f}"
        assert any(scores.lang in line and f1 in line for line in result.stdout.splitlines())
    lowest = min(float(s.as_dict()["organisation_f1"]) for s in expected.values())
    passing = CliRunner().invoke(app, ["eval", "--claims", "--min-f1", str(lowest)])
    assert passing.exit_code == 0, passing.output
    failing = CliRunner().invoke(app, ["eval", "--claims", "--min-f1", str(lowest + 0.001)])
    assert failing.exit_code == 1
