"""Fact ids are keys in the warehouse: the fast path must give the ids stable_id gives."""

from __future__ import annotations

import pytest

from newsfacts.ids import fact_id_for, stable_id


@pytest.mark.parametrize(
    ("article_id", "kind", "start", "end"),
    [
        ("0123456789abcdef", "money", 0, 12),
        ("f" * 16, "flops", 1_234, 1_250),
        ("a1", "percent", 7, 8),
    ],
)
def test_fact_id_is_the_stable_id_of_its_parts(
    article_id: str, kind: str, start: int, end: int
) -> None:
    assert fact_id_for(article_id, kind, start, end) == stable_id(article_id, kind, start, end)


def test_fact_ids_differ_by_every_part() -> None:
    ids = {
        fact_id_for("0123456789abcdef", "money", 0, 12),
        fact_id_for("0123456789abcdee", "money", 0, 12),
        fact_id_for("0123456789abcdef", "flops", 0, 12),
        fact_id_for("0123456789abcdef", "money", 1, 12),
        fact_id_for("0123456789abcdef", "money", 0, 13),
    }
    assert len(ids) == 5
