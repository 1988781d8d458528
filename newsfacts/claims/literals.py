"""Finding many literal phrases in a text at once: aliases, places, trigger words.

A regular expression of thousands of alternatives is slow in ``sre``: it tries
its first branch's alternatives one by one at every position. ``PhraseIndex``
holds its phrases in an Aho-Corasick automaton (pyahocorasick, C code) instead:
one pass over the text finds every phrase, whatever their number. A phrase of an
alphabetic script (Latin, Vietnamese) counts only where its first word stands
whole in the text; a Chinese phrase anywhere.

``Scans`` remembers each index's pass over one text, so reading an article
against several indexes and in many ranges (its sentences) scans it once per index.

``expand`` turns a small regular expression of the lexicon (``shares?
(?:rose|fell)``, ``收[在于]``) into the finite set of strings it matches, so the
trigger words can be indexed too; patterns it cannot expand stay expressions.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import ahocorasick

try:  # Python 3.11 names the parser re._parser; older ones sre_parse
    from re import _casefix  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]
    from re import _casefix  # type: ignore[attr-defined]

T = TypeVar("T")

CJK_RANGES = "\u2e80-\u9fff\uf900-\ufaff"
# a word of an alphabetic script: letters and digits, not Chinese characters, not "_"
LATIN_WORD_RE = re.compile(rf"[^\W_{CJK_RANGES}]+")


class Scans:
    """One text's passes through each ``PhraseIndex``, made once and read in many ranges.

    ``family``: the indexes the caller will read (an article's names, places and
    trigger words); they are scanned together, in one pass of one automaton
    holding all their phrases, the first time any of them is read.
    """

    __slots__ = ("_family", "_hits", "_needles", "text", "with_needles")

    def __init__(
        self, text: str, family: Sequence[PhraseIndex] = (), with_needles: bool = False
    ) -> None:
        self.text = text
        self._family = tuple(family)
        self._hits: dict[int, list] = {}
        self.with_needles = with_needles  # the family's pass finds the gates' needles too
        self._needles: tuple[list[int], list[int], list[int], int] | None = None

    def hits(self, index: PhraseIndex) -> list:
        found = self._hits.get(id(index))
        if found is None:
            if self._family and any(index is member for member in self._family):
                self._scan()
                return self._hits[id(index)]
            found = self._hits[id(index)] = index.scan(self.text, 0, len(self.text))
        return found

    def needles(self) -> tuple[list[int], list[int], list[int], int] | None:
        """The gates' needles in the text (it is casefolded): their ends, starts and ids,
        by end, and how many needles were looked for (a gate made since has needles of
        its own, not looked for); None without a family or ``with_needles``."""
        if self._family and self.with_needles:
            self._scan()
        return self._needles

    def _scan(self) -> None:
        hits, needles = _scan_family(self._family, self.text, self.with_needles)
        self._hits.update(hits)
        self._needles = needles
        self._family = ()


CJK_RE = re.compile(f"[{CJK_RANGES}]")
# The automaton finds a character's transition by reading the node's children in the order
# they were added: the root's children are added in this order (the commonest characters
# of a casefolded text first), and the commonest characters that start no phrase get a
# child of their own (a phrase ending in a character no text holds, which carries nothing),
# so that most characters are found among the first few children, not after hundreds.
ROOT_ORDER = " etaoinsrhldcumfpgwybvkxjqz0123456789,.%-'()/;:$"
_NO_PHRASE = "\x01"


def _automaton(entries: Iterable[tuple[str, tuple]]) -> ahocorasick.Automaton:
    """An automaton over ``entries`` (phrase -> what a hit carries), with the root's
    children in ``ROOT_ORDER``; an empty automaton for no entries."""
    phrases = dict(entries)
    automaton = ahocorasick.Automaton()
    if not phrases:
        return automaton
    width = len(next(iter(phrases.values())))  # what an entry holds: 4 or 5 fields
    firsts = {phrase[0] for phrase in phrases}
    rank = {ch: i for i, ch in enumerate(ROOT_ORDER)}
    for ch in ROOT_ORDER:
        if ch not in firsts:
            automaton.add_word(ch + _NO_PHRASE, (2, False, 0, [], [])[:width])
    for phrase in sorted(phrases, key=lambda p: (rank.get(p[0], len(rank)), p)):
        automaton.add_word(phrase, phrases[phrase])
    automaton.make_automaton()
    return automaton


_FAMILIES: dict[
    tuple[tuple[int, ...], int],
    tuple[tuple[PhraseIndex, ...], ahocorasick.Automaton, ahocorasick.Automaton],
] = {}


def _scan_family(
    family: tuple[PhraseIndex, ...], text: str, with_needles: bool = False
) -> tuple[dict[int, list], tuple[list[int], list[int], list[int], int] | None]:
    """Every index of ``family``'s hits in ``text``, from one automaton holding them all,
    and with ``with_needles`` the gates' needles in it (``Scans.needles``)."""
    key = (tuple(map(id, family)), len(_NEEDLE_IDS) if with_needles else -1)
    cached = _FAMILIES.get(key)
    if cached is None or any(a is not b for a, b in zip(cached[0], family, strict=True)):
        if len(_FAMILIES) > 64:
            _FAMILIES.clear()
        merged: dict[str, tuple[int, bool, int, list, list]] = {}
        for slot, index in enumerate(family):
            for phrase, (length, latin, bound, payloads) in index.entries.items():
                entry = merged.setdefault(phrase, (length, latin, bound, [], []))
                entry[3].append((slot, payloads))
        if with_needles:  # found anywhere: a needle is a plain string of the match
            for needle, number in _NEEDLE_IDS.items():
                merged.setdefault(needle, (len(needle), False, 0, [], []))[4].append(number)
        # what a hit adds, flat: (slot, payload) pairs, a slot's payloads backwards (see
        # the sort below), and the numbers of the needles the phrase is
        flat = {
            phrase: (
                length,
                latin,
                bound,
                tuple((slot, p) for slot, payloads in slots for p in reversed(payloads)),
                tuple(numbers),
            )
            for phrase, (length, latin, bound, slots, numbers) in merged.items()
        }
        # a text without Chinese characters is read by an automaton without the phrases
        # that hold one: they cannot match, and the root has far fewer children
        cached = _FAMILIES[key] = (
            family,
            _automaton(flat.items()),
            _automaton((p, e) for p, e in flat.items() if CJK_RE.search(p) is None),
        )
    automaton = cached[1] if CJK_RE.search(text) is not None else cached[2]
    by_slot: list[list] = [[] for _ in family]
    ends: list[int] = []
    starts: list[int] = []
    ids: list[int] = []
    if len(automaton) and text:
        size = len(text)
        for last, (length, latin, bound, pairs, numbers) in automaton.iter(text):
            at = last + 1 - length  # as ``_matches``, inline: the hits are many
            if numbers:
                for number in numbers:
                    ends.append(last + 1)
                    starts.append(at)
                    ids.append(number)
                if not pairs:
                    continue
            if latin:  # ``is_latin_word_char``, inline
                if at:
                    ch = text[at - 1]
                    if ch.isalnum() and not (
                        "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
                    ):
                        continue
                if bound and at + bound < size:
                    ch = text[at + bound]
                    if ch.isalnum() and not (
                        "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
                    ):
                        continue
            end = last + 1
            for slot, payload in pairs:
                by_slot[slot].append((at, end, payload))
    # By start, longest first, a phrase's payloads in their order: the automaton gives hits
    # by end, so reversed they are by end backwards (a phrase's payloads were added
    # backwards) and a stable sort by start alone does the rest.
    for hits in by_slot:
        hits.reverse()
        hits.sort(key=_FIRST)
    found = {id(index): hits for index, hits in zip(family, by_slot, strict=True)}
    return found, ((ends, starts, ids, len(_NEEDLE_IDS)) if with_needles else None)


def _matches(automaton: ahocorasick.Automaton, text: str, start: int, end: int) -> Iterator:
    """``(start, end, what the phrase carries)`` of the automaton's phrases in ``text[start:
    end]`` that stand where they may: an alphabetic one's first word whole in the text."""
    size = len(text)
    for last, (length, latin, bound, carried) in automaton.iter(text, start, end):
        at = last + 1 - length
        if latin:
            if at and is_latin_word_char(text[at - 1]):
                continue
            if bound and at + bound < size and is_latin_word_char(text[at + bound]):
                continue
        yield at, last + 1, carried


def is_latin_word_char(ch: str) -> bool:
    """True for a character of ``LATIN_WORD_RE``'s words."""
    return ch.isalnum() and not ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def _start(hit: tuple) -> int:
    return hit[0]


_FIRST = operator.itemgetter(0)  # ``_start`` for a sort, without a call of Python per item


class PhraseIndex(Generic[T]):
    """Every occurrence of a set of phrases, each carrying a payload.

    ``find`` returns ``(start, end, payload)`` for every phrase found in
    ``text[start:end]``, by start and longest first; phrases may overlap. An
    alphabetic phrase is found only where its first word is a whole word of the
    text (the characters either side of that word are not letters or digits);
    what must hold around the whole phrase is the caller's rule.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        grouped: dict[str, list[T]] = {}
        for phrase, payload in phrases:
            if phrase:
                grouped.setdefault(phrase, []).append(payload)
        # phrase -> (length, alphabetic, where its first word must end, payloads): only a
        # one-word phrase can end inside a longer word of the text ("share" in "shares");
        # 0: it may end anywhere
        self.entries: dict[str, tuple[int, bool, int, list[T]]] = {}
        for phrase, payloads in grouped.items():
            first = LATIN_WORD_RE.match(phrase)
            bound = len(phrase) if first is not None and first.end() == len(phrase) else 0
            self.entries[phrase] = (len(phrase), first is not None, bound, payloads)
        self._automaton: ahocorasick.Automaton | None = None
        if grouped:
            self._automaton = _automaton(self.entries.items())

    def scan(self, text: str, start: int, end: int) -> list[tuple[int, int, T]]:
        """Every phrase in ``text[start:end]``, by start and longest first."""
        hits: list[tuple[int, int, T]] = []
        if self._automaton is None or start >= end:
            return hits
        for at, stop, payloads in _matches(self._automaton, text, start, end):
            for payload in payloads:
                hits.append((at, stop, payload))
        if len(hits) > 1:
            hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        return hits

    def find(
        self, text: str, start: int = 0, end: int | None = None, scans: Scans | None = None
    ) -> list[tuple[int, int, T]]:
        """``scans``, when given, is ``Scans(text)``: the whole text's pass is read."""
        end = len(text) if end is None else end
        if scans is None or scans.text is not text:
            return self.scan(text, start, end)
        hits = scans.hits(self)
        if start == 0 and end == len(text):
            return hits
        i = bisect.bisect_left(hits, start, key=_start)
        out = []
        for k in range(i, len(hits)):
            hit = hits[k]
            if hit[0] >= end:
                break
            if hit[1] <= end:
                out.append(hit)
        return out


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


# ------------------------------------------------------------------ gates

# Characters that re.IGNORECASE pairs with one whose casefolded form differs ("ı" matches
# "i" but casefolds to itself), the non-ASCII one of each pair: in a text holding one, a
# gate cannot read the casefolded text, and a needle holding one is no needle. (Outside
# these pairs a character matches another ignoring case only if both casefold alike.)
_UNFOLDED = "".join(
    sorted(
        {
            chr(c)
            for k, v in _casefix._EXTRA_CASES.items()
            for c in (k, *v)
            if not chr(c).isascii() and any(chr(c).casefold() != chr(o).casefold() for o in (k, *v))
        }
    )
)
UNFOLDED_RE = re.compile(f"[{re.escape(_UNFOLDED)}]")


def gate_text(text: str, folded: str | None) -> str | None:
    """``folded`` (``text.casefold()`` of the same length) when gates may read it for a
    case-insensitive pattern, else None (every gated pattern is then tried)."""
    if folded is None or len(folded) != len(text) or UNFOLDED_RE.search(text) is not None:
        return None
    return folded


def needles(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Sets of strings such that every match of ``pattern`` holds one string of each set
    (casefolded when the pattern ignores case); () when none is found (the pattern is
    then always tried).

    Read from the pattern's parse: a run of characters, classes of a few characters and
    small groups (each a set of strings, as ``expand`` makes them), a group, a repeat of
    at least once, or every branch of an alternation; lookarounds, wide classes and
    optional parts are passed over. The most telling sets come first, at most three.
    """
    if pattern.flags & re.VERBOSE:
        return ()
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - the pattern compiled
        return ()
    found = []
    for strings in _required(list(parsed)):
        if pattern.flags & re.IGNORECASE:
            folded = [x.casefold() for x in strings]
            if any(
                len(f) != len(x) or UNFOLDED_RE.search(x) is not None
                for f, x in zip(folded, strings, strict=True)
            ):
                continue
            strings = folded
        # a string holding another is implied by it: "revenue" covers "revenues"
        kept: list[str] = []
        for x in sorted(set(strings), key=len):
            if not any(k in x for k in kept):
                kept.append(x)
        if tuple(kept) not in found:
            found.append(tuple(kept))
    found.sort(key=_telling)
    return tuple(found[:3])


def _telling(strings: tuple[str, ...]) -> tuple[bool, int, int]:
    """Sort key, most telling first: not only digits ("20" of a year is everywhere a year
    is), the longest shortest string, the fewest strings."""
    return (all(x.isdigit() for x in strings), -min(map(len, strings)), len(strings))


RUN_LIMIT = 64  # strings a run of characters and small classes may stand for


def _required(items: list) -> list[list[str]]:
    """Sets of strings, each of which a match of ``items`` holds one of."""
    candidates: list[list[str]] = []
    run: list[str] = [""]

    def flush() -> None:
        if all(run):
            candidates.append(list(run))

    for op, av in items:
        options = _expand_item(op, av, RUN_LIMIT)
        if options is not None and options and len(run) * len(options) <= RUN_LIMIT:
            run = [r + o for r in run for o in options]
            continue
        flush()
        run = [""]
        if options is not None and options:
            run = options
            continue
        name = str(op)
        if name == "SUBPATTERN":
            _, add_flags, del_flags, inner = av
            if not add_flags and not del_flags:
                candidates.extend(_required(list(inner)))
        elif name == "ATOMIC_GROUP":
            candidates.extend(_required(list(av)))
        elif name == "BRANCH":
            union: list[str] = []
            for branch in av[1]:
                own = _required(list(branch))
                if not own:
                    union = []
                    break
                union.extend(min(own, key=lambda c: _telling(tuple(c))))
            if union:
                candidates.append(union)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, inner = av
            if low >= 1:
                candidates.extend(_required(list(inner)))
    flush()
    return candidates


# Every gate's needles, casefolded, numbered: a ``Scans`` made ``with_needles`` finds them
# all in its one pass, so a gate reads a set of numbers instead of searching the text.
_NEEDLE_IDS: dict[str, int] = {}


def _common(strings: tuple[str, ...]) -> bool:
    """True for a set with a string found in nearly any text ("of", "20", ","): its hits
    would be many and it tells little; such a set is searched, not indexed."""
    return any(
        x.isascii()
        and len(x) <= 2
        and not (any(c.isdigit() for c in x) and any(c.isalpha() for c in x))
        for x in strings
    )


class Gate:
    """A pattern with the sets of strings each of its matches holds one of (``needles``):
    where a set has none in a range, the pattern cannot match there and is not run."""

    __slots__ = ("folds", "groups", "needles", "pattern", "top")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needles = needles(pattern)
        self.folds = bool(pattern.flags & re.IGNORECASE)
        # the telling sets as numbers of casefolded needles (a case-sensitive needle's
        # casefolded form stands wherever it does, in a text casefolding keeps as long)
        groups = []
        for strings in self.needles:
            folded = [x.casefold() for x in strings]
            if _common(strings) or any(
                len(f) != len(x) for f, x in zip(folded, strings, strict=True)
            ):
                continue
            groups.append(frozenset(_NEEDLE_IDS.setdefault(f, len(_NEEDLE_IDS)) for f in folded))
        self.groups = tuple(groups)
        # a text's needles found before this gate was made may lack its own
        self.top = 1 + max((n for group in groups for n in group), default=-1)

    def may(
        self,
        text: str,
        gated: str | None,
        start: int,
        end: int,
        present: tuple[set[int], int] | None = None,
    ) -> bool:
        """``possible``, read from ``present`` when given: the numbers of the needles in a
        range holding ``text[start:end]`` and how many needles were looked for."""
        if present is not None and self.top <= present[1]:
            return self.possible_in(present[0])
        return self.possible(text, gated, start, end)

    def possible_in(self, present: set[int]) -> bool:
        """False only when no match can lie in a range whose needles (their numbers, from
        ``Scans.needles`` over a gate text) are ``present``."""
        return not any(map(present.isdisjoint, self.groups))

    def possible(self, text: str, folded: str | None, start: int, end: int) -> bool:
        """False only when no match can lie in ``text[start:end]``; ``folded`` is
        ``gate_text(text, ...)``."""
        if self.folds:
            if folded is None:
                return True
            text = folded
        for strings in self.needles:
            for needle in strings:
                if text.find(needle, start, end) >= 0:
                    break
            else:
                return False
        return True
