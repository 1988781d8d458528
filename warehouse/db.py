"""Connecting to the DuckDB warehouse and building its relations.

The raw tables are declared by their pandera models (``schemas.TABLES``) and
created from them (``warehouse.ddl``); seed tables have a ``.sql`` file in
``sql/raw``. Every view is one ``.sql`` file named after it, in a folder per
layer: ``staging`` and ``marts`` (views analysts query). ``migrate`` applies
them in that order and is safe to rerun.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from schemas import TABLES
from warehouse.ddl import create_table, raw_comments, raw_ddl
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


DUCKLAKE_PREFIX = "ducklake:"
DUCKLAKE_ALIAS = "lake"


def is_ducklake(target: str | Path) -> bool:
    """Whether a warehouse address names a DuckLake (``ducklake:<catalog>``)."""
    return str(target).startswith(DUCKLAKE_PREFIX)


def ducklake_attach_sql(target: str) -> tuple[str, str | None]:
    """(catalog connection string, data path) of ``ducklake:<catalog>[?data_path=<path>]``.

    ``ducklake:sqlite:/srv/lake/catalog.sqlite`` keeps its Parquet files beside the
    catalog in ``catalog.sqlite.files/``; ``ducklake:postgres:dbname=lake host=db``
    needs ``?data_path=s3://bucket/lake/`` (or a shared folder) the first time.
    """
    catalog, _, query = target.partition("?")
    data_path = None
    if query:
        key, _, value = query.partition("=")
        if key != "data_path" or not value:
            raise ValueError(f"unknown DuckLake option {query!r}: only data_path=<path>")
        data_path = value
    kind, _, location = catalog.removeprefix(DUCKLAKE_PREFIX).partition(":")
    if kind not in ("sqlite", "postgres", "duckdb") or not location:
        raise ValueError(
            f"{target!r}: expected ducklake:sqlite:<file>, ducklake:postgres:<dsn> "
            "or ducklake:duckdb:<file>"
        )
    if data_path is None and kind in ("sqlite", "duckdb"):
        data_path = f"{location}.files/"
        Path(location).parent.mkdir(parents=True, exist_ok=True)
    return catalog, data_path


def connect_ducklake(target: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the DuckLake attached and in use (extensions from PyPI)."""
    catalog, data_path = ducklake_attach_sql(target)
    con = duckdb.connect(":memory:")
    try:
        load_extension(con, "ducklake")
        kind = catalog.removeprefix(DUCKLAKE_PREFIX).split(":", 1)[0]
        if kind in ("sqlite", "postgres"):
            load_extension(con, kind)
        options = []
        if data_path:
            options.append(f"data_path '{data_path}'")
        if read_only:
            options.append("read_only")
        suffix = f" ({', '.join(options)})" if options else ""
        escaped = catalog.replace("'", "''")
        con.execute(f"attach '{escaped}' as {DUCKLAKE_ALIAS}{suffix}")
        con.execute(f"use {DUCKLAKE_ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a held lock raises ``WarehouseLockedError``.

    ``ducklake:<catalog>`` connects to a DuckLake instead (see ``connect_ducklake``).
    """
    target = str(path)
    if is_ducklake(target):
        return connect_ducklake(target, read_only)
    if target != ":memory:" and not read_only:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(target, read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise WarehouseLockedError(f"{target} is locked by another process: {exc}") from exc
        raise


def sql_fingerprint() -> str:
    """A hash of the derived raw DDL and of every relation and comment file.

    Recorded in ``raw.migrations``: a model change (a new column, a new comment)
    changes it as surely as an edited ``.sql`` file does.
    """
    digest = hashlib.sha256()
    for statement in (*raw_ddl(), *raw_comments()):
        digest.update(statement.encode())
        digest.update(b"\0")
    for layer in (*LAYERS, COMMENTS):
        for path in sql_files(layer):
            digest.update(f"{layer}/{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def is_migrated(con: duckdb.DuckDBPyConnection, fingerprint: str) -> bool:
    """Whether the warehouse was already migrated with exactly these ``.sql`` files."""
    try:
        row = con.execute(
            "select count(*) from raw.migrations where sql_fingerprint = ?", [fingerprint]
        ).fetchone()
    except duckdb.CatalogException:
        return False
    return bool(row and row[0])


def migrate(con: duckdb.DuckDBPyConnection, force: bool = False) -> None:
    """Create every schema, table and view; rerunning changes nothing.

    Replacing every view and re-applying every comment costs a fraction of a second,
    and every task opens the warehouse: a warehouse already migrated with the same
    ``.sql`` files (``raw.migrations``) is left as it is, unless ``force`` (the
    quality checks force it, so a hand-altered schema is found).
    """
    fingerprint = sql_fingerprint()
    if not force and is_migrated(con, fingerprint):
        load_ecb_rates(con)
        return
    for schema in ("raw", "staging"):
        con.execute(f"create schema if not exists {schema}")
    lake = _in_ducklake(con)
    if not lake:
        drop_primary_keys(con)
    # DuckLake has no PRIMARY KEY/UNIQUE constraints: keys are kept by the anti-join loads.
    for statement in raw_ddl(keys=not lake):
        con.execute(statement)
    for layer in LAYERS:
        for path in sql_files(layer):
            sql = path.read_text(encoding="utf-8")
            con.execute(sql)
    # ``comment on`` for every relation and column; views lose theirs when replaced above
    # (DuckLake cannot comment on a view's columns: its relations go undocumented there)
    if not lake:
        for statement in raw_comments():
            con.execute(statement)
        for path in sql_files(COMMENTS):
            con.execute(path.read_text(encoding="utf-8"))
    load_ecb_rates(con)
    con.execute(
        "insert into raw.migrations (sql_fingerprint, applied_at)"
        " select ?, current_timestamp where not exists"
        " (select 1 from raw.migrations where sql_fingerprint = ?)",
        [fingerprint, fingerprint],
    )


# The raw tables the loads append to, with their key (their grain, from the models).
# None declares it as a primary key: DuckDB rewrites a table's whole primary-key index
# at every checkpoint, so a keyed table made each batch's load slower as the warehouse
# grew. The loads anti-join on the key instead, as they must on DuckLake; the
# ``duplicate_keys`` check verifies the grain after every run; and warehouses made
# while the tables had primary keys are rebuilt without them on migrate.
APPENDED_TABLES: tuple[str, ...] = (
    "raw_documents",
    "articles",
    "paragraphs",
    "facts",
    "quarantined_facts",
    "quarantined_articles",
    "fact_conversions",
    "ingest_errors",
)
RAW_KEYS: dict[str, list[str]] = {name: list(TABLES[name].key) for name in APPENDED_TABLES}


def keyed_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The appended raw tables that still carry a primary key."""
    rows = con.execute(
        "select distinct table_name from duckdb_constraints()"
        " where database_name = current_database() and schema_name = 'raw'"
        " and constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    return sorted(t for (t,) in rows if t in RAW_KEYS)


def drop_primary_keys(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Rebuild each keyed appended table from its declaration, rows kept; returns them.

    One transaction per table: renamed aside, recreated, its rows copied by column
    name (a column the old table lacks is null), the old one dropped.
    """
    tables = keyed_tables(con)
    for table in tables:
        with transaction(con):
            con.execute(f"alter table raw.{table} rename to {table}__keyed")
            con.execute(create_table(TABLES[table]))
            con.execute(f"insert into raw.{table} by name select * from raw.{table}__keyed")
            con.execute(f"drop table raw.{table}__keyed")
    return tables


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> Iterator[None]:
    """``table`` queryable as ``name`` on ``con`` within the block."""
    con.register(name, table)
    try:
        yield
    finally:
        con.unregister(name)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Everything in the block commits together, or rolls back on any exception."""
    con.execute("begin transaction")
    try:
        yield
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def _in_ducklake(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "select type from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    return bool(row) and row[0] == "ducklake"


@contextmanager
def open_warehouse(
    path: str | Path, read_only: bool = False, migrate_first: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated connection, closed on exit.

    ``migrate_first=False`` skips the migration for a connection opened again
    within a run that already migrated (it costs a fraction of a second each time).
    """
    con = connect(path, read_only=read_only)
    try:
        if not read_only and migrate_first:
            migrate(con)
        yield con
    finally:
        con.close()
