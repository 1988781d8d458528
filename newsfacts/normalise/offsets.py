"""Offsets into the source: where each character of the normalised text came from.

Every span a fact carries (``start``/``end``) indexes the normalised article text.
For a plain-text input, normalisation keeps a ``SourceMap`` beside it, so a span can
be carried back into the decoded source text (``source_start``/``source_end``), the
text of the user's own file: ``repair_text`` in ``decode`` applies each of its steps
through ``sub`` (regex replacements) or ``realign`` (ftfy's mojibake repair, which says
what it fixed but not where: its before and after texts are aligned line by line).

A ``SourceMap`` holds, for each character ``i`` of the transformed text, the source
range ``[starts[i], ends[i])`` it was made from: one character for a character kept or
replaced alone (full-width ``１`` to ``1``), the whole group for characters made from
several or several made from one (``Ã©`` to ``é``, ``ﬁ`` to ``fi``). A span
``[start, end)`` of the text maps to ``[starts[start], ends[end - 1])``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from difflib import SequenceMatcher
from itertools import chain

# Beyond this many characters an opaque repair of a whole text is not aligned (the
# alignment is quadratic at worst): the article then has no source offsets.
MAX_ALIGNED_CHARS = 200_000


class SourceMap:
    """Source ranges ``[starts[i], ends[i])`` of each character ``i`` of a text.

    Until a step changes a length, the map is the identity shifted by ``offset`` and
    holds no lists (most articles never need them).
    """

    __slots__ = ("_ends", "_starts", "length", "offset")

    def __init__(
        self,
        starts: list[int] | None,
        ends: list[int] | None,
        length: int | None = None,
        offset: int = 0,
    ) -> None:
        self._starts = starts
        self._ends = ends
        self.length = len(starts) if starts is not None else (length or 0)
        self.offset = offset

    @classmethod
    def identity(cls, length: int) -> SourceMap:
        """The map of a text that is its own source."""
        return cls(None, None, length)

    def __len__(self) -> int:
        return self.length

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            return list(range(self.offset, self.offset + self.length))
        return self._starts

    @property
    def ends(self) -> list[int]:
        if self._ends is None:
            return list(range(self.offset + 1, self.offset + self.length + 1))
        return self._ends

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The source range of the text's ``[start, end)``; None for an empty or foreign span."""
        if not 0 <= start < end <= self.length:
            return None
        if self._starts is None or self._ends is None:
            return start + self.offset, end + self.offset
        return self._starts[start], self._ends[end - 1]

    def sliced(self, start: int, end: int) -> SourceMap:
        """The map of the text's ``[start, end)`` (a strip)."""
        if self._starts is None or self._ends is None:
            return SourceMap(None, None, end - start, self.offset + start)
        return SourceMap(self._starts[start:end], self._ends[start:end])


Replacement = str | Callable[[re.Match[str]], str]


def sub(
    pattern: re.Pattern[str], repl: Replacement, text: str, smap: SourceMap | None
) -> tuple[str, SourceMap | None]:
    """``pattern.sub(repl, text)`` and, when ``smap`` is kept, its map carried through.

    ``repl`` is a literal replacement (no group references) or a function of the match.
    A replacement as long as its match keeps each character's own source, so the map
    changes only around the replacements that change the length.
    """
    if smap is None:
        return pattern.sub(repl, text), None
    pieces: list[str] = []
    starts: list[list[int]] = []
    ends: list[list[int]] = []
    last = mapped_to = 0
    s = e = None
    for m in pattern.finditer(text):
        a, b = m.span()
        r = repl if isinstance(repl, str) else repl(m)
        if r == m.group(0):
            continue
        pieces.append(text[last:a])
        pieces.append(r)
        last = b
        if len(r) == b - a:
            continue
        if s is None:
            s, e = smap.starts, smap.ends
        starts.append(s[mapped_to:a])
        ends.append(e[mapped_to:a])
        if r:
            low = s[a] if b > a else (e[a - 1] if a else 0)
            high = e[b - 1] if b > a else low
            starts.append([low] * len(r))
            ends.append([high] * len(r))
        mapped_to = b
    if not pieces:
        return text, smap
    pieces.append(text[last:])
    if s is None or e is None:
        return "".join(pieces), smap
    starts.append(s[mapped_to:])
    ends.append(e[mapped_to:])
    joined = SourceMap(list(chain.from_iterable(starts)), list(chain.from_iterable(ends)))
    return "".join(pieces), joined


def _aligned(before: str, after: str, s: list[int], e: list[int]) -> tuple[list[int], list[int]]:
    """Source ranges of ``after``'s characters, from those of ``before`` by a diff."""
    starts: list[int] = []
    ends: list[int] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and i2 - i1 == j2 - j1):
            starts.extend(s[i1:i2])
            ends.extend(e[i1:i2])
        elif op in ("replace", "insert"):
            low = s[i1] if i2 > i1 else (e[i1 - 1] if i1 else (s[0] if s else 0))
            high = e[i2 - 1] if i2 > i1 else low
            starts.extend([low] * (j2 - j1))
            ends.extend([high] * (j2 - j1))
    return starts, ends


def realign(before: str, after: str, smap: SourceMap | None) -> SourceMap | None:
    """The map of ``after``, made from ``before`` by a repair that says not where it acted.

    Line by line when the repair kept the lines (ftfy does), else the whole text up to
    ``MAX_ALIGNED_CHARS``; None (no map) beyond that.
    """
    if smap is None or before == after:
        return smap
    old_lines, new_lines = before.split("\n"), after.split("\n")
    if len(old_lines) != len(new_lines):
        if len(before) > MAX_ALIGNED_CHARS:
            return None
        return SourceMap(*_aligned(before, after, smap.starts, smap.ends))
    starts: list[int] = []
    ends: list[int] = []
    at = 0
    for k, (old, new) in enumerate(zip(old_lines, new_lines, strict=True)):
        s, e = smap.starts[at : at + len(old)], smap.ends[at : at + len(old)]
        if old == new:
            starts.extend(s)
            ends.extend(e)
        else:
            if len(old) > MAX_ALIGNED_CHARS:
                return None
            line_starts, line_ends = _aligned(old, new, s, e)
            starts.extend(line_starts)
            ends.extend(line_ends)
        at += len(old)
        if k < len(old_lines) - 1:  # the line break itself
            starts.append(smap.starts[at])
            ends.append(smap.ends[at])
            at += 1
    return SourceMap(starts, ends)
