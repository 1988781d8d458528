"""Chinese forms: numerals, 百分之/千分之, 成 and 折, 个百分点, and FLOPS as 次 or P."""

from __future__ import annotations

import re

from newsfacts.extract import lexicon as lx
from newsfacts.extract.context import Candidate, Context, is_latin
from newsfacts.extract.numbers import (
    ZH_DIGITS,
    parse_digits,
    parse_zh,
    parse_zh_prefix,
)
from newsfacts.extract.units import fact_after_number, find_minus, read_scales
from newsfacts.limits import check_time


def find_chinese_numeral_facts(ctx: Context, out: list[Candidate]) -> None:
    """Facts headed by a Chinese numeral (十五美元, 一百五十个百分点, 百亿亿次)."""
    sh = ctx.sh
    for m in lx.ZH_NUM_RE.finditer(sh):
        check_time()
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
            c = chinese_compute_at(ctx, s, e, zn.value)
            if c is not None:
                out.append(c)
            continue
        c = chinese_compute_at(ctx, s, e, zn.value)
        if c is None:
            c = fact_after_number(
                ctx, s, e, zn.value, zn.value == int(zn.value), allow_zh_scale=True
            )
        if c is None:
            continue
        if vague:
            c.value = None
            c.status = "quarantined"
            c.reason = "vague numeral (an approximate count, not a number)"
        out.append(c)


_COMPUTE_NEXT = " \t次京PE"  # an empty string is "in" it too: the end of the text passes


def chinese_compute_at(ctx: Context, s: int, e: int, value: float) -> Candidate | None:
    """FLOPS written the Chinese way: 百亿亿次, 每秒X次, 300P (where 算力 is near)."""
    sh = ctx.sh
    scale, pos = read_scales(sh, e, mil=ctx.mil)
    # 次 after blanks, or 京, P or E after one blank at most: nothing else can follow here
    nxt = sh[pos : pos + 1]
    if nxt in " \t":
        nxt = sh[pos + 1 : pos + 2]
    if nxt not in _COMPUTE_NEXT:
        return None
    jm = lx.ZH_JING_RE.match(sh, pos) if "京" in sh[pos : pos + 2] else None
    if jm is not None:  # 3000京次
        scale *= 1e16
        pos = jm.end()
    v = value * scale
    tm = lx.ZH_TIMES_RE.match(sh, pos)
    if tm:
        before = sh[max(0, s - 4) : s]
        after = sh[tm.end() : tm.end() + 8]
        if (
            tm["ps"]
            or "每秒" in before
            or "秒" in before
            or lx.ZH_AFTER_TIMES_RE.match(after)
            or v >= 1e12
        ):
            return Candidate(
                "compute", s, tm.start() + tm.group(0).index("次") + 1, v, "FLOPS", s, scale
            )
        return None
    pm = lx.ZH_PE_RE.match(sh, pos)
    if pm:
        window = sentence_around(sh, s, pm.end())
        if lx.ZH_COMPUTE_CONTEXT_RE.search(window):
            if v in lx.VIDEO_LINES and lx.ZH_VIDEO_RE.search(window):
                return None
            f = 1e15 if pm["pe"] == "P" else 1e18
            return Candidate("compute", s, pm.end(), v * f, "FLOPS", s, scale, unit_mult=f)
    return None


def sentence_around(sh: str, s: int, e: int, reach: int = 200) -> str:
    """The sentence holding [s, e): from the last sentence end before ``s`` to the next after."""
    lo = max(0, s - reach)
    hi = min(len(sh), e + reach)
    start = max(lo, max(sh.rfind(ch, lo, s) for ch in lx.ZH_SENTENCE_END) + 1)
    ends = [i for i in (sh.find(ch, e, hi) for ch in lx.ZH_SENTENCE_END) if i >= 0]
    return sh[start : min(ends) if ends else hi]


def find_chinese_digit_compute(ctx: Context, out: list[Candidate]) -> None:
    """Chinese FLOPS forms headed by digits: 3.74百亿亿次, 300P."""
    for s, e, raw in ctx.numbers():
        check_time()
        if s and is_latin(ctx.sh[s - 1]):
            continue
        v = parse_digits(raw, ctx.comma)
        if v is None:
            continue
        c = chinese_compute_at(ctx, s, e, v)
        if c is not None:
            out.append(c)


def find_chinese_percent_forms(ctx: Context, out: list[Candidate]) -> None:
    """百分之三十, 千分之二, and 成/折 (tenths, discounts)."""
    sh = ctx.sh
    if "分" in sh:
        for m in lx.ZH_FRACTION_RE.finditer(sh):
            denom = 1.0
            for ch in m.group(1):
                if ch in lx.SCALE_ZH:
                    denom *= lx.SCALE_ZH[ch]
            pos = m.end()
            c = read_percent_number(ctx, pos)
            if c is None:
                continue
            v, q, vague = c
            neg = find_minus(sh, m.start())
            start = neg if neg is not None else m.start()
            cand = Candidate(
                "percent", start, q, (-1 if neg is not None else 1) * v * 100 / denom, "%", start
            )
            if vague:
                cand.value = None
                cand.status = "quarantined"
                cand.reason = "vague numeral (an approximate range, not a number)"
            out.append(cand)
    if "成" in sh or "折" in sh:
        for m in lx.ZH_TENTHS_RE.finditer(sh):
            c = tenths_fact(ctx, m)
            if c is not None:
                out.append(c)


def read_percent_number(ctx: Context, pos: int) -> tuple[float, int, bool] | None:
    """The number after 百分之: value, end, and whether it is vague (二三十)."""
    sh = ctx.sh
    if pos < len(sh) and sh[pos].isdigit():
        m = lx.NUM_DOT_RE.match(sh, pos)
        if not m:
            return None
        v = parse_digits(m.group(0), False)
        if v is None:
            return None
        km = lx.K_SUFFIX_RE.match(sh, m.end())
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


def tenths_fact(ctx: Context, m: re.Match[str]) -> Candidate | None:
    """A 成 (tenths) or 折 (discount) percentage: 七成 = 70%, 七五折 = 75%, 半成 = 5%."""
    sh = ctx.sh
    unit = m["u"]
    end = m.end()
    nxt = sh[end : end + 1]
    if nxt and nxt in _TENTHS_BAD_NEXT and not (unit == "折" and nxt == "扣"):
        return None
    raw = m["num"]
    s = m.start("num")
    compact = "".join(raw.split())
    if not compact:
        return None
    prev = sh[s - 1] if s else ""
    if prev and (prev.isdigit() or prev in lx.ZH_NUM_CHARS or prev == "."):
        return None
    if compact == "半":
        value = 5.0 if unit == "成" else 50.0
        return Candidate("percent", s, end, value, "%", s)
    digits_only = all(ch.isdigit() or ch in ZH_DIGITS for ch in compact)
    if digits_only and len(compact) == 2 and unit == "折":
        # 七五折, 75折, 三八折: two digits read one by one
        tenths = int("".join(ch if ch.isdigit() else str(ZH_DIGITS[ch]) for ch in compact)) / 10
    else:
        if compact.replace(".", "", 1).isdigit():
            tenths = float(compact)
        else:
            zn = parse_zh(compact)
            if zn is None:
                return None
            tenths = zn.value
    value = tenths * 10
    if unit == "成":
        tail = lx.ZH_TENTHS_TAIL_RE.match(sh, end)  # 三成半 = 35%, 七成六 = 76%
        if tail:
            digit = tail.group(2)
            if tail.group(1):
                value += 5
            else:
                value += int(digit) if digit.isdigit() else ZH_DIGITS[digit]
            end = tail.end()
        if not 0 < value <= 100:
            return None
    else:
        if not 0 < value < 100:
            return None
    return Candidate("percent", s, end, value, "%", s)


def find_dui_zhe(ctx: Context, out: list[Candidate]) -> None:
    """打对折 (half price) = 50%; 对折 alone means folding in half."""
    for m in lx.DUI_ZHE_RE.finditer(ctx.sh):
        out.append(Candidate("percent", m.start(1), m.end(1), 50.0, "%", m.start(1)))
