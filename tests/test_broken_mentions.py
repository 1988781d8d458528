"""Broken and implausible mentions are quarantined with a reason, never loaded as valid.

Broken forms the text gives away (a number cut off, a unit with no number, a lost
superscript) are the extractor's (``newsfacts.extract.broken``); values implausible for
their measure, subject or article are the contract's (``newsfacts.plausibility``). Every
case runs the whole batch path, and the plausible cases beside them must still load.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.extract import extract_facts
from newsfacts.normalise import normalise_text
from tests.validating import quarantined_row, row_of, validated

# (article text, the broken mention, words of its reason)
BROKEN = [
    # a number cut off
    ("Meta's capital spending will reach about $420 billi", "$420 billi", "cut off"),
    ("The group guided capex to $75 billio, its filing said.", "$75 billio", "cut off"),
    ("Sales of the accelerator rose 37 perce", "37 perce", "cut off"),
    ("El sistema alcanza 2.3 exaflo", "2.3 exaflo", "cut off"),
    ("Dự án trung tâm dữ liệu có tổng vốn 5 tỷ đồn", "5 tỷ đồn", "cut off"),
    ("Doanh thu mảng đám mây của FPT đạt 850 triệ", "850 triệ", "cut off"),
    ("阿里巴巴计划未来三年投入3800亿人民", "3800亿人民", "cut off"),
    ("字节跳动今年的资本开支约为1600亿美", "1600亿美", "cut off"),
    ("Microsoft will put £22 milli", "£22 milli", "cut off"),
    # a unit whose number was lost
    ("该智算中心项目总投资亿元，预计明年投产。", "亿元", "no number"),
    ("園區一期投資達億美元。", "億美元", "no number"),
    ("Tập đoàn dự kiến rót vốn nghìn tỷ đồng vào dự án.", "nghìn tỷ đồng", "no number"),
    ("Dự án có trị giá triệu USD, theo báo cáo.", "triệu USD", "no number"),
    ("The national network is reaching EFLOPS of capacity.", "EFLOPS", "no number"),
    ("全国智能算力规模达到 EFLOPS。", "EFLOPS", "no number"),
    ("Cụm máy chủ đạt PFLOPS trong bài kiểm tra.", "PFLOPS", "no number"),
    # a superscript lost on the way
    ("该系统的峰值速度为每秒1016次浮点运算。", "1016次", "superscript"),
    ("The machine sustains 1018 FLOPS on the benchmark.", "1018 FLOPS", "superscript"),
    ("Hệ thống đạt 1015 FLOPS khi chạy mô hình.", "1015 FLOPS", "superscript"),
]


# Whole words, vague amounts and unit labels are not broken.
NOT_BROKEN = [
    ("en", "The hospital sent a $420 bill", "$420"),
    ("en", "about $420 billion", "$420 billion"),
    ("zh", "公司计划投资1200亿美元", "1200亿美元"),
    ("en", "a speed of 1016 petaFLOPS", "1016 petaFLOPS"),
    ("en", "Frontier reached 10^18 FLOPS in 2022", "10^18 FLOPS"),
]


@pytest.mark.parametrize(("lang", "text", "surface"), NOT_BROKEN)
def test_a_whole_mention_is_not_taken_for_a_broken_one(lang: str, text: str, surface: str) -> None:
    found = {f.text: f.status for f in extract_facts(text, lang)}
    assert found.get(surface) == "valid", found


VAGUE = [
    ("zh", "数亿元的投资"),
    ("zh", "项目投资超亿元"),
    ("zh", "单位：亿元"),
    ("vi", "Các dự án hàng nghìn tỷ đồng."),
    ("vi", "Đơn vị: tỷ đồng"),
    ("en", "capacity measured in EFLOPS"),
    ("zh", "算力（EFLOPS）"),
]


@pytest.mark.parametrize(("lang", "text"), VAGUE)
def test_a_vague_amount_or_a_unit_label_is_no_fact_at_all(lang: str, text: str) -> None:
    assert extract_facts(text, lang) == []


def test_a_superscript_exponent_survives_normalisation() -> None:
    text = normalise_text("El Capitan peaks at 1.7×10¹⁸ FLOPS, a chip at 10¹⁵ FLOPS.")
    assert "10^18 FLOPS" in text and "10^15 FLOPS" in text
    found = {f.text: f.value for f in extract_facts(text, "en")}
    assert found["10^15 FLOPS"] == 1e15


# (article text, the implausible mention, words of its reason)
IMPLAUSIBLE = [
    (
        "Viettel xây dựng trung tâm dữ liệu trị giá 12.000 tỷ USD tại Hòa Lạc.\n\n"
        "Các dự án khác của tập đoàn có tổng vốn khoảng 1 tỷ USD, trong đó dự án ở Bình "
        "Dương cần 300 triệu USD và dự án ở Đà Nẵng 450 triệu USD.",
        "12.000 tỷ USD",
        "VND written as USD",
    ),
    (
        "FPT đầu tư 200 triệu USD vào nhà máy chip và 150 triệu USD vào trung tâm AI.\n\n"
        "Riêng trung tâm dữ liệu ở Hà Nội được đầu tư 5.000 tỷ USD.",
        "5.000 tỷ USD",
        "VND written as USD",
    ),
    (
        "Dự án điện toán đám mây của CMC cần 2 nghìn tỷ USD, trong khi hai dự án trước"
        " chỉ cần 20 triệu USD và 35 triệu USD.",
        "2 nghìn tỷ USD",
        "VND written as USD",
    ),
    ("Acme Cloud will invest $40 trillion in a new campus.", "$40 trillion", "money_max_usd"),
    ("该公司计划投资500万亿美元建设数据中心。", "500万亿美元", "money_max_usd"),
    ("Siêu máy tính mới của VNPT đạt 3125 exaFLOPS.", "3125 exaFLOPS", "one machine"),
    ("这台超级计算机的峰值性能为5000 EFLOPS。", "5000 EFLOPS", "one machine"),
    (
        "The new supercomputer delivers 2 zettaFLOPS, its builder said.",
        "2 zettaFLOPS",
        "one machine",
    ),
    ("Acme's new chip delivers 5 exaFLOPS of AI compute.", "5 exaFLOPS", "one chip"),
    ("该芯片的算力高达20 EFLOPS。", "20 EFLOPS", "one chip"),
    ("Con chip mới của hãng đạt 8 exaFLOPS.", "8 exaFLOPS", "one chip"),
]


QUARANTINED = [
    *((text, surface, "extract:broken_mention", why) for text, surface, why in BROKEN),
    *((text, surface, "plausible_in_context", why) for text, surface, why in IMPLAUSIBLE),
]


@pytest.mark.parametrize(("text", "surface", "check", "why"), QUARANTINED)
def test_a_broken_or_implausible_mention_is_quarantined_with_its_reason(
    text: str, surface: str, check: str, why: str, tmp_path: Path
) -> None:
    row = quarantined_row(text, surface, tmp_path)
    assert row["failed_checks"] == [check]
    assert why in row["reason"]
    if check == "extract:broken_mention":
        assert row["value"] is None  # never turned into a number


# The same sizes where the context makes them plausible load.
PLAUSIBLE = [
    ("Dự án trung tâm dữ liệu có vốn 12.000 tỷ đồng, bên cạnh dự án 1 tỷ USD.", "12.000 tỷ đồng"),
    ("Stargate will cost $500 billion, and a startup raised $100 million.", "$500 billion"),
    ("The national AI network reaches 300 exaFLOPS in total.", "300 exaFLOPS"),
    ("Một cụm máy chủ gồm 10.000 chip đạt 50 exaFLOPS.", "50 exaFLOPS"),
    ("Cerebras's wafer-scale chip is rated at 125 petaflops.", "125 petaflops"),
    ("The supercomputer reaches 1.7 exaFLOPS.", "1.7 exaFLOPS"),
    ("The AI market could add $15.7 trillion to the world economy by 2030.", "$15.7 trillion"),
    ("Năm 2028 con số này lên tới 10 exaFLOPS khi Viettel bổ sung chip mới.", "10 exaFLOPS"),
]


@pytest.mark.parametrize(("text", "surface"), PLAUSIBLE)
def test_a_large_value_its_context_makes_plausible_loads(
    text: str, surface: str, tmp_path: Path
) -> None:
    facts, quarantined = validated(text, tmp_path)
    assert row_of(facts, surface) is not None, quarantined.select("text", "reason").to_dicts()
