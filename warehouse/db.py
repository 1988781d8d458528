"""Connecting to the DuckDB warehouse and building its relations from ``sql/``.

Every relation is one ``.sql`` file named after it, in a folder per layer:
``raw`` (tables the pipeline loads), ``staging`` and ``marts`` (views analysts
query). ``migrate`` applies them in that order and is safe to rerun.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from warehouse.fx import load_ecb_rates

SQL_DIR = Path(__file__).resolve().parent / "sql"
LAYERS: tuple[str, ...] = ("raw", "staging", "marts")
COMMENTS = "comments"  # applied after the layers: comments on every relation
EXTENSIONS: tuple[str, ...] = ("fts",)


class WarehouseLockedError(RuntimeError):
    """Another process holds the warehouse file (e.g. an open read-only shell)."""


def sql_files(layer: str) -> list[Path]:
    """The layer's relation files in dependency order (a numeric prefix orders them)."""
    return sorted((SQL_DIR / layer).glob("*.sql"))


def extension_path(name: str) -> Path | None:
    """The signed extension binary shipped in the ``duckdb-extension-<name>`` wheel."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob(f"extensions/v{duckdb.__version__}/{name}.duckdb_extension"))
    return found[0] if found else None


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Install (from the wheel, no network) and load a DuckDB extension."""
    path = extension_path(name)
    if path is not None:
        con.execute(f"install '{path.as_posix()}'")
    con.execute(f"load {name}")


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a held lock raises ``WarehouseLockedError``."""
    target = str(path)
    if target != ":memory:" and not read_only:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseLockedError(f"{target} is locked by another process: {exc}") from exc
        raise


def migrate(con: duckdb.DuckDBPyConnection) -> None:
    """Create every schema, table and view; rerunning changes nothing."""
    for schema in ("raw", "staging"):
        con.execute(f"create schema if not exists {schema}")
    for layer in LAYERS:
        for path in sql_files(layer):
            con.execute(path.read_text(encoding="utf-8"))
    # ``comment on`` for every relation and column; views lose theirs when replaced above
    for path in sql_files(COMMENTS):
        con.execute(path.read_text(encoding="utf-8"))
    load_ecb_rates(con)


@contextmanager
def open_warehouse(
    path: str | Path, read_only: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated connection, closed on exit."""
    con = connect(path, read_only=read_only)
    try:
        if not read_only:
            migrate(con)
        yield con
    finally:
        con.close()
