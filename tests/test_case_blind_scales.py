"""Scale words, FLOPS prefixes and currency qualifiers read case-blind as the patterns
read them: sre's IGNORECASE takes ſ for s and ı, İ for i, so "billionſ", "BİLLION", "gıga"
or "uſ$" must find their entry in the lexicon, not raise KeyError."""

from __future__ import annotations

import pytest

from newsfacts.extract import extract_facts


@pytest.mark.parametrize(
    ("odd", "plain"),
    [
        ("They raised 5 bıllion dollars.", "They raised 5 billion dollars."),
        ("They raised 5 BİLLION dollars.", "They raised 5 BILLION dollars."),
        ("They raised $5 billionſ.", "They raised $5 billions."),
        ("A $3 mıllion order.", "A $3 million order."),
        ("A $2 thouſand fee.", "A $2 thousand fee."),
        ("US$7 trıllion of demand.", "US$7 trillion of demand."),
        ("It raised uſ$5 million.", "It raised us$5 million."),
        ("It reached 5 gıgaflops.", "It reached 5 gigaflops."),
        ("A 2 PETAFLOPſ machine.", "A 2 PETAFLOPS machine."),
    ],
)
def test_odd_letters_read_like_their_plain_forms(odd: str, plain: str) -> None:
    def values(text: str) -> list[tuple[float | None, str | None]]:
        return [(f.value, f.unit) for f in extract_facts(text, "en") if f.status == "valid"]

    assert values(odd) == values(plain)
    assert values(plain)  # the plain form is a fact


@pytest.mark.parametrize("text", ["5 billionſ", "9 BİLLİON", "7 mıllıon yuan", "4 ſcale"])
def test_never_raises(text: str) -> None:
    extract_facts(text, "en")
