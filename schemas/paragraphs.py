"""Contract for ``paragraphs``: one row per paragraph of an article."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class ParagraphSchema(pa.DataFrameModel):
    """Grain: one row per (article_id, paragraph_index)."""

    article_id: str = pa.Field()
    paragraph_index: pl.Int32 = pa.Field(ge=0)
    start: pl.Int32 = pa.Field(ge=0)
    end: pl.Int32 = pa.Field(ge=1)
    role: str = pa.Field(isin=["title", "byline", "body", "heading", "caption", "boilerplate"])
    role_reason: str = pa.Field(nullable=True)
    lang: str = pa.Field(nullable=True)
    lang_confidence: float = pa.Field(nullable=True, ge=0.0, le=1.0)
    section: str = pa.Field(nullable=True)

    class Config:
        strict = "filter"
        coerce = False
        unique = ["article_id", "paragraph_index"]

    @pa.dataframe_check(name="paragraph_span_is_ordered")
    def paragraph_span_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A paragraph ends after it starts."""
        return data.lazyframe.select(pl.col("end") > pl.col("start"))
