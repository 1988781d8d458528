"""Growth labels: "rose 35%", "增长35%", a percentage that measures a change.

A percentage outside [0, 100] is implausible as a share but fine as growth
("up 250%", "增长350%"): the fact contract reads ``is_growth`` from
``label_growth``. A growth word labels a percentage only within its own
sentence and a window of characters around it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import polars as pl

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|[。！？\n]")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def growth_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """A growth word as a whole word: "rose" but not "prose", "up" but not "up to".

    Words in scripts written without spaces (增长, 同比) match anywhere.
    """
    spaced = [w.lower() for w in words if not _UNSPACED.search(w) and w.lower() != "up"]
    unspaced = [w for w in words if _UNSPACED.search(w)]
    parts = []
    if spaced:
        alternatives = "|".join(re.escape(w) for w in sorted(spaced, key=len, reverse=True))
        parts.append(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    if unspaced:
        parts.append("|".join(re.escape(w) for w in unspaced))
    if any(w.lower() == "up" for w in words):
        parts.append(r"\bup\b(?!\s+to\b)")
    return re.compile("|".join(parts) or r"(?!)")


def label_growth(
    facts: pl.DataFrame, texts: Mapping[str, str], words: tuple[str, ...], window_chars: int
) -> pl.Series:
    """Whether each percent fact is labelled growth by one of ``words`` in its sentence,
    at most ``window_chars`` before or after it (``texts``: article id to text)."""
    pattern = growth_pattern(words)
    labelled = []
    for article_id, kind, start, end in facts.select("article_id", "kind", "start", "end").rows():
        text = texts.get(article_id)
        if kind != "percent" or text is None:
            labelled.append(False)
            continue
        before = _SENTENCE_END.split(text[max(0, start - window_chars) : start])[-1]
        after = _SENTENCE_END.split(text[end : end + window_chars])[0]
        labelled.append(pattern.search(f"{before} {after}".lower()) is not None)
    return pl.Series("is_growth", labelled, pl.Boolean)
