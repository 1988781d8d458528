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
from tests.labelling import claims_by_text
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


# One story told twice, in English and in Chinese, by different sources: the IPO proceeds
# disagree (HK$1.18 billion and 1.5 billion), the revenue and the loss agree.
IPO_EN = """AInnovation raises HK$1.18 billion in Hong Kong IPO
By Test Writer | February 7, 2022

AInnovation raised HK$1.18 billion ($151 million) in its Hong Kong listing, the company said.

AInnovation's revenue was 700 million yuan in 2021, and it posted a loss of 300 million yuan.

The company was valued at HK$10 billion.
"""

IPO_ZH = """创新奇智香港上市募资15亿港元
作者：测试 | 2022年2月8日

创新奇智在香港上市募资15亿港元。

创新奇智2021年营收为7亿元人民币，亏损3亿元。
"""

AINNOVATION = {"organisation": "AInnovation", "subject": "AInnovation"}
AINNOVATION_ZH = {"organisation": "AInnovation", "subject": "创新奇智"}
# The claim labels of the test articles, by title, as the claim engine would set them.
LABELS = {
    "Chip makers race to build AI capacity": {
        "300 petaflops": {
            "measure": "computing_power",
            "organisation": "Huawei",
            "subject": "Huawei",
            "country": "CN",
        },
        "2 exaflops": {"measure": "computing_power"},
        "500 billion yuan": {
            "measure": "investment",
            "organisation": "Tencent",
            "subject": "Tencent",
        },
        "HK$2.5 billion": {"measure": "investment", "country": "HK"},
        "80%": {
            "measure": "market_share",
            "organisation": "Nvidia",
            "subject": "Nvidia",
            "market": "AI accelerators",
        },
        "12%": {"measure": "growth"},
    },
    "A project with no date line": {
        "$10 billion": {
            "measure": "investment",
            "organisation": "Microsoft",
            "subject": "Microsoft",
        }
    },
    "Icelandic data centre grows": {
        # a name the organisation table lacks, as the engine may find one
        "ISK 50 billion": {
            "measure": "investment",
            "organisation": "Reykjavik Utility",
            "subject": "The utility",
        }
    },
    "Icelandic servers expand": {"ISK 30 billion": {"measure": "investment"}},
    "AInnovation raises HK$1.18 billion in Hong Kong IPO": {
        "HK$1.18 billion": {"measure": "funding", **AINNOVATION, "country": "HK", "repeats": True},
        "$151 million": {"measure": "funding", **AINNOVATION, "country": "HK"},
        "700 million yuan": {"measure": "revenue", **AINNOVATION, "period": "2021"},
        "300 million yuan": {"measure": "loss", **AINNOVATION, "period": "2021"},
        "HK$10 billion": {"measure": "valuation", **AINNOVATION},
    },
    "创新奇智香港上市募资15亿港元": {
        "15亿港元": {"measure": "funding", **AINNOVATION_ZH, "country": "HK", "repeats": True},
        "7亿元人民币": {"measure": "revenue", **AINNOVATION_ZH, "period": "2021"},
        "3亿元": {"measure": "loss", **AINNOVATION_ZH, "period": "2021"},
    },
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("marts")
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(DATED, encoding="utf-8")
    (corpus / "undated.txt").write_text(UNDATED, encoding="utf-8")
    (corpus / "near_gap.txt").write_text(NEAR_GAP, encoding="utf-8")
    (corpus / "past_gap.txt").write_text(PAST_GAP, encoding="utf-8")
    (corpus / "ipo_en.txt").write_text(IPO_EN, encoding="utf-8")
    (corpus / "ipo_zh.txt").write_text(IPO_ZH, encoding="utf-8")
    settings = Settings(warehouse=str(root / "marts.duckdb"))
    load_paths([SAMPLES, corpus], settings, claims_by_text(LABELS))
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
        "claims",
        "compute_capacity",
        "money_claims",
        "investments",
        "company_financials",
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
        ("claims", "fact_id"),
        ("money_claims", "fact_id"),
        ("company_financials", "fact_id"),
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


def test_the_facts_mart_carries_each_fact_s_claim(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute(
        "select measure, organisation, subject_text, country, sentence, is_repeat,"
        " measure_evidence from main.facts where text = '300 petaflops'"
    ).fetchone()
    assert row == (
        "computing_power",
        "Huawei",
        "Huawei",
        "CN",
        "Huawei said its new Ascend cluster in Guizhou delivers 300 petaflops of AI compute.",
        False,
        "test",
    )
    # the subject and the sentence are the article's text at their spans
    spans = con.execute(
        """
        select
            count(*) filter (where f.subject_text is not null),
            count(*) filter (
                where f.subject_text = substring(a.text, f.subject_start + 1,
                                                 f.subject_end - f.subject_start)),
            count(*) filter (where f.sentence is not null),
            count(*) filter (
                where f.sentence = substring(a.text, f.sentence_start + 1,
                                             f.sentence_end - f.sentence_start))
        from main.facts as f join staging.stg_articles as a using (article_id)
        """
    ).fetchone()
    assert spans[0] == spans[1] > 5 and spans[2] == spans[3] > spans[0]


def test_a_headline_figure_repeated_in_the_lede_is_one_claim(
    con: duckdb.DuckDBPyConnection,
) -> None:
    repeats = con.execute(
        "select f.text, f.is_repeat, f.repeat_of_fact_id = first.fact_id"
        " from main.facts as f left join main.facts as first"
        " on first.fact_id = f.repeat_of_fact_id"
        " where f.text in ('HK$1.18 billion', '15亿港元') and f.article_title in ?"
        " order by f.text, f.start",
        [[IPO_EN.split("\n")[0], IPO_ZH.split("\n")[0]]],
    ).fetchall()
    assert repeats == [
        ("15亿港元", False, None),
        ("15亿港元", True, True),
        ("HK$1.18 billion", False, None),
        ("HK$1.18 billion", True, True),
    ]
    funding = con.execute(
        "select text, count(*) from main.investments where organisation = 'AInnovation'"
        " group by text order by text"
    ).fetchall()
    assert funding == [("15亿港元", 1), ("HK$1.18 billion", 1)]  # no repeat, no conversion


def test_claims_are_the_facts_but_conversions_and_repeats(con: duckdb.DuckDBPyConnection) -> None:
    facts, conversions, repeats, claims, unattributed = con.execute(
        """
        select
            count(*),
            count(*) filter (where is_conversion),
            count(*) filter (where is_repeat and not is_conversion),
            (select count(*) from main.claims),
            (select count(*) from main.claims where organisation = 'unattributed')
        from main.facts
        """
    ).fetchone()
    assert conversions > 0 and repeats == 2
    assert claims == facts - conversions - repeats
    assert (
        unattributed
        == con.execute(
            "select count(*) from main.facts where organisation is null"
            " and not is_conversion and not is_repeat"
        ).fetchone()[0]
    )


def test_compute_claims_belong_to_the_labelled_organisation(
    con: duckdb.DuckDBPyConnection,
) -> None:
    claims = {
        text: (organisation, country)
        for text, organisation, country in con.execute(
            "select text, organisation, country from main.compute_capacity"
            " where text in ('300 petaflops', '2 exaflops')"
        ).fetchall()
    }
    assert claims == {"300 petaflops": ("Huawei", "CN"), "2 exaflops": ("unattributed", None)}
    exaflops = con.execute(
        "select exaflops from main.compute_capacity where text = '2 exaflops'"
    ).fetchone()[0]
    assert exaflops == pytest.approx(2.0)


def test_investments_hold_investment_funding_and_deals_only(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select text, organisation, measure, currency, amount_usd, stated_amount_usd"
            " from main.investments"
        ).fetchall()
    }
    assert rows["500 billion yuan"][:3] == ("Tencent", "investment", "CNY")
    assert rows["500 billion yuan"][3] > 5e10
    assert rows["HK$2.5 billion"][:2] == ("unattributed", "investment")
    assert rows["HK$1.18 billion"][:2] == ("AInnovation", "funding")
    assert rows["HK$1.18 billion"][4] == 151e6  # the article's own conversion, kept beside it
    assert {"$151 million", "700 million yuan", "HK$10 billion"}.isdisjoint(rows)
    measures = con.execute("select distinct measure from main.investments").fetchall()
    assert {m for (m,) in measures} <= {"investment", "funding", "deal_value"}


def test_company_financials_hold_revenue_profit_loss_and_valuation_by_period(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = con.execute(
        "select organisation, measure, period, text, currency, amount from main.company_financials"
        " order by measure, period, lang, text"
    ).fetchall()
    assert rows == [
        ("AInnovation", "loss", "2021", "300 million yuan", "CNY", 3e8),
        ("AInnovation", "loss", "2021", "3亿元", "CNY", 3e8),
        ("AInnovation", "revenue", "2021", "700 million yuan", "CNY", 7e8),
        ("AInnovation", "revenue", "2021", "7亿元人民币", "CNY", 7e8),
        ("AInnovation", "valuation", None, "HK$10 billion", "HKD", 1e10),
    ]


def test_market_shares_are_market_share_claims_with_their_market(
    con: duckdb.DuckDBPyConnection,
) -> None:
    shares = con.execute("select text, organisation, market from main.market_shares").fetchall()
    assert shares == [("80%", "Nvidia", "AI accelerators")]  # not the 12% growth


def test_organisations_list_each_name_with_its_aliases_and_claims_per_language(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select organisation, kind, country, is_listed, count_claims, count_claims_en,"
            " count_claims_zh, count_claims_vi, count_articles, aliases, origins"
            " from main.organisations where organisation in"
            " ('AInnovation', 'Reykjavik Utility', 'Cambricon')"
        ).fetchall()
    }
    # a repeat and a conversion are not claims of their own
    assert rows["AInnovation"][:8] == ("ai_company", "CN", True, 7, 4, 3, 0, 2)
    assert "创新奇智" in rows["AInnovation"][8] and rows["AInnovation"][9] == ["seed"]
    assert rows["Reykjavik Utility"][:8] == (None, None, False, 1, 1, 0, 0, 1)
    assert rows["Reykjavik Utility"][8:] == ([], [])
    assert rows["Cambricon"][2:4] == (True, 0)
    listed, distinct = con.execute(
        "select count(*) filter (where is_listed), count(distinct organisation)"
        " from main.organisations"
    ).fetchone()
    assert listed > 400 and distinct == listed + 1


def test_fact_agreement_pairs_one_claim_across_sources_and_languages(
    con: duckdb.DuckDBPyConnection,
) -> None:
    pairs = con.execute(
        """
        select measure, period, text, other_text, compared_in, round(relative_difference, 3),
               agrees, is_cross_language, sentence, other_sentence
        from main.fact_agreement
        where organisation = 'AInnovation'
        order by measure
        """
    ).fetchall()
    by_measure = {p[0]: p[1:] for p in pairs}
    assert sorted(by_measure) == ["funding", "loss", "revenue"]  # one valuation: no pair
    # two sources giving different IPO proceeds: a disagreement, listed
    funding = by_measure["funding"]
    assert {funding[1], funding[2]} == {"HK$1.18 billion", "15亿港元"}
    assert funding[0] is None and funding[3:7] == ("unit", 0.213, False, True)
    # the same revenue and loss of 2021, in English and in Chinese
    assert by_measure["revenue"][0] == "2021" and by_measure["revenue"][4:6] == (0.0, True)
    assert by_measure["loss"][5] is True
    assert {by_measure["revenue"][7], by_measure["revenue"][8]} == {
        "AInnovation's revenue was 700 million yuan in 2021, and it posted a loss of 300"
        " million yuan.",
        "创新奇智2021年营收为7亿元人民币,亏损3亿元。",  # NFKC: a comma
    }
    # nothing unattributed, no repeat or conversion, never two facts of one article
    stray = con.execute(
        """
        select count(*) from main.fact_agreement as g
        join main.facts as f on f.fact_id in (g.fact_id, g.other_fact_id)
        where f.organisation is null or f.is_repeat or f.is_conversion
            or g.article_id = g.other_article_id
        """
    ).fetchone()
    assert stray == (0,)


def test_the_bundled_samples_list_one_ipo_agreeing_and_disagreeing_across_languages(
    tmp_path: Path,
) -> None:
    """The claim engine's own labels on the two sample reports of one IPO (English, then
    Chinese a day later): the half-year revenue agrees, the proceeds do not (gross against
    net), and each headline figure repeated in its lede is paired once."""
    settings = Settings(warehouse=str(tmp_path / "ipo.duckdb"))
    load_paths(sorted(SAMPLES.glob("1[34]_*_moore_threads_ipo.txt")), settings)
    with open_warehouse(settings.warehouse) as con:
        pairs = con.execute(
            """
            select measure, period, value, other_value, unit, other_unit, relative_difference,
                   agreement_tolerance, agrees, lang, other_lang, is_cross_language
            from main.fact_agreement where organisation = 'Moore Threads' order by measure
            """
        ).fetchall()
        count_pairs = con.execute("select count(*) from main.fact_agreement").fetchone()[0]
    assert count_pairs == len(pairs) == 2
    by_measure = {p[0]: p[1:] for p in pairs}
    assert sorted(by_measure) == ["funding", "revenue"]
    assert by_measure["revenue"][0] == "2025-H1" and by_measure["funding"][0] is None
    for measure, (
        _,
        value,
        other,
        unit,
        other_unit,
        difference,
        tolerance,
        agrees,
        *langs,
    ) in by_measure.items():
        assert unit == other_unit == "CNY", measure
        assert difference == pytest.approx(abs(value - other) / max(value, other)), measure
        assert agrees is (difference <= tolerance), measure
        assert sorted(langs[:2]) == ["en", "zh"] and langs[2] is True
    assert by_measure["revenue"][7] is True and by_measure["funding"][7] is False


SHARES = {
    "Memory shares in English": """Memory shares in English
By Test Writer | March 4, 2025

Acme held 41% of the DRAM market in 2024. Acme held 12% of the NAND market in 2024.
Acme held 30% of the AI chip market in 2024.
""",
    "Memory shares again": """Memory shares again
By Other Writer | March 6, 2025

Acme had a 40% share of the DRAM market in 2024. Acme had a 20% share of the NAND market in 2024.
""",
    "甲公司份额": """甲公司份额
2025年3月5日

2024年甲公司在DRAM市场的份额为39%。2024年甲公司在AI芯片市场的份额为31%。
""",
}
ACME = {"measure": "market_share", "organisation": "Acme", "subject": "Acme", "period": "2024"}
ACME_ZH = {**ACME, "subject": "甲公司"}
SHARE_LABELS = {
    "Memory shares in English": {
        "41%": {**ACME, "market": "DRAM"},
        "12%": {**ACME, "market": "NAND"},
        "30%": {**ACME, "market": "AI chip"},
    },
    "Memory shares again": {
        "40%": {**ACME, "market": "DRAM"},
        "20%": {**ACME, "market": "NAND"},
    },
    "甲公司份额": {
        "39%": {**ACME_ZH, "market": "DRAM"},
        "31%": {**ACME_ZH, "market": "AI芯片"},
    },
}


def test_market_shares_pair_within_one_named_market_across_languages(tmp_path: Path) -> None:
    for i, text in enumerate(SHARES.values()):
        (tmp_path / f"share_{i}.txt").write_text(text, encoding="utf-8")
    settings = Settings(warehouse=str(tmp_path / "shares.duckdb"))
    load_paths([tmp_path], settings, claims_by_text(SHARE_LABELS))
    with open_warehouse(settings.warehouse) as con:
        pairs = con.execute(
            "select least(text, other_text), greatest(text, other_text), agrees"
            " from main.fact_agreement order by all"
        ).fetchall()
    assert pairs == [
        ("12%", "20%", False),  # NAND, in two English sources
        ("39%", "40%", True),  # DRAM, in English and in Chinese
        ("39%", "41%", True),
        ("40%", "41%", True),
    ]  # never DRAM against NAND; 'AI chip' and 'AI芯片' are not known to be one market


def test_the_agreement_tolerance_is_the_one_migrate_was_configured_with(
    warehouse: str, tmp_path: Path
) -> None:
    from newsfacts.dq_config import RowRules

    copy = tmp_path / "tolerance.duckdb"
    copy.write_bytes(Path(warehouse).read_bytes())
    with open_warehouse(copy, rules=RowRules(agreement_tolerance=0.25)) as con:
        agrees = con.execute(
            "select agreement_tolerance, agrees from main.fact_agreement"
            " where organisation = 'AInnovation' and measure = 'funding'"
        ).fetchall()
    assert agrees == [(0.25, True)]
    with open_warehouse(copy, rules=RowRules(agreement_window_days=0)) as con:
        measures = con.execute(
            "select measure from main.fact_agreement where organisation = 'AInnovation'"
            " order by all"
        ).fetchall()
    assert measures == [("loss",), ("revenue",)]  # a day apart, with no period: not paired


def test_unlabelled_facts_stay_in_facts_but_out_of_the_claim_marts(
    con: duckdb.DuckDBPyConnection,
) -> None:
    unlabelled, in_marts = con.execute(
        """
        select
            count(*) filter (where measure is null),
            (select count(*) from main.money_claims where measure is not null)
                + (select count(*) from main.market_shares)
        from main.facts
        """
    ).fetchone()
    assert unlabelled > 50  # the samples, which no test labels
    assert (
        in_marts
        == con.execute(
            "select count(*) from main.facts where measure is not null and kind <> 'compute'"
            " and not is_repeat and not is_conversion and measure not in ('growth')"
        ).fetchone()[0]
    )


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
