"""Claims that must not be summed twice: an amount stated again, and a part of a total.

The claim engine (``newsfacts.claims``) marks a repeat when an earlier fact states the
same kind, value, unit, measure and organisation. Two more ways of stating one amount
twice are marked here, on amounts (money and compute) only, since they are what sums add:

- **stated again**: a later amount with the same kind, value, range, unit and measure as
  an earlier first statement, with no organisation of its own or the same one ("Analysts
  said the 500 billion yuan investment ..."), is a repeat of it (``repeat_of``);
- **part of a total**: an amount its sentence introduces as a part of one stated before
  ("Of that total, 200 billion yuan ...", "其中", "trong đó") is ``part_of`` the nearest
  earlier first statement of the same kind and unit that is larger (and measures the same,
  when both say what they measure).

Pure: text and facts in, facts out, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsfacts.model import Fact

AMOUNT_KINDS = frozenset({"money", "compute"})
# Words that introduce a part of an amount stated before, in the sentence before the part.
PART_CUE = re.compile(
    r"\b(?:of|out of|from) (?:that|this|the) (?:total|sum|amount|investment|figure)\b"
    r"|\bof (?:that|this|which|it)\b|\bof these\b|其中|trong (?:đó|số đó)",
    re.IGNORECASE,
)
# How far before a fact with no sentence span to look for a cue.
CUE_WINDOW = 80


def _cue_before(text: str, fact: Fact) -> bool:
    start = fact.sentence_start if fact.sentence_start is not None else fact.start - CUE_WINDOW
    return PART_CUE.search(text, max(0, start), fact.start) is not None


def _same_claim(first: Fact, later: Fact) -> bool:
    return (
        (first.kind, first.value, first.value_high, first.unit, first.measure)
        == (later.kind, later.value, later.value_high, later.unit, later.measure)
        and later.organisation in (None, first.organisation)
    )


def _whole_of(first: Fact, part: Fact) -> bool:
    return (
        first.kind == part.kind
        and first.unit == part.unit
        and (first.measure is None or part.measure is None or first.measure == part.measure)
        and first.value is not None
        and part.value is not None
        and (part.value_high or part.value) < first.value
    )


def mark_restatements(text: str, facts: Sequence[Fact]) -> list[Fact]:
    """``facts`` with ``repeat_of`` set on amounts stated again and ``part_of`` on parts."""
    firsts: list[Fact] = []  # first statements of amounts, in text order
    marks: dict[int, dict[str, int]] = {}
    for fact in sorted(facts, key=lambda f: f.start):
        if (
            fact.kind not in AMOUNT_KINDS
            or fact.status != "valid"
            or fact.value is None
            or fact.conversion_of is not None
        ):
            continue
        if fact.repeat_of is not None:
            continue
        same = next((f for f in firsts if _same_claim(f, fact)), None)
        if same is not None:
            marks[fact.start] = {"repeat_of": same.start}
            continue
        if _cue_before(text, fact):
            whole = next((f for f in reversed(firsts) if _whole_of(f, fact)), None)
            if whole is not None:
                marks[fact.start] = {"part_of": whole.start}
                continue
        firsts.append(fact)
    return [replace(f, **marks[f.start]) if f.start in marks else f for f in facts]
