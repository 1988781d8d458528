"""A corrected article is a revision, not a near-duplicate: its facts load, the marts show
the latest revision's figures, and ``fact_changes`` lists what changed."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsfacts.model import Article, Fact
from newsfacts.normalise.fingerprint import NearDuplicateIndex
from newsfacts.pipeline import Batch, link_near_duplicates
from newsfacts.settings import Settings
from tests.loading import load_paths

# Written for these tests (not from any corpus): a wire story, then its corrected copy.
STORY = """Kitsune Cloud to put ¥{amount} trillion into data centres
By Test Writer | {date}

Kitsune Cloud said on Tuesday it would invest ¥{amount} trillion over the next five years
to build AI data centres near Sapporo and Fukuoka, its largest plan so far.

The Sapporo campus will host a cluster rated at 8 exaflops when it opens in 2028, the
company said, and will draw power from a new wind farm on the coast.

Kitsune Cloud shares rose 4.1% in Tokyo after the announcement, while rival operators
said demand for computing power in Japan still outstrips what is being built.
"""


def write(folder: Path, name: str, amount: str, date: str = "May 6, 2025") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(STORY.format(amount=amount, date=date), encoding="utf-8")
    return path


def rows(settings: Settings, sql: str) -> list[tuple]:
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return con.execute(sql).fetchall()


def article_ids(settings: Settings) -> dict[str, str]:
    found = rows(settings, "select source_uri, article_id from main.articles")
    return {uri.rsplit("/", 1)[-1]: article_id for uri, article_id in found}


@pytest.mark.parametrize("same_run", [False, True])
def test_a_corrected_copy_is_a_revision_whose_figures_the_marts_show(
    settings: Settings, tmp_path: Path, same_run: bool
) -> None:
    first = write(tmp_path / "first", "story.txt", "1.2")
    corrected = write(tmp_path / "second", "corrected.txt", "1.5", "May 7, 2025")
    if same_run:
        load_paths([first, corrected], settings)
    else:
        load_paths([first], settings)
        load_paths([corrected], settings)
    ids = article_ids(settings)
    links = rows(settings, "select article_id, duplicate_of, revision_of from main.articles")
    revision, original = (
        (ids["corrected.txt"], ids["story.txt"])
        if any(r == (ids["corrected.txt"], None, ids["story.txt"]) for r in links)
        else (ids["story.txt"], ids["corrected.txt"])  # linked the other way round in one batch
    )
    assert sorted(links) == sorted([(original, None, None), (revision, None, original)])

    # the corrected figure is loaded: nothing is lost
    facts = rows(settings, "select text, article_id, is_superseded from main.facts")
    assert ("¥1.5 trillion", ids["corrected.txt"], False) in facts
    assert ("¥1.2 trillion", ids["story.txt"], True) in facts
    # the marts show the latest revision's figures, once
    amounts = rows(settings, "select text from main.investments order by text")
    assert amounts == [("¥1.5 trillion",)]
    compute = rows(settings, "select article_id from main.compute_capacity")
    assert compute == [(ids["corrected.txt"],)]
    # and what changed is recorded
    changes = rows(
        settings,
        "select article_id, previous_article_id, change, previous_text, text"
        " from main.fact_changes",
    )
    assert changes == [
        (ids["corrected.txt"], ids["story.txt"], "changed", "¥1.2 trillion", "¥1.5 trillion")
    ]


def test_a_copy_with_the_same_figures_stays_a_duplicate(settings: Settings, tmp_path: Path) -> None:
    load_paths([write(tmp_path / "a", "story.txt", "1.2")], settings)
    copy = write(tmp_path / "b", "copy.txt", "1.2")
    copy.write_text(copy.read_text(encoding="utf-8") + "\nRepublished with permission.\n")
    load_paths([copy], settings)
    ids = article_ids(settings)
    assert rows(
        settings,
        "select duplicate_of, revision_of from main.articles where article_id"
        f" = '{ids['copy.txt']}'",
    ) == [(ids["story.txt"], None)]
    assert rows(
        settings, f"select count(*) from main.facts where article_id = '{ids['copy.txt']}'"
    ) == [(0,)]
    assert rows(settings, "select count(*) from main.fact_changes") == [(0,)]


def test_a_third_version_supersedes_both(settings: Settings, tmp_path: Path) -> None:
    for i, (amount, date) in enumerate(
        [("1.2", "May 6, 2025"), ("1.5", "May 7, 2025"), ("1.8", "May 9, 2025")]
    ):
        load_paths([write(tmp_path / str(i), f"v{i}.txt", amount, date)], settings)
    assert rows(settings, "select text from main.investments") == [("¥1.8 trillion",)]
    changes = rows(settings, "select previous_text, text from main.fact_changes order by text")
    assert changes == [("¥1.2 trillion", "¥1.5 trillion"), ("¥1.5 trillion", "¥1.8 trillion")]


def test_an_older_warehouse_gains_the_revision_column(settings: Settings, tmp_path: Path) -> None:
    load_paths([write(tmp_path / "a", "story.txt", "1.2")], settings)
    with duckdb.connect(settings.warehouse) as con:  # as a warehouse from before revisions
        con.execute("drop view if exists main.articles cascade")
        con.execute("alter table raw.articles drop column revision_of")
        con.execute("delete from raw.migrations")
    load_paths([write(tmp_path / "b", "corrected.txt", "1.5", "May 7, 2025")], settings)
    ids = article_ids(settings)
    assert rows(
        settings,
        f"select revision_of from main.articles where article_id = '{ids['corrected.txt']}'",
    ) == [(ids["story.txt"],)]


def _article(article_id: str, fingerprint: str) -> Article:
    uri = f"file:///{article_id}"
    return Article(article_id, uri, article_id * 4, "x", (), fingerprint=fingerprint)


def _fact(value: float) -> Fact:
    return Fact("money", "x", 0, 1, value, None, "JPY")


def test_link_near_duplicates_asks_for_the_known_originals_facts() -> None:
    """The facts of an original loaded earlier decide: the same, a duplicate; others, a revision."""
    fingerprint = "0" * 512
    index = NearDuplicateIndex({"a" * 16: fingerprint})
    batch = Batch(
        articles=[_article("b" * 16, fingerprint), _article("c" * 16, fingerprint)],
        facts={"b" * 16: [_fact(1.2e12)], "c" * 16: [_fact(1.5e12)]},
    )
    asked: list[list[str]] = []

    def known_facts(ids: list[str]) -> dict[str, list[tuple]]:
        asked.append(sorted(ids))
        return {"a" * 16: [("money", 1.2e12, None, "JPY")]}

    linked = link_near_duplicates(batch, index, known_facts)
    assert asked == [["a" * 16]]
    by_id = {a.article_id: (a.duplicate_of, a.revision_of) for a in linked.articles}
    assert by_id == {"b" * 16: ("a" * 16, None), "c" * 16: (None, "a" * 16)}
    assert linked.facts == {"b" * 16: [], "c" * 16: [_fact(1.5e12)]}
