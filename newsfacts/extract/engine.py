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
from typing import TYPE_CHECKING

from newsfacts.extract import lexicon as lx
from newsfacts.extract.assemble import (
    apply_accounting_signs,
    attach_qualifiers,
    join_ranges,
    link_conversions,
    select_candidates,
)
from newsfacts.extract.broken import (
    find_cut_off_numbers,
    find_unit_without_number,
    mark_lost_exponents,
)
from newsfacts.extract.chinese import (
    find_chinese_digit_compute,
    find_chinese_numeral_facts,
    find_chinese_percent_forms,
    find_dui_zhe,
)
from newsfacts.extract.context import (
    Candidate,
    Context,
    CurrencyContext,
    SeparatorEvidence,
    currency_context,
    fold_for_scan,
    lang_code,
    mask_urls,
)
from newsfacts.extract.numbers import (
    DECIMAL_COMMA_LANGS,
)
from newsfacts.extract.passes import (
    find_bare_percents,
    find_broken_money,
    find_digit_facts,
    find_percent_of,
    find_vi_word_facts,
    find_word_facts,
)
from newsfacts.limits import check_time
from newsfacts.model import Fact

if TYPE_CHECKING:
    from newsfacts.normalise.offsets import SourceMap


def extract(
    text: str,
    lang: str | None = "en",
    currency: CurrencyContext | None = None,
    evidence: SeparatorEvidence | None = None,
    *,
    offset: int = 0,
    source_map: SourceMap | None = None,
) -> list[Fact]:
    """Facts stated in ``text`` (one paragraph in language ``lang``), sorted by start.

    ``currency`` is what the whole article says a bare ``¥`` and ``$`` are
    (``currency_context`` of its text, publisher and address); without it the
    paragraph is its own context. ``evidence`` holds the rest of the document in the
    same language: where a numeral reads two ways (``1.615``) and the paragraph shows
    no separator of its own, the document's decides.

    ``offset`` is where ``text`` starts in its article: the facts' spans (and
    ``conversion_of``) index the article, as ``Fact.shifted`` would move them, and with
    the article's ``source_map`` they get their source spans too. Made so at once, each
    fact is built once instead of built and then copied.
    """
    if not text:
        return []
    code = lang_code(lang)
    comma = code in DECIMAL_COMMA_LANGS
    sh = mask_urls(fold_for_scan(text))
    if currency is None and "$" in sh:
        currency = currency_context(text)
    ctx = Context(
        text,
        sh,
        code,
        comma,
        lx.NUM_COMMA_RE if comma else lx.NUM_DOT_RE,
        currency,
        1e3 if code in ("es", "pt", "ca", "gl") else 1e6,
        evidence=evidence,
    )
    cands: list[Candidate] = []
    find_digit_facts(ctx, cands)
    check_time()
    has_cjk = lx.HAS_CJK_RE.search(sh) is not None
    if has_cjk:
        find_chinese_numeral_facts(ctx, cands)
        find_chinese_digit_compute(ctx, cands)
        find_chinese_percent_forms(ctx, cands)
        if "对" in sh:
            find_dui_zhe(ctx, cands)
    if code not in ("zh", "ja", "ko"):
        find_word_facts(ctx, cands)
        if "of" in sh:
            find_percent_of(ctx, cands)
        if code == "vi":
            find_vi_word_facts(ctx, cands)
    check_time()
    find_broken_money(ctx, cands)
    find_cut_off_numbers(ctx, cands)
    find_unit_without_number(ctx, cands, has_cjk)
    chosen = select_candidates([c for c in cands if c.value is None or math.isfinite(c.value)])
    if "%" in sh:
        extra: list[Candidate] = []
        find_bare_percents(ctx, chosen, extra)
        if extra:
            chosen = select_candidates(chosen + extra)
    facts = join_ranges(ctx, chosen)
    mark_lost_exponents(ctx, facts)
    link_conversions(ctx, facts)
    apply_accounting_signs(ctx, facts)
    attach_qualifiers(ctx, facts)
    check_time()
    out = []
    for c in facts:
        start, end = c.start + offset, c.end + offset
        source = source_map.span(start, end) if source_map is not None else None
        out.append(
            Fact(
                kind=c.kind,
                text=text[c.start : c.end],
                start=start,
                end=end,
                value=c.value,
                value_high=c.value_high,
                unit=c.unit,
                status=c.status,
                reason=c.reason,
                qualifier=c.qualifier,
                conversion_of=None if c.conversion_of is None else c.conversion_of + offset,
                source_start=source[0] if source else None,
                source_end=source[1] if source else None,
            )
        )
    return out
