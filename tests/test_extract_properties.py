"""Invariants of ``extract_facts`` on arbitrary text (hypothesis)."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extract import extract_facts
from newsfacts.model import FACT_KINDS

LANGS = st.sampled_from(["en", "zh", "vi", "es", "und", "fr", "ja", "", None])

# Fragments that make numbers, units and near-misses likely, mixed with any text.
PIECES = st.sampled_from(
    [
        *"0123456789 .,-%$€£¥()",
        "元",
        "亿",
        "万",
        "百分之",
        "个百分点",
        "成",
        "折",
        "点",
        "次",
        "P",
        "一",
        "二十",
        "０",
        "５",
        "．",
        "％",
        "，",
        "－",
        " million",
        " billion",
        " yuan",
        " percent",
        " per cent",
        " to ",
        " and ",
        "between ",
        "US $",
        "HK$",
        "RMB",
        "Rs ",
        " crore",
        " tỷ đồng",
        " phần trăm",
        " por ciento",
        " mil millones",
        " dólares",
        " exaFLOPS",
        "PFLOPS",
        " per watt",
        "e9",
        "^2",
        "/3",
        " minus ",
        "five ",
        "twenty ",
        " cents",
        "http://x.y/%20",
    ]
)
TEXTS = st.one_of(
    st.text(), st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=25).map("".join)
)


def check_invariants(text: str, lang: str | None) -> None:
    facts = extract_facts(text, lang)  # must not raise
    end = 0
    for fact in facts:
        assert text[fact.start : fact.end] == fact.text
        assert 0 <= fact.start < fact.end <= len(text)
        assert fact.start >= end, "facts overlap or are out of order"
        end = fact.end
        assert fact.kind in FACT_KINDS
        if fact.status == "valid":
            assert fact.value is not None and math.isfinite(fact.value)
            assert fact.unit
            if fact.value_high is not None:
                assert math.isfinite(fact.value_high) and fact.value_high > fact.value
        else:
            assert fact.status == "quarantined"
            assert fact.value is None and fact.reason
        if fact.conversion_of is not None:
            assert any(f.start == fact.conversion_of for f in facts if f is not fact)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, LANGS)
def test_never_raises_and_spans_index_the_text(text: str, lang: str | None) -> None:
    check_invariants(text, lang)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.text(max_size=12))
def test_deterministic_on_arbitrary_text(prefix: str, text: str) -> None:
    """Facts are a function of the text: the same input gives the same output."""
    joined = prefix + "\n" + text
    assert extract_facts(joined, "en") == extract_facts(joined, "en")
    check_invariants(joined, "en")


def test_long_runs_stay_fast() -> None:
    """Dense or endless numerals cost linear time, not quadratic."""
    import time

    inputs = [
        ("1% " * 3000, "en"),
        ("$5 " * 3000, "en"),
        ("一百" * 5000 + "元", "zh"),
        ("一" * 20000 + "元", "zh"),
        ("one " * 20000 + "percent", "en"),
        ("uno " * 20000 + "por ciento", "es"),
        ("九折" * 5000, "zh"),
    ]
    started = time.perf_counter()
    for text, lang in inputs:
        check_invariants(text, lang)
    assert time.perf_counter() - started < 5.0
