"""Contract for ``facts``: one row per numeric mention in an article.

``FactSchema`` is what every loaded fact row must satisfy on its own (ordered
span, value and unit for a valid fact, a unit that fits its kind, an ISO 4217
currency, finite values, negative only where the measure can be (``newsfacts.signs``),
a range that does not run backwards;
and of its claim: a measure from ``newsfacts.claims.MEASURES``, an organisation
exactly when a subject is written, a two-letter country, a period in the stated
forms, spans as long as their texts and a sentence holding the fact).
``fact_contract(rules)`` adds the checks that need context or the ``[rows]``
rules of ``dq.toml``: the article exists and its text at the span is the
fact's (and so are its subject's and its sentence's), FLOPS within the
plausible range, a percentage within the share range (or the growth range for a
growth rate or a ratio: by its measure, or by ``newsfacts.growth``'s words when it has
none), values plausible for their measure, subject and article
(``newsfacts.plausibility``), and a stated conversion within
tolerance of the ECB rate (``newsfacts.conversions``). They run on a frame
``schemas.batch.with_context`` extends with the ``CONTEXT_COLUMNS``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandera.polars as pa
import polars as pl

from newsfacts.claims import MEASURES
from newsfacts.currency import ISO_4217_CODES
from newsfacts.dq_config import RowRules
from newsfacts.ids import fact_id_for
from newsfacts.model import FACT_KINDS, Article, Fact, Paragraph
from newsfacts.signs import SIGNED_MEASURES
from schemas.tables import frame_of, quarantine_twin, table_of

# Columns ``schemas.batch`` adds for the context checks and drops afterwards.
CONTEXT_COLUMNS: dict[str, pl.DataType] = {
    "article_text": pl.String(),
    "is_article_known": pl.Boolean(),
    "is_growth_or_ratio": pl.Boolean(),
    "conversion_deviation": pl.Float64(),
    "implausible_reason": pl.String(),
}

# A stated period: a year, a quarter, a half, a month or a day, or a range of two of them
# ("2021", "2021-Q3", "2021-H1", "2021-01/2021-09").
_PERIOD_POINT = r"\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])(-\d{2})?))?"
PERIOD_PATTERN = rf"^{_PERIOD_POINT}(/{_PERIOD_POINT})?$"

# The columns that state a fact's claim (newsfacts.model.Fact's claim fields, with
# repeat_of and part_of resolved to fact ids): what it measures, whose it is, where, when,
# its sentence.
CLAIM_COLUMNS: tuple[str, ...] = (
    "repeat_of_fact_id",
    "part_of_fact_id",
    "measure",
    "measure_evidence",
    "organisation",
    "subject_text",
    "subject_start",
    "subject_end",
    "organisation_evidence",
    "country",
    "country_evidence",
    "period",
    "period_evidence",
    "market",
    "sentence",
    "sentence_start",
    "sentence_end",
)

# (text column, start column, end column) of the spans a fact row carries.
SPANS: tuple[tuple[str, str, str], ...] = (
    ("text", "start", "end"),
    ("subject_text", "subject_start", "subject_end"),
    ("sentence", "sentence_start", "sentence_end"),
)


def span_is_exact(text: str, start: str, end: str) -> pl.Expr:
    """A span is null with its text, or ends after it starts and is as long as its text."""
    spans = [pl.col(text), pl.col(start), pl.col(end)]
    return (
        pl.when(pl.all_horizontal(c.is_null() for c in spans))
        .then(True)
        .otherwise(
            pl.all_horizontal(c.is_not_null() for c in spans)
            & (pl.col(end) > pl.col(start))
            & ((pl.col(end) - pl.col(start)) == pl.col(text).str.len_chars())
        )
    )


def span_matches_article(text: str, start: str, end: str) -> pl.Expr:
    """``text == article_text[start:end]``, or no span at all (null text)."""
    sliced = pl.col("article_text").str.slice(pl.col(start), pl.col(end) - pl.col(start))
    return pl.col(text).is_null() | (
        pl.col("article_text").is_not_null() & (sliced == pl.col(text)).fill_null(False)
    )


class FactSchema(pa.DataFrameModel):
    """Grain: one row per fact mention (article, kind, start, end); key ``fact_id``.

    Stored in ``raw.facts`` without ``status`` and ``reason`` (every loaded fact is
    valid); a row failing a check goes to its twin ``raw.quarantined_facts``.
    """

    fact_id: str = pa.Field(
        unique=True,
        str_length={"min_value": 16, "max_value": 16},
        description="Fact key: hash of article_id, kind and character span.",
    )
    article_id: str = pa.Field(
        nullable=False,
        description="Article key: hash of the article's normalised content (see raw.articles).",
    )
    kind: str = pa.Field(
        isin=list(FACT_KINDS),
        description="Fact kind: compute (FLOPS), money (a currency amount) or percent.",
    )
    text: str = pa.Field(
        str_length={"min_value": 1},
        description=(
            "The mention as it stands in the article: the normalised article text at [start, end)."
        ),
    )
    start: pl.Int32 = pa.Field(
        ge=0,
        description=(
            "Character offset where the mention starts in the article text (0-based, inclusive)."
        ),
    )
    end: pl.Int32 = pa.Field(
        ge=1,
        description="Character offset where the mention ends in the article text (exclusive).",
    )
    source_start: pl.Int32 = pa.Field(
        nullable=True,
        ge=0,
        description=(
            "Plain-text inputs: character offset where the mention starts in the decoded"
            " source text, the user's own file (inclusive); null where no offset map exists"
            " (HTML)."
        ),
    )
    source_end: pl.Int32 = pa.Field(
        nullable=True,
        description=(
            "Plain-text inputs: character offset where the mention ends in the decoded source"
            " text (exclusive); its slice normalises to text."
        ),
    )
    value: float = pa.Field(
        description=(
            "Normalised value: FLOPS for compute, currency units for money, percentage points"
            " for percent; low end of a range."
        ),
    )
    value_high: float = pa.Field(
        nullable=True,
        description="High end of a range in the same unit as value; null for a single value.",
    )
    unit: str = pa.Field(
        description="FLOPS for compute, an ISO 4217 code for money, % for percent.",
    )
    status: str = pa.Field(
        isin=["valid", "quarantined"],
        description="Extraction status: valid, or quarantined when the mention is broken.",
    )
    reason: str = pa.Field(
        nullable=True,
        description="Why the extractor flagged the mention as broken; null for a valid one.",
    )
    qualifier: str = pa.Field(
        nullable=True,
        description="Hedge stated with the number: about, up to, more than, ...; null when none.",
    )
    conversion_of_fact_id: str = pa.Field(
        nullable=True,
        description=(
            "For a restatement in another unit, as in HK$1.18 billion ($151 million):"
            " the fact_id it restates."
        ),
    )
    repeat_of_fact_id: str = pa.Field(
        nullable=True,
        description=(
            "For a claim stated again in the same article (a headline figure repeated in the"
            " lede): the fact_id of its first statement; null for a first statement."
        ),
    )
    part_of_fact_id: str = pa.Field(
        nullable=True,
        description=(
            "For an amount the article states as a part of one stated before (\"Of that total,"
            " 200 billion yuan ...\"): the fact_id of that total (newsfacts.totals); null"
            " otherwise."
        ),
    )
    measure: str = pa.Field(
        nullable=True,
        isin=list(MEASURES),
        description=(
            "What the number measures: computing_power, investment, funding, revenue, profit,"
            " loss, valuation, price, market_size, deal_value, market_share, growth, ratio or"
            " other (newsfacts.claims.MEASURES); a conversion takes its original's; null when"
            " not labelled."
        ),
    )
    measure_evidence: str = pa.Field(
        nullable=True,
        description="The trigger word or rule that gave measure; null when measure is null.",
    )
    organisation: str = pa.Field(
        nullable=True,
        description=(
            "Canonical English name of the company, institution or government body the"
            " number belongs to in its sentence (raw.organisations); null when it belongs to"
            " none (a country's total, a market) or none is named."
        ),
    )
    subject_text: str = pa.Field(
        nullable=True,
        description=(
            "The organisation's name as the article writes it: the article text at"
            " [subject_start, subject_end); null exactly when organisation is."
        ),
    )
    subject_start: pl.Int32 = pa.Field(
        nullable=True,
        ge=0,
        description="Character offset where subject_text starts in the article text (inclusive).",
    )
    subject_end: pl.Int32 = pa.Field(
        nullable=True,
        description="Character offset where subject_text ends in the article text (exclusive).",
    )
    organisation_evidence: str = pa.Field(
        nullable=True,
        description=(
            "The rule that tied the organisation to the number (its sentence's subject, a"
            " trigger verb, the story's heading, ...); null when organisation is null."
        ),
    )
    country: str = pa.Field(
        nullable=True,
        str_matches=r"^[A-Z]{2}$",
        description=(
            "ISO 3166-1 alpha-2 code of the country the number is about or located in, when"
            " the text says or clearly implies it."
        ),
    )
    country_evidence: str = pa.Field(
        nullable=True,
        description="The word or rule that gave country; null when country is null.",
    )
    period: str = pa.Field(
        nullable=True,
        str_matches=PERIOD_PATTERN,
        description=(
            "The period the number is for, when stated: 2021, 2021-Q3, 2021-H1, 2021-03, or a"
            " range such as 2021-01/2021-09 for the first nine months of 2021."
        ),
    )
    period_evidence: str = pa.Field(
        nullable=True,
        description="The words that gave period; null when period is null.",
    )
    market: str = pa.Field(
        nullable=True,
        description="For a market share: the market it is a share of, when stated.",
    )
    sentence: str = pa.Field(
        nullable=True,
        description=(
            "The sentence the fact stands in: the article text at [sentence_start, sentence_end)."
        ),
    )
    sentence_start: pl.Int32 = pa.Field(
        nullable=True,
        ge=0,
        description="Character offset where the fact's sentence starts in the article text.",
    )
    sentence_end: pl.Int32 = pa.Field(
        nullable=True,
        description="Character offset where the fact's sentence ends in the article text"
        " (exclusive).",
    )
    paragraph_index: pl.Int32 = pa.Field(
        nullable=True,
        description="Index of the paragraph holding the mention (raw.paragraphs).",
    )
    paragraph_role: str = pa.Field(
        nullable=True,
        description=(
            "Role of that paragraph: title, byline, body, heading, caption or boilerplate."
        ),
    )
    section: str = pa.Field(
        nullable=True,
        description=(
            "Heading of the story the paragraph belongs to (for roundups with several stories)."
        ),
    )
    lang: str = pa.Field(
        nullable=True,
        description=(
            "ISO 639-1 language code (of the article, or of the fact's paragraph for facts)."
        ),
    )
    extractor_version: str = pa.Field(
        description="Version of the extractor that produced the row: the package version and a"
        " digest of its rules (newsfacts.version), e.g. 0.1.0+3f9a1c2b7d40."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "facts",
            "grain": "one row per valid fact mention",
            "key": ["fact_id"],
            "comment": "One row per valid fact mention (grain: fact_id). Loaded by the pipeline"
            " after its contracts pass.",
            "not_stored": ["status", "reason"],
        }

    @pa.dataframe_check(name="span_is_ordered")
    def span_is_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A span ends after it starts and is as long as its text."""
        return data.lazyframe.select(
            (pl.col("end") > pl.col("start"))
            & ((pl.col("end") - pl.col("start")) == pl.col("text").str.len_chars())
        )

    @pa.dataframe_check(name="source_span_is_whole")
    def source_span_is_whole(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """The source span is both offsets or neither, and ends after it starts."""
        start, end = pl.col("source_start"), pl.col("source_end")
        return data.lazyframe.select(
            (start.is_null() & end.is_null()) | (end > start).fill_null(False)
        )

    @pa.dataframe_check(name="claim_spans_are_ordered")
    def claim_spans_are_ordered(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """The subject's and the sentence's spans are whole and as long as their texts."""
        return data.lazyframe.select(
            pl.all_horizontal(span_is_exact(*names) for names in SPANS[1:])
        )

    @pa.dataframe_check(name="sentence_holds_fact")
    def sentence_holds_fact(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """The fact's span lies within its sentence's, when a sentence is given."""
        return data.lazyframe.select(
            pl.col("sentence_start").is_null()
            | pl.col("sentence_end").is_null()
            | (
                (pl.col("sentence_start") <= pl.col("start"))
                & (pl.col("end") <= pl.col("sentence_end"))
            )
        )

    @pa.dataframe_check(name="organisation_iff_subject")
    def organisation_iff_subject(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """An organisation is named exactly when its name as written (subject_text) is kept."""
        return data.lazyframe.select(
            pl.col("organisation").is_null() == pl.col("subject_text").is_null()
        )

    @pa.dataframe_check(name="valid_fact_has_value_and_unit")
    def valid_fact_has_value_and_unit(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A fact marked valid carries a number and a unit; a quarantined one carries a reason."""
        valid = pl.col("status") == "valid"
        return data.lazyframe.select(
            pl.when(valid)
            .then(pl.col("value").is_not_null() & pl.col("unit").is_not_null())
            .otherwise(pl.col("reason").is_not_null())
        )

    @pa.dataframe_check(name="unit_matches_kind")
    def unit_matches_kind(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """FLOPS for compute, % for percent, a three-letter code for money."""
        unit = pl.col("unit")
        return data.lazyframe.select(
            unit.is_null()
            | pl.when(pl.col("kind") == "compute")
            .then(unit == "FLOPS")
            .when(pl.col("kind") == "percent")
            .then(unit == "%")
            .otherwise(unit.str.contains(r"^[A-Z]{3}$"))
        )

    @pa.dataframe_check(name="currency_is_iso_4217")
    def currency_is_iso_4217(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A money fact's unit is a real ISO 4217 code (active or historic), not just 3 letters."""
        return data.lazyframe.select(
            (pl.col("kind") != "money")
            | pl.col("unit").is_null()
            | pl.col("unit").is_in(sorted(ISO_4217_CODES))
        )

    @pa.dataframe_check(name="value_is_finite")
    def value_is_finite(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Values are finite numbers (no inf, no NaN)."""
        return data.lazyframe.select(
            pl.all_horizontal(
                c.is_null() | c.is_finite() for c in (pl.col("value"), pl.col("value_high"))
            )
        )

    @pa.dataframe_check(name="sign_fits_measure")
    def sign_fits_measure(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """A value is negative only for a measure that can be (``newsfacts.signs``)."""
        signed = pl.lit(False)
        for kind, measures in SIGNED_MEASURES.items():
            signed = signed | ((pl.col("kind") == kind) & pl.col("measure").is_in(sorted(measures)))
        return data.lazyframe.select(
            signed.fill_null(False)
            | pl.all_horizontal(
                c.is_null() | c.is_nan() | (c >= 0) for c in (pl.col("value"), pl.col("value_high"))
            )
        )

    @pa.dataframe_check(name="value_high_at_least_value")
    def value_high_at_least_value(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """``value_high ≥ value`` when both are set: a range runs low to high."""
        return data.lazyframe.select(
            pl.col("value_high").is_null()
            | pl.col("value").is_null()
            | (pl.col("value_high") >= pl.col("value"))
        )


@cache
def fact_contract(rules: RowRules) -> type[FactSchema]:
    """``FactSchema`` plus the cross-table and configured checks, for a frame with context."""

    def both_within(low: float, high: float) -> pl.Expr:
        return pl.all_horizontal(
            c.is_null() | c.is_between(low, high) for c in (pl.col("value"), pl.col("value_high"))
        )

    class FactInContextSchema(FactSchema):
        """Grain: one row per fact mention, with its article's text joined for the checks."""

        article_text: str = pa.Field(nullable=True)
        is_article_known: bool = pa.Field()
        is_growth_or_ratio: bool = pa.Field()
        conversion_deviation: float = pa.Field(nullable=True)
        implausible_reason: str = pa.Field(nullable=True)

        @pa.dataframe_check(name="article_exists")
        def article_exists(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """Referential integrity: the fact's ``article_id`` is an article of the batch."""
            return data.lazyframe.select(pl.col("is_article_known"))

        @pa.dataframe_check(name="text_matches_article")
        def text_matches_article(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """``text == article_text[start:end]``: the span indexes its article exactly."""
            return data.lazyframe.select(
                pl.col("article_text").is_not_null() & span_matches_article(*SPANS[0])
            )

        @pa.dataframe_check(name="subject_matches_article")
        def subject_matches_article(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """``subject_text == article_text[subject_start:subject_end]``, when one is kept."""
            return data.lazyframe.select(span_matches_article(*SPANS[1]))

        @pa.dataframe_check(name="sentence_matches_article")
        def sentence_matches_article(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """``sentence == article_text[sentence_start:sentence_end]`` when a sentence is kept."""
            return data.lazyframe.select(span_matches_article(*SPANS[2]))

        @pa.dataframe_check(name="compute_in_plausible_range")
        def compute_in_plausible_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """FLOPS between ``rules.flops_min`` and ``rules.flops_max``."""
            return data.lazyframe.select(
                (pl.col("kind") != "compute") | both_within(rules.flops_min, rules.flops_max)
            )

        @pa.dataframe_check(name="percent_in_range_for_measure")
        def percent_in_range_for_measure(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """A share lies in [percent_min, percent_max]; a growth rate or a ratio in the
            growth range (``is_growth_or_ratio``: by the measure, by words when unlabelled)."""
            return data.lazyframe.select(
                (pl.col("kind") != "percent")
                | pl.when(pl.col("is_growth_or_ratio"))
                .then(both_within(rules.growth_percent_min, rules.growth_percent_max))
                .otherwise(both_within(rules.percent_min, rules.percent_max))
            )

        @pa.dataframe_check(name="plausible_in_context")
        def plausible_in_context(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """No reason to doubt the value for its measure, subject and article
            (``newsfacts.plausibility``)."""
            return data.lazyframe.select(pl.col("implausible_reason").is_null())

        @pa.dataframe_check(name="conversion_matches_ecb")
        def conversion_matches_ecb(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """A stated conversion agrees with the ECB rate within ``conversion_tolerance``."""
            deviation = pl.col("conversion_deviation")
            return data.lazyframe.select(
                deviation.is_null() | (deviation.abs() <= rules.conversion_tolerance)
            )

    return FactInContextSchema


FACTS = table_of(FactSchema)
QUARANTINED_FACTS = quarantine_twin(
    FACTS,
    "quarantined_facts",
    "One row per fact mention kept out of facts (grain: fact_id): broken mentions and"
    " failed checks.",
    descriptions={
        "value": "Normalised value when one could be read; null for a broken mention.",
        "unit": "Unit when known (FLOPS, ISO 4217 code, %).",
    },
)


@dataclass(frozen=True, slots=True)
class _Placed:
    """A fact with what its row needs from around it."""

    article: Article
    fact: Fact
    paragraph: Paragraph | None
    converted: Fact | None  # the fact this one restates in another unit
    repeated: Fact | None  # the earlier fact stating the same claim
    whole: Fact | None  # the earlier amount this one is a part of


def _paragraph_at(article: Article, offset: int) -> Paragraph | None:
    for p in article.paragraphs:
        if p.start <= offset < p.end:
            return p
    return None


def _fact_id(article: Article, fact: Fact) -> str:
    return fact_id_for(article.article_id, fact.kind, fact.start, fact.end)


def facts_frame(
    articles: Sequence[Article], facts: Mapping[str, Sequence[Fact]], extractor_version: str
) -> pl.DataFrame:
    """One ``facts`` row per fact of each article, with its paragraph's context.

    A fact's ``conversion_of``, ``repeat_of`` and ``part_of`` (the ``start`` of another fact of the
    same article) become that fact's id; an offset no fact starts at becomes null.
    """
    placed = []
    for a in articles:
        found = facts.get(a.article_id, [])
        by_start = {f.start: f for f in found}
        for f in found:
            converted = by_start.get(f.conversion_of) if f.conversion_of is not None else None
            repeated = by_start.get(f.repeat_of) if f.repeat_of is not None else None
            whole = by_start.get(f.part_of) if f.part_of is not None else None
            placed.append(_Placed(a, f, _paragraph_at(a, f.start), converted, repeated, whole))
    return frame_of(
        FACTS,
        placed,
        {
            "fact_id": lambda p: _fact_id(p.article, p.fact),
            "article_id": lambda p: p.article.article_id,
            "conversion_of_fact_id": lambda p: (
                _fact_id(p.article, p.converted) if p.converted else None
            ),
            "repeat_of_fact_id": lambda p: _fact_id(p.article, p.repeated) if p.repeated else None,
            "part_of_fact_id": lambda p: _fact_id(p.article, p.whole) if p.whole else None,
            "paragraph_index": lambda p: p.paragraph.index if p.paragraph else None,
            "paragraph_role": lambda p: p.paragraph.role if p.paragraph else None,
            "section": lambda p: p.paragraph.section if p.paragraph else None,
            "lang": lambda p: (p.paragraph.lang if p.paragraph else None) or p.article.lang,
            "extractor_version": lambda p: extractor_version,
        },
        source=lambda p: p.fact,
    )
