"""Throughput: at least 100x quantulum3 on the seed articles, measured side by side."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import REPO, SEEDS, needs_shared

# a warehouse built from the samples per test, or a timing: the slow set (.ci/run)
pytestmark = pytest.mark.slow


@needs_shared(SEEDS)
def test_newsfacts_is_at_least_100x_quantulum3_on_the_seeds() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_extract", REPO / "benchmarks" / "bench_extract.py"
    )
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.benchmark(SEEDS, repeat=20, repeat_quantulum=1)
    assert result["articles"] == 5
    assert result["rows"]["newsfacts"]["items_found"] > 0
    assert result["speedup_vs_quantulum3"] >= 100, result
