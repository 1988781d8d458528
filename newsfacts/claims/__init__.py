"""Claims: what each number measures, whose it is, where and when.

``label_claims(article, facts, organisations)`` gives every fact of an article its
claim labels (``newsfacts.model.Fact``'s ``measure`` ... ``repeat_of`` fields),
each with the evidence that gave it. Pure: no frames, no warehouse.
"""

from __future__ import annotations

MEASURES: tuple[str, ...] = (
    "computing_power",
    "investment",
    "funding",
    "revenue",
    "profit",
    "loss",
    "valuation",
    "price",
    "market_size",
    "deal_value",
    "market_share",
    "growth",
    "ratio",
    "other",
)

from newsfacts.claims.label import label_claims  # noqa: E402

__all__ = ["MEASURES", "label_claims"]
