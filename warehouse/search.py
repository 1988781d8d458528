"""Full-text search over article text with DuckDB's ``fts`` extension (from its PyPI wheel).

``rebuild_search_index`` (re)builds a BM25 index over ``raw.articles`` (title and
text) and the table macro ``main.search_articles(q)``; the flow calls it after
loading. Words are any run of letters or digits in any script, lower-cased with
accents stripped, so ``dau tu`` finds ``đầu tư``. Scripts written without spaces
(Chinese, Japanese) have no words to index: a query in them falls back to a
substring match, ranked after the BM25 hits. In SQL::

    select title, score, snippet from search_articles('Ascend') limit 5;
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

from warehouse.db import load_extension

INDEX_SCHEMA = "fts_raw_articles"
# Every run of characters that is not a letter or a digit separates words (the default
# pattern drops everything outside a-z, which loses Vietnamese, Chinese, and digits).
WORD_SEPARATORS = r"(\.|[^\p{L}\p{N}])+"

SEARCH_MACRO = rf"""
create or replace macro main.search_articles(q) as table
with bm25_hits as (
    select article_id, score
    from (
        select article_id, {INDEX_SCHEMA}.match_bm25(article_id, q) as score
        from raw.articles
    )
    where score is not null
),
substring_hits as (
    select
        article_id,
        (length(lower(text)) - length(replace(lower(text), lower(q), '')))
            / greatest(length(q), 1) as score
    from raw.articles
    where regexp_matches(q, '[\p{{Han}}\p{{Hiragana}}\p{{Katakana}}\p{{Hangul}}\p{{Thai}}]')
        and (contains(lower(text), lower(q)) or contains(lower(coalesce(title, '')), lower(q)))
        and article_id not in (select article_id from bm25_hits)
),
hits as (
    select article_id, score, 'bm25' as matched_by, 0 as match_rank from bm25_hits
    union all
    select article_id, score, 'substring' as matched_by, 1 as match_rank from substring_hits
),
starts as (
    select
        a.article_id,
        greatest(
            1,
            coalesce(nullif(strpos(lower(a.text), lower(split_part(trim(q), ' ', 1))), 0), 1)
                - 60
        ) as start
    from raw.articles as a
    where a.article_id in (select article_id from hits)
),
windows as (
    select
        s.article_id,
        s.start + 180 as stop,
        case
            when s.start > 1
                and regexp_matches(substring(a.text, s.start - 1, 1), '[\p{{Latin}}\p{{N}}]')
            then regexp_replace(substring(a.text, s.start, 180), '^[\p{{Latin}}\p{{N}}]+', '')
            else substring(a.text, s.start, 180)
        end as window
    from starts as s
    join raw.articles as a using (article_id)
)
select
    a.article_id,
    a.title,
    a.publisher,
    a.published_at,
    h.score,
    h.matched_by,
    trim(
        regexp_replace(
            -- a word cut at either end of the window is left out: the snippet starts and
            -- ends at word boundaries (Chinese and Japanese, without spaces, at characters)
            case
                when w.stop <= length(a.text)
                    and regexp_matches(substring(a.text, w.stop, 1), '[\p{{Latin}}\p{{N}}]')
                then regexp_replace(w.window, '[\p{{Latin}}\p{{N}}]+$', '')
                else w.window
            end,
            '\s+',
            ' ',
            'g'
        )
    ) as snippet
from hits as h
join raw.articles as a using (article_id)
join windows as w using (article_id)
order by h.match_rank, h.score desc, a.article_id
"""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a query, best first."""

    article_id: str
    title: str | None
    publisher: str | None
    published_at: datetime | None
    score: float
    matched_by: str
    snippet: str


def is_index_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the index exists and covers exactly the loaded articles."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = 'docs'",
        [INDEX_SCHEMA],
    ).fetchone()[0]
    if not exists:
        return False
    indexed, loaded = con.execute(
        f"select (select count(*) from {INDEX_SCHEMA}.docs), (select count(*) from raw.articles)"
    ).fetchone()
    return indexed == loaded


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Build the BM25 index over article titles and text, and the ``search_articles`` macro."""
    load_extension(con, "fts")
    con.execute(
        "pragma create_fts_index('raw.articles', 'article_id', 'title', 'text', "
        "stemmer = 'porter', stopwords = 'english', strip_accents = 1, lower = 1, "
        f"ignore = '{WORD_SEPARATORS}', overwrite = 1)"
    )
    con.execute(SEARCH_MACRO)


def ensure_search_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Rebuild the index when it is missing or stale; returns whether it was rebuilt."""
    if is_index_current(con):
        return False
    rebuild_search_index(con)
    return True


def index_private_copy(con: duckdb.DuckDBPyConnection) -> None:
    """Copy the articles into the connection's in-memory database and index them there.

    For a DuckLake, which cannot hold the fts index: ``search_articles`` on ``con``
    then reads the copy (``memory.raw.articles``), as of the lake's snapshot now.
    """
    con.execute("create schema if not exists memory.raw")
    con.execute(
        "create or replace table memory.raw.articles as"
        " select article_id, title, text, publisher, published_at from raw.articles"
    )
    con.execute("use memory")
    rebuild_search_index(con)


def search_articles(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10) -> list[SearchHit]:
    """Articles matching ``query``, best first (the ``search_articles`` macro)."""
    load_extension(con, "fts")
    rows = con.execute(
        "select article_id, title, publisher, published_at, score, matched_by, snippet"
        " from main.search_articles(?) limit ?",
        [query, limit],
    ).fetchall()
    return [SearchHit(*row) for row in rows]
