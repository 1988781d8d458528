"""Compiled patterns for units, currencies, scales and qualifiers.

Built once at import from ``newsfacts.currency`` and small word lists. The
patterns run on folded text (``numbers.fold_text``), so full-width forms and
Chinese numeral variants need no alternatives here.
"""

from __future__ import annotations

import re

from newsfacts.currency import CODE_ALIASES, NAMES, READ_CODES, SYMBOLS
from newsfacts.extract.numbers import EN_NUMBER_WORDS, VI_NUMBER_WORDS

IC = re.IGNORECASE
SP = r"[ \t]"
LATIN_END = r"(?![^\W\d_])"  # not followed by a letter


def _alt(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, inner spaces as flexible blanks.

    Shaped as a prefix trie (``trie_alt``), which ``sre`` leaves after one character
    where a flat alternation tried every word in turn. It matches what the flat one did:
    of two words one of which starts the other the longer is tried first, and words that
    part at a character never both match (they are all lower case where the pattern
    ignores case).
    """
    return trie_alt(words, blanks=True)


def trie_alt(words: list[str], blanks: bool = False) -> str:
    """A regex alternation of ``words`` shaped as a prefix trie (fast for ``sre`` to scan).

    With ``blanks`` a space inside a word matches any run of spaces and tabs.
    """
    tree: dict = {}
    for w in set(words):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def piece(ch: str) -> str:
        return r"[ \t]+" if blanks and ch == " " else re.escape(ch)

    def build(node: dict) -> str:
        ends = "" in node
        branches = [piece(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(tree)


def case_blind(word: str) -> str:
    """``word`` in lower case as a case-blind pattern read it, the key to look it up by:
    sre's IGNORECASE also takes ſ for s, ı and İ for i, which ``str.lower`` keeps apart."""
    low = word.lower()
    if low.isascii():
        return low
    return low.replace("ſ", "s").replace("ı", "i").replace("i\u0307", "i")


# ------------------------------------------------------------------ numbers

NUM_DOT = (
    r"(?<![\d.,])(?:\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?![\d,])"  # Indian: 1,00,000
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ ]\d{3})+(?![\d,.])"
    r"|\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+(?![\w.])|\^\d+)?(?:/\d+(?=[ \t]?%))?"
)
NUM_COMMA = (
    r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d])|\d+,\d+|\d+\.\d+|\d+|,\d+)"
    r"(?:[eE][+-]?\d+(?![\w.])|\^\d+)?(?:/\d+(?=[ \t]?%))?"
)
NUM_DOT_RE = re.compile(NUM_DOT)
NUM_COMMA_RE = re.compile(NUM_COMMA)
# After an abbreviation's dot ("Rs.500", "No.5") a numeral starts at its digit: the same
# patterns without the look-behind that keeps a match from starting inside "1.5" or ".5".
AFTER_ABBREVIATION = {
    NUM_DOT_RE: re.compile(NUM_DOT.removeprefix(r"(?<![\d.,])")),
    NUM_COMMA_RE: re.compile(NUM_COMMA.removeprefix(r"(?<![\d.,])")),
}
# Numerals the other locale writes, that show their separator by themselves: tried only
# where the locale's pattern stopped before a separator and a digit (1.234|.567, 5|,6).
COMMA_FORM_RE = re.compile(
    r"(?:\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:\.\d{3}){2,}|\d+,\d{1,2})(?![\d.,])"
)  # 1.234,5, 1.234.567, 5,6 in a decimal-point text
DOT_FORM_RE = re.compile(
    r"(?:\d{1,3}(?:,\d{3})+\.\d+|\d{1,3}(?:,\d{3}){2,})(?![\d.,])"
)  # 1,234.5, 1,234,567 in a decimal-comma text
DIGIT_RE = re.compile(r"\d")

ZH_NUM_CHARS = "零〇一二两三四五六七八九十百千万亿兆"
ZH_NUM_RE = re.compile(rf"[{ZH_NUM_CHARS}](?:[ \t]*[{ZH_NUM_CHARS}点]){{0,40}}")
HAS_CJK_RE = re.compile(r"[\u3400-\u9fff\u3040-\u30ff]")

SCALE_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "trillion": 1e12,
    "quadrillion": 1e15,
    "quintillion": 1e18,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "crore": 1e7,
    "crores": 1e7,
    "mil": 1e3,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "millardo": 1e9,
    "millardos": 1e9,
    "billón": 1e12,
    "billon": 1e12,
    "billones": 1e12,
    "nghìn": 1e3,
    "ngàn": 1e3,
    "nghin": 1e3,
    "ngan": 1e3,
    "triệu": 1e6,
    "trieu": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "trăm": 1e2,
    # French, German, Portuguese, Italian
    "millionen": 1e6,
    "milliard": 1e9,
    "milliards": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billionen": 1e12,
    "milhão": 1e6,
    "milhões": 1e6,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
}
SCALE_ABBREV = {
    "bn": 1e9,
    "bln": 1e9,
    "mn": 1e6,
    "mln": 1e6,
    "tn": 1e12,
    "trn": 1e12,
    "cr": 1e7,
    "mio": 1e6,
    "mio.": 1e6,
    "mrd": 1e9,
    "mrd.": 1e9,
}
SCALE_LETTERS = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "T": 1e12}
SCALE_ZH = {"十": 1e1, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8, "兆": 1e12}

SCALE_RE = re.compile(
    rf"(?:{SP}?-?{SP}?(?P<w>{_alt(list(SCALE_WORDS))}){LATIN_END}"
    rf"|{SP}?(?P<a>{_alt(list(SCALE_ABBREV))}){LATIN_END}"
    rf"|(?-i:(?P<l>[kKmMbBT]))(?![A-Za-z])"
    rf"|{SP}?(?P<z>[百千万亿兆])(?![分之])"
    rf"|{SP}?(?P<k>[kK])(?![A-Za-z]))",
    IC,
)

# ------------------------------------------------------------------ units

PCT = (
    r"%|‰|(?:percentage"
    + SP
    + r"+points?|percent(?:age)?s?|per"
    + SP
    + r"?cent|pct|(?-i:pc))"
    + LATIN_END
    + r"|por"
    + SP
    + r"+cien(?:to)?"
    + LATIN_END
    + r"|(?:pour|por|per)"
    + SP
    + r"+cento?"
    + LATIN_END
    + r"|prozent"
    + LATIN_END
    + r"|puntos"
    + SP
    + r"+porcentuales|điểm"
    + SP
    + r"+phần"
    + SP
    + r"+trăm|phần"
    + SP
    + r"+trăm|个[ \t]*百[ \t]*分[ \t]*点"
)

FLOPS = (
    r"(?P<fp>giga|tera|peta|exa|zetta|yotta)[ \t-]?flop(?:s|/s)?"
    r"|(?-i:(?P<fl>[GTPEZY]))[ \t]?(?i:flop(?:s|/s)?)"
    r"|(?P<fb>flop/s|flops)"
    r"|(?P<fw>floating[ \t-]point"
    + SP
    + r"+operations?"
    + SP
    + r"+(?:per|a|each)"
    + SP
    + r"+second)"
    # computing power without a FLOPS word: "calculations per second", "phép tính mỗi giây"
    r"|(?P<fc>(?:calculations?|computations?)[ \t]+(?:per|a|each|every)[ \t]+second"
    r"|phép[ \t]+(?:tính|toán)(?:[ \t]+dấu[ \t]+phẩy[ \t]+động)?"
    r"(?:[ \t]*/[ \t]*(?:giây|s)|[ \t]+(?:mỗi|trên|một|trong[ \t]+một)[ \t]+giây))"
)
FLOPS_PREFIX = {
    "giga": 1e9,
    "tera": 1e12,
    "peta": 1e15,
    "exa": 1e18,
    "zetta": 1e21,
    "yotta": 1e24,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "Z": 1e21,
    "Y": 1e24,
}
# No one system reaches a zettaFLOPS: where a numeral reads either way (1.615 is 1615
# in Vietnamese), a reading above this is the wrong one.
FLOPS_CEILING = 1e21
FLOPS_EXCLUDE_RE = re.compile(
    r"[ \t]*(?:/|per\b|each\b|every\b)[ \t]*(?:watt|w|kw|kilowatt|joule|j)\b|[ \t]*-?[ \t]*days?\b",
    IC,
)

_CODES = sorted(READ_CODES)
CODE_ALT = "|".join(_CODES)
_LATIN_NAMES = [
    n for n in NAMES if re.match(r"[^\W\d_]", n) and not re.match(r"[\u3400-\u9fff]", n)
]
_CJK_NAMES = [n for n in NAMES if re.match(r"[\u3400-\u9fff]", n)]
_AFTER_SYMBOLS = [s for s in SYMBOLS if len(s) == 1 and s not in "元"] + ["ரூ"]
# Qualified dollars after the amount ("2.5 billion US$", "300 million A$"); upper case only.
_AFTER_DOLLARS = ["US$", "A$", "AU$", "C$", "NZ$", "S$", "SG$", "HK$", "NT$"]

CUR_SUFFIX = (
    rf"(?P<cn>{_alt(_CJK_NAMES)})"
    rf"|(?P<ln>{_alt(_LATIN_NAMES)}){LATIN_END}"
    rf"|(?-i:(?P<code>{_alt([*_CODES, 'RMB', 'VNĐ', 'NTD', 'NDT'])}))(?![A-Za-z])"
    rf"|(?P<sym>(?-i:{_alt(_AFTER_DOLLARS)})|{_alt(_AFTER_SYMBOLS)})(?![ \t]*\d)"
)

UNIT_RE = re.compile(
    rf"(?P<pct>{SP}*(?:{PCT})|-(?:percent|per{SP}?cent)(?![^\W\d_]))"
    rf"|(?P<flops>{SP}*-?{SP}*(?:{FLOPS}))(?![A-Za-z])"
    rf"|(?P<cur>{SP}*-?{SP}*(?:(?:de|del|di){SP}+|d['’])?(?:{CUR_SUFFIX}))",
    IC,
)

# Currency written before the amount; matched so that it ends where the number starts.
_PREFIX_QUAL = {
    "us": "USD",
    "u.s": "USD",
    "u.s.": "USD",
    "usd": "USD",
    "hk": "HKD",
    "c": "CAD",
    "ca": "CAD",
    "can": "CAD",
    "a": "AUD",
    "au": "AUD",
    "aud": "AUD",
    "nz": "NZD",
    "s": "SGD",
    "sg": "SGD",
    "nt": "TWD",
    "r": "BRL",
    "mex": "MXN",
    "mx": "MXN",
}
PREFIX_RE = re.compile(
    r"(?:(?<![^\W\d_])(?P<q>u\.s\.?|us|usd|hk|can|ca|c|aud|au|a|nz|sg|s|nt|r|mex|mx)\$"
    r"|(?<![^\W\d_])(?P<qs>u\.s\.?|us|usd|hk|c|aud|au|nz|sg|nt|mex|mx)[ \t]\$"
    r"|(?<![^\W\d_'’])(?-i:(?P<qss>S))[ \t]\$"
    r"|\$(?-i:(?P<qd>US|AU|A|NZ|HK|SG|S|C))"
    r"|(?P<usd>U\$[DS])"
    r"|(?P<sym>[$€£¥₹₩₫₽₺₱฿₦₪₴₡₾₭₮₲₵₸৳]|ரூ)"
    rf"|(?<![^\W\d_])(?-i:(?P<code>{_alt([*_CODES, 'RMB', 'Rmb', 'NTD', 'RM', 'Rp'])}))"
    r"|(?<![^\W\d_])(?P<rs>Rs\.?)"
    r"|(?P<cn>人民币|港币|美元|港元))[ \t]{0,2}\Z",
    IC,
)


def prefix_code(m: re.Match[str]) -> str:
    """The currency code a ``PREFIX_RE`` match denotes ("¥" is left to the caller)."""
    if m["q"] or m["qs"] or m["qss"] or m["qd"]:
        return _PREFIX_QUAL[case_blind(m["q"] or m["qs"] or m["qss"] or m["qd"])]
    if m["usd"]:
        return "USD"
    if m["sym"]:
        return SYMBOLS.get(m["sym"], "USD")
    if m["code"]:
        return CODE_ALIASES.get(m["code"], m["code"])
    if m["rs"]:
        return "INR"
    return NAMES[m["cn"]]


def suffix_code(m: re.Match[str]) -> str:
    """The currency code a ``CUR_SUFFIX`` match inside ``UNIT_RE`` denotes."""
    if m["cn"]:
        return NAMES[m["cn"]]
    if m["ln"]:
        return NAMES[" ".join(m["ln"].lower().split())]
    if m["code"]:
        return CODE_ALIASES.get(m["code"], m["code"])
    return SYMBOLS.get(m["sym"], "USD")


GUARDED_NAMES = frozenset({"pound", "pounds", "libra", "libras"})

# Broken mention: a currency and a scale word with the number lost between them.
BROKEN_SYMBOL_RE = re.compile(r"[$€£¥₹]")
_BROKEN_CODES = ("USD", "EUR", "CNY", "RMB", "HKD", "GBP", "JPY", "VND", "INR", "Rs")
# a cheap test for whether a paragraph can hold one before the full pattern runs
HAS_BROKEN_CODE_RE = re.compile("|".join(_BROKEN_CODES))
BROKEN_CODE_RE = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(_BROKEN_CODES)}\.?)")  # the last: "Rs."
BROKEN_SCALE_RE = re.compile(
    r"[ \t]*(?:million|billion|trillion|bn|mn|thousand|crore|lakh)(?![^\W\d_])", IC
)
BROKEN_QUAL_RE = re.compile(r"(?<![^\W\d_])(?P<q>us|hk)[ \t]?\Z", IC)

# ---------------------------------------------- number words
# English runs on lower-cased text, Spanish as written.

EN_WORDS = sorted(EN_NUMBER_WORDS)
EN_WORD = trie_alt(EN_WORDS)
# Runs on lower-cased text: starts with the trie so that ``sre`` can skip fast;
# the word boundary before the run is checked by the caller.
EN_RUN_RE = re.compile(
    rf"(?:{EN_WORD})(?:(?:{SP}*-{SP}*|{SP}+(?:and{SP}+|point{SP}+)?)(?:{EN_WORD})){{0,40}}"
    rf"{LATIN_END}"
)
ES_WORD = (
    r"cero|una|uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce"
    r"|quince|diecis[eé]is|diecisiete|dieciocho|diecinueve|veinte|veinti[uú]n[oa]?|veintid[oó]s"
    r"|veintitr[eé]s|veinticuatro|veinticinco|veintis[eé]is|veintisiete|veintiocho|veintinueve"
    r"|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento"
    r"|(?:doscient|trescient|cuatrocient|quinient|seiscient|setecient|ochocient|novecient)[oa]s"
    r"|mil|mill[oó]n|millones|millardos?"
    r"|bill[oó]n|billones|[^\W\d_]+avos?|[^\W\d_]+[eé]simos?|medios?|tercios?|cuartos?|quintos?"
    r"|sextos?|s[eé]ptimos?|octavos?|novenos?|d[eé]cimos?"
)
ES_RUN_RE = re.compile(
    rf"(?:{ES_WORD})(?:{SP}+(?:(?:y|con|coma|sobre){SP}+)?(?:{ES_WORD})){{0,40}}{LATIN_END}",
    IC,
)
# Vietnamese, on lower-cased text: "hai tỷ", "ba nghìn tỷ", "hai mươi lăm".
VI_WORD = trie_alt(sorted(VI_NUMBER_WORDS))
VI_RUN_RE = re.compile(rf"(?:{VI_WORD})(?:{SP}+(?:{VI_WORD})){{0,20}}{LATIN_END}")
# what a number in words needs in it or after it: a scale word, a FLOPS or percent unit
VI_ANCHOR_RE = re.compile(r"tỷ|tỉ|triệu|nghìn|ngàn|phần[ \t]+trăm|trăm|chục|mươi|mười|[a-z]*flop")
WORD_RE = re.compile(r"[^\W\d_]+")
MINUS_WORD_RE = re.compile(r"(?<![^\W\d_])(?:minus|negative|menos|âm)[ \t]+\Z", IC)
LAST_WORD_RE = re.compile(r"[^\W\d_]+\Z")

# ---------------------------------------------- minor units ("3 dollars 50 cents", "五元三毛")

CONNECTOR_RE = re.compile(r"[ \t]*,?[ \t]*(?:(?:and|y|con|又|和|零)[ \t]*)?", IC)
SUBUNIT_RE = re.compile(
    r"[ \t]*(?P<u>cents?|centavos?|c[eé]ntimos|pence|penny|sen|fen|mao|jiao"
    r"|美分|日本銭|銭|角|毛|分)"
    r"(?![^\W\d_])",
    IC,
)
# A sub-unit alone after a number (``45 cents``, ``80p``); case as written.
SUBUNIT_ALONE_RE = re.compile(
    r"[ \t]*(?:(?P<q>euro|US|U\.S\.)[ \t]+)?(?P<u>cents?|pence|penny|sen|xu)(?![^\W\d_])"
    r"|[ \t]*(?P<z>美分)"
    r"|p(?![^\W\d_]|\.[A-Za-z])"
)
STERLING_CLUE_RE = re.compile(r"£|pence|pounds?\b|sterling|FTSE|London|Brit|\bUK\b|\bLSE\b", IC)
VI_USD_RE = re.compile(r"USD|\$|đô", IC)
MINOR_END_RE = re.compile(r"[ \t]*(?:[.,;:!?)\]]|\Z|and\b|y\b|or\b|o\b)", IC)
CENTS_TAIL_RE = re.compile(r"[.,]\d{1,2}$")

# ---------------------------------------------- unit-led and special forms

PERCENT_OF_RE = re.compile(rf"[Pp]er(?:cents?|{SP}?cent|centage)({SP}+of{SP}+)")
PHRASE_END_RE = re.compile(r"[ \t]*(?:[.,;:!?)]|\Z)")
SOBRE_BEFORE_RE = re.compile(r"(\d+(?:,\d+)?)[ \t]+sobre[ \t]+\Z")
UNIT_LABEL_RE = re.compile(r"(?<![^\W\d_])(?:in|en|as|trong|单位)\Z", IC)
OF_CURRENCY_RE = re.compile(r"[ \t]*-?[ \t]*(?:de|del|di|d['’])(?:[ \t]|(?<=['’]))", IC)
OF_RE = re.compile(r"[ \t]+of\b", IC)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s]+", IC)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")

# ---------------------------------------------- Chinese

ZH_FRACTION_RE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万亿\d])((?:[百千万][ \t]*)+)分[ \t]*之[ \t]*"
)
ZH_TENTHS_RE = re.compile(
    r"(?P<num>(?:[\d零〇一二两三四五六七八九十点.][ \t]*){1,8}?|半)[ \t]*(?P<u>成|折)"
)
ZH_TENTHS_TAIL_RE = re.compile(
    r"(半)|[ \t]?([一二三四五六七八九1-9])(?![\d零〇一二两三四五六七八九十百千万亿点.])"
)
DUI_ZHE_RE = re.compile(r"打[ \t]*(对[ \t]*折)")
ZH_COMPUTE_CONTEXT_RE = re.compile(
    r"算力|智算|智能计算|计算能力|运算能力|超算|计算中心|计算集群|FLOPS|flops"
)
ZH_TIMES_RE = re.compile(r"[ \t]*次(?P<ps>[ \t]*(?:/秒|每秒|/s))?")
ZH_AFTER_TIMES_RE = re.compile(r"[ \t]*(?:的)?(?:双精度|单精度|半精度)?(?:浮点|每秒)")
ZH_PE_RE = re.compile(r"[ \t]?(?P<pe>[PE])(?![A-Za-z])")
ZH_JING_RE = re.compile(r"[ \t]?京(?=[ \t]*次)")  # 京 = 1e16, a count of operations only
ZH_SENTENCE_END = "。！？；!?;\n"
# 1080P beside 高清 is a video resolution, not 1080 petaFLOPS
ZH_VIDEO_RE = re.compile(r"高清|视频|分辨率|画质|摄像|像素|屏幕|显示|直播|影像")
VIDEO_LINES = frozenset({144.0, 240.0, 360.0, 480.0, 540.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0})
# 3200 多亿元, 50 余亿元: "more than", before the scale, with or without spaces
ZH_MORE_THAN_RE = re.compile(r"[ \t]?([多余])[ \t]?(?=[十百千万亿])")
ZH_MONEY_TALK_RE = re.compile(r"花|费|付|买|卖|价|值|薪|钱|赚|借|欠|收入|成本|售|赔|罚|奖")
K_SUFFIX_RE = re.compile(r"[ \t]*[kK](?![A-Za-z])")

# ---------------------------------------------- assembly: qualifiers, ranges, conversions

# Qualifiers before a number, as patterns (a space: any blanks). The last word of one ends
# the text before the number: the cheap test made before QUALIFIER_RE runs.
_QUALIFIER_ALT = (
    r"up to|about|around|approximately|approx\.|nearly|almost|more than|over|at least|less than"
    r"|under|some|roughly|close to|as much as|as high as|in excess of|upwards of|above|below"
    r"|just over|just under|an estimated|estimated|cerca de|alrededor del?|aproximadamente"
    r"|más de|menos del?|hasta|casi|unos|unas|khoảng|hơn|gần|trên|tới"
    r"|约合|折合|大约|约|超过|逾|将近|近|接近|高达|不到|不足|至少|最多|多达|超"
)
_QUALIFIERS = _QUALIFIER_ALT.split("|")
QUALIFIER_RE = re.compile(
    r"(?:^|(?<=[^\w]))(?P<q>"
    + "|".join(q.replace(" ", r"[ \t]+") for q in _QUALIFIERS)
    + r")[ \t]*\Z",
    IC,
)
_QUALIFIER_LAST = [q.rsplit(" ", 1)[-1].replace("\\.", ".") for q in _QUALIFIERS]
QUALIFIER_ENDS = tuple(
    sorted(
        {w.replace("l?", "") for w in _QUALIFIER_LAST}
        | {w.replace("l?", "l") for w in _QUALIFIER_LAST}
    )
)
# The Chinese ones also after a Chinese character (融资约 12 亿美元), not inside 节约, 最近,
# 赶超; tried only where the last character before the number can end one.
ZH_QUALIFIER_RE = re.compile(
    r"(?P<q>约合|折合|大约|(?<![节制合签预公条契邀])约|超过|逾|将近|(?<![最附])近|接近|高达|不到"
    r"|不足|至少|最多|多达|(?<![赶])超)[ \t]*\Z"
)
ZH_QUALIFIER_ENDS = frozenset("合约过逾近达到足少多超")
ZH_SUFFIX_QUALIFIER_RE = re.compile(r"[ \t]*(左右|以上|多|余)")
RANGE_SEP_RE = re.compile(r"[ \t]*(?P<sep>-|–|—|~|〜|to|and|至|到|y|a|đến|tới|hasta)[ \t]*", IC)
RANGE_BETWEEN_RE = re.compile(r"(?:between|entre|từ)[ \t]+\Z", IC)
SPANISH_DE_RE = re.compile(r"(?<![^\W\d_])del?[ \t]+\Z", IC)
FROM_RE = re.compile(r"(?<![^\W\d_])(?:from|desde|từ)[ \t]+\Z", IC)
RANGE_HIGH_RE = re.compile(r"[ \t]*(?:-|–|to)[ \t]*", IC)
# the low end's own scale words: "2 million to 5 million yuan", "15亿至25亿元"
_LOW_SCALE_WORD = _alt([*SCALE_WORDS, *SCALE_ABBREV])
_LOW_SCALE = rf"(?P<ls>(?:{SP}?(?:{_LOW_SCALE_WORD}){LATIN_END}|{SP}?[百千万亿兆]){{1,3}})?"
_RANGE_LOW_TAIL = (
    r")" + _LOW_SCALE + r"(?P<pu>[ \t]*(?:%|percent|per cent))?[ \t]*"
    r"(?P<sep>-|–|—|~|〜|to|and|至|到|y|đến|tới|lên|xuống)[ \t]*\Z"
)
# separators that can also join the two ends of a change ("fell from 3.9 to 3.6 percent")
CHANGE_SEPS = frozenset({"to", "至", "到", "đến", "tới", "lên", "xuống"})
# before "from": a range, not a change ("ranging from $12 to $18 billion")
RANGE_FROM_RE = re.compile(
    r"(?<![^\W\d_])(?:rang(?:e|es|ed|ing)|anywhere|somewhere|var(?:y|ies|ied|ying))[ \t]+\Z",
    IC,
)
# before "from" a percentage or FLOPS: a rise, so "from 3.6 to 3.9 percent" is two values
# (without one, "cut costs from 30% to 40%" reads as a range, as the seed gold has it)
UP_VERB_FROM_RE = re.compile(
    r"(?<![^\W\d_])(?:rise|rises|rose|risen|rising|raise|raised|raising|increase|increased"
    r"|increasing|grow|grew|grown|growing|climb|climbed|jump|jumped|surge|surged|soar|soared"
    r"|lift|lifted|expand|expanded|widen|widened|improve|improved|upgraded|went|up)"
    r"(?:[ \t]+[^\W\d_]+){0,2}[ \t]+\Z",
    IC,
)
# before "từ": a change, not a range ("tăng từ 2 lên 3 tỷ USD"; "tăng trưởng" is growth)
VI_CHANGE_RE = re.compile(
    r"(?<![^\W\d_])(?:tăng(?![ \t]+trưởng)|giảm|nâng|hạ|sụt|tụt|lên|xuống)"
    r"(?:[ \t]+[^\W\d_]+)?[ \t]+\Z",
    IC,
)
RANGE_LOW_DOT_RE = re.compile("(" + NUM_DOT + _RANGE_LOW_TAIL, IC)
RANGE_LOW_COMMA_RE = re.compile("(" + NUM_COMMA + _RANGE_LOW_TAIL, IC)
CONVERSION_GAP_RE = re.compile(
    r"[ \t]*[(（][ \t]*(?:(?:about|approx\.?|approximately|around|roughly|some|or"
    r"|equivalent[ \t]+to|约合|折合|约|合|khoảng|cerca[ \t]+de|unos)[ \t]*)?"
    r"|[ \t]*[,，]?[ \t]*(?:约合|折合)[ \t]*",
    IC,
)
ACCOUNTING_BEFORE_RE = re.compile(r"(?:\bis|\bwas|\bwere|\bare|\bbe|\bbeen|\bof|:|=)[ \t]*\Z", IC)
