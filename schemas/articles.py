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

    class Config:
        strict = "filter"
        coerce = False
