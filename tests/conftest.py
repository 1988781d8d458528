"""Shared fixtures: paths to the bundled samples and to ../shared beside the checkout.

``../shared`` (the seed corpus, its gold facts, the peer suites, the reference tools)
is not part of the repository: tests that read it skip, saying what is absent, and
every other test passes in a bare clone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsfacts.settings import Settings

# Runs the tests start without the session's harness use Prefect's temporary server, as
# before: only tests/test_prefect_api.py starts the reusable local one, in its own home.
os.environ.setdefault("NEWSFACTS_PREFECT_SERVER", "ephemeral")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_GOLD = SHARED / "gold" / "seed_facts.jsonl"
PEER_SUITES = SHARED / "peer-suites"
SAMPLES = REPO / "samples" / "articles"


def missing_shared(*paths: Path) -> str | None:
    """Why a test reading ``paths`` of ../shared cannot run here, or None if they all exist."""
    absent = [path for path in paths if not path.exists()]
    if not absent:
        return None
    return (
        f"needs {absent[0]}: the seed corpus, gold facts, peer suites and tools"
        " live in ../shared beside the checkout, which is absent here"
    )


def needs_shared(*paths: Path) -> pytest.MarkDecorator:
    """Skip the marked test unless ``paths`` of ../shared exist."""
    reason = missing_shared(*paths)
    return pytest.mark.skipif(reason is not None, reason=reason or "")


def skip_without_shared(*paths: Path) -> None:
    """Skip the calling test or fixture unless ``paths`` of ../shared exist."""
    if reason := missing_shared(*paths):
        pytest.skip(reason)


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


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server (Debian's ``postgresql``) on loopback for the session.

    Made by ``warehouse.pgserver`` in a temporary folder under /tmp (as root its
    programs run as the ``postgres`` user, who must reach the folder), stopped and
    removed at the end. Skips when the server programs are not installed.
    """
    import shutil
    import tempfile

    from warehouse import pgserver

    try:
        pgserver.bin_dir()
    except pgserver.PgServerError as exc:
        pytest.skip(str(exc))
    root = Path(tempfile.mkdtemp(prefix="newsfacts-pg-", dir="/tmp"))
    server = pgserver.start(root)
    try:
        yield server
    finally:
        pgserver.stop(root)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_lake(pg_server, tmp_path: Path, request) -> str:
    """The address of a fresh DuckLake: its own catalog database, data under ``tmp_path``."""
    import re
    import uuid

    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40]
    dbname = f"lake_{name}_{uuid.uuid4().hex[:8]}"
    pg_server.createdb(dbname)
    return pg_server.lake(dbname, f"{tmp_path / 'lake-data'}/")
