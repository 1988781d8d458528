"""Numeric fact extraction: FLOPS, money and percentages with exact spans.

``extract_facts(text, lang)`` is the whole public surface: it reads one piece
of text written in one language (a paragraph; ``lang`` is a language tag such
as ``"en"``, ``"zh-Hans"``, ``"vi"``, ``"es"``; unknown reads like English but
still knows Chinese forms) and returns its facts sorted by start, never
overlapping, each with ``text == text_argument[start:end]``.

* ``compute``: FLOPS in any spelling (``3.74 exaFLOPS``, ``Pflop/s``,
  ``百亿亿次``, ``300P`` where 算力 is near), normalised to FLOPS.
* ``money``: ISO 4217 code and amount in currency units (``RMB5.6 billion
  yuan``, ``Rs 10,372 crore``, ``5,6 tỷ nhân dân tệ``, ``1200亿美元``); an
  amount in brackets after another is linked by ``conversion_of``.
* ``percent``: percentage points (``42.2 percent``, ``百分之三十``, ``九折``,
  ``个百分点``), ranges as ``value``..``value_high``.

Numbers follow the language's grammar (decimal comma in vi/es/de/fr...,
Chinese numerals, English and Spanish number words). Qualifiers (``about``,
``up to``, ``约``) go to ``qualifier`` and never change the value. A broken
mention (``US $ billion``, a bare ``%``, 二三十) is kept with
``status="quarantined"``, ``value=None`` and a ``reason``.

Modules, in pipeline order: ``numbers`` (number grammar), ``lexicon``
(compiled patterns, from ``newsfacts.currency``), ``context`` (the folded
text being read), ``units`` (a numeral and its unit), ``passes`` and
``chinese`` (scans that find candidates), ``assemble`` (overlaps, ranges,
conversions, qualifiers), ``engine`` (the order of it all).
"""

from newsfacts.extract.context import CurrencyContext, currency_context
from newsfacts.extract.engine import extract as extract_facts

__all__ = ["CurrencyContext", "currency_context", "extract_facts"]
