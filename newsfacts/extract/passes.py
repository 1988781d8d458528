"""Scans of a paragraph for facts: digit numerals, number words, and unit-led forms."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from newsfacts.currency import SYMBOLS
from newsfacts.extract import lexicon as lx
from newsfacts.extract.context import Candidate, Context, is_latin
from newsfacts.extract.numbers import (
    EN_NUMBER_WORDS,
    VI_SCALES,
    is_ambiguous_group,
    is_es_number_word,
    parse_digits,
    parse_en_words,
    parse_es_words,
    parse_vi_words,
)
from newsfacts.extract.units import (
    currency_fits,
    fact_after_number,
    find_prefix,
    match_unit,
    read_number_at,
)
from newsfacts.limits import check_time


def find_digit_facts(ctx: Context, out: list[Candidate]) -> None:
    """Facts headed by a digit numeral (``3.74 exaFLOPS``, ``$ 4.5 billion``, ``12,2%``)."""
    sh = ctx.sh
    for s, e, raw in ctx.numbers():
        check_time()
        value = parse_digits(raw, ctx.comma)
        if value is None:
            continue
        integer = value == int(value) and not lx.CENTS_TAIL_RE.search(raw)
        c = fact_after_number(ctx, s, e, value, integer)
        if c is None:
            continue
        if is_ambiguous_group(raw):
            c = settle_separator(ctx, s, e, raw, c)
        if c.kind == "percent" and value and "sobre" in sh[max(0, s - 20) : s]:
            fm = lx.SOBRE_BEFORE_RE.search(sh, max(0, s - 20), s)  # "1 sobre 3 por ciento"
            num = parse_digits(fm.group(1), ctx.comma) if fm else None
            if fm and num is not None:
                c.value = num / value
                c.start = c.num_start = fm.start()
        out.append(c)


def settle_separator(ctx: Context, s: int, e: int, raw: str, c: Candidate) -> Candidate:
    """``1.615`` or ``3,125`` read the locale's way (``c``) or the other way, whichever fits.

    The value's plausibility for its unit decides first (3.1 zettaFLOPS for one
    machine is not), then the separators the paragraph, or else its document, shows
    in numerals that cannot be read two ways.
    """
    if c.value is None:
        return c
    implausible = c.kind == "compute" and abs(c.value) > lx.FLOPS_CEILING
    if not implausible and not ctx.other_separator_wins():
        return c
    value = parse_digits(raw, not ctx.comma)
    alt = fact_after_number(ctx, s, e, value, value == int(value)) if value is not None else None
    if alt is None or alt.kind != c.kind or alt.value is None:
        return c
    if c.kind == "compute" and abs(alt.value) > lx.FLOPS_CEILING:
        # both implausible: the text's separators decide; else the plausible one stays
        return alt if implausible and ctx.other_separator_wins() else c
    return alt


def find_word_facts(ctx: Context, out: list[Candidate]) -> None:
    """Facts headed by number words (``five million yen``, ``treinta y cinco por ciento``)."""
    sh = ctx.sh
    es = ctx.lang == "es"
    run_re = lx.ES_RUN_RE if es else lx.EN_RUN_RE
    parse = parse_es_words if es else parse_en_words
    scan = sh if es else ctx.low
    for m in run_re.finditer(scan):
        check_time()
        if m.start() and is_latin(sh[m.start() - 1]):
            continue
        end = m.end()
        um = match_unit(ctx, end)
        if um is not None and um["cur"] and not currency_fits(ctx, um, 1e6):
            um = None
        pre = find_prefix(ctx, m.start()) if um is None else None
        if um is None and pre is None:
            continue  # most runs: a scale word after digits ("$5 billion"), read there
        words = [
            (w.group(0).lower(), m.start() + w.start(), m.start() + w.end())
            for w in lx.WORD_RE.finditer(m.group(0))
        ]
        if not words:
            continue
        if um is not None:
            for i in range(len(words)):
                v = parse([w for w, _, _ in words[i:]])
                if v is not None:
                    s = words[i][1]
                    c = fact_after_number(
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
        if pre is not None:
            for j in range(len(words), 0, -1):
                v = parse([w for w, _, _ in words[:j]])
                if v is not None:
                    c = fact_after_number(ctx, m.start(), words[j - 1][2], v, v == int(v))
                    if c is not None:
                        out.append(c)
                    break


def find_vi_word_facts(ctx: Context, out: list[Candidate]) -> None:
    """Facts headed by Vietnamese number words (``hai tỷ USD``, ``một exaFLOP``).

    A lone word takes only a FLOPS or percent unit: ``năm`` is also "year" and
    ``một`` also "a", so ``năm USD`` is no amount, while ``năm tỷ USD`` is one.
    """
    sh = ctx.sh
    for m in _vi_runs(ctx.low):
        check_time()
        if m.start() and is_latin(sh[m.start() - 1]):
            continue
        um = match_unit(ctx, m.end())
        if um is None or (um["cur"] and not currency_fits(ctx, um, 1e6)):
            continue
        words = [(w.group(0), m.start() + w.start()) for w in lx.WORD_RE.finditer(m.group(0))]
        for i in range(len(words)):
            tail = [w for w, _ in words[i:]]
            v = parse_vi_words(tail)
            if v is None:
                continue
            if len(tail) > 1 or um["flops"] or um["pct"]:
                c = fact_after_number(
                    ctx,
                    words[i][1],
                    m.end(),
                    v,
                    v == int(v),
                    allow_zh_scale=False,
                    word_scaled=tail[-1] in VI_SCALES,
                )
                if c is not None:
                    out.append(c)
            break


def _vi_runs(low: str) -> Iterator[re.Match[str]]:
    """Runs of Vietnamese number words that reach a scale word or a FLOPS or percent unit.

    Read from each such word back (``một``, ``năm`` and ``ba`` are everywhere; the
    words a number needs after it are rarer), each run once.
    """
    reached = -1
    for a in lx.VI_ANCHOR_RE.finditer(low):
        if a.start() < reached:
            continue  # inside the run read already: "ba nghìn tỷ"
        for m in lx.VI_RUN_RE.finditer(low, max(reached, a.start() - 64)):
            if m.start() > a.start():
                break
            if m.end() >= a.start() - 1:
                reached = m.end()
                yield m
                break


def find_percent_of(ctx: Context, out: list[Candidate]) -> None:
    """``percent of 10``: a percent word with no number before it and one closing the phrase."""
    sh = ctx.sh
    for m in lx.PERCENT_OF_RE.finditer(sh):
        check_time()
        if m.start() and is_latin(sh[m.start() - 1]):
            continue
        before = sh[max(0, m.start() - 20) : m.start()].rstrip()
        if before and before[-1].isdigit():
            continue  # "30 percent of the market" belongs to the number before
        word = lx.LAST_WORD_RE.search(before)
        if word and (word.group(0).lower() in EN_NUMBER_WORDS or is_es_number_word(word.group(0))):
            continue
        parsed = read_number_at(ctx, m.end())
        if parsed is None or not lx.PHRASE_END_RE.match(sh, parsed[1]):
            continue
        out.append(Candidate("percent", m.start(), parsed[1], parsed[0], "%", m.start()))


def find_broken_money(ctx: Context, out: list[Candidate]) -> None:
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
    if lx.HAS_BROKEN_CODE_RE.search(sh):
        for m in lx.BROKEN_CODE_RE.finditer(sh):
            sm = lx.BROKEN_SCALE_RE.match(sh, m.end())
            if sm is not None:
                word = m.group(0)
                hits.append((m.start(), sm.end(), lx.CODE_ALIASES.get(word, word)))
    for start, end, code in hits:
        out.append(
            Candidate(
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


def find_bare_percents(ctx: Context, taken: list[Candidate], out: list[Candidate]) -> None:
    """A ``%`` right after a word, with no number: quarantined (``rose by % in 2020``)."""
    sh = ctx.sh
    starts = [c.start for c in taken]
    for m in re.finditer(r"%", sh):
        check_time()
        p = m.start()
        i = bisect_right(starts, p)
        if i and taken[i - 1].end > p:
            continue
        before = sh[max(0, p - 8) : p].rstrip(" \t")
        if not before:
            continue
        last = before[-1]
        if not (last.isalpha() and last not in lx.ZH_NUM_CHARS):
            continue
        if lx.UNIT_LABEL_RE.search(before):
            continue  # "share in %", "en %": the sign names a unit, no number was lost
        if p + 1 < len(sh) and (sh[p + 1].isalnum() or sh[p + 1] in "%("):
            continue
        out.append(
            Candidate(
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
