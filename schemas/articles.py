"""Contract for ``articles``: one row per distinct raw document that held text."""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from newsfacts.model import Article
from schemas.tables import frame_of, quarantine_twin, table_of

ARTICLE_ID = "Article key: hash of the article's normalised content (see raw.articles)."
SOURCE_URI = "Where the document came from: file:// URI, URL, or WARC target URI."
CONTENT_HASH = "SHA-256 hex of the document's raw bytes as fetched."
MEDIA_TYPE = "text/plain or text/html, from the file suffix or content sniffing."


class ArticleSchema(pa.DataFrameModel):
    """Grain: one row per article (distinct raw content); key ``article_id``."""

    article_id: str = pa.Field(
        unique=True, str_length={"min_value": 16, "max_value": 16}, description=ARTICLE_ID
    )
    source_uri: str = pa.Field(description=SOURCE_URI)
    content_hash: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description=CONTENT_HASH)
    media_type: str = pa.Field(isin=["text/plain", "text/html"], description=MEDIA_TYPE)
    title: str = pa.Field(
        nullable=True,
        description="Article headline, from HTML metadata or the first title line; null when none.",
    )
    published_at: pl.Datetime("us") = pa.Field(
        nullable=True,
        description="Publication timestamp found in the article; null when the article states"
        " none.",
    )
    publisher: str = pa.Field(
        nullable=True, description="Site or outlet name found in the article's metadata."
    )
    author: str = pa.Field(
        nullable=True, description="Byline author found in the article's metadata."
    )
    lang: str = pa.Field(
        nullable=True,
        description="ISO 639-1 language code (of the article, or of the fact's paragraph for"
        " facts).",
    )
    is_mixed_language: bool = pa.Field(
        description="True when paragraphs are in more than one language."
    )
    is_translated: bool = pa.Field(
        description="True when the article shows evidence of machine or human translation."
    )
    translation_evidence: pl.List(pl.String) = pa.Field(
        nullable=True, description="The cues that marked the article as translated."
    )
    fingerprint: str = pa.Field(
        nullable=True, description="MinHash fingerprint of the text, for near-duplicate detection."
    )
    text: str = pa.Field(
        str_length={"min_value": 1},
        description="Normalised article text; every fact span indexes into it.",
    )
    count_paragraphs: pl.Int32 = pa.Field(
        ge=1, description="Number of paragraphs the article was split into."
    )
    published_at_source: str = pa.Field(
        nullable=True, description="The text or metadata value published_at was read from."
    )
    duplicate_of: str = pa.Field(
        nullable=True,
        description="For a near-duplicate of an article loaded earlier (same story, another"
        " site) stating no figure it lacks: that article's article_id; its facts are not loaded"
        " twice. Null for an original or a revision.",
    )
    revision_of: str = pa.Field(
        nullable=True,
        description="For a revision (a near-duplicate of an article loaded earlier stating a"
        " figure that one does not: a correction, an update): that article's article_id, the"
        " story's first version; its facts are loaded, and the marts show the latest version's"
        " (main.revisions, main.fact_changes). Null for an original or a duplicate.",
    )
    warnings: pl.List(pl.String) = pa.Field(
        nullable=True,
        description="What normalisation had to repair or guess (decoding, mojibake,"
        " undecodable bytes).",
    )

    class Config:
        strict = "filter"
        coerce = False
        metadata = {
            "table": "articles",
            "grain": "one row per article",
            "key": ["article_id"],
            "comment": "One row per article (grain: article_id). Normalised text and metadata"
            " of each distinct document.",
        }

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


ARTICLES = table_of(ArticleSchema)
QUARANTINED_ARTICLES = quarantine_twin(
    ARTICLES,
    "quarantined_articles",
    "One row per article that failed its contract (grain: article_id).",
    keep=["article_id", "source_uri", "content_hash", "title"],
)


def articles_frame(articles: Sequence[Article]) -> pl.DataFrame:
    """One ``articles`` row per article."""
    return frame_of(ARTICLES, articles, {"count_paragraphs": lambda a: len(a.paragraphs)})
