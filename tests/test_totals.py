"""One claim counts once: an amount stated again later, and a part "of that total", are
left out of the marts' sums."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsfacts.model import Fact
from newsfacts.settings import Settings
from newsfacts.totals import mark_restatements
from tests.loading import load_paths

# Written for this test (not from any corpus).
PLAN = (
    "Tencent to invest 500 billion yuan in AI data centers\n"
    "By Test Writer | March 4, 2024\n\n"
    "Tencent will invest 500 billion yuan in AI data centers over the next five years,"
    " the company said on Monday.\n\n"
    "The plan covers sites in Guizhou, Chongqing and Shanghai.\n\n"
    "Of that total, 200 billion yuan will go to a new campus in Guizhou, Tencent said.\n\n"
    "Analysts said the 500 billion yuan investment was the largest of its kind in China.\n"
)


def test_a_restated_amount_and_a_part_of_the_total_count_once(
    settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    load_paths([path], settings)
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        total = con.execute("select sum(amount), count(*) from main.investments").fetchone()
        parts = con.execute(
            "select p.text, t.text from main.facts as p"
            " join main.facts as t on t.fact_id = p.part_of_fact_id"
        ).fetchall()
        facts = con.execute("select count(*) from main.facts").fetchone()[0]
    assert total == (500e9, 1)
    assert parts == [("200 billion yuan", "500 billion yuan")]
    assert facts == 4  # every mention is kept in facts


def _money(start: int, value: float, organisation: str | None, sentence_start: int) -> Fact:
    return Fact(
        "money",
        "x",
        start,
        start + 1,
        value,
        None,
        "CNY",
        measure="investment",
        organisation=organisation,
        sentence_start=sentence_start,
        sentence_end=start + 5,
    )


def test_another_organisations_equal_amount_is_its_own_claim() -> None:
    text = "A" * 200
    first = _money(10, 5e9, "Tencent", 0)
    other = _money(100, 5e9, "Alibaba", 90)
    assert mark_restatements(text, [first, other]) == [first, other]


def test_a_larger_amount_after_of_that_is_not_a_part() -> None:
    text = "Tencent invests x. Of that total, y more." + " " * 100
    first = _money(16, 5e9, "Tencent", 0)
    later = _money(34, 9e9, None, 19)
    marked = mark_restatements(text, [first, later])
    assert [f.part_of for f in marked] == [None, None]
