"""Sentences and clauses: the stretch of text a fact's labels are read from.

A sentence ends at ``.``, ``!`` or ``?`` followed by a space and not after an
abbreviation or inside a number, at ``。！？`` in Chinese, and at a paragraph's end.
A clause ends at a comma, a semicolon or a dash; the claim rules count the
clause boundaries between a word and the number they label.
"""

from __future__ import annotations

import re

from newsfacts.limits import check_time

# "Corp. said", "U.S. chips", "Mr. Huang", "No. 1": a full stop that ends no sentence.
ABBREVIATIONS = frozenset(
    {
        *("inc", "corp", "co", "ltd", "plc", "llc", "jr", "sr", "mr", "mrs", "ms", "dr", "prof"),
        *("st", "no", "vs", "etc", "approx", "est", "fig", "gov", "dept", "univ", "intl", "bros"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("u.s", "u.k", "e.u", "u.s.a", "p.m", "a.m", "ông", "bà", "tp"),
        # legal forms written with a stop: "Arcadia Compute Sdn. Bhd., a developer"
        *("sdn", "bhd", "pte", "pty", "s.a", "n.v", "b.v", "a.g", "s.p.a", "k.k", "p.t", "tbk"),
    }
)
LATIN_END_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
# Each of these starts with one class of characters (the searches skip to them): a stop
# and its closing quotes or brackets, or a line's end.
CJK_END_RE = re.compile(r"[。！？!?\n](?:(?<=\n)|[。！？!?]*[”’」』）)]*)")
# A comma, colon, semicolon, "、", a dash standing alone or "—", a bracket opened after a
# space and closed later, or a closing bracket.
CLAUSE_RE = re.compile(r"[,;:，；：、—)\s](?:(?<!\s)|(?<=\s)(?:[–—-]\s|\((?=[^)]*\))))")


_NOT_SPACE_RE = re.compile(r"\S")
_LAST_WORD_RE = re.compile(r"([\w.]+)$")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as ``(start, end)`` spans of ``text``, trimmed."""
    spans: list[tuple[int, int]] = []
    at = start
    chunk = text[start:end]
    cuts: list[int] = []
    for m in CJK_END_RE.finditer(chunk):
        cuts.append(start + m.end())
    for m in LATIN_END_RE.finditer(chunk):
        check_time()
        if _ends_sentence(text, start + m.start(), start + m.end(), end):
            cuts.append(start + m.end())
    for cut in sorted(set(cuts)):
        if cut > at:
            spans.append(_trim(text, at, cut))
            at = cut
    if at < end:
        spans.append(_trim(text, at, end))
    return [s for s in spans if s[1] > s[0]]


def _ends_sentence(text: str, dot: int, after: int, end: int) -> bool:
    """True when the stop at ``dot`` ends a sentence: no abbreviation, a new one starts."""
    following = _NOT_SPACE_RE.search(text, after, end)  # never a copy of the rest: quadratic
    if following is None:
        return True
    if text[dot] == ".":
        found = _LAST_WORD_RE.search(text[max(0, dot - 12) : dot])
        word = found.group(1) if found else ""
        if word and word.casefold().rstrip(".") in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():
            return False  # an initial: "J. Smith"
    first = following.group()
    return first.isupper() or first.isdigit() or first in "\"“‘'([" or not first.isascii()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``text`` of the clause boundaries between ``start`` and ``end``.

    A comma between digits (``1,200``) is part of a number, not a boundary.
    """
    breaks = []
    for m in CLAUSE_RE.finditer(text, start, end):
        at = m.start()
        between_digits = (
            0 < at < len(text) - 1 and text[at - 1].isdigit() and text[at + 1].isdigit()
        )
        if text[at] in ",." and between_digits:
            continue
        breaks.append(at)
    return breaks
