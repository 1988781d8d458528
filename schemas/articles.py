"""Contract for ``articles``: one row per distinct raw document that held text."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl


class ArticleSchema(pa.DataFrameModel):
    """Grain: one row per article (distinct raw content); key ``article_id``."""

    article_id: str = pa.Field(unique=True, str_length={"min_value": 16, "max_value": 16})
    source_uri: str = pa.Field()
    content_hash: str = pa.Field(str_matches=r"^[0-9a-f]{64}$")
    media_type: str = pa.Field(isin=["text/plain", "text/html"])
    title: str = pa.Field(nullable=True)
    published_at: pl.Datetime = pa.Field(nullable=True)
    publisher: str = pa.Field(nullable=True)
    author: str = pa.Field(nullable=True)
    lang: str = pa.Field(nullable=True)
    is_mixed_language: bool = pa.Field()
    is_translated: bool = pa.Field()
    translation_evidence: pl.List(pl.String) = pa.Field(nullable=True)
    fingerprint: str = pa.Field(nullable=True)
    text: str = pa.Field(str_length={"min_value": 1})
    count_paragraphs: pl.Int32 = pa.Field(ge=1)
    published_at_source: str = pa.Field(nullable=True)
    duplicate_of: str = pa.Field(nullable=True)
    warnings: pl.List(pl.String) = pa.Field(nullable=True)

    class Config:
        strict = "filter"
        coerce = False

    @pa.dataframe_check(name="article_id_is_content_hash_prefix")
    def article_id_is_content_hash_prefix(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """The id is derived from the content: the first 16 hex digits of its sha256."""
        return data.lazyframe.select(
            pl.col("content_hash").str.slice(0, 16) == pl.col("article_id")
        )

    @pa.dataframe_check(name="count_paragraphs_fits_text")
    def count_paragraphs_fits_text(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """No more paragraphs than characters: each paragraph spans some text."""
        return data.lazyframe.select(pl.col("count_paragraphs") <= pl.col("text").str.len_chars())
