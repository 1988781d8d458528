"""The ``fact_conversions`` table: its columns, and its rows for one batch.

Finding and pricing the stated conversions is ``newsfacts.conversions``; the
fact contract (``schemas.facts``) quarantines a conversion off the ECB rate by
more than ``RowRules.conversion_tolerance``.
"""

from __future__ import annotations

import polars as pl

from newsfacts.conversions import price_conversions
from schemas.config import RowRules

# Grain: one row per stated conversion (the parenthetical fact); key ``fact_id``.
FACT_CONVERSION_COLUMNS: dict[str, pl.DataType] = {
    "fact_id": pl.String(),
    "original_fact_id": pl.String(),
    "article_id": pl.String(),
    "value_from": pl.Float64(),
    "unit_from": pl.String(),
    "value_to": pl.Float64(),
    "unit_to": pl.String(),
    "published_on": pl.Date(),
    "rate": pl.Float64(),
    "rate_date": pl.Date(),
    "rate_basis": pl.String(),
    "expected_value_to": pl.Float64(),
    "relative_deviation": pl.Float64(),
    "tolerance": pl.Float64(),
    "is_within_tolerance": pl.Boolean(),
    "linked_by": pl.String(),
    "note": pl.String(),
}


def conversions_frame(facts: pl.DataFrame, articles: pl.DataFrame, rules: RowRules) -> pl.DataFrame:
    """One row per stated conversion among ``facts``, priced at the ECB rate."""
    rows = price_conversions(
        facts,
        texts=dict(zip(articles["article_id"], articles["text"], strict=True)),
        published=dict(zip(articles["article_id"], articles["published_at"], strict=True)),
        tolerance=rules.conversion_tolerance,
        max_gap_days=rules.conversion_max_gap_days,
    )
    return pl.DataFrame(rows, schema=FACT_CONVERSION_COLUMNS)
