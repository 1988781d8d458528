"""Periods as stated: ``2021``, ``2021-Q3``, ``2021-H1``, ``2021-01/2021-09``, ``2025-11``.

``find_periods(sentence)`` returns every period the sentence states, with its
span, in English, Chinese and Vietnamese. Fiscal periods are kept as the text
states them ("fiscal Q3 2026" is ``2026-Q3``). A quarter or half without a year
takes the year stated nearest in the same sentence; none stated, it is not a
period. Nothing is inferred from a publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.claims.literals import Gate

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4,
    "i": 1, "ii": 2, "iii": 3, "iv": 4,
}  # fmt: skip
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}  # fmt: skip
CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
             "十": 10, "两": 2, "兩": 2}  # fmt: skip

Y = r"((?:19|20)\d\d)"
YY = r"(?:((?:19|20)\d\d)|'(\d\d)|(\d\d))"


@dataclass(frozen=True, slots=True)
class Period:
    """A period stated in a sentence: its span and its normal form."""

    start: int
    end: int
    period: str
    rule: str


def _year(m: re.Match, *groups: int) -> str | None:
    for g in groups:
        v = m.group(g)
        if v:
            return v if len(v) == 4 else "20" + v[-2:]
    return None


def _months(year: str, first: int, last: int) -> str:
    return f"{year}-{first:02d}/{year}-{last:02d}"


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS.get(text[1:], 0)
    if text.endswith("十"):
        return CN_DIGITS.get(text[0], 0) * 10
    return CN_DIGITS.get(text)


# (pattern, builder(match, sentence_years) -> period | None, rule name). Order: longest forms first.
_RULES: list[tuple[re.Pattern[str], str]] = [
    # English
    (re.compile(rf"\bfirst (nine|six|three) months of (?:its )?(?:fiscal |financial )?(?:year )?{Y}", re.I), "en_months"),
    (re.compile(rf"\bnine months (?:to|ended|through) (?:the end of )?(?:september|sept?)\.?,? {Y}", re.I), "en_nine_to"),
    (re.compile(rf"\b(first|second|third|fourth|1st|2nd|3rd|4th) (?:fiscal |financial |calendar )?quarter (?:of |in )?(?:its )?(?:fiscal |financial |calendar )?(?:year )?{YY}", re.I), "en_quarter_of"),
    (re.compile(rf"\b(?:fiscal |financial |FY ?)?(?:Q([1-4])|([1-4])Q)[ -]?(?:of )?(?:fiscal |FY ?|F)?{YY}", re.I), "en_q_year"),
    (re.compile(rf"\b(?:fiscal |FY ?)?{YY}[ -]?Q([1-4])\b", re.I), "en_year_q"),
    (re.compile(rf"\b(first|second|1st|2nd) half (?:of )?(?:its )?(?:fiscal |financial )?(?:year )?{YY}", re.I), "en_half_of"),
    (re.compile(rf"\b(?:H([12])|([12])H)[ -]?(?:of )?(?:fiscal |FY ?)?{YY}", re.I), "en_h_year"),
    (re.compile(rf"\b{Y}[ -]?H([12])\b", re.I), "en_year_h"),
    (re.compile(rf"\b(?:between |from )?{Y} ?(?:-|–|to|and|through) ?{Y}\b", re.I), "en_span"),
    (re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.? (?:\d{1,2},? )?" + Y, re.I), "en_month"),
    (re.compile(rf"\b(?:fiscal(?: year)?|financial year|FY) ?{YY}", re.I), "en_fiscal"),
    (re.compile(rf"\b(?:in|for|of|by|since|during|through|until|till|to|from|across|over|year|end of|early|late|mid-?|calendar|its|the)\s+(?:the\s+)?(?:end of\s+|whole of\s+|full[- ]year\s+)?{Y}\b(?![\d%.,]\d|\s*(?:%|percent|per cent))", re.I), "year"),
    (re.compile(rf"\b{Y}\s+(?:revenue|sales|results|budget|plan|capex|capital|spending|profit|earnings|guidance|forecast|target|figure|total|full[- ]year)", re.I), "year"),
    # Chinese
    (re.compile(rf"{Y}\s*年\s*(?:前三季度?|前三个季度|前9个月|前九个月|1-9月|1～9月|1至9月|1—9月)"), "zh_nine"),
    (re.compile(rf"{Y}\s*年\s*(?:上半年|上半財年|上半财年|前6个月|1-6月|中期)"), "zh_h1"),
    (re.compile(rf"{Y}\s*年\s*下半年"), "zh_h2"),
    (re.compile(rf"{Y}\s*(?:年|财年|財年|财年度|財年度)\s*(?:第?([一二三四1-4])季度?|Q([1-4]))"), "zh_quarter"),
    (re.compile(rf"{Y}\s*年\s*([1-9]|1[0-2])\s*月(?![\d份]*[日号號])"), "zh_month"),
    (re.compile(rf"{Y}\s*(?:[-—至到~～]\s*{Y})\s*年"), "zh_span"),
    (re.compile(rf"{Y}\s*(?:年|财年|財年|年度)(?!\s*\d{{1,2}}\s*月\s*\d)"), "year"),
    (re.compile(r"(?<![\d年])(?:前三季度?|前三个季度|前9个月|前九个月)"), "zh_nine_bare"),
    (re.compile(r"(?<![\d年])(?:上半年)"), "zh_h1_bare"),
    (re.compile(r"(?<![\d年])(?:第([一二三四1-4])季度?|([一二三四])季度)"), "zh_quarter_bare"),
    # Vietnamese
    (re.compile(rf"\b(9|6|chín|sáu) tháng (?:đầu )?(?:năm )?(?:tài chính )?{Y}", re.I), "vi_months"),
    (re.compile(rf"\bquý (I{{1,3}}|IV|[1-4])(?: năm| năm tài chính|/| - | )\s*{Y}", re.I), "vi_quarter"),
    (re.compile(rf"\b(?:nửa đầu|6 tháng đầu) năm {Y}", re.I), "vi_h1"),
    (re.compile(rf"\btháng (\d{{1,2}})(?:/| năm ){Y}", re.I), "vi_month"),
    (re.compile(rf"\b(?:giai đoạn )?{Y} ?(?:-|–|đến) ?{Y}\b", re.I), "vi_span"),
    (re.compile(rf"\bnăm (?:tài chính )?{Y}\b", re.I), "year"),
    (re.compile(r"\b(9|6|chín|sáu) tháng đầu năm\b", re.I), "vi_months_bare"),
    (re.compile(r"\bquý (I{1,3}|IV|[1-4])\b(?!/)", re.I), "vi_quarter_bare"),
]  # fmt: skip


def _build(rule: str, m: re.Match, year: str | None) -> str | None:
    g = m.group
    if rule == "en_months":
        return _months(g(2), 1, {"nine": 9, "six": 6, "three": 3}[g(1).lower()])
    if rule == "en_nine_to":
        return _months(g(1), 1, 9)
    if rule == "en_quarter_of":
        return f"{_year(m, 2, 3, 4)}-Q{ORDINALS[g(1).lower()]}"
    if rule == "en_q_year":
        return f"{_year(m, 3, 4, 5)}-Q{g(1) or g(2)}"
    if rule == "en_year_q":
        return f"{_year(m, 1, 2, 3)}-Q{g(4)}"
    if rule == "en_half_of":
        return f"{_year(m, 2, 3, 4)}-H{ORDINALS[g(1).lower()]}"
    if rule == "en_h_year":
        return f"{_year(m, 3, 4, 5)}-H{g(1) or g(2)}"
    if rule == "en_year_h":
        return f"{g(1)}-H{g(2)}"
    if rule in ("en_span", "zh_span", "vi_span"):
        return f"{g(1)}/{g(2)}" if g(1) < g(2) else None
    if rule == "en_month":
        return f"{g(2)}-{MONTHS[g(1).lower().rstrip('.')]:02d}"
    if rule == "en_fiscal":
        return _year(m, 1, 2, 3)
    if rule == "year":
        return g(1)
    if rule == "zh_nine":
        return _months(g(1), 1, 9)
    if rule == "zh_h1":
        return f"{g(1)}-H1"
    if rule == "zh_h2":
        return f"{g(1)}-H2"
    if rule == "zh_quarter":
        return f"{g(1)}-Q{ORDINALS[g(2) or g(3)]}"
    if rule == "zh_month":
        return f"{g(1)}-{int(g(2)):02d}"
    if rule == "zh_nine_bare":
        return _months(year, 1, 9) if year else None
    if rule == "zh_h1_bare":
        return f"{year}-H1" if year else None
    if rule == "zh_quarter_bare":
        return f"{year}-Q{ORDINALS[g(1) or g(2)]}" if year else None
    if rule == "vi_months":
        last = {"chín": 9, "sáu": 6}.get(g(1).lower()) or int(g(1))
        return _months(g(2), 1, last)
    if rule == "vi_quarter":
        return f"{g(2)}-Q{ORDINALS[g(1).lower()]}"
    if rule == "vi_h1":
        return f"{g(1)}-H1"
    if rule == "vi_month":
        month = int(g(1))
        return f"{g(2)}-{month:02d}" if 1 <= month <= 12 else None
    if rule == "vi_months_bare":
        last = {"chín": 9, "sáu": 6}.get(g(1).lower()) or int(g(1))
        return _months(year, 1, last) if year else None
    if rule == "vi_quarter_bare":
        return f"{year}-Q{ORDINALS[g(1).lower()]}" if year else None
    return None


# A year: not after a digit, a decimal point or a thousands comma (a digit and a comma:
# "统计,2026年" after NFKC is a year), not before a digit or "%". The look behind stands
# after the century, so that the search skips to a "19" or "20".
YEAR_RE = re.compile(r"((?:19|20)(?<![\d.]\d\d)(?<!\d,\d\d)\d\d)(?![\d%])")
YEAR_GATE = Gate(YEAR_RE)
# each rule's pattern is run only where the strings its matches hold stand in the sentence
_GATES = [(Gate(pattern), rule) for pattern, rule in _RULES]


def find_periods(
    text: str,
    start: int = 0,
    end: int | None = None,
    gated: str | None = None,
    present: tuple[set[int], int] | None = None,
) -> list[Period]:
    """Every period stated in ``text[start:end]``, by position, spans into ``text``.

    ``gated`` is ``literals.gate_text(text, ...)`` when the caller has it: the rules'
    gates read it (without it every rule that ignores case is run), and ``present``
    the needles found in the range (``Gate.may``).
    """
    end = len(text) if end is None else end
    if not YEAR_GATE.may(text, gated, start, end, present):
        return []
    years = list(YEAR_RE.finditer(text, start, end))
    if not years:
        return []  # every form states a year, or takes the sentence's
    found: list[Period] = []
    taken: list[tuple[int, int]] = []
    needles, looked = present if present is not None else (None, -1)
    for gate, rule in _GATES:  # ``Gate.may``, inline: the rules are many, the sentences too
        if needles is not None and gate.top <= looked:
            if any(map(needles.isdisjoint, gate.groups)):
                continue
        elif not gate.possible(text, gated, start, end):
            continue
        for m in gate.pattern.finditer(text, start, end):
            s, e = m.span()
            if any(a < e and s < b for a, b in taken):
                continue
            year = None
            if rule.endswith("_bare") and years:
                year = min(years, key=lambda y: abs(y.start() - s)).group(1)
            period = _build(rule, m, year)
            if period is None:
                continue
            found.append(Period(s, e, period, rule))
            taken.append((s, e))
    return sorted(found, key=lambda p: p.start)
