"""Finding many literal phrases in a text at once: aliases, places, trigger words.

A regular expression of thousands of alternatives is slow in ``sre``: it tries
its first branch's alternatives one by one at every position. ``PhraseIndex``
looks phrases up instead. A phrase of an alphabetic script (Latin, Vietnamese)
is filed under its first word and tried only where that word stands whole in the
text; a Chinese phrase under its first character, tried only where that
character stands. The cost is one pass of C code over the text plus a few
``startswith`` calls per candidate, whatever the number of phrases.

``expand`` turns a small regular expression of the lexicon (``shares?
(?:rose|fell)``, ``收[在于]``) into the finite set of strings it matches, so the
trigger words can be indexed too; patterns it cannot expand stay expressions.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

try:  # Python 3.11 names the parser re._parser; older ones sre_parse
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

T = TypeVar("T")

CJK_RANGES = "\u2e80-\u9fff\uf900-\ufaff"
# a word of an alphabetic script: letters and digits, not Chinese characters, not "_"
LATIN_WORD_RE = re.compile(rf"[^\W_{CJK_RANGES}]+")
LATIN_WORD_RE_SPLIT = re.compile(rf"([^\W_{CJK_RANGES}]+)")
CJK_CHAR_RE = re.compile(rf"[{CJK_RANGES}]")


class Words:
    """Where each alphabetic word of a text stands: one pass, shared by every index.

    ``at[word]`` lists the word's start offsets in order. Each ``PhraseIndex``
    remembers which of its first words the text has (``candidates``), so reading
    one article against several indexes and in many ranges scans it once.
    """

    __slots__ = ("_candidates", "at", "offsets", "tokens")

    def __init__(self, text: str, start: int = 0, end: int | None = None) -> None:
        end = len(text) if end is None else end
        # split keeps the words at odd places; their offsets are the running lengths (C, not
        # a match object per word)
        parts = LATIN_WORD_RE_SPLIT.split(text[start:end])
        offsets = list(itertools.accumulate(map(len, parts), initial=start))
        tokens, starts = parts[1::2], offsets[1:-1:2]
        # a word the range cuts is not a word of the text
        if tokens and end < len(text) and not parts[-1] and is_latin_word_char(text[end]):
            del tokens[-1], starts[-1]
        if tokens and start > 0 and not parts[0] and is_latin_word_char(text[start - 1]):
            del tokens[0], starts[0]
        at: defaultdict[str, list[int]] = defaultdict(list)
        for word, offset in zip(tokens, starts, strict=True):
            at[word].append(offset)
        self.at = dict(at)
        self.tokens = tokens  # the words in order, and where each starts
        self.offsets = starts
        self._candidates: dict[int, list] = {}

    def candidates(self, index: PhraseIndex) -> list:
        """``(offsets, bucket)`` for each of ``index``'s first words in the text."""
        found = self._candidates.get(id(index))
        if found is None:
            by_word = index._by_word
            found = [(self.at[w], by_word[w]) for w in by_word.keys() & self.at.keys()]
            self._candidates[id(index)] = found
        return found


def is_latin_word_char(ch: str) -> bool:
    """True for a character of ``LATIN_WORD_RE``'s words."""
    return ch.isalnum() and not ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


class PhraseIndex(Generic[T]):
    """Every occurrence of a set of phrases, each carrying a payload.

    ``find`` returns ``(start, end, payload)`` for every phrase found in
    ``text[start:end]``, by start and longest first; phrases may overlap. An
    alphabetic phrase is found only where its first word is a whole word of the
    text (the characters either side of that word are not letters or digits);
    what must hold around the whole phrase is the caller's rule.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        by_word: dict[str, dict[int, dict[str, list[T]]]] = {}
        by_char: dict[str, dict[int, dict[str, list[T]]]] = {}
        others: list[tuple[str, T]] = []
        for phrase, payload in phrases:
            if not phrase:
                continue
            first = LATIN_WORD_RE.match(phrase)
            if first is not None:
                table = by_word.setdefault(first.group(0), {})
            elif CJK_CHAR_RE.match(phrase):
                table = by_char.setdefault(phrase[0], {})
            else:
                others.append((phrase, payload))
                continue
            table.setdefault(len(phrase), {}).setdefault(phrase, []).append(payload)

        # a word's or character's phrases by length (longest first), so a candidate costs
        # one slice per length, after a test of what all of them start with
        self._by_word = {word: _Bucket(t, word) for word, t in by_word.items()}
        self._by_char = {ch: _Bucket(t, ch) for ch, t in by_char.items()}
        self._others = others
        self._first_chars = (
            re.compile("[" + "".join(re.escape(c) for c in sorted(by_char)) + "]")
            if by_char
            else None
        )

    def find(
        self, text: str, start: int = 0, end: int | None = None, words: Words | None = None
    ) -> list[tuple[int, int, T]]:
        """``words``, when given, is ``Words(text)`` (or of a range holding this one)."""
        end = len(text) if end is None else end
        hits: list[tuple[int, int, T]] = []
        if self._by_word:
            if words is None:
                words = Words(text, start, end)
            if end - start < len(text) // 4:
                # a short range (a sentence): its own words, looked up one by one
                by_word, tokens, offsets = self._by_word, words.tokens, words.offsets
                for k in range(bisect.bisect_left(offsets, start), len(offsets)):
                    at = offsets[k]
                    if at >= end:
                        break
                    bucket = by_word.get(tokens[k])
                    if bucket is not None and bucket.holds(text, at):
                        _collect(text, at, end, bucket, hits)
            else:  # most of the text: the index's first words the text has, where they stand
                for candidate_offsets, bucket in words.candidates(self):
                    i = bisect.bisect_left(candidate_offsets, start) if start else 0
                    while i < len(candidate_offsets) and candidate_offsets[i] < end:
                        at = candidate_offsets[i]
                        i += 1
                        if bucket.holds(text, at):
                            _collect(text, at, end, bucket, hits)
        if self._first_chars is not None:
            for m in self._first_chars.finditer(text, start, end):
                bucket = self._by_char[m.group(0)]
                at = m.start()
                if bucket.holds(text, at):
                    _collect(text, at, end, bucket, hits)
        for phrase, payload in self._others:
            at = text.find(phrase, start, end)
            while at != -1:
                hits.append((at, at + len(phrase), payload))
                at = text.find(phrase, at + 1, end)
        if len(hits) > 1:
            hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        return hits


class _Bucket(Generic[T]):
    """The phrases that start with one word or character."""

    __slots__ = ("lengths", "prefix", "starts", "window")

    def __init__(self, table: dict[int, dict[str, list[T]]], key: str) -> None:
        self.lengths = sorted(table.items(), reverse=True)
        phrases = [p for by_length in table.values() for p in by_length]
        self.prefix = _common_prefix(phrases)
        # what all the phrases start with, one or two characters past their word or first
        # character: "a s" for "a share", 算能 for 算能科技 (算力 is not a candidate)
        self.window = min(min(map(len, phrases)), len(key) + 2)
        self.starts = (
            frozenset(p[: self.window] for p in phrases)
            if self.window > max(len(key), len(self.prefix))
            else None
        )

    def holds(self, text: str, at: int) -> bool:
        """True when a phrase of the bucket can start at ``text[at]``."""
        if not text.startswith(self.prefix, at):
            return False
        return self.starts is None or text[at : at + self.window] in self.starts


def _common_prefix(phrases: list[str]) -> str:
    first, last = min(phrases), max(phrases)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def _collect(
    text: str,
    at: int,
    end: int,
    bucket: _Bucket[T],
    hits: list[tuple[int, int, T]],
) -> None:
    for size, phrases in bucket.lengths:
        stop = at + size
        if stop <= end:
            payloads = phrases.get(text[at:stop])
            if payloads is not None:
                hits.extend((at, stop, payload) for payload in payloads)


# ------------------------------------------------------------------ expansion


def expand(pattern: str, limit: int = 256) -> list[str] | None:
    """Every string ``pattern`` matches, or None when it has more than ``limit`` or any
    construct but literals, classes of literal characters, alternatives, groups and
    bounded repeats (anchors, lookarounds, ``\\w``, unbounded repeats)."""
    try:
        parsed = sre_parse.parse(pattern)
    except re.error:
        return None
    out = _expand_sequence(list(parsed), limit)
    return None if out is None else sorted(set(out), key=lambda s: (-len(s), s))


def _expand_sequence(items: list, limit: int) -> list[str] | None:
    results = [""]
    for op, av in items:
        options = _expand_item(op, av, limit)
        if options is None:
            return None
        results = [r + o for r in results for o in options]
        if len(results) > limit:
            return None
    return results


def _expand_item(op: object, av: object, limit: int) -> list[str] | None:
    name = str(op)
    if name == "LITERAL":
        return [chr(av)]  # type: ignore[arg-type]
    if name == "IN":
        chars: list[str] = []
        for sub_op, sub_av in av:  # type: ignore[attr-defined]
            sub = str(sub_op)
            if sub == "LITERAL":
                chars.append(chr(sub_av))
            elif sub == "RANGE" and sub_av[1] - sub_av[0] < 32:
                chars.extend(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return None  # a negated class, a category (\w, \d) or a wide range
        return chars
    if name == "BRANCH":
        options: list[str] = []
        for branch in av[1]:  # type: ignore[index]
            sub = _expand_sequence(list(branch), limit)
            if sub is None:
                return None
            options.extend(sub)
        return options if len(options) <= limit else None
    if name == "SUBPATTERN":
        _, add_flags, del_flags, sub = av  # type: ignore[misc]
        if add_flags or del_flags:
            return None
        return _expand_sequence(list(sub), limit)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av  # type: ignore[misc]
        if high > 4:
            return None
        once = _expand_sequence(list(sub), limit)
        if once is None:
            return None
        options = []
        for count in range(low, high + 1):
            repeated = [""]
            for _ in range(count):
                repeated = [r + o for r in repeated for o in once]
                if len(repeated) > limit:
                    return None
            options.extend(repeated)
        return options if len(options) <= limit else None
    return None
