"""Locale: the number grammar follows the paragraph's language."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts


def only(text: str, lang: str):
    facts = extract_facts(text, lang)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("5,6 tỷ đồng", "vi", 5.6e9),
        ("1.000 tỷ đồng", "vi", 1e12),
        ("100 nghìn tỷ đồng", "vi", 1e14),
        ("$ 1,17 mil millones", "es", 1.17e9),
        ("$ 12.345", "es", 12345),
        ("$5.00", "es", 5.0),
        ("3,5 Milliarden Euro", "de", 3.5e9),
        ("5 Mio. Euro", "de", 5e6),
        ("2,3 milliards d'euros", "fr", 2.3e9),
        ("1,5 miliardi di euro", "it", 1.5e9),
        ("R$ 5,2 bilhões", "pt", 5.2e9),
        ("VND 4,600 billion", "en", 4.6e12),
        ("$1,000,000", "en", 1e6),
    ],
)
def test_money_number_grammar_by_language(text: str, lang: str, value: float) -> None:
    assert only(text, lang).value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("12,2%", "vi", 12.2),
        ("12,5 Prozent", "de", 12.5),
        ("15 pour cent", "fr", 15),
        ("10 por cento", "pt", 10),
        ("-101231,4323%", "es", -101231.4323),
        ("１２．５％", "zh", 12.5),
    ],
)
def test_percent_number_grammar_by_language(text: str, lang: str, value: float) -> None:
    assert only(text, lang).value == pytest.approx(value)


def test_same_digits_differ_by_language() -> None:
    assert only("1.000 USD", "vi").value == 1000
    assert only("1.000 USD", "en").value == 1.0


def test_full_width_digits_work_without_nfkc() -> None:
    fact = only("一期投资５６亿元", "zh")
    assert (fact.text, fact.value) == ("５６亿元", 5.6e9)


def test_unknown_language_reads_like_english_and_still_knows_chinese() -> None:
    for lang in ("und", None, "", "xx"):
        facts = extract_facts("costs $1.5 billion, 约合108亿元", lang)
        assert [(f.value, f.unit) for f in facts] == [(1.5e9, "USD"), (1.08e10, "CNY")]


def test_language_tags_with_regions() -> None:
    assert only("5,6 tỷ đồng", "vi-VN").value == pytest.approx(5.6e9)
    assert only("百分之三十", "zh-Hans").value == 30
