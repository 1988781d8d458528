"""Number grammar: locale digits, Chinese numerals, English and Spanish number words."""

from __future__ import annotations

import pytest

from newsfacts.extract.numbers import (
    fold_text,
    parse_digits,
    parse_en_words,
    parse_es_words,
    parse_zh,
    parse_zh_prefix,
)


@pytest.mark.parametrize(
    ("raw", "comma", "value"),
    [
        ("3,740", False, 3740),
        ("1,234,567.5", False, 1234567.5),
        ("10 000", False, 10000),
        ("5,6", True, 5.6),
        ("1.000", True, 1000),
        ("1.234.567,51274", True, 1234567.51274),
        ("4,800", True, 4.8),
        ("5.00", True, 5.0),  # two decimals cannot be a thousands group
        (",08", True, 0.08),
        ("1e10", False, 1e10),
        ("1,1^23", True, 1.1**23),
        ("3/4", False, 0.75),
    ],
)
def test_digits_follow_the_locale(raw: str, comma: bool, value: float) -> None:
    assert parse_digits(raw, comma) == pytest.approx(value)


def test_digits_never_overflow() -> None:
    assert parse_digits("1e999", False) is None
    assert parse_digits("9^99999", False) is None
    assert parse_digits("5/0", False) is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("十五", 15),
        ("一百五十", 150),
        ("一千零五", 1005),
        ("七十五万", 750000),
        ("一万亿", 1e12),
        ("百亿亿", 1e18),
        ("亿亿", 1e16),
        ("四十九兆九千五百九十二亿", 4.99592e13),
        ("一百二十点五", 120.5),
        ("两", 2),
        ("三八", 38),  # digits read one by one
        ("一百五", 150),  # colloquial: the unit after 五 is implied
    ],
)
def test_chinese_numerals(numeral: str, value: float) -> None:
    parsed = parse_zh(numeral)
    assert parsed is not None and parsed.value == pytest.approx(value)
    assert not parsed.vague


def test_chinese_financial_and_traditional_forms_fold_to_the_same_value() -> None:
    assert parse_zh(fold_text("拾萬零五十六點叁叁")).value == pytest.approx(100056.33)
    assert fold_text("１２３％") == "123%"
    assert len(fold_text("伍佰億")) == 3


def test_chinese_vague_and_invalid_numerals() -> None:
    assert parse_zh("二三十").vague
    assert parse_zh("七十百") is None
    zn, length = parse_zh_prefix("七十百分位")
    assert (zn.value, length) == (70, 2)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one hundred", 100),
        ("twenty two", 22),
        ("three hundred and twenty", 320),
        ("five million", 5e6),
        ("three point five", 3.5),
    ],
)
def test_english_number_words(words: str, value: float) -> None:
    assert parse_en_words(words.split()) == pytest.approx(value)


@pytest.mark.parametrize("words", ["one and one", "million", "two one", "and five"])
def test_english_non_numbers(words: str) -> None:
    assert parse_en_words(words.split()) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("quinientos treinta y cinco", 535),
        ("tres millones cincuenta y dos mil trescientos cuarenta y siete", 3052347),
        ("un mil millones", 1e9),
        ("dos mil trescientos cuarenta y siete coma mil quinientos setenta y ocho", 2347.1578),
        ("siete con cincuenta", 7.5),
        ("tres quintos", 0.6),
        ("ciento treinta con tres veintiunavos", 130 + 3 / 21),
        ("cien treintaicincoavos", 100 / 35),
        ("tres dosmilésimos", 0.0015),
        ("un billonésimo", 1e-12),
        ("uno sobre tres", 1 / 3),
    ],
)
def test_spanish_number_words(words: str, value: float) -> None:
    assert parse_es_words(words.split()) == pytest.approx(value)


@pytest.mark.parametrize("words", ["un veinticinco", "billones", "treinta y"])
def test_spanish_non_numbers(words: str) -> None:
    assert parse_es_words(words.split()) is None
