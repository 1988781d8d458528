"""Decoding bytes of unknown encoding and repairing the text."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.normalise import decode_bytes, normalise_text
from newsfacts.normalise.decode import (
    _CONTROL,
    _FTFY_CHARACTERS,
    _LINE_BREAK_CHAR,
    _ODD_SPACES,
    _OTHER_SPACE,
    _RARE,
    _ZERO_WIDTH,
    _nfkc_of,
    decode_document,
    nfkc_changes,
    nfkc_stop_in,
    repair_text,
    repair_text_mapped,
    uncurl_quotes,
)
from newsfacts.normalise.offsets import SourceMap, sub

CHINESE = "商汤科技人工智能计算中心二期正式投入运营,算力达到3.74百亿亿次。" * 3


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        ("\ufeffNvidia’s H100".encode(), "utf-8"),
        ("Nvidia’s H100".encode("utf-16"), "utf-16-le"),
        (b"\xfe\xff" + "Nvidia’s H100".encode("utf-16-be"), "utf-16-be"),
        ("Nvidia’s H100".encode("utf-32"), "utf-32-le"),
        ("Nvidia’s H100 算力".encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_byte_order_marks_and_utf16(content: bytes, encoding: str) -> None:
    decoded = decode_document(content)
    assert decoded.encoding == encoding
    assert decoded.text.lstrip("\ufeff").startswith("Nvidia’s H100")


def test_gb18030_is_detected_and_decoded_with_the_superset() -> None:
    decoded = decode_document(CHINESE.encode("gb18030"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == CHINESE
    assert decoded.repairs == ("decoded as gb18030 (detected)",)


def test_windows_1252_is_detected() -> None:
    text = "The café’s “déjà vu” costs €5 — naïve résumé. " * 4
    decoded = decode_document(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding == "cp1252"


def test_html_meta_charset_is_used() -> None:
    html = '<html><head><meta charset="gbk"></head><body><p>算力规模达到300P</p></body></html>'
    decoded = decode_document(html.encode("gbk"))
    assert "算力规模达到300P" in decoded.text
    assert decoded.encoding == "gb18030"
    assert decoded.repairs == ("decoded as gb18030 (declared in <meta>)",)


def test_utf8_text_is_not_reported_as_repaired() -> None:
    decoded = decode_document(b"Plain text, 42%.")
    assert (decoded.text, decoded.encoding, decoded.repairs) == ("Plain text, 42%.", "utf-8", ())


def test_mojibake_is_repaired_and_recorded() -> None:
    broken = "Nvidiaâ€™s â€œBlackwellâ€\x9d dÃ©jÃ\xa0 vu"  # UTF-8 read as Windows-1252
    text, repairs = repair_text(broken)
    assert text == 'Nvidia\'s "Blackwell" déjà vu'
    assert repairs and repairs[0].startswith("ftfy: mojibake")


def test_full_width_digits_become_ascii() -> None:
    text, repairs = repair_text("投资５６亿元，增长３０％")
    assert text == "投资56亿元,增长30%"
    assert text == unicodedata.normalize("NFKC", text)
    assert repairs


def test_invisible_characters_and_odd_spaces() -> None:
    raw = "14.5\u00a0billion\u202fyuan\u200b from\u205fTencent\u2060\u00ad.\r\nNext\u2028line\x07"
    text, repairs = repair_text(raw)
    assert text == "14.5 billion yuan from Tencent.\nNext\nline"
    assert "removed 3 zero-width characters" in repairs
    assert "replaced 3 non-breaking or wide spaces" in repairs
    assert any("remove_control_chars" in r for r in repairs)


def test_ideographic_space_is_a_space() -> None:
    assert normalise_text("算力\u3000300P") == "算力 300P"


def test_quotes_are_normalised_to_ascii() -> None:
    assert normalise_text("China’s “AI” ‘push’") == "China's \"AI\" 'push'"


def test_whitespace_is_collapsed_and_blank_lines_kept_single() -> None:
    assert normalise_text("  a  \t b \n\n\n\n c \n") == "a b\n\nc"


def test_machine_translation_spacing_is_left_alone() -> None:
    assert normalise_text("raised US $ 4.9 billion .” said") == 'raised US $ 4.9 billion ." said'


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_decode_never_raises_on_arbitrary_bytes(content: bytes) -> None:
    decoded = decode_document(content)
    assert isinstance(decoded.text, str)
    assert decode_bytes(content) == decoded.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_normalise_text_is_tidy_on_any_text(text: str) -> None:
    out = normalise_text(text)
    assert out == out.strip()
    assert out == unicodedata.normalize("NFKC", out)
    assert "\n\n\n" not in out and "\r" not in out
    assert not any(ch in out for ch in "\u200b\u200d\ufeff\u00a0\u3000\t")
    assert all(line == line.strip() for line in out.split("\n"))


# Text as articles hold it (no mojibake-looking Latin-1 letters): one pass is enough.
ARTICLE_TEXT = st.text(
    alphabet=st.sampled_from(
        list("abcXYZ019 ,.%$:;!?'\"\n\t\u00a0\u200b\u3000’“”") + list("ảạđươẫ算力亿元０５％，")
    ),
    max_size=300,
)


@settings(max_examples=300, deadline=None)
@given(ARTICLE_TEXT)
def test_normalise_text_is_idempotent_on_article_text(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once


# Written for this test: mostly ASCII, with a few multi-byte characters (¥, €) in the figures.
FEW_SYMBOLS = (
    "Kitsune Cloud will invest ¥1.5 trillion in AI data centres, the company said.\n\n"
    "The first campus reaches 10 exaflops by 2027; a second adds €2 billion of capacity.\n\n"
    "Analysts expect the market to grow 35% a year.\n"
)


@pytest.mark.parametrize("bad", [b"\xff", b"\x8f", b"\x81", b"\xa0", b"\xe9"])
def test_utf8_with_a_few_bad_bytes_stays_utf8(bad: bytes, tmp_path) -> None:
    """Three invalid bytes in UTF-8 with fewer multi-byte characters than that: still UTF-8.

    The figures (¥, €) survive, and the article carries a warning that becomes a
    ``decode`` ingest_errors row.
    """
    from newsfacts.pipeline import process_documents
    from newsfacts.settings import Settings

    content = FEW_SYMBOLS.encode()
    for word in (b"invest", b"campus", b"Analysts"):
        content = content.replace(word, word + bad, 1)
    decoded = decode_document(content)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 3
    assert "¥1.5 trillion" in decoded.text and "€2 billion" in decoded.text
    assert decoded.repairs == ("undecodable bytes replaced: 3 invalid UTF-8",)

    path = tmp_path / "damaged.txt"
    path.write_bytes(content)
    batch = process_documents([path], Settings(warehouse=str(tmp_path / "w.duckdb")))
    texts = {f.text for facts in batch.facts.values() for f in facts}
    assert {"¥1.5 trillion", "€2 billion", "10 exaflops"} <= texts
    assert [(e.stage, e.error.split(";")[0]) for e in batch.errors] == [
        ("decode", "warning: undecodable bytes replaced: 3 invalid UTF-8")
    ]


def test_cp1252_with_accents_is_not_taken_for_damaged_utf8() -> None:
    """A cp1252 text with many accented letters is not taken for damaged UTF-8."""
    text = "Le café de René à Orléans coûte 5 €, dit Hélène. Ça a été très cher. " * 3
    decoded = decode_document(text.encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert decoded.text == text


ALL_CHARACTERS = "".join(map(chr, range(0x110000)))


def test_the_plain_text_check_finds_every_character_the_skipped_steps_act_on() -> None:
    """A text without ``_RARE`` characters skips the line-break, ftfy-character, odd
    space, zero-width, control, superscript and other-whitespace scans."""
    found = set(_RARE.findall(ALL_CHARACTERS))
    for pattern in (
        _FTFY_CHARACTERS,
        _LINE_BREAK_CHAR,
        _ODD_SPACES,
        _ZERO_WIDTH,
        _CONTROL,
        _OTHER_SPACE,
        re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]"),
    ):
        assert set(pattern.findall(ALL_CHARACTERS)) <= found, pattern.pattern
    assert not found & set("\n abcAZ09,.'\"-ăđơư商汤，。")


# characters NFKC maps one for one (full-width forms, ligature-free compatibility
# letters), ones it does not (…, ﬁ, ①, ㎡), combining marks and Hangul jamo that compose
NFKC_CHARACTERS = (
    "商汤科技算力Aa1 ，。：（）！？％＄１２Ａｂ…ﬁ①㎡℃™\u0301\u0308ㄱㅏ가각é"
    "\u1100\u1161\u11a8ｶﾞﾟ\u0b47\u0b3e\u0f73𝐀한국어"
)


@pytest.mark.parametrize(
    "text",
    [
        "阿里云：投资３８０亿元（约５３亿美元），用于ＡＩ基础设施。",
        "Ｎｖｉｄｉａ sold ＨＢＭ at ＄２ billion",
        "ㄱㅏ compatibility jamo compose",
        "e\u0301 and ﬁnance… ① ㎡",
        "plain ASCII text, nothing to fold",
    ],
)
def test_the_nfkc_map_without_the_loop_is_the_loop_s(text: str) -> None:
    assert_nfkc_map_as_the_loop(text)


@given(st.text(alphabet=st.sampled_from(NFKC_CHARACTERS), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_nfkc_map_without_the_loop_on_generated_text(text: str) -> None:
    assert_nfkc_map_as_the_loop(text)


def assert_nfkc_map_as_the_loop(text: str) -> None:
    smap = SourceMap.identity(len(text))
    mapped, folded = sub(nfkc_changes(), _nfkc_of, text, smap)
    if not nfkc_stop_in(text):
        assert mapped == unicodedata.normalize("NFKC", text)
        assert folded is smap
    repaired, _, repaired_map = repair_text_mapped(text)
    assert repaired == normalise_text(text)
    assert repaired_map is not None and len(repaired_map) == len(repaired)


def test_nfkc_acts_one_character_for_one_on_text_without_its_stops() -> None:
    """Sampled pairs of every character but the stops: NFKC of the pair is that of each."""
    planes = [*range(0xD800), *range(0xE000, 0x10000), *range(0x1D400, 0x1F300)]
    pool = [ch for ch in map(chr, planes) if not nfkc_stop_in(ch)]
    rng = random.Random(20261203)
    for _ in range(50_000):
        a, b = rng.choice(pool), rng.choice(pool)
        na, nb = unicodedata.normalize("NFKC", a), unicodedata.normalize("NFKC", b)
        assert (len(na), len(nb)) == (1, 1)
        assert unicodedata.normalize("NFKC", a + b) == na + nb, (a, b)
    assert nfkc_stop_in("ㄱㅏ") and nfkc_stop_in("e\u0301")  # they compose
    assert not nfkc_stop_in("阿里云：投资３８０亿元（约５３亿美元）。한국 𝐀 \U0002f800")
    assert nfkc_stop_in("\U00010781") and nfkc_stop_in("\U0001f600")  # planes not read


def test_uncurling_quotes_is_ftfy_s_on_every_character() -> None:
    import ftfy.fixes

    assert uncurl_quotes(ALL_CHARACTERS) == ftfy.fixes.uncurl_quotes(ALL_CHARACTERS)
    assert uncurl_quotes("“Nvidia’s” ‘H100’ „x‟ ʼ‚‛") == "\"Nvidia's\" 'H100' \"x\" '''"
