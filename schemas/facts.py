"""Contract for ``facts``: one row per numeric mention in an article.

``FactSchema`` is what every loaded fact row must satisfy on its own (ordered
span, value and unit for a valid fact, a unit that fits its kind, an ISO 4217
currency, finite and non-negative values, a range that does not run backwards).
``fact_contract(rules)`` adds the checks that need context or the ``[rows]``
rules of ``dq.toml``: the article exists and its text at the span is the
fact's, FLOPS within the plausible range, a percentage within the share range
(or the growth range when ``newsfacts.growth`` labels it growth), and a stated
conversion within tolerance of the ECB rate (``newsfacts.conversions``). They
run on a frame ``schemas.batch.with_context`` extends with the ``CONTEXT_COLUMNS``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import pandera.polars as pa
import polars as pl

from newsfacts.currency import ISO_4217_CODES
from newsfacts.dq_config import RowRules
from newsfacts.ids import fact_id_for
from newsfacts.model import FACT_KINDS, Article, Fact, Paragraph
from schemas.tables import frame_of, quarantine_twin, table_of

# Columns ``schemas.batch`` adds for the context checks and drops afterwards.
CONTEXT_COLUMNS: dict[str, pl.DataType] = {
    "article_text": pl.String(),
    "is_article_known": pl.Boolean(),
    "is_growth": pl.Boolean(),
    "conversion_deviation": pl.Float64(),
}


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
    extractor_version: str = pa.Field(description="Version of the extractor that produced the row.")

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

    @pa.dataframe_check(name="value_is_finite_non_negative")
    def value_is_finite_non_negative(cls, data: pa.PolarsData) -> pl.LazyFrame:
        """Values are finite and not negative (a fall is stated as a positive percentage)."""
        return data.lazyframe.select(
            pl.all_horizontal(
                c.is_null() | (c.is_finite() & (c >= 0))
                for c in (pl.col("value"), pl.col("value_high"))
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
        is_growth: bool = pa.Field()
        conversion_deviation: float = pa.Field(nullable=True)

        @pa.dataframe_check(name="article_exists")
        def article_exists(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """Referential integrity: the fact's ``article_id`` is an article of the batch."""
            return data.lazyframe.select(pl.col("is_article_known"))

        @pa.dataframe_check(name="text_matches_article")
        def text_matches_article(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """``text == article_text[start:end]``: the span indexes its article exactly."""
            span = pl.col("article_text").str.slice(
                pl.col("start"), pl.col("end") - pl.col("start")
            )
            return data.lazyframe.select(
                pl.col("article_text").is_not_null() & (span == pl.col("text")).fill_null(False)
            )

        @pa.dataframe_check(name="compute_in_plausible_range")
        def compute_in_plausible_range(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """FLOPS between ``rules.flops_min`` and ``rules.flops_max``."""
            return data.lazyframe.select(
                (pl.col("kind") != "compute") | both_within(rules.flops_min, rules.flops_max)
            )

        @pa.dataframe_check(name="percent_in_range_unless_growth")
        def percent_in_range_unless_growth(cls, data: pa.PolarsData) -> pl.LazyFrame:
            """A share lies in [percent_min, percent_max]; labelled growth may exceed it."""
            return data.lazyframe.select(
                (pl.col("kind") != "percent")
                | pl.when(pl.col("is_growth"))
                .then(both_within(rules.growth_percent_min, rules.growth_percent_max))
                .otherwise(both_within(rules.percent_min, rules.percent_max))
            )

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
    converted: Fact | None


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
    """One ``facts`` row per fact of each article, with its paragraph's context."""
    placed = []
    for a in articles:
        found = facts.get(a.article_id, [])
        by_start = {f.start: f for f in found}
        for f in found:
            converted = by_start.get(f.conversion_of) if f.conversion_of is not None else None
            placed.append(_Placed(a, f, _paragraph_at(a, f.start), converted))
    return frame_of(
        FACTS,
        placed,
        {
            "fact_id": lambda p: _fact_id(p.article, p.fact),
            "article_id": lambda p: p.article.article_id,
            "conversion_of_fact_id": lambda p: (
                _fact_id(p.article, p.converted) if p.converted else None
            ),
            "paragraph_index": lambda p: p.paragraph.index if p.paragraph else None,
            "paragraph_role": lambda p: p.paragraph.role if p.paragraph else None,
            "section": lambda p: p.paragraph.section if p.paragraph else None,
            "lang": lambda p: (p.paragraph.lang if p.paragraph else None) or p.article.lang,
            "extractor_version": lambda p: extractor_version,
        },
        source=lambda p: p.fact,
    )
