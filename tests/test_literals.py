"""The phrase index under names, places and trigger words, against a brute-force scan."""

from __future__ import annotations

import random
import re

import pytest

from newsfacts.claims.lexicon import MONEY_TRIGGERS, PERCENT_TRIGGERS, compile_triggers
from newsfacts.claims.literals import PhraseIndex, Scans, expand, is_latin_word_char


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"shares? (?:rose|fell)", {"share rose", "shares rose", "share fell", "shares fell"}),
        (r"收[在于]", {"收在", "收于"}),
        (r"per (?:gpu[- ]hour|kwh)", {"per gpu hour", "per gpu-hour", "per kwh"}),
        (r"a{1,3}b", {"ab", "aab", "aaab"}),
        (r"doanh thu(?: thuần)?", {"doanh thu", "doanh thu thuần"}),
    ],
)
def test_expand_lists_every_string_a_finite_pattern_matches(pattern, strings):
    expanded = expand(pattern)
    assert expanded is not None and set(expanded) == strings
    assert all(re.fullmatch(pattern, s) for s in expanded)


@pytest.mark.parametrize(
    "pattern",
    [
        r"market \w+",
        r"(?<!trị )giá",
        r"获得[^，。]{0,40}?投资",
        r"a+b",
        r"[a-z]{3}",
        r"up(?!\s+to)",
    ],
)
def test_expand_refuses_what_is_not_a_small_finite_set(pattern):
    assert expand(pattern) is None


def _brute_force(phrases: list[str], text: str) -> set[tuple[int, int, str]]:
    found = set()
    for phrase in phrases:
        for at in range(len(text)):
            if not text.startswith(phrase, at):
                continue
            if is_latin_word_char(phrase[0]):
                word = re.match(r"[^\W_\u2e80-\u9fff\uf900-\ufaff]+", phrase).group(0)
                after = at + len(word)
                if at > 0 and is_latin_word_char(text[at - 1]):
                    continue
                if after < len(text) and is_latin_word_char(text[after]):
                    continue
            found.add((at, at + len(phrase), phrase))
    return found


PHRASES = [
    "nvidia",
    "nvidia corp.",
    "amd",
    "01.ai",
    "china mobile",
    "china",
    "英伟达",
    "中国移动",
    "中国",
    "360集团",
    "tập đoàn fpt",
    "fpt",
    "/share",
    "per share",
]


@pytest.mark.parametrize(
    "text",
    [
        "nvidia corp. and amd; amdahl is not amd, nor is xnvidia. 01.ai raised.",
        "china mobile's china unit; chinamobile is one word",
        "英伟达与中国移动在中国合作，360集团也在。",
        "英伟达nvidia合作",
        "tập đoàn fpt và fpt-cloud; fptx không phải",
        "$5/share, $6 per share, pershare",
    ],
)
def test_phrase_index_finds_what_a_brute_force_scan_finds(text):
    index = PhraseIndex((p, p) for p in PHRASES)
    assert set(index.find(text)) == _brute_force(PHRASES, text)


def test_phrase_index_agrees_with_brute_force_on_random_texts():
    rng = random.Random(7)
    pieces = [*PHRASES, " ", " ", ", ", "x", "-", "的", "3", "ai"]
    index = PhraseIndex((p, p) for p in PHRASES)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        expected = {h for h in _brute_force(PHRASES, text) if start <= h[0] and h[1] <= end}
        assert set(index.find(text, start, end)) == expected, (text, start, end)


@pytest.mark.parametrize("lang", ["en", "zh", "vi"])
def test_trigger_table_finds_what_its_expressions_find(lang):
    """The indexed triggers give the same matches as scanning every entry's expression."""
    texts = {
        "en": "Revenue rose 12% to $3 billion, while net profit per share fell; capex of $5 "
        "billion; a market share of 20%; shares closed at $4 each.",
        "zh": "营收增长12%至30亿美元，净利润下降；资本开支50亿美元；市场份额20%；股价收于4美元。",
        "vi": "Doanh thu tăng 12% lên 3 tỷ USD, lợi nhuận ròng giảm; vốn đầu tư 5 tỷ USD; "
        "thị phần 20%; cổ phiếu đóng cửa ở mức 4 USD.",
    }
    text = texts[lang]
    for table in (compile_triggers(MONEY_TRIGGERS, lang), compile_triggers(PERCENT_TRIGGERS, lang)):
        indexed = table.find(text, text.casefold(), 0, len(text))
        scanned = table.find(text, None, 0, len(text))
        assert indexed, "the sample text has triggers"
        assert sorted(indexed) == sorted(scanned)


def test_a_family_of_indexes_scanned_in_one_pass_finds_what_each_finds_alone():
    rng = random.Random(11)
    names = PhraseIndex((p, p) for p in PHRASES[:8])
    places = PhraseIndex((p, p.upper()) for p in ["china", "中国", "fpt", "per"])  # overlaps
    empty: PhraseIndex[str] = PhraseIndex([])
    family = (names, places, empty)
    pieces = [*PHRASES, " ", ", ", "x", "的", "ai"]
    for _ in range(200):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        scans = Scans(text, family)
        for index in (places, names, empty):  # read in another order than the family's
            assert index.find(text, start, end, scans) == index.find(text, start, end), text
