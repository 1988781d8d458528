"""Plausibility by measure, subject and article: values no fixed global range catches.

``judge_plausibility`` gives each fact of a batch the reason it is implausible, or
null; the fact contract quarantines every fact with a reason (``plausible_in_context``).
It judges a fact by what it measures, what it is about and the other facts of its
article, with the bounds of ``[rows]`` in ``dq.toml``:

* **Computing power of one chip or one machine.** A FLOPS figure whose sentence speaks,
  before it, of a single chip (``chip``, ``GPU``, ``芯片``, ``单卡``, ``bộ xử lý``; no
  cluster, system, centre, factory or total anywhere in the sentence) above
  ``flops_max_chip`` (a wafer-scale chip reaches 1.25e17), or about one supercomputer
  (``supercomputer``, ``超级计算机``, ``siêu máy tính``) above ``flops_max_machine``, is
  more than any chip or machine delivers: a misread separator or scale.
* **One amount above any budget.** A money amount above ``money_max_usd`` (in US dollars
  at a rough rate) is more than any company, project or state spends; a market size,
  or an amount with no measure, may reach ``money_max_usd_total``.
* **A currency that contradicts its article.** An amount ``currency_mismatch_factor``
  times or more the median of its article's other amounts (in US dollars) that would
  sit among them in the article's own currency (``12.000 tỷ USD`` in a Vietnamese
  article whose other projects are about 1 tỷ USD: đồng typed as USD) is quarantined,
  naming the currency it was probably written in.

Rates here are rough (``ROUGH_USD_PER_UNIT``, right to a factor of two over the last
decade): they judge orders of magnitude only, never a value an analyst reads; those
come from the ECB in the warehouse.
"""

from __future__ import annotations

import re
from collections import defaultdict
from statistics import median

import polars as pl

from newsfacts.dq_config import RowRules

# US dollars per unit, to an order of magnitude (judging plausibility only).
ROUGH_USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": 1.1,
    "GBP": 1.3,
    "CHF": 1.1,
    "CNY": 0.14,
    "HKD": 0.13,
    "TWD": 0.032,
    "JPY": 0.007,
    "KRW": 0.00075,
    "VND": 0.00004,
    "INR": 0.012,
    "IDR": 0.000065,
    "MYR": 0.22,
    "SGD": 0.74,
    "THB": 0.029,
    "PHP": 0.018,
    "AUD": 0.66,
    "NZD": 0.6,
    "CAD": 0.74,
    "SAR": 0.27,
    "AED": 0.27,
    "RUB": 0.012,
    "BRL": 0.19,
    "MXN": 0.055,
}

# The currency an article in this language states its own amounts in, when it is far
# from the dollar (a slip between the two is a factor of 100 or more).
LOCAL_CURRENCY: dict[str, str] = {"vi": "VND", "ko": "KRW", "id": "IDR", "ja": "JPY"}

TOTAL_MEASURES = frozenset({"market_size", "other"})

_CHIP = re.compile(
    r"(?<![\w-])(?:chip|gpu|accelerator|processor|graphics card|superchip)(?![\w-])"
    r"|芯片|单卡|單卡|处理器|處理器|加速卡|显卡|顯卡"
    r"|(?<![\w-])(?:con chip|bộ xử lý|vi xử lý)(?![\w-])",
    re.IGNORECASE,
)
_MACHINE = re.compile(
    r"(?<![\w-])(?:supercomputer|super-computer)(?![\w-])|超级计算机|超級計算機|超算(?!中心)"
    r"|(?<![\w-])siêu máy tính(?![\w-])",
    re.IGNORECASE,
)
# Words that make a figure a cluster's, a site's or a country's, not one chip's or machine's.
_MANY = re.compile(
    r"(?<![\w-])(?:chips|gpus|accelerators|processors|supercomputers|clusters?|systems?|servers?"
    r"|racks?|pods?|superpods?|data ?cent(?:re|er)s?|cent(?:re|er)s?|campus|facilit(?:y|ies)"
    r"|country|nation(?:al|wide)?|total|combined|network|factory|plant)(?![\w-])"
    r"|集群|中心|服务器|服務器|机柜|機櫃|超节点|超節點|万卡|萬卡|千卡|全国|全國|总|總|合计|合計|工厂|工廠"
    r"|(?<![\w-])(?:cụm|trung tâm|hệ thống|máy chủ|cả nước|toàn quốc|tổng|nhà máy)(?![\w-])",
    re.IGNORECASE,
)


def _usd(value: float | None, unit: str | None) -> float | None:
    rate = ROUGH_USD_PER_UNIT.get(unit or "")
    return None if value is None or rate is None else abs(value) * rate


def _flops_reason(row: dict, rules: RowRules) -> str | None:
    top = max(abs(v) for v in (row["value"], row["value_high"]) if v is not None)
    sentence = row["sentence"] or ""
    if row["sentence_start"] is not None:
        sentence = sentence[: row["start"] - row["sentence_start"]]  # what leads to the number
    if top <= rules.flops_max_chip or _MANY.search(row["sentence"] or ""):
        return None
    if _MACHINE.search(sentence):
        if top > rules.flops_max_machine:
            return (
                f"{top:g} FLOPS for one machine is above {rules.flops_max_machine:g}"
                " (flops_max_machine), more than any supercomputer delivers: a misread"
                " separator or scale?"
            )
        return None
    if _CHIP.search(sentence):
        return (
            f"{top:g} FLOPS for one chip is above {rules.flops_max_chip:g} (flops_max_chip),"
            " more than any chip delivers: a misread separator or scale?"
        )
    return None


def _money_reason(row: dict, usd: float, rules: RowRules) -> str | None:
    if row["measure"] in TOTAL_MEASURES or row["measure"] is None:
        if usd > rules.money_max_usd_total:
            return (
                f"{usd:.3g} USD is above {rules.money_max_usd_total:g} (money_max_usd_total),"
                " more than any market or economy"
            )
        return None
    if usd > rules.money_max_usd:
        return (
            f"{usd:.3g} USD as a {row['measure']} is above {rules.money_max_usd:g}"
            " (money_max_usd), more than any company, project or state spends"
        )
    return None


def _mismatch_reason(row: dict, usd: float, others: list[float], rules: RowRules) -> str | None:
    """An amount that fits its article only in the article's own currency."""
    local = LOCAL_CURRENCY.get(row["lang"] or "")
    if not others or local is None or local == row["unit"]:
        return None
    typical = median(others)
    as_local = _usd(max(abs(row["value"]), abs(row["value_high"] or 0)), local)
    if typical <= 0 or as_local is None or usd < rules.currency_mismatch_factor * typical:
        return None
    if not typical / 100 <= as_local <= typical * 100:
        return None
    return (
        f"{usd:.3g} USD is {usd / typical:,.0f}× the median of its article's other amounts"
        f" ({typical:.3g} USD), but as {local} it would fit them ({as_local:.3g} USD):"
        f" {local} written as {row['unit']}?"
    )


def judge_plausibility(facts: pl.DataFrame, rules: RowRules) -> pl.Series:
    """Why each fact of ``facts`` is implausible in its context, or null.

    Only the rows that could be are read one by one: compute above ``flops_max_chip``,
    money above ``money_max_usd`` at any rough rate, and the money of articles in a
    language with a ``LOCAL_CURRENCY`` (their amounts are compared with each other).
    """
    top = pl.max_horizontal(pl.col("value").abs(), pl.col("value_high").abs())
    most_per_unit = max(ROUGH_USD_PER_UNIT.values())
    money = pl.col("kind") == "money"
    suspect = (
        ((pl.col("kind") == "compute") & (top > rules.flops_max_chip))
        | (money & (top * most_per_unit > min(rules.money_max_usd, rules.money_max_usd_total)))
        | (money & pl.col("lang").is_in(sorted(LOCAL_CURRENCY)))
    ).fill_null(False)
    flagged = facts.with_row_index("_row").filter(suspect)
    reasons: list[str | None] = [None] * facts.height
    if flagged.is_empty():
        return pl.Series("implausible_reason", reasons, pl.String)
    columns = ("fact_id", "article_id", "kind", "value", "value_high", "unit", "measure")
    context = ("start", "sentence", "sentence_start", "lang", "conversion_of_fact_id")
    compared = facts.filter(
        money
        & pl.col("conversion_of_fact_id").is_null()
        & pl.col("article_id").is_in(flagged["article_id"].implode())
    )
    amounts: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for fact_id, article_id, value, unit in compared.select(
        "fact_id", "article_id", "value", "unit"
    ).iter_rows():
        usd = _usd(value, unit)
        if usd is not None:
            amounts[article_id].append((fact_id, usd))
    for row in flagged.select("_row", *columns, *context).iter_rows(named=True):
        reason = None
        if row["value"] is None:
            pass
        elif row["kind"] == "compute":
            reason = _flops_reason(row, rules)
        elif row["kind"] == "money":
            most = max(abs(row["value"]), abs(row["value_high"] or 0))
            usd = _usd(most, row["unit"])
            if usd is not None:
                others = [u for fid, u in amounts[row["article_id"]] if fid != row["fact_id"]]
                reason = _money_reason(row, usd, rules) or _mismatch_reason(row, usd, others, rules)
        reasons[row["_row"]] = reason
    return pl.Series("implausible_reason", reasons, pl.String)
