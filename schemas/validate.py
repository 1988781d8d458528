"""Row-level quarantine on top of pandera's lazy validation."""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl


class SchemaDriftError(Exception):
    """The frame's shape is wrong (missing column, wrong dtype): no row can be trusted."""


@dataclass(frozen=True, slots=True)
class Validated:
    """A frame split into rows that passed and rows that failed, with reasons."""

    good: pl.DataFrame
    quarantined: pl.DataFrame  # the input columns plus ``failed_checks`` and ``reason``


def split_valid(frame: pl.DataFrame, model: type[pa.DataFrameModel]) -> Validated:
    """Validate ``frame`` eagerly and lazily; failing rows are quarantined, not dropped.

    A row's ``failed_checks`` names each check it failed: a frame-level check by
    its name (``text_matches_article``), a column check as ``column:check``
    (``fact_id:unique``, ``kind:isin(...)``). Schema-level failures (a missing
    column, a wrong dtype) cannot be pinned to rows and raise ``SchemaDriftError``.
    """
    indexed = frame.with_row_index("__row")
    try:
        # pandera collects one small query per check; the in-memory engine starts a
        # query several times faster than the streaming one polars picks by default.
        # The setting is process-wide: batches validated at once on threads may see
        # either engine, which changes how fast, never what is found.
        with pl.Config(engine_affinity="in-memory"):
            model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        unpinned = cases.filter(pl.col("index").is_null())
        if unpinned.height:
            summary = "; ".join(
                f"{r['column']}: {r['check']} ({r['failure_case']})"
                for r in unpinned.head(5).iter_rows(named=True)
            )
            raise SchemaDriftError(f"{model.__name__}: {summary}") from exc
        reasons = (
            cases.with_columns(
                pl.when(pl.col("schema_context") == "DataFrameSchema")
                .then(pl.col("check"))
                .otherwise(
                    pl.format(
                        "{}:{}",
                        pl.col("column"),
                        pl.col("check").replace({"field_uniqueness": "unique"}),
                    )
                )
                .alias("failed_check")
            )
            .group_by(pl.col("index").cast(pl.UInt32).alias("__row"))
            .agg(pl.col("failed_check").unique().sort().alias("failed_checks"))
        )
        bad = indexed.join(reasons, on="__row", how="inner").sort("__row")
        good = indexed.join(reasons, on="__row", how="anti").sort("__row")
        quarantined = bad.drop("__row").with_columns(
            pl.col("failed_checks").list.join("; ").alias("reason")
        )
        return Validated(good.drop("__row"), quarantined)
    empty = frame.clear().with_columns(
        pl.lit(None, pl.List(pl.String)).alias("failed_checks"),
        pl.lit(None, pl.String).alias("reason"),
    )
    return Validated(frame, empty)
