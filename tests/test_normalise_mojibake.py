"""The fast mojibake test and the ftfy gate agree exactly with ftfy itself."""

from __future__ import annotations

import ftfy
import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.normalise import decode_bytes
from newsfacts.normalise.decode import _FTFY_CONFIG, fix_mojibake, ftfy_would_change
from newsfacts.normalise.mojibake import (
    MAX_MATCH,
    TRIGGERS,
    derive_triggers,
    looks_like_mojibake,
)

from .conftest import SAMPLES, SEEDS, needs_shared

# Mojibake-prone characters next to the text articles are made of.
_MESSY = (
    list("aAzZ09 .,;:!?'\"&<>#\n\r\t")
    + list("ÃÂâ€œ™š¢£Ÿž\xa0\xad®©°·»«–—´×²³ØÙàµ√≈‚ÄвЂВГРСβΒΓΞΟā¦¡")
    + list("\x80\x85\x9d\x1b\u2028\ufeff\ufb01\uff10")
    + list("ảạđươẫệốềữờ算力亿元，。“”‘’…")
)
MESSY_TEXT = st.text(alphabet=st.sampled_from(_MESSY), max_size=120)
MOJIBAKE = [
    "Nvidiaâ€™s â€œBlackwellâ€\x9d",
    "dÃ©jÃ\xa0 vu",
    "voilÃ le travail",
    "cafÃ©",
    "Ã la carte",  # at the very start: an alternative anchored with '^'
    "ГўВЂВњquotedГўВЂВќ",
]


def test_triggers_are_derived_from_the_installed_ftfy() -> None:
    derived = derive_triggers(BADNESS_RE)
    assert derived is not None, "ftfy's regex changed shape: the fast path is off"
    triggers, longest = derived
    assert (triggers, longest) == (TRIGGERS, MAX_MATCH)
    assert 0 < MAX_MATCH <= 8
    # clean Vietnamese lower-case letters and ASCII never trigger the regex
    assert not TRIGGERS & set("abcxyz 0123456789.,ảạđươẫệốềữờăâêô")


@pytest.mark.parametrize("text", MOJIBAKE)
def test_known_mojibake_is_found(text: str) -> None:
    assert is_bad(text)
    assert looks_like_mojibake(text)
    wrapped = "clean words before it. " + text + " and after"
    assert looks_like_mojibake(wrapped) == is_bad(wrapped)


@needs_shared(SEEDS)
def test_agrees_with_ftfy_on_the_corpora() -> None:
    texts = [decode_bytes(p.read_bytes()) for p in [*SAMPLES.iterdir(), *SEEDS.iterdir()]]
    assert len(texts) >= 15
    for text in texts:
        assert looks_like_mojibake(text) == is_bad(text)
        for line in text.splitlines():
            assert looks_like_mojibake(line) == is_bad(line)
    assert any(is_bad(t) for t in texts)  # the mojibake sample is among them


@settings(max_examples=1500, deadline=None)
@given(MESSY_TEXT)
def test_agrees_with_ftfy_on_generated_text(text: str) -> None:
    assert looks_like_mojibake(text) == is_bad(text)


@settings(max_examples=800, deadline=None)
@given(MESSY_TEXT)
def test_ftfy_is_skipped_only_when_it_would_change_nothing(text: str) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not ftfy_would_change(text):
        assert ftfy.fix_and_explain(text, _FTFY_CONFIG).text == text


def test_clean_text_skips_ftfy_and_records_nothing() -> None:
    text = "Sản lượng tăng 30%, đạt 5,6 tỷ nhân dân tệ. 算力达到300P，投资56亿元。"
    assert not ftfy_would_change(text)
    assert fix_mojibake(text) == (text, ())
    assert fix_mojibake("Nvidiaâ€™s chips")[1][0].startswith("ftfy: mojibake")


def test_html_with_windows_line_breaks_is_not_sent_through_ftfy() -> None:
    page = "<html>\r\n<body>\r\n<p>Sản lượng “tăng” 30%</p>\r\n</body></html>\r\n"
    fixed, repairs = fix_mojibake(page)
    assert repairs == ()
    assert "\r" not in fixed and fixed.count("\n") == 4


def test_clean_articles_in_every_language_skip_ftfy() -> None:
    skipped = {
        p.name
        for p in SAMPLES.iterdir()
        if p.suffix == ".txt" and not ftfy_would_change(decode_bytes(p.read_bytes()))
    }
    assert {
        "06_zh_gb18030_guian_zhisuan_center.txt",
        "07_vi_viettel_trung_tam_du_lieu.txt",
        "12_opinion_compute_gap.txt",
    } <= skipped
