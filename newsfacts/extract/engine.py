"""The extraction engine: numerals found, units attached, facts assembled.

Numbers are found first (digits in the paragraph's locale, Chinese numerals,
English or Spanish number words) and each looks right for a unit (percent
sign or word, FLOPS unit, currency name, code or symbol) and left for a
currency prefix. Forms led by their unit (百分之三十, ``percent of 10``, 九折)
and broken mentions (``US $ billion``, a bare ``%``) have passes of their own.
Candidates are then reduced to non-overlapping facts, joined into ranges,
linked as conversions and given qualifiers.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from newsfacts.currency import SUBUNITS, SYMBOLS
from newsfacts.extract import lexicon as lx
from newsfacts.extract.numbers import (
    DECIMAL_COMMA_LANGS,
    FOLD_CHARS_RE,
    ZH_DIGITS,
    fold_text,
    parse_digits,
    parse_en_words,
    parse_es_words,
    parse_zh,
    parse_zh_prefix,
)
from newsfacts.model import Fact

_JP_CLUES = re.compile(r"Japan|Japanese|Tokyo|Osaka|Hokkaido|Nikkei|SoftBank|\byen\b|日本|円|東京")
_CN_CLUES = re.compile(r"China|Chinese|Beijing|Shanghai|Shenzhen|yuan|RMB|renminbi|人民币|中国|元")


@dataclass(slots=True)
class _Cand:
    kind: str
    start: int
    end: int
    value: float | None
    unit: str | None
    num_start: int
    scale: float = 1.0
    value_high: float | None = None
    status: str = "valid"
    reason: str | None = None
    qualifier: str | None = None
    conversion_of: int | None = None
    integer: bool = False


@dataclass(slots=True)
class _Ctx:
    text: str
    sh: str
    lang: str
    comma: bool
    num_re: re.Pattern[str]
    yen_code: str | None = None
    _low: str | None = None
    _numbers: list[tuple[int, int, str]] | None = None

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
                if not (s and sh[s - 1] in ".," and s >= 2 and sh[s - 2].isdigit()):
                    found.append((m.start(), m.end(), m.group(0)))
                pos = max(m.end(), s + 1)
            self._numbers = found
        return self._numbers

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


def _lang_code(lang: str | None) -> str:
    if not lang:
        return "en"
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    return code or "en"


def _mask_urls(sh: str) -> str:
    def blank(m: re.Match[str]) -> str:
        return " " * len(m.group(0))

    if "http" in sh or "www." in sh or "HTTP" in sh:
        sh = lx.URL_RE.sub(blank, sh)
    if "@" in sh:
        sh = lx.EMAIL_RE.sub(blank, sh)
    return sh


def _fold(text: str) -> str:
    if FOLD_CHARS_RE.search(text) is None:
        return text
    if "，" in text:
        text = re.sub(r"(?<=[０-９])，(?=[０-９])", ",", text)
    return fold_text(text)


# ------------------------------------------------------------------ helpers


def _is_latin(ch: str) -> bool:
    return ch.isalpha() and ord(ch) < 0x2E80


def _scales(sh: str, pos: int, allow_zh: bool = True) -> tuple[float, int]:
    """Multiplier of the scale words starting at ``pos`` and where they end."""
    mult = 1.0
    for _ in range(4):
        m = lx.SCALE_RE.match(sh, pos)
        if not m:
            break
        if m["w"]:
            mult *= lx.SCALE_WORDS[" ".join(m["w"].lower().split())]
        elif m["a"]:
            mult *= lx.SCALE_ABBREV[m["a"].lower()]
        elif m["l"]:
            mult *= lx.SCALE_LETTERS[m["l"]]
        elif m["z"]:
            if not allow_zh:
                break
            mult *= lx.SCALE_ZH[m["z"]]
        elif m["k"]:
            mult *= 1e3
        pos = m.end()
    return mult, pos


def _negative_before(sh: str, s: int) -> int | None:
    """Start of a minus sign directly before ``s``, if there is one."""
    if s > 0 and sh[s - 1] in "-负":
        if sh[s - 1] == "负":
            return s - 1
        prev = sh[s - 2] if s >= 2 else " "
        if prev in " \t\n([{:=$€£¥" or (not prev.isalnum() and prev not in "%.,-–"):
            return s - 1
    if s > 6 and sh[s - 1] in " \t" and sh[s - 2] in "sSeE":
        m = lx.MINUS_WORD_RE.search(sh, max(0, s - 12), s)
        if m:
            return m.start()
    return None


def _prefix(ctx: _Ctx, s: int) -> tuple[str, int] | None:
    """Currency written right before ``s``: its code and where it starts."""
    sh = ctx.sh
    j = s
    while j > 0 and j > s - 3 and sh[j - 1] in " \t":
        j -= 1
    if j == 0:
        return None
    c = sh[j - 1]
    if c.isalpha() or c == ".":
        k = j
        while k > 0 and j - k < 5 and (sh[k - 1].isalpha() or sh[k - 1] == "."):
            k -= 1
        if sh[k:j] not in _PREFIX_WORDS and not (k and sh[k - 1] == "$"):
            return None
    elif c not in _PREFIX_CHARS:
        return None
    m = lx.PREFIX_RE.search(sh, max(0, s - 12), s)
    if not m:
        return None
    if m["sym"] == "¥":
        return ctx.yen(), m.start()
    return lx.prefix_code(m), m.start()


_PREFIX_CHARS = frozenset("$€£¥₹₩₫₽₺₱฿₦₪₴₡₾₭₮₲₵₸৳ு")
_PREFIX_WORDS = frozenset(
    {c for c in lx.CODE_ALT.split("|")}
    | {"RMB", "Rmb", "NTD", "RM", "Rp", "Rs", "Rs.", "人民币", "港币", "美元", "港元", "币", "元"}
    | {"民币", "港币", "美元", "港元"}
)


def _unit(ctx: _Ctx, pos: int) -> re.Match[str] | None:
    return lx.UNIT_RE.match(ctx.sh, pos)


_PROPER_NOUN_NAMES = frozenset({"rand", "dong", "won", "sen", "naira", "real"})


def _money_ok(ctx: _Ctx, um: re.Match[str], scale: float) -> bool:
    """Guards for currency names that are also other things (pounds of weight, 块 of GPUs)."""
    name = (um["ln"] or um["cn"] or "").lower()
    if name in lx.GUARDED_NAMES and (scale <= 1 or lx.OF_RE.match(ctx.sh, um.end())):
        return False
    if name in ("块", "元"):
        nxt = ctx.sh[um.end() : um.end() + 1]
        if name == "块" and nxt != "钱":
            before = ctx.sh[max(0, um.start() - 16) : um.start()]
            if not lx.ZH_MONEY_TALK_RE.search(before):
                return False
        if name == "元" and nxt and nxt in "宇年旦素件器":
            return False
    if um["ln"] and um["ln"].lower() in _PROPER_NOUN_NAMES and not um["ln"].islower():
        return False  # "the 2021 Rand report", "Dong", "Won"
    return not (um["code"] and ctx.sh[um.start("code") - 1 : um.start("code")].isalpha())


# ------------------------------------------------------------------ number-led


def _fact_after_number(
    ctx: _Ctx,
    s: int,
    e: int,
    value: float,
    integer: bool,
    allow_zh_scale: bool = True,
    word_scaled: bool = False,
) -> _Cand | None:
    """The fact a number at [s, e) heads, given what follows and precedes it."""
    sh = ctx.sh
    if e + 1 < len(sh) and sh[e] in "多余" and sh[e + 1] in "十百千万亿":
        # 1000多万: "more than" ten million
        scale, pos = _scales(sh, e + 1, allow_zh_scale)
        c = _attach_unit(ctx, s, e, value, integer, scale, pos, word_scaled)
        if c is not None:
            c.qualifier = sh[e]
        return c
    scale, pos = _scales(sh, e, allow_zh_scale)
    return _attach_unit(ctx, s, e, value, integer, scale, pos, word_scaled)


def _attach_unit(
    ctx: _Ctx,
    s: int,
    e: int,
    value: float,
    integer: bool,
    scale: float,
    pos: int,
    word_scaled: bool,
) -> _Cand | None:
    """The fact of a number at [s, e) with scale words up to ``pos``, from its unit."""
    sh = ctx.sh
    neg = _negative_before(sh, s)
    num_start = neg if neg is not None else s
    sign = -1.0 if neg is not None else 1.0
    um = _unit(ctx, pos)
    prefix = _prefix(ctx, num_start) if num_start > 0 else None
    if prefix is None and neg is not None and neg == s - 1:
        prefix = None
    if s > 0 and _is_latin(sh[s - 1]) and prefix is None:
        return None
    if s > 1 and sh[s - 1] == "-" and _is_latin(sh[s - 2]) and prefix is None:
        return None
    if um is not None:
        if um["pct"]:
            v = value * scale * sign
            if um["pct"].strip() == "‰":
                v /= 10
            return _Cand("percent", num_start, um.end(), v, "%", num_start, scale, integer=integer)
        if um["flops"]:
            excl = lx.FLOPS_EXCLUDE_RE.match(sh, um.end())
            if excl:
                return None
            if um["fp"]:
                f = lx.FLOPS_PREFIX[um["fp"].lower()]
            elif um["fl"]:
                f = lx.FLOPS_PREFIX[um["fl"]]
            else:
                f = 1.0
            return _Cand(
                "compute", num_start, um.end(), value * scale * f * sign, "FLOPS", num_start, scale
            )
        if um["cur"] and _money_ok(ctx, um, scale):
            if um["cur"].lower().split()[0] in ("de", "del") and scale == 1 and not word_scaled:
                um = None
            else:
                code = lx.suffix_code(um)
                if um["sym"] == "¥":
                    code = ctx.yen()
                start = num_start
                if prefix is not None and prefix[0] == code:
                    start = prefix[1]
                c = _Cand(
                    "money",
                    start,
                    um.end(),
                    value * scale * sign,
                    code,
                    num_start,
                    scale,
                    integer=integer and scale == 1,
                )
                return _money_tail(ctx, c)
    if prefix is not None:
        code, pstart = prefix
        end = pos if scale != 1 else e
        c = _Cand(
            "money",
            pstart,
            end,
            value * scale * sign,
            code,
            num_start,
            scale,
            integer=integer and scale == 1,
        )
        # a redundant currency name after the amount: "RMB5.6 billion yuan"
        um2 = _unit(ctx, end)
        if um2 is not None and um2["cur"] and lx.suffix_code(um2) == code:
            c.end = um2.end()
        return _money_tail(ctx, c)
    return None


def _money_tail(ctx: _Ctx, c: _Cand) -> _Cand:
    """Extend an integer amount with its minor units: ``3 dollars 50 cents``, ``五元三毛``."""
    if not c.integer:
        return c
    sh = ctx.sh
    pos = c.end
    total = c.value or 0.0
    changed = False
    for depth in range(2):
        cm = lx.CONNECTOR_RE.match(sh, pos)
        p = cm.end() if cm else pos
        parsed = _number_at(ctx, p)
        if parsed is None:
            break
        v, q = parsed
        um = _unit(ctx, q)
        if um is not None:
            break
        sm = lx.SUBUNIT_RE.match(sh, q)
        if sm:
            factor = 0.01
            u = sm["u"].lower()
            factor = SUBUNITS.get(u, SUBUNITS.get(sm["u"], 0.01))
            if depth == 1 and factor != 0.01:
                break
            total += v * factor
            pos = sm.end()
            changed = True
            if factor == 0.1:
                # "五毛五", "five mao five": a bare digit after 毛/角 is 分
                parsed2 = _number_at(ctx, lx.CONNECTOR_RE.match(sh, pos).end())
                if parsed2 and parsed2[0] < 10 and lx.MINOR_END_RE.match(sh, parsed2[1]):
                    total += parsed2[0] * 0.01
                    pos = parsed2[1]
                break
            break
        if depth == 0 and v == int(v) and 0 < v < 100 and lx.MINOR_END_RE.match(sh, q):
            total += v / 100
            pos = q
            changed = True
        break
    if changed:
        c.value = total
        c.end = pos
    return c


def _number_at(ctx: _Ctx, pos: int) -> tuple[float, int] | None:
    """A numeral (digits, Chinese or number words) starting exactly at ``pos``."""
    sh = ctx.sh
    if pos >= len(sh):
        return None
    ch = sh[pos]
    if ch.isdigit():
        m = ctx.num_re.match(sh, pos)
        if m:
            v = parse_digits(m.group(0), ctx.comma)
            if v is not None:
                return v, m.end()
        return None
    if ch in lx.ZH_NUM_CHARS:
        m = lx.ZH_NUM_RE.match(sh, pos)
        if m:
            r = parse_zh_prefix(m.group(0))
            if r:
                return r[0].value, pos + r[1]
        return None
    if ch.isalpha():
        es = ctx.lang == "es"
        run_re = lx.ES_RUN_RE if es else lx.EN_RUN_RE
        m = run_re.match(sh if es else ctx.low, pos)
        if m:
            words = [
                (w.group(0).lower(), w.start(), w.end()) for w in lx.WORD_RE.finditer(m.group(0))
            ]
            parse = parse_es_words if ctx.lang == "es" else parse_en_words
            for j in range(len(words), 0, -1):
                v = parse([w for w, _, _ in words[:j]])
                if v is not None:
                    return v, pos + words[j - 1][2]
    return None


def _digit_facts(ctx: _Ctx, out: list[_Cand]) -> None:
    sh = ctx.sh
    for s, e, raw in ctx.numbers():
        value = parse_digits(raw, ctx.comma)
        if value is None:
            continue
        integer = value == int(value) and not re.search(r"[.,]\d{1,2}$", raw)
        c = _fact_after_number(ctx, s, e, value, integer)
        if c is not None:
            if c.kind == "percent":
                fm = re.search(r"(\d+(?:,\d+)?)[ \t]+sobre[ \t]+\Z", sh[max(0, s - 20) : s])
                if fm:
                    num = parse_digits(fm.group(1), ctx.comma)
                    if num is not None and value:
                        c.value = num / value
                        c.start = c.num_start = s - len(fm.group(0))
            out.append(c)


def _word_facts(ctx: _Ctx, out: list[_Cand]) -> None:
    sh = ctx.sh
    es = ctx.lang == "es"
    run_re = lx.ES_RUN_RE if es else lx.EN_RUN_RE
    parse = parse_es_words if es else parse_en_words
    scan = sh if es else ctx.low
    for m in run_re.finditer(scan):
        if m.start() and _is_latin(sh[m.start() - 1]):
            continue
        words = [
            (w.group(0).lower(), m.start() + w.start(), m.start() + w.end())
            for w in lx.WORD_RE.finditer(m.group(0))
        ]
        if not words:
            continue
        end = m.end()
        um = _unit(ctx, end)
        if um is not None and not (um["cur"] and not _money_ok(ctx, um, 1e6)):
            for i in range(len(words)):
                v = parse([w for w, _, _ in words[i:]])
                if v is not None:
                    s = words[i][1]
                    c = _fact_after_number(
                        ctx,
                        s,
                        end,
                        v,
                        v == int(v),
                        allow_zh_scale=False,
                        word_scaled=words[-1][0] in lx.SCALE_WORDS,
                    )
                    if c is not None:
                        out.append(c)
                    break
            continue
        pre = _prefix(ctx, m.start())
        if pre is not None:
            for j in range(len(words), 0, -1):
                v = parse([w for w, _, _ in words[:j]])
                if v is not None:
                    c = _fact_after_number(ctx, m.start(), words[j - 1][2], v, v == int(v))
                    if c is not None:
                        out.append(c)
                    break


def _zh_facts(ctx: _Ctx, out: list[_Cand]) -> None:
    sh = ctx.sh
    for m in lx.ZH_NUM_RE.finditer(sh):
        s = m.start()
        r = parse_zh_prefix(m.group(0))
        if r is None:
            continue
        zn, length = r
        e = s + length
        first = sh[s]
        prev = sh[s - 1] if s else " "
        if prev == "每":
            continue
        vague = zn.vague or prev in "数几"
        if first in "万亿兆" or (first in "十百千" and prev in "数几上"):
            # only as a compute magnitude: 万P, 亿亿次
            c = _zh_compute(ctx, s, e, zn.value)
            if c is not None:
                out.append(c)
            continue
        c = _zh_compute(ctx, s, e, zn.value)
        if c is None:
            c = _fact_after_number(
                ctx, s, e, zn.value, zn.value == int(zn.value), allow_zh_scale=True
            )
        if c is None:
            continue
        if vague:
            c.value = None
            c.status = "quarantined"
            c.reason = "vague numeral (an approximate count, not a number)"
        out.append(c)


def _zh_compute(ctx: _Ctx, s: int, e: int, value: float) -> _Cand | None:
    """FLOPS written the Chinese way: 百亿亿次, 每秒X次, 300P (where 算力 is near)."""
    sh = ctx.sh
    scale, pos = _scales(sh, e)
    v = value * scale
    tm = lx.ZH_TIMES_RE.match(sh, pos)
    if tm:
        before = sh[max(0, s - 4) : s]
        after = sh[tm.end() : tm.end() + 8]
        if (
            tm["ps"]
            or "每秒" in before
            or "秒" in before
            or re.match(r"[ \t]*(?:的)?(?:双精度|单精度|半精度)?(?:浮点|每秒)", after)
            or v >= 1e12
        ):
            return _Cand(
                "compute", s, tm.start() + tm.group(0).index("次") + 1, v, "FLOPS", s, scale
            )
        return None
    pm = lx.ZH_PE_RE.match(sh, pos)
    if pm:
        window = sh[max(0, s - 40) : pm.end() + 20]
        if lx.ZH_COMPUTE_CONTEXT_RE.search(window):
            f = 1e15 if pm["pe"] == "P" else 1e18
            return _Cand("compute", s, pm.end(), v * f, "FLOPS", s, scale)
    return None


def _zh_digit_compute(ctx: _Ctx, out: list[_Cand]) -> None:
    for s, e, raw in ctx.numbers():
        if s and _is_latin(ctx.sh[s - 1]):
            continue
        v = parse_digits(raw, ctx.comma)
        if v is None:
            continue
        c = _zh_compute(ctx, s, e, v)
        if c is not None:
            out.append(c)


def _zh_percent_forms(ctx: _Ctx, out: list[_Cand]) -> None:
    """百分之三十, 千分之二, and 成/折 (tenths, discounts)."""
    sh = ctx.sh
    if "分" in sh:
        for m in lx.ZH_FRACTION_RE.finditer(sh):
            denom = 1.0
            for ch in m.group(1):
                if ch in lx.SCALE_ZH:
                    denom *= lx.SCALE_ZH[ch]
            pos = m.end()
            c = _percent_number(ctx, pos)
            if c is None:
                continue
            v, q, vague = c
            neg = _negative_before(sh, m.start())
            start = neg if neg is not None else m.start()
            cand = _Cand(
                "percent", start, q, (-1 if neg is not None else 1) * v * 100 / denom, "%", start
            )
            if vague:
                cand.value = None
                cand.status = "quarantined"
                cand.reason = "vague numeral (an approximate range, not a number)"
            out.append(cand)
    if "成" in sh or "折" in sh:
        for m in lx.ZH_TENTHS_RE.finditer(sh):
            c = _tenths(ctx, m)
            if c is not None:
                out.append(c)


def _percent_number(ctx: _Ctx, pos: int) -> tuple[float, int, bool] | None:
    sh = ctx.sh
    if pos < len(sh) and sh[pos].isdigit():
        m = lx.NUM_DOT_RE.match(sh, pos)
        if not m:
            return None
        v = parse_digits(m.group(0), False)
        if v is None:
            return None
        km = re.compile(r"[ \t]*[kK](?![A-Za-z])").match(sh, m.end())
        if km:
            return v * 1e3, km.end(), False
        return v, m.end(), False
    m = lx.ZH_NUM_RE.match(sh, pos)
    if m:
        r = parse_zh_prefix(m.group(0))
        if r:
            return r[0].value, pos + r[1], r[0].vague
    return None


_TENTHS_BAD_NEXT = set("本为立都功果长员交熟就绩品型效分不合旧叠射算现扣价")


def _tenths(ctx: _Ctx, m: re.Match[str]) -> _Cand | None:
    sh = ctx.sh
    unit = m["u"]
    end = m.end()
    nxt = sh[end : end + 1]
    if nxt and nxt in _TENTHS_BAD_NEXT and not (unit == "折" and nxt == "扣"):
        return None
    raw = m["num"]
    s = m.start("num")
    # trim to the numeral right before the unit
    compact = "".join(raw.split())
    if not compact:
        return None
    prev = sh[s - 1] if s else ""
    if prev and (prev.isdigit() or prev in lx.ZH_NUM_CHARS or prev == "."):
        return None
    if compact == "半":
        value = 5.0 if unit == "成" else 50.0
        return _Cand("percent", s, end, value, "%", s)
    digits_only = all(ch.isdigit() or ch in ZH_DIGITS for ch in compact)
    if digits_only and len(compact) == 2 and unit == "折":
        # 七五折, 75折, 三八折: two digits read one by one
        tenths = int("".join(ch if ch.isdigit() else str(ZH_DIGITS[ch]) for ch in compact)) / 10
    else:
        if re.fullmatch(r"[\d.]+", compact):
            try:
                tenths = float(compact)
            except ValueError:
                return None
        else:
            zn = parse_zh(compact)
            if zn is None:
                return None
            tenths = zn.value
    value = tenths * 10
    if unit == "成":
        tail = re.compile(
            r"(半)|[ \t]?([一二三四五六七八九1-9])(?![\d零〇一二两三四五六七八九十百千万亿点.])"
        ).match(sh, end)
        if tail:
            value += (
                5
                if tail.group(1)
                else int(tail.group(2))
                if tail.group(2).isdigit()
                else ZH_DIGITS[tail.group(2)]
            )
            end = tail.end()
        if not 0 < value <= 100:
            return None
    else:
        if not 0 < value < 100:
            return None
    # exclude a leading non-numeral inside the lazy match (spaces are fine)
    return _Cand("percent", s, end, value, "%", s)


def _dui_zhe(ctx: _Ctx, out: list[_Cand]) -> None:
    for m in re.finditer(r"打[ \t]*(对[ \t]*折)", ctx.sh):
        out.append(_Cand("percent", m.start(1), m.end(1), 50.0, "%", m.start(1)))


def _percent_of(ctx: _Ctx, out: list[_Cand]) -> None:
    sh = ctx.sh
    for m in lx.PERCENT_OF_RE.finditer(sh):
        if m.start() and _is_latin(sh[m.start() - 1]):
            continue
        before = sh[max(0, m.start() - 20) : m.start()].rstrip()
        if before and (
            before[-1].isdigit()
            or (
                re.search(r"(?:[a-z]+)$", before, re.I)
                and _number_at(
                    ctx,
                    m.start()
                    - len(sh[: m.start()])
                    + len(sh[: m.start()].rstrip())
                    - len(re.search(r"[A-Za-z]+$", before).group(0)),
                )
                is not None
            )
        ):
            continue
        parsed = _number_at(ctx, m.end())
        if parsed is None:
            continue
        v, q = parsed
        if not re.match(r"[ \t]*(?:[.,;:!?)]|\Z)", sh[q:]):
            continue
        out.append(_Cand("percent", m.start(), q, v, "%", m.start()))


def _broken_money(ctx: _Ctx, out: list[_Cand]) -> None:
    """``US $ billion``: a currency and a scale word whose number was lost."""
    sh = ctx.sh
    hits: list[tuple[int, int, str]] = []
    for m in lx.BROKEN_SYMBOL_RE.finditer(sh):
        sm = lx.BROKEN_SCALE_RE.match(sh, m.end())
        if sm is None:
            continue
        sym = m.group(0)
        start = m.start()
        code = ctx.yen() if sym == "¥" else SYMBOLS.get(sym, "USD")
        if sym == "$":
            qm = lx.BROKEN_QUAL_RE.search(sh, max(0, start - 4), start)
            if qm:
                start = qm.start()
                code = "USD" if qm["q"].lower() == "us" else "HKD"
        hits.append((start, sm.end(), code))
    if any(c in sh for c in ("USD", "EUR", "CNY", "RMB", "HKD", "GBP", "JPY", "VND", "INR", "Rs")):
        for m in lx.BROKEN_CODE_RE.finditer(sh):
            sm = lx.BROKEN_SCALE_RE.match(sh, m.end())
            if sm is not None:
                word = m.group(0)
                hits.append((m.start(), sm.end(), lx.CODE_ALIASES.get(word, word)))
    for start, end, code in hits:
        out.append(
            _Cand(
                "money",
                start,
                end,
                None,
                code,
                start,
                status="quarantined",
                reason="currency and scale word with no number (lost in translation?)",
            )
        )


def _bare_percent(ctx: _Ctx, taken: list[_Cand], out: list[_Cand]) -> None:
    sh = ctx.sh
    starts = [c.start for c in taken]
    for m in re.finditer(r"%", sh):
        p = m.start()
        i = bisect_right(starts, p)
        if i and taken[i - 1].end > p:
            continue
        before = sh[:p].rstrip(" \t")
        if not before:
            continue
        last = before[-1]
        if not (last.isalpha() and last not in lx.ZH_NUM_CHARS):
            continue
        if p + 1 < len(sh) and (sh[p + 1].isalnum() or sh[p + 1] in "%("):
            continue
        out.append(
            _Cand(
                "percent",
                p,
                p + 1,
                None,
                "%",
                p,
                status="quarantined",
                reason="percent sign with no number (lost in translation?)",
            )
        )


# ------------------------------------------------------------------ assembly


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longer ones first, sorted by start."""
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start)):
        if c.end <= c.start:
            continue
        i = bisect_right(starts, c.start)
        if (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.insert(i, c)
    return chosen


def _ranges(ctx: _Ctx, facts: list[_Cand]) -> list[_Cand]:
    sh = ctx.sh
    out: list[_Cand] = []
    i = 0
    while i < len(facts):
        f = facts[i]
        g = facts[i + 1] if i + 1 < len(facts) else None
        if (
            g is not None
            and f.status == g.status == "valid"
            and f.kind == g.kind
            and f.unit == g.unit
            and f.value_high is None
        ):
            gap = sh[f.end : g.start]
            sm = lx.RANGE_SEP_RE.match(gap) if len(gap) < 12 else None
            if sm and sm.end() == len(gap) and (gap.strip() or True):
                sep = sm["sep"].lower()
                between = lx.RANGE_BETWEEN_RE.search(sh, max(0, f.start - 10), f.start)
                ok = f.value is not None and g.value is not None and f.value < g.value
                if sep in ("and", "y") and not between:
                    ok = False
                if sep in ("a", "hasta") and not re.search(
                    r"\bdel?[ \t]+\Z", sh[max(0, f.start - 5) : f.start]
                ):
                    ok = False
                if f.kind == "money" and re.search(
                    r"\bfrom[ \t]+\Z", sh[max(0, f.start - 6) : f.start], re.I
                ):
                    ok = False
                if ok:
                    start = between.start() if between and sep in ("and", "y") else f.start
                    out.append(replace(f, start=start, end=g.end, value_high=g.value))
                    i += 2
                    continue
        out.append(f)
        i += 1
    _scaled_money_ranges(ctx, out)
    # a bare low end: "30 to 40%", "between 20 and 25 percent", "5-20%", "30-40 million yuan"
    for k, f in enumerate(out):
        if f.status != "valid" or f.value_high is not None:
            continue
        if f.num_start != f.start:
            continue
        window_start = max(0, f.start - 40)
        head = sh[window_start : f.start]
        low_re = lx.RANGE_LOW_COMMA_RE if ctx.comma else lx.RANGE_LOW_DOT_RE
        m = low_re.search(head)
        if not m:
            continue
        if m.start() > 0 and (_is_latin(head[m.start() - 1]) or head[m.start() - 1] in "-.,"):
            continue
        low = parse_digits(m.group(1), ctx.comma)
        if low is None or f.value is None:
            continue
        low *= f.scale
        sep = m["sep"].lower()
        between = lx.RANGE_BETWEEN_RE.search(head, 0, m.start())
        if sep in ("and", "y") and not between:
            continue
        if sep == "-" and m["pu"] is None and " " in m.group(0).strip():
            continue
        if f.kind == "money" and (m["pu"] or lx.FROM_RE.search(head, 0, m.start())):
            continue  # "rose from 30 to 40 million yuan" is a change, not a range
        if k > 0 and out[k - 1].end > window_start + m.start():
            continue
        if not low < f.value:
            continue
        start = window_start + (between.start() if between and sep in ("and", "y") else m.start())
        out[k] = replace(f, start=start, value=low, value_high=f.value, num_start=start)
    return out


def _scaled_money_ranges(ctx: _Ctx, facts: list[_Cand]) -> None:
    """``$5-7 million``: a prefixed amount whose scale word follows the high end."""
    sh = ctx.sh
    for k, f in enumerate(facts):
        if f.kind != "money" or f.status != "valid" or f.scale != 1 or f.start == f.num_start:
            continue
        if f.value is None or f.value_high is not None:
            continue
        m = lx.RANGE_HIGH_RE.match(sh, f.end)
        if m is None:
            continue
        hm = ctx.num_re.match(sh, m.end())
        if hm is None:
            continue
        high = parse_digits(hm.group(0), ctx.comma)
        scale, pos = _scales(sh, hm.end())
        if high is None or scale == 1 or not f.value < high:
            continue
        um = _unit(ctx, pos)
        if um is not None and um["cur"] and lx.suffix_code(um) == f.unit:
            pos = um.end()
        if k + 1 < len(facts) and facts[k + 1].start < pos:
            continue
        f.value, f.value_high, f.end, f.scale = f.value * scale, high * scale, pos, scale


def _conversions(ctx: _Ctx, facts: list[_Cand]) -> None:
    sh = ctx.sh
    for k in range(1, len(facts)):
        a, b = facts[k - 1], facts[k]
        if a.kind != "money" or b.kind != "money":
            continue
        gap = sh[a.end : b.start]
        if len(gap) > 16:
            continue
        if lx.CONVERSION_GAP_RE.fullmatch(gap):
            b.conversion_of = a.start


def _accounting(ctx: _Ctx, facts: list[_Cand]) -> None:
    sh = ctx.sh
    for f in facts:
        if (
            f.kind != "money"
            or f.status != "valid"
            or f.conversion_of is not None
            or f.value is None
        ):
            continue
        if (
            f.start > 0
            and sh[f.start - 1] == "("
            and sh[f.end : f.end + 1] == ")"
            and lx.ACCOUNTING_BEFORE_RE.search(sh, max(0, f.start - 10), f.start - 1)
        ):
            f.value = -abs(f.value)
            f.start -= 1
            f.end += 1


def _qualifiers(ctx: _Ctx, facts: list[_Cand]) -> None:
    sh = ctx.sh
    for f in facts:
        if f.qualifier:
            continue
        m = lx.QUALIFIER_RE.search(sh, max(0, f.start - 24), f.start)
        if m:
            f.qualifier = " ".join(m["q"].lower().split())
        else:
            sm = lx.ZH_SUFFIX_QUALIFIER_RE.match(sh, f.end)
            if sm and sm.group(1) in ("左右", "以上"):
                f.qualifier = sm.group(1)


def extract(text: str, lang: str | None = "en") -> list[Fact]:
    """Facts stated in ``text`` (one paragraph in language ``lang``), sorted by start."""
    if not text:
        return []
    code = _lang_code(lang)
    comma = code in DECIMAL_COMMA_LANGS
    sh = _mask_urls(_fold(text))
    ctx = _Ctx(text, sh, code, comma, lx.NUM_COMMA_RE if comma else lx.NUM_DOT_RE)
    cands: list[_Cand] = []
    _digit_facts(ctx, cands)
    has_cjk = lx.HAS_CJK_RE.search(sh) is not None
    if has_cjk:
        _zh_facts(ctx, cands)
        _zh_digit_compute(ctx, cands)
        _zh_percent_forms(ctx, cands)
        if "对" in sh:
            _dui_zhe(ctx, cands)
    if code not in ("zh", "ja", "ko"):
        _word_facts(ctx, cands)
        if "of" in sh:
            _percent_of(ctx, cands)
    _broken_money(ctx, cands)
    chosen = _select([c for c in cands if c.value is None or math.isfinite(c.value)])
    if "%" in sh:
        extra: list[_Cand] = []
        _bare_percent(ctx, chosen, extra)
        if extra:
            chosen = _select(chosen + extra)
    facts = _ranges(ctx, chosen)
    _conversions(ctx, facts)
    _accounting(ctx, facts)
    _qualifiers(ctx, facts)
    return [
        Fact(
            kind=c.kind,  # type: ignore[arg-type]
            text=text[c.start : c.end],
            start=c.start,
            end=c.end,
            value=c.value,
            value_high=c.value_high,
            unit=c.unit,
            status=c.status,  # type: ignore[arg-type]
            reason=c.reason,
            qualifier=c.qualifier,
            conversion_of=c.conversion_of,
        )
        for c in facts
    ]
