"""A dot that closes an abbreviation is not a decimal point: "Rs.500 crore" is 5 billion
rupees, not half a crore; a leading decimal point (".5 percent") still is one."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts

CRORE, LAKH = 1e7, 1e5


@pytest.mark.parametrize(
    ("lang", "text", "mention", "value", "unit"),
    [
        (
            "en",
            "Reliance will spend Rs.75,000 crore on AI data centres.",
            "Rs.75,000 crore",
            75_000 * CRORE,
            "INR",
        ),
        (
            "en",
            "The firm will invest Rs.500 crore in a data centre.",
            "Rs.500 crore",
            500 * CRORE,
            "INR",
        ),
        ("en", "The subsidy is Rs.45 lakh per rack.", "Rs.45 lakh", 45 * LAKH, "INR"),
        ("en", "Tata raised Rs.2,500 crore.", "Rs.2,500 crore", 2_500 * CRORE, "INR"),
        ("en", "Shares closed at Rs.1,234.50 on Monday.", "Rs.1,234.50", 1_234.5, "INR"),
        ("en", "The state set aside Rs.10 crore.", "Rs.10 crore", 10 * CRORE, "INR"),
        ("en", "a price of Rs.99.99 per GPU-hour", "Rs.99.99", 99.99, "INR"),
        ("en", "The order is worth Rs.500cr.", "Rs.500cr", 500 * CRORE, "INR"),
        ("en", "a plan at Rs.3.5 lakh crore", "Rs.3.5 lakh crore", 3.5 * LAKH * CRORE, "INR"),
        ("vi", "Dự án Rs.500 crore đã được duyệt.", "Rs.500 crore", 500 * CRORE, "INR"),
        ("en", "Lab No.3 spent $2 billion on chips.", "$2 billion", 2e9, "USD"),
        ("en", "Costs fell by .5 percent.", ".5 percent", 0.5, "%"),
        ("en", "Margins slipped .25% in the quarter.", ".25%", 0.25, "%"),
        ("en", "They raised .5 million dollars.", ".5 million dollars", 0.5e6, "USD"),
        ("vi", "Giá cổ phiếu tăng 1,5%.", "1,5%", 1.5, "%"),
    ],
)
def test_the_number_after_an_abbreviation_starts_at_its_digit(
    lang: str, text: str, mention: str, value: float, unit: str
) -> None:
    facts = [f for f in extract_facts(text, lang) if f.status == "valid"]
    assert [text[f.start : f.end] for f in facts] == [mention]
    assert facts[0].value == pytest.approx(value)
    assert facts[0].unit == unit


@pytest.mark.parametrize("text", ["See No.5 and Vol.3 of the report.", "Fig.2 shows the racks."])
def test_numbered_references_are_not_facts(text: str) -> None:
    assert [f for f in extract_facts(text, "en") if f.status == "valid"] == []
