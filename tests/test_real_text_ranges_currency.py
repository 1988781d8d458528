"""Ranges whose scale or currency is written once, and the currency forms real news uses.

Cases of our own writing (issue 13), each asserting the span, value, value_high and
currency: ranges where the scale or the currency comes only after the high end
(``$12 to $18 billion``, ``15亿至25亿元``), the changes that look like ranges
(``fell from 3.9 to 3.6 percent``), qualified dollars before or after the amount,
``mil``/``mn``/``bn``/``tn``/``k``, the British ``pc``, sub-units (cents, pence, sen,
xu, 美分), and a bare ``¥`` or ``$`` read by the article around it.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsfacts.extract import currency_context, extract_facts
from newsfacts.model import Article, Paragraph
from newsfacts.pipeline import extract_article_facts

Row = tuple[str, float | None, float | None, str]


def facts_of(text: str, lang: str = "en", **context: str) -> list[Row]:
    """(span, value, value_high, unit) of every fact, with the article context if given."""
    currency = currency_context(text, **context) if context else None
    return [(f.text, f.value, f.value_high, f.unit) for f in extract_facts(text, lang, currency)]


def assert_rows(got: list[Row], expected: list[Row]) -> None:
    assert [(s, u) for s, _, _, u in got] == [(s, u) for s, _, _, u in expected], got
    for (_, value, high, _), (_, want, want_high, _) in zip(got, expected, strict=True):
        assert value == pytest.approx(want), got
        assert high == (None if want_high is None else pytest.approx(want_high)), got


# ------------------------------------------------------------------ ranges: one fact

RANGES = [
    (
        "Capex is guided at $12 to $18 billion for 2026.",
        "en",
        "$12 to $18 billion",
        12e9,
        18e9,
        "USD",
    ),
    (
        "Analysts see US $70 to $75 billion of orders.",
        "en",
        "US $70 to $75 billion",
        70e9,
        75e9,
        "USD",
    ),
    (
        "a budget of 2,000 to 2,500 billion USD",
        "en",
        "2,000 to 2,500 billion USD",
        2e12,
        2.5e12,
        "USD",
    ),
    (
        "subsidies of 2 million to 5 million yuan a project",
        "en",
        "2 million to 5 million yuan",
        2e6,
        5e6,
        "CNY",
    ),
    ("计划投资15亿至25亿元建设智算中心", "zh", "15亿至25亿元", 1.5e9, 2.5e9, "CNY"),
    ("单个机柜造价200万-600万元不等", "zh", "200万-600万元", 2e6, 6e6, "CNY"),
    ("總投資額約 120 億至 150 億美元", "zh", "120 億至 150 億美元", 12e9, 15e9, "USD"),
    ("融资5亿到8亿美元用于扩产", "zh", "5亿到8亿美元", 5e8, 8e8, "USD"),
    ("GPU servers sell for $25,000-$30,000 each.", "en", "$25,000-$30,000", 25e3, 30e3, "USD"),
    ("Rack prices are €18,000-€22,000 apiece.", "en", "€18,000-€22,000", 18e3, 22e3, "EUR"),
    (
        "It guided for A$1.5 to A$2 billion in capex.",
        "en",
        "A$1.5 to A$2 billion",
        1.5e9,
        2e9,
        "AUD",
    ),
    ("a listing of HK$8 to HK$10 billion", "en", "HK$8 to HK$10 billion", 8e9, 10e9, "HKD"),
    ("a bond sale of $US1.5bn to $US2bn", "en", "$US1.5bn to $US2bn", 1.5e9, 2e9, "USD"),
    ("anywhere from $5 to $8 billion", "en", "$5 to $8 billion", 5e9, 8e9, "USD"),
    ("Bonds worth €2bn to €2.5bn were sold.", "en", "€2bn to €2.5bn", 2e9, 2.5e9, "EUR"),
    ("between 40% and 45% of capacity", "en", "between 40% and 45%", 40, 45, "%"),
    ("Vốn đầu tư dự kiến từ 2 đến 3 tỷ USD.", "vi", "2 đến 3 tỷ USD", 2e9, 3e9, "USD"),
    ("Chi phí khoảng 10-12 nghìn tỷ đồng.", "vi", "10-12 nghìn tỷ đồng", 10e12, 12e12, "VND"),
    ("gói thầu khoảng 1,5 đến 2 triệu USD", "vi", "1,5 đến 2 triệu USD", 1.5e6, 2e6, "USD"),
    ("tăng trưởng bình quân từ 9% đến 11% mỗi năm", "vi", "9% đến 11%", 9, 11, "%"),
    ("giá thuê từ 3 đến 4,5 USD mỗi giờ GPU", "vi", "3 đến 4,5 USD", 3, 4.5, "USD"),
    ("a cluster of 3 to 5 exaFLOPS", "en", "3 to 5 exaFLOPS", 3e18, 5e18, "FLOPS"),
    (
        "between 20 and 40 petaFLOPS per rack",
        "en",
        "between 20 and 40 petaFLOPS",
        2e16,
        4e16,
        "FLOPS",
    ),
    ("智算中心算力规模300-500P", "zh", "300-500P", 3e17, 5e17, "FLOPS"),
    ("Diesel rose to 45-50 cents a litre more.", "en", "45-50 cents", 0.45, 0.5, "USD"),
]


@pytest.mark.parametrize(("text", "lang", "span", "low", "high", "unit"), RANGES)
def test_a_range_is_one_fact_with_both_ends(
    text: str, lang: str, span: str, low: float, high: float, unit: str
) -> None:
    assert_rows(facts_of(text, lang), [(span, low, high, unit)])


# ------------------------------------------------------------------ changes: two facts

CHANGES = [
    (
        "Growth slowed from 3.9 to 3.6 percent.",
        "en",
        [("3.9", 3.9, None, "%"), ("3.6 percent", 3.6, None, "%")],
    ),
    (
        "The forecast was raised from 3.6 to 3.9 percent.",
        "en",
        [("3.6", 3.6, None, "%"), ("3.9 percent", 3.9, None, "%")],
    ),
    (
        "Analysts expect capex to rise from 18 to 22 per cent of revenue.",
        "en",
        [("18", 18, None, "%"), ("22 per cent", 22, None, "%")],
    ),
    (
        "Sales guidance moved from 18.5 to 21-23 billion euros.",
        "en",
        [("18.5", 18.5e9, None, "EUR"), ("21-23 billion euros", 21e9, 23e9, "EUR")],
    ),
    (
        "Revenue rose from 30 to 40 million yuan.",
        "en",
        [("30", 30e6, None, "CNY"), ("40 million yuan", 40e6, None, "CNY")],
    ),
    (
        "The valuation fell from $20 to $18 billion.",
        "en",
        [("$20", 20e9, None, "USD"), ("$18 billion", 18e9, None, "USD")],
    ),
    (
        "Doanh thu tăng từ 2 lên 3 tỷ USD.",
        "vi",
        [("2", 2e9, None, "USD"), ("3 tỷ USD", 3e9, None, "USD")],
    ),
    (
        "The stock fell 45 cents to $3.20.",
        "en",
        [("45 cents", 0.45, None, "USD"), ("$3.20", 3.2, None, "USD")],
    ),
]


@pytest.mark.parametrize(("text", "lang", "expected"), CHANGES)
def test_a_change_is_two_facts_and_the_low_end_borrows_the_unit(
    text: str, lang: str, expected: list[Row]
) -> None:
    assert_rows(facts_of(text, lang), expected)


def test_a_year_before_to_is_not_a_low_end() -> None:
    assert_rows(facts_of("Output grew in 2024 to 3.6 percent."), [("3.6 percent", 3.6, None, "%")])


# ------------------------------------------------------------------ currency forms

CURRENCY_FORMS = [
    ("The deal is worth $US2.5 billion.", "en", "$US2.5 billion", 2.5e9, "USD"),
    ("It raised $A300 million from investors.", "en", "$A300 million", 300e6, "AUD"),
    ("a AU$45 million grant", "en", "AU$45 million", 45e6, "AUD"),
    ("The plant costs C$1.2 billion.", "en", "C$1.2 billion", 1.2e9, "CAD"),
    ("Auckland's NZ$80 million campus", "en", "NZ$80 million", 80e6, "NZD"),
    ("Its S$1.5 billion data hall", "en", "S$1.5 billion", 1.5e9, "SGD"),
    ("a budget of S $900 million", "en", "S $900 million", 900e6, "SGD"),
    ("It costs 2.5 billion US$ in total.", "en", "2.5 billion US$", 2.5e9, "USD"),
    ("bids of 300 million A$ arrived", "en", "300 million A$", 300e6, "AUD"),
    ("a 1.5bn S$ bond", "en", "1.5bn S$", 1.5e9, "SGD"),
    ("The club paid $2mil for the site.", "en", "$2mil", 2e6, "USD"),
    ("The firm paid RM4.5mil for land.", "en", "RM4.5mil", 4.5e6, "MYR"),
    ("The Malaysian unit paid RM 120 mil.", "en", "RM 120 mil", 120e6, "MYR"),
    ("a $300k seed grant", "en", "$300k", 300e3, "USD"),
    ("a £40mn contract", "en", "£40mn", 40e6, "GBP"),
    ("the €3bn fund", "en", "€3bn", 3e9, "EUR"),
    ("a $1.2tn market", "en", "$1.2tn", 1.2e12, "USD"),
    ("Shares were up 12pc on Monday.", "en", "12pc", 12, "%"),
    ("Stock in the chip designer fell 3.5pc.", "en", "3.5pc", 3.5, "%"),
    ("The stock fell 45 cents.", "en", "45 cents", 0.45, "USD"),
    ("Power costs 12 cents a kilowatt-hour.", "en", "12 cents", 0.12, "USD"),
    ("Tickets cost 45 euro cents.", "en", "45 euro cents", 0.45, "EUR"),
    ("Shares in London closed at 80p.", "en", "80p", 0.8, "GBP"),
    ("Shares closed at 1,234p on the FTSE 250.", "en", "1,234p", 12.34, "GBP"),
    ("a 5 pence levy per unit", "en", "5 pence", 0.05, "GBP"),
    ("Prices rose by 50 sen per kWh.", "en", "50 sen", 0.5, "MYR"),
    ("Giá điện tăng 500 xu.", "vi", "500 xu", 5.0, "VND"),
    ("Giá dầu tính theo USD tăng 50 xu.", "vi", "50 xu", 0.5, "USD"),
    ("每度电便宜了5美分", "zh", "5美分", 0.05, "USD"),
    ("Sony spent Y=1.2 billion on chips.", "en", "Y=1.2 billion", 1.2e9, "JPY"),
    ("earnings of Y=350 million for the half", "en", "Y=350 million", 350e6, "JPY"),
    ("Alibaba's ¥1.2 billion plan in Hangzhou", "en", "¥1.2 billion", 1.2e9, "CNY"),
    ("Toyota's ¥1.2 trillion battery plan", "en", "¥1.2 trillion", 1.2e12, "JPY"),
    ("Huawei will spend ¥800 million", "en", "¥800 million", 800e6, "CNY"),
    ("SINGAPORE - The data centre will cost $1.5 billion.", "en", "$1.5 billion", 1.5e9, "SGD"),
    ("SYDNEY: The miner spent $2 billion on chips.", "en", "$2 billion", 2e9, "AUD"),
    ("HONG KONG (Reuters) - Alibaba raised $5 billion.", "en", "$5 billion", 5e9, "USD"),
]


@pytest.mark.parametrize(("text", "lang", "span", "value", "unit"), CURRENCY_FORMS)
def test_currency_forms(text: str, lang: str, span: str, value: float, unit: str) -> None:
    assert_rows(facts_of(text, lang), [(span, value, None, unit)])


NOT_CURRENCY = [
    ("A $300 million deal was signed.", "en", [("$300 million", 300e6, None, "USD")]),
    ("Apple's $5 billion bond", "en", [("$5 billion", 5e9, None, "USD")]),
    ("It streams 1080p video in London.", "en", []),
    ("A stamp costs 80p now.", "en", []),  # no British clue: 80p is not read as pence
    ("She bought 3 pc cases.", "en", []),
    ("Sen said the plan was sound.", "en", []),
    ("costó 5 mil dólares", "es", [("5 mil dólares", 5e3, None, "USD")]),
    ("5 mil millones de dólares", "es", [("5 mil millones de dólares", 5e9, None, "USD")]),
    ("XY=5 million", "en", []),
    ("hoa sen 50 sen", "vi", []),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NOT_CURRENCY)
def test_forms_that_look_like_currency_and_are_not(
    text: str, lang: str, expected: list[Row]
) -> None:
    assert_rows(facts_of(text, lang), expected)


# ------------------------------------------------------------------ the article's context

DOLLAR_CONTEXTS = [
    ({"publisher": "The Straits Times"}, "SGD"),
    ({"publisher": "South China Morning Post"}, "HKD"),
    ({"publisher": "The Australian Financial Review"}, "AUD"),
    ({"publisher": "New Straits Times"}, "USD"),  # a Malaysian paper: its money is in RM
    ({"source_uri": "https://www.businesstimes.com.sg/tech/ai-hub"}, "SGD"),
    ({"source_uri": "https://www.example.com.au/news/1"}, "AUD"),
    ({"source_uri": "https://news.example.co.nz/a"}, "NZD"),
    ({"source_uri": "https://www.example.com/news/1"}, "USD"),
    ({}, "USD"),
]


@pytest.mark.parametrize(("where", "unit"), DOLLAR_CONTEXTS)
def test_a_bare_dollar_is_the_publications_dollar(where: dict[str, str], unit: str) -> None:
    text = "The operator will spend $450 million on a second hall."
    assert_rows(facts_of(text, **where), [("$450 million", 450e6, None, unit)])


YEN_CONTEXTS = [
    ({"publisher": "Xinhua"}, "CNY"),
    ({"publisher": "Caixin Global"}, "CNY"),
    ({"source_uri": "https://tech.example.com.cn/2025/ai.html"}, "CNY"),
    ({"publisher": "Nikkei Asia"}, "JPY"),
    ({"publisher": "Kyodo News"}, "JPY"),
    ({"source_uri": "https://www.example.co.jp/news/1"}, "JPY"),
]


@pytest.mark.parametrize(("where", "unit"), YEN_CONTEXTS)
def test_a_bare_yen_sign_is_read_by_the_source(where: dict[str, str], unit: str) -> None:
    text = "The firm will spend ¥30 billion on a new cluster."
    assert_rows(facts_of(text, **where), [("¥30 billion", 30e9, None, unit)])


def test_a_local_paper_that_writes_its_dollar_out_means_us_dollars_by_a_bare_one() -> None:
    text = "The fund of S$2 billion also holds $500 million of US bonds."
    rows = facts_of(text, publisher="The Straits Times")
    assert_rows(rows, [("S$2 billion", 2e9, None, "SGD"), ("$500 million", 500e6, None, "USD")])
    both = "It paid US$300 million for a site, and $120 million for the fit-out."
    rows = facts_of(both, publisher="The Straits Times")
    assert_rows(
        rows, [("US$300 million", 300e6, None, "USD"), ("$120 million", 120e6, None, "SGD")]
    )


def article(paragraphs: list[str], **meta: str) -> Article:
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for i, p in enumerate(paragraphs):
        spans.append(Paragraph(i, pos, pos + len(p), "body", "en"))
        pos += len(p) + 2
    return Article(
        article_id="a1",
        source_uri=meta.get("source_uri", "file:///x.txt"),
        content_hash="0" * 64,
        text=text,
        paragraphs=tuple(spans),
        publisher=meta.get("publisher"),
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
        lang="en",
    )


def test_the_pipeline_reads_a_bare_yen_and_dollar_by_the_whole_article() -> None:
    yen = article(
        [
            "Tencent and Alibaba lead the build-out of data centres across Guangdong.",
            "The new campus will cost ¥6 billion, the company said.",
        ]
    )
    assert [(f.text, f.unit) for f in extract_article_facts(yen)] == [("¥6 billion", "CNY")]
    assert extract_facts("The new campus will cost ¥6 billion, the company said.")[0].unit == "JPY"
    dateline = article(
        [
            "SINGAPORE - A new AI data centre opened in Jurong on Tuesday.",
            "The operator will spend $450 million on a second hall.",
        ]
    )
    assert [(f.text, f.unit) for f in extract_article_facts(dateline)] == [("$450 million", "SGD")]
    pence = article(["Chip designer shares rose in London.", "They closed at 80p."])
    assert [(f.text, f.value, f.unit) for f in extract_article_facts(pence)] == [
        ("80p", 0.8, "GBP")
    ]
