"""Compute facts: FLOPS in every spelling, normalised to FLOPS; look-alikes are not facts."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts


def only(text: str, lang: str = "en"):
    facts = extract_facts(text, lang)
    assert len(facts) == 1, facts
    return facts[0]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("can provide up to 3.74 exaFLOPS of capacity", "3.74 exaFLOPS", 3.74e18),
        ("a peak of 3,740 petaflops, it said", "3,740 petaflops", 3.74e18),
        ("each chip offers 256 TFLOPS at FP16", "256 TFLOPS", 2.56e14),
        ("the cluster reaches 900 PFLOPS", "900 PFLOPS", 9e17),
        ("capacity of 788 EFLOPS nationwide", "788 EFLOPS", 7.88e20),
        ("measured at 1.1 Pflop/s on Linpack", "1.1 Pflop/s", 1.1e15),
        ("about 2 zettaflops by 2030", "2 zettaflops", 2e21),
        ("a 10-exaflop machine", "10-exaflop", 1e19),
        ("peaks at 5 petaFLOP/s", "5 petaFLOP/s", 5e15),
        ("runs 1.5 quadrillion floating-point operations per second", None, 1.5e15),
        ("hits 200 trillion floating point operations per second", None, 2e14),
        ("about 7 exa-flops of AI compute", "7 exa-flops", 7e18),
    ],
)
def test_english_flops_spellings(text: str, span: str | None, value: float) -> None:
    fact = only(text)
    assert fact.kind == "compute" and fact.unit == "FLOPS"
    assert fact.value == pytest.approx(value)
    if span is not None:
        assert fact.text == span
    assert text[fact.start : fact.end] == fact.text


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("算力达到3.74百亿亿次", "3.74百亿亿次", 3.74e18),
        ("即每秒百亿亿次浮点运算", "百亿亿次", 1e18),
        ("峰值速度为每秒12.5亿亿次", "12.5亿亿次", 1.25e17),
        ("运算速度达亿亿次", "亿亿次", 1e16),
        ("公共算力平台算力达300P", "300P", 3e17),
        ("建设万P级算力集群", "万P", 1e19),
        ("我国智能算力规模达到788EFLOPS", "788EFLOPS", 7.88e20),
        ("总算力超过1000 PFlops", "1000 PFlops", 1e18),
    ],
)
def test_chinese_flops(text: str, span: str, value: float) -> None:
    fact = only(text, "zh")
    assert (fact.kind, fact.text, fact.unit) == ("compute", span, "FLOPS")
    assert fact.value == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "the Ascend 910 delivers 640 TOPS of INT8 compute",
        "efficiency of 1.9 TFLOPS per watt",
        "rated at 52 GFLOPS/W on the Green500",
        "training used 3,640 petaflop/s-days of compute",
        "GPT-3 took 1024 A100 GPUs for 34 days",
        "Huawei's Ascend 910B and Nvidia's H800",
        "a petaflop is a quadrillion floating-point operations per second",
        "1080P视频画质",  # P without computing-power context
        "部署了基于昇腾910B芯片的服务器，单机柜功率最高可达40千瓦",
    ],
)
def test_not_flops(text: str) -> None:
    assert [f for f in extract_facts(text, "zh" if "视" in text or "昇" in text else "en")] == []


def test_up_to_is_a_qualifier_not_part_of_the_value() -> None:
    fact = only("The first phase can provide up to 3.74 exaFLOPS of computing capacity.")
    assert fact.qualifier == "up to"
    assert fact.text == "3.74 exaFLOPS"
    assert fact.value == pytest.approx(3.74e18)


def test_decimal_comma_flops_in_vietnamese() -> None:
    fact = only("đạt hiệu năng tính toán 2,5 exaFLOPS", "vi")
    assert fact.value == pytest.approx(2.5e18)
