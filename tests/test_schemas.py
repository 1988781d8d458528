"""Row-level contracts: every fact either loads or is quarantined with the checks it failed."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.dq_config import DEFAULT_GROWTH_WORDS, RowRules
from newsfacts.growth import growth_pattern
from newsfacts.ids import fact_id_for, sha256_hex
from newsfacts.model import Article, Fact, Paragraph
from newsfacts.pipeline import Batch
from schemas.batch import validate_batch

TEXT = (
    "Revenue grew 250% year-on-year. It claims a 250% share of the market. "
    "The cluster runs at 1.2 exaFLOPS and will reach 900 zettaFLOPS. "
    "It raised HK$2 billion ($900 million) and 500 million yuan ($69 million). "
    "Margins were 60% to 40% this year."
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def fact(kind: str, needle: str, value: float | None, unit: str | None, **kw: object) -> Fact:
    nth = int(kw.pop("nth", 0))
    start, end = span(TEXT, needle, nth)
    return Fact(kind, needle, start, end, value, kw.pop("value_high", None), unit, **kw)


def article(text: str = TEXT, published: datetime | None = datetime(2024, 5, 13)) -> Article:
    content_hash = sha256_hex(text.encode())
    return Article(
        article_id=content_hash[:16],
        source_uri="file:///test.txt",
        content_hash=content_hash,
        text=text,
        paragraphs=(Paragraph(0, 0, len(text), "body", "en"),),
        published_at=published,
        lang="en",
    )


def validated(facts: list[Fact], art: Article | None = None, rules: RowRules | None = None):
    art = art or article()
    return validate_batch(Batch(articles=[art], facts={art.article_id: facts}), "test", rules)


def quarantined_checks(result) -> dict[str, list[str]]:
    q = result.frames["quarantined_facts"]
    return {t: sorted(c) for t, c in zip(q["text"], q["failed_checks"].to_list(), strict=True)}


def test_a_share_over_100_percent_is_quarantined_but_labelled_growth_is_not() -> None:
    growth = fact("percent", "250%", 250.0, "%")
    share = fact("percent", "250%", 250.0, "%", nth=1)
    result = validated([growth, share])
    assert result.frames["facts"]["start"].to_list() == [growth.start]
    q = result.frames["quarantined_facts"]
    assert q["start"].to_list() == [share.start]
    assert q["failed_checks"].to_list() == [["percent_in_range_for_measure"]]
    assert q["status"].to_list() == ["quarantined"]


def test_flops_outside_the_plausible_range_are_quarantined() -> None:
    ok = fact("compute", "1.2 exaFLOPS", 1.2e18, "FLOPS")
    absurd = fact("compute", "900 zettaFLOPS", 9e23, "FLOPS")
    result = validated([ok, absurd])
    assert result.frames["facts"]["text"].to_list() == ["1.2 exaFLOPS"]
    assert quarantined_checks(result) == {"900 zettaFLOPS": ["compute_in_plausible_range"]}
    # the range comes from the rules: widen it and the same row loads
    wide = validated([ok, absurd], rules=RowRules(flops_max=1e24))
    assert wide.frames["quarantined_facts"].height == 0


def test_a_conversion_off_the_ecb_rate_is_quarantined_and_a_fair_one_linked() -> None:
    facts = [
        fact("money", "HK$2 billion", 2e9, "HKD"),
        fact("money", "$900 million", 9e8, "USD"),
        fact("money", "500 million yuan", 5e8, "CNY"),
        fact("money", "$69 million", 6.9e7, "USD"),
    ]
    result = validated(facts)
    assert quarantined_checks(result) == {"$900 million": ["conversion_matches_ecb"]}
    conversions = result.frames["fact_conversions"].sort("value_from")
    assert conversions["is_within_tolerance"].to_list() == [True, False]
    assert conversions["rate_basis"].to_list() == ["published_date", "published_date"]
    assert conversions["relative_deviation"][1] > 2  # $900M is ~3.5x HK$2bn at ~0.128
    good = result.frames["facts"].filter(pl.col("text") == "$69 million")
    original = fact_id_for(article().article_id, "money", *span(TEXT, "500 million yuan"))
    assert good["conversion_of_fact_id"].to_list() == [original]


def test_value_high_below_value_is_quarantined() -> None:
    result = validated([fact("percent", "60% to 40%", 60.0, "%", value_high=40.0)])
    assert quarantined_checks(result) == {"60% to 40%": ["value_high_at_least_value"]}


def test_a_money_unit_must_be_a_real_iso_4217_code() -> None:
    result = validated(
        [fact("money", "HK$2 billion", 2e9, "HKD"), fact("money", "$900 million", 9e8, "RMB")]
    )
    checks = quarantined_checks(result)
    assert checks["$900 million"] == ["currency_is_iso_4217"]
    assert "HK$2 billion" not in checks


def test_text_must_equal_the_article_slice() -> None:
    start, end = span(TEXT, "1.2 exaFLOPS")
    shifted = Fact("compute", "1.2 exaFLOPS", start + 1, end + 1, 1.2e18, None, "FLOPS")
    result = validated([shifted])
    assert result.frames["facts"].height == 0
    assert quarantined_checks(result) == {"1.2 exaFLOPS": ["text_matches_article"]}


def test_a_fact_of_an_unknown_article_is_quarantined_not_dropped() -> None:
    art = article()
    orphan = fact("compute", "1.2 exaFLOPS", 1.2e18, "FLOPS")
    batch = Batch(articles=[art], facts={art.article_id: [], "0123456789abcdef": [orphan]})
    # facts_frame only emits facts of known articles; build the orphan row by hand
    from schemas.facts import facts_frame

    rows = facts_frame([art], {art.article_id: [orphan]}, "test").with_columns(
        pl.lit("0123456789abcdef").alias("article_id")
    )
    from schemas.batch import with_context
    from schemas.conversions import FACT_CONVERSION_COLUMNS
    from schemas.facts import fact_contract
    from schemas.validate import split_valid

    articles = validate_batch(batch, "test").frames["articles"]
    framed = with_context(rows, articles, pl.DataFrame(schema=FACT_CONVERSION_COLUMNS), RowRules())
    result = split_valid(framed, fact_contract(RowRules()))
    assert result.good.height == 0
    assert result.quarantined["failed_checks"].to_list() == [
        ["article_exists", "text_matches_article"]
    ]


def test_an_article_with_a_broken_paragraph_is_quarantined_with_its_facts() -> None:
    base = article()
    broken = Article(
        article_id=base.article_id,
        source_uri=base.source_uri,
        content_hash=base.content_hash,
        text=base.text,
        paragraphs=(Paragraph(0, 0, len(TEXT), "not-a-role", "en"),),
    )
    result = validated([fact("compute", "1.2 exaFLOPS", 1.2e18, "FLOPS")], art=broken)
    assert result.frames["articles"].height == 0
    qa = result.frames["quarantined_articles"]
    assert qa["article_id"].to_list() == [base.article_id]
    assert qa["failed_checks"].to_list()[0][0].startswith("paragraphs.role:")
    assert quarantined_checks(result) == {"1.2 exaFLOPS": ["article:quarantined"]}


def test_the_same_document_twice_is_one_article_not_a_uniqueness_failure() -> None:
    art = article()
    facts = [fact("compute", "1.2 exaFLOPS", 1.2e18, "FLOPS")]
    batch = Batch(articles=[art, art], facts={art.article_id: facts})
    result = validate_batch(batch, "test")
    assert result.frames["articles"].height == 1
    assert result.frames["facts"].height == 1
    assert result.frames["quarantined_articles"].height == 0


@pytest.mark.parametrize(
    ("text", "is_growth"),
    [
        ("revenue rose 250%", True),
        ("sales were up 250%", True),
        ("a 250% increase", True),
        ("up to 250%", False),
        ("the prose of 250%", False),
        ("营收同比增长250%", True),
        ("a 250% share", False),
    ],
)
def test_growth_words(text: str, is_growth: bool) -> None:
    assert (growth_pattern(DEFAULT_GROWTH_WORDS).search(text.lower()) is not None) is is_growth


KINDS = st.sampled_from(["compute", "money", "percent"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            KINDS,
            st.integers(0, len(TEXT) - 2),
            st.integers(1, 20),
            st.one_of(st.none(), st.floats(-10, 1e25, allow_nan=False)),
            st.sampled_from([None, "FLOPS", "%", "USD", "HKD", "XYZ", "RMB"]),
            st.booleans(),
        ),
        max_size=12,
    )
)
def test_nothing_is_dropped_silently(rows: list[tuple]) -> None:
    """Property: every fact lands in exactly one of facts / quarantined_facts."""
    facts = []
    for kind, start, length, value, unit, broken in rows:
        end = min(start + length, len(TEXT))
        facts.append(
            Fact(
                kind,
                TEXT[start:end],
                start,
                end,
                value,
                None,
                unit,
                "quarantined" if broken else "valid",
                "broken" if broken else None,
            )
        )
    result = validated(facts)
    good, bad = result.frames["facts"], result.frames["quarantined_facts"]
    expected = {fact_id_for(article().article_id, f.kind, f.start, f.end) for f in facts}
    loaded = good["fact_id"].to_list() + bad["fact_id"].to_list()
    assert set(loaded) == expected
    assert set(good["fact_id"]).isdisjoint(set(bad["fact_id"]))
    assert bad["reason"].null_count() == 0
    assert all(checks for checks in bad["failed_checks"].to_list())


def test_quarantine_reasons_say_what_was_wrong() -> None:
    result = validated(
        [
            fact("compute", "900 zettaFLOPS", 9e23, "FLOPS"),
            fact("money", "HK$2 billion", 2e9, "HKD"),
            fact("money", "$900 million", 9e8, "USD"),
            fact("percent", "250%", 250.0, "%", nth=1),
        ]
    )
    reasons = dict(
        zip(
            result.frames["quarantined_facts"]["text"],
            result.frames["quarantined_facts"]["reason"],
            strict=True,
        )
    )
    assert reasons["900 zettaFLOPS"] == "9e+23 FLOPS is outside the plausible range [1e+09, 1e+22]"
    assert reasons["250%"] == (
        "250% is outside [0, 100] for a share (no growth word near);"
        " only a growth rate or a ratio may exceed it"
    )
    assert reasons["$900 million"].startswith("stated 900,000,000 USD, but 2,000,000,000 HKD")
    assert "ECB rate of 2024-05-13" in reasons["$900 million"]


CLAIMS = "Acme raised $2 billion in 2024. Its $2 billion round drew Vietnamese funds."


def claimed(nth: int = 0, **claim: object) -> Fact:
    """The nth "$2 billion" of CLAIMS with its claim labelled, in the sentence holding it."""
    start, end = span(CLAIMS, "$2 billion", nth)
    first = CLAIMS.index(".") + 1
    sentence = (0, first) if nth == 0 else (first + 1, len(CLAIMS))
    base = Fact("money", "$2 billion", start, end, 2e9, None, "USD")
    labels = {
        "sentence": CLAIMS[sentence[0] : sentence[1]],
        "sentence_start": sentence[0],
        "sentence_end": sentence[1],
    }
    return replace(base, **{**labels, **claim})


def validated_claims(facts: list[Fact]):
    return validated(facts, art=article(CLAIMS))


def test_claim_labels_load_with_the_fact_and_a_repeat_names_its_first_statement() -> None:
    acme = span(CLAIMS, "Acme")
    its = span(CLAIMS, "Its")
    labels = {"measure": "funding", "measure_evidence": "raised", "organisation": "Acme"}
    first = claimed(
        0,
        **labels,
        subject_text="Acme",
        subject_start=acme[0],
        subject_end=acme[1],
        organisation_evidence="subject",
        period="2024",
        period_evidence="in 2024",
    )
    again = claimed(
        1,
        **labels,
        subject_text="Its",
        subject_start=its[0],
        subject_end=its[1],
        organisation_evidence="pronoun",
        country="VN",
        country_evidence="Vietnamese",
        repeat_of=first.start,
    )
    result = validated_claims([first, again])
    assert result.frames["quarantined_facts"].height == 0
    rows = result.frames["facts"].sort("start").to_dicts()
    assert rows[0]["repeat_of_fact_id"] is None
    assert rows[1]["repeat_of_fact_id"] == rows[0]["fact_id"]
    assert [(r["measure"], r["organisation"], r["subject_text"]) for r in rows] == [
        ("funding", "Acme", "Acme"),
        ("funding", "Acme", "Its"),
    ]
    assert (rows[0]["period"], rows[1]["period"], rows[1]["country"]) == ("2024", None, "VN")
    assert rows[1]["sentence"] == "Its $2 billion round drew Vietnamese funds."
    # a repeat of an offset no fact starts at names nothing
    orphan = validated_claims([replace(again, repeat_of=first.start + 1)]).frames["facts"]
    assert orphan["repeat_of_fact_id"].to_list() == [None]


def test_a_fact_with_no_claim_labels_loads_as_before() -> None:
    result = validated_claims([Fact("money", "$2 billion", 12, 22, 2e9, None, "USD")])
    assert result.frames["quarantined_facts"].height == 0
    row = result.frames["facts"].row(0, named=True)
    assert all(row[c] is None for c in ("measure", "organisation", "sentence", "repeat_of_fact_id"))


@pytest.mark.parametrize(
    ("claim", "check"),
    [
        ({"measure": "capex"}, "measure:isin"),
        ({"country": "Vietnam"}, "country:str_matches"),
        ({"period": "last year"}, "period:str_matches"),
        ({"organisation": "Acme"}, "organisation_iff_subject"),
        (
            {"organisation": "Acme", "subject_text": "Acme", "subject_start": 1, "subject_end": 5},
            "subject_matches_article",
        ),
        (
            {"organisation": "Acme", "subject_text": "Acme", "subject_start": 0, "subject_end": 3},
            "claim_spans_are_ordered; subject_matches_article",
        ),
        ({"sentence": "Acme", "sentence_start": 0, "sentence_end": 4}, "sentence_holds_fact"),
        (
            {"sentence": "X" * 31, "sentence_start": 0, "sentence_end": 31},
            "sentence_matches_article",
        ),
    ],
)
def test_a_claim_breaking_its_contract_is_quarantined_with_the_check(
    claim: dict[str, object], check: str
) -> None:
    result = validated_claims([claimed(0, **claim)])
    assert result.frames["facts"].height == 0
    quarantined = result.frames["quarantined_facts"]
    (failed,) = quarantined["failed_checks"].to_list()
    assert "; ".join(c.split("(")[0] for c in failed) == check
    assert quarantined["reason"][0] != check  # said in words


def test_periods_in_the_stated_forms_pass() -> None:
    for period in ("2021", "2021-Q3", "2021-H1", "2021-03", "2021-01/2021-09", "2020/2025"):
        result = validated_claims([claimed(0, period=period)])
        assert result.frames["quarantined_facts"].height == 0, period
