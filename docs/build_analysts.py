"""Build docs/analysts.md: the claim columns, and twelve questions answered in SQL.

    uv run python docs/build_analysts.py            # write the page
    uv run python docs/build_analysts.py --check    # exit 1 when the page is out of date

runs ``newsfacts run`` on the bundled sample corpus into a temporary warehouse,
then each question's SQL through ``newsfacts sql --mode markdown``, and writes
the page. Nothing in the output tables is typed by hand: the table of claim
columns is their declaration in ``schemas/facts.py``, the list of marts their
comments in the warehouse.
"""

from __future__ import annotations

import os
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
        "`compute_capacity` holds one row per compute claim, with the organisation it belongs "
        "to in its sentence (`facts.organisation`; `raw.organisations` lists the names) and "
        "the country it is in. A claim that belongs to no organisation (a country's total) is "
        "`unattributed`: null is better than wrong. Conversions and repeats are left out, so "
        "the sums count each claim once.",
        """select organisation, count(*) as claims,
       round(sum(exaflops), 2) as total_exaflops, round(max(exaflops), 2) as largest_exaflops
from compute_capacity
group by organisation
order by total_exaflops desc, organisation;""",
    ),
    (
        "What are the five largest compute claims, and where were they made?",
        "Every fact keeps its exact text and span in the article, so a number can always be "
        "checked against its sentence.",
        """select text, round(exaflops, 2) as exaflops, organisation, publisher,
       cast(published_at as date) as published
from compute_capacity
order by flops desc, published, text
limit 5;""",
    ),
    (
        "How much money was announced, per organisation, in US dollars?",
        "`investments` keeps the money claims measuring an investment (money committed or "
        "spent to build or buy, or put into a company or programme), funding (money a company "
        "raises) or a deal's value; a bracketed conversion and a headline figure repeated in "
        "the lede are not counted again. `amount_usd` converts at the ECB reference rate of "
        "the publication day; currencies the ECB does not publish (VND, TWD) stay null.",
        """select organisation, count(*) as amounts,
       round(sum(amount_usd) / 1e9, 2) as total_usd_billions,
       count(*) filter (where amount_usd is null) as without_ecb_rate
from investments
group by organisation
order by total_usd_billions desc nulls last, organisation;""",
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
order by amount_usd desc nulls last, text
limit 8;""",
    ),
    (
        "Do the articles' own currency conversions agree with the ECB?",
        "A conversion stated in the text (`HK$1.18 billion ($151 million)`) is two linked "
        "facts; `fact_conversions` compares the stated rate with the ECB's.",
        """select original_text, conversion_text, rate_date,
       round(100 * relative_deviation, 2) as deviation_percent, conversion_status, note
from fact_conversions
order by abs(relative_deviation) desc nulls last, original_text;""",
    ),
    (
        "Which market shares are stated, and for whom?",
        "`market_shares` keeps the percentages measuring a share of a market, with the "
        "market when the article names it; growth rates and other ratios are not shares.",
        """select organisation, market, text, share_percent, share_percent_high,
       left(article_title, 40) as article
from market_shares
order by share_percent desc, organisation, text;""",
    ),
    (
        "What revenue, profit, loss and valuation does each company report, and for when?",
        "`company_financials` keeps the money claims measuring revenue, profit, loss (stated "
        "as a positive amount) or valuation, with the period they are for (`2021`, "
        "`2021-Q3`, `2021-01/2021-09` for the first nine months of 2021). Two sources "
        "stating one figure are two rows: compare them in `fact_agreement`, do not add them.",
        """select organisation, measure, period, text, round(amount_usd / 1e6, 1) as usd_millions,
       left(sentence, 60) as sentence
from company_financials
order by organisation, measure, period nulls last, usd_millions desc, text;""",
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
        "Which organisations do the claims belong to, in which languages?",
        "`organisations` lists each canonical name of `raw.organisations` with its aliases "
        "in English, Chinese and Vietnamese (英伟达 and NVIDIA Corp. are both `Nvidia`) and "
        "how many claims belong to it per language, and each name the claims carry that the "
        "table lacks (`is_listed` false). Extend the table with a file or a row inserted "
        "into `raw.organisations` ([operations](operations.md#organisation-names)).",
        """select organisation, kind, country, count_claims, count_claims_en, count_claims_zh,
       count_claims_vi, is_listed, len(aliases) as count_aliases
from organisations
where count_claims > 0
order by count_claims desc, organisation
limit 10;""",
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
order by what desc, item, detail;""",
    ),
]

HEADER = """# Analysts' guide: the warehouse in SQL

The warehouse is one DuckDB file with three layers:

- `raw`: the tables the pipeline loads (`raw.articles`, `raw.facts`, `raw.paragraphs`,
  `raw.quarantined_facts`, `raw.ingest_errors`, `raw.runs`, `raw.raw_documents`,
  `raw.ecb_rates`, `raw.dq_check_results`, `raw.organisations`, ...).
- `staging`: `stg_*` views that only rename and cast the raw tables.
- marts in `main`: the business views, listed below with what each holds.

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
"""

MARTS_SQL = """select view_name as mart, comment
from duckdb_views()
where schema_name = 'main' and not internal
order by view_name;"""

CLAIMS_NOTE = (
    "Each fact carries its claim: what the number measures, whose it is, where and when, "
    "and the sentence it stands in, each label with the evidence that gave it. `measure` is "
    "one of {measures}. A headline figure repeated in the lede is one claim (`is_repeat` on "
    "the second), and so is an amount stated again later; a bracketed conversion restates "
    "its original (`is_conversion`), and an amount stated as a part of one before it (\"Of "
    "that total, ...\") is `is_part`: `claims` and every mart that sums leave them out. A "
    "corrected copy of an article (a near-duplicate stating a figure the first lacks) is a "
    "revision (`articles.revision_of`): its facts are kept, `revisions` numbers each "
    "story's versions, `fact_changes` lists the figures that changed, and the marts built "
    "on `claims` show the latest version's (`facts.is_superseded` marks the older ones)."
)

CLAIM_COLUMNS_SQL = """select column_name, comment
from duckdb_columns()
where schema_name = 'main' and table_name = 'facts'
    and column_name in ({columns})
order by column_index;"""


QUESTIONS_INTRO = """
## {count} questions

The answers below are the real output of `newsfacts sql --mode markdown` after
`newsfacts run` on the bundled sample corpus (`samples/articles`), regenerated by
`uv run python docs/build_analysts.py`.
"""

NUMBER_WORDS = {10: "Ten", 11: "Eleven", 12: "Twelve", 13: "Thirteen", 14: "Fourteen"}


def run(command: list[str]) -> str:
    # the samples are a fixed corpus: their age checks are measured at the run's reference
    # date, so the page does not change with the calendar
    env = {**os.environ, "NEWSFACTS_DQ_AS_OF": "reference_date"}
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def answer(warehouse: Path, sql: str) -> str:
    newsfacts = [sys.executable, "-m", "flows.cli"]
    return run([*newsfacts, "sql", "--warehouse", str(warehouse), "--mode", "markdown", "-c", sql])


def build(warehouse: Path) -> str:
    from newsfacts.claims import MEASURES
    from schemas.facts import CLAIM_COLUMNS  # the columns that state a fact's claim

    columns = ", ".join(f"'{c}'" for c in (*CLAIM_COLUMNS, "is_repeat"))
    parts = [
        HEADER,
        "\n## The marts\n\n",
        answer(warehouse, MARTS_SQL).strip() + "\n",
        "\n## What each number is about\n\n",
        CLAIMS_NOTE.format(measures=", ".join(f"`{m}`" for m in MEASURES)) + "\n\n",
        answer(warehouse, CLAIM_COLUMNS_SQL.format(columns=columns)).strip() + "\n",
        QUESTIONS_INTRO.format(count=NUMBER_WORDS[len(QUESTIONS)]),
    ]
    for number, (question, note, sql) in enumerate(QUESTIONS, start=1):
        parts.append(f"\n### {number}. {question}\n\n{note}\n\n```sql\n{sql}\n```\n")
        parts.append("\n" + answer(warehouse, sql).strip() + "\n")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    """Write the page; with ``--check``, only say whether the page is what it builds."""
    check = "--check" in (sys.argv[1:] if argv is None else argv)
    with tempfile.TemporaryDirectory(prefix="newsfacts-docs-") as tmp:
        warehouse = Path(tmp) / "samples.duckdb"
        run([sys.executable, "-m", "flows.cli", "run", "samples/articles", "-w", str(warehouse)])
        page = build(warehouse)
    if check:
        if PAGE.read_text(encoding="utf-8") != page:
            print(f"{PAGE} is out of date: run uv run python docs/build_analysts.py")
            return 1
        print(f"{PAGE} is up to date")
        return 0
    PAGE.write_text(page, encoding="utf-8")
    print(f"wrote {PAGE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
