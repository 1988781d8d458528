"""The analysts' layers: staging and marts over the raw tables, with comments and USD values."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from newsfacts.dq_config import load_dq_config
from newsfacts.fx import ecb_rates_file, read_ecb_rates
from newsfacts.settings import Settings
from tests.conftest import SAMPLES
from tests.loading import load_paths
from warehouse.db import migrate, open_warehouse

# Written for these tests (not from any corpus): each line exercises one mart rule.
DATED = """Chip makers race to build AI capacity
By Test Writer | March 4, 2024

Huawei said its new Ascend cluster in Guizhou delivers 300 petaflops of AI compute.

Advances in artificial Intelligence need 2 exaflops, a researcher said, naming no company.

Tencent will invest 500 billion yuan in data centers over five years.

The fund will spend HK$2.5 billion on servers in Hong Kong.

Nvidia holds 80% of the market for AI accelerators.

Revenue growth was 12% last quarter.
"""

UNDATED = """A project with no date line

Microsoft plans to spend $10 billion on new data centers.
"""

# The ECB published no ISK rate from 2008-12-10 to 2018-01-31: the first article is 6 days
# after its last rate, the second 18 months.
NEAR_GAP = """Icelandic data centre grows
By Test Writer | December 15, 2008

The utility will invest ISK 50 billion ($400 million) in a data centre near Reykjavik.
"""

PAST_GAP = """Icelandic servers expand
By Test Writer | June 1, 2010

The operator will invest ISK 30 billion ($240 million) in new servers.
"""


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("marts")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(DATED, encoding="utf-8")
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (corpus / "near_gap.txt").write_text(NEAR_GAP, encoding="utf-8")
    (corpus / "past_gap.txt").write_text(PAST_GAP, encoding="utf-8")
    settings = Settings(warehouse=str(root / "marts.duckdb"))
    load_paths([SAMPLES, corpus], settings)
    return settings.warehouse


@pytest.fixture
def con(warehouse: str) -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(warehouse, read_only=True)
    yield connection
    connection.close()


def ecb_usd_per_unit(currency: str, on: date) -> tuple[float, date]:
    """An independent reading of the ECB file: the last rate on or before ``on``."""
    with zipfile.ZipFile(ecb_rates_file()) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open("eurofxref-hist.csv"))))
    for row in rows:  # newest first
        day = date.fromisoformat(row["Date"])
        if day <= on and row["USD"] not in ("N/A", ""):
            per_eur = 1.0 if currency == "EUR" else row.get(currency)
            if per_eur in (None, "N/A", ""):
                continue
            return float(row["USD"]) / float(per_eur), day
    raise LookupError(currency)


RELATIONS = {
    "main": [
        "articles",
        "facts",
        "quarantined_facts",
        "runs",
        "ingest_errors",
        "usd_rates",
        "fact_organisations",
        "compute_capacity",
        "investments",
        "market_shares",
    ],
    "staging": ["stg_articles", "stg_facts", "stg_paragraphs", "stg_runs", "stg_ecb_rates"],
}


def test_layers_exist(con: duckdb.DuckDBPyConnection) -> None:
    views = set(
        con.execute(
            "select schema_name || '.' || view_name from duckdb_views() where not internal"
        ).fetchall()
    )
    expected = {(f"{s}.{r}",) for s, names in RELATIONS.items() for r in names}
    assert expected <= views


def test_every_relation_and_column_in_raw_staging_and_main_has_a_comment(
    con: duckdb.DuckDBPyConnection,
) -> None:
    user_relations = """
        select schema_name, table_name, comment from duckdb_tables()
        where schema_name in ('raw', 'staging', 'main') and not internal
        union all
        select schema_name, view_name, comment from duckdb_views()
        where schema_name in ('raw', 'staging', 'main') and not internal
    """
    relations = con.execute(user_relations).fetchall()
    assert len(relations) > 20
    assert [(s, t) for s, t, c in relations if not c] == []
    uncommented = con.execute(
        f"""
        select c.schema_name, c.table_name, c.column_name
        from duckdb_columns() as c
        join ({user_relations}) as r
            on r.schema_name = c.schema_name and r.table_name = c.table_name
        where c.comment is null or trim(c.comment) = ''
        order by all
        """
    ).fetchall()
    assert uncommented == []


def test_comments_survive_a_second_migrate(warehouse: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with open_warehouse(copy) as con:
        migrate(con)
        comment = con.execute(
            "select comment from duckdb_columns()"
            " where schema_name = 'main' and table_name = 'facts' and column_name = 'value_usd'"
        ).fetchone()[0]
    assert "US dollars" in comment


def test_the_text_of_a_fact_is_its_mention_and_says_so(con: duckdb.DuckDBPyConnection) -> None:
    described = con.execute(
        """
        select c.schema_name || '.' || c.table_name, c.comment
        from duckdb_columns() as c
        where c.column_name = 'text' and c.schema_name in ('staging', 'main')
            and exists (
                select 1 from duckdb_columns() as k
                where k.schema_name = c.schema_name and k.table_name = c.table_name
                    and k.column_name = 'fact_id'
            )
        """
    ).fetchall()
    assert len(described) >= 7
    assert [(name, comment) for name, comment in described if "mention" not in comment] == []
    spans = con.execute(
        """
        select
            count(*),
            count(*) filter (where f.text = substring(a.text, f.start + 1, f."end" - f.start))
        from main.facts as f join staging.stg_articles as a using (article_id)
        """
    ).fetchone()
    assert spans[0] == spans[1] > 0


@pytest.mark.parametrize(
    ("relation", "key"),
    [
        ("facts", "fact_id"),
        ("articles", "article_id"),
        ("compute_capacity", "fact_id"),
        ("investments", "fact_id"),
        ("market_shares", "fact_id"),
        ("fact_organisations", "fact_id"),
        ("usd_rates", "currency, rate_date"),
        ("runs", "run_id"),
    ],
)
def test_each_mart_is_unique_on_its_grain(
    con: duckdb.DuckDBPyConnection, relation: str, key: str
) -> None:
    total, distinct = con.execute(
        f"select count(*), count(distinct ({key})) from main.{relation}"
    ).fetchone()
    assert total == distinct
    assert total > 0


def test_the_warehouse_holds_the_rates_the_conversion_checks_price_with(
    con: duckdb.DuckDBPyConnection,
) -> None:
    loaded = pl.from_arrow(
        con.execute(
            "select currency, rate_date, rate_per_eur from raw.ecb_rates order by all"
        ).arrow()
    )
    assert_frame_equal(loaded, read_ecb_rates().sort(pl.all()), check_dtypes=False)


def test_facts_mart_keeps_every_valid_fact(con: duckdb.DuckDBPyConnection) -> None:
    raw, mart = con.execute(
        "select (select count(*) from raw.facts), (select count(*) from main.facts)"
    ).fetchone()
    assert raw == mart > 0


def test_money_in_usd_uses_the_ecb_rate_of_the_publication_date(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.execute(
        """
        select unit, value, value_usd, usd_rate, usd_rate_date, usd_rate_basis,
               cast(published_at as date)
        from main.facts
        where kind = 'money' and published_at is not null and unit in ('CNY', 'HKD', 'JPY', 'EUR')
        """
    ).fetchall()
    assert {r[0] for r in rows} >= {"CNY", "HKD"}
    for unit, value, value_usd, rate, rate_date, basis, published_on in rows:
        expected_rate, expected_date = ecb_usd_per_unit(unit, published_on)
        assert basis == "published_at"
        assert rate_date == expected_date <= published_on
        assert rate == pytest.approx(expected_rate, rel=1e-12)
        assert value_usd == pytest.approx(value * expected_rate, rel=1e-12)


def test_usd_amounts_are_unchanged_and_other_kinds_have_no_usd(
    con: duckdb.DuckDBPyConnection,
) -> None:
    usd = con.execute(
        "select count(*), count(*) filter (where value_usd = value and usd_rate = 1.0)"
        " from main.facts where kind = 'money' and unit = 'USD'"
    ).fetchone()
    assert usd[0] == usd[1] > 0
    assert con.execute(
        "select count(*) from main.facts where kind <> 'money' and value_usd is not null"
    ).fetchone() == (0,)


def test_an_undated_article_uses_the_rate_of_its_run_date(
    con: duckdb.DuckDBPyConnection,
) -> None:
    basis, rate_date, run_started = con.execute(
        """
        select f.usd_rate_basis, f.usd_rate_date, cast(r.started_at as date)
        from main.facts as f join main.runs as r on r.run_id = f.loaded_run_id
        where f.text = '$10 billion'
        """
    ).fetchone()
    assert basis == "run_started_at"
    assert rate_date <= run_started


def test_no_rate_older_than_the_configured_gap_prices_a_fact(
    con: duckdb.DuckDBPyConnection,
) -> None:
    gap = load_dq_config().rows.conversion_max_gap_days
    facts = {
        text: (published_at.date(), rate_date, value_usd)
        for text, published_at, rate_date, value_usd in con.execute(
            "select text, published_at, usd_rate_date, value_usd from main.facts where unit = 'ISK'"
        ).fetchall()
    }
    near_on, near_rate_date, near_usd = facts["ISK 50 billion"]
    rate, last_rate_on = ecb_usd_per_unit("ISK", near_on)
    assert 0 < (near_on - last_rate_on).days <= gap
    assert (near_rate_date, near_usd) == (last_rate_on, pytest.approx(50e9 * rate, rel=1e-12))
    past_on, past_rate_date, past_usd = facts["ISK 30 billion"]
    assert (past_on - ecb_usd_per_unit("ISK", past_on)[1]).days > gap
    assert (past_rate_date, past_usd) == (None, None)
    # the conversion check in Python looks back as far, no further
    checked = dict(
        con.execute(
            "select original_text, rate_date from main.fact_conversions where unit_from = 'ISK'"
        ).fetchall()
    )
    assert checked == {"ISK 50 billion": near_rate_date, "ISK 30 billion": None}


def test_the_gap_is_the_one_migrate_was_configured_with(warehouse: str, tmp_path: Path) -> None:
    from newsfacts.dq_config import RowRules

    copy = tmp_path / "gap.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with open_warehouse(copy, rules=RowRules(conversion_max_gap_days=3)) as con:
        gap = con.execute("select conversion_max_gap_days from staging.stg_dq_rules").fetchone()
        near = con.execute(
            "select usd_rate_date, value_usd from main.facts where text = 'ISK 50 billion'"
        ).fetchone()
    assert (gap, near) == ((3,), (None, None))  # its last rate is 6 days old
    with open_warehouse(copy) as con:  # the repository's dq.toml again
        near = con.execute(
            "select usd_rate_date from main.facts where text = 'ISK 50 billion'"
        ).fetchone()
    assert near == (date(2008, 12, 9),)


def test_compute_claims_are_attributed_to_the_nearest_named_organisation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    claims = dict(
        con.execute(
            "select text, organisation from main.compute_capacity"
            " where text in ('300 petaflops', '2 exaflops')"
        ).fetchall()
    )
    # "Intelligence" must not count as Intel: whole words only.
    assert claims == {"300 petaflops": "Huawei", "2 exaflops": "unattributed"}
    exaflops = con.execute(
        "select exaflops from main.compute_capacity where text = '2 exaflops'"
    ).fetchone()[0]
    assert exaflops == pytest.approx(2.0)


def test_investments_hold_amounts_stated_as_investment(con: duckdb.DuckDBPyConnection) -> None:
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select text, organisation, currency, amount_usd from main.investments"
        ).fetchall()
    }
    assert rows["500 billion yuan"][:2] == ("Tencent", "CNY")
    assert rows["500 billion yuan"][2] > 5e10
    assert "HK$2.5 billion" in rows


def test_market_shares_need_market_language(con: duckdb.DuckDBPyConnection) -> None:
    shares = dict(con.execute("select text, organisation from main.market_shares").fetchall())
    assert shares.get("80%") == "Nvidia"
    assert "12%" not in shares


def test_a_migrated_warehouse_is_not_migrated_again(warehouse: str, tmp_path: Path) -> None:
    from warehouse.db import is_migrated, sql_fingerprint

    copy = tmp_path / "again.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with open_warehouse(copy) as con:
        con.execute("comment on view main.facts is 'changed by hand'")
        migrate(con)  # same .sql files: nothing is replaced
        assert is_migrated(con, sql_fingerprint())
        assert not is_migrated(con, "0" * 64)
        assert con.execute("select count(*) from raw.migrations").fetchone() == (1,)
        comment = con.execute(
            "select comment from duckdb_views() where view_name = 'facts'"
        ).fetchone()[0]
    assert comment == "changed by hand"


def test_views_an_earlier_release_made_are_dropped(warehouse: str, tmp_path: Path) -> None:
    from warehouse.db import RETIRED_VIEWS

    copy = tmp_path / "retired.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with duckdb.connect(str(copy)) as con:
        for name in RETIRED_VIEWS:
            con.execute(f"create view {name} as select 1 as one")
        con.execute("delete from raw.migrations")  # as an earlier release left it
    with open_warehouse(copy) as con:
        left = con.execute(
            "select schema_name || '.' || view_name from duckdb_views()"
            " where schema_name || '.' || view_name in ?",
            [list(RETIRED_VIEWS)],
        ).fetchall()
    assert RETIRED_VIEWS and left == []


def test_appended_tables_carry_no_primary_key_and_older_ones_lose_theirs(
    warehouse: str, tmp_path: Path
) -> None:
    from schemas import TABLES
    from warehouse.db import RAW_KEYS, keyed_tables
    from warehouse.ddl import create_table

    copy = tmp_path / "old.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with duckdb.connect(str(copy)) as con:
        assert keyed_tables(con) == []
        # rebuild raw.facts and raw.paragraphs as releases before this one made them
        counts = {}
        for table, key in (("facts", "fact_id"), ("paragraphs", "article_id, paragraph_index")):
            counts[table] = con.execute(f"select count(*) from raw.{table}").fetchone()[0]
            ddl = create_table(TABLES[table])
            keyed = ddl.replace(
                '"loaded_run_id" varchar not null',
                f'"loaded_run_id" varchar not null, primary key ({key})',
                1,
            )
            assert keyed != ddl
            con.execute(f"alter table raw.{table} rename to {table}_rows")
            con.execute(keyed)
            con.execute(f"insert into raw.{table} by name select * from raw.{table}_rows")
            con.execute(f"drop table raw.{table}_rows")
        con.execute("delete from raw.migrations")  # an older release's .sql files
        assert keyed_tables(con) == ["facts", "paragraphs"]
    with open_warehouse(copy) as con:
        assert keyed_tables(con) == []
        for table, count in counts.items():
            assert con.execute(f"select count(*) from raw.{table}").fetchone()[0] == count
        assert con.execute("select count(*) from main.facts").fetchone()[0] == counts["facts"]
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert set(RAW_KEYS) <= tables and not any(t.endswith("_keyed") for t in tables)


def test_every_query_in_the_analysts_guide_runs(con: duckdb.DuckDBPyConnection) -> None:
    from warehouse.db import load_extension

    guide = (Path(__file__).resolve().parent.parent / "docs" / "analysts.md").read_text(
        encoding="utf-8"
    )
    queries = re.findall(r"```sql\n(.*?)```", guide, flags=re.DOTALL)
    assert len(queries) >= 10
    load_extension(con, "fts")
    con.execute("set search_path = 'main,staging,raw'")  # as `newsfacts sql` does
    answered = 0
    for sql in queries:
        for statement in filter(str.strip, sql.split(";")):
            rows = con.execute(statement).fetchall()
            answered += bool(rows)
    assert answered >= 10
