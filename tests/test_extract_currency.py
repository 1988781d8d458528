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
)
from newsfacts.extract import extract_facts, lexicon


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
    ("text", "lang", "code"),
    [
        ("RMB 5 million", "en", "CNY"),
        ("5 million yuan", "en", "CNY"),
        ("5 triệu nhân dân tệ", "vi", "CNY"),
        ("5亿港元", "zh", "HKD"),
        ("HK$5 million", "en", "HKD"),
        ("5 millones de dólares", "es", "USD"),
        ("5 million finnish markka", "en", "FIM"),
        ("₫5 million", "vi", "VND"),
        ("Rs 5 million", "en", "INR"),
        ("EUR 5 million", "en", "EUR"),
    ],
)
def test_names_symbols_and_codes_resolve_to_their_code(text: str, lang: str, code: str) -> None:
    assert [(f.text, f.unit) for f in extract_facts(text, lang)] == [(text, code)]


@pytest.mark.parametrize("text", ["5 million francs", "5 million pesos", "5 million marks"])
def test_ambiguous_names_are_no_currency(text: str) -> None:
    assert [f for f in extract_facts(text) if f.kind == "money"] == []


def test_ambiguous_codes_are_iso_codes_the_extractor_does_not_read() -> None:
    assert "ALL" in AMBIGUOUS_CODES and "ALL" in ISO_4217_CODES
    assert extract_facts("ALL 5 solutions") == []
