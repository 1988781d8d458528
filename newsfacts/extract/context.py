"""Shared state of one extraction: the folded text, its language, and fact candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsfacts.extract import lexicon as lx
from newsfacts.extract.numbers import (
    FOLD_CHARS_RE,
    fold_text,
)
from newsfacts.limits import check_time
from newsfacts.model import FactKind, FactStatus

# Words that tell which currency a bare ¥ is: yen (Japan) or yuan (China).
_JP_CLUES = re.compile(r"Japan|Japanese|Tokyo|Osaka|Hokkaido|Nikkei|SoftBank|\byen\b|日本|円|東京")
_CN_CLUES = re.compile(r"China|Chinese|Beijing|Shanghai|Shenzhen|yuan|RMB|renminbi|人民币|中国|元")


# A quantity whose numeral shows its decimal separator by itself: a point in 12.5%,
# 2,000.5 or 1,234,567 USD; a comma in 5,6 tỷ, 1.234,5 or 1.234.567 đồng. Numerals
# glued to a word or a hyphen (GPT-4.5, V3.1) are names, not evidence.
_NUMERAL_RE = re.compile(r"\d[\d.,]*\d")
_DOT_DECIMAL_RE = re.compile(
    r"\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,}|\d+\.(?:\d{1,2}|\d{4,})"
)
_COMMA_DECIMAL_RE = re.compile(
    r"\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,(?:\d{1,2}|\d{4,})"
)
_SYMBOLS_BEFORE = frozenset("$€£¥₹₫")


def separator_votes(sh: str) -> tuple[int, int]:
    """Quantities in ``sh`` whose numerals show a decimal point, and a decimal comma.

    Only numerals with a unit, a scale word or a currency symbol count, so that a
    version (Llama 3.1) or a date does not vote.
    """
    dot = comma = 0
    for m in _NUMERAL_RE.finditer(sh):
        numeral = m.group(0)
        if _DOT_DECIMAL_RE.fullmatch(numeral) is not None:
            is_dot = True
        elif _COMMA_DECIMAL_RE.fullmatch(numeral) is not None:
            is_dot = False
        else:
            continue  # 2024, 1,615: no separator, or one that reads both ways
        s, e = m.span()
        if s and (sh[s - 1].isalpha() or sh[s - 1] in "_.,-"):
            continue  # glued to a name: GPT-4.5, V3.1
        if (
            lx.UNIT_RE.match(sh, e) is None
            and lx.SCALE_RE.match(sh, e) is None
            and not (s and sh[s - 1] in _SYMBOLS_BEFORE)
        ):
            continue
        if is_dot:
            dot += 1
        else:
            comma += 1
    return dot, comma


class SeparatorEvidence:
    """How a document's paragraphs write decimals, counted once, when first asked."""

    __slots__ = ("_texts", "_votes")

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._votes: tuple[int, int] | None = None

    def votes(self) -> tuple[int, int]:
        """Quantities with a decimal point, and with a decimal comma, in all the texts."""
        if self._votes is None:
            dot = comma = 0
            for text in self._texts:
                d, c = separator_votes(fold_for_scan(text))
                dot += d
                comma += c
            self._votes = (dot, comma)
        return self._votes


@dataclass(slots=True)
class Candidate:
    """A possible fact: span, value and unit, plus what assembly needs (number start, scale)."""

    kind: FactKind
    start: int
    end: int
    value: float | None
    unit: str | None
    num_start: int
    scale: float = 1.0
    value_high: float | None = None
    status: FactStatus = "valid"
    reason: str | None = None
    qualifier: str | None = None
    conversion_of: int | None = None
    integer: bool = False


@dataclass(slots=True)
class Context:
    """One paragraph being read: original text, folded text ``sh``, language and locale."""

    text: str
    sh: str
    lang: str
    comma: bool
    num_re: re.Pattern[str]
    yen_code: str | None = None
    evidence: SeparatorEvidence | None = None
    _low: str | None = None
    _numbers: list[tuple[int, int, str]] | None = None
    _votes: tuple[int, int] | None = None

    @property
    def low(self) -> str:
        """Lower-cased text with the same offsets (falls back to ``sh`` if lengths differ)."""
        if self._low is None:
            low = self.sh.lower()
            self._low = low if len(low) == len(self.sh) else self.sh
        return self._low

    def numbers(self) -> list[tuple[int, int, str]]:
        """Every digit numeral: start, end and its text."""
        if self._numbers is None:
            found = []
            sh = self.sh
            pos = 0
            num_re = self.num_re
            search = lx.DIGIT_RE.search
            while True:
                check_time()
                d = search(sh, pos)
                if d is None:
                    break
                s = d.start()
                if s and sh[s - 1] in ".," and (s < 2 or not sh[s - 2].isdigit()):
                    m = num_re.match(sh, s - 1)  # a leading separator: ".5", ",08"
                    if m is None or m.end() <= s:
                        m = num_re.match(sh, s)
                else:
                    m = num_re.match(sh, s)
                if m is None:
                    pos = s + 1
                    continue
                end = m.end()
                if end + 1 < len(sh) and sh[end] in ".," and sh[end + 1].isdigit():
                    other = (lx.DOT_FORM_RE if self.comma else lx.COMMA_FORM_RE).match(sh, s)
                    if other is not None and other.end() > end:
                        m = other  # 1,234,567 in Vietnamese, 5,6 in English
                if not (s and sh[s - 1] in ".," and s >= 2 and sh[s - 2].isdigit()):
                    found.append((m.start(), m.end(), m.group(0)))
                pos = max(m.end(), s + 1)
            self._numbers = found
        return self._numbers

    def other_separator_wins(self) -> bool:
        """Whether this paragraph, or else its document, writes decimals the other locale's way.

        A Vietnamese text that writes ``12.5%`` and ``2.5 tỷ USD`` uses a decimal point,
        so its ``3.125`` is 3.125 too; an English one that writes ``5,6 billion`` a comma.
        """
        if self._votes is None:
            self._votes = separator_votes(self.sh)
        dot, comma = self._votes
        if dot == comma and self.evidence is not None:
            dot, comma = self.evidence.votes()
        return dot > comma if self.comma else comma > dot

    def yen(self) -> str:
        if self.yen_code is None:
            if self.lang == "ja":
                self.yen_code = "JPY"
            elif self.lang == "zh":
                self.yen_code = "CNY"
            else:
                jp = len(_JP_CLUES.findall(self.text))
                cn = len(_CN_CLUES.findall(self.text))
                self.yen_code = "CNY" if cn > jp else "JPY"
        return self.yen_code


_LANG_CODES: dict[str, str] = {}


def lang_code(lang: str | None) -> str:
    """The primary language subtag (``zh-Hans`` -> ``zh``); unknown -> ``en``."""
    if not lang:
        return "en"
    code = _LANG_CODES.get(lang) if isinstance(lang, str) else None
    if code is None:
        code = str(lang).strip().lower().replace("_", "-").split("-")[0] or "en"
        if isinstance(lang, str) and len(_LANG_CODES) < 1000:  # a run sees a few tags
            _LANG_CODES[lang] = code
    return code


def mask_urls(sh: str) -> str:
    """``sh`` with URLs and e-mail addresses blanked out (same length)."""

    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    if "http" in sh or "www." in sh or "HTTP" in sh:
        sh = lx.URL_RE.sub(blank, sh)
    if "@" in sh:
        sh = lx.EMAIL_RE.sub(blank, sh)
    return sh


def fold_for_scan(text: str) -> str:
    """The folded text the patterns run on (full-width digits, 萬 -> 万, ...), same length."""
    if FOLD_CHARS_RE.search(text) is None:
        return text
    if "，" in text:
        text = re.sub(r"(?<=[０-９])，(?=[０-９])", ",", text)
    return fold_text(text)


# ------------------------------------------------------------------ helpers


def is_latin(ch: str) -> bool:
    """True for a letter of an alphabetic script (not CJK), as in ``A100``."""
    return ch.isalpha() and ord(ch) < 0x2E80
