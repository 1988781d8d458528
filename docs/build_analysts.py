"""Build docs/analysts.md: ten questions answered in SQL, with output from a real run.

    uv run python docs/build_analysts.py

runs ``newsfacts run`` on the bundled sample corpus into a temporary warehouse,
then each question's SQL through ``newsfacts sql --mode markdown``, and writes
the page. Nothing in the output tables is typed by hand.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "docs" / "analysts.md"

# (question, what to know, sql)
QUESTIONS: list[tuple[str, str, str]] = [
    (
        "Which organisations claim the most AI compute?",
        "`compute_capacity` holds one row per compute claim, attributed to the organisation "
        "named nearest to it (`raw.organisations` lists the names; extend it there). "
        "Claims with no organisation nearby are `unattributed`.",
        """select organisation, count(*) as claims,
       round(sum(exaflops), 2) as total_exaflops, round(max(exaflops), 2) as largest_exaflops
from compute_capacity
group by organisation
order by total_exaflops desc;""",
    ),
    (
        "What are the five largest compute claims, and where were they made?",
        "Every fact keeps its exact text and span in the article, so a number can always be "
        "checked against its sentence.",
        """select text, round(exaflops, 2) as exaflops, organisation, publisher,
       cast(published_at as date) as published
from compute_capacity
order by flops desc
limit 5;""",
    ),
    (
        "How much money was announced, per organisation, in US dollars?",
        "`investments` keeps money amounts stated with investment language (invest, spend, "
        "fund, build, 投资, đầu tư, ...). `amount_usd` converts at the ECB reference rate of "
        "the publication day; currencies the ECB does not publish (VND, TWD) stay null.",
        """select organisation, count(*) as amounts,
       round(sum(amount_usd) / 1e9, 2) as total_usd_billions,
       count(*) filter (where amount_usd is null) as without_ecb_rate
from investments
group by organisation
order by total_usd_billions desc nulls last;""",
    ),
    (
        "Which rate converted each non-dollar amount?",
        "The rate and its day are kept: the last ECB publication day on or before the "
        "article's date (`usd_rate_basis = 'published_at'`), or on or before the run's "
        "date for an undated article (`run_started_at`).",
        """select text, currency, round(usd_rate, 6) as usd_rate, usd_rate_date, usd_rate_basis,
       round(amount_usd / 1e6, 1) as usd_millions
from investments
where currency <> 'USD'
order by amount_usd desc nulls last
limit 8;""",
    ),
    (
        "Do the articles' own currency conversions agree with the ECB?",
        "A conversion stated in the text (`HK$1.18 billion ($151 million)`) is two linked "
        "facts; `fact_conversions` compares the stated rate with the ECB's.",
        """select original_text, conversion_text, rate_date,
       round(100 * relative_deviation, 2) as deviation_percent, conversion_status, note
from fact_conversions
order by abs(relative_deviation) desc nulls last;""",
    ),
    (
        "Which market shares are stated, and for whom?",
        "`market_shares` keeps percentages stated near market-share language.",
        """select organisation, text, share_percent, share_percent_high,
       left(article_title, 50) as article
from market_shares
order by share_percent desc;""",
    ),
    (
        "How many facts of each kind were published each month?",
        "Facts from articles with no publication date are left out of a timeline.",
        """pivot (
    select strftime(published_at, '%Y-%m') as month, kind from facts
    where published_at is not null
) on kind using count(*)
order by month;""",
    ),
    (
        "Which articles mention Huawei's Ascend chips?",
        "`search_articles(q)` is a table macro over a BM25 full-text index of titles and "
        "text (DuckDB's fts extension): stemmed, accent-insensitive (`du lieu` finds "
        "`dữ liệu`), and a substring match for Chinese and Japanese. The command line has "
        '`newsfacts search "Ascend"`.',
        """select left(title, 60) as title, round(score, 3) as score, matched_by,
       left(snippet, 70) as snippet
from search_articles('Ascend');""",
    ),
    (
        "Do the sources agree on the same claim?",
        "`fact_agreement` pairs claims from different stories (different articles, neither a "
        "near-duplicate of the other) with the same organisation, measure and period, in any "
        "language: funding, deal values, revenue, profit, loss, valuations and market shares. "
        "Agreements and disagreements are both listed: `agrees` compares the two values within "
        "`agreement_tolerance` (dq.toml `[rows]`), in their unit, or in US dollars when the "
        "currencies differ. Compute, investments and growth rates are many per organisation, so "
        "an equal number there is not one claim and is never paired.",
        """select organisation, measure, period, text, other_text,
       round(relative_difference, 3) as difference, agrees, lang, other_lang
from fact_agreement
order by agrees, organisation, measure, period nulls first, text;""",
    ),
    (
        "What was kept out, and is the warehouse healthy?",
        "Broken mentions are quarantined with a reason, never turned into numbers; "
        "`dq_latest` is the latest data-quality check run, with each check's history.",
        """select 'quarantined' as what, text as item, reason as detail
from quarantined_facts
union all
select 'check ' || status, check_name, message
from dq_latest
where status <> 'pass'
order by what desc, item;""",
    ),
]

HEADER = """# Analysts' guide: the warehouse in SQL

The warehouse is one DuckDB file with three layers:

- `raw`: the tables the pipeline loads (`raw.articles`, `raw.facts`, `raw.paragraphs`,
  `raw.quarantined_facts`, `raw.ingest_errors`, `raw.runs`, `raw.raw_documents`,
  `raw.ecb_rates`, `raw.dq_check_results`, ...).
- `staging`: `stg_*` views that only rename and cast the raw tables.
- marts in `main`: the business views: `facts` (with `value_usd` at the ECB rate of the
  publication day), `compute_capacity`, `investments`, `market_shares`, `fact_agreement`,
  `fact_conversions`, `articles`, `quarantined_facts`, `ingest_errors`, `runs`,
  `usd_rates`, `fact_organisations`, `dq_latest`, `dq_check_results`, `dq_metrics`.

Every table, view and column carries a comment saying what it holds and its grain:

```sql
select table_name, comment from duckdb_tables() where schema_name = 'raw';
select column_name, comment from duckdb_columns() where table_name = 'facts';
```

Open the real `duckdb` shell on it, read-only, with the marts first on the search path
and full-text search loaded:

```console
$ newsfacts sql                       # interactive
$ newsfacts sql -c "select count(*) from facts"
$ echo "select * from runs limit 3;" | newsfacts sql --mode csv
```

After a run, analysts read a published read-only snapshot of the warehouse
(`<warehouse folder>/published/`), so an open shell never blocks the next run;
`--working` opens the working file instead. `newsfacts report --html report.html`
writes the quality report as one self-contained page.

## Ten questions

The answers below are the real output of `newsfacts sql --mode markdown` after
`newsfacts run` on the bundled sample corpus (`samples/articles`), regenerated by
`uv run python docs/build_analysts.py`.
"""


def run(command: list[str]) -> str:
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def answer(warehouse: Path, sql: str) -> str:
    newsfacts = [sys.executable, "-m", "flows.cli"]
    return run([*newsfacts, "sql", "--warehouse", str(warehouse), "--mode", "markdown", "-c", sql])


def build(warehouse: Path) -> str:
    parts = [HEADER]
    for number, (question, note, sql) in enumerate(QUESTIONS, start=1):
        parts.append(f"\n### {number}. {question}\n\n{note}\n\n```sql\n{sql}\n```\n")
        parts.append("\n" + answer(warehouse, sql).strip() + "\n")
    return "".join(parts)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="newsfacts-docs-") as tmp:
        warehouse = Path(tmp) / "samples.duckdb"
        run([sys.executable, "-m", "flows.cli", "run", "samples/articles", "-w", str(warehouse)])
        PAGE.write_text(build(warehouse), encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
