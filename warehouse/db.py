"""Connecting to the DuckDB warehouse and building its relations.

The raw tables are declared by their pandera models (``schemas.TABLES``) and
created from them (``warehouse.ddl``). Every view is one ``.sql`` file named
after it, in a folder per layer: ``staging`` and ``marts`` (views analysts query,
in the schemas ``staging`` and ``main``). ``migrate`` applies the layers in that
order, the views of a layer after the relations they read, and is safe to rerun.
It removes no row (but the seed-only ``raw.organisations`` of earlier releases,
``drop_retired_seed``): that table's seed rows are the runs' to replace
(``warehouse.organisations``), and the rows analysts add there are kept.
"""

from __future__ import annotations

import hashlib
import heapq
import importlib.util
import logging
import re
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import fields
from pathlib import Path
from typing import TypeVar

import duckdb
import pyarrow as pa

from newsfacts.dq_config import RowRules, load_dq_config
from schemas import TABLES
from warehouse.ddl import create_table, inherited_comments, raw_comments, raw_ddl
from warehouse.fx import load_ecb_rates

SQL_DIR = Path(__file__).resolve().parent / "sql"
LAYERS: tuple[str, ...] = ("raw", "staging", "marts")
VIEW_LAYERS: tuple[str, ...] = ("staging", "marts")
SCHEMAS: dict[str, str] = {"raw": "raw", "staging": "staging", "marts": "main"}  # layer -> schema
# Views earlier releases made that no .sql file defines any more: migrate drops them.
RETIRED_VIEWS: tuple[str, ...] = (
    "main.dq_latest_checks",  # merged into main.dq_latest
    "main.fact_organisations",  # keyword guessing, replaced by the claim columns of facts
)
EXTENSIONS: tuple[str, ...] = ("fts",)

# A relation of ours as a view's SQL names it, once comments and string literals are out.
_RELATION = re.compile(r"\b(raw|staging|main)\.([a-z_][a-z0-9_]*)\b", re.IGNORECASE)
_COMMENT_OR_LITERAL = re.compile(r"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'", re.DOTALL)
# ``{{ name }}`` in a view's SQL: the value of the row rule ``name`` of dq.toml ([rows])
_RULE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


logger = logging.getLogger("newsfacts.warehouse")

LOCK_POLL_SECONDS = 0.2
# DuckDB's own lock (held while any connection, even read-only, is open), and who holds it
_DUCKDB_LOCK = re.compile(r"Could not set lock on file|Conflicting lock is held")
_DUCKDB_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


class WarehouseLockedError(RuntimeError):
    """Another process holds the warehouse file (e.g. an open read-only shell)."""


def lock_conflict(exc: duckdb.Error) -> str | None:
    """Who holds DuckDB's lock on the file (``duckdb (PID 12)``); None for any other error."""
    text = str(exc)
    if not _DUCKDB_LOCK.search(text):
        return None
    found = _DUCKDB_LOCK_HOLDER.search(text)
    if not found:
        return "another process"
    return f"{Path(found.group(1)).name} (PID {found.group(2)})"


class WarehouseUnusableError(RuntimeError):
    """The warehouse file cannot be opened at all: not DuckDB, corrupt, truncated, a
    folder or read-only. Waiting does not help (unlike ``WarehouseLockedError``)."""


# DuckDB's words for a file it cannot use, and what we tell the user instead
_UNUSABLE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"not a valid DuckDB database file"), "is not a DuckDB database"),
    (re.compile(r"Is a directory"), "is a folder, not a DuckDB file"),
    (
        re.compile(r"Corrupt database|checksum|Could not read enough bytes|truncated", re.I),
        "is corrupt or truncated",
    ),
    (
        re.compile(r"Permission denied|Operation not permitted|Read-only file system", re.I),
        "is read-only (or not ours to write)",
    ),
    (
        re.compile(r"created with an? (older|newer) version|storage version", re.I),
        "was written by another DuckDB version",
    ),
)


def unusable(target: str | Path, exc: duckdb.Error) -> WarehouseUnusableError:
    """One line saying why ``target`` cannot be used, DuckDB's own words after it."""
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    what = next((say for pattern, say in _UNUSABLE if pattern.search(detail)), "cannot be opened")
    return WarehouseUnusableError(f"{target} {what} ({detail})")


class SqlLayoutError(ValueError):
    """A view reads a relation no ``.sql`` file defines, or views read each other in a cycle."""


def sql_files(layer: str) -> list[Path]:
    """The layer's relation files, by name."""
    return sorted((SQL_DIR / layer).glob("*.sql"))


def relation_name(path: Path) -> str:
    """``schema.name`` of the relation a ``sql/<layer>/<name>.sql`` file defines."""
    return f"{SCHEMAS[path.parent.name]}.{path.stem}"


def references(sql: str) -> set[str]:
    """The relations of ours (``raw.*``, ``staging.*``, ``main.*``) that ``sql`` names."""
    code = _COMMENT_OR_LITERAL.sub(" ", sql)
    return {f"{schema}.{name}".lower() for schema, name in _RELATION.findall(code)}


def build_order(views: Mapping[str, str], known: Collection[str]) -> list[str]:
    """The views, each after every view it reads; ties (and independent views) by name.

    ``views`` maps ``schema.name`` to the view's SQL; ``known`` are the other relations
    of ours a view may read (the raw tables). A reference to anything else, or a cycle,
    raises ``SqlLayoutError``.
    """
    reads: dict[str, set[str]] = {}
    for name, sql in views.items():
        named = references(sql) - {name}
        unknown = named - views.keys() - set(known)
        if unknown:
            raise SqlLayoutError(
                f"{name} reads {', '.join(sorted(unknown))}: no .sql file defines it"
            )
        reads[name] = named & views.keys()
    readers: dict[str, list[str]] = {name: [] for name in views}
    for name, needed in reads.items():
        for other in needed:
            readers[other].append(name)
    waiting = {name: len(needed) for name, needed in reads.items()}
    ready = [name for name, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for reader in readers[name]:
            waiting[reader] -= 1
            if waiting[reader] == 0:
                heapq.heappush(ready, reader)
    if len(order) < len(views):
        stuck = sorted(set(views) - set(order))
        raise SqlLayoutError(f"views read each other in a cycle: {', '.join(stuck)}")
    return order


def render(sql: str, rules: RowRules) -> str:
    """``sql`` with each ``{{ name }}`` replaced by the number the row rule ``name`` holds."""
    names = {field.name for field in fields(RowRules)}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        number = getattr(rules, name) if name in names else None
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise SqlLayoutError(f"{match.group(0)}: no numeric [rows] rule of dq.toml is {name}")
        return repr(number)

    return _RULE.sub(value, sql)


def view_files(raw_tables: Collection[str]) -> list[Path]:
    """The staging then the marts files, each layer in ``build_order``.

    ``raw_tables`` are the raw relations (``raw.<name>``) the views may read; a
    staging view may also read staging, a mart staging and the other marts.
    """
    ordered: list[Path] = []
    known = {*raw_tables}
    for layer in VIEW_LAYERS:
        paths = {relation_name(path): path for path in sql_files(layer)}
        texts = {name: path.read_text(encoding="utf-8") for name, path in paths.items()}
        ordered += [paths[name] for name in build_order(texts, known)]
        known |= paths.keys()
    return ordered


def extension_path(name: str) -> Path | None:
    """The signed extension binary shipped in the ``duckdb-extension-<name>`` wheel."""
    spec = importlib.util.find_spec(f"duckdb_extension_{name}")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob(f"extensions/v{duckdb.__version__}/{name}.duckdb_extension"))
    return found[0] if found else None


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load a DuckDB extension, installing it from its wheel (no network) the first time.

    Installing copies the binary (a few MB) into DuckDB's extension folder: done only
    when loading the installed one fails, since every task opens the warehouse.
    """
    try:
        con.execute(f"load {name}")
        return
    except duckdb.Error:
        path = extension_path(name)
        if path is None:
            raise
    con.execute(f"force install '{path.as_posix()}'")
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


ATTACH_RETRIES = 10
_FIRST_ATTACH = re.compile(r"Failed to initialize DuckLake|already exists|duplicate key", re.I)


# One in-memory DuckDB per PostgreSQL-cataloged lake and mode, per process: attaching
# reads the catalog (a third of a second), and every task opens the warehouse, so each
# ``connect`` is a new connection (a cursor) on the instance attached once. A
# connection's transactions still see what other writers committed before they began.
_ATTACHED: dict[tuple[str, bool], duckdb.DuckDBPyConnection] = {}
_ATTACHED_GUARD = threading.Lock()


def connect_ducklake(target: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the DuckLake ``target``, attached and in use."""
    if not target.startswith(f"{DUCKLAKE_PREFIX}postgres:"):
        return _attach_lake(target, read_only)
    with _ATTACHED_GUARD:
        base = _ATTACHED.get((target, read_only))
        if base is None:
            base = _ATTACHED[(target, read_only)] = _attach_lake(target, read_only)
    con = base.cursor()
    con.execute(f"use {DUCKLAKE_ALIAS}")
    return con


def _attach_lake(target: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
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
        attach = f"attach '{escaped}' as {DUCKLAKE_ALIAS}{suffix}"
        for attempt in range(ATTACH_RETRIES + 1):
            try:
                con.execute(attach)
                break
            except duckdb.Error as exc:
                # writers attaching a new lake at once race to create its catalog tables
                if not _FIRST_ATTACH.search(str(exc)) or attempt == ATTACH_RETRIES:
                    raise
                time.sleep(0.2 + 0.3 * attempt)
        con.execute(f"use {DUCKLAKE_ALIAS}")
    except BaseException:
        con.close()
        raise
    return con


def connect(
    path: str | Path,
    read_only: bool = False,
    wait_seconds: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection to the warehouse file; a held lock raises ``WarehouseLockedError``,
    a file that cannot be used (see ``unusable``) ``WarehouseUnusableError``.

    While another process has the file open (an analyst's ``duckdb`` shell, even
    read-only) DuckDB refuses to open it: ``connect`` tries again for up to
    ``wait_seconds``, telling ``on_wait`` once whom it waits for (by default a
    warning of the ``newsfacts.warehouse`` logger), then raises one line naming
    the holder. ``ducklake:<catalog>`` connects to a DuckLake instead (see
    ``connect_ducklake``).
    """
    target = str(path)
    if is_ducklake(target):
        return connect_ducklake(target, read_only)
    if target != ":memory:" and not read_only:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
    if target != ":memory:" and Path(target).is_dir():
        raise WarehouseUnusableError(f"{target} is a folder, not a DuckDB file")
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    told = False
    while True:
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            holder = lock_conflict(exc)
            if holder is None:  # corrupt, truncated, not DuckDB, read-only: waiting won't help
                raise unusable(target, exc) from exc
            if time.monotonic() >= deadline:
                raise WarehouseLockedError(
                    f"{target} is locked: {holder} has it open; close it and run again"
                    " (analysts read the published snapshot: uv run newsfacts sql)"
                ) from None
            if not told:
                (on_wait or logger.warning)(
                    f"waiting up to {wait_seconds:g} s for {holder} to close {target}"
                )
                told = True
            time.sleep(LOCK_POLL_SECONDS)


def sql_fingerprint(rules: RowRules | None = None) -> str:
    """A hash of the derived raw DDL and of every view file as ``rules`` render it.

    Recorded in ``raw.migrations``: a model change (a new column, a new comment)
    changes it as surely as an edited ``.sql`` file does. ``rules`` default to those
    of the repository's dq.toml.
    """
    rules = rules if rules is not None else load_dq_config().rows
    digest = hashlib.sha256()
    digest.update(f"{WRITE_TOKEN}\0".encode())  # DuckLakes gained it: migrate them once more
    for statement in (*raw_ddl(), *raw_comments()):
        digest.update(statement.encode())
        digest.update(b"\0")
    for layer in LAYERS:
        for path in sql_files(layer):
            digest.update(f"{layer}/{path.name}\0".encode())
            digest.update(render(path.read_text(encoding="utf-8"), rules).encode())
    return digest.hexdigest()


_LATEST_MIGRATION = (
    "select sql_fingerprint from raw.migrations"
    " qualify row_number() over (order by applied_at desc) = 1"
)


def is_migrated(con: duckdb.DuckDBPyConnection, fingerprint: str) -> bool:
    """Whether the warehouse was last migrated with exactly these ``.sql`` files and rules."""
    try:
        row = con.execute(_LATEST_MIGRATION).fetchone()
    except duckdb.CatalogException:
        return False
    return bool(row) and row[0] == fingerprint


def migrate(
    con: duckdb.DuckDBPyConnection, force: bool = False, rules: RowRules | None = None
) -> None:
    """Create every schema, table and view (see ``_migrate``); rerunning changes nothing.

    On a DuckLake, where writers run at once, a migration that meets another's commit
    (two writers replacing the same view) is tried again (``retry_conflicts``).
    """
    if _in_ducklake(con):
        retry_conflicts(con, lambda: _migrate(con, force, rules))
    else:
        _migrate(con, force, rules)


def _migrate(
    con: duckdb.DuckDBPyConnection, force: bool = False, rules: RowRules | None = None
) -> None:
    """Create every schema, table and view; rerunning changes nothing.

    Replacing every view and re-applying every comment costs a fraction of a second,
    and every task opens the warehouse: a warehouse already migrated with the same
    ``.sql`` files (``raw.migrations``) is left as it is, unless ``force`` (the
    quality checks force it, so a hand-altered schema is found). ``rules`` (those of
    the run's dq.toml; by default the repository's) fill the ``{{ name }}`` in the
    views, so SQL applies the same row rules as the validation in Python.
    """
    rules = rules if rules is not None else load_dq_config().rows
    fingerprint = sql_fingerprint(rules)
    if not force and is_migrated(con, fingerprint):
        _load_rates(con)
        return
    for schema in ("raw", "staging"):
        con.execute(f"create schema if not exists {schema}")
    lake = _in_ducklake(con)
    if lake:
        create_write_token(con)
    if not lake:
        drop_primary_keys(con)
    drop_retired_seed(con)
    # DuckLake has no PRIMARY KEY/UNIQUE constraints: keys are kept by the anti-join loads.
    for statement in raw_ddl(keys=not lake):
        con.execute(statement)
    for name in RETIRED_VIEWS:
        con.execute(f"drop view if exists {name}")
    views = view_files(raw_tables(con))
    for path in views:
        for statement in con.extract_statements(render(path.read_text(encoding="utf-8"), rules)):
            # after the ``create or replace view``, its ``comment on`` statements (a
            # replaced view loses its comments); DuckLake cannot comment on a view's
            # columns, so only the create runs there and its views go undocumented
            if not lake or statement.type == duckdb.StatementType.CREATE:
                con.execute(statement.query)
    # ``comment on`` the raw tables and their columns, from their declarations
    if not lake:
        reads = {relation_name(p): sorted(references(p.read_text(encoding="utf-8"))) for p in views}
        for statement in (*raw_comments(), *inherited_comments(con, reads)):
            con.execute(statement)
    _load_rates(con)
    con.execute(
        "insert into raw.migrations (sql_fingerprint, applied_at)"
        f" select ?, current_timestamp where ? is distinct from ({_LATEST_MIGRATION})",
        [fingerprint, fingerprint],
    )


def _load_rates(con: duckdb.DuckDBPyConnection) -> None:
    """The ECB rates, loaded as a keyed write: DuckLake writers starting at once load them once."""
    write_transaction(con, lambda: load_ecb_rates(con), keyed=_in_ducklake(con))


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


def raw_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """``raw.<name>`` of every table in the warehouse's raw schema."""
    rows = con.execute(
        "select table_name from duckdb_tables()"
        " where database_name = current_database() and schema_name = 'raw'"
    ).fetchall()
    return {f"raw.{name}" for (name,) in rows}


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


def drop_retired_seed(con: duckdb.DuckDBPyConnection) -> bool:
    """Drop ``raw.organisations`` as releases before its declaration made it; True if dropped.

    That table (organisation, alias and an RE2 ``pattern``) was rebuilt from a ``.sql``
    seed at every migration, so it held the seed's rows only; the declared table that
    replaces it is filled by the next run (``warehouse.organisations``).
    """
    rows = con.execute(
        "select 1 from duckdb_columns() where database_name = current_database()"
        " and schema_name = 'raw' and table_name = 'organisations' and column_name = 'pattern'"
    ).fetchall()
    if rows:
        con.execute("drop table raw.organisations")
    return bool(rows)


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


# Writers of one DuckLake (``--warehouse ducklake:postgres:…``) run at once. DuckLake
# commits optimistically: its own retries (``ducklake_max_retry_count``) take care of two
# commits that do not touch the same data (two batches appending to a table), and a
# commit that does (two writers replacing one view, updating raw.runs) fails with a
# "Transaction conflict", which ``retry_conflicts`` answers by running the whole
# transaction again on the newer snapshot. An insert that must not duplicate a key
# (the anti-join loads) is not such a conflict by itself: every keyed write first
# updates the one row of ``WRITE_TOKEN``, so two of them that overlap always conflict,
# and the one retried sees the other's rows: the content-hash dedup holds across writers.
T = TypeVar("T")
WRITE_TOKEN = "writers.write_token"
CONFLICT_RETRIES = 200
CONFLICT_WAIT_SECONDS = 0.05  # the first wait; doubled per retry up to 2 s, with jitter
_CONFLICT = re.compile(r"Transaction conflict|Failed to commit DuckLake transaction", re.I)


def is_conflict(exc: BaseException) -> bool:
    """Whether a DuckDB error is a DuckLake commit that met a concurrent one."""
    return isinstance(exc, duckdb.Error) and bool(_CONFLICT.search(str(exc)))


def create_write_token(con: duckdb.DuckDBPyConnection) -> None:
    """The DuckLake's write token: a table of one row every keyed write updates."""
    con.execute("create schema if not exists writers")
    con.execute(f"create table if not exists {WRITE_TOKEN} (writes bigint)")
    con.execute(
        f"insert into {WRITE_TOKEN} select 0 where not exists (select 1 from {WRITE_TOKEN})"
    )


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    with suppress(duckdb.Error):  # a failed DuckLake commit has already ended the transaction
        con.execute("rollback")


def retry_conflicts(con: duckdb.DuckDBPyConnection, work: Callable[[], T]) -> T:
    """``work()``, run again (after a growing, jittered wait) while it meets a DuckLake
    commit conflict, up to ``CONFLICT_RETRIES`` times; any other error is raised."""
    import random

    wait = CONFLICT_WAIT_SECONDS
    for attempt in range(CONFLICT_RETRIES + 1):
        try:
            return work()
        except duckdb.Error as exc:
            if not is_conflict(exc) or attempt == CONFLICT_RETRIES:
                raise
            logger.debug("DuckLake commit conflict, trying again: %s", str(exc).splitlines()[-1])
            time.sleep(wait * (0.5 + random.random()))
            wait = min(wait * 2, 2.0)
    raise AssertionError("unreachable")


def write_transaction(
    con: duckdb.DuckDBPyConnection, work: Callable[[], T], keyed: bool = False
) -> T:
    """``work()`` in one transaction, committed together or not at all.

    On a DuckLake a conflicting commit runs the transaction again (``retry_conflicts``);
    ``keyed`` writes (inserts that must not duplicate a key) take the write token first,
    so that no two of them commit from the same snapshot.
    """
    lake = _in_ducklake(con)

    def attempt() -> T:
        con.execute("begin transaction")
        try:
            if keyed and lake:
                con.execute(f"update {WRITE_TOKEN} set writes = writes + 1")
            result = work()
        except BaseException:
            _rollback(con)
            raise
        con.execute("commit")
        return result

    return retry_conflicts(con, attempt) if lake else attempt()


def _in_ducklake(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "select type from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    return bool(row) and row[0] == "ducklake"


@contextmanager
def open_warehouse(
    path: str | Path,
    read_only: bool = False,
    migrate_first: bool = True,
    rules: RowRules | None = None,
    wait_seconds: float = 0.0,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection migrated with ``rules`` (see ``migrate``), closed on exit.

    ``migrate_first=False`` skips the migration for a connection opened again
    within a run that already migrated (it costs a fraction of a second each time).
    ``wait_seconds``: how long to wait for another process to close the file.
    """
    con = connect(path, read_only=read_only, wait_seconds=wait_seconds)
    try:
        if not read_only and migrate_first:
            migrate(con, rules=rules)
        yield con
    finally:
        con.close()
