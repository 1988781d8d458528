"""The currency lexicon: every name and symbol maps to an ISO 4217 code."""

from __future__ import annotations

import pytest

from newsfacts.currency import (
    ACTIVE_CODES,
    AMBIGUOUS_CODES,
    CODE_ALIASES,
    ISO_4217_CODES,
    NAMES,
    READ_CODES,
    SYMBOLS,
    WITHDRAWN_CODES,
    code_for_name,
    is_iso_code,
)
from newsfacts.extract import lexicon


def test_every_mapping_lands_on_an_iso_code() -> None:
    for table in (NAMES, SYMBOLS, CODE_ALIASES, lexicon._PREFIX_QUAL):
        assert set(table.values()) <= ISO_4217_CODES, set(table.values()) - ISO_4217_CODES


def test_every_code_the_extractor_reads_is_an_iso_code() -> None:
    assert READ_CODES <= ISO_4217_CODES, READ_CODES - ISO_4217_CODES
    assert not READ_CODES & AMBIGUOUS_CODES


def test_the_withdrawn_codes_read_are_codes_babel_knows_as_withdrawn() -> None:
    assert WITHDRAWN_CODES <= ISO_4217_CODES, WITHDRAWN_CODES - ISO_4217_CODES
    assert not WITHDRAWN_CODES & ACTIVE_CODES, WITHDRAWN_CODES & ACTIVE_CODES
    assert {"SLE", "ZWG", "VES", "USD"} <= ACTIVE_CODES


def test_codes_are_three_upper_case_letters_and_include_withdrawn_ones() -> None:
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in ISO_4217_CODES)
    assert {"USD", "CNY", "HKD", "VND", "INR", "EUR", "JPY"} <= ISO_4217_CODES
    assert {"FIM", "ESP", "NLG", "DEM", "FRF", "ITL"} <= ISO_4217_CODES
    assert "RMB" not in ISO_4217_CODES and "BTC" not in ISO_4217_CODES
    assert isinstance(ISO_4217_CODES, frozenset)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("RMB", "CNY"),
        ("yuan", "CNY"),
        ("nhân dân tệ", "CNY"),
        ("港元", "HKD"),
        ("HK$", "HKD"),
        ("dólares", "USD"),
        ("finnish markka", "FIM"),
        ("₫", "VND"),
        ("Rs", "INR"),
        ("EUR", "EUR"),
    ],
)
def test_code_for_name(name: str, code: str) -> None:
    assert code_for_name(name) == code


def test_ambiguous_names_have_no_code() -> None:
    assert code_for_name("francs") is None
    assert code_for_name("pesos") is None
    assert code_for_name("marks") is None
    assert "ALL" in AMBIGUOUS_CODES and is_iso_code("ALL")
    assert not is_iso_code("usd") and not is_iso_code(None)
