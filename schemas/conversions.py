"""The ``fact_conversions`` table: its columns, and its rows for one batch.

Finding and pricing the stated conversions is ``newsfacts.conversions``; the
fact contract (``schemas.facts``) quarantines a conversion off the ECB rate by
more than ``RowRules.conversion_tolerance``.
"""

from __future__ import annotations

import polars as pl

from newsfacts.conversions import price_conversions
from newsfacts.dq_config import RowRules
from schemas.fact_conversions import FACT_CONVERSIONS

FACT_CONVERSION_COLUMNS: dict[str, pl.DataType] = FACT_CONVERSIONS.frame_schema()


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
