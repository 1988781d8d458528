"""The market a market share is of, when its sentence names one.

``find_market(sentence, at, names)`` reads the market phrase nearest to the share at
``at`` in its sentence: English ``the FPGA market``, ``of AI accelerator shipments``,
``spending on GPU-as-a-service``; Chinese ``AI芯片市场``; Vietnamese ``thị phần dịch vụ
trung tâm dữ liệu``, ``thị trường điện toán đám mây``. Where and whose are not markets:
a country or region (``China's``, ``全球``, ``tại Việt Nam``) is left out of the phrase,
and a phrase that is one of ``names`` (the organisations the sentence names, as in
``英伟达市场份额``) or a bare ``the market`` is no market. ``name_markets`` gives every
market share of a labelled article its market. Pure: no frames, no warehouse.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import replace

from newsfacts.model import Fact


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words before ``market`` that end the phrase (they are not part of a market's name).
_EN_STOP = _words(
    """
    a an the of in on for to at by and or with from into its their his her our this that these
    those as than is was are were be been has have had held holds hold took takes take share
    shares percent per cent accounted account accounts about around nearly almost roughly
    some over under up down only just also still largest biggest third second first top
    global worldwide world domestic overall total entire whole local international
    """
)
# Words after ``market`` that make it another thing than the market itself.
_EN_NOT_MARKET = re.compile(
    r"\s*(?:cap\b|capitali[sz]ation|value|size|price|prices|leader|leaders|research|"
    r"regulator|regulators|watchdog|debut)",
    re.IGNORECASE,
)
_EN_TOKEN = re.compile(r"[A-Za-z0-9][\w/+&.-]*(?:'s|’s)?")
_EN_MARKET = re.compile(r"\bmarkets?\b", re.IGNORECASE)
# ``41% of AI accelerator shipments``: a share of a product's shipments, sales or spending.
_EN_OF_FLOW = re.compile(
    r"\b(?:of|in)\s+(?:the\s+)?(?:(?:global|worldwide|total)\s+)?(?:[A-Z][\w-]*(?:'s|’s)\s+)?"
    r"(?P<m>(?:(?!of\b|the\b|its\b|their\b)[A-Za-z0-9][\w/+&-]*\s+){1,4}?)"
    r"(?:shipments|sales|spending|deployments|installations)\b",
    re.IGNORECASE,
)
_EN_SPENDING_ON = re.compile(
    r"\bspending\s+on\s+(?P<m>[A-Za-z0-9][\w/+&-]*(?:\s+(?!according\b|in\b|by\b|and\b)"
    r"[a-z0-9][\w/+&-]*){0,2})",
)

# Chinese: the characters before 市场 back to a particle, a punctuation mark or a number.
_ZH_MARKET = re.compile(r"(?P<m>[A-Za-z0-9\u4e00-\u9fff+\-]{1,16}?)市场")
_ZH_BREAK = re.compile(r".*(?:占据|占有|[的在于占是对和与从由为、,，:：;；。\s]|年|\d)")
_ZH_PLACES = re.compile(
    r"^(?:(?:中国|全球|国内|国产|海外|亚太|亚洲|欧洲|美国|日本|韩国|越南|整体|整个|全国|本土|大陆)+)"
)

# Vietnamese: the words after thị phần / thị trường, up to a stop word, a name or a number.
_VI_MARKET = re.compile(r"\bthị (?:phần|trường)\b", re.IGNORECASE)
_VI_STOP = _words(
    """
    tại ở của năm với trong theo so nhưng và hoặc là đã đang sẽ khi từ đến tới chỉ hiện
    khoảng gần hơn khu vực toàn cầu nội địa trong nước quốc tế này đó
    """
)
_VI_WORD = re.compile(r"[^\s,.;:()\"“”]+")
# How far after a share its market may start (characters).
_AFTER = 40


def _clean(phrase: str) -> str | None:
    phrase = re.sub(r"\s+", " ", phrase).strip(" -,")
    return phrase or None


def _en_candidates(sentence: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _EN_MARKET.finditer(sentence):
        if _EN_NOT_MARKET.match(sentence, m.end()):
            continue
        kept: list[str] = []
        end = m.start()
        for token in reversed(list(_EN_TOKEN.finditer(sentence, 0, m.start()))):
            if sentence[token.end() : end].strip():
                break  # punctuation between the words: the phrase ended
            word = token.group()
            if word.lower() in _EN_STOP or word.endswith(("'s", "’s")) or word[0].isdigit():
                break
            kept.append(word)
            end = token.start()
        if kept:
            found.append((end, " ".join(reversed(kept))))
    for pattern in (_EN_OF_FLOW, _EN_SPENDING_ON):
        for m in pattern.finditer(sentence):
            phrase = _clean(m.group("m"))
            if phrase:
                found.append((m.start("m"), phrase))
    return found


def _zh_candidates(sentence: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _ZH_MARKET.finditer(sentence):
        phrase = m.group("m")
        cut = _ZH_BREAK.match(phrase)
        phrase = phrase[cut.end() :] if cut else phrase
        phrase = _ZH_PLACES.sub("", phrase)
        if phrase:
            found.append((m.start(), phrase))
    return found


def _vi_candidates(sentence: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _VI_MARKET.finditer(sentence):
        kept: list[str] = []
        at = m.end()
        for word in _VI_WORD.finditer(sentence, m.end()):
            text = word.group()
            gap = sentence[at : word.start()]
            if gap.strip() or text.lower() in _VI_STOP or any(c.isdigit() for c in text):
                break
            if text[0].isupper() and not text.isupper():  # a name or a place: Việt Nam
                break
            if text.lower() in ("thị", "phần", "trường") and not kept:
                at = word.end()
                continue  # thị phần thị trường ...: the second is the market word again
            kept.append(text)
            at = word.end()
        phrase = _clean(" ".join(kept))
        if phrase:
            found.append((m.start(), phrase))
    return found


def find_market(sentence: str, at: int, names: Collection[str] = ()) -> str | None:
    """The market named in ``sentence`` nearest to the share at offset ``at``, or None.

    ``names`` are the organisations the sentence names as written: a phrase that is one
    of them is the share's holder, not its market.
    """
    candidates = _en_candidates(sentence) + _zh_candidates(sentence) + _vi_candidates(sentence)
    lowered = {n.lower() for n in names if n}
    markets = [
        (start, phrase)
        for start, phrase in candidates
        if not any(phrase.lower().startswith(n) or phrase.lower().endswith(n) for n in lowered)
    ]
    # "40% of the FPGA market", "30% thị phần ...": a market just after the share is its own;
    # otherwise the nearest ("the FPGA market ... with a 0.3% share", "GPU市场约23%的份额")
    after = [(start - at, phrase) for start, phrase in markets if 0 < start - at <= _AFTER]
    if after:
        return min(after)[1]
    return min((abs(start - at), phrase) for start, phrase in markets)[1] if markets else None


def name_markets(facts: Sequence[Fact]) -> list[Fact]:
    """``facts`` with every market share's ``market`` set when its sentence names one."""
    names_by_sentence: dict[int | None, set[str]] = {}
    for fact in facts:
        if fact.subject_text:
            names_by_sentence.setdefault(fact.sentence_start, set()).add(fact.subject_text)
    named: list[Fact] = []
    for fact in facts:
        if (
            fact.measure == "market_share"
            and fact.market is None
            and fact.sentence is not None
            and fact.sentence_start is not None
        ):
            at = fact.start - fact.sentence_start
            names = names_by_sentence.get(fact.sentence_start, set())
            fact = replace(fact, market=find_market(fact.sentence, at, names))
        named.append(fact)
    return named
