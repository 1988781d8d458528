"""Shared fixtures: paths to the bundled samples and to ../shared beside the checkout."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_GOLD = SHARED / "gold" / "seed_facts.jsonl"
PEER_SUITES = SHARED / "peer-suites"
SAMPLES = REPO / "samples" / "articles"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings writing to a fresh warehouse in a temp dir."""
    return Settings(warehouse=str(tmp_path / "test.duckdb"))


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect server for the whole session (starting one costs ~10 s)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
