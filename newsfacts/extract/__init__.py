"""Numeric fact extraction: FLOPS, money and percentages with exact spans.

``extract_facts(text, lang)`` is the whole public surface: it reads one piece
of text written in one language and returns the facts it states, with spans
that index ``text``.
"""

from newsfacts.extract.engine import extract as extract_facts

__all__ = ["extract_facts"]
