"""The extraction's shortcuts read as the patterns they stand in for.

Extraction runs a paragraph's case-blind patterns only where a cheap test on the
lower-cased text passes, builds its word alternations as tries, and builds each fact
once at its article offsets. These cases hold the shortcuts to what the full patterns
do, most of all where lower-casing and a case-blind pattern part: ı, İ and ſ, which
``sre`` reads as i and s.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.extract import extract_facts
from newsfacts.extract import lexicon as lx
from newsfacts.normalise.offsets import SourceMap


def facts_of(text: str, lang: str = "en") -> list[tuple]:
    return [
        (f.kind, f.text, f.value, f.unit, f.status, f.qualifier) for f in extract_facts(text, lang)
    ]


# (text, language, the cut-off mention's text and unit): quarantined with no value
CUT_OFF = [
    ("Capex came to about $420 billi", "en", "$420 billi", "USD"),
    ("Capex came to about $420 BILLI", "en", "$420 BILLI", "USD"),
    ("Capex came to about $420 BİLLİ", "en", "$420 BİLLİ", "USD"),
    ("Capex came to about $420 bıllı", "en", "$420 bıllı", "USD"),
    ("Staff grew to 3 thouſa", "en", "3 thouſa", None),
    ("The index rose 5 Perce", "en", "5 Perce", "%"),
    ("Its peak is 1.2 ExaFl", "en", "1.2 ExaFl", "FLOPS"),
    ("Hệ thống đạt khoảng 5 tỷ Đồn", "vi", "5 tỷ Đồn", "VND"),
    ("Doanh thu 7 TRIỆ", "vi", "7 TRIỆ", None),
    ("项目投资1200亿美", "zh", "1200亿美", "USD"),
    ("另有300万港", "zh", "300万港", "HKD"),
]


@pytest.mark.parametrize(("text", "lang", "mention", "unit"), CUT_OFF)
def test_cut_off_numbers_are_found_in_any_case(
    text: str, lang: str, mention: str, unit: str | None
) -> None:
    found = [f for f in extract_facts(text, lang) if f.text == mention]
    assert len(found) == 1, extract_facts(text, lang)
    fact = found[0]
    assert fact.status == "quarantined" and fact.value is None
    assert fact.unit == unit
    assert fact.reason and fact.reason.startswith("number cut off")


@pytest.mark.parametrize(
    ("text", "lang", "mention", "kind"),
    [
        ("The cluster is reaching EFLOPS soon", "en", "EFLOPS", "compute"),
        ("The cluster is Reaching\t ExaFlops soon", "en", "ExaFlops", "compute"),
        ("İt should be reaching PFLOPS", "en", "PFLOPS", "compute"),
        ("算力达到 EFLOPS", "zh", "EFLOPS", "compute"),
        ("算力达到EFLOPS", "zh", "EFLOPS", "compute"),
        ("Hệ thống đạt tới TFLOPS", "vi", "TFLOPS", "compute"),
        # the long s reads as s to the pattern but not to lower(): found, with no unit
        ("The cluster is reaching EFLOPſ soon", "en", "EFLOPſ", "money"),
    ],
)
def test_flops_with_no_number_are_found(text: str, lang: str, mention: str, kind: str) -> None:
    found = [f for f in extract_facts(text, lang) if f.text == mention]
    assert len(found) == 1, extract_facts(text, lang)
    assert found[0].status == "quarantined" and found[0].kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "The cluster is reaching  in EFLOPS",  # a unit label, not a lost number
        "The cluster reached 2 EFLOPS",
        "EFLOPS are the unit here",
        "The cluster is reaching  \t \t",
    ],
)
def test_flops_after_other_words_are_left_alone(text: str) -> None:
    assert not [f for f in extract_facts(text, "en") if f.status == "quarantined"]


@pytest.mark.parametrize(
    ("text", "lang", "qualifier"),
    [
        ("ABOUT $5 BILLION was raised", "en", "about"),
        ("It was NEARLY 40 PERCENT of sales", "en", "nearly"),
        ("Revenue was aſ much aſ $5 billion", "en", "aſ much aſ"),
        ("It could reach Up\tTo 3 exaFLOPS", "en", "up to"),
        ("Costs fell by approx. 12% last year", "en", "approx."),
        ("Menos del 5 por ciento", "es", "menos del"),
        ("alrededor de 5 millones de dólares", "es", "alrededor de"),
        ("Doanh thu đạt KHOẢNG 5 tỷ đồng", "vi", "khoảng"),
        ("投资约 12 亿美元", "zh", "约"),
        ("融资超过30亿元", "zh", "超过"),
    ],
)
def test_qualifiers_are_found_in_any_case(text: str, lang: str, qualifier: str) -> None:
    assert [f.qualifier for f in extract_facts(text, lang)] == [qualifier]


def test_numbers_after_other_words_take_no_qualifier() -> None:
    for text in ("The tower is 40 percent done", "Sales in 2024 rose 5%", "a de 5 por ciento"):
        assert all(f.qualifier is None for f in extract_facts(text, "en")), text


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("RM5 million", 5e6, "MYR"),
        ("Rs 500 crore", 5e9, "INR"),
        ("$US5 million", 5e6, "USD"),
        ("U.S.$5", 5.0, "USD"),
        ("US $5", 5.0, "USD"),
        ("It cost 5\t-\tbillion dollars", 5e9, "USD"),
        ("It cost 5 BILLION dollars", 5e9, "USD"),
        ("It cost 5 \u212a dollars", 5e3, "USD"),  # the kelvin sign reads as k
    ],
)
def test_prefixes_and_scales_are_read(text: str, value: float, unit: str) -> None:
    [fact] = extract_facts(text, "en")
    assert (fact.value, fact.unit) == (pytest.approx(value), unit)


def test_letters_before_a_number_are_no_currency_unless_a_word() -> None:
    assert facts_of("The xRM5 board and the BRM5 chip") == []
    assert [f[1] for f in facts_of("pesos ARS5 and XARS5, yuan RMB5 and RMBX5")] == ["ARS5", "RMB5"]


def test_chinese_compute_forms_follow_the_number() -> None:
    found = facts_of("3.74百亿亿次，300P 算力, 3000 京次, 1080P 高清视频", "zh")
    assert [(t, v) for _, t, v, *_ in found] == [
        ("3.74百亿亿次", pytest.approx(3.74e18)),
        ("300P", pytest.approx(3e17)),
        ("3000 京次", pytest.approx(3e19)),
    ]


# Paragraphs and where each starts in an invented article.
PARAGRAPHS = [
    ("Acme raised $5 billion (HK$39 billion) and about 12% more.", "en"),
    ("The cluster delivers 3 to 5 exaFLOPS, up from 1.2 EFLOPS.", "en"),
    ("寒武纪营收约 12 亿元，同比增长 35%，算力达 300P。", "zh"),
    ("Doanh thu đạt 5,6 tỷ đồng, tăng từ 2 lên 3 tỷ USD.", "vi"),
    ("La empresa invirtió 5 mil millones de dólares, un 20 por ciento más.", "es"),
    ("Capex came to about $420 billi", "en"),
]


@pytest.mark.parametrize(("text", "lang"), PARAGRAPHS)
@pytest.mark.parametrize("offset", [0, 7, 1234])
def test_facts_built_at_their_offsets_are_the_shifted_facts(
    text: str, lang: str, offset: int
) -> None:
    length = offset + len(text)
    maps = [
        None,
        SourceMap.identity(length),
        SourceMap(None, None, length, 40),
        SourceMap([2 * i for i in range(length)], [2 * i + 2 for i in range(length)]),
    ]
    for source_map in maps:
        shifted = [f.shifted(offset, source_map) for f in extract_facts(text, lang)]
        assert shifted
        assert extract_facts(text, lang, offset=offset, source_map=source_map) == shifted


WORDS = st.lists(
    st.sampled_from(sorted(set(lx.SCALE_WORDS) | {n for n in lx.NAMES if n.isascii()})),
    min_size=1,
    max_size=12,
    unique=True,
)


@settings(max_examples=150, deadline=None)
@given(WORDS, st.lists(st.sampled_from([" ", "\t", "  ", "s", "x", "-", "5", "."]), max_size=6))
def test_a_trie_alternation_matches_as_the_longest_first_list(
    words: list[str], glue: list[str]
) -> None:
    """``lexicon._alt`` is a prefix trie; it matches what the flat list did, longest first."""
    flat = "|".join(
        r"[ \t]+".join(map(re.escape, w.split(" ")))
        for w in sorted(set(words), key=len, reverse=True)
    )
    text = "".join(w + g for w, g in zip(words, [*glue, *[" "] * len(words)], strict=False))
    text = text + " " + text.upper() + " " + text.title()
    for flags in (0, re.IGNORECASE):
        trie_re = re.compile(rf"(?:{lx._alt(words)})(?![^\W\d_])", flags)
        flat_re = re.compile(rf"(?:{flat})(?![^\W\d_])", flags)
        for i in range(len(text) + 1):
            a, b = trie_re.match(text, i), flat_re.match(text, i)
            assert (a and a.span()) == (b and b.span()), (text, i)
