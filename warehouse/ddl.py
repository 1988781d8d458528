"""The raw layer's DDL and comments, rendered from the tables ``schemas`` declares.

A raw table is declared once, by its pandera model (``schemas.TABLES``). From it
come ``create table if not exists``, one ``add column if not exists`` per column
(so a warehouse made before a column was added gains it on migrate, rows kept),
and a ``comment on`` for the table and each column.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import duckdb
import polars as pl

from schemas import TABLES
from schemas.tables import Column, Table

_SCALARS: dict[type[pl.DataType], str] = {
    pl.String: "varchar",
    pl.Int32: "integer",
    pl.Int64: "bigint",
    pl.Float64: "double",
    pl.Boolean: "boolean",
    pl.Date: "date",
    pl.Binary: "blob",
}


def sql_type(dtype: pl.DataType) -> str:
    """The DuckDB type of a polars type, as the raw tables store it."""
    if isinstance(dtype, type):
        dtype = dtype()
    if isinstance(dtype, pl.List):
        return f"{sql_type(dtype.inner)}[]"
    if isinstance(dtype, pl.Datetime):
        return "timestamp with time zone" if dtype.time_zone else "timestamp"
    for polars_type, name in _SCALARS.items():
        if isinstance(dtype, polars_type):
            return name
    raise TypeError(f"no DuckDB type for {dtype}")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table(table: Table, keys: bool = True) -> str:
    """``create table if not exists raw.<name>``; ``keys=False`` leaves out a primary key."""
    lines = [
        f"    {quote(c.name)} {sql_type(c.dtype)}{_default(c)}{'' if c.nullable else ' not null'}"
        for c in table.columns
    ]
    if keys and table.primary_key:
        lines.append(f"    primary key ({', '.join(quote(k) for k in table.key)})")
    body = ",\n".join(lines)
    return f"create table if not exists raw.{table.name} (\n{body}\n);"


def _default(column: Column) -> str:
    return "" if column.default is None else f" default {literal(column.default)}"


def add_columns(table: Table) -> list[str]:
    """One ``add column if not exists`` per column: older warehouses gain new columns.

    A column added so is nullable whatever its declaration, as the rows already
    there have no value for it.
    """
    return [
        f"alter table raw.{table.name} add column if not exists {quote(c.name)} "
        f"{sql_type(c.dtype)}{_default(c)};"
        for c in table.columns
    ]


def comments(table: Table) -> list[str]:
    """``comment on`` the table and every column, from the model's descriptions."""
    return [
        f"comment on table raw.{table.name} is {literal(table.comment)};",
        *(
            f"comment on column raw.{table.name}.{quote(c.name)} is {literal(c.description)};"
            for c in table.columns
        ),
    ]


def table_ddl(table: Table, keys: bool = True) -> list[str]:
    """The statements that create ``table`` or bring an older one up to its declaration."""
    return [create_table(table, keys), *add_columns(table)]


def raw_ddl(keys: bool = True) -> list[str]:
    """Every raw table's DDL, in ``schemas.TABLES`` order."""
    return [statement for table in TABLES.values() for statement in table_ddl(table, keys)]


def raw_comments() -> list[str]:
    """Every raw table's comments."""
    return [statement for table in TABLES.values() for statement in comments(table)]


def declaration_mismatches(con: duckdb.DuckDBPyConnection, with_comments: bool = True) -> list[str]:
    """Every way the warehouse's raw tables differ from their declarations, in words.

    A missing or unexpected column, a wrong type, a ``not null`` that differs, and
    (``with_comments``) a table or column comment that differs from the model's
    description. A declared table the warehouse lacks is one mismatch.
    """
    rows = con.execute(
        "select table_name, column_name, data_type, is_nullable = 'YES'"
        " from information_schema.columns"
        " where table_schema = 'raw' and table_catalog = current_database()"
    ).fetchall()
    actual: dict[str, dict[str, tuple[str, bool]]] = {}
    for table, column, dtype, nullable in rows:
        actual.setdefault(table, {})[column] = (dtype.lower(), nullable)
    found_comments = _comments(con) if with_comments else {}
    mismatches = []
    for table in TABLES.values():
        columns = actual.get(table.name)
        if columns is None:
            mismatches.append(f"missing table raw.{table.name}")
            continue
        for c in table.columns:
            where = f"raw.{table.name}.{c.name}"
            if c.name not in columns:
                mismatches.append(f"missing {where}")
                continue
            dtype, nullable = columns[c.name]
            if dtype != sql_type(c.dtype):
                mismatches.append(f"{where} is {dtype}, declared {sql_type(c.dtype)}")
            if nullable != c.nullable:
                mismatches.append(
                    f"{where} is {'nullable' if nullable else 'not null'}, declared "
                    f"{'nullable' if c.nullable else 'not null'}"
                )
            if with_comments and found_comments.get((table.name, c.name)) != c.description:
                mismatches.append(
                    f"{where} comment {found_comments.get((table.name, c.name))!r} differs from"
                    f" its declaration {c.description!r}"
                )
        declared = set(table.column_names)
        mismatches.extend(
            f"unexpected raw.{table.name}.{name}"
            for name in sorted(columns)
            if name not in declared
        )
        if with_comments and found_comments.get((table.name, None)) != table.comment:
            mismatches.append(f"raw.{table.name} table comment differs from its declaration")
    return mismatches


def _comments(con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str | None], str | None]:
    found: dict[tuple[str, str | None], str | None] = {}
    for table, comment in con.execute(
        "select table_name, comment from duckdb_tables()"
        " where schema_name = 'raw' and database_name = current_database()"
    ).fetchall():
        found[(table, None)] = comment
    for table, column, comment in con.execute(
        "select table_name, column_name, comment from duckdb_columns()"
        " where schema_name = 'raw' and database_name = current_database()"
    ).fetchall():
        found[(table, column)] = comment
    return found


def described_by(schema: str, view: str) -> Table | None:
    """The declared table whose columns a view passes through: ``stg_<t>`` and ``main.<t>``."""
    if schema == "staging" and view.startswith("stg_"):
        return TABLES.get(view.removeprefix("stg_"))
    if schema == "main":
        return TABLES.get(view)
    return None


def _view_columns(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str, str, str | None]]:
    return con.execute(
        "select c.schema_name, c.table_name, c.column_name, c.data_type, c.comment"
        " from duckdb_columns() as c join duckdb_views() as v"
        " on v.database_name = c.database_name and v.schema_name = c.schema_name"
        " and v.view_name = c.table_name"
        " where c.database_name = current_database() and c.schema_name in ('staging', 'main')"
        " and not v.internal order by all"
    ).fetchall()


def inherited_comments(
    con: duckdb.DuckDBPyConnection, reads: Mapping[str, Iterable[str]] | None = None
) -> list[str]:
    """``comment on`` for each view column its file leaves undescribed, from what it passes on.

    A view passing a declared column through (``stg_facts.value``, ``facts.value``)
    takes the column's description from the model. Otherwise, with ``reads`` (each
    view's ``schema.name``, in build order, to the relations it reads), it takes the
    description of the same-named column of a view it reads (``investments.amount``
    from ``money_claims.amount``), once that one has its own. A view's file
    describes only the columns it adds or means otherwise.
    """
    described: dict[tuple[str, str], str] = {}
    missing: dict[str, list[str]] = {}
    for schema, view, column, _, comment in _view_columns(con):
        if comment:
            described[(f"{schema}.{view}", column)] = comment
        else:
            missing.setdefault(f"{schema}.{view}", []).append(column)
    order = list(reads or {})
    statements = []
    for name in sorted(missing, key=lambda n: (order.index(n) if n in order else -1, n)):
        schema, view = name.split(".", 1)
        table = described_by(schema, view)
        for column in missing[name]:
            if table is not None and column in table.column_names:
                comment = table.column(column).description
            else:
                found = (described.get((r, column)) for r in (reads or {}).get(name, ()))
                comment = next((c for c in found if c), None)
            if comment is None:
                continue
            described[(name, column)] = comment
            statements.append(
                f"comment on column {schema}.{view}.{quote(column)} is {literal(comment)};"
            )
    return statements


def view_mismatches(con: duckdb.DuckDBPyConnection) -> list[str]:
    """How the staging and mart views differ from the declarations they pass through.

    A view column of a declared table with another type or another description than
    the declaration, and any view column with no description at all.
    """
    mismatches = []
    for schema, view, column, dtype, comment in _view_columns(con):
        where = f"{schema}.{view}.{column}"
        table = described_by(schema, view)
        declared = table.column(column) if table and column in table.column_names else None
        if not comment:
            mismatches.append(f"{where} has no comment")
        elif declared is not None and comment != declared.description:
            mismatches.append(
                f"{where} comment {comment!r} differs from its declaration {declared.description!r}"
            )
        if declared is not None and dtype.lower() != sql_type(declared.dtype):
            mismatches.append(f"{where} is {dtype.lower()}, declared {sql_type(declared.dtype)}")
    return mismatches
