"""Percent facts: signs and words in four languages, Chinese forms, ranges, broken ones."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts


def only(text: str, lang: str = "en"):
    facts = extract_facts(text, lang)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "lang", "span", "value"),
    [
        ("With only 10% of training data", "en", "10%", 10),
        ("a 0.3% market share", "en", "0.3%", 0.3),
        ("grew 42.2 percent year-on-year", "en", "42.2 percent", 42.2),
        ("up to 40 per cent of the cost", "en", "40 per cent", 40),
        ("rose 10.7 % last year", "en", "10.7 %", 10.7),
        ("down 2 percentage points", "en", "2 percentage points", 2),
        ("twenty percent of them", "en", "twenty percent", 20),
        ("just need minus five percent", "en", "minus five percent", -5),
        ("a loss of -22.2%", "en", "-22.2%", -22.2),
        ("毛利率约为３０％", "zh", "３０％", 30),
        ("同比增长百分之三十以上", "zh", "百分之三十", 30),
        ("上架率已达百分之八十五", "zh", "百分之八十五", 85),
        ("千分之二点四", "zh", "千分之二点四", 0.24),
        ("提高了２．４个百分点", "zh", "２．４个百分点", 2.4),
        ("商品打九折", "zh", "九折", 90),
        ("全场七五折", "zh", "七五折", 75),
        ("七成的用户", "zh", "七成", 70),
        ("负3.9%", "zh", "负3.9%", -3.9),
        ("thấp hơn khoảng 30 phần trăm", "vi", "30 phần trăm", 30),
        ("tăng trưởng 12,2% mỗi năm", "vi", "12,2%", 12.2),
        ("un aumento del 8 por ciento", "es", "8 por ciento", 8),
        ("treinta y cinco por ciento", "es", "treinta y cinco por ciento", 35),
        ("subió 4,800%", "es", "4,800%", 4.8),
    ],
)
def test_percent_forms(text: str, lang: str, span: str, value: float) -> None:
    fact = only(text, lang)
    assert (fact.kind, fact.text, fact.unit, fact.status) == ("percent", span, "%", "valid")
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "lang", "span", "low", "high"),
    [
        ("held about 50%-55% share of the market", "en", "50%-55%", 50, 55),
        ("lower the cost from 30% to 40%", "en", "30% to 40%", 30, 40),
        ("between 20 and 25 percent of revenue", "en", "between 20 and 25 percent", 20, 25),
        ("a rise of 4 to 5 per cent", "en", "4 to 5 per cent", 4, 5),
        ("from 50 to 80% to flow", "en", "50 to 80%", 50, 80),
        ("电价比东部地区低30%至40%", "zh", "30%至40%", 30, 40),
        ("entre 20 y 25 por ciento", "es", "entre 20 y 25 por ciento", 20, 25),
    ],
)
def test_percent_ranges(text: str, lang: str, span: str, low: float, high: float) -> None:
    fact = only(text, lang)
    assert (fact.text, fact.value, fact.value_high) == (span, low, high)


def test_a_change_downwards_is_not_a_range() -> None:
    facts = extract_facts("the share fell from 40% to 30%")
    assert [(f.value, f.value_high) for f in facts] == [(40, None), (30, None)]


def test_percent_above_100_is_allowed() -> None:
    assert only("revenue grew 240 percent").value == 240


def test_bare_percent_sign_is_quarantined() -> None:
    fact = only("the share rose by % in 2020")
    assert (fact.kind, fact.text, fact.status, fact.value) == ("percent", "%", "quarantined", None)
    assert fact.reason


def test_a_percent_sign_naming_a_unit_is_not_broken() -> None:
    assert extract_facts("market share in %") == []
    assert extract_facts("Share (%)") == []


def test_vague_chinese_numeral_is_quarantined() -> None:
    fact = only("增长了百分之二三十", "zh")
    assert fact.status == "quarantined" and fact.value is None


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("see https://www.test.com/search?q=30%25%2020% for details", "en"),
        ("the gap is more than double", "en"),
        ("a fifth of the budget", "en"),
        ("对折后放入盒中", "zh"),
        ("项目建成后成本下降", "zh"),
        ("五百分之2.2", "zh"),
    ],
)
def test_not_percent(text: str, lang: str) -> None:
    assert extract_facts(text, lang) == []


def test_hyphenated_percent_word() -> None:
    assert only("took a 10-percent stake").value == 10


def test_spanish_fractions_and_decimals_in_words() -> None:
    assert only("tres quintos por ciento", "es").value == pytest.approx(0.6)
    assert only("cuarenta y siete coma veintiocho por ciento", "es").value == pytest.approx(47.28)
    assert only("1 sobre 3 por ciento", "es").value == pytest.approx(1 / 3)
    assert only("3/4%", "es").value == pytest.approx(0.75)
