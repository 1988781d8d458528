"""The real ``duckdb`` shell on the warehouse, read-only, with the analysts' setup.

``newsfacts sql`` replaces itself with the DuckDB CLI shipped by the
``duckdb-cli`` wheel (the same DuckDB version as the Python package), opened
read-only on the warehouse with ``shell_init.sql``: the fts extension loaded for
``search_articles(q)`` and a search path that puts the marts first.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import duckdb

from warehouse.db import (
    DUCKLAKE_ALIAS,
    DUCKLAKE_PREFIX,
    WarehouseLockedError,
    connect,
    ducklake_attach_sql,
    is_ducklake,
    load_extension,
    migrate,
)
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


def install_extensions(warehouse: str | Path | None = None) -> None:
    """Install the fts extension from its wheel where the shell looks for extensions
    (and, for a DuckLake ``warehouse``, ``ducklake`` and its catalog's extension)."""
    con = duckdb.connect()
    try:
        load_extension(con, "fts")
        if warehouse is not None and is_ducklake(warehouse):
            load_extension(con, "ducklake")
            kind = str(warehouse).removeprefix(DUCKLAKE_PREFIX).split(":", 1)[0]
            if kind in ("sqlite", "postgres"):
                load_extension(con, kind)
    finally:
        con.close()


def current_snapshot(warehouse: str) -> int:
    """The DuckLake ``warehouse``'s newest snapshot id (what its readers see now)."""
    con = connect(warehouse, read_only=True)
    try:
        return con.execute(f"select id from {DUCKLAKE_ALIAS}.current_snapshot()").fetchone()[0]
    finally:
        con.close()


def lake_setup(warehouse: str, snapshot: int | None = None) -> str:
    """The statements that attach the DuckLake ``warehouse`` read-only in the shell, at
    ``snapshot`` (so the whole session reads one snapshot while writers commit), and
    put its marts first on the search path."""
    catalog, data_path = ducklake_attach_sql(warehouse)
    options = ["read_only"] + ([f"data_path '{data_path}'"] if data_path else [])
    if snapshot is not None:
        options.append(f"snapshot_version {int(snapshot)}")
    escaped = catalog.replace("'", "''")
    return (
        f"attach '{escaped}' as {DUCKLAKE_ALIAS} ({', '.join(options)}); use {DUCKLAKE_ALIAS};"
        f" set search_path = '{DUCKLAKE_ALIAS}.main,{DUCKLAKE_ALIAS}.staging,{DUCKLAKE_ALIAS}.raw';"
    )


def shell_argv(
    warehouse: str | Path,
    commands: list[str] | None = None,
    output_mode: str | None = None,
    banner: bool = False,
) -> list[str]:
    """The command line that opens the shell; ``commands`` run non-interactively."""
    lake = is_ducklake(warehouse)
    argv = [str(duckdb_binary()), "-readonly", "-init", str(SHELL_INIT)]
    if output_mode:
        argv.append(f"-{output_mode}")
    if lake:  # an in-memory shell with the lake attached read-only, then shell_init's lines
        argv = [str(duckdb_binary()), "-init", os.devnull]
        if output_mode:
            argv.append(f"-{output_mode}")
        setup = lake_setup(str(warehouse), current_snapshot(str(warehouse)))
        argv.extend([":memory:", "-cmd", f"load fts; {setup}"])
        for line in SHELL_INIT.read_text(encoding="utf-8").splitlines():
            if line.startswith("."):
                argv.extend(["-cmd", line])
    else:
        argv.append(str(warehouse))
    if commands:
        argv.extend(arg for sql in commands for arg in ("-c", sql))
    elif banner:
        argv.extend(["-cmd", f'.print "{BANNER}"'])
    return argv
