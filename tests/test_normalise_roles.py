"""Paragraph roles and sections on small hand-written articles, and span properties."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.ids import sha256_hex
from newsfacts.model import Paragraph, RawDocument
from newsfacts.normalise import normalise_document, normalise_text, split_paragraphs
from newsfacts.normalise.language import with_languages
from newsfacts.normalise.roles import (
    BOILERPLATE_PATTERNS,
    CAPTION_MAX_WORDS,
    CAPTION_PATTERNS,
    _anchored,
    _first_of,
    assign_roles,
    boilerplate_reason,
    caption_reason,
    word_count,
)
from newsfacts.settings import Settings
from tests.conftest import SAMPLES

BODY = (
    "The operator said the new cluster will deliver about 2 exaflops of AI compute when it is "
    "fully installed next year, making it the largest in the region by a wide margin."
)
BODY_2 = (
    "Analysts expect demand for training capacity to keep growing as more companies build "
    "their own large models, even though prices for renting accelerators have fallen."
)
BODY_3 = (
    "The company did not say how many accelerators the site holds, but local officials put "
    "the total investment at several billion dollars over the next five years."
)


def roles(text: str, title_hint: str | None = None) -> list[tuple[str, str | None]]:
    text = normalise_text(text)
    paragraphs = assign_roles(text, split_paragraphs(text), title_hint)
    return [(p.role, p.section) for p in paragraphs]


def test_head_byline_dateline_and_footer() -> None:
    text = "\n\n".join(
        [
            "Cluster Opens in the North",
            "By Jane Doe",
            "Updated: 2025-03-02 14:00",
            BODY,
            BODY_2,
            "Share this article",
            "Subscribe to our newsletter",
            "© 2025 Example Media",
        ]
    )
    assert [r for r, _ in roles(text)] == [
        "title",
        "byline",
        "byline",
        "body",
        "body",
        "boilerplate",
        "boilerplate",
        "boilerplate",
    ]


def test_headings_open_sections_until_the_next_heading() -> None:
    text = "\n".join(
        [
            "Weekly Compute Roundup",
            "Example Weekly",
            "4 min readMar 3, 2025",
            "Northern Cluster Goes Live in Record Time",
            BODY,
            BODY_2,
            "Funding Round for a Chip Startup",
            BODY_3,
        ]
    )
    got = roles(text)
    assert got[3] == ("heading", "Northern Cluster Goes Live in Record Time")
    assert got[4:6] == [("body", "Northern Cluster Goes Live in Record Time")] * 2
    assert got[6:] == [
        ("heading", "Funding Round for a Chip Startup"),
        ("body", "Funding Round for a Chip Startup"),
    ]
    assert [r for r, _ in got[:3]] == ["title", "byline", "byline"]


def test_captions_by_credit_and_image_marker() -> None:
    text = "\n".join(
        [
            "A Title Line",
            BODY,
            "Racks of servers in the new hall. Photo: Example Agency",
            BODY_2,
            "Hình ảnh trung tâm dữ liệu mới - Ảnh 2.",
            "Engineers inspect the cooling system.",
            BODY_3 + " " + BODY,
            "新建的数据中心(图片来源:示例)",
            BODY_3,
        ]
    )
    got = [r for r, _ in roles(text)]
    assert got == [
        "title",
        "body",
        "caption",
        "body",
        "caption",
        "caption",
        "body",
        "caption",
        "body",
    ]


# The words and marks the caption patterns are made of, to build lines near them.
CAPTION_WORDS = (
    "Photo Photos Photograph Image Images Picture Pictures Figure Credit credit by Ảnh Hình "
    "图 图片 图源 来源 摄 摄影 Getty Shutterstock AFP AP VCG photo image 3 12 a Xin"
)
CAPTION_TOKENS = st.sampled_from(
    [*CAPTION_WORDS.split(" "), " ", " ", " ", ":", "：", "(", ")", "（", "）", "-", "—", ".", ","]
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Servers in the hall - Photo 2", "image marker"),
        ("The cooling loop (Image 3)", "image marker"),
        ("Growth since 2020 Figure 1.", "image marker"),
        ("A rack Picture 4", "image marker"),
        ("Trung tâm dữ liệu - Hình 1.", "image marker"),
        ("新建的数据中心 图2", "image marker"),
        ("Racks of servers. Photos: Example Agency", "photo credit"),
        ("Racks of servers. Credit: Example Agency", "photo credit"),
        ("Racks of servers, photographed by Lan", None),
        ("Racks of servers. Photograph by Lan Anh", "photo credit"),
        ("Racks of servers (Ảnh: Lan Anh)", "photo credit"),
        ("机房内景 摄影：张三", "photo credit"),
        ("机房内景（摄 张三）", "photo credit"),
        ("Racks of servers Getty Images", "photo credit"),
        ("Racks of servers Shutterstock", "photo credit"),
        ("Racks of servers AFP", "photo credit"),
        ("Racks of servers AP Photo", "photo credit"),
        ("机房内景 VCG", "photo credit"),
        ("The operator said the hall holds 4,000 racks.", None),
    ],
)
def test_caption_reason(line: str, reason: str | None) -> None:
    assert caption_reason(line) == reason


@settings(max_examples=500, deadline=None)
@given(st.lists(CAPTION_TOKENS, min_size=1, max_size=6).map("".join))
def test_caption_reason_is_the_first_caption_pattern_that_matches(line: str) -> None:
    # caption_reason looks for the patterns' words before searching the patterns
    expected = next((name for name, pattern in CAPTION_PATTERNS if pattern.search(line)), None)
    if word_count(line) > 2 * CAPTION_MAX_WORDS:
        expected = None
    assert caption_reason(line) == expected


def test_assign_roles_keeps_what_it_does_not_set() -> None:
    text = f"A Title Line\n{BODY}"
    given_paragraphs = [
        Paragraph(index=i, start=p.start, end=p.end, lang="en", lang_confidence=0.9)
        for i, p in enumerate(split_paragraphs(text))
    ]
    got = assign_roles(text, given_paragraphs)
    assert [(p.role, p.lang, p.lang_confidence) for p in got] == [
        ("title", "en", 0.9),
        ("body", "en", 0.9),
    ]


def test_a_long_paragraph_after_an_image_marker_stays_body() -> None:
    text = "\n".join(["A Title Line", BODY, "Một bức ảnh - Ảnh 1.", BODY_2 + " " + BODY])
    assert [r for r, _ in roles(text)][-1] == "body"


def test_sentences_and_bullets_are_not_headings() -> None:
    text = "\n".join(
        [
            "A Title Line",
            BODY,
            "This short line ends with a period.",
            BODY_2,
            "• a bullet point without a period",
            BODY_3,
        ]
    )
    assert {r for r, _ in roles(text)[1:]} == {"body"}


def test_text_without_a_headline_has_no_title() -> None:
    long_first = " ".join([BODY, BODY_2])
    assert [r for r, _ in roles("\n".join([long_first, BODY_3]))] == ["body", "body"]


def test_html_title_hint_marks_a_kicker_above_it() -> None:
    text = "\n".join(["TECH · CHIPS", "The Real Title", BODY])
    assert [r for r, _ in roles(text, title_hint="The Real Title")] == [
        "boilerplate",
        "title",
        "body",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Share the news now",
        "No responses yet",
        "Written by Example Weekly",
        "Source : Example Site",
        "Refer to ExampleNews",
        "--",
        "We use cookies to improve your experience",
    ],
)
def test_footer_boilerplate(line: str) -> None:
    text = "\n".join(["A Title Line", BODY, BODY_2, line])
    assert roles(text)[-1] == ("boilerplate", None)


def test_repeated_body_paragraph_is_boilerplate() -> None:
    text = "\n".join(["A Title Line", BODY, BODY_2, BODY])
    text = normalise_text(text)
    paragraphs = assign_roles(text, split_paragraphs(text))
    assert paragraphs[3].role == "boilerplate"
    assert paragraphs[3].role_reason == "repeats paragraph 1"


# ---------------------------------------------------------------- properties


def assert_spans_index_text(text: str, paragraphs: list[Paragraph] | tuple[Paragraph, ...]) -> None:
    previous_end = 0
    for i, p in enumerate(paragraphs):
        assert p.index == i
        assert previous_end <= p.start < p.end <= len(text)
        chunk = text[p.start : p.end]
        assert chunk == chunk.strip() and "\n" not in chunk
        previous_end = p.end
    # every non-blank line is exactly one paragraph
    assert len(paragraphs) == sum(1 for line in text.split("\n") if line.strip())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=500))
def test_paragraphs_index_the_text_and_never_overlap(text: str) -> None:
    paragraphs = assign_roles(text, split_paragraphs(text))
    assert_spans_index_text(text, paragraphs)


ARTICLE_LINES = st.lists(
    st.one_of(
        st.sampled_from([BODY, BODY_2, "A Heading Line", "Photo: Someone", "Share", "--", ""]),
        st.text(alphabet="abc XYZ.:,算力ảđ0123456789", max_size=80),
    ),
    max_size=25,
)


@settings(max_examples=200, deadline=None)
@given(ARTICLE_LINES)
def test_roles_on_article_like_text(lines: list[str]) -> None:
    text = normalise_text("\n".join(lines))
    paragraphs = assign_roles(text, split_paragraphs(text))
    assert_spans_index_text(text, paragraphs)
    assert all(p.role_reason for p in paragraphs)
    for p in paragraphs:
        if p.role == "boilerplate":
            assert p.section is None


def raw(content: bytes, media_type: str = "text/plain") -> RawDocument:
    return RawDocument(
        source_uri="mem://doc",
        content=content,
        media_type=media_type,
        content_hash=sha256_hex(content),
        fetched_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["text/plain", "text/html"]))
def test_normalise_document_on_arbitrary_bytes(content: bytes, media_type: str) -> None:
    try:
        article = normalise_document(raw(content, media_type), Settings())
    except ValueError as exc:
        assert "no text" in str(exc) or "no letters or digits" in str(exc)
        return
    assert any(ch.isalnum() for ch in article.text)
    assert_spans_index_text(article.text, article.paragraphs)
    assert article == normalise_document(raw(content, media_type), Settings())


BOILERPLATE_LINES = [
    "Share",
    "share this",
    "Follow us on LinkedIn",
    "Chia sẻ bài viết",
    "分享到微信",
    "3 min read",
    "Written by Lan Pham",
    "12 comments",
    "Leave a reply",
    "Bình luận",
    "评论",
    "Via Nikkei Asia",
    "Tham khảo: Reuters",
    "Source: Tuoi Tre",
    "Nguồn : VnExpress",
    "来源：新华网",
    "Subscribe to our newsletter",
    "We use cookies to improve your experience",
    "Related articles:",
    "Copyright 2025 Asia Tech Daily",
    "© 2025 Example Media",
    "Tags: AI, chips",
    "Đăng ký nhận tin",
    "责任编辑：李明",
    "版权所有 2025",
    "TECH / SEMICONDUCTORS",
    "NEWS » MARKETS",
    "(记者 王芳)",
    "(Reporting by Mai Nguyen; Editing by Tom Hogue)",
    "-----",
    "• • •",
    "The cluster cost $1.2 billion. Share your thoughts below.",
    "Nvidia shares rose 4% on Tuesday.",
    "Viettel chia sẻ kế hoạch đầu tư 2,5 tỷ USD",
    "阿里云宣布投资 3800 亿元",
    "sponsored content from a partner",
    "SHARE ON X",
    "READ MORE",
    "",
]


def boilerplate_reason_by_pattern(line: str) -> str | None:
    return next((name for name, p in BOILERPLATE_PATTERNS if p.search(line)), None)


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_one_search_names_the_first_boilerplate_pattern_that_matches(line: str) -> None:
    assert boilerplate_reason(line) == boilerplate_reason_by_pattern(line)


def test_every_sample_line_gets_the_pattern_by_pattern_boilerplate_reason() -> None:
    lines = {
        line.strip()
        for path in SAMPLES.iterdir()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    }
    assert len(lines) > 100
    assert [boilerplate_reason(line) for line in sorted(lines)] == [
        boilerplate_reason_by_pattern(line) for line in sorted(lines)
    ]


LINE_CHARACTERS = "Sharefollowus sợ©:-/TECHNEWS来源：评论 ()记者"


@given(st.text(alphabet=st.sampled_from(LINE_CHARACTERS), max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_combined_boilerplate_search_on_generated_lines(line: str) -> None:
    assert boilerplate_reason(line) == boilerplate_reason_by_pattern(line)


@pytest.mark.parametrize(
    ("pattern", "anchored"),
    [
        (r"^share$", True),
        (r"^(?:a|b)|^c", True),
        (r"(?:^a|^b)x", True),
        (r"share|^follow", False),
        (r"(?m)^share", False),
        (r"\bshare", False),
    ],
)
def test_only_patterns_anchored_at_the_start_are_searched_as_one(
    pattern: str, anchored: bool
) -> None:
    assert _anchored(re.compile(pattern)) is anchored
    assert (_first_of([("x", re.compile(pattern))]) is not None) is anchored


def test_roles_and_languages_keep_every_other_field_of_a_paragraph() -> None:
    """They build paragraphs field by field: a field added to Paragraph must be passed on."""
    text = "Viettel opens a data centre\n\n" + BODY
    given_values = {
        "index": 7,
        "role": "caption",
        "lang": "vi",
        "section": "Markets",
        "role_reason": "image marker",
        "lang_confidence": 0.5,
    }
    untouched = {f.name for f in fields(Paragraph)} - {"role", "role_reason", "section"}
    for p in split_paragraphs(text):
        paragraph = replace(p, **given_values)
        (with_roles,) = assign_roles(text, [paragraph])
        assert {n: getattr(with_roles, n) for n in untouched} == {
            n: getattr(paragraph, n) for n in untouched
        }
        (with_lang,) = with_languages(text, [paragraph], ("en", "vi"))
        for f in fields(Paragraph):
            if f.name not in ("lang", "lang_confidence"):
                assert getattr(with_lang, f.name) == getattr(paragraph, f.name), f.name
