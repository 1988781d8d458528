"""Numeric fact extraction: FLOPS, money and percentages with exact spans.

``extract_facts(text, lang, evidence=None)`` is the whole public surface: it reads one piece
of text written in one language (a paragraph; ``lang`` is a language tag such
as ``"en"``, ``"zh-Hans"``, ``"vi"``, ``"es"``; unknown reads like English but
still knows Chinese forms) and returns its facts sorted by start, never
overlapping, each with ``text == text_argument[start:end]``.

* ``compute``: FLOPS in any spelling (``3.74 exaFLOPS``, ``Pflop/s``,
  ``百亿亿次``, ``3000京次``, ``300P`` where 算力 is in the sentence), and
  without a FLOPS word (``2,000 trillion calculations per second``, ``hai
  triệu tỷ phép tính mỗi giây``), normalised to FLOPS.
* ``money``: ISO 4217 code and amount in currency units (``RMB5.6 billion
  yuan``, ``Rs 10,372 crore``, ``5,6 tỷ NDT``, ``ba nghìn tỷ đồng``,
  ``3200 多亿元``); an amount in brackets after another is linked by
  ``conversion_of``.
* ``percent``: percentage points (``42.2 percent``, ``百分之三十``, ``九折``,
  ``个百分点``), ranges as ``value``..``value_high``.

Numbers follow the language's grammar (decimal comma in vi/es/de/fr...,
Chinese numerals, English, Spanish and Vietnamese number words); a numeral
that shows its separator (``1,234.5``, ``5,6``) is read by its own form, and
one that reads two ways (``1.615``) by its plausibility for the unit, then by
the separators of the paragraph or, given ``evidence`` (a
``SeparatorEvidence`` of the document's texts in that language), the
document. Qualifiers (``about``, ``up to``, ``约``) go to ``qualifier`` and
never change the value. A broken
mention (``US $ billion``, a bare ``%``, 二三十) is kept with
``status="quarantined"``, ``value=None`` and a ``reason``.

Modules, in pipeline order: ``numbers`` (number grammar), ``lexicon``
(compiled patterns, from ``newsfacts.currency``), ``context`` (the folded
text being read), ``units`` (a numeral and its unit), ``passes`` and
``chinese`` (scans that find candidates), ``assemble`` (overlaps, ranges,
conversions, qualifiers), ``engine`` (the order of it all).
"""

from newsfacts.extract.context import SeparatorEvidence
from newsfacts.extract.engine import extract as extract_facts

__all__ = ["SeparatorEvidence", "extract_facts"]
