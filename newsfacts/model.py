"""Plain data carried between the pipeline's stages.

These dataclasses are the contract between reading, normalising and extracting.
They hold no behaviour beyond trivial derived values; the functions that make
them live in the stage modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from newsfacts.normalise.offsets import SourceMap

FactKind = Literal["compute", "money", "percent"]
FactStatus = Literal["valid", "quarantined"]
ParagraphRole = Literal["title", "byline", "body", "heading", "caption", "boilerplate"]

FACT_KINDS: tuple[str, ...] = ("compute", "money", "percent")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as fetched: bytes untouched, plus where they came from."""

    source_uri: str
    content: bytes
    media_type: str  # "text/plain" | "text/html"
    content_hash: str  # sha256 hex of ``content``
    fetched_at: datetime
    provenance: str | None = None  # e.g. a WARC record id


@dataclass(frozen=True, slots=True)
class IngestError:
    """A document the batch could not turn into an article, and why."""

    source_uri: str
    stage: str
    error: str
    content_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A span of an article's normalised text with its role and language."""

    index: int
    start: int
    end: int
    role: ParagraphRole = "body"
    lang: str | None = None
    section: str | None = None  # heading of the story this paragraph belongs to
    role_reason: str | None = None  # the rule that gave ``role``, e.g. "image marker"
    lang_confidence: float | None = None  # the detector's confidence in ``lang``, 0..1


@dataclass(frozen=True, slots=True)
class Article:
    """A normalised article: the text every fact span indexes into."""

    article_id: str
    source_uri: str
    content_hash: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    title: str | None = None
    published_at: datetime | None = None
    publisher: str | None = None
    author: str | None = None
    lang: str | None = None
    is_mixed_language: bool = False
    is_translated: bool = False
    translation_evidence: tuple[str, ...] = ()
    fingerprint: str | None = None
    media_type: str = "text/plain"
    warnings: tuple[str, ...] = field(default=())
    published_at_source: str | None = None  # the text ``published_at`` was read from
    duplicate_of: str | None = None  # article_id of the near-duplicate this one repeats
    revision_of: str | None = None  # article_id of the story this near-duplicate corrects
    # Plain text only: where each character of ``text`` came from in the decoded source
    # (newsfacts.normalise.offsets); the pipeline drops it once the facts have their
    # source spans.
    source_map: SourceMap | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Fact:
    """One numeric mention: ``text == source_text[start:end]``.

    ``value`` is normalised (FLOPS for compute, currency units for money,
    percentage points for percent); for a range it is the low end and
    ``value_high`` the high end. A broken mention has ``status="quarantined"``,
    ``value=None`` and a ``reason``: it is kept, never turned into a number.
    ``conversion_of`` is the ``start`` offset of the fact this one restates in
    another unit, as in ``HK$1.18 billion ($151 million)``.
    """

    kind: FactKind
    text: str
    start: int
    end: int
    value: float | None
    value_high: float | None
    unit: str | None
    status: FactStatus = "valid"
    reason: str | None = None
    qualifier: str | None = None  # "about", "up to", "more than", ...
    conversion_of: int | None = None
    # Plain text only: the mention's span in the decoded source text, the user's own file
    # (``start``/``end`` index the normalised text); None where no map exists (HTML).
    source_start: int | None = None
    source_end: int | None = None
    # The claim: what the number measures, whose it is, where and when (newsfacts.claims).
    measure: str | None = None  # one of newsfacts.claims.MEASURES
    measure_evidence: str | None = None  # the trigger word or rule that gave ``measure``
    organisation: str | None = None  # canonical English name; None: belongs to none
    subject_text: str | None = None  # the name as written, ``text[subject_start:subject_end]``
    subject_start: int | None = None
    subject_end: int | None = None
    organisation_evidence: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    country_evidence: str | None = None
    period: str | None = None  # "2021", "2021-Q3", "2021-H1", "2021-01/2021-09"
    period_evidence: str | None = None
    market: str | None = None  # the market a market share is of, when stated
    sentence: str | None = None  # ``text[sentence_start:sentence_end]``
    sentence_start: int | None = None
    sentence_end: int | None = None
    repeat_of: int | None = None  # ``start`` of an earlier fact stating the same claim
    part_of: int | None = None  # ``start`` of an earlier amount this one is a part of

    def shifted(self, offset: int, source_map: SourceMap | None = None) -> Fact:
        """The same fact with spans moved by ``offset`` characters, and its source span
        from ``source_map`` (the article's, when it has one) in the same step."""

        def move(at: int | None) -> int | None:
            return None if at is None else at + offset

        source = source_map.span(self.start + offset, self.end + offset) if source_map else None
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            source_start=source[0] if source else None,
            source_end=source[1] if source else None,
            conversion_of=move(self.conversion_of),
            subject_start=move(self.subject_start),
            subject_end=move(self.subject_end),
            sentence_start=move(self.sentence_start),
            sentence_end=move(self.sentence_end),
            repeat_of=move(self.repeat_of),
            part_of=move(self.part_of),
        )
