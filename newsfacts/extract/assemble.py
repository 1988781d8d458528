"""From candidates to facts: overlaps resolved, ranges joined, conversions linked, qualifiers."""

from __future__ import annotations

from dataclasses import replace

from newsfacts.extract import lexicon as lx
from newsfacts.extract.context import Candidate, Context, is_latin
from newsfacts.extract.numbers import (
    parse_digits,
)
from newsfacts.extract.units import match_unit, read_scales
from newsfacts.limits import check_time


def select_candidates(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longer ones first, sorted by start.

    The characters already taken are marked in a bytearray, so testing and taking a
    span costs its length: linear in the text, where keeping the chosen spans in
    sorted lists cost a list insertion each (quadratic on a one-line 20 MB file).
    """
    spans = [c for c in cands if c.end > c.start]
    if not spans:
        return []
    taken = bytearray(max(c.end for c in spans))
    chosen: list[Candidate] = []
    for c in sorted(spans, key=lambda c: (c.start - c.end, c.start)):
        check_time()
        if taken.find(1, c.start, c.end) >= 0:
            continue
        taken[c.start : c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _pair_range(ctx: Context, f: Candidate, g: Candidate) -> Candidate | None:
    """``f`` and ``g`` as one range (``50%-55%``, ``between $5m and $7m``), if they are one."""
    if not (f.status == g.status == "valid" and f.kind == g.kind and f.unit == g.unit):
        return None
    if f.value is None or g.value is None or f.value_high is not None or not f.value < g.value:
        return None
    sh = ctx.sh
    sm = lx.RANGE_SEP_RE.fullmatch(sh, f.end, g.start) if g.start - f.end < 12 else None
    if sm is None:
        return None
    sep = sm["sep"].lower()
    between = lx.RANGE_BETWEEN_RE.search(sh, max(0, f.start - 10), f.start)
    if sep in ("and", "y") and not between:
        return None  # "and" joins a range only after "between"
    if sep in ("a", "hasta") and not lx.SPANISH_DE_RE.search(sh, max(0, f.start - 5), f.start):
        return None  # "de 20 a 30"
    if f.kind == "money" and lx.FROM_RE.search(sh, max(0, f.start - 8), f.start):
        return None  # "rose from $5m to $7m" is a change, not a range
    start = between.start() if between and sep in ("and", "y") else f.start
    return replace(f, start=start, end=g.end, value_high=g.value)


def join_ranges(ctx: Context, facts: list[Candidate]) -> list[Candidate]:
    """Ranges: two facts with a separator (``50%-55%``) or a bare low end (``30 to 40%``)."""
    sh = ctx.sh
    out: list[Candidate] = []
    i = 0
    while i < len(facts):
        check_time()
        joined = _pair_range(ctx, facts[i], facts[i + 1]) if i + 1 < len(facts) else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(facts[i])
            i += 1
    join_scaled_money_ranges(ctx, out)
    # a bare low end: "30 to 40%", "between 20 and 25 percent", "5-20%", "30-40 million yuan"
    for k, f in enumerate(out):
        check_time()
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
        if m.start() > 0 and (is_latin(head[m.start() - 1]) or head[m.start() - 1] in "-.,"):
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


def join_scaled_money_ranges(ctx: Context, facts: list[Candidate]) -> None:
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
        scale, pos = read_scales(sh, hm.end())
        if high is None or scale == 1 or not f.value < high:
            continue
        um = match_unit(ctx, pos)
        if um is not None and um["cur"] and lx.suffix_code(um) == f.unit:
            pos = um.end()
        if k + 1 < len(facts) and facts[k + 1].start < pos:
            continue
        f.value, f.value_high, f.end, f.scale = f.value * scale, high * scale, pos, scale


def link_conversions(ctx: Context, facts: list[Candidate]) -> None:
    """A bracketed amount right after another restates it: ``HK$1.18 billion ($151 million)``."""
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


def apply_accounting_signs(ctx: Context, facts: list[Candidate]) -> None:
    """``revenue is ($99.99)``: an amount alone in brackets after a verb is negative."""
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


def attach_qualifiers(ctx: Context, facts: list[Candidate]) -> None:
    """``about``, ``up to``, ``khoảng``, ``约``, ``以上``: kept beside the value, never in it."""
    sh = ctx.sh
    for f in facts:
        check_time()
        if f.qualifier:
            continue
        m = lx.QUALIFIER_RE.search(sh, max(0, f.start - 24), f.start)
        last = sh[max(0, f.start - 3) : f.start].rstrip(" \t")[-1:]
        if m is None and last in lx.ZH_QUALIFIER_ENDS:  # 融资约 12 亿美元
            m = lx.ZH_QUALIFIER_RE.search(sh, max(0, f.start - 8), f.start)
        if m:
            f.qualifier = " ".join(m["q"].lower().split())
        else:
            sm = lx.ZH_SUFFIX_QUALIFIER_RE.match(sh, f.end)
            if sm and sm.group(1) in ("左右", "以上"):
                f.qualifier = sm.group(1)
