"""Claim labels for test articles, set on the facts the pipeline extracted.

The claim engine (``newsfacts.claims``) fills a fact's claim fields in the
pipeline; tests of the warehouse set them directly instead, from a table of the
labels each mention should carry, so that what the marts do with claims is
tested on known labels whatever the engine finds. The facts stay the extractor's
(text, span, value); only their claim fields are set, as the engine would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from newsfacts.model import Article, Fact
from schemas.facts import CLAIM_COLUMNS

Labeller = Callable[[Article, list[Fact]], list[Fact]]

# Every claim field of a Fact, cleared.
UNLABELLED: dict[str, None] = {c.removesuffix("_fact_id"): None for c in CLAIM_COLUMNS}

# Where a sentence ends: a full stop, question or exclamation mark before a space, or a line end.
_SENTENCE_END = re.compile(r"[.!?](?=\s)|[。！？]|\n")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``text`` holding ``[start, end)``: from after the last end before it."""
    begin = 0
    for found in _SENTENCE_END.finditer(text, 0, start):
        begin = found.end()
    while begin < start and text[begin].isspace():
        begin += 1
    after = _SENTENCE_END.search(text, end)
    stop = len(text) if after is None else after.end()
    if stop > end and text[stop - 1] == "\n":
        stop -= 1
    return begin, stop


def claims_by_text(labels: Mapping[str, Mapping[str, Mapping[str, object]]]) -> Labeller:
    """A labeller setting ``labels[article.title][fact.text]`` on each fact listed.

    Every claim field the engine set is cleared first, so the test's labels are all
    the facts carry (an article whose title is not a key, and a fact whose text is
    not listed, have none).
    A label's ``subject`` is the organisation's name as written: its last
    occurrence before the fact in the fact's sentence, else after it there, else
    before the sentence, becomes ``subject_text`` and its span. ``repeats: True``
    makes every later fact of the article with the same text a repeat of the
    first. Evidence fields say "test".
    """

    def label(article: Article, facts: list[Fact]) -> list[Fact]:
        if (article.title or "") not in labels:
            return [replace(f, **UNLABELLED) for f in facts]
        of_article = labels[article.title or ""]
        first_at: dict[str, int] = {}
        labelled = []
        for fact in sorted(facts, key=lambda f: f.start):
            fact = replace(fact, **UNLABELLED)
            claim = dict(of_article.get(fact.text, {}))
            if not claim:
                labelled.append(fact)
                continue
            start, end = sentence_span(article.text, fact.start, fact.end)
            fields: dict[str, object] = {
                "sentence": article.text[start:end],
                "sentence_start": start,
                "sentence_end": end,
                "measure_evidence": "test" if claim.get("measure") else None,
                "country_evidence": "test" if claim.get("country") else None,
                "period_evidence": "test" if claim.get("period") else None,
            }
            subject = claim.pop("subject", None)
            if subject is not None:
                name = str(subject)
                at = article.text.rfind(name, start, fact.start)
                if at < 0:
                    at = article.text.find(name, fact.end, end)
                if at < 0:
                    at = article.text.rfind(name, 0, start)
                assert at >= 0, f"{subject!r} is not written before {fact.text!r}"
                fields |= {
                    "subject_text": subject,
                    "subject_start": at,
                    "subject_end": at + len(name),
                    "organisation_evidence": "test",
                }
            if claim.pop("repeats", False) and fact.text in first_at:
                fields["repeat_of"] = first_at[fact.text]
            first_at.setdefault(fact.text, fact.start)
            labelled.append(replace(fact, **{**fields, **claim}))
        return labelled

    return label
