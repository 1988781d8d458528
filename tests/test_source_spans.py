"""Spans into the user's file: ``source_start``/``source_end`` beside ``start``/``end``.

``start``/``end`` index the normalised article text; for a plain-text input the facts
also point into the decoded source text, through every repair normalisation makes
(mojibake, full-width and compatibility characters, superscripts, odd and zero-width
spaces, CRLF, blank lines, indentation), so that the source's slice normalises to the
fact's text. HTML has no such map: its source spans are null.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.ids import sha256_hex
from newsfacts.model import RawDocument
from newsfacts.normalise import normalise_document, normalise_text
from newsfacts.normalise.decode import repair_text, repair_text_mapped
from newsfacts.pipeline import extract_article_facts
from newsfacts.settings import Settings
from tests.validating import loaded

SETTINGS = Settings()


def source_facts(content: bytes, media_type: str = "text/plain") -> list:
    raw = RawDocument(
        "file:///case.txt",
        content,
        media_type,
        sha256_hex(content),
        datetime(2025, 3, 1, tzinfo=UTC),
    )
    article = normalise_document(raw, SETTINGS)
    return extract_article_facts(article)


def assert_spans_into(source: str, facts: list) -> None:
    assert facts, "no facts"
    for f in facts:
        assert f.source_start is not None and f.source_end is not None, f
        assert normalise_text(source[f.source_start : f.source_end]) == f.text, f


# (the file's text, the mentions its facts must point at in it)
EXAMPLES = [
    ("Acme raised $5 billion.\r\n\r\nIts margin rose 12%.\r\n", ["$5 billion", "12%"]),
    ("  寒武纪营收１２亿元，同比增长３５％。\n", ["１２亿元", "３５％"]),
    (
        "The deal was worth â‚¬5 billion, it said.\nâ€œUp 20%â€\x9d, he added.",
        ["â‚¬5 billion", "20%"],
    ),
    ("Doanh thu đạt\u00a05.000\u200b tỷ đồng, tăng 12%.", ["5.000\u200b tỷ đồng", "12%"]),
    (
        "El Capitan peaks at 10¹⁸ FLOPS.\n\n\n\n\nIt cost $600   million.",
        ["10¹⁸ FLOPS", "$600   million"],
    ),
    ("\ufeffNvidia's revenue was $35.1 billion.", ["$35.1 billion"]),
    ("\t\tThe campus costs ＄２ｂｎ.\n   \n   Power is up ２０ ％ .", ["＄２ｂｎ", "２０ ％"]),
    ("Giá trị: 2,5\u3000tỷ USD\r\nThị phần 30%", ["2,5\u3000tỷ USD", "30%"]),
    ("The ﬁrm’s Q3 revenue hit $9 billion.", ["$9 billion"]),
    ("Tencent投资了５００亿元\u2028并称增长40%。", ["５００亿元", "40%"]),
]


@pytest.mark.parametrize(("text", "mentions"), EXAMPLES)
def test_the_facts_point_at_their_mentions_in_the_file(text: str, mentions: list[str]) -> None:
    facts = source_facts(text.encode())
    source = text.removeprefix("\ufeff")
    assert_spans_into(source, facts)
    found = sorted(source[f.source_start : f.source_end] for f in facts)
    assert found == sorted(mentions)


def test_a_file_in_another_encoding_is_indexed_as_decoded() -> None:
    text = (
        "深圳市人工智能计算中心今日宣布，该中心的算力规模已经达到300 PFLOPS，"
        "项目总投资１２亿元。\r\n"
        "中心负责人表示，预计明年年底前完成二期建设，届时将为本地企业、高校和科研机构提供更多的"
        "计算资源和服务。\r\n"
    )
    facts = source_facts(text.encode("gb18030"))
    assert_spans_into(text, facts)


def test_html_has_no_source_spans() -> None:
    page = b"<html><body><article><p>Acme raised $5 billion for its campus.</p></article></html>"
    facts = source_facts(page, "text/html")
    assert facts and all(f.source_start is None and f.source_end is None for f in facts)


@pytest.mark.parametrize(("text", "mentions"), EXAMPLES)
def test_the_mapped_repair_is_the_repair(text: str, mentions: list[str]) -> None:
    assert repair_text_mapped(text)[:2] == repair_text(text)


PIECES = st.sampled_from(
    [
        *"0123456789 .,%$€",
        "\r\n",
        "\n",
        "\n\n\n",
        "  ",
        "\t",
        "\u00a0",
        "\u3000",
        "\u200b",
        "\u00ad",
        "\x07",
        "１２",
        "％",
        "，",
        "＄",
        "ﬁ",
        "¹⁸",
        "10",
        "’",
        "“",
        "e\u0301",
        "亿元",
        "万",
        " billion",
        " million",
        " percent",
        " tỷ đồng",
        " exaFLOPS",
        "Acme ",
        "rose ",
        "tăng ",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40).map("".join))
def test_a_source_slice_normalises_to_its_fact_s_text(text: str) -> None:
    content = text.encode()
    raw = RawDocument(
        "file:///p.txt", content, "text/plain", sha256_hex(content), datetime.now(UTC)
    )
    try:
        article = normalise_document(raw, SETTINGS)
    except ValueError:
        return  # no letters or digits: no article, so no facts
    assert repair_text_mapped(text)[:2] == repair_text(text)
    assert article.source_map is not None and len(article.source_map) == len(article.text)
    for f in extract_article_facts(article):
        assert 0 <= f.source_start < f.source_end <= len(text)
        assert normalise_text(text[f.source_start : f.source_end]) == f.text


def test_the_warehouse_keeps_source_spans_for_plain_text_only(tmp_path: Path) -> None:
    text = "Acme\r\n\r\n  Acme raised ＄５ billion for its AI campus, up 12%.\r\n"
    page = (
        "<html><body><article><h1>Beta</h1><p>Beta raised $7 billion for its AI campus in"
        " 2025, the company said on Monday.</p></article></body></html>"
    )
    (rows,) = loaded(
        {"acme.txt": text.encode(), "acme.html": page.encode()},
        tmp_path,
        "select f.text, f.source_start, f.source_end, a.media_type from main.facts f"
        " join main.articles a using (article_id) order by f.text",
    )
    plain = [(t, s, e) for t, s, e, media in rows if media == "text/plain"]
    assert sorted(text[s:e] for _, s, e in plain) == ["12%", "＄５ billion"]
    assert all(normalise_text(text[s:e]) == t for t, s, e in plain)
    html = [(s, e) for _, s, e, media in rows if media == "text/html"]
    assert html and all(span == (None, None) for span in html)
