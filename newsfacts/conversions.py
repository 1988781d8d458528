"""Stated currency conversions inside an article, priced at the ECB rate.

``HK$1.18 billion ($151 million)`` states a rate. The parenthetical fact is the
*conversion*, the one before it the *original*. A pair is linked by the
extractor (``conversion_of_fact_id``) or, failing that, by adjacency: two money
facts in different currencies with only an opening bracket (and maybe "about")
between them. Each pair is priced with the ECB rate of the article's
publication date (``newsfacts.fx``); pairs the ECB cannot price are kept with a
note, never dropped. ``schemas.conversions`` frames the rows and the fact
contract quarantines the conversions off the rate.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from itertools import pairwise

import polars as pl

from newsfacts.fx import NoRateError, check_conversion

# What may stand between an original and its conversion for adjacency to pair them.
# Wider than the extractor's ``CONVERSION_GAP_RE`` ("nearly", "~", line breaks),
# narrower in languages; it pairs only what the extractor left unlinked.
_BETWEEN = re.compile(
    r"^\s*[(（]\s*(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|"
    r"or|equivalent to|~|≈)\s*)?$",
    re.IGNORECASE,
)

# What pairing and pricing read of a fact (not its text, to keep the rows small).
_PAIR_COLUMNS = ["fact_id", "article_id", "start", "end", "value", "unit", "conversion_of_fact_id"]


def stated_conversions(
    facts: pl.DataFrame, texts: Mapping[str, str]
) -> list[tuple[dict, dict, str]]:
    """(original, conversion, linked_by) for every money conversion stated in ``facts``."""
    money = (
        facts.filter(pl.col("kind") == "money").select(_PAIR_COLUMNS).sort("article_id", "start")
    )
    rows = money.to_dicts()
    by_id = {r["fact_id"]: r for r in rows}
    pairs: list[tuple[dict, dict, str]] = []
    linked: set[str] = set()
    for row in rows:
        original = by_id.get(row["conversion_of_fact_id"] or "")
        if original is not None:
            pairs.append((original, row, "extractor"))
            linked.add(row["fact_id"])
    for before, after in pairwise(rows):
        if after["fact_id"] in linked or before["article_id"] != after["article_id"]:
            continue
        text = texts.get(after["article_id"])
        if text is None or before["end"] > after["start"] or before["unit"] == after["unit"]:
            continue
        if _BETWEEN.match(text[before["end"] : after["start"]]):
            pairs.append((before, after, "adjacency"))
    return pairs


def price_conversions(
    facts: pl.DataFrame,
    texts: Mapping[str, str],
    published: Mapping[str, datetime | None],
    tolerance: float,
    max_gap_days: int,
) -> list[dict]:
    """One row per stated conversion among ``facts``, priced at the ECB rate.

    ``texts`` and ``published`` map each article id to its text and publication
    time; a conversion off the rate by more than ``tolerance`` (relative) is not
    ``is_within_tolerance``. Rows carry the ``fact_conversions`` columns.
    """
    rows = []
    for original, conversion, linked_by in stated_conversions(facts, texts):
        stamp = published.get(conversion["article_id"])
        row = {
            "fact_id": conversion["fact_id"],
            "original_fact_id": original["fact_id"],
            "article_id": conversion["article_id"],
            "value_from": original["value"],
            "unit_from": original["unit"],
            "value_to": conversion["value"],
            "unit_to": conversion["unit"],
            "published_on": stamp.date() if stamp is not None else None,
            "tolerance": tolerance,
            "linked_by": linked_by,
        }
        if original["value"] is None or conversion["value"] is None or original["value"] <= 0:
            row["note"] = "a side has no positive value"
        elif original["unit"] == conversion["unit"]:
            row["note"] = "same currency on both sides"
        else:
            try:
                check = check_conversion(
                    original["value"],
                    original["unit"],
                    conversion["value"],
                    conversion["unit"],
                    row["published_on"],
                    max_gap_days,
                )
            except NoRateError as exc:
                row["note"] = str(exc)
            else:
                row.update(
                    rate=check.rate,
                    rate_date=check.rate_date,
                    rate_basis=check.basis,
                    expected_value_to=check.expected_value_to,
                    relative_deviation=check.relative_deviation,
                    is_within_tolerance=check.is_within(tolerance),
                    note=(
                        "no publication date: compared with the pair's whole ECB history"
                        if check.basis == "history_range"
                        else None
                    ),
                )
        rows.append(row)
    return rows


def with_adjacency_links(facts: pl.DataFrame, conversions: pl.DataFrame) -> pl.DataFrame:
    """``facts`` with ``conversion_of_fact_id`` filled for the pairs found by adjacency.

    The extractor links the conversions it sees (``newsfacts.extract.assemble.
    link_conversions``); this writes back the ones only adjacency found
    (``stated_conversions``). ``conversions`` has the rows of ``price_conversions``.
    """
    links = conversions.select("fact_id", pl.col("original_fact_id").alias("__original"))
    return (
        facts.join(links, on="fact_id", how="left", maintain_order="left")
        .with_columns(
            pl.coalesce("conversion_of_fact_id", "__original").alias("conversion_of_fact_id")
        )
        .drop("__original")
    )
