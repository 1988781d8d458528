"""Paragraph and article language, mixed-language articles, translation evidence."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.model import Paragraph
from newsfacts.normalise import split_paragraphs
from newsfacts.normalise.language import (
    MAX_DETECT_CHARS,
    MIXED_SHARE,
    TRANSLATION_NOTE,
    article_language,
    detect_language,
    han_count,
    language_detector,
    language_shares,
    languages_and_weights,
    letter_count,
    text_weight,
    translation_evidence,
    with_languages,
)
from newsfacts.normalise.roles import assign_roles

LANGS = ("en", "zh", "vi")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The data center will provide 300 petaflops of computing power.", "en"),
        ("该中心一期投资56亿元,算力达到3.74百亿亿次。", "zh"),
        ("英伟达发布新一代GPU,单卡算力大幅提升。", "zh"),
        ("Trung tâm dữ liệu mới có công suất tính toán 2,5 exaFLOPS.", "vi"),
        ("Tập đoàn công bố kế hoạch đầu tư vào trí tuệ nhân tạo", "vi"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    got, confidence = detect_language(text, LANGS)
    assert got == lang
    assert 0.5 <= confidence <= 1.0


@pytest.mark.parametrize("text", ["", "--", "12,345 / 67", "• ·"])
def test_no_language_without_letters(text: str) -> None:
    assert detect_language(text, LANGS) == (None, 0.0)


def test_language_set_is_configurable() -> None:
    text = "Trung tâm dữ liệu mới có công suất tính toán lớn nhất cả nước."
    assert detect_language(text, ("en", "zh"))[0] in {"en", "zh"}
    assert detect_language(text, ("en", "vi", "de"))[0] == "vi"
    # a language outside the set is unknown rather than forced into one of it
    assert detect_language("算力规模达到300P", ("en", "vi"))[0] is None
    assert detect_language("Any text at all", ("en",)) == ("en", 1.0)


def test_detector_is_built_once_per_language_set() -> None:
    assert language_detector(("en", "zh")) is language_detector(("en", "zh"))
    assert language_detector(("en", "zh")) is not language_detector(("en", "vi"))


def test_unknown_language_code_is_an_error() -> None:
    with pytest.raises(ValueError, match="xx"):
        language_detector(("en", "xx"))


def test_han_characters_weigh_more_than_latin_letters() -> None:
    assert text_weight("abc") == 3
    assert text_weight("算力") == 6
    assert text_weight("AI 算力 2025") == 2 + 6


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300) | st.text(st.characters(max_codepoint=127), max_size=300))
def test_letters_and_han_characters_are_counted_one_by_one(text: str) -> None:
    assert letter_count(text) == len(re.findall(r"[^\W\d_]", text))
    assert han_count(text) == len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", text))


def paragraphs(*specs: tuple[str, str, str | None]) -> tuple[str, list[Paragraph]]:
    """Text and paragraphs from (text, role, lang) triples, one per line."""
    text = "\n".join(chunk for chunk, _, _ in specs)
    out, pos = [], 0
    for i, (chunk, role, lang) in enumerate(specs):
        out.append(Paragraph(i, pos, pos + len(chunk), role, lang))  # type: ignore[arg-type]
        pos += len(chunk) + 1
    return text, out


def test_article_language_is_the_majority_of_body_text() -> None:
    text, ps = paragraphs(
        ("Title in English", "title", "en"),
        ("Một đoạn văn dài bằng tiếng Việt về trung tâm dữ liệu mới.", "body", "vi"),
        ("Another long paragraph in Vietnamese would go here too ok.", "caption", "en"),
        ("Thêm một đoạn văn nữa bằng tiếng Việt về đầu tư công nghệ.", "body", "vi"),
    )
    shares = language_shares(text, ps)
    assert shares == {"vi": 1.0}
    assert article_language(shares) == ("vi", False)


def test_mixed_language_needs_a_substantial_second_language() -> None:
    zh = "商汤科技宣布人工智能计算中心二期正式投入运营。"
    en = "SenseTime said the second phase is now running at full capacity."
    text, ps = paragraphs((zh, "body", "zh"), (en, "body", "en"))
    shares = language_shares(text, ps)
    assert list(shares) == ["zh", "en"]
    assert shares["en"] >= MIXED_SHARE
    assert article_language(shares) == ("zh", True)
    text, ps = paragraphs((zh * 6, "body", "zh"), ("Short English.", "body", "en"))
    assert article_language(language_shares(text, ps)) == ("zh", False)


def test_no_body_falls_back_to_other_text_and_empty_is_none() -> None:
    text, ps = paragraphs(("Only a title here", "title", "en"), ("--", "boilerplate", None))
    assert article_language(language_shares(text, ps)) == ("en", False)
    assert article_language({}) == (None, False)


def test_translation_evidence_from_captions_credit_and_notes() -> None:
    caption = "Trung tâm dữ liệu mới của tập đoàn tại Hà Nội - Ảnh 1."
    text, ps = paragraphs(
        ("A translated article", "title", "en"),
        ("Body text of the article in English, long enough to count.", "body", "en"),
        (caption, "caption", "vi"),
        ("Short", "caption", "vi"),
        ("This article was machine translated.", "body", "en"),
        ("Source : Báo Đầu Tư", "boilerplate", "vi"),
    )
    evidence = translation_evidence(text, ps, "en", LANGS)
    assert evidence == (
        "1 caption in vi in an article in en",
        "Source : credit to a vi-language site (Báo Đầu Tư)",
        "note: 'machine translated'",
    )


@pytest.mark.parametrize(
    ("line", "note"),
    [
        ("It was Machine-Translated overnight.", "Machine-Translated"),
        ("AUTOMATICALLY TRANSLATED text", "AUTOMATICALLY TRANSLATED"),
        ("Tranſlated by a service", "Tranſlated by"),  # a long s is an s to the note
        ("via Google Translate", "Google Translate"),
        ("Bản Dịch của Báo Đầu Tư", "Bản Dịch"),
        ("DỊCH TỪ báo gốc", "DỊCH TỪ"),
        ("本文译自英文", "译自"),
        ("本文由编译自外媒", "编译自"),
        ("采用机器翻译", "机器翻译"),
    ],
)
def test_translation_notes_in_any_case(line: str, note: str) -> None:
    assert translation_evidence(line, [], "en", LANGS) == (f"note: {note!r}",)


NOTE_PIECES = st.sampled_from(
    [
        *("machine", "auto", "matic", "ally", "translat", "TRANSLAT", "tranſlat", "ed", "e"),
        *("google", "bản", "dịch", "DỊCH", "bởi", "机器翻", "编", "译", "自", "x"),
        *(" ", "-", " by", " từ"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(NOTE_PIECES, max_size=10).map("".join))
def test_every_translation_note_is_found(text: str) -> None:
    notes = tuple(dict.fromkeys(f"note: {m.group(0)!r}" for m in TRANSLATION_NOTE.finditer(text)))
    assert translation_evidence(text, [], "en", LANGS) == notes


def test_no_translation_evidence_for_a_native_article() -> None:
    text, ps = paragraphs(
        ("A native article", "title", "en"),
        ("Body text of the article in English, long enough to count.", "body", "en"),
        ("Servers in the new hall of the data center. Photo: Someone", "caption", "en"),
        ("Source: Example News", "boilerplate", "en"),
    )
    assert translation_evidence(text, ps, "en", LANGS) == ()


def test_language_benchmark_runs_and_reports_cost_per_paragraph(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_language.py"
    subprocess.run(
        [sys.executable, str(script), "--rounds", "2", "--json", str(out)],
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text("utf-8"))
    assert result["paragraphs"] > 100
    # a generous bound: catches a detector rebuilt per call, not machine noise
    assert 0 < result["stage_ms_per_paragraph"] < 2.0


def test_the_weights_counted_with_the_languages_are_each_paragraph_s_text_weight() -> None:
    long_vi = "Trung tâm dữ liệu mới có công suất tính toán 2,5 exaFLOPS và 80 MW điện. " * 5
    text = "\n".join(
        [
            "Viettel mở trung tâm dữ liệu AI",
            long_vi.strip(),  # over MAX_DETECT_CHARS: its weight is the whole paragraph's
            "阿里云宣布投资3800亿元建设AI基础设施,算力规模扩大。" * 9,
            "Nvidia shipped 10,000 H200 accelerators, worth about ¥45 billion, to the site.",
            "—",
        ]
    )
    paragraphs = assign_roles(text, split_paragraphs(text))
    detected, weights = languages_and_weights(text, paragraphs, LANGS)
    assert len(text[paragraphs[1].start : paragraphs[1].end]) > MAX_DETECT_CHARS
    assert weights == [text_weight(text[p.start : p.end]) for p in paragraphs]
    assert detected == with_languages(text, paragraphs, LANGS)
    expected = [detect_language(text[p.start : p.end], LANGS) for p in paragraphs]
    assert [(p.lang, p.lang_confidence or 0.0) for p in detected] == expected
    assert language_shares(text, detected, weights) == language_shares(text, detected)
    assert language_shares(text, detected)["zh"] > 0.3
