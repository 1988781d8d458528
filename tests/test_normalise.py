"""Normalisation end to end on the seed articles and the bundled samples."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from newsfacts.model import Article
from newsfacts.normalise import normalise_document, normalise_text
from newsfacts.pipeline import extract_article_facts
from newsfacts.read import read_file
from newsfacts.settings import Settings
from schemas.facts import facts_frame
from tests.conftest import SAMPLES, SEEDS, skip_without_shared

VI_IMAGE_MARKER = re.compile(r"- Ảnh \d+\.$")


def seed(prefix: str) -> Path:
    skip_without_shared(SEEDS)
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def article(path: Path, settings: Settings | None = None) -> Article:
    return normalise_document(read_file(path), settings or Settings())


def non_empty_lines(path: Path) -> list[str]:
    """The file's non-empty lines as normalisation leaves them (quotes, spaces)."""
    lines = path.read_text("utf-8").splitlines()
    return [normalise_text(line) for line in lines if line.strip()]


def chunk(a: Article, index: int) -> str:
    p = a.paragraphs[index]
    return a.text[p.start : p.end]


def roles_of(a: Article, role: str) -> list[str]:
    return [a.text[p.start : p.end] for p in a.paragraphs if p.role == role]


# ---------------------------------------------------------------- seeds

SEED_EXPECTED = {
    # prefix: (title line index in the file, published_at, publisher)
    "000": (0, datetime(2022, 1, 31), "Recode China AI"),
    "001": (0, datetime(2022, 1, 24, 18, 6), "Global Times"),
    "002": (0, None, "Trí Thức Trẻ"),
    "003": (1, datetime(2020, 7, 7, 21, 33), None),
    "004": (0, None, None),
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_metadata_and_language(prefix: str) -> None:
    title_line, published_at, publisher = SEED_EXPECTED[prefix]
    a = article(seed(prefix))
    assert a.lang == "en"
    assert not a.is_mixed_language
    assert a.title == non_empty_lines(seed(prefix))[title_line]
    assert a.published_at == published_at
    assert a.publisher == publisher


def test_seed_000_newsletter_keeps_one_article_with_sections() -> None:
    a = article(seed("000"))
    headings = roles_of(a, "heading")
    assert len(headings) == 4
    assert a.author == "Recode China AI"
    assert a.published_at_source is not None and "2022" in a.published_at_source
    # every body paragraph belongs to the heading above it
    current = None
    for p in a.paragraphs:
        if p.role == "heading":
            current = a.text[p.start : p.end].rstrip(":")
        if p.role == "body":
            assert p.section == current
    facts = facts_frame([a], {a.article_id: extract_article_facts(a)}, "test")
    sections = facts["section"].to_list()
    assert None not in sections
    assert len(set(sections)) == 4
    for start, section in zip(facts["start"], sections, strict=True):
        heading_above = max(
            (p for p in a.paragraphs if p.role == "heading" and p.start < start),
            key=lambda p: p.start,
        )
        assert section == a.text[heading_above.start : heading_above.end].rstrip(":")


def test_seed_000_head_and_footer_roles() -> None:
    a = article(seed("000"))
    assert [p.role for p in a.paragraphs[:4]] == ["title", "title", "byline", "byline"]
    assert a.paragraphs[4].role == "heading"
    last_body = max(p.index for p in a.paragraphs if p.role == "body")
    footer = a.paragraphs[last_body + 1 :]
    assert len(footer) == 7
    assert {p.role for p in footer} == {"boilerplate"}
    assert all(p.section is None for p in footer)


def test_seed_001_dateline_caption_and_trailing_publisher() -> None:
    a = article(seed("001"))
    assert [p.role for p in a.paragraphs[:4]] == ["title", "byline", "caption", "caption"]
    assert a.paragraphs[2].role_reason == "photo credit"
    assert "repeats paragraph 2" in (a.paragraphs[3].role_reason or "")
    assert a.paragraphs[-1].role == "boilerplate"
    assert "\u00a0" not in a.text
    assert any("non-breaking" in w for w in a.warnings)


def test_seed_002_vietnamese_captions_in_translated_article() -> None:
    a = article(seed("002"))
    markers = [p for p in a.paragraphs if VI_IMAGE_MARKER.search(a.text[p.start : p.end])]
    assert len(markers) == 6
    for p in markers:
        assert (p.role, p.lang, p.role_reason) == ("caption", "vi", "image marker")
    # the short English description after a marker is its caption ...
    for p in markers[1:]:
        description = a.paragraphs[p.index + 1]
        assert (description.role, description.lang) == ("caption", "en")
        assert description.role_reason == "description after an image marker"
    # ... but running text after a marker stays body
    assert a.paragraphs[markers[0].index + 1].role == "body"
    assert sum(p.role == "caption" for p in a.paragraphs) == 11
    assert a.lang == "en"
    assert not a.is_mixed_language
    assert a.is_translated
    assert a.translation_evidence == (
        "6 captions in vi in an article in en",
        "Source : credit to a vi-language site (Trí Thức Trẻ)",
    )
    assert a.author == "Tram Ho"
    assert a.paragraphs[1].role == "byline"
    footer = a.paragraphs[-3:]
    assert [p.role for p in footer] == ["boilerplate"] * 3


def test_seed_002_machine_translation_spacing_is_kept_for_spans() -> None:
    """``US $ 4.9 billion`` stays as written: facts index it verbatim."""
    a = article(seed("002"))
    assert "US $ 4.9 billion" in a.text


def test_seed_003_kicker_is_boilerplate_and_title_follows() -> None:
    a = article(seed("003"))
    assert [p.role for p in a.paragraphs[:4]] == ["boilerplate", "title", "byline", "caption"]
    assert a.paragraphs[0].role_reason == "head: breadcrumb"


def test_seed_004_is_plain_running_text() -> None:
    a = article(seed("004"))
    assert a.paragraphs[0].role == "title"
    assert {p.role for p in a.paragraphs[1:]} == {"body"}
    assert a.author is None
    assert not a.is_translated


def test_no_seed_is_marked_translated_except_002() -> None:
    translated = {prefix for prefix in SEED_EXPECTED if article(seed(prefix)).is_translated}
    assert translated == {"002"}


# ---------------------------------------------------------------- samples


def sample(name: str) -> Path:
    (path,) = SAMPLES.glob(f"{name}*")
    return path


def test_mixed_chinese_english_sample() -> None:
    a = article(sample("05_zh_en"))
    assert a.lang == "zh"
    assert a.is_mixed_language
    langs = {p.lang for p in a.paragraphs if p.role in ("body", "heading")}
    assert langs == {"zh", "en"}
    assert a.published_at == datetime(2025, 11, 26)
    assert a.publisher == "科技前沿网"
    assert a.paragraphs[1].role == "byline"
    english = [p for p in a.paragraphs if p.role == "body" and p.lang == "en"]
    assert english and all(p.section is not None for p in english)
    # full-width digits and percent signs became ASCII
    assert not re.search("[０-９％]", a.text)
    assert a.paragraphs[-1].role == "boilerplate"
    assert not a.is_translated


def test_vietnamese_sample() -> None:
    a = article(sample("07_vi"))
    assert a.lang == "vi"
    assert not a.is_mixed_language
    assert {p.lang for p in a.paragraphs if p.role == "body"} == {"vi"}
    assert a.title == non_empty_lines(sample("07_vi"))[0]
    assert a.published_at == datetime(2025, 11, 24)
    assert a.author == "Hoàng Anh"
    assert [p.role for p in a.paragraphs[:3]] == ["title", "byline", "byline"]
    assert not a.is_translated


def test_translated_vietnamese_sample_mirrors_seed_002() -> None:
    a = article(sample("02_vn"))
    assert a.lang == "en"
    assert a.is_translated
    assert a.publisher == "Báo Đầu Tư"
    assert a.author == "Minh Khang"
    assert a.published_at == datetime(2024, 4, 23, 10, 15)
    captions = [p for p in a.paragraphs if p.role == "caption"]
    assert [p.lang for p in captions] == ["vi", "en"] * 3


def test_gb18030_sample_is_decoded_and_dated() -> None:
    path = sample("06_zh_gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    a = article(path)
    assert a.warnings[0] == "decoded as gb18030 (detected)"
    assert a.lang == "zh"
    assert a.title == normalise_text(path.read_bytes().decode("gb18030").splitlines()[0])
    assert a.published_at == datetime(2025, 11, 26, 10, 32)
    assert a.publisher == "黔南科技报"
    assert a.author == "王芳"
    assert "\ufffd" not in a.text


def test_mojibake_html_sample_is_repaired() -> None:
    a = article(sample("09_india"))
    assert "â€" not in a.text and "Ã" not in a.text
    assert "déjà vu" in a.text
    assert any(w.startswith("ftfy: mojibake") for w in a.warnings)
    assert a.publisher == "The Economic Ledger"
    assert a.author == "Priya Raghavan"
    assert a.published_at == datetime(2024, 3, 8)
    assert a.media_type == "text/html"


def test_html_sample_metadata_and_no_chrome() -> None:
    a = article(sample("08_eu"))
    assert a.paragraphs[0].role == "title"
    assert a.title is not None and a.text.startswith(a.title)
    assert a.publisher == "Digital Continent"
    assert a.author == "Marta Kowalska"
    assert a.published_at == datetime(2025, 10, 14)
    assert "cookie" not in a.text.lower()


def test_html_kicker_and_title_are_not_repeated() -> None:
    a = article(sample("11_asiatech"))
    assert a.paragraphs[0].role == "boilerplate"
    assert [p.role for p in a.paragraphs[1:3]] == ["title", "byline"]
    assert a.text.count(a.title or "\0") == 1


def test_zero_width_and_nbsp_sample() -> None:
    a = article(sample("04_industries"))
    assert not re.search("[\u200b\u200c\u200d\u2060\ufeff\u00a0]", a.text)
    assert "14.5 billion yuan" in a.text
    assert any("zero-width" in w for w in a.warnings)
    assert a.published_at == datetime(2024, 6, 18, 21, 33)


def test_wire_byline_gives_author_and_date() -> None:
    a = article(sample("10_wire"))
    assert a.author == "Kenji Watanabe"
    assert a.published_at == datetime(2025, 11, 26)
    assert a.paragraphs[-1].role == "boilerplate"


def test_undated_opinion_piece() -> None:
    a = article(sample("12_opinion"))
    assert a.published_at is None
    assert a.published_at_source is None


@pytest.mark.parametrize(
    "path",
    sorted(SEEDS.glob("*.txt")) + sorted(p for p in SAMPLES.iterdir() if p.suffix != ".jsonl"),
    ids=lambda p: p.name,
)
def test_every_article_is_well_formed_and_deterministic(path: Path) -> None:
    a = article(path)
    assert a == article(path)
    previous_end = -1
    for i, p in enumerate(a.paragraphs):
        assert p.index == i
        assert previous_end < p.start < p.end <= len(a.text)
        text = a.text[p.start : p.end]
        assert text == text.strip() and "\n" not in text
        assert p.role_reason
        assert (p.lang is None) == (p.lang_confidence is None)
        previous_end = p.end
    (first_title,) = [p for p in a.paragraphs if p.role_reason in ("first line", "document title")]
    assert a.text[first_title.start : first_title.end] == a.title
    assert a.fingerprint is not None
    assert a.lang in {"en", "zh", "vi"}


def test_languages_come_from_settings() -> None:
    a = article(seed("002"), Settings(languages=("en", "zh")))
    assert {p.lang for p in a.paragraphs} <= {"en", "zh", None}
    assert not any("captions in vi" in e for e in a.translation_evidence)
