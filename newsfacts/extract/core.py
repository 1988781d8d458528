"""A first English extractor (the spine's); deepened by the extraction issue."""

from __future__ import annotations

import re

from newsfacts.model import Fact

_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9}
_FLOPS_PREFIX = {"tera": 1e12, "peta": 1e15, "exa": 1e18, "zetta": 1e21}

_COMPUTE = re.compile(_NUM + r"\s*(?P<prefix>tera|peta|exa|zetta)flops\b", re.IGNORECASE)
_MONEY = re.compile(
    r"(?P<cur>HK\$|US\s?\$|RMB|\$)\s?"
    + _NUM
    + r"(?:[\s-]?(?P<scale>thousand|million|billion|trillion|bn)\b)?(?P<yuan>\s+yuan)?",
    re.IGNORECASE,
)
_MONEY_BROKEN = re.compile(r"(?P<cur>US\s?\$)\s?(?P<scale>million|billion|trillion)\b")
_YUAN = re.compile(_NUM + r"\s+(?P<scale>million|billion|trillion)\s+yuan\b", re.IGNORECASE)
_PERCENT = re.compile(
    _NUM + r"\s?(?:%|percent\b)(?:\s?(?:-|to)\s?(?P<high>\d+(?:\.\d+)?)\s?(?:%|percent\b))?",
    re.IGNORECASE,
)
_CURRENCY = {"hk$": "HKD", "rmb": "CNY", "$": "USD", "us$": "USD", "us $": "USD"}


def _number(s: str) -> float:
    return float(s.replace(",", ""))


def extract_facts(text: str, lang: str = "en") -> list[Fact]:
    """Facts stated in ``text`` (one language), ordered by start offset."""
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(fact: Fact) -> None:
        if free(fact.start, fact.end):
            facts.append(fact)
            taken.append((fact.start, fact.end))

    for m in _COMPUTE.finditer(text):
        value = _number(m["num"]) * _FLOPS_PREFIX[m["prefix"].lower()]
        add(Fact("compute", m[0], m.start(), m.end(), value, None, "FLOPS"))
    for m in _MONEY.finditer(text):
        scale = _SCALE[m["scale"].lower()] if m["scale"] else 1.0
        unit = _CURRENCY[m["cur"].lower()]
        add(Fact("money", m[0], m.start(), m.end(), _number(m["num"]) * scale, None, unit))
    for m in _MONEY_BROKEN.finditer(text):
        add(
            Fact(
                "money",
                m[0],
                m.start(),
                m.end(),
                None,
                None,
                "USD",
                "quarantined",
                "currency and scale with no number (lost in translation?)",
            )
        )
    for m in _YUAN.finditer(text):
        value = _number(m["num"]) * _SCALE[m["scale"].lower()]
        add(Fact("money", m[0], m.start(), m.end(), value, None, "CNY"))
    for m in _PERCENT.finditer(text):
        high = _number(m["high"]) if m["high"] else None
        add(Fact("percent", m[0], m.start(), m.end(), _number(m["num"]), high, "%"))
    return sorted(facts, key=lambda f: f.start)
