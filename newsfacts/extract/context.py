"""Shared state of one extraction: the folded text, its language, and fact candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from operator import methodcaller

from newsfacts.extract import lexicon as lx
from newsfacts.extract.numbers import (
    FOLD_CHARS_RE,
    fold_text,
)
from newsfacts.limits import check_time
from newsfacts.model import FactKind, FactStatus

# Words that tell which currency a bare ¥ is: yen (Japan) or yuan (China): the
# countries, their cities and agencies, and companies news names without a country.
_JP_CLUES = (
    "Japan Japanese Tokyo Osaka Kyoto Yokohama Nagoya Fukuoka Hokkaido Kyushu Nikkei Kyodo NHK"
    " SoftBank Toyota Sony Hitachi Fujitsu Panasonic Nintendo Rakuten KDDI NTT NEC Mitsubishi"
    " Mitsui Sumitomo Mizuho Nomura Renesas Kioxia Sakura_Internet Preferred_Networks yen"
    " 日本 円 東京 大阪"
)
_CN_CLUES = (
    "China Chinese Beijing Shanghai Shenzhen Hangzhou Guangzhou Chengdu Wuhan Chongqing Tianjin"
    " Nanjing Suzhou Guizhou Hong_Kong Xinhua Caixin Yicai Alibaba Tencent Baidu Huawei ByteDance"
    " Xiaomi SMIC Cambricon Moore_Threads SenseTime iFlytek JD.com Meituan yuan RMB renminbi"
    " 人民币 中国 元"
)
_YEN_CLUE_OF = {w.replace("_", " "): "jp" for w in _JP_CLUES.split()} | {
    w.replace("_", " "): "cn" for w in _CN_CLUES.split()
}
_YEN_CLUES = re.compile(lx.trie_alt(list(_YEN_CLUE_OF)))  # a trie: one fast scan


def yen_clues(text: str) -> tuple[int, int]:
    """How many words in ``text`` point to Japan and how many to China (whole words)."""
    jp = cn = 0
    for m in _YEN_CLUES.finditer(text):
        s, e = m.span()
        if text[s].isascii() and (
            (s and text[s - 1].isalpha()) or (e < len(text) and text[e].isalpha())
        ):
            continue  # inside a longer word: "NECK" is not NEC, "Chinatown" not China
        if _YEN_CLUE_OF[m.group(0)] == "jp":
            jp += 1
        else:
            cn += 1
    return jp, cn


# A bare "$" in a paper from these places is their dollar, not the US one.
_LOCAL_DOLLARS = {"sg": "SGD", "hk": "HKD", "au": "AUD", "nz": "NZD", "ca": "CAD"}
_DOLLAR_PUBLISHERS = re.compile(
    r"(?P<SGD>(?<!New )Straits Times|CNA\b|Channel NewsAsia|The Edge Singapore|Lianhe Zaobao"
    r"|Singapore)"
    r"|(?P<HKD>South China Morning Post|SCMP|The Standard|RTHK|Hong Kong|HK01|Ming Pao)"
    r"|(?P<AUD>Australian|Sydney Morning Herald|The Age\b|news\.com\.au|iTnews|Crikey"
    r"|ABC News Australia|Australia)"
    r"|(?P<NZD>New Zealand|NZ Herald|Stuff\b|RNZ\b)"
    r"|(?P<CAD>Globe and Mail|Toronto Star|Financial Post|CBC\b|Canada|Canadian)",
    re.IGNORECASE,
)
# A dateline in the first lines: "SINGAPORE -", "SYDNEY, May 3 (AAP) -", "HONG KONG:".
_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?:(?P<SGD>SINGAPORE)|(?P<HKD>HONG KONG)"
    r"|(?P<AUD>SYDNEY|MELBOURNE|BRISBANE|PERTH|ADELAIDE|CANBERRA)"
    r"|(?P<NZD>AUCKLAND|WELLINGTON)|(?P<CAD>TORONTO|OTTAWA|VANCOUVER|MONTREAL|CALGARY))"
    r"\b(?P<rest>[^\n]{0,40}?)(?:[ \t][-–—:][ \t]|:)"
)
# Wire copy keeps "$" for the US dollar wherever it is datelined.
_WIRE_RE = re.compile(r"\((?:Reuters|AP|AFP|Bloomberg|Dow Jones|Xinhua)\)|Reuters|Bloomberg")
# The local dollar written out, and the US dollar written out.
_LOCAL_FORMS = {
    "SGD": re.compile(r"(?<![A-Za-z])S\$|\$S(?=\d)|SGD"),
    "HKD": re.compile(r"HK\$|\$HK|HKD"),
    "AUD": re.compile(r"(?<![A-Za-z])A\$|AU\$|\$A(?=\d)|AUD"),
    "NZD": re.compile(r"NZ\$|\$NZ|NZD"),
    "CAD": re.compile(r"(?<![A-Za-z])C\$|CA\$|\$C(?=\d)|CAD"),
}
_PENCE_RE = re.compile(r"\dp(?![^\W\d_])")
_US_FORMS = re.compile(r"US\$|\$US|U\.S\.\$|USD")


@dataclass(frozen=True, slots=True)
class CurrencyContext:
    """What an article says a bare ``¥`` and a bare ``$`` are, read once per article.

    ``jp_clues``/``cn_clues`` count the words pointing to Japan and to China (the
    publisher's and the address's count three times); ``dollar`` is the code a bare
    ``$`` stands for (``USD`` unless the publication is from Singapore, Hong Kong,
    Australia, New Zealand or Canada).
    """

    jp_clues: int = 0
    cn_clues: int = 0
    dollar: str = "USD"
    sterling: bool = False  # a British clue (``£``, London, a .uk address): ``80p`` is pence


def currency_context(
    text: str, publisher: str | None = None, source_uri: str | None = None
) -> CurrencyContext:
    """The currency context of a whole article: its text, publisher and address.

    A bare ``$`` is the local dollar when the publisher, the address's country
    domain (``.sg``, ``.com.hk``, ``.com.au``...) or a dateline (``SINGAPORE -``)
    says where the paper is, unless the dateline is wire copy (``(Reuters)``), or
    the article writes the local dollar out (``S$``) and never the US one, which
    says its bare ``$`` is the US dollar.
    """
    jp = cn = 0
    if "¥" in text or "￥" in text:
        jp, cn = yen_clues(text)
        for extra in (publisher, _host(source_uri)):
            if extra:
                ej, ec = yen_clues(extra)
                jp += 3 * (ej + extra.endswith(".jp"))
                cn += 3 * (ec + extra.endswith(".cn"))
    dollar = "USD"
    if "$" in text or "＄" in text:
        local = _local_dollar(text, publisher, _host(source_uri))
        if local is not None:
            explicit = _LOCAL_FORMS[local].search(text) is not None
            if not explicit or _US_FORMS.search(text) is not None:
                dollar = local
    sterling = _PENCE_RE.search(text) is not None and (
        lx.STERLING_CLUE_RE.search(text) is not None or (_host(source_uri) or "").endswith(".uk")
    )
    return CurrencyContext(jp, cn, dollar, sterling)


def _host(uri: str | None) -> str | None:
    """The host of a URL (``https://www.straitstimes.com/...`` -> ``www.straitstimes.com``)."""
    if not uri or "://" not in uri:
        return None
    host = uri.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0].lower()
    return host or None


def _local_dollar(text: str, publisher: str | None, host: str | None) -> str | None:
    """The local dollar the publisher, the host or a (non-wire) dateline names, if any."""
    if host:
        tld = host.rsplit(".", 1)[-1]
        if tld in _LOCAL_DOLLARS:
            return _LOCAL_DOLLARS[tld]
        for name in ("straitstimes", "businesstimes.com.sg", "scmp", "thestandard", "afr.com"):
            if name in host:
                return {"afr.com": "AUD", "scmp": "HKD", "thestandard": "HKD"}.get(name, "SGD")
    if publisher:
        m = _DOLLAR_PUBLISHERS.search(publisher)
        if m:
            return m.lastgroup
    m = _DATELINE_RE.search(text, 0, 600)
    if m and not _WIRE_RE.search(m["rest"]):
        return next(code for code in _LOCAL_DOLLARS.values() if m[code])
    return None


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
    unit_mult: float = 1.0  # what the unit multiplies by besides scale words (exa-, cents)


@dataclass(slots=True)
class Context:
    """One paragraph being read: original text, folded text ``sh``, language and locale."""

    text: str
    sh: str
    lang: str
    comma: bool
    num_re: re.Pattern[str]
    currency: CurrencyContext | None = None
    mil: float = 1e6  # what "mil" after a number multiplies by (1e3 in Spanish, Portuguese)
    yen_code: str | None = None
    evidence: SeparatorEvidence | None = None
    _low: str | None = None
    _blind_low: str | None = None
    _numbers: list[tuple[int, int, str]] | None = None
    _votes: tuple[int, int] | None = None

    @property
    def low(self) -> str:
        """Lower-cased text with the same offsets (falls back to ``sh`` if lengths differ)."""
        if self._low is None:
            low = self.sh.lower()
            self._low = low if len(low) == len(self.sh) else self.sh
        return self._low

    @property
    def blind_low(self) -> str | None:
        """``low`` where it reads as a case-blind pattern does, for cheap tests; else None.

        Case-blind, ``sre`` also reads ı and İ as i and ſ as s, which lower-case to other
        letters (İ to two characters, moving the offsets): a text with one of them gets no
        cheap test. Lower case keeps a letter a letter and anything else not one, so a
        lookahead for a letter after a word holds in ``low`` as in the text.
        """
        if self._blind_low is None:
            sh = self.sh
            odd = "ı" in sh or "İ" in sh or "ſ" in sh
            self._blind_low = "" if odd else self.low
        return self._blind_low or None

    def may_match(self, *gates: re.Pattern[str]) -> bool:
        """Whether a case-blind pattern can match, tested by ``gates``, its words in lower case,
        on ``blind_low`` (any one found): a cheap test to run before the pattern itself."""
        low = self.blind_low
        return low is None or any(map(methodcaller("search", low), gates))

    def numbers(self) -> list[tuple[int, int, str]]:
        """Every digit numeral: start, end and its text."""
        if self._numbers is None:
            found = []
            sh = self.sh
            n = len(sh)
            pos = 0
            num_re = self.num_re
            other_re = lx.DOT_FORM_RE if self.comma else lx.COMMA_FORM_RE
            search = lx.DIGIT_RE.search
            while True:
                check_time()
                d = search(sh, pos)
                if d is None:
                    break
                s = d.start()
                lead = s and sh[s - 1] in ".,"
                if lead and s >= 2 and sh[s - 1] == "." and sh[s - 2].isalpha():
                    # the dot of an abbreviation ("Rs.500", "No.5"), not a decimal point
                    m = lx.AFTER_ABBREVIATION[num_re].match(sh, s)
                elif lead and (s < 2 or not sh[s - 2].isdigit()):
                    m = num_re.match(sh, s - 1)  # a leading separator: ".5", ",08"
                    if m is None or m.end() <= s:
                        m = num_re.match(sh, s)
                else:
                    m = num_re.match(sh, s)
                if m is None:
                    pos = s + 1
                    continue
                end = m.end()
                if end + 1 < n and sh[end] in ".," and sh[end + 1].isdigit():
                    other = other_re.match(sh, s)
                    if other is not None and other.end() > end:
                        m = other  # 1,234,567 in Vietnamese, 5,6 in English
                a, b = m.span()
                if not (lead and s >= 2 and sh[s - 2].isdigit()):
                    found.append((a, b, sh[a:b]))
                pos = b if b > s else s + 1
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
        """The currency of a bare ``¥``: the paragraph's clues (twice) and the article's."""
        if self.yen_code is None:
            if self.lang == "ja":
                self.yen_code = "JPY"
            elif self.lang == "zh":
                self.yen_code = "CNY"
            else:
                jp, cn = yen_clues(self.text)
                jp, cn = 2 * jp, 2 * cn
                if self.currency is not None:
                    jp += self.currency.jp_clues
                    cn += self.currency.cn_clues
                self.yen_code = "CNY" if cn > jp else "JPY"
        return self.yen_code

    def dollar(self) -> str:
        """The currency of a bare ``$``: the article's (``USD`` without one)."""
        return self.currency.dollar if self.currency is not None else "USD"


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
