"""Numeric fact extraction: FLOPS, money and percentages with exact spans.

``extract_facts(text, lang, currency=None, evidence=None)`` is the whole public surface: it
reads one piece of text written in one language (a paragraph; ``lang`` is a language tag such
as ``"en"``, ``"zh-Hans"``, ``"vi"``, ``"es"``; unknown reads like English but
still knows Chinese forms) and returns its facts sorted by start, never
overlapping, each with ``text == text_argument[start:end]`` (given ``offset=``, where the
paragraph starts in its article, and the article's ``source_map=``, the spans index the
article and carry their source spans, as the pipeline calls it).

* ``compute``: FLOPS in any spelling (``3.74 exaFLOPS``, ``Pflop/s``,
  ``百亿亿次``, ``3000京次``, ``300P`` where 算力 is in the sentence), and
  without a FLOPS word (``2,000 trillion calculations per second``, ``hai
  triệu tỷ phép tính mỗi giây``), normalised to FLOPS.
* ``money``: ISO 4217 code and amount in currency units (``RMB5.6 billion
  yuan``, ``Rs 10,372 crore``, ``5,6 tỷ nhân dân tệ``, ``5,6 tỷ NDT``, ``ba nghìn tỷ đồng``,
  ``1200亿美元``, ``3200 多亿元``); an
  amount in brackets after another is linked by ``conversion_of``. Qualified
  dollars before or after the amount (``US$``/``$US``, ``A$``/``$A``/``AU$``,
  ``C$``, ``NZ$``, ``S$``/``S $``, ``2.5 billion US$``), ``Y=`` for the yen of old
  wire copy, scale suffixes ``k``/``mn``/``bn``/``tn`` and ``mil`` (a million,
  ``$2mil``, ``RM4.5mil``; a thousand in Spanish and Portuguese, ``5 mil dólares``),
  and sub-units alone, converted into the main unit: ``45 cents`` = 0.45 of the
  article's dollar (``45 euro cents`` = 0.45 EUR), ``5 pence`` and ``80p`` = GBP
  (``p`` only glued to the number where a British clue stands, never ``1080p``),
  ``50 sen`` = 0.50 MYR, ``500 xu`` = 5 VND (USD where the paragraph prices in
  USD), ``5美分`` = 0.05 USD.
* ``percent``: percentage points (``42.2 percent``, ``百分之三十``, ``九折``,
  ``个百分点``, the British ``12pc`` glued to its number).

A bare ``¥`` or ``$`` is read by the article (``extract_facts(text, lang,
currency_context(article_text, publisher, source_uri))``, as the pipeline calls
it): ``¥`` is CNY or JPY by the words pointing to China or Japan (countries,
cities, companies, agencies; the paragraph's count twice, the publisher's and
the address's three times), and ``$`` is the local dollar of a paper from
Singapore, Hong Kong, Australia, New Zealand or Canada (its publisher, its
address's domain, or a dateline such as ``SINGAPORE -``; not wire copy
``(Reuters)``, and not when the article writes its own dollar out as ``S$`` and
never writes ``US$``, which says its bare ``$`` is the US one). Called without a
context, the paragraph is its own.

Ranges are one fact, ``value``..``value_high``, and a scale or unit written once,
after the high end, is the low end's too: ``$12 to $18 billion`` is 12e9..18e9,
``2 million to 5 million yuan``, ``15亿至25亿元``, ``200万-600万元``, ``3 to 5
exaFLOPS``, ``từ 2 đến 3 tỷ USD``, ``between 40% and 45%``. Two numbers that are a
change, not a range, are two facts, the bare first one borrowing the unit and its
span the number alone: a fall (``from 3.9 to 3.6 percent`` gives ``3.9`` = 3.9% and
``3.6 percent``), money after ``from`` (``rose from 30 to 40 million yuan``; but
``ranging from $5 to $8 billion`` is a range), a percentage after a verb of rising
(``raised from 3.6 to 3.9 percent``), Vietnamese ``từ`` after a verb of change
(``tăng từ 2 lên 3 tỷ USD``), and a number before a range, which a range cannot
hold as its low end: ``18.5 to 21-23 billion euros`` is ``18.5`` = 18.5e9 EUR and
``21-23 billion euros`` = 21e9..23e9 EUR.

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

from newsfacts.extract.context import CurrencyContext, SeparatorEvidence, currency_context
from newsfacts.extract.engine import extract as extract_facts

__all__ = ["CurrencyContext", "SeparatorEvidence", "currency_context", "extract_facts"]
