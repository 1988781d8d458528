"""Per-batch processing: files to raw documents, raw documents to articles and facts.

``read_files`` reads the files it is given; everything else here is pure
(``process_documents`` normalises and extracts, ``link_near_duplicates`` drops
the facts of articles already seen), so the Prefect tasks that call it stay thin
and the logic is testable directly. A document that fails becomes an
``IngestError`` row, never an exception that loses the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsfacts.extract import extract_facts
from newsfacts.ids import fact_id_for
from newsfacts.model import Article, Fact, IngestError, RawDocument
from newsfacts.normalise import normalise_document
from newsfacts.normalise.fingerprint import NearDuplicateIndex, mark_near_duplicates
from newsfacts.read import ReadError, read_file
from newsfacts.settings import Settings

# Roles whose numbers are not facts of the story.
NO_FACT_ROLES = frozenset({"boilerplate", "byline"})


def extract_article_facts(article: Article) -> list[Fact]:
    """Facts of an article, paragraph by paragraph in each paragraph's language."""
    facts: list[Fact] = []
    for paragraph in article.paragraphs:
        if paragraph.role in NO_FACT_ROLES:
            continue
        chunk = article.text[paragraph.start : paragraph.end]
        lang = paragraph.lang or article.lang or "en"
        facts.extend(f.shifted(paragraph.start) for f in extract_facts(chunk, lang))
    return facts


@dataclass(slots=True)
class Batch:
    """What one batch of documents became."""

    articles: list[Article] = field(default_factory=list)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    raws: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def read_files(
    paths: Sequence[Path], settings: Settings
) -> tuple[list[RawDocument], list[IngestError]]:
    """Raw documents for ``paths``; unreadable files become ``IngestError`` rows."""
    raws: list[RawDocument] = []
    errors: list[IngestError] = []
    for path in paths:
        try:
            raws.append(read_file(path, settings.max_document_bytes))
        except ReadError as exc:
            errors.append(IngestError(path.resolve().as_uri(), "read", str(exc)))
    return raws, errors


def decode_warnings(article: Article) -> list[IngestError]:
    """A row for an article whose bytes were partly undecodable: loaded, but flagged."""
    return [
        IngestError(
            article.source_uri,
            "decode",
            f"warning: {warning}; the article was loaded with U+FFFD in their place",
            article.content_hash,
        )
        for warning in article.warnings
        if warning.startswith("undecodable bytes replaced")
    ][:1]


def process_documents(raws: Iterable[RawDocument], settings: Settings) -> Batch:
    """Normalise and extract every document; a failing one is recorded, not fatal."""
    batch = Batch()
    for raw in raws:
        try:
            article = normalise_document(raw, settings)
        except Exception as exc:  # one bad document must not lose the batch
            batch.errors.append(
                IngestError(
                    raw.source_uri, "normalise", f"{type(exc).__name__}: {exc}", raw.content_hash
                )
            )
            continue
        try:
            facts = extract_article_facts(article)
        except Exception as exc:
            batch.errors.append(
                IngestError(
                    raw.source_uri, "extract", f"{type(exc).__name__}: {exc}", raw.content_hash
                )
            )
            facts = []
        batch.raws.append(raw)
        batch.articles.append(article)
        batch.facts[article.article_id] = facts
        batch.errors.extend(decode_warnings(article))
    return batch


def link_near_duplicates(
    batch: Batch, known_fingerprints: Mapping[str, str | None] | NearDuplicateIndex
) -> Batch:
    """The batch with near-duplicate articles linked and their facts not loaded twice.

    ``known_fingerprints`` is the run's ``NearDuplicateIndex`` of the articles already
    loaded, or maps them to their fingerprints. A near-duplicate of one of them, or of
    an earlier article in the batch, keeps its article row with ``duplicate_of`` set;
    its facts are the original's, so they go. The index is not changed: see
    ``remember_originals``.
    """
    articles = mark_near_duplicates(batch.articles, known_fingerprints)
    facts = {
        a.article_id: [] if a.duplicate_of else batch.facts.get(a.article_id, []) for a in articles
    }
    return Batch(articles=articles, facts=facts, raws=batch.raws, errors=batch.errors)


def remember_originals(index: NearDuplicateIndex, articles: pl.DataFrame) -> NearDuplicateIndex:
    """``index`` with the originals of a loaded ``articles`` frame added (in place).

    Originals are the rows with a fingerprint that are not themselves duplicates:
    the rows ``warehouse.load.known_fingerprints`` would read back.
    """
    originals = articles.filter(
        pl.col("duplicate_of").is_null() & pl.col("fingerprint").is_not_null()
    )
    index.update(dict(zip(originals["article_id"], originals["fingerprint"], strict=True)))
    return index


# ---------------------------------------------------------------- frames

ARTICLE_COLUMNS = {
    "article_id": pl.String,
    "source_uri": pl.String,
    "content_hash": pl.String,
    "media_type": pl.String,
    "title": pl.String,
    "published_at": pl.Datetime("us"),
    "publisher": pl.String,
    "author": pl.String,
    "lang": pl.String,
    "is_mixed_language": pl.Boolean,
    "is_translated": pl.Boolean,
    "translation_evidence": pl.List(pl.String),
    "fingerprint": pl.String,
    "text": pl.String,
    "count_paragraphs": pl.Int32,
    "published_at_source": pl.String,
    "duplicate_of": pl.String,
    "warnings": pl.List(pl.String),
}

PARAGRAPH_COLUMNS = {
    "article_id": pl.String,
    "paragraph_index": pl.Int32,
    "start": pl.Int32,
    "end": pl.Int32,
    "role": pl.String,
    "lang": pl.String,
    "section": pl.String,
    "role_reason": pl.String,
    "lang_confidence": pl.Float64,
}

FACT_COLUMNS = {
    "fact_id": pl.String,
    "article_id": pl.String,
    "kind": pl.String,
    "text": pl.String,
    "start": pl.Int32,
    "end": pl.Int32,
    "value": pl.Float64,
    "value_high": pl.Float64,
    "unit": pl.String,
    "status": pl.String,
    "reason": pl.String,
    "qualifier": pl.String,
    "conversion_of_fact_id": pl.String,
    "paragraph_index": pl.Int32,
    "paragraph_role": pl.String,
    "section": pl.String,
    "lang": pl.String,
    "extractor_version": pl.String,
}

RAW_DOCUMENT_COLUMNS = {
    "content_hash": pl.String,
    "source_uri": pl.String,
    "media_type": pl.String,
    "provenance": pl.String,
    "fetched_at": pl.Datetime("us", "UTC"),
    "content": pl.Binary,
}

INGEST_ERROR_COLUMNS = {
    "source_uri": pl.String,
    "stage": pl.String,
    "error": pl.String,
    "content_hash": pl.String,
}


def articles_frame(articles: Sequence[Article]) -> pl.DataFrame:
    rows = [
        {
            "article_id": a.article_id,
            "source_uri": a.source_uri,
            "content_hash": a.content_hash,
            "media_type": a.media_type,
            "title": a.title,
            "published_at": a.published_at,
            "publisher": a.publisher,
            "author": a.author,
            "lang": a.lang,
            "is_mixed_language": a.is_mixed_language,
            "is_translated": a.is_translated,
            "translation_evidence": list(a.translation_evidence),
            "fingerprint": a.fingerprint,
            "text": a.text,
            "count_paragraphs": len(a.paragraphs),
            "published_at_source": a.published_at_source,
            "duplicate_of": a.duplicate_of,
            "warnings": list(a.warnings),
        }
        for a in articles
    ]
    return pl.DataFrame(rows, schema=ARTICLE_COLUMNS)


def paragraphs_frame(articles: Sequence[Article]) -> pl.DataFrame:
    rows = [
        {
            "article_id": a.article_id,
            "paragraph_index": p.index,
            "start": p.start,
            "end": p.end,
            "role": p.role,
            "lang": p.lang,
            "section": p.section,
            "role_reason": p.role_reason,
            "lang_confidence": p.lang_confidence,
        }
        for a in articles
        for p in a.paragraphs
    ]
    return pl.DataFrame(rows, schema=PARAGRAPH_COLUMNS)


def _paragraph_at(article: Article, offset: int):
    for p in article.paragraphs:
        if p.start <= offset < p.end:
            return p
    return None


def facts_frame(
    articles: Sequence[Article], facts: dict[str, list[Fact]], extractor_version: str
) -> pl.DataFrame:
    rows = []
    for a in articles:
        by_start = {f.start: f for f in facts.get(a.article_id, [])}
        for f in facts.get(a.article_id, []):
            p = _paragraph_at(a, f.start)
            converted = by_start.get(f.conversion_of) if f.conversion_of is not None else None
            rows.append(
                {
                    "fact_id": fact_id_for(a.article_id, f.kind, f.start, f.end),
                    "article_id": a.article_id,
                    "kind": f.kind,
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "value": f.value,
                    "value_high": f.value_high,
                    "unit": f.unit,
                    "status": f.status,
                    "reason": f.reason,
                    "qualifier": f.qualifier,
                    "conversion_of_fact_id": (
                        fact_id_for(a.article_id, converted.kind, converted.start, converted.end)
                        if converted
                        else None
                    ),
                    "paragraph_index": p.index if p else None,
                    "paragraph_role": p.role if p else None,
                    "section": p.section if p else None,
                    "lang": (p.lang if p else None) or a.lang,
                    "extractor_version": extractor_version,
                }
            )
    return pl.DataFrame(rows, schema=FACT_COLUMNS)


def raw_documents_frame(raws: Sequence[RawDocument]) -> pl.DataFrame:
    rows = [
        {
            "content_hash": r.content_hash,
            "source_uri": r.source_uri,
            "media_type": r.media_type,
            "provenance": r.provenance,
            "fetched_at": r.fetched_at,
            "content": r.content,
        }
        for r in raws
    ]
    return pl.DataFrame(rows, schema=RAW_DOCUMENT_COLUMNS)


def ingest_errors_frame(errors: Sequence[IngestError]) -> pl.DataFrame:
    rows = [
        {
            "source_uri": e.source_uri,
            "stage": e.stage,
            "error": e.error,
            "content_hash": e.content_hash,
        }
        for e in errors
    ]
    return pl.DataFrame(rows, schema=INGEST_ERROR_COLUMNS)
