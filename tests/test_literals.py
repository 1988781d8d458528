"""The phrase index under names, places and trigger words, against a brute-force scan."""

from __future__ import annotations

import random
import re

import pytest

from newsfacts.claims.lexicon import MONEY_TRIGGERS, PERCENT_TRIGGERS, compile_triggers
from newsfacts.claims.literals import (
    Gate,
    PhraseIndex,
    Scans,
    expand,
    gate_text,
    is_latin_word_char,
    needles,
)


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


# ------------------------------------------------------------------ gates


@pytest.mark.parametrize(
    ("pattern", "flags", "sets"),
    [
        (r"(?:first|second) half of \d{4}", re.I, {("first half of ", "second half of ")}),
        (r"\bH([12])\b", re.I, {("h1", "h2")}),
        (r"(?<![\w-])(?:others|the rest)(?![\w-])", re.I, {("others", "the rest")}),
        (r"revenues?|sales", 0, {("revenue", "sales")}),  # "revenues" holds "revenue"
        (r"市场[^，。]{0,20}?达到", 0, {("市场",), ("达到",)}),
        (r"Research|Data", 0, {("Data", "Research")}),  # case kept: the pattern minds it
    ],
)
def test_needles_are_the_strings_every_match_holds(pattern, flags, sets):
    found = needles(re.compile(pattern, flags))
    assert {tuple(sorted(s)) for s in found} == {tuple(sorted(s)) for s in sets}


@pytest.mark.parametrize("pattern", [r"\w+", r"(?:a|)b?", r"[^,]{3}", r"\d{4}", r"(?i:abc)", r"x*"])
def test_no_needles_where_a_match_need_hold_no_string(pattern):
    assert needles(re.compile(pattern)) == ()


def _rule_patterns() -> list[re.Pattern[str]]:
    from newsfacts.claims import label, names, periods
    from newsfacts.totals import PART_CUE

    found = [PART_CUE, periods.YEAR_RE, *(p for p, _ in periods._RULES)]
    for module in (label, names):
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    for lang in ("en", "zh", "vi"):
        rules = label.rules_for(lang)
        found += [
            getattr(rules, f) for f in rules.__slots__ if isinstance(getattr(rules, f), re.Pattern)
        ]
        for table in (rules.money, rules.percent):
            found += [gate.pattern for _, gate in table.rest]
            found += [pattern for _, pattern, _ in table.entries]
    return found


GATE_TEXTS = [
    "Nvidia's revenue rose 12% in the first half of 2025, the company said; others fell.",
    "The market for AI chips will grow to $80 billion by 2027, according to IDC.",
    "SK Hynix held 57% of HBM shipments in Q3 2025, respectively ahead of Samsung.",
    "其中，寒武纪、海光分别为2.6%和2.4%，市场规模达到300亿元，2025年上半年营收增长。",
    "Theo số liệu của IDC, thị trường trung tâm dữ liệu đạt 1 tỷ USD trong quý 3/2025.",
    "REVENUE OF THE PARENT ROSE; Of That Total, $2 Billion Went To Data Centres In FY2026.",
    "Công ty Cổ phần FPT nhận vốn đầu tư 50 triệu USD, chiếm 20% cổ phần.",
]


def test_a_gate_never_refuses_where_its_pattern_matches():
    rng = random.Random(5)
    patterns = _rule_patterns()
    assert len(patterns) > 100
    refused = 0
    for text in GATE_TEXTS:
        gated = gate_text(text, text.casefold())
        for pattern in patterns:
            gate = Gate(pattern)
            for _ in range(25):
                start = rng.randint(0, len(text))
                end = rng.randint(start, len(text))
                if not gate.possible(text, gated, start, end):
                    refused += 1
                    assert pattern.search(text, start, end) is None, (pattern.pattern, text)
                    assert pattern.search(text[start:end]) is None, (pattern.pattern, text)
    assert refused > 1000  # the gates do spare most of the runs


def test_a_gate_does_not_read_casefolded_text_where_ignoring_case_matches_more():
    """Under re.IGNORECASE "ı" (dotless i) matches "i", but casefolds to itself."""
    pattern = re.compile(r"(?<![\w-])price(?![\w-])", re.I)
    text = "The PRıCE rose"
    assert pattern.search(text)
    assert "price" not in text.casefold()
    assert gate_text(text, text.casefold()) is None
    assert Gate(pattern).possible(text, gate_text(text, text.casefold()), 0, len(text))
    plain = "The PRICE rose; the cost did not"
    assert gate_text(plain, plain.casefold()) == plain.casefold()
    assert Gate(pattern).possible(plain, plain.casefold(), 0, len(plain))
    assert not Gate(pattern).possible(plain, plain.casefold(), 10, len(plain))


def _present(scans: Scans, start: int, end: int) -> tuple[set[int], int]:
    needles_found = scans.needles()
    assert needles_found is not None
    ends, starts, ids, looked = needles_found
    found = {n for e, s, n in zip(ends, starts, ids, strict=True) if start <= s and e <= end}
    return found, looked


def test_gates_reading_the_needles_of_one_pass_never_refuse_where_the_pattern_matches():
    rng = random.Random(9)
    gates = [Gate(p) for p in _rule_patterns()]
    refused = 0
    for text in GATE_TEXTS:
        folded = text.casefold()
        scans = Scans(folded, (PhraseIndex([("nvidia", 1)]),), with_needles=True)
        for _ in range(40):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            present = _present(scans, start, end)
            for gate in gates:
                if not gate.may(text, folded, start, end, present):
                    refused += 1
                    assert gate.pattern.search(text, start, end) is None, gate.pattern.pattern
    assert refused > 1000


def test_a_gate_made_after_a_text_was_scanned_searches_instead():
    text = "Zorblax Quantix raised $5 million."
    folded = text.casefold()
    scans = Scans(folded, (PhraseIndex([("raised", 1)]),), with_needles=True)
    present = _present(scans, 0, len(text))
    late = Gate(re.compile(r"zorblax quantix", re.I))  # its needle is new: not looked for
    assert late.top > present[1]
    assert late.may(text, folded, 0, len(text), present)
    assert not late.may(text, folded, 8, len(text), present)


# ------------------------------------------------------------------ patterns written for speed

# The plain forms of patterns the claim rules write with a class of characters first (so a
# search skips to those characters): the fast form must match exactly where this one does.
PLAIN_FORMS = {
    "CLAUSE_RE": r"[,;:，；：、]|\s[–—-]\s|—|\s\((?=[^)]*\))|\)",
    "CJK_END_RE": r"[。！？!?]+[”’」』）)]*|\n",
    "CAPITALISED_RE": r"(?<![\w&.-])(?:[A-Z][\w&.'’-]*[\w&]|[A-Z])",
    "YEAR_RE": r"(?<![\d.])(?<!\d,)((?:19|20)\d\d)(?![\d%])",
}


@pytest.mark.parametrize("name", sorted(PLAIN_FORMS))
def test_a_pattern_written_for_speed_matches_where_its_plain_form_does(name):
    from newsfacts.claims import names, periods, sentences

    fast = next(getattr(m, name) for m in (sentences, names, periods) if hasattr(m, name))
    plain = PLAIN_FORMS[name]
    if name == "CAPITALISED_RE":  # the rest of the pattern is as written
        head = r"[A-Z](?<![\w&.-][A-Z])(?:[\w&.'’-]*[\w&])?"
        assert fast.pattern.startswith(head)
        plain += fast.pattern[len(head) :]
    plain_re = re.compile(plain)
    rng = random.Random(name)
    alphabet = " \n\t,;:，；：、—)(–-。！？!?”’」』）.&'%xAZ9Kb120"
    texts = [*GATE_TEXTS, "Arcadia Compute Sdn. Bhd., the U.S. unit (of Kestrel) 1,2026 2.2025"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts:
        for at in (0, len(text) // 2):
            spans = [m.regs for m in fast.finditer(text, at)]
            assert spans == [m.regs for m in plain_re.finditer(text, at)], repr(text)
