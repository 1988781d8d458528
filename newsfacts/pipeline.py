"""Per-batch processing: files to raw documents, raw documents to articles and facts.

``read_files`` reads the files it is given; everything else here is pure
(``process_documents`` normalises and extracts, ``link_near_duplicates`` drops
the facts of articles already seen, unless they are revisions), so the Prefect
tasks that call it stay thin and the logic is testable directly. A document that fails becomes an
``IngestError`` row, never an exception that loses the batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import polars as pl

from newsfacts.claims import label_claims
from newsfacts.claims.markets import name_markets
from newsfacts.extract import SeparatorEvidence, currency_context, extract_facts
from newsfacts.limits import DocumentTimeLimit, check_time, time_limit
from newsfacts.model import Article, Fact, IngestError, RawDocument
from newsfacts.normalise import normalise_document
from newsfacts.normalise.fingerprint import NearDuplicateIndex, mark_near_duplicates
from newsfacts.organisations import OrganisationTable
from newsfacts.read import ReadError, entry_uri, read_file
from newsfacts.settings import Settings
from newsfacts.signs import state_signs
from newsfacts.totals import mark_restatements

# Roles whose numbers are not facts of the story.
NO_FACT_ROLES = frozenset({"boilerplate", "byline"})


def extract_article_facts(article: Article) -> list[Fact]:
    """Facts of an article, paragraph by paragraph in each paragraph's language.

    The paragraphs in one language share a ``SeparatorEvidence``: a numeral that reads
    two ways (``1.615``) in one is settled by how the others write their decimals. What
    a bare ``¥`` or ``$`` is comes from the whole article (``currency_context``). Facts
    get their spans in the source text too when the article has a source map (plain text).
    """
    currency = currency_context(article.text, article.publisher, article.source_uri)
    chunks: list[tuple[int, str, str]] = []
    texts: dict[str, list[str]] = {}
    for paragraph in article.paragraphs:
        if paragraph.role in NO_FACT_ROLES:
            continue
        chunk = article.text[paragraph.start : paragraph.end]
        lang = paragraph.lang or article.lang or "en"
        chunks.append((paragraph.start, chunk, lang))
        texts.setdefault(lang, []).append(chunk)
    evidence = {lang: SeparatorEvidence(same) for lang, same in texts.items()}
    facts: list[Fact] = []
    for start, chunk, lang in chunks:
        found = extract_facts(
            chunk, lang, currency, evidence[lang], offset=start, source_map=article.source_map
        )
        check_time()
        facts.extend(found)
    return facts


@dataclass(slots=True)
class Batch:
    """What one batch of documents became."""

    articles: list[Article] = field(default_factory=list)
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    raws: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)


def read_files(
    documents: Sequence[Path | RawDocument], settings: Settings
) -> tuple[list[RawDocument], list[IngestError]]:
    """Raw documents for ``documents``: files are read, raw documents kept as they are.

    Unreadable files become ``IngestError`` rows.
    """
    raws: list[RawDocument] = []
    errors: list[IngestError] = []
    folders: dict[Path, str] = {}  # each folder resolved once for the batch
    for document in documents:
        if isinstance(document, RawDocument):
            raws.append(document)
            continue
        try:
            raws.append(read_file(document, settings.max_document_bytes, folders))
        except ReadError as exc:
            errors.append(IngestError(entry_uri(document), "read", str(exc)))
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


StageTimer = Callable[[str, float], None]
"""Told each stage's seconds for a batch, as ``timer("normalise", 0.42)`` (benchmarks)."""


STAGES = ("normalise", "extract", "claims")


def _process_one(
    raw: RawDocument,
    settings: Settings,
    organisations: OrganisationTable,
    batch: Batch,
    times: list[float],
) -> tuple[Article, list[Fact]] | None:
    """``raw`` normalised, extracted and labelled, or None when it cannot be normalised.

    A stage that fails is recorded in ``batch.errors``; ``times`` gets the clock at the
    end of each stage reached. ``DocumentTimeLimit`` and ``Stopped`` pass through.
    """
    try:
        article = normalise_document(raw, settings)
    except DocumentTimeLimit:
        raise
    except Exception as exc:  # one bad document must not lose the batch
        batch.errors.append(
            IngestError(
                raw.source_uri, "normalise", f"{type(exc).__name__}: {exc}", raw.content_hash
            )
        )
        return None
    times.append(time.perf_counter())
    try:
        facts = extract_article_facts(article)
    except DocumentTimeLimit:
        raise
    except Exception as exc:
        batch.errors.append(
            IngestError(raw.source_uri, "extract", f"{type(exc).__name__}: {exc}", raw.content_hash)
        )
        facts = []
    times.append(time.perf_counter())
    try:
        labelled = name_markets(label_claims(article, facts, organisations))
        facts = state_signs(mark_restatements(article.text, labelled))
    except DocumentTimeLimit:
        raise
    except Exception as exc:  # facts stay, unlabelled, with the error recorded
        batch.errors.append(
            IngestError(raw.source_uri, "claims", f"{type(exc).__name__}: {exc}", raw.content_hash)
        )
    times.append(time.perf_counter())
    if article.source_map is not None:  # the facts have their source spans: let it go
        article = replace(article, source_map=None)
    return article, facts


def process_documents(
    documents: Iterable[Path | RawDocument], settings: Settings, timer: StageTimer | None = None
) -> Batch:
    """Read, normalise and extract every document; a failing one is recorded, not fatal.

    The one loop over a batch's documents: the flow's transform task, ``newsfacts
    extract``, ``newsfacts eval``, the test loader and the benchmarks all come here.
    Files that cannot be read become the batch's first errors.
    """
    started = time.perf_counter()
    raws, read_errors = read_files(list(documents), settings)
    batch = Batch(errors=read_errors)
    organisations = settings.organisation_table  # files, then the warehouse's manual rows
    normalising = extracting = claiming = 0.0
    for raw in raws:
        times = [time.perf_counter()]
        try:
            with time_limit(settings.max_document_seconds):
                processed = _process_one(raw, settings, organisations, batch, times)
        except DocumentTimeLimit as exc:
            stage = STAGES[len(times) - 1]
            batch.errors.append(
                IngestError(
                    raw.source_uri,
                    stage,
                    f"{exc} (max_document_seconds) in {stage}; the document was not loaded",
                    raw.content_hash,
                )
            )
            processed = None
        times.extend([time.perf_counter()] * (4 - len(times)))
        normalising += times[1] - times[0]
        extracting += times[2] - times[1]
        claiming += times[3] - times[2]
        if processed is not None:
            article, facts = processed
            batch.raws.append(raw)
            batch.articles.append(article)
            batch.facts[article.article_id] = facts
            batch.errors.extend(decode_warnings(article))
    if timer is not None:
        timer("read", time.perf_counter() - started - normalising - extracting - claiming)
        timer("normalise", normalising)
        timer("extract", extracting)
        timer("claims", claiming)
    return batch


FactKey = tuple[str, float | None, float | None, str | None]
"""What a figure states, to compare two versions of a story: kind, value, value_high, unit."""

KnownFacts = Callable[[list[str]], Mapping[str, Iterable[FactKey]]]
"""Given the ids of articles loaded earlier, the ``FactKey``s of their valid facts."""


def fact_keys(facts: Iterable[Fact]) -> frozenset[FactKey]:
    """The figures ``facts`` state (valid facts with a value)."""
    return frozenset(
        (f.kind, f.value, f.value_high, f.unit)
        for f in facts
        if f.status == "valid" and f.value is not None
    )


def link_near_duplicates(
    batch: Batch,
    known_fingerprints: Mapping[str, str | None] | NearDuplicateIndex,
    known_facts: KnownFacts | None = None,
) -> Batch:
    """The batch with near-duplicates and revisions linked, duplicates' facts not loaded twice.

    ``known_fingerprints`` is the run's ``NearDuplicateIndex`` of the articles already
    loaded, or maps them to their fingerprints. A near-duplicate of one of them, or of
    an earlier article in the batch, keeps its article row linked to it. When it
    states a figure that article does not (a corrected copy: ¥1.5 trillion where the
    first said ¥1.2 trillion), it is a revision: ``revision_of`` is set and its facts
    stay. Otherwise it is a duplicate: ``duplicate_of`` is set and its facts, the
    original's, go. ``known_facts`` gives the figures of originals loaded earlier;
    without it (or for an original it does not know) a near-duplicate of one is a
    duplicate. The index is not changed: see ``remember_originals``.
    """
    marked = mark_near_duplicates(batch.articles, known_fingerprints)
    figures = {a.article_id: fact_keys(batch.facts.get(a.article_id, [])) for a in marked}
    earlier = sorted({a.duplicate_of for a in marked if a.duplicate_of} - figures.keys())
    if earlier and known_facts is not None:
        figures.update({k: frozenset(v) for k, v in known_facts(earlier).items()})
    articles = []
    for a in marked:
        original = a.duplicate_of
        if original in figures and figures[a.article_id] - figures[original]:
            a = replace(a, duplicate_of=None, revision_of=original)
        articles.append(a)
    facts = {
        a.article_id: [] if a.duplicate_of else batch.facts.get(a.article_id, []) for a in articles
    }
    return Batch(articles=articles, facts=facts, raws=batch.raws, errors=batch.errors)


def remember_originals(index: NearDuplicateIndex, articles: pl.DataFrame) -> NearDuplicateIndex:
    """``index`` with the originals of a loaded ``articles`` frame added (in place).

    Originals are the rows with a fingerprint that are neither duplicates nor revisions
    (a story's later versions link to its first): the rows
    ``warehouse.load.known_fingerprints`` would read back.
    """
    originals = articles.filter(
        pl.col("duplicate_of").is_null()
        & pl.col("revision_of").is_null()
        & pl.col("fingerprint").is_not_null()
    )
    index.update(dict(zip(originals["article_id"], originals["fingerprint"], strict=True)))
    return index
