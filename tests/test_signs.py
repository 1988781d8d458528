"""The sign contract (newsfacts.signs) and percentages over 100, through the whole pipeline.

Each text goes through normalising, extraction, the claim step and the contracts, so a
case passes only when the extractor reads the sign, the claim step gives the measure and
the contract judges the value by that measure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfacts.extract import extract_facts
from tests.validating import loaded, quarantined_row, row_of, validated

# (article text, the fact's text, its value, its measure): all load as valid facts
SIGNED_VALID = [
    ("Acme's revenue growth was -12% in 2024, the company said.", "-12%", -12.0, "growth"),
    ("Beta Systems posted a net profit of -$3 million.", "-$3 million", -3e6, "profit"),
    ("Gamma Labs reported a net loss of ($5.2 million) for 2024.", "($5.2 million)", 5.2e6, "loss"),
    ("寒武纪2024年净利润-3.2亿元。", "-3.2亿元", -3.2e8, "profit"),
    ("寒武纪的毛利率为-12%。", "-12%", -12.0, "ratio"),
    ("Năm 2024, VNG có lợi nhuận âm 300 tỷ đồng.", "âm 300 tỷ đồng", -3e11, "profit"),
    ("Doanh thu của FPT tăng trưởng âm 2,5% so với cùng kỳ.", "âm 2,5%", -2.5, "growth"),
    ("台積電第三季營收年增-5.3%。", "-5.3%", -5.3, "growth"),
    ("Delta Compute's operating margin was -35% last year.", "-35%", -35.0, "ratio"),
    ("Epsilon AI's net loss widened to −US$40 million in 2024.", "−US$40 million", 4e7, "loss"),
    ("商汤集团亏损-12亿元。", "-12亿元", 1.2e9, "loss"),
]


@pytest.mark.parametrize(("text", "surface", "value", "measure"), SIGNED_VALID)
def test_a_signed_value_loads_where_its_measure_can_be_negative(
    text: str, surface: str, value: float, measure: str, tmp_path: Path
) -> None:
    facts, quarantined = validated(text, tmp_path)
    row = row_of(facts, surface)
    assert row is not None, quarantined.select("text", "reason").to_dicts()
    assert (row["value"], row["measure"]) == (value, measure)


# (article text, the fact's text): a negative value where the measure cannot be one, and
# market shares over 100%
SIGNED_QUARANTINED = [
    ("Acme invested -$3 billion in its new campus.", "-$3 billion"),
    ("该数据中心项目总投资-50亿元。", "-50亿元"),
    ("Thị phần của Viettel IDC là -5% trong năm 2024.", "-5%"),
    ("The cluster delivers -3 exaFLOPS, the operator said.", "-3 exaFLOPS"),
    ("Zeta Cloud's revenue was -€200 million in 2023.", "-€200 million"),
    ("Công ty đầu tư -2.000 tỷ đồng vào trung tâm dữ liệu.", "-2.000 tỷ đồng"),
]


# The extractor reads the sign wherever the text writes one, and only there.
SIGNS_READ = [
    ("en", "profit was -$3m", "-$3m", -3e6),
    ("en", "the loss narrowed to −US$5 million", "−US$5 million", -5e6),
    ("zh", "净利润为-3.2亿元", "-3.2亿元", -3.2e8),
    ("vi", "lợi nhuận âm 5%", "âm 5%", -5.0),
    ("zh", "毛利率为-12%", "-12%", -12.0),
]


@pytest.mark.parametrize(("lang", "text", "surface", "value"), SIGNS_READ)
def test_the_extractor_reads_a_written_sign_and_no_other(
    lang: str, text: str, surface: str, value: float
) -> None:
    found = {f.text: f.value for f in extract_facts(text, lang)}
    assert found.get(surface) == value, found


NO_SIGN = [
    ("en", "GPT-4 cost $100m to train"),
    ("en", "the A-3 chip costs $5"),
    ("zh", "投资5亿-8亿元"),
    ("zh", "2024年-2025年投资8亿元"),
    ("vi", "âm thanh của hội nghị tốn 5 tỷ đồng"),
]


@pytest.mark.parametrize(("lang", "text"), NO_SIGN)
def test_a_hyphen_that_is_no_minus_leaves_the_value_positive(lang: str, text: str) -> None:
    values = [f.value for f in extract_facts(text, lang)]
    assert values and all(v is not None and v > 0 for v in values), values


# (article text, the percentage): growth rates and ratios over 100%, all valid
OVER_100_VALID = [
    ("寒武纪股价今年上涨312.5%。", "312.5%", "growth"),
    ("摩尔线程上市首日高开275%。", "275%", None),
    ("該公司股價暴漲350%。", "350%", "growth"),
    ("Acme spent on R&D an amount equal to 1,800% of its revenue.", "1,800%", "ratio"),
    ("Cổ phiếu FPT tăng 250% trong năm 2024.", "250%", "growth"),
    ("Nvidia's data-centre revenue was up 410% year on year.", "410%", "growth"),
    ("英伟达数据中心营收同比增长427%。", "427%", "growth"),
    ("Lợi nhuận của Viettel tăng 320% so với cùng kỳ.", "320%", "growth"),
    ("台積電淨利年增156%。", "156%", "growth"),
    ("Revenue at Beta Systems jumped 180% from a year earlier.", "180%", "growth"),
    ("Chi phí nghiên cứu của startup này bằng 150% tổng doanh thu.", "150%", "ratio"),
]


@pytest.mark.parametrize(("text", "surface", "measure"), OVER_100_VALID)
def test_a_growth_rate_or_a_ratio_over_100_percent_loads(
    text: str, surface: str, measure: str | None, tmp_path: Path
) -> None:
    facts, quarantined = validated(text, tmp_path)
    row = row_of(facts, surface)
    assert row is not None, quarantined.select("text", "measure", "reason").to_dicts()
    assert row["measure"] in ("growth", "ratio")
    if measure is not None:
        assert row["measure"] == measure


OVER_100_SHARES = [
    ("Acme holds a 130% share of the AI chip market.", "130%"),
    ("华为在国内AI芯片市场的份额达到150%。", "150%"),
    ("Thị phần của Viettel IDC đạt 120% trong năm 2024.", "120%"),
    ("該公司市佔率達180%。", "180%"),
]


QUARANTINED = [
    *(
        (text, surface, "sign_fits_measure", "is negative, but")
        for text, surface in SIGNED_QUARANTINED
    ),
    *(
        (text, surface, "percent_in_range_for_measure", "for a market_share")
        for text, surface in OVER_100_SHARES
    ),
]


@pytest.mark.parametrize(("text", "surface", "check", "reason"), QUARANTINED)
def test_a_value_its_measure_cannot_have_is_quarantined_with_the_reason(
    text: str, surface: str, check: str, reason: str, tmp_path: Path
) -> None:
    row = quarantined_row(text, surface, tmp_path)
    assert check in row["failed_checks"]
    assert reason in row["reason"]


def test_the_marts_keep_a_negative_profit_and_a_positive_loss(tmp_path: Path) -> None:
    one = (
        "Gamma Labs results\n\nGamma Labs posted a net profit of -$3 million in 2024, and its"
        " unit Delta reported a net loss of ($5.2 million) in 2024.\n"
    )
    two = (
        "Gamma Labs misses forecasts\n\nFor 2024, Gamma Labs had a net profit of -$3.05"
        " million, the chipmaker said on Tuesday.\n"
    )
    financials, agreement = loaded(
        {"one.txt": one.encode(), "two.txt": two.encode()},
        tmp_path,
        "select text, measure, amount from main.company_financials order by text",
        "select agrees, round(relative_difference, 4) from main.fact_agreement"
        " where measure = 'profit'",
    )
    assert ("-$3 million", "profit", -3e6) in financials
    assert ("($5.2 million)", "loss", 5.2e6) in financials
    # two sources' negative profits are compared by magnitude: within 5%, they agree
    assert agreement == [(True, 0.0164)]
