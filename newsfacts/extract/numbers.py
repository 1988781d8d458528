"""Number grammar: digits by locale, Chinese numerals, English and Spanish number words.

Everything here reads a numeral that has already been located; finding
numerals in running text is the job of ``newsfacts.extract.engine``.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

# ------------------------------------------------------------------ folding

# Characters folded one-for-one so that spans into the folded text are spans
# into the original: full-width forms, ideographic space, NBSP, minus signs,
# and the financial/traditional forms of Chinese numerals.
_FOLD_PAIRS = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u3000": " ",
    "\u2212": "-",
    "\ufe6a": "%",
    "\u066a": "%",
    "\uff04": "$",
    "\uffe5": "¥",
    "\uffe1": "£",
    "〇": "〇",
    "壹": "一",
    "贰": "二",
    "貳": "二",
    "叁": "三",
    "參": "三",
    "肆": "四",
    "伍": "五",
    "陆": "六",
    "陸": "六",
    "柒": "七",
    "捌": "八",
    "玖": "九",
    "拾": "十",
    "佰": "百",
    "仟": "千",
    "萬": "万",
    "億": "亿",
    "兩": "两",
    "點": "点",
    "個": "个",
    "對": "对",
    "幣": "币",
    "圓": "圆",
    "歐": "欧",
    "鎊": "镑",
    "盧": "卢",
    "韓": "韩",
    "臺": "台",
    "臺幣": "台币",
    "塊": "块",
    "錢": "钱",
    "運": "运",
    "計": "计",
    "與": "与",
    "負": "负",
    "為": "为",
    "達": "达",
    "餘": "余",
    "約": "约",
    "將": "将",
    "過": "过",
}


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII (not the clause comma)
        if code == 0xFF0C:
            continue
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1:
            table[code] = folded
    for src, dst in _FOLD_PAIRS.items():
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    return table


FOLD = _build_fold()
FOLD_CHARS_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(FOLD)) + "，]")


def fold_text(text: str) -> str:
    """``text`` with width and numeral variants folded, same length as ``text``."""
    present = {ch for ch in FOLD_CHARS_RE.findall(text) if ord(ch) in FOLD}
    if len(present) > 6:
        return text.translate(FOLD)
    for ch in present:  # a few kinds (an NBSP, a full-width %): replace beats translate
        text = text.replace(ch, FOLD[ord(ch)])
    return text


# ------------------------------------------------------------------ digits

DECIMAL_COMMA_LANGS = frozenset(
    [
        "vi",
        "es",
        "de",
        "fr",
        "it",
        "pt",
        "nl",
        "id",
        "ru",
        "tr",
        "pl",
        "cs",
        "sk",
        "sv",
        "da",
        "no",
        "nb",
        "nn",
        "fi",
        "ro",
        "hu",
        "el",
        "uk",
        "ca",
        "hr",
        "sl",
        "sr",
        "bg",
        "lt",
        "lv",
        "et",
        "is",
        "az",
        "kk",
    ]
)


_EXPONENT_RE = re.compile(r"[eE]([+-]?\d+)$")
_DOT_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_DECIMAL_COMMA_RE = re.compile(r"\d+,\d{1,2}\Z")


_AMBIGUOUS_GROUP_RE = re.compile(r"\d{1,3}[.,]\d{3}")


def is_ambiguous_group(s: str) -> bool:
    """True for ``1.615`` or ``3,125``: a thousands group in one locale, a decimal in the other."""
    return 5 <= len(s) <= 7 and _AMBIGUOUS_GROUP_RE.fullmatch(s) is not None


def parse_digits(s: str, comma_decimal: bool) -> float | None:
    """Value of a digit numeral such as ``1,234.5``, ``1.234,5``, ``10 000`` or ``1e10``."""
    s = s.replace(" ", "").replace("\u00a0", "")
    power = None
    if "^" in s:
        s, _, p = s.partition("^")
        power = p
    exp = ""
    m = _EXPONENT_RE.search(s) if "e" in s or "E" in s else None
    if m:
        exp = m.group(0)
        s = s[: m.start()]
    if "/" in s:
        num, _, den = s.partition("/")
        try:
            value = float(num) / float(den)
        except (ValueError, ZeroDivisionError):
            return None
        return value if math.isfinite(value) else None
    if comma_decimal:
        if "," in s and (s.count(",") > 1 or "." in s[s.index(",") :]):
            s = s.replace(",", "")  # 1,234,567 and 1,234.5 group by commas whatever the locale
        elif _DOT_THOUSANDS_RE.fullmatch(s) or "," in s:
            s = s.replace(".", "").replace(",", ".")
    elif ("." in s and (s.count(".") > 1 or "," in s[s.index(".") :])) or (
        "," in s and _DECIMAL_COMMA_RE.match(s)
    ):
        s = s.replace(".", "").replace(",", ".")  # 1.234.567, 1.234,5 and 5,6 in any locale
    else:
        s = s.replace(",", "")
    try:
        value = float(s + exp)
    except ValueError:
        return None
    if power is not None:
        try:
            value = value ** int(power)
        except (OverflowError, ValueError, ZeroDivisionError):
            return None
    return value if math.isfinite(value) else None


# ------------------------------------------------------------------ Chinese

ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_SMALL = {"十": 10, "百": 100, "千": 1000}
ZH_BIG = {"万": 1e4, "亿": 1e8, "兆": 1e12}


@dataclass(frozen=True, slots=True)
class ZhNumber:
    """A parsed Chinese numeral: its value, and whether it is a vague one (二三十 = 20-30)."""

    value: float
    vague: bool = False


class _Invalid(Exception):
    """Raised inside the Chinese numeral parser for a string that is not a numeral."""


def _zh_section(s: str) -> tuple[float, bool]:
    """Value below 万 of ``s`` (e.g. 一千零五), and whether it is vague."""
    if not s:
        raise _Invalid
    total = 0
    digit: int | None = None
    last_unit = 100000
    zero_seen = False
    vague = False
    right_after_unit = False
    for ch in s:
        if ch in ZH_DIGITS:
            d = ZH_DIGITS[ch]
            if d == 0:
                if digit is not None:
                    raise _Invalid
                zero_seen = True
                right_after_unit = False
                continue
            if digit is not None:
                vague = True  # 二三十: two digits before one unit
                digit = max(digit, d)
                continue
            digit = d
        elif ch in ZH_SMALL:
            unit = ZH_SMALL[ch]
            if unit >= last_unit:
                raise _Invalid
            if digit is None:
                if total and not zero_seen:
                    raise _Invalid
                digit = 1
            total += digit * unit
            last_unit = unit
            digit = None
            zero_seen = False
            right_after_unit = True
            continue
        else:
            raise _Invalid
    if digit is not None:
        if right_after_unit and not zero_seen and last_unit >= 100 and total:
            total += digit * last_unit // 10  # 一百五 = 150
        else:
            total += digit
    return float(total), vague


def _zh_integer(s: str) -> tuple[float, bool]:
    if not s:
        raise _Invalid
    if all(ch in ZH_DIGITS for ch in s):
        if len(s) == 1:
            return float(ZH_DIGITS[s]), False
        return float("".join(str(ZH_DIGITS[ch]) for ch in s)), False
    big = max((ZH_BIG[ch] for ch in s if ch in ZH_BIG), default=None)
    if big is None:
        return _zh_section(s)
    big_char = next(k for k, v in ZH_BIG.items() if v == big)
    cut = s.rindex(big_char)
    left, right = s[:cut], s[cut + 1 :]
    if left:
        lv, lvague = _zh_integer(left)
    else:
        lv, lvague = 1.0, False
    rv, rvague = 0.0, False
    if right:
        stripped = right.lstrip("零〇")
        if stripped:
            if all(ch in ZH_DIGITS for ch in stripped) and len(stripped) == 1 and stripped == right:
                rv = ZH_DIGITS[stripped] * big / 10  # 一万五 = 15000
            else:
                rv, rvague = _zh_integer(stripped)
                if rv >= big:
                    raise _Invalid
    return lv * big + rv, lvague or rvague


def parse_zh(s: str) -> ZhNumber | None:
    """Value of a Chinese numeral (spaces ignored), or None if it is not one."""
    s = "".join(s.split())
    if not s:
        return None
    int_part, dot, frac = s.partition("点")
    try:
        if dot:
            if not frac or not all(ch in ZH_DIGITS for ch in frac) or "点" in frac:
                return None
            value, vague = _zh_integer(int_part)
            return ZhNumber(float(f"{int(value)}." + "".join(str(ZH_DIGITS[c]) for c in frac)))
        value, vague = _zh_integer(int_part)
    except _Invalid:
        return None
    if not math.isfinite(value):
        return None
    return ZhNumber(value, vague)


def parse_zh_prefix(s: str) -> tuple[ZhNumber, int] | None:
    """The longest prefix of ``s`` that is a Chinese numeral, and its length in ``s``."""
    end = len(s)
    while end > 0:
        chunk = s[:end].rstrip()
        if chunk and chunk[-1] != "点":
            parsed = parse_zh(chunk)
            if parsed is not None:
                return parsed, len(chunk)
        end = len(chunk) - 1
    return None


# ------------------------------------------------------------------ words

EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "quadrillion": 1e15,
    "quintillion": 1e18,
}
EN_NUMBER_WORDS = frozenset(EN_UNITS) | frozenset(EN_TENS) | frozenset(EN_SCALES) | {"hundred"}


def parse_en_words(words: list[str]) -> float | None:
    """Value of English number words (``["one", "hundred", "and", "five"]``), or None."""
    if not words or words[0] in ("and", "point") or words[-1] in ("and", "point"):
        return None
    if "point" in words:
        i = words.index("point")
        whole = parse_en_words(words[:i])
        digits = words[i + 1 :]
        if whole is None or any(w not in EN_UNITS or EN_UNITS[w] > 9 for w in digits):
            return None
        return float(f"{int(whole)}." + "".join(str(EN_UNITS[w]) for w in digits))
    total = 0.0
    group = 0
    last = ""
    last_scale = float("inf")
    for w in words:
        if w in EN_UNITS:
            v = EN_UNITS[w]
            if last in ("", "hundred", "scale", "and") or (last == "tens" and 0 < v < 10):
                group += v
                last = "unit"
            else:
                return None
        elif w in EN_TENS:
            if last not in ("", "hundred", "scale", "and"):
                return None
            group += EN_TENS[w]
            last = "tens"
        elif w == "hundred":
            if last != "unit" or not 0 < group < 20:
                return None
            group *= 100
            last = "hundred"
        elif w in EN_SCALES:
            scale = EN_SCALES[w]
            if last not in ("unit", "tens", "hundred") or scale >= last_scale:
                return None
            total += group * scale
            group = 0
            last_scale = scale
            last = "scale"
        elif w == "and":
            if last not in ("hundred", "scale"):
                return None
            last = "and"
        else:
            return None
    return total + group


# Vietnamese: digits, tens (mười, mươi, chục), trăm, and scales that multiply when
# they follow one another (nghìn tỷ = 1e12, triệu tỷ = 1e15). mốt, tư and lăm are
# 1, 4 and 5 after a ten; linh/lẻ stand for a zero; rưỡi is half the last unit.
VI_DIGITS = {
    "không": 0,
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
}
VI_AFTER_TENS = {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5}
VI_SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
VI_NUMBER_WORDS = (
    frozenset(VI_DIGITS)
    | frozenset(VI_AFTER_TENS)
    | frozenset(VI_SCALES)
    | {"mười", "mươi", "chục", "trăm", "linh", "lẻ", "rưỡi"}
)


def _vi_section(ws: list[str]) -> float:
    """Value below a thousand of ``ws`` (``ba trăm linh năm``, ``hai mươi lăm``)."""
    total = 0.0
    i = 0
    n = len(ws)
    if n >= 2 and ws[1] == "trăm":
        if ws[0] not in VI_DIGITS:
            raise _Invalid
        total = VI_DIGITS[ws[0]] * 100.0
        i = 2
        if i < n and ws[i] in ("linh", "lẻ"):
            if i + 2 != n or VI_DIGITS.get(ws[i + 1], 0) == 0:
                raise _Invalid
            return total + VI_DIGITS[ws[i + 1]]
    if i < n:
        w = ws[i]
        if w == "mười":
            total += 10
            i += 1
            if i < n and ws[i] in VI_DIGITS and ws[i] != "không":
                total += VI_DIGITS[ws[i]]
                i += 1
            elif i < n and ws[i] in ("lăm", "nhăm"):
                total += 5
                i += 1
        elif i + 1 < n and ws[i + 1] in ("mươi", "chục") and VI_DIGITS.get(w, 0) >= 1:
            if ws[i + 1] == "mươi" and VI_DIGITS[w] < 2:
                raise _Invalid  # "một mươi" is not said; ten is "mười"
            total += VI_DIGITS[w] * 10
            i += 2
            if i < n and (ws[i] in VI_AFTER_TENS or VI_DIGITS.get(ws[i], 0) >= 1):
                total += VI_AFTER_TENS.get(ws[i]) or VI_DIGITS[ws[i]]
                i += 1
        elif w in VI_DIGITS and (total == 0 or i == 0):
            total += VI_DIGITS[w]
            i += 1
    if i != n or not ws:
        raise _Invalid
    return total


def _vi_integer(ws: list[str]) -> float:
    big = max((VI_SCALES[w] for w in ws if w in VI_SCALES), default=None)
    if big is None:
        return _vi_section(ws)
    cut = max(i for i, w in enumerate(ws) if VI_SCALES.get(w) == big)
    left, right = ws[:cut], ws[cut + 1 :]
    if not left:
        raise _Invalid  # "tỷ đồng" with no number before it
    value = _vi_integer(left) * big
    if right:
        if len(right) == 1 and right[0] in VI_DIGITS:
            return value + VI_DIGITS[right[0]] * big / 10  # colloquial: "hai triệu ba" = 2.3 triệu
        rest = _vi_integer(right)
        if rest >= big:
            raise _Invalid
        value += rest
    return value


def parse_vi_words(words: list[str]) -> float | None:
    """Value of Vietnamese number words (``["hai", "triệu", "tỷ"]`` = 2e15), or None."""
    if not words or (words[0] not in VI_DIGITS and words[0] != "mười"):
        return None
    try:
        if words[-1] == "rưỡi":
            # "một tỷ rưỡi" = 1.5 tỷ: half of the unit the number ends on
            head = words[:-1]
            unit = 1.0
            for w in reversed(head):
                if w in VI_SCALES:
                    unit *= VI_SCALES[w]
                elif w == "trăm" and unit == 1.0:
                    unit = 100.0
                    break
                else:
                    break
            if unit == 1.0:
                return None
            value = _vi_integer(head) + unit / 2
        else:
            value = _vi_integer(words)
    except _Invalid:
        return None
    return value or None


ES_UNITS = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciseis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiun": 21,
    "veintiuno": 21,
    "veintiuna": 21,
    "veintidos": 22,
    "veintitres": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiseis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
}
ES_TENS = {
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
}
ES_HUNDREDS = {
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "doscientas": 200,
    "trescientos": 300,
    "trescientas": 300,
    "cuatrocientos": 400,
    "cuatrocientas": 400,
    "quinientos": 500,
    "quinientas": 500,
    "seiscientos": 600,
    "seiscientas": 600,
    "setecientos": 700,
    "setecientas": 700,
    "ochocientos": 800,
    "ochocientas": 800,
    "novecientos": 900,
    "novecientas": 900,
}
ES_BIG = {
    "millon": 1e6,
    "millones": 1e6,
    "millardo": 1e9,
    "millardos": 1e9,
    "billon": 1e12,
    "billones": 1e12,
}
ES_ORDINAL_DENOMINATORS = {
    "medio": 2,
    "medios": 2,
    "tercio": 3,
    "tercios": 3,
    "cuarto": 4,
    "cuartos": 4,
    "quinto": 5,
    "quintos": 5,
    "sexto": 6,
    "sextos": 6,
    "septimo": 7,
    "septimos": 7,
    "octavo": 8,
    "octavos": 8,
    "noveno": 9,
    "novenos": 9,
    "decimo": 10,
    "decimos": 10,
}
_ES_EXACT_BASES = {"mil": 1e3, "millon": 1e6, "billon": 1e12, "cent": 100}


def strip_accents(s: str) -> str:
    """``s`` lower-cased without combining accents (``dólares`` -> ``dolares``)."""
    return "".join(
        c for c in unicodedata.normalize("NFD", s.lower()) if unicodedata.category(c) != "Mn"
    )


def _es_glued(stem: str) -> float | None:
    """A cardinal written as one word inside a fraction word (``treintaicinco``)."""
    if not stem:
        return 1.0
    if stem in ES_UNITS:
        return float(ES_UNITS[stem])
    if stem in ES_TENS:
        return float(ES_TENS[stem])
    if stem in ES_HUNDREDS:
        return float(ES_HUNDREDS[stem])
    for tens, tv in ES_TENS.items():
        for joiner in ("i", "y"):
            if stem.startswith(tens + joiner):
                rest = stem[len(tens) + 1 :]
                if rest in ES_UNITS and 0 < ES_UNITS[rest] < 10:
                    return float(tv + ES_UNITS[rest])
    if stem.endswith("mil"):
        head = _es_glued(stem[:-3])
        return None if head is None else head * 1000
    return None


def es_denominator(word: str) -> float | None:
    """The denominator a Spanish fraction word names (``quintos`` 5, ``veintiunavos`` 21)."""
    w = strip_accents(word)
    if w in ES_ORDINAL_DENOMINATORS:
        return float(ES_ORDINAL_DENOMINATORS[w])
    base = w[:-1] if w.endswith("s") else w
    if base.endswith("avo") and len(base) > 3:
        stem = base[:-3]
        value = _es_glued(stem)
        if value is None:
            value = _es_glued(stem + "a")  # treint-avo
        return value if value is not None and value > 1 else None
    if base.endswith("esimo"):
        stem = base[: -len("esimo")]
        for suffix, bv in _ES_EXACT_BASES.items():
            if stem.endswith(suffix):
                head = _es_glued(stem[: -len(suffix)])
                return None if head is None else head * bv
    return None


def _es_cardinal(words: list[str]) -> float | None:
    if not words:
        return None
    total = 0.0
    thousands = 0
    group = 0
    state = 0  # 0 empty, 1 units, 2 tens, 3 tens+y, 4 tens+y+unit, 5 hundreds
    last_big = float("inf")
    for w in words:
        if w == "y":
            if state != 2:
                return None
            state = 3
        elif w in ES_UNITS:
            v = ES_UNITS[w]
            if state == 3 and 0 < v < 10:
                group += v
                state = 4
            elif state in (0, 5):
                group += v
                state = 1
            else:
                return None
        elif w in ES_TENS:
            if state not in (0, 5):
                return None
            group += ES_TENS[w]
            state = 2
        elif w in ES_HUNDREDS:
            if state != 0 or group:
                return None
            group = ES_HUNDREDS[w]
            state = 5
        elif w == "mil":
            if thousands:
                return None
            thousands = (group or 1) * 1000
            group = 0
            state = 0
        elif w in ES_BIG:
            big = ES_BIG[w]
            if big >= last_big or not (thousands or group or w in ("millon", "billon")):
                return None
            total += ((thousands + group) or 1) * big
            thousands = group = 0
            state = 0
            last_big = big
        else:
            return None
    if state == 3:
        return None
    return total + thousands + group


def parse_es_words(words: list[str]) -> float | None:
    """Value of Spanish number words, with ``coma``/``con`` decimals and fractions."""
    ws = [strip_accents(w) for w in words]
    if not ws or ws[-1] in ("y", "con", "coma", "sobre"):
        return None
    if "sobre" in ws:
        i = ws.index("sobre")
        num, den = _es_cardinal(ws[:i]), _es_cardinal(ws[i + 1 :])
        if num is None or not den:
            return None
        return num / den
    for sep in ("coma", "con"):
        if sep in ws:
            i = ws.index(sep)
            whole = _es_cardinal(ws[:i])
            rest = ws[i + 1 :]
            if whole is None or not rest:
                return None
            frac = _es_fraction(rest)
            if frac is not None:
                return whole + frac
            decimals = _es_cardinal(rest)
            if decimals is None:
                return None
            return float(f"{int(whole)}.{int(decimals)}")
    frac = _es_fraction(ws)
    if frac is not None:
        return frac
    return _es_cardinal(ws)


def _es_fraction(ws: list[str]) -> float | None:
    if len(ws) < 2:
        return None
    den = es_denominator(ws[-1])
    if not den:
        return None
    num = _es_cardinal(ws[:-1])
    if num is None:
        return None
    return num / den


def is_es_number_word(w: str) -> bool:
    """True for a word that can be part of a Spanish number phrase."""
    s = strip_accents(w)
    return (
        s in ES_UNITS
        or s in ES_TENS
        or s in ES_HUNDREDS
        or s in ES_BIG
        or s in ("mil", "y", "con", "coma", "sobre")
        or es_denominator(s) is not None
    )
