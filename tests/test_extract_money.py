"""Money facts: symbols, codes and names before or after, scale words, conversions."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts


def valid(text: str, lang: str = "en"):
    return [f for f in extract_facts(text, lang) if f.status == "valid"]


def only(text: str, lang: str = "en"):
    facts = extract_facts(text, lang)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "span", "value", "unit"),
    [
        ("startups raised US $ 4.9 billion in 2017", "US $ 4.9 billion", 4.9e9, "USD"),
        ("shares opened at HK$26.30 on Friday", "HK$26.30", 26.3, "HKD"),
        ("has invested RMB5.6 billion yuan in phase one", "RMB5.6 billion yuan", 5.6e9, "CNY"),
        ("clearing the hurdle for the $35-billion deal", "$35-billion", 35e9, "USD"),
        ("a valuation of $ 4.5 billion", "$ 4.5 billion", 4.5e9, "USD"),
        ("the fund of €2.5bn", "€2.5bn", 2.5e9, "EUR"),
        ("a budget of Rs 10,372 crore", "Rs 10,372 crore", 1.0372e11, "INR"),
        ("priced at Rs. 5 lakh", "Rs. 5 lakh", 5e5, "INR"),
        ("a salary of Rs 1,00,000 per month", "Rs 1,00,000", 1e5, "INR"),
        ("an outlay of ₹1.5 lakh crore", "₹1.5 lakh crore", 1.5e12, "INR"),
        ("will invest 500 billion yuan over five years", "500 billion yuan", 5e11, "CNY"),
        ("worth 5 hundred million yuan", "5 hundred million yuan", 5e8, "CNY"),
        ("total of VND 4,600 billion", "VND 4,600 billion", 4.6e12, "VND"),
        ("earned USD 12 million", "USD 12 million", 12e6, "USD"),
        ("sales of 3.2 million euros", "3.2 million euros", 3.2e6, "EUR"),
        ("a 420 million finnish markka deal", "420 million finnish markka", 4.2e8, "FIM"),
        ("fined 10,000 swiss francs", "10,000 swiss francs", 1e4, "CHF"),
        ("profit of 361 million pounds", "361 million pounds", 3.61e8, "GBP"),
        ("received five million yen", "five million yen", 5e6, "JPY"),
        ("a Mex$ 10 million contract", "Mex$ 10 million", 1e7, "MXN"),
        ("worth $2.174T", "$2.174T", 2.174e12, "USD"),
        ("saved €10M", "€10M", 1e7, "EUR"),
        ("for C$ 16.4 million", "C$ 16.4 million", 1.64e7, "CAD"),
        ("it cost 3 dollars 50 cents", "3 dollars 50 cents", 3.5, "USD"),
        ("it cost thirteen dollars and forty-five cents", None, 13.45, "USD"),
    ],
)
def test_english_money(text: str, span: str | None, value: float, unit: str) -> None:
    fact = only(text)
    assert (fact.kind, fact.unit, fact.status) == ("money", unit, "valid")
    assert fact.value == pytest.approx(value)
    if span is not None:
        assert fact.text == span


@pytest.mark.parametrize(
    ("text", "lang", "span", "value", "unit"),
    [
        ("该中心一期投资５６亿元", "zh", "５６亿元", 5.6e9, "CNY"),
        ("中国资金净流出1200亿美元", "zh", "1200亿美元", 1.2e11, "USD"),
        ("以每股1.95港元", "zh", "1.95港元", 1.95, "HKD"),
        ("力争突破1万亿元", "zh", "1万亿元", 1e12, "CNY"),
        ("为四十九兆九千五百九十二億元", "zh", "四十九兆九千五百九十二億元", 4.99592e13, "CNY"),
        ("这台电脑两美元又三美分", "zh", "两美元又三美分", 2.03, "USD"),
        ("投资8亿元人民币", "zh", "8亿元人民币", 8e8, "CNY"),
        ("vốn đầu tư hơn 1.000 tỷ đồng", "vi", "1.000 tỷ đồng", 1e12, "VND"),
        ("SenseTime đã chi 5,6 tỷ nhân dân tệ", "vi", "5,6 tỷ nhân dân tệ", 5.6e9, "CNY"),
        ("đạt 1,03 tỷ USD vào năm 2028", "vi", "1,03 tỷ USD", 1.03e9, "USD"),
        ("giá thuê khoảng 65.000 ₫", "vi", "65.000 ₫", 65000, "VND"),
        ("vay 20 triệu USD", "vi", "20 triệu USD", 2e7, "USD"),
        ("tiene $ 1,17 mil millones", "es", "$ 1,17 mil millones", 1.17e9, "USD"),
        ("con 48.000 millones de dólares", "es", "48.000 millones de dólares", 4.8e10, "USD"),
        ("recibieron cinco millones de yenes", "es", "cinco millones de yenes", 5e6, "JPY"),
        ("solo cuesta 25 euros con 50", "es", "25 euros con 50", 25.5, "EUR"),
        ("por 10.000 francos suizos", "es", "10.000 francos suizos", 1e4, "CHF"),
    ],
)
def test_money_in_other_languages(text: str, lang: str, span: str, value: float, unit: str) -> None:
    fact = only(text, lang)
    assert (fact.kind, fact.text, fact.unit) == ("money", span, unit)
    assert fact.value == pytest.approx(value)


def test_yen_sign_follows_the_context() -> None:
    japan = only("SoftBank to pour ¥1.2 trillion into AI data centers in Japan")
    china = only("Alibaba Cloud cut prices by ¥300 for Chinese customers")
    assert japan.unit == "JPY"
    assert china.unit == "CNY"
    assert only("价格为￥300", "zh").unit == "CNY"


def test_parenthetical_conversion_is_two_linked_facts() -> None:
    text = "The offering will raise HK$1.18 billion ($151 million)."
    first, second = extract_facts(text)
    assert (first.text, first.unit) == ("HK$1.18 billion", "HKD")
    assert (second.text, second.unit, second.value) == ("$151 million", "USD", 151e6)
    assert second.conversion_of == first.start
    assert first.conversion_of is None


def test_chinese_conversion_with_yuehe() -> None:
    first, second = extract_facts("一期投资56亿元（约合7.8亿美元）", "zh")
    assert second.conversion_of == first.start
    assert (second.value, second.unit) == (7.8e8, "USD")


def test_qualifiers_do_not_change_the_value() -> None:
    for qualifier in ("nearly", "about", "more than", "approximately", "over", "up to"):
        fact = only(f"raising {qualifier} $400 million")
        assert (fact.text, fact.value, fact.qualifier) == ("$400 million", 4e8, qualifier)


def test_broken_mention_is_quarantined_not_a_number() -> None:
    fact = only("the most AI startups worth over US $ billion.")
    assert (fact.kind, fact.text, fact.unit) == ("money", "US $ billion", "USD")
    assert fact.status == "quarantined"
    assert fact.value is None and fact.reason


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "occupies an area of 80 acres with constructions taking up to 130,000 square meters",
            "en",
        ),
        ("the center can house more than 1 million servers", "en"),
        ("Founded in 2018, the company listed in 2021", "en"),
        ("a twenty-pound bag of rice", "en"),
        ("It weighs no more than 2,000.45±0.01 pounds", "en"),
        ("ALL 5 solutions are wrong.", "en"),
        ("AMD’s 35B Deal on Xilinx", "en"),
        ("二期新增GPU约２万块，整个园区建筑面积约13万平方米", "zh"),
        ("订单号 A202107211321363588510367 可用作", "zh"),
        ("liên hệ đường dây nóng 1800 8168 để được tư vấn", "vi"),
        ("Nghị định 13/2023/NĐ-CP", "vi"),
    ],
)
def test_not_money(text: str, lang: str) -> None:
    assert extract_facts(text, lang) == []


def test_pounds_of_weight_and_pounds_sterling() -> None:
    assert valid("I spent 20 million pounds on this!")[0].unit == "GBP"
    assert valid("shipped 20 million pounds of cargo") == []


@pytest.mark.parametrize(
    ("text", "lang", "span", "low", "high", "unit"),
    [
        ("costs of 30-40 million yuan", "en", "30-40 million yuan", 3e7, 4e7, "CNY"),
        ("a $5-7 million seed round", "en", "$5-7 million", 5e6, 7e6, "USD"),
        (
            "between $5 million and $7 million",
            "en",
            "between $5 million and $7 million",
            5e6,
            7e6,
            "USD",
        ),
        ("khoảng 5,6-6 tỷ đồng", "vi", "5,6-6 tỷ đồng", 5.6e9, 6e9, "VND"),
    ],
)
def test_money_ranges(text: str, lang: str, span: str, low: float, high: float, unit: str) -> None:
    fact = only(text, lang)
    assert (fact.text, fact.unit) == (span, unit)
    assert (fact.value, fact.value_high) == (pytest.approx(low), pytest.approx(high))


def test_a_change_in_money_is_not_a_range() -> None:
    facts = extract_facts("revenue rose from $5 million to $7 million")
    assert [(f.value, f.value_high) for f in facts] == [(5e6, None), (7e6, None)]


def test_chinese_duo_is_a_qualifier() -> None:
    fact = only("收入1000多万元", "zh")
    assert (fact.text, fact.value, fact.qualifier) == ("1000多万元", 1e7, "多")


def test_currency_names_that_are_also_proper_nouns() -> None:
    assert extract_facts("the 2021 Rand report on AI") == []
    assert only("exports hit 60 billion won").unit == "KRW"


def test_minor_units_join_the_major_amount() -> None:
    assert only("这个手机壳五元三毛", "zh").value == pytest.approx(5.3)
    assert only("solo cuesta 3 euros con 99 céntimos", "es").value == pytest.approx(3.99)
    assert only("It may need one kuai and five mao five.").value == pytest.approx(1.55)
    # a decimal amount takes no minor units: "and 32" is something else
    assert only("the cost is $4.25 and 32 is the quantity").value == pytest.approx(4.25)


def test_accounting_parentheses_and_signs() -> None:
    assert only("The annual revenue is ($99.99).").value == pytest.approx(-99.99)
    first, second = extract_facts("The annual revenue is -15€ ($-99.99).")
    assert (first.value, second.value) == (-15, -99.99)
    assert second.conversion_of == first.start
