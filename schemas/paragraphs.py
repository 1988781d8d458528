"""Contract for ``paragraphs``: one row per paragraph of an article."""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from newsfacts.model import Article
from schemas.articles import ARTICLE_ID
from schemas.tables import frame_of, table_of

ROLES = ["title", "byline", "body", "heading", "caption", "boilerplate"]


class ParagraphSchema(pa.DataFrameModel):
    """Grain: one row per (article_id, paragraph_index)."""

    article_id: str = pa.Field(description=ARTICLE_ID)
    paragraph_index: pl.Int32 = pa.Field(
        ge=0, description="Position of the paragraph in its article (0-based)."
    )
    start: pl.Int32 = pa.Field(
        ge=0, description="Character offset where the paragraph starts in the article text."
    )
    end: pl.Int32 = pa.Field(
        ge=1,
        description="Character offset where the paragraph ends in the article text (exclusive).",
    )
    role: str = pa.Field(
        isin=ROLES,
        description="Paragraph role: title, byline, body, heading, caption or boilerplate.",
    )
    role_reason: str = pa.Field(
        nullable=True, description="Why the paragraph got its role (the rule that matched)."
    )
    lang: str = pa.Field(
        nullable=True, description="ISO 639-1 language code detected for the paragraph."
    )
    lang_confidence: float = pa.Field(
        nullable=True,
        ge=0.0,
        le=1.0,
        description="Confidence of the language detected for the paragraph (0 to 1).",
    )
    section: str = pa.Field(
        nullable=True,
        description="Heading of the story the paragraph belongs to (for roundups with several"
        " stories).",
    )

    class Config:
        strict = "filter"
        coerce = False
        unique = ["article_id", "paragraph_index"]
        metadata = {
            "table": "paragraphs",
            "grain": "one row per paragraph of an article",
            "key": ["article_id", "paragraph_index"],
            "comment": "One row per paragraph of an article (grain: article_id, paragraph_index).",
        }

    @pa.dataframe_check(name="paragraph_span_is_ordered")
    def paragraph_span_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A paragraph ends after it starts."""
        return data.lazyframe.select(pl.col("end") > pl.col("start"))


PARAGRAPHS = table_of(ParagraphSchema)


def paragraphs_frame(articles: Sequence[Article]) -> pl.DataFrame:
    """One ``paragraphs`` row per paragraph of each article."""
    pairs = [(a, p) for a in articles for p in a.paragraphs]
    return frame_of(
        PARAGRAPHS,
        pairs,
        {
            "article_id": lambda pair: pair[0].article_id,
            "paragraph_index": lambda pair: pair[1].index,
        },
        source=lambda pair: pair[1],
    )
