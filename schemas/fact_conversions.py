"""Contract for ``fact_conversions``: each stated currency conversion, priced at the ECB."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.tables import table_of


class FactConversionSchema(pa.DataFrameModel):
    """Grain: one row per stated conversion (the parenthetical fact); key ``fact_id``."""

    fact_id: str = pa.Field(
        description="The conversion: the parenthetical fact, as $151 million in HK$1.18 billion"
        " ($151 million)."
    )
    original_fact_id: str = pa.Field(
        description="The amount the conversion restates (facts.fact_id or"
        " quarantined_facts.fact_id)."
    )
    article_id: str = pa.Field(description="The article both facts are in.")
    value_from: float = pa.Field(
        nullable=True, description="The original amount, in units of unit_from."
    )
    unit_from: str = pa.Field(nullable=True, description="ISO 4217 code of the original amount.")
    value_to: float = pa.Field(
        nullable=True, description="The stated converted amount, in units of unit_to."
    )
    unit_to: str = pa.Field(nullable=True, description="ISO 4217 code of the stated conversion.")
    published_on: pl.Date = pa.Field(
        nullable=True,
        description="The article's publication date, whose ECB rate the conversion is judged"
        " by; null if undated.",
    )
    rate: float = pa.Field(
        nullable=True,
        description="Units of unit_to per unit_from used for the judgement (ECB cross rate via"
        " the euro).",
    )
    rate_date: pl.Date = pa.Field(
        nullable=True,
        description="The ECB publication day of rate; null when judged against the whole history.",
    )
    rate_basis: str = pa.Field(
        nullable=True,
        description="published_date, previous_business_day, nearest_bound or history_range"
        " (undated article).",
    )
    expected_value_to: float = pa.Field(nullable=True, description="value_from converted at rate.")
    relative_deviation: float = pa.Field(
        nullable=True, description="value_to / expected_value_to - 1."
    )
    tolerance: float = pa.Field(
        description="The largest absolute relative_deviation accepted (dq.toml"
        " rows.conversion_tolerance)."
    )
    is_within_tolerance: bool = pa.Field(
        nullable=True,
        description="Whether the stated conversion agrees with the ECB; null when it could not"
        " be priced.",
    )
    linked_by: str = pa.Field(
        description="extractor (conversion_of_fact_id) or adjacency (only a bracket between the"
        " two amounts)."
    )
    note: str = pa.Field(
        nullable=True,
        description="Why a pair was not priced, or how it was (e.g. no ECB rate for VND).",
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "fact_conversions",
            "grain": "one row per stated currency conversion",
            "key": ["fact_id"],
            "comment": "One row per stated currency conversion priced at the ECB rate of the"
            " publication day (grain: fact_id of the conversion).",
        }


FACT_CONVERSIONS = table_of(FactConversionSchema)
