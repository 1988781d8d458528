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


def is_change(ctx: Context, start: int, kind: str) -> bool:
    """True when the amount at ``start`` opens a change (``rose from $5m to $7m``).

    Before money, English ``from`` and Spanish ``desde`` open a change unless a range
    word leads (``ranging from``, ``anywhere from``); before a percentage or FLOPS only
    after a verb of rising (``raised from 3.6 to 3.9 percent``; a fall is told by its
    values). Vietnamese ``từ … đến`` is the range idiom, a change only after a verb of
    change (``tăng từ``, ``giảm từ``).
    """
    sh = ctx.sh
    fm = lx.FROM_RE.search(sh, max(0, start - 8), start)
    if fm is None:
        return False
    if fm.group(0).lower().startswith("t"):  # từ
        return lx.VI_CHANGE_RE.search(sh, max(0, fm.start() - 16), fm.start()) is not None
    if kind != "money":
        return lx.UP_VERB_FROM_RE.search(sh, max(0, fm.start() - 30), fm.start()) is not None
    return lx.RANGE_FROM_RE.search(sh, max(0, fm.start() - 16), fm.start()) is None


def borrow_scale(ctx: Context, f: Candidate, g: Candidate) -> None:
    """``$12 to $18 billion``: the low amount, written without a scale, takes the high one's."""
    if not (f.kind == g.kind == "money" and f.unit == g.unit and f.status == g.status == "valid"):
        return
    if f.scale != 1 or g.scale == 1 or f.unit_mult != 1 or f.start == f.num_start:
        return
    if f.value is None or g.value is None or f.value_high is not None or g.start - f.end >= 12:
        return
    sm = lx.RANGE_SEP_RE.fullmatch(ctx.sh, f.end, g.start)
    if sm is None or not 0.01 < abs(f.value * g.scale) / abs(g.value or 1) < 100:
        return
    f.value *= g.scale
    f.scale = g.scale
    f.integer = False


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
    if f.unit_mult != g.unit_mult and not between:
        return None  # "fell 45 cents to $3.20": a change and the price it reached
    if is_change(ctx, f.start, f.kind):
        return None  # "rose from $5m to $7m" is a change, not a range
    start = between.start() if between and sep in ("and", "y") else f.start
    return replace(f, start=start, end=g.end, value_high=g.value)


def join_ranges(ctx: Context, facts: list[Candidate]) -> list[Candidate]:
    """Ranges: two facts with a separator (``50%-55%``) or a bare low end (``30 to 40%``).

    A unit or scale written once, after the high end, is the low end's too
    (``$12 to $18 billion``, ``2 million to 5 million yuan``, ``15亿至25亿元``). When the two
    ends are a change rather than a range (``fell from 3.9 to 3.6 percent``, ``rose from
    30 to 40 million yuan``) or the high end is itself a range (``from 18.5 to 21-23
    billion euros``), the bare low end is a fact of its own with the borrowed unit,
    its span the number (and its scale words) alone.
    """
    out: list[Candidate] = []
    i = 0
    while i < len(facts):
        check_time()
        if i + 1 < len(facts) and facts[i + 1].scale != 1 and facts[i].scale == 1:
            borrow_scale(ctx, facts[i], facts[i + 1])
        joined = _pair_range(ctx, facts[i], facts[i + 1]) if i + 1 < len(facts) else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(facts[i])
            i += 1
    join_scaled_money_ranges(ctx, out)
    # a bare low end: "30 to 40%", "between 20 and 25 percent", "5-20%", "30-40 million yuan"
    lows: list[Candidate] = []
    sh = ctx.sh
    for k in range(len(out)):
        check_time()
        f = out[k]
        tail = sh[max(0, f.start - 12) : f.start].rstrip(" \t")[-5:].lower()
        if not tail or not (tail[-1] in _SEP_LAST or tail.endswith(_SEP_WORDS)):
            continue  # no separator before the number: most numbers, tested without a regex
        joined = join_bare_low(ctx, f, out[k - 1] if k else None, lows)
        if joined is not None:
            out[k] = joined  # a range may have a bare low end in turn: "18.5 to 21-23 billion"
            join_bare_low(ctx, joined, out[k - 1] if k else None, lows)
    if lows:
        out = sorted(out + lows, key=lambda c: c.start)
    return out


# how a separator before a high end can end ("-", "至", "to", "and", "đến"...), for a cheap test
_SEP_LAST = frozenset("-–—~〜至到y")
_SEP_WORDS = ("to", "and", "đến", "tới", "lên", "xuống")


def join_bare_low(
    ctx: Context, f: Candidate, before: Candidate | None, lows: list[Candidate]
) -> Candidate | None:
    """``f`` as a range with the bare number before it as its low end, if it has one.

    A bare low end that is the start of a change instead is appended to ``lows``.
    """
    if f.status != "valid" or f.value is None or f.num_start != f.start:
        return None
    sh = ctx.sh
    window_start = max(0, f.start - 40)
    head = sh[window_start : f.start]
    low_re = lx.RANGE_LOW_COMMA_RE if ctx.comma else lx.RANGE_LOW_DOT_RE
    m = low_re.search(head)
    if not m:
        return None
    if m.start() > 0 and (is_latin(head[m.start() - 1]) or head[m.start() - 1] in "-.,"):
        return None
    low = parse_digits(m.group(1), ctx.comma)
    if low is None:
        return None
    if m["ls"]:
        low *= read_scales(head, m.end(1), mil=ctx.mil)[0] * f.unit_mult
    else:
        low *= f.scale * f.unit_mult
    sep = m["sep"].lower()
    between = lx.RANGE_BETWEEN_RE.search(head, 0, m.start())
    if sep in ("and", "y") and not between:
        return None
    if sep == "-" and m["pu"] is None and " " in head[m.end(1) : m.end()].strip():
        return None
    if f.kind == "money" and m["pu"]:
        return None
    if before is not None and before.end > window_start + m.start():
        return None
    low_start = window_start + m.start()
    change = (
        f.value_high is not None
        or not low < f.value
        or sep in ("lên", "xuống")
        or is_change(ctx, low_start, f.kind)
    )
    if change:
        ratio = abs(low / f.value) if f.value else 0.0
        if sep in lx.CHANGE_SEPS and m["pu"] is None and 0.01 < ratio < 100:  # no "2024 to 3%"
            low_end = window_start + (m.end("ls") if m["ls"] else m.end(1))
            lows.append(
                Candidate(
                    f.kind,
                    low_start,
                    low_end,
                    low,
                    f.unit,
                    low_start,
                    f.scale,
                    unit_mult=f.unit_mult,
                )
            )
        return None
    start = window_start + (between.start() if between and sep in ("and", "y") else m.start())
    return replace(f, start=start, value=low, value_high=f.value, num_start=start)


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
        scale, pos = read_scales(sh, hm.end(), mil=ctx.mil)
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
    low = ctx.blind_low if facts else None
    for f in facts:
        check_time()
        if f.qualifier:
            continue
        m = None
        window = max(0, f.start - 24)
        if low is None or low[window : f.start].rstrip(" \t").endswith(lx.QUALIFIER_ENDS):
            m = lx.QUALIFIER_RE.search(sh, window, f.start)
        last = sh[max(0, f.start - 3) : f.start].rstrip(" \t")[-1:]
        if m is None and last in lx.ZH_QUALIFIER_ENDS:  # 融资约 12 亿美元
            m = lx.ZH_QUALIFIER_RE.search(sh, max(0, f.start - 8), f.start)
        if m:
            f.qualifier = " ".join(m["q"].lower().split())
        else:
            sm = lx.ZH_SUFFIX_QUALIFIER_RE.match(sh, f.end)
            if sm and sm.group(1) in ("左右", "以上"):
                f.qualifier = sm.group(1)
