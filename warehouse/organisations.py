"""``raw.organisations``: the reference table of organisation names, kept in the warehouse.

Each run replaces the rows that come from files (``origin`` seed: the packaged
csv; config: the users' files) with those of the run's table, and keeps the rows
analysts insert by hand (``origin`` manual), which it also reads back, so that
they take part in the run's attribution (``newsfacts.organisations.load_organisations``'s
``extra_rows``). No check or migration touches the rows.
"""

from __future__ import annotations

import duckdb
import polars as pl

from newsfacts.organisations import COLUMNS, OrganisationTable
from schemas import TABLES
from warehouse.db import registered, write_transaction

FROM_FILES: tuple[str, ...] = ("seed", "config")


def manual_organisation_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, str]]:
    """The rows analysts added to ``raw.organisations``, in the csv's columns (null as "")."""
    columns = ", ".join(f"coalesce({c}, '') as {c}" for c in COLUMNS)
    cursor = con.execute(
        f"select {columns} from raw.organisations where origin not in ? order by all",
        [list(FROM_FILES)],
    )
    return [dict(zip(COLUMNS, row, strict=True)) for row in cursor.fetchall()]


def seed_frame(table: OrganisationTable) -> pl.DataFrame:
    """The table's rows from files (seed and config), in ``raw.organisations``' columns."""
    declared = TABLES["organisations"]
    rows = [
        {**{k: v or None for k, v in row.items()}, "origin": alias.origin}
        for alias, row in zip(table.aliases, table.rows(), strict=True)
        if alias.origin in FROM_FILES
    ]
    return pl.DataFrame(rows, schema=declared.frame_schema()).select(declared.column_names)


def replace_organisation_seed(con: duckdb.DuckDBPyConnection, table: OrganisationTable) -> int:
    """Replace the seed and config rows with ``table``'s, in one transaction; rows written.

    Manual rows are left as they are, whatever ``table`` holds.
    """
    frame = seed_frame(table)
    columns = ", ".join(frame.columns)

    def replace() -> None:
        con.execute("delete from raw.organisations where origin in ?", [list(FROM_FILES)])
        con.execute(
            f"insert into raw.organisations ({columns}) select {columns} from __organisations"
        )

    with registered(con, "__organisations", frame.to_arrow()):
        write_transaction(con, replace)  # tried again when another writer replaced them first
    return frame.height
