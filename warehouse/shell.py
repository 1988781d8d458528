"""The real ``duckdb`` shell on the warehouse, read-only, with the analysts' setup.

``newsfacts sql`` replaces itself with the DuckDB CLI shipped by the
``duckdb-cli`` wheel (the same DuckDB version as the Python package), opened
read-only on the warehouse with ``shell_init.sql``: the fts extension loaded for
``search_articles(q)`` and a search path that puts the marts first.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from warehouse.db import WarehouseLockedError, connect, load_extension, migrate
from warehouse.search import ensure_search_index

SHELL_INIT = Path(__file__).resolve().parent / "shell_init.sql"

BANNER = (
    "newsfacts warehouse (read-only). Marts: facts, claims, compute_capacity, investments, "
    "company_financials, market_shares, organisations, fact_agreement, articles, "
    "quarantined_facts, ingest_errors, runs, dq_latest. "
    "Try: select * from search_articles('Ascend');  .tables  .help"
)


class ShellNotFoundError(RuntimeError):
    """The ``duckdb-cli`` wheel (which ships the ``duckdb`` binary) is not installed."""


def duckdb_binary() -> Path:
    """The DuckDB CLI binary inside the ``duckdb_cli`` package."""
    spec = importlib.util.find_spec("duckdb_cli")
    if spec is None or not spec.submodule_search_locations:
        raise ShellNotFoundError("install the duckdb-cli package (uv sync) for `newsfacts sql`")
    binary = Path(next(iter(spec.submodule_search_locations))) / "duckdb"
    if not binary.is_file():
        raise ShellNotFoundError(f"no duckdb binary at {binary}")
    return binary


def prepare_warehouse(path: str | Path) -> bool:
    """Migrate and index the warehouse when it can be written; False when another holds it."""
    try:
        con = connect(path)
    except WarehouseLockedError:
        return False
    try:
        migrate(con)
        ensure_search_index(con)
    finally:
        con.close()
    return True


def install_extensions() -> None:
    """Install the fts extension from its wheel where the shell looks for extensions."""
    con = duckdb.connect()
    try:
        load_extension(con, "fts")
    finally:
        con.close()


def shell_argv(
    warehouse: str | Path,
    commands: list[str] | None = None,
    output_mode: str | None = None,
    banner: bool = False,
) -> list[str]:
    """The command line that opens the shell; ``commands`` run non-interactively."""
    argv = [str(duckdb_binary()), "-readonly", "-init", str(SHELL_INIT)]
    if output_mode:
        argv.append(f"-{output_mode}")
    argv.append(str(warehouse))
    if commands:
        argv.extend(arg for sql in commands for arg in ("-c", sql))
    elif banner:
        argv.extend(["-cmd", f'.print "{BANNER}"'])
    return argv
