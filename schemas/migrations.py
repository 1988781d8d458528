"""Contract for ``migrations``: the schema versions a warehouse was migrated to."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.tables import table_of


class MigrationSchema(pa.DataFrameModel):
    """Grain: one row per schema fingerprint; key ``sql_fingerprint``."""

    sql_fingerprint: str = pa.Field(
        description="SHA-256 of every relation file under warehouse/sql and of the DDL the"
        " schemas derive, names included."
    )
    applied_at: pl.Datetime("us", "UTC") = pa.Field(
        description="When the warehouse was migrated to it."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "migrations",
            "grain": "one row per schema version the warehouse was migrated to",
            "key": ["sql_fingerprint"],
            "comment": "One row per set of .sql files the warehouse was migrated with (grain:"
            " sql_fingerprint). Opening a warehouse already at the current fingerprint skips"
            " the migration.",
            "audited": False,
        }


MIGRATIONS = table_of(MigrationSchema)
