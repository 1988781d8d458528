"""Validating one processed batch: every row either passes its contract or is quarantined."""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from newsfacts.pipeline import (
    Batch,
    articles_frame,
    facts_frame,
    ingest_errors_frame,
    paragraphs_frame,
    raw_documents_frame,
)
from schemas.articles import ArticleSchema
from schemas.facts import FactSchema
from schemas.paragraphs import ParagraphSchema
from schemas.validate import split_valid


@dataclass(frozen=True, slots=True)
class ValidatedBatch:
    """Frames ready to load, keyed by raw table name, plus ingest errors."""

    frames: dict[str, pl.DataFrame]
    ingest_errors: pl.DataFrame

    @property
    def count_facts(self) -> int:
        return self.frames["facts"].height

    @property
    def count_quarantined(self) -> int:
        return self.frames["quarantined_facts"].height


def _quarantine(frame: pl.DataFrame, check: str, reason: pl.Expr) -> pl.DataFrame:
    return frame.with_columns(
        pl.concat_list(pl.lit(check)).alias("failed_checks"), reason.alias("reason")
    )


def validate_batch(batch: Batch, extractor_version: str) -> ValidatedBatch:
    """Split a batch's rows into loadable frames and quarantined rows with reasons."""
    articles = split_valid(articles_frame(batch.articles), ArticleSchema)
    bad_article_ids = articles.quarantined["article_id"]

    facts = facts_frame(batch.articles, batch.facts, extractor_version)
    of_bad_articles = facts.filter(pl.col("article_id").is_in(bad_article_ids.implode()))
    facts = facts.filter(~pl.col("article_id").is_in(bad_article_ids.implode()))
    broken = facts.filter(pl.col("status") == "quarantined")
    checked = split_valid(facts.filter(pl.col("status") == "valid"), FactSchema)

    quarantined_facts = pl.concat(
        [
            _quarantine(broken, "extract:broken_mention", pl.col("reason")),
            _quarantine(
                of_bad_articles, "article:quarantined", pl.lit("its article failed its contract")
            ),
            checked.quarantined.with_columns(pl.lit("quarantined").alias("status")),
        ],
        how="diagonal_relaxed",
    )
    paragraphs = split_valid(
        paragraphs_frame(batch.articles).filter(
            ~pl.col("article_id").is_in(bad_article_ids.implode())
        ),
        ParagraphSchema,
    )
    return ValidatedBatch(
        frames={
            "raw_documents": raw_documents_frame(batch.raws),
            "articles": articles.good,
            "paragraphs": paragraphs.good,
            "facts": checked.good,
            "quarantined_facts": quarantined_facts,
            "quarantined_articles": articles.quarantined,
        },
        ingest_errors=ingest_errors_frame(batch.errors),
    )
