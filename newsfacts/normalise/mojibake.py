"""ftfy's mojibake test (``ftfy.badness.is_bad``), answered without scanning clean text.

``is_bad`` searches the whole text with one regex of about forty alternatives, which
costs about 0.15 ms on a 2,000-character Chinese or Vietnamese article, on every
article, although mojibake is rare. Every alternative of that regex requires at
least one character from a small set (one of its character classes), and no match
is longer than ``MAX_MATCH`` characters. So the regex only needs to run in a window
around each occurrence of a *trigger* character, and clean text (no triggers) takes
one scan with a character class. ``looks_like_mojibake(text) == is_bad(text)`` for
every text; the tests check it on the corpora and on generated text.

The triggers are derived from the installed ftfy's regex when this module is
imported, choosing for each alternative the required class least common in clean
news text (ASCII, Vietnamese letters, typographic quotes). If the regex has a shape
the derivation does not understand, it falls back to ``is_bad`` itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ftfy.badness import BADNESS_RE, is_bad

# Characters frequent in clean text that should not trigger the regex where avoidable.
_VIETNAMESE = "àáâãèéêìíòóôõùúýăđĩũơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"
_COMMON_IN_NEWS = frozenset(_VIETNAMESE + _VIETNAMESE.upper() + "“”‘’–—…·«»°\xa0")


def _cost(chars: frozenset[str]) -> int:
    """How often a class of required characters would fire on clean text (lower is better)."""
    return sum(100 if c.isascii() else 1 for c in chars if c.isascii() or c in _COMMON_IN_NEWS)


def _required_classes(branch: Iterable[tuple[object, object]]) -> list[frozenset[str]]:
    """The character sets of the items a branch must match (literals and plain classes)."""
    from re import _constants as c  # type: ignore[attr-defined]

    found = []
    for op, av in branch:
        if op is c.LITERAL:
            found.append(frozenset(chr(av)))  # type: ignore[arg-type]
        elif op is c.IN:
            chars: set[str] = set()
            for item_op, item in av:  # type: ignore[attr-defined]
                if item_op is c.LITERAL:
                    chars.add(chr(item))
                elif item_op is c.RANGE:
                    chars.update(map(chr, range(item[0], item[1] + 1)))
                else:  # a category or a negation: not a finite set
                    break
            else:
                found.append(frozenset(chars))
    return found


def derive_triggers(pattern: re.Pattern[str]) -> tuple[frozenset[str], int] | None:
    """Characters one of which every match of ``pattern`` contains, and the longest
    match; ``None`` when the pattern is not an alternation of simple sequences."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(pattern.pattern, pattern.flags)
        (op, av), *rest = list(parsed)
        if rest or op is not c.BRANCH:
            return None
        triggers: set[str] = set()
        for branch in av[1]:
            classes = _required_classes(branch)
            if not classes:
                return None
            triggers |= min(classes, key=lambda s: (_cost(s), len(s)))
        longest = parsed.getwidth()[1]
    except Exception:  # a private module changed shape: keep the exact slow test
        return None
    if longest > 64:
        return None
    return frozenset(triggers), longest


_DERIVED = derive_triggers(BADNESS_RE)
if _DERIVED is None:
    TRIGGERS: frozenset[str] = frozenset()
    MAX_MATCH = 0
    _TRIGGER_RE = None
else:
    TRIGGERS, MAX_MATCH = _DERIVED
    _TRIGGER_RE = re.compile("[" + "".join(re.escape(ch) for ch in sorted(TRIGGERS)) + "]")


def looks_like_mojibake(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, searching only around trigger characters."""
    if _TRIGGER_RE is None:
        return is_bad(text)
    checked_to = 0  # every match starting before this has been looked for
    for match in _TRIGGER_RE.finditer(text):
        at = match.start()
        # a match holding the trigger at ``at`` starts at most MAX_MATCH - 1 before it;
        # pos/endpos keep '^' meaning the real start of the text, as in is_bad
        if BADNESS_RE.search(text, max(at - MAX_MATCH + 1, checked_to), at + MAX_MATCH):
            return True
        checked_to = at + 1
    return False
