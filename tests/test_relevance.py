"""The relevance prefilter on raw bytes: off-topic web-archive pages skip extraction."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.relevance import KEYWORDS, Relevance
from newsfacts.settings import Settings
from newsfacts.warc import read_warc

ON_TOPIC = [
    # English, in several shapes: plural, capitals, a keyword in the title only
    "<p>The operator will add 40,000 GPUs to its Virginia campus by March.</p>",
    "<h1>NEW DATA CENTRE FOR LEEDS</h1><p>Planning approval came on Tuesday.</p>",
    "<p>Its Data Centers segment earned $4.1 billion in the quarter.</p>",
    "<p>The machine reaches 1.2 exaflops on the HPL benchmark.</p>",
    "<title>Chipmaker books record orders</title><p>Shares rose 6%.</p>",
    "<p>A sovereign AI cluster of 8 petaflops opens in Nairobi.</p>",
    # Chinese, simplified and traditional
    "<p>该园区新增算力3000P,总投资45亿元。</p>",
    "<p>全省智算中心上架率达到七成。</p>",
    "<p>新建數據中心將於明年啟用,投資約20億港元。</p>",
    "<p>台積電先進封裝產能吃緊,晶片交期拉長。</p>",
    # Vietnamese
    "<p>Tập đoàn khởi công trung tâm dữ liệu 200 MW tại Bình Dương.</p>",
    "<p>Doanh nghiệp đầu tư 1.000 tỷ đồng vào siêu máy tính phục vụ nghiên cứu.</p>",
    "<p>Ngành bán dẫn Việt Nam cần 50.000 kỹ sư vào năm 2030.</p>",
]

OFF_TOPIC = [
    "<p>The home side won 3-1 after a late penalty in the second half.</p>",
    "<p>Bake the loaf for 40 minutes until golden; the recipe serves six.</p>",
    "<p>Voters in the district go to the polls on Sunday, officials said.</p>",
    "<p>Rain is forecast across the north of the country until Friday.</p>",
    # Latin keywords only inside other words: "gpu" in "gpuzzle", "npu" in "inputs"
    "<p>The gpuzzle app teaches inputs and outputs to children.</p>",
    "<p>主队在补时阶段攻入制胜一球,球迷欢呼。</p>",
    "<p>今年春节假期国内旅游出游人次同比增长。</p>",
    "<p>Đội tuyển giành chiến thắng 2-0 trong trận giao hữu tối qua.</p>",
    "<p>Giá xăng giảm nhẹ từ 15 giờ chiều nay.</p>",
]


def page(body: str, encoding: str = "utf-8") -> bytes:
    return f"<html><head><meta charset='{encoding}'></head><body>{body}</body></html>".encode(
        encoding
    )


@pytest.mark.parametrize("body", ON_TOPIC)
def test_pages_about_ai_computing_are_kept(body: str) -> None:
    assert Relevance().is_relevant(page(body))


@pytest.mark.parametrize("body", OFF_TOPIC)
def test_pages_about_other_things_are_off_topic(body: str) -> None:
    assert not Relevance().is_relevant(page(body))


@pytest.mark.parametrize(
    ("body", "encoding"),
    [("<p>主队在补时阶段攻入制胜一球。</p>", "gb18030"), ("<p>比賽今晚開始。</p>", "big5")],
)
def test_a_page_not_in_utf8_cannot_be_judged_and_is_kept(body: str, encoding: str) -> None:
    assert Relevance().is_relevant(page(body, encoding))


def test_every_language_has_its_keywords() -> None:
    assert {"en", "zh", "vi"} <= KEYWORDS.keys()
    assert {"gpu", "data center"} <= set(KEYWORDS["en"])
    assert {"算力", "智算"} <= set(KEYWORDS["zh"])
    assert "trung tâm dữ liệu" in KEYWORDS["vi"]


def test_keyword_lists_come_from_a_file(tmp_path: Path) -> None:
    words = tmp_path / "keywords.toml"
    words.write_text('en = ["penalty"]\nvi = ["giá xăng"]\n', encoding="utf-8")
    relevance = Relevance.from_toml(words)
    assert relevance.is_relevant(page(OFF_TOPIC[0]))  # "penalty"
    assert relevance.is_relevant(page(OFF_TOPIC[-1]))  # "Giá xăng"
    assert not relevance.is_relevant(page(ON_TOPIC[0]))  # the defaults are replaced
    assert Settings(keywords_file=str(words)).relevance == relevance
    bad = tmp_path / "bad.toml"
    bad.write_text("en = 'gpu'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="en must be a list of strings"):
        Relevance.from_toml(bad)


def test_keep_offtopic_turns_the_prefilter_off() -> None:
    assert Settings().relevance == Relevance()
    assert Settings(keep_offtopic=True).relevance is None


def write_pages(path: Path, bodies: list[str]) -> None:
    """A WARC.gz of one HTML 200 response per body, and a request before each."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, body in enumerate(bodies):
            url = f"https://news.example.net/{i}.html"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(page(body)), http_headers=headers
                )
            )


def test_the_warc_reader_counts_off_topic_pages_and_keeps_the_rest(tmp_path: Path) -> None:
    bodies = [b for pair in zip(OFF_TOPIC, ON_TOPIC, strict=False) for b in pair]
    path = tmp_path / "news.warc.gz"
    write_pages(path, bodies)

    filtered = read_warc(path, relevance=Relevance())
    everything = read_warc(path)

    assert filtered.errors == everything.errors == []
    assert filtered.skipped_offtopic == len(OFF_TOPIC)
    assert len(filtered.raws) == len(bodies) - len(OFF_TOPIC)
    assert everything.skipped_offtopic == 0 and len(everything.raws) == len(bodies)
    kept = {r.content for r in filtered.raws}
    assert kept == {page(b) for b in bodies if b in ON_TOPIC}
    # chunks count what they skipped on the way to their limit
    first = read_warc(path, limit=3, relevance=Relevance())
    rest = read_warc(path, start=first.next_offset, relevance=Relevance())
    assert first.skipped_offtopic + rest.skipped_offtopic == len(OFF_TOPIC)
    assert len(first.raws) + len(rest.raws) == len(filtered.raws)


@pytest.mark.slow
def test_a_run_records_the_pages_it_skipped_and_keep_offtopic_keeps_them(
    prefect_harness, tmp_path: Path
) -> None:
    from flows.etl import etl
    from warehouse.db import connect

    path = tmp_path / "news.warc.gz"
    write_pages(path, ON_TOPIC[:3] + OFF_TOPIC[:4])
    filtered = Settings(warehouse=str(tmp_path / "f.duckdb"), publish_path="")
    kept = Settings(warehouse=str(tmp_path / "k.duckdb"), publish_path="", keep_offtopic=True)

    first = etl([str(path)], filtered)
    # four pages without facts fail the articles_with_facts_share check: the run still loads
    etl([str(path)], kept, return_state=True)

    assert (first.count_offtopic, first.counts.raw_documents) == (4, 3)
    for settings, expected in ((filtered, (4, 3)), (kept, (0, 7))):
        con = connect(settings.warehouse, read_only=True)
        try:
            row = con.execute(
                "select count_skipped_offtopic, (select count(*) from raw.raw_documents)"
                " from main.runs"
            ).fetchone()
        finally:
            con.close()
        assert row == expected
