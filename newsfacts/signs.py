"""The sign contract: a value carries the sign the text writes, where its measure can have one.

One rule, applied by the extractor, the contracts and the marts alike:

* ``value`` (and ``value_high``) is the number as the text states it, sign included:
  a minus sign (``-12%``, ``−$3m``, ``净利润-3.2亿元``), a minus word (``minus 5%``,
  ``负3.9%``, ``âm 5%``) or accounting brackets (``revenue is ($99.99)``) make it negative.
  A verb does not: ``fell 12%`` is 12, the fall is in the words, as the gold labels it.
* A negative value is valid only for a measure that can be below zero
  (``SIGNED_MEASURES``): a growth rate (a fall), a profit (a net loss written as a
  negative profit) and, for percentages, a ratio (a negative margin). Any other
  negative value, and every negative one without a measure, is quarantined by the
  ``sign_fits_measure`` check: a negative investment or FLOPS figure is a misreading.
* ``loss`` is stated as a positive amount (the claim vocabulary): a loss written with a
  minus or in brackets (``net loss of ($5.2 million)``) has its sign dropped by
  ``state_signs``, since the word already says it is a loss, so ``company_financials``
  can compare a loss with a loss.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from newsfacts.model import Fact

# kind -> the measures whose values may be negative
SIGNED_MEASURES: dict[str, frozenset[str]] = {
    "percent": frozenset({"growth", "ratio", "profit"}),
    "money": frozenset({"growth", "profit"}),
    "compute": frozenset(),
}

# Measures stated as a positive amount whatever sign the text writes.
UNSIGNED_BY_WORD = frozenset({"loss"})


def may_be_negative(kind: str, measure: str | None) -> bool:
    """Whether a fact of ``kind`` measuring ``measure`` may have a negative value."""
    return measure is not None and measure in SIGNED_MEASURES.get(kind, frozenset())


def state_signs(facts: Iterable[Fact]) -> list[Fact]:
    """``facts`` with a loss's sign dropped: ``net loss of ($5.2 million)`` is a 5.2m loss."""
    out = []
    for f in facts:
        if f.measure in UNSIGNED_BY_WORD and f.value is not None and f.value < 0:
            low, high = -f.value, None if f.value_high is None else -f.value_high
            if high is not None and high < low:
                low, high = high, low
            f = replace(f, value=low, value_high=high)
        out.append(f)
    return out
