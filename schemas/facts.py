"""Contract for ``facts``: one row per numeric mention in an article."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from newsfacts.model import FACT_KINDS


class FactSchema(pa.DataFrameModel):
    """Grain: one row per fact mention (article, kind, start, end); key ``fact_id``."""

    fact_id: str = pa.Field(unique=True, str_length={"min_value": 16, "max_value": 16})
    article_id: str = pa.Field(nullable=False)
    kind: str = pa.Field(isin=list(FACT_KINDS))
    text: str = pa.Field(str_length={"min_value": 1})
    start: pl.Int32 = pa.Field(ge=0)
    end: pl.Int32 = pa.Field(ge=1)
    value: float = pa.Field(nullable=True)
    value_high: float = pa.Field(nullable=True)
    unit: str = pa.Field(nullable=True)
    status: str = pa.Field(isin=["valid", "quarantined"])
    reason: str = pa.Field(nullable=True)
    qualifier: str = pa.Field(nullable=True)
    conversion_of_fact_id: str = pa.Field(nullable=True)
    paragraph_index: pl.Int32 = pa.Field(nullable=True)
    paragraph_role: str = pa.Field(nullable=True)
    section: str = pa.Field(nullable=True)
    lang: str = pa.Field(nullable=True)
    extractor_version: str = pa.Field()

    class Config:
        strict = True
        coerce = False

    @pa.dataframe_check
    def span_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A span ends after it starts and is as long as its text."""
        return data.lazyframe.select(
            (pl.col("end") > pl.col("start"))
            & ((pl.col("end") - pl.col("start")) == pl.col("text").str.len_chars())
        )

    @pa.dataframe_check
    def valid_fact_has_value_and_unit(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A fact marked valid carries a number and a unit; a quarantined one carries a reason."""
        valid = pl.col("status") == "valid"
        return data.lazyframe.select(
            pl.when(valid)
            .then(pl.col("value").is_not_null() & pl.col("unit").is_not_null())
            .otherwise(pl.col("reason").is_not_null())
        )

    @pa.dataframe_check
    def unit_matches_kind(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """FLOPS for compute, % for percent, a three-letter code for money."""
        unit = pl.col("unit")
        return data.lazyframe.select(
            unit.is_null()
            | pl.when(pl.col("kind") == "compute")
            .then(unit == "FLOPS")
            .when(pl.col("kind") == "percent")
            .then(unit == "%")
            .otherwise(unit.str.contains(r"^[A-Z]{3}$"))
        )

    @pa.dataframe_check
    def range_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """``value_high`` is at least ``value`` when both are set."""
        return data.lazyframe.select(
            pl.col("value_high").is_null()
            | pl.col("value").is_null()
            | (pl.col("value_high") >= pl.col("value"))
        )
