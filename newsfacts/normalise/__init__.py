"""Normalisation: raw bytes to an article with roles, languages and metadata.

The stage, in order (each step a module of this package):

1. ``decode``: bytes of unknown encoding to repaired text (``Article.warnings``
   records each repair); an HTML page's main text and metadata come from
   ``html`` (trafilatura) between decoding and repair.
2. ``roles``: non-empty lines become paragraphs with a role and a section.
3. ``language``: a language per paragraph, the article's language, whether it
   is mixed, and evidence of machine translation.
4. ``metadata``: title, date, publisher and author from the text, where HTML
   metadata did not give them.
5. ``fingerprint``: a MinHash of the running text for near-duplicate links
   (``find_near_duplicates``).

Every span indexes ``Article.text``, the normalised text; the raw bytes stay
untouched in ``RawDocument``. For plain text, ``Article.source_map`` carries each
character of ``Article.text`` back to the decoded source (``offsets``), so facts get
``source_start``/``source_end`` into the user's own file.
"""

from __future__ import annotations

import re

from newsfacts.ids import article_id_for
from newsfacts.limits import check_time
from newsfacts.model import Article, RawDocument
from newsfacts.normalise.decode import (
    decode_bytes,
    decode_document,
    fix_mojibake_by_line,
    normalise_text,
    repair_text,
    repair_text_mapped,
)
from newsfacts.normalise.fingerprint import (
    content_fingerprint,
    find_near_duplicates,
    mark_near_duplicates,
)
from newsfacts.normalise.html import extract_html
from newsfacts.normalise.language import (
    article_language,
    language_shares,
    languages_and_weights,
    translation_evidence,
)
from newsfacts.normalise.metadata import parse_date, text_metadata
from newsfacts.normalise.roles import TITLE_SEARCH_LINES, assign_roles, split_paragraphs
from newsfacts.settings import Settings

__all__ = [
    "decode_bytes",
    "find_near_duplicates",
    "mark_near_duplicates",
    "normalise_document",
    "normalise_text",
    "split_paragraphs",
]


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def normalise_document(raw: RawDocument, settings: Settings) -> Article:
    """The article a raw document holds: decoded, repaired, split, with metadata."""
    decoded = decode_document(raw.content)
    warnings = list(decoded.repairs)
    content = decoded.text
    title_hint = author = publisher = published_source = None
    published_at = None
    if raw.media_type == "text/html":
        content, html_repairs = fix_mojibake_by_line(content)
        warnings.extend(html_repairs)
        html = extract_html(content, settings.reference_date, url=raw.source_uri)
        warnings.extend(html.repairs)
        title_hint = normalise_text(html.title) if html.title else None
        author, publisher = html.author, html.publisher
        published_at = parse_date(html.published) if html.published else None
        published_source = html.published if published_at else None
        content = html.text
    check_time()
    source_map = None
    if raw.media_type == "text/html":
        text, repairs = repair_text(content)
    else:
        text, repairs, source_map = repair_text_mapped(content)
    check_time()
    warnings.extend(repairs)
    if not _LETTER_OR_DIGIT.search(text):
        # markup, symbols or a title alone are no article
        raise ValueError(
            f"document has no letters or digits after normalisation, only {text[:40]!r}"
            if text
            else "document has no text after normalisation"
        )
    if title_hint and title_hint not in text.split("\n")[: 2 * TITLE_SEARCH_LINES]:
        # trafilatura keeps the title out of the text
        text = f"{title_hint}\n\n{text}"
    paragraphs = assign_roles(text, split_paragraphs(text), title_hint=title_hint)
    check_time()
    paragraphs, weights = languages_and_weights(text, paragraphs, settings.languages)
    lang, is_mixed = article_language(language_shares(text, paragraphs, weights))
    evidence = translation_evidence(text, paragraphs, lang, settings.languages)
    check_time()
    meta = text_metadata(text, paragraphs)
    check_time()
    if published_at is None and meta.published_at is not None:
        published_at, published_source = meta.published_at, meta.published_at_source
    fingerprint = content_fingerprint(text, paragraphs)
    check_time()
    return Article(
        article_id=article_id_for(raw.content_hash),
        source_uri=raw.source_uri,
        content_hash=raw.content_hash,
        text=text,
        paragraphs=tuple(paragraphs),
        title=title_hint or meta.title,
        published_at=published_at,
        publisher=publisher or meta.publisher,
        author=author or meta.author,
        lang=lang,
        is_mixed_language=is_mixed,
        is_translated=bool(evidence),
        translation_evidence=evidence,
        fingerprint=fingerprint,
        media_type=raw.media_type,
        warnings=tuple(warnings),
        published_at_source=published_source,
        source_map=source_map,
    )
