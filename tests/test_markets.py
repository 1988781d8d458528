"""The market a market share is of (newsfacts.claims.markets), in English, Chinese and
Vietnamese; sentences written for these tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfacts.claims.markets import find_market
from tests.test_claims import labelled


def market_of(sentence: str, share: str, *names: str) -> str | None:
    return find_market(sentence, sentence.index(share), names)


def test_an_english_market_is_the_words_before_market() -> None:
    assert market_of("Acme holds about 40% of the global FPGA market.", "40%", "Acme") == "FPGA"
    sentence = "Bolt was the second-largest vendor in the cloud gaming market with a 12% share."
    assert market_of(sentence, "12%", "Bolt") == "cloud gaming"
    sentence = "Acme took 35% of Brazil's AI server market in 2024."
    assert market_of(sentence, "35%", "Acme") == "AI server"


def test_a_share_of_shipments_or_spending_names_the_product() -> None:
    assert market_of("Acme took 41% of Japan's AI accelerator shipments.", "41%") == (
        "AI accelerator"
    )
    assert market_of("Neoclouds take 18% of spending on GPU-as-a-service.", "18%") == (
        "GPU-as-a-service"
    )


def test_no_market_when_none_is_named() -> None:
    assert market_of("Acme's market share rose to 30%.", "30%", "Acme") is None
    assert market_of("Acme won 20% of the market.", "20%", "Acme") is None
    assert market_of("Acme accounted for 9 percent of the market share.", "9 percent") is None
    assert market_of("Acme has a 62% share of shipments.", "62%", "Acme") is None
    assert market_of("Acme's market value rose 30% this year.", "30%", "Acme") is None


def test_the_nearest_market_is_the_share_s() -> None:
    sentence = "Acme holds 30% of the DRAM market and 12% of the NAND market."
    assert market_of(sentence, "30%", "Acme") == "DRAM"
    assert market_of(sentence, "12%", "Acme") == "NAND"


def test_a_chinese_market_leaves_out_the_place_and_the_holder() -> None:
    assert market_of("据统计，甲公司占据中国数据中心GPU市场约23%的份额。", "23%", "甲公司") == (
        "数据中心GPU"
    )
    assert market_of("乙科技在全球服务器市场的份额为30%。", "30%", "乙科技") == "服务器"
    assert market_of("其中，甲公司市场份额约为62%。", "62%", "甲公司") is None  # the holder
    assert market_of("甲公司在中国市场的份额降至50%。", "50%", "甲公司") is None  # a place


def test_a_vietnamese_market_is_the_words_after_thi_phan_or_thi_truong() -> None:
    sentence = "Công ty A chiếm khoảng 30% thị phần dịch vụ đám mây tại Việt Nam."
    assert market_of(sentence, "30%", "Công ty A") == "dịch vụ đám mây"
    sentence = "Công ty B nắm 12% thị trường điện toán AI, theo báo cáo."
    assert market_of(sentence, "12%", "Công ty B") == "điện toán AI"
    assert market_of("Ba hãng lớn vẫn chiếm gần 60% thị phần, nhưng đã giảm.", "60%") is None


@given(st.text(max_size=200), st.integers(min_value=0, max_value=200))
def test_any_text_gives_a_phrase_of_it_or_none(sentence: str, at: int) -> None:
    market = find_market(sentence, at)
    assert market is None or (market and market.replace(" ", "") in sentence.replace(" ", ""))


def test_the_pipeline_names_the_market_of_a_market_share_only() -> None:
    facts = labelled(
        "Acme gains in chips\n\n"
        "Acme Semiconductor held about 45% of the global FPGA market in 2024. "
        "Acme's revenue in the FPGA market grew 12% in 2024.\n"
    )
    by_text = {f.text: f for f in facts}
    assert by_text["45%"].measure == "market_share"
    assert by_text["45%"].market == "FPGA"
    assert by_text["12%"].measure != "market_share" and by_text["12%"].market is None
