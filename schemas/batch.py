"""Validating one processed batch: every row either passes its contract or is quarantined.

Nothing is dropped silently. An article failing ``ArticleSchema`` goes to
``quarantined_articles`` and its facts to ``quarantined_facts``
(``article:quarantined``); a broken mention the extractor flagged goes there
too (``extract:broken_mention``); every other fact is checked against
``fact_contract(rules)`` with its article's text joined in, so cross-table
checks (``text_matches_article``, ``article_exists``) and cross-fact checks
(``conversion_matches_ecb``) quarantine exactly the rows that fail them.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from newsfacts.conversions import with_adjacency_links
from newsfacts.dq_config import RowRules
from newsfacts.growth import label_growth
from newsfacts.pipeline import Batch
from newsfacts.plausibility import judge_plausibility
from schemas.articles import ArticleSchema, articles_frame
from schemas.conversions import conversions_frame
from schemas.facts import CONTEXT_COLUMNS, fact_contract, facts_frame
from schemas.ingest_errors import ingest_errors_frame
from schemas.paragraphs import ParagraphSchema, paragraphs_frame
from schemas.raw_documents import raw_documents_frame
from schemas.validate import split_valid


@dataclass(frozen=True, slots=True)
class ValidatedBatch:
    """Frames ready to load, keyed by raw table name, plus ingest errors."""

    frames: dict[str, pl.DataFrame]
    ingest_errors: pl.DataFrame


def _quarantine(frame: pl.DataFrame, check: str, reason: pl.Expr) -> pl.DataFrame:
    return frame.with_columns(
        pl.concat_list(pl.lit(check)).alias("failed_checks"),
        reason.alias("reason"),
        pl.lit("quarantined").alias("status"),
    )


def with_context(
    facts: pl.DataFrame, articles: pl.DataFrame, conversions: pl.DataFrame, rules: RowRules
) -> pl.DataFrame:
    """``facts`` plus the ``CONTEXT_COLUMNS`` the context checks read."""
    texts = dict(zip(articles["article_id"], articles["text"], strict=True))
    known = articles.select("article_id", pl.col("text").alias("article_text"))
    deviations = conversions.select(
        "fact_id", pl.col("relative_deviation").alias("conversion_deviation")
    )
    framed = (
        facts.join(known, on="article_id", how="left", maintain_order="left")
        .with_columns(
            pl.col("article_id").is_in(known["article_id"].implode()).alias("is_article_known"),
            pl.when(pl.col("measure").is_not_null())
            .then(pl.col("measure").is_in(["growth", "ratio"]))
            .otherwise(label_growth(facts, texts, rules.growth_words, rules.growth_window_chars))
            .alias("is_growth_or_ratio"),
        )
        .join(deviations, on="fact_id", how="left", maintain_order="left")
        .with_columns(judge_plausibility(facts, rules))
    )
    return framed.select(*facts.columns, *CONTEXT_COLUMNS)


def _num(value: float | None) -> str:
    return "null" if value is None else f"{value:g}"


def _amount(row: dict) -> str:
    if row["value_high"] is None:
        return _num(row["value"])
    return f"{_num(row['value'])}–{_num(row['value_high'])}"


def _reason(check: str, row: dict, conversion: dict | None, rules: RowRules) -> str:
    """Why a row failed ``check``, in words an analyst can act on."""
    if check == "compute_in_plausible_range":
        return (
            f"{_amount(row)} FLOPS is outside the plausible range "
            f"[{rules.flops_min:g}, {rules.flops_max:g}]"
        )
    if check == "percent_in_range_for_measure":
        values = [v for v in (row["value"], row["value_high"]) if v is not None]
        low, high = rules.growth_percent_min, rules.growth_percent_max
        if row["measure"] in ("growth", "ratio") or any(not low <= v <= high for v in values):
            return (
                f"{_amount(row)}% is outside [{rules.growth_percent_min:g},"
                f" {rules.growth_percent_max:g}] even for a growth rate or a ratio"
            )
        measured = f"a {row['measure']}" if row["measure"] else "a share (no growth word near)"
        return (
            f"{_amount(row)}% is outside [{rules.percent_min:g}, {rules.percent_max:g}] for"
            f" {measured}; only a growth rate or a ratio may exceed it"
        )
    if check == "sign_fits_measure":
        measured = f"a {row['measure']}" if row["measure"] else "a fact with no measure"
        return (
            f"{_amount(row)} is negative, but {measured} cannot be (negative values are for"
            " growth, profit and, as percentages, ratios: newsfacts.signs)"
        )
    if check == "value_is_finite":
        return f"{_amount(row)} is not a finite number"
    if check == "conversion_matches_ecb" and conversion is not None:
        return (
            f"stated {conversion['value_to']:,.0f} {conversion['unit_to']}, but "
            f"{conversion['value_from']:,.0f} {conversion['unit_from']} at the ECB rate of "
            f"{conversion['rate_date']} is {conversion['expected_value_to']:,.0f} "
            f"({conversion['relative_deviation']:+.1%}, tolerance "
            f"±{conversion['tolerance']:.0%})"
        )
    if check == "plausible_in_context":
        return str(row["implausible_reason"])
    if check == "text_matches_article":
        return f"text is not the article's text at [{row['start']}:{row['end']}]"
    if check == "subject_matches_article":
        return (
            f"subject_text {row['subject_text']!r} is not the article's text at"
            f" [{row['subject_start']}:{row['subject_end']}]"
        )
    if check == "sentence_matches_article":
        return (
            f"sentence is not the article's text at [{row['sentence_start']}:{row['sentence_end']}]"
        )
    if check == "sentence_holds_fact":
        return (
            f"the fact at [{row['start']}:{row['end']}] is outside its sentence"
            f" [{row['sentence_start']}:{row['sentence_end']}]"
        )
    if check == "organisation_iff_subject":
        return (
            f"organisation {row['organisation']!r} and subject_text {row['subject_text']!r}:"
            " one is set without the other"
        )
    if check.startswith(("measure:", "country:", "period:")):
        column = check.split(":", 1)[0]
        return f"{column} {row[column]!r} is not a {column} the contract allows"
    if check == "article_exists":
        return f"article {row['article_id']} is not in the batch"
    if check == "currency_is_iso_4217":
        return f"{row['unit']} is not an ISO 4217 currency code"
    if check == "value_high_at_least_value":
        return (
            f"range ends ({_num(row['value_high'])}) below where it starts ({_num(row['value'])})"
        )
    return check


def explain(quarantined: pl.DataFrame, conversions: pl.DataFrame, rules: RowRules) -> pl.DataFrame:
    """``quarantined`` with ``reason`` spelling out each failed check for its row."""
    by_fact = {c["fact_id"]: c for c in conversions.iter_rows(named=True)}
    reasons = [
        "; ".join(
            _reason(check, row, by_fact.get(row["fact_id"]), rules)
            for check in row["failed_checks"]
        )
        for row in quarantined.iter_rows(named=True)
    ]
    return quarantined.with_columns(pl.Series("reason", reasons, pl.String))


def validate_batch(
    batch: Batch, extractor_version: str, rules: RowRules | None = None
) -> ValidatedBatch:
    """Split a batch into loadable frames and quarantined rows with the checks they failed."""
    rules = rules or RowRules()
    # The same content read twice is the same article (its id is the content hash).
    paragraphs = split_valid(
        paragraphs_frame(batch.articles).unique(
            ["article_id", "paragraph_index"], keep="first", maintain_order=True
        ),
        ParagraphSchema,
    )
    articles = split_valid(
        articles_frame(batch.articles).unique("article_id", keep="first", maintain_order=True),
        ArticleSchema,
    )
    # An article with a paragraph failing its contract is quarantined whole.
    bad_paragraphs = (
        paragraphs.quarantined.select("article_id", "failed_checks")
        .explode("failed_checks")
        .group_by("article_id")
        .agg(("paragraphs." + pl.col("failed_checks")).unique().sort().alias("failed_checks"))
    )
    of_bad_paragraphs = articles.good.join(
        bad_paragraphs, on="article_id", how="inner"
    ).with_columns(pl.col("failed_checks").list.join("; ").alias("reason"))
    good_articles = articles.good.join(bad_paragraphs, on="article_id", how="anti")
    quarantined_articles = pl.concat(
        [articles.quarantined, of_bad_paragraphs], how="diagonal_relaxed"
    )
    bad_article_ids = quarantined_articles["article_id"].implode()

    facts = facts_frame(batch.articles, batch.facts, extractor_version).unique(maintain_order=True)
    of_bad_articles = facts.filter(pl.col("article_id").is_in(bad_article_ids))
    facts = facts.filter(~pl.col("article_id").is_in(bad_article_ids))
    is_broken = pl.col("status") == "quarantined"
    broken = facts.filter(is_broken)
    candidates = facts.filter(~is_broken | pl.col("status").is_null())

    conversions = conversions_frame(candidates, good_articles, rules)
    candidates = with_adjacency_links(candidates, conversions)
    checked = split_valid(
        with_context(candidates, good_articles, conversions, rules), fact_contract(rules)
    )
    context = list(CONTEXT_COLUMNS)

    quarantined_facts = pl.concat(
        [
            _quarantine(broken, "extract:broken_mention", pl.col("reason")),
            _quarantine(
                of_bad_articles, "article:quarantined", pl.lit("its article failed its contract")
            ),
            explain(checked.quarantined, conversions, rules)
            .drop(context)
            .with_columns(pl.lit("quarantined").alias("status")),
        ],
        how="diagonal_relaxed",
    )
    return ValidatedBatch(
        frames={
            "raw_documents": raw_documents_frame(batch.raws).unique(
                "content_hash", keep="first", maintain_order=True
            ),
            "articles": good_articles,
            "paragraphs": paragraphs.good.filter(~pl.col("article_id").is_in(bad_article_ids)),
            "facts": checked.good.drop(context),
            "quarantined_facts": quarantined_facts,
            "quarantined_articles": quarantined_articles,
            "fact_conversions": conversions,
        },
        ingest_errors=ingest_errors_frame(batch.errors),
    )
