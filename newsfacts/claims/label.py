"""The claim rules: each fact's measure, organisation, country, period and sentence.

Rules over the sentence a number stands in, read in this order:

- **measure**: FLOPS are ``computing_power``; a bracketed conversion takes the
  labels of the amount it converts; a growth verb right before a percentage
  ("up 32%", "同比增长32%", "tăng 32%") makes it ``growth``, a loss word right
  before an amount makes it ``loss``; otherwise the trigger word nearest the
  number (fewest clause boundaries between, then fewest characters, a word
  before the number preferred) names the measure. An amount with no trigger
  takes the measure of the amount before it in its sentence; a percentage
  with none is a ``ratio``; an amount with none is ``other``.
- **organisation**: the names in the sentence that can own a number: not a
  modifier ("SoftBank-backed", "led by Sequoia", "Nvidia chips"), not a source
  ("according to IDC"). The owner of an amount raised, invested or paid is the
  first such name of the stretch since the previous number (the sentence's
  subject); of any other number the nearest before it; names joined in a list
  ("Samsung and SK Hynix") own no single number. A stretch with no name takes
  the owner of the number before it in the sentence; a sentence with none, but
  opening on a measure ("Revenue rose ...") or with an anaphor ("the
  company"), takes the owner of the sentence before it in the same story; a
  story inside a newsletter falls back to its heading's name. Otherwise the
  number belongs to no organisation: null is better than wrong.
- **country**: the place nearest the number in its sentence, else the
  owner's country when the reference table knows it.
- **period**: the period stated nearest the number in its sentence.
- **repeat_of**: an earlier fact of the article with the same kind, value,
  unit, measure and owner states the same claim (a headline figure in the lede).

Every label carries the rule or word that gave it (``*_evidence``).
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from newsfacts.claims.lexicon import (
    ANAPHORA,
    CARRY_OPENINGS,
    GROWTH_AFTER,
    LOSS_RIGHT_BEFORE,
    MODIFIER_AFTER,
    MODIFIER_BEFORE,
    MONEY_TRIGGERS,
    NOT_NAMES,
    PERCENT_TRIGGERS,
    SOURCE_BEFORE,
    TriggerTable,
    compile_triggers,
)
from newsfacts.claims.literals import Gate, PhraseIndex, Scans, gate_text
from newsfacts.claims.names import (
    BEFORE_NAME_GATE,
    BEFORE_NAME_RE,
    CJK_GLOSS_RE,
    ORG_SUFFIX_RE,
    VI_LEGAL_PREFIX_RE,
    Mention,
    finder_for,
    is_cjk,
    strip_legal,
)
from newsfacts.claims.periods import find_periods
from newsfacts.claims.places import PLACE_PHRASES, Place, find_places
from newsfacts.claims.sentences import clause_breaks, split_sentences
from newsfacts.limits import check_time
from newsfacts.model import Article, Fact, Paragraph
from newsfacts.organisations import OrganisationTable

LANGS = ("en", "zh", "vi")
# Measures whose owner is who pays or is paid: the sentence's subject, not the nearest name.
SUBJECT_MEASURES = frozenset({"investment", "funding", "deal_value", "valuation"})
# Measures a newsletter story's heading name owns when its sentence names nobody.
HEADING_MEASURES = frozenset(
    {
        "investment",
        "funding",
        "deal_value",
        "valuation",
        "revenue",
        "profit",
        "loss",
        "computing_power",
    }
)
# Measures of a market, not of one organisation.
MARKET_MEASURES = frozenset({"market_size"})
CLAUSE_COST = 60  # one clause boundary weighs as much as 60 characters
FACT_BETWEEN_COST = 45  # a trigger beyond another number is probably that number's
AFTER_COST = 1.5  # a trigger after the number counts its distance 1.5 times
MAX_TRIGGER_DISTANCE = 160
WEAK_COST = 20  # a weak trigger ("took", "worth") counts as 20 characters further
# A number right after these is a level, not a rate of change: "climbed to 90%", "from 77%".
LEVEL_BEFORE_RE = re.compile(
    r"(?:(?<![\w-])(?:(?<!up )to|from|at|of|compared (?:with|to)|versus|vs\.?|against|lên|xuống|ở mức|từ)"  # noqa: E501
    r"\s+(?:about|around|roughly|nearly|almost|an estimated|just|some|khoảng|gần|mức)?\s*"
    r"|(?<![\w-])(?:mức|so với mức)\s+(?:khoảng|gần)?\s*"
    r"|(?:至|到|为|為|从|從|由)[^，。,；;]{0,12}?(?:的)?\s*(?:约|約|近)?)$",
    re.IGNORECASE,
)
COMPARED_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:compared (?:with|to)|versus|vs\.?|against|from|so với|từ)\s+"
    r"(?:about|around|roughly|nearly|just|chỉ|mức|khoảng)?\s*$"
    r"|(?:较|較|比(?![重例率])|相比|对比|對比)[^，。,；;]{0,12}?(?:的)?\s*(?:约|約)?$",
    re.IGNORECASE,
)
# "约80亿美元的H20销售收入": the amount is "of" the money noun after 的, whatever verb led.
ZH_OF_MONEY_NOUN_RE = re.compile(
    r"的[^，。,；;、]{0,10}?(?:销售收入|营业收入|營業收入|收入|营收|營收|销售额|銷售額)"
)
OR_BEFORE_RE = re.compile(r",?\s*(?:or|hay|tức)\s+$|[，,]\s*(?:或|即)\s*$", re.IGNORECASE)
# Growth words that are a rate even after "to"/"of": "a compound annual growth rate of 21%".
STRONG_GROWTH_RE = re.compile(
    r"compound annual|cagr|growth rate|tăng trưởng kép|tăng trưởng bình quân|复合|複合|年均"
    r"|(?:increase|reduction|decline|drop|fall|rise|gain|jump|cut|hike)s?,? of\s+"
    r"(?:about |around |roughly |nearly |up to |some )?$",
    re.IGNORECASE,
)
AND_RE = re.compile(r"(?<![\w-])(?:and|và|cùng)(?![\w-])|[和及与與、]")
# After an owner: an appositive or relative clause, whose names are not the sentence's subject.
APPOSITIVE_RE = re.compile(
    r"\)?(?:'s|’s)?\s*,\s+(?:the|a|an|which|who|whose|one of|its|through its|via its|through|via|with|"  # noqa: E501
    r"including|along with|like|đơn vị|công ty|startup|nhà|hãng|tập đoàn|một|thuộc|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)*(?:'s|’s))"  # noqa: E501
    r"\s[^,;:()]{0,140}(?=,)"
)
LISTED_AFTER_RE = re.compile(
    r"(?:'s|’s)?(?:\s*[(（][^)）]{1,40}[)）])?(?:\s+[\w-]+){0,2}?\s*(?:,|and|or|&|và|和|、|及)\s*(?:the\s+)?$"
)
SOURCE_AFTER_RE = re.compile(
    r"\s+(?:reported|said|says|reports|estimated|estimates|expects|forecast|forecasts|predicted|"
    r"predicts|wrote|noted)\s+(?:on \w+\s+)?that\b"
)
# "X数据显示", "theo số liệu": a source of figures, never their owner.
STRICT_SOURCE_AFTER_RE = re.compile(
    r"^(?:\s*(?:\([^)]{1,40}\)|（[^）]{1,40}）))?\s*(?:数据显示|數據顯示|报告显示|報告顯示|报告称|報告稱|统计|統計|研究显示|"
    r"估计|估計|预测|預測|预计|預計|预估|預估|估算|测算|測算|调查|調查|cho thấy|thống kê|ước tính|"
    r"dự báo|"
    # "贵州能源局有关负责人表示": the officials concerned comment, the body owns nothing
    r"(?:有关|有關)(?:负责人|負責人)(?:表示|称|稱|介绍|介紹|指出|透露))"
)
# "由成都市政府投资建设": the name builds or runs what the number measures.
BUILT_BY_AFTER_RE = re.compile(
    r"^\s*(?:投资建设|投資建設|建设|建設|运营|運營|打造|牵头建设|牽頭建設|出资建设|出資建設)"
)
BRACKET_GAP_RE = re.compile(r"\s*[(（]\s*")
# "Theo Viettel, ...", "according to Nvidia, ...": a company reporting its own figures is
# their owner when the sentence names no one else (a research firm stays a source).
REPORTED_BEFORE_RE = re.compile(r"(?:(?<![\w-])(?:according to|theo)\s+|(?:据|據)\s*)$", re.I)
RESEARCH_NAME_RE = re.compile(
    r"Research|Institute|Insights|Analytics|Intelligence|Partners|Capital|Data"
)
REPORTING_KINDS = frozenset(
    {"ai_company", "chip_maker", "cloud", "data_centre_operator", "hardware", "internet",
     "telecom", "supercomputing_centre"}
)  # fmt: skip
# "其他国产厂商合计约15%", "others": the number belongs to the rest, not to one name.
OTHERS_RE = re.compile(
    r"(?<![\w-])(?:others|other (?:vendors|companies|players|makers|firms|suppliers)|the rest|"
    r"các (?:doanh nghiệp|hãng|nhà cung cấp) (?:khác|còn lại)|còn lại)(?![\w-])|其他|其它|其余|其餘",  # noqa: E501
    re.IGNORECASE,
)
# "寒武纪、海光分别为2.6%和2.4%": listed names own listed numbers in order.
RESPECTIVELY_RE = re.compile(r"分别|分別|respectively|lần lượt|依次", re.IGNORECASE)
# "Shares of CoreWeave", "List prices on CoreWeave's website": the name owns what is named.
# "A unit of Alibaba agreed to ...": the sentence's subject is the parent's
UNIT_OF_RE = re.compile(
    r"\W*(?:an?|the)\s+(?:[\w-]+\s+){0,2}(?:unit|subsidiary|arm|division|affiliate) of\s+"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
# how many paragraphs naming nobody a subject is carried through ("Key figures:", bullets)
MAX_PARAGRAPHS_BACK = 3
# how far into a sentence a place may stand and still be its subject ("In 2025, Vietnam ...")
PLACE_LEAD_CHARS = 12
LIST_GOES_ON_RE = re.compile(r"(?:'s|’s)?\s*(?:,|;|&|、|and\b|và\b|or\b|hoặc\b)")
SOURCE_END_RE = re.compile(r"(?:'s|’s)?(?:\s*[(（][^)）]{1,40}[)）])?\s*[,，]\s*")
OWNER_OF_RE = re.compile(
    r"(?<![\w-])(?:(?<!% )(?<!%)shares|stock|revenue|sales|profit|income|valuation|capacity|"
    r"market value|earnings|results|capex|spending|backlog) of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
PREPOSITION_RE = re.compile(
    r"(?<![\w-])(?:on|at|of|for|to|from|with|in)\s+(?:the\s+)?$", re.IGNORECASE
)
AT_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:at|in|of|operated by|owned by|位于|位於|tại)\s*(?:the\s+)?$", re.IGNORECASE
)
GOVERNMENT_RE = re.compile(
    r"(?<![\w-])(?:the (?:central |federal |national )?government|the cabinet|(?<!trình )chính phủ"
    r"|(?<!cơ quan )(?<!doanh nghiệp )(?<!ngân hàng )(?<!vốn )nhà nước)(?![\w-])"
    r"|(?<![市省区區县縣州])(?:中央)?政府|国务院|國務院",
    re.IGNORECASE,
)
POSSESSIVE_RE = re.compile(r"(?:'s|’s)\s+")
TITLE_WORDS = frozenset(
    [
        "president",
        "premier",
        "minister",
        "chancellor",
        "ceo",
        "founder",
        "co-founder",
        "chairman",
        "chairwoman",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "secretary",
        "governor",
        "mayor",
        "ông",
        "bà",
    ]
)
TITLE_BEFORE_RE = re.compile(
    r"(?:president|minister|ceo|chief executive|founder|chairman|chairwoman|secretary|governor|"
    r"mayor|analyst|mr\.?|ms\.?|dr\.?|ông|bà)\s+$",
    re.IGNORECASE,
)
# A name right before the number owns it: "Micron at 21%", "Nvidia's 38%", "TSMC with 62%".
ADJACENT_RE = re.compile(
    r"(?:'s|’s)\s*(?:about|around|roughly|nearly|almost|some|an estimated|just|only)?\s*"
    r"|\s*(?:(?:leads|led|dẫn đầu|đứng đầu)\s+)?(?:at|with|on|had|has|of|:|với)\s*(?:about|around|roughly|nearly|almost|some|an estimated|just|only|khoảng)?\s*"  # noqa: E501
    r"|\s*[(（]\s*"
    r"|(?:约|約)?(?:为|為|占|佔|达|達)(?:约|約)?"
)
# "71% of CoreWeave's revenue": the name after "of" owns a part of its total.
OF_NAME_AFTER_RE = re.compile(r"\s+of\s+(?:the\s+)?$")
OF_ITS_RE = re.compile(
    r"\s+(?:of\s+(?:its|it|their)\b|of the (?:proceeds|new capital|money raised)\b"
    r"|số vốn (?:mới|huy động|này)\b)"
)
# "62% doanh thu năm 2024 của VNG", "50 triệu USD của startup AI NeuroViet": X's number.
VI_OF_AFTER_RE = re.compile(
    r"(?:\s+(?!cổ\b|vốn\b)[^\s,;.()]+){0,6}?\s+của\s+"
    r"(?:(?:startup|công ty|tập đoàn|hãng|doanh nghiệp|nhà mạng|ngân hàng)\s+(?:AI\s+)?)?"
)
MARKET_SUBJECT_RE = re.compile(
    r"(?<![\w-])(?:market|industry|sector|segment)s?(?![\w-])|市场|市場|行业|行業|thị trường|ngành",
    re.IGNORECASE,
)
# "doanh thu từ thị trường nước ngoài", "revenue from the Japanese market", "来自海外市场的收入":
# the company's revenue in a market, not the market's size
REVENUE_FROM_MARKET_RE = re.compile(
    r"(?:doanh thu|revenue|sales)\s+(?:từ|from|in|of)\s+(?:các\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:thị trường|phân khúc|mảng|markets?|segment|division)(?![\w-])"
    r"|(?:来自|來自|源自)[^，。,]{0,12}?(?:市场|市場)的?(?:收入|营收|營收)",
    re.IGNORECASE,
)
# "华为昇腾占比约为28%" among shipments, "accounts for 41%" of a market: a market share
SHARE_WORD_RE = re.compile(r"占比|佔比|占|佔|chiếm|accounts? for|accounted for", re.IGNORECASE)
MARKET_NAMED_RE = re.compile(
    r"市场|市場|出货|出貨|thị trường|(?<![\w-])(?:market|shipments)(?![\w-])", re.IGNORECASE
)
PART_OF_REVENUE_AFTER_RE = re.compile(
    r"\s*(?:of\s+(?:its\s+|the\s+company's\s+|their\s+|total\s+)?(?:revenue|sales|income|"
    r"budget|capital|funding)|的?(?:营收|營收|收入|总收入|總收入|预算|預算)"
    r"|(?:tổng\s+)?(?:doanh thu|vốn|ngân sách|lợi nhuận))",
    re.IGNORECASE,
)
# "佔晶圓銷售金額23%": in Chinese the whole the share is of stands before the number
PART_OF_REVENUE_BEFORE_RE = re.compile(r"销售|銷售|营收|營收|收入|金额|金額|比重|预算|預算")
LOCAL_GOVERNMENT_SUFFIXES = ("政府", "人民政府", "省政府", "市政府", "省人民政府", "市人民政府")
LOCAL_ACTION_RE = re.compile(
    r"\s*(?:将|將|拟|擬|计划|計劃|设立|設立|出资|出資|拨款|撥款|发放|發放|给予|給予|对|對|投入|安排|提供|统筹|統籌)"
)
# "TP.HCM dành 2.000 tỷ đồng": a Vietnamese city or province spending is its People's Committee
LOCAL_GOVERNMENT_PREFIXES = ("UBND ", "UBND tỉnh ", "UBND TP ", "UBND thành phố ")
VI_LOCAL_ACTION_RE = re.compile(
    r"\s+(?:sẽ\s+|đã\s+|dự kiến\s+)?(?:dành|chi|cấp|bố trí|hỗ trợ|đầu tư|rót|giải ngân|phân bổ)\b"
)
LOCAL_EVIDENCE = "a province or city funds it"
GROUP_SUBJECT_RE = re.compile(
    r"^\s*(?:(?:'s|’s)\s+(?:government|cabinet)|\s+(?:to|will|plans|planned|approved|has|had|is)\b)",
    re.IGNORECASE,
)

# "35% shares of Saigon Edge Cloud", "a 20% stake in X": the company held owns nothing.
STAKE_GAP_RE = re.compile(r"\s*(?:shares?|stakes?|equity|interest)\s+(?:of|in)\s+", re.IGNORECASE)
# "compared with 66% for Nvidia", "the remaining 30% is held by PensionDanmark": the name
# after the number owns it, not the subject before.
COMPARED_GAP_RE = re.compile(r"\s+(?:for|at|of)\s+(?:the\s+)?", re.IGNORECASE)
HELD_BY_AFTER_RE = re.compile(
    r"\s+(?:is|are|was|were)\s+(?:held|owned|controlled)\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?",
    re.IGNORECASE,
)
# "while the parent reported ...": a parent the table cannot name; not the subject before.
PARENT_RE = re.compile(r"(?<![\w-])(?:the|its) parent(?: company| group)?(?![\w-])", re.IGNORECASE)
# "the campus near Stavanger": a capitalised word after these is a place.
PLACE_BEFORE_RE = re.compile(
    r"(?<![\w-])(?:near|outside|(?:north|south|east|west) of)\s+$", re.IGNORECASE
)

# Between a number and a name after it that owns it: "a $2 billion round for Mistral".
AFTER_GAP_RE = re.compile(
    r"\s*(?:[\w-]+\s+){0,4}?(?:for|by|at|of|from|in)\s+(?:the\s+)?|\s*(?:的|由)|"
)
OWNER_AFTER_RE = re.compile(r"(?:for|by|at|of)\s+(?:the\s+)?$")
LIST_GAP_RE = re.compile(
    r"^\s*(?:,|，|、|/|&|and|or|và|hoặc|cùng|和|与|與|及|以及|或)\s*(?:the\s+)?$"
)


@dataclass(frozen=True, slots=True)
class _Rules:
    """One language's compiled patterns."""

    money: TriggerTable
    percent: TriggerTable
    growth_after: re.Pattern[str]
    loss_before: re.Pattern[str]
    anaphora: re.Pattern[str]
    carry_opening: re.Pattern[str]
    modifier_after: re.Pattern[str]
    modifier_before: re.Pattern[str]
    source_before: re.Pattern[str]


def _either(table: dict[str, str], lang: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """The language's pattern, or English's too when the language is not English."""
    own = table.get(lang)
    english = table["en"]
    if own is None or lang == "en":
        return re.compile(english, flags)
    return re.compile(f"(?:{own})|(?:{english})", flags)


_RULES: dict[str, _Rules] = {}
_GOVERNMENTS: dict[str, dict[str, str]] = {}


def rules_for(lang: str) -> _Rules:
    """The compiled rules of ``lang`` (one of en, zh, vi; anything else reads as English)."""
    lang = lang if lang in LANGS else "en"
    if lang not in _RULES:
        _RULES[lang] = _Rules(
            money=compile_triggers(MONEY_TRIGGERS, lang),
            percent=compile_triggers(PERCENT_TRIGGERS, lang),
            growth_after=_either(GROWTH_AFTER, lang),
            loss_before=_either(LOSS_RIGHT_BEFORE, lang),
            anaphora=_either(ANAPHORA, lang),
            carry_opening=_either(CARRY_OPENINGS, lang),
            modifier_after=_either(MODIFIER_AFTER, lang),
            modifier_before=_either(MODIFIER_BEFORE, lang),
            source_before=_either(SOURCE_BEFORE, lang),
        )
        for name in _Rules.__slots__:  # gates made before any text is scanned for needles
            value = getattr(_RULES[lang], name)
            if isinstance(value, re.Pattern):
                _gate(value)
    return _RULES[lang]


@dataclass(slots=True)
class _Sentence:
    start: int
    end: int
    paragraph: Paragraph
    lang: str
    mentions: list[Mention] = field(default_factory=list)
    owners: list[Mention] = field(default_factory=list)  # mentions that can own a number
    listed: set[int] = field(default_factory=set)  # starts of owners named in a list
    sources: set[int] = field(default_factory=set)  # starts of owners that report ("X said that")
    places: list = field(default_factory=list)
    periods: list | None = None
    scanned: bool = False  # names found (``_Labeller.ready``)
    subject: Mention | None = None  # who the sentence is about, for the next one
    gates: dict[int, bool] = field(default_factory=dict)  # pattern id -> may match in it
    present: tuple[set[int], int] | None = None  # its gates' needles (``_Labeller._present``)
    needles_read: bool = False
    continues: bool | None = None  # it opens on a measure or an anaphor (``_continues``)
    respectively: re.Match[str] | bool | None = False  # its cue, found once (False: not yet)


_FIELDS = [f.name for f in fields(Fact)]
_POSITION = {name: i for i, name in enumerate(_FIELDS)}
_VALUES = operator.attrgetter(*_FIELDS)
# Each field's slot, set directly: a frozen dataclass's __init__ sets each field through
# object.__setattr__, and it has nothing else to do (no __post_init__, no checks).
_SETTERS = tuple(getattr(Fact, name).__set__ for name in _FIELDS)
assert not hasattr(Fact, "__post_init__"), "_replace would skip Fact.__post_init__"


_GATES: dict[int, Gate] = {id(BEFORE_NAME_RE): BEFORE_NAME_GATE}


def _gate(pattern: re.Pattern[str]) -> Gate:
    """The gate of one of the rules' patterns, made once (they live as long as the module)."""
    gate = _GATES.get(id(pattern))
    if gate is None:
        gate = _GATES[id(pattern)] = Gate(pattern)
    return gate


# the patterns the rules read behind a gate, their gates made before any text is scanned
for _pattern in (
    *(HELD_BY_AFTER_RE, COMPARED_BEFORE_RE, OTHERS_RE, MARKET_SUBJECT_RE, PARENT_RE),
    *(REVENUE_FROM_MARKET_RE, RESPECTIVELY_RE, GOVERNMENT_RE, OWNER_OF_RE, UNIT_OF_RE),
    *(BUILT_BY_AFTER_RE, STRICT_SOURCE_AFTER_RE, TITLE_BEFORE_RE, PLACE_BEFORE_RE),
    *(STRONG_GROWTH_RE, MARKET_NAMED_RE),
):
    _gate(_pattern)


def _replace(fact: Fact, **changes: Any) -> Fact:
    """``dataclasses.replace`` for ``Fact``, at a fraction of its cost (it runs per fact)."""
    values = list(_VALUES(fact))
    for name, value in changes.items():
        values[_POSITION[name]] = value
    new = object.__new__(Fact)
    for put, value in zip(_SETTERS, values, strict=True):
        put(new, value)
    return new


def _in_range(found: list[Place], start: int, end: int) -> list[Place]:
    """The places of ``found`` (by start) that lie in ``[start, end)``."""
    i = bisect.bisect_left(found, start, key=_start)
    j = bisect.bisect_left(found, end, key=_start, lo=i)
    return [p for p in found[i:j] if p.end <= end]


def _start(span: _Sentence | Mention | Place) -> int:
    return span.start


def label_claims(
    article: Article, facts: Sequence[Fact], organisations: OrganisationTable
) -> list[Fact]:
    """``facts`` of ``article`` with their claim labels, in the same order."""
    if not facts:
        return []
    return _Labeller(article, organisations).label(list(facts))


class _Labeller:
    def __init__(self, article: Article, organisations: OrganisationTable) -> None:
        self.article = article
        self.text = article.text
        self.table = organisations
        self.finder = finder_for(organisations)
        self.paragraphs = [p for p in article.paragraphs if p.role not in ("boilerplate", "byline")]
        self.starts = [p.start for p in self.paragraphs]
        self._sentences: dict[int, list[_Sentence]] = {}
        self.is_newsletter = len({p.section for p in self.paragraphs if p.section}) >= 2
        self._previous_money: dict[str | None, str] = {}
        self._capitalised: dict[str, bool] = {}
        self._found: dict[tuple[int, int, int], list] = {}
        folded = self.text.casefold()
        self.folded = folded if len(folded) == len(self.text) else None
        self.gated = gate_text(self.text, self.folded)  # what the patterns' gates read
        self._scans: dict[object, Any] = {}
        self._main: str | None = None

    # ------------------------------------------------------------------ structure

    def _may(self, pattern: re.Pattern[str], sentence: _Sentence) -> bool:
        """False when ``pattern`` cannot match anywhere in ``sentence`` (its gate, read
        once per sentence): a search in a part of the sentence is then not run."""
        key = id(pattern)
        may = sentence.gates.get(key)
        if may is None:
            gate = _GATES.get(key) or _gate(pattern)
            present = sentence.present if sentence.needles_read else self._present(sentence)
            if present is not None and gate.top <= present[1]:  # ``Gate.may``, inline
                may = not any(map(present[0].isdisjoint, gate.groups))
            else:
                may = gate.possible(self.text, self.gated, sentence.start, sentence.end)
            sentence.gates[key] = may
        return may

    def _present(self, sentence: _Sentence) -> tuple[set[int], int] | None:
        """The numbers of the gates' needles that stand in ``sentence`` (found in the
        article's one pass), and how many were looked for; None where gates search."""
        if not sentence.needles_read:
            sentence.needles_read = True
            words = self._words() if self.gated is not None else None
            needles = words.needles() if words is not None else None
            if needles is not None:
                ends, starts, ids, looked = needles
                present = set()
                for k in range(bisect.bisect_right(ends, sentence.start), len(ends)):
                    if ends[k] > sentence.end:
                        break
                    if starts[k] >= sentence.start:
                        present.add(ids[k])
                sentence.present = (present, looked)
        return sentence.present

    def sentences_of(self, paragraph: Paragraph) -> list[_Sentence]:
        cached = self._sentences.get(paragraph.index)
        if cached is not None:
            return cached
        lang = paragraph.lang or self.article.lang or "en"
        sentences = []
        for s, e in split_sentences(self.text, paragraph.start, paragraph.end):
            sentences.append(_Sentence(s, e, paragraph, lang if lang in LANGS else "en"))
        self._sentences[paragraph.index] = sentences
        return sentences

    def ready(self, sentence: _Sentence) -> _Sentence:
        """``sentence`` with its names found (only sentences the rules read are scanned)."""
        if not sentence.scanned:
            s = sentence.start
            sentence.mentions = self.finder.find(
                self.text, s, sentence.end, self._known(), lambda p: self._may(p, sentence)
            )
            self._owners(sentence)
            sentence.scanned = True
        return sentence

    def _owners(self, sentence: _Sentence) -> None:
        """The sentence's names that can own a number, and which of them form lists.

        Places are not names ("China's largest chipmaker"); nor are people
        ("French President Emmanuel Macron") or a capitalised first word the
        article never capitalises elsewhere ("Researchers"). A name is a
        modifier, never an owner, when a modifier pattern stands around it, when
        it is listed with a modifier, or when it stands in an appositive or a
        relative clause after an owner (", the GPU designer backed by Tencent,").
        """
        rules = rules_for(sentence.lang)
        text = self.text
        if sentence.lang == "zh":
            self._add_glossed(sentence)
        elif sentence.lang == "vi":
            self._add_short_forms(sentence)
        places = _in_range(self._places(), sentence.start, sentence.end)
        sentence.places = places
        mentions = []
        for m in sentence.mentions:
            if not m.known:
                m = self._name_not_place(m, places)
                if m is None or self._is_person_or_word(m, sentence):
                    continue
                m = self._long_form(m)
            mentions.append(m)
        sentence.mentions = mentions
        if not mentions:
            return
        # which of the patterns read around each name can match in the sentence at all
        owner_of, unit_of, built_by, strict_source, source_before = (
            self._may(pattern, sentence)
            for pattern in (
                OWNER_OF_RE,
                UNIT_OF_RE,
                BUILT_BY_AFTER_RE,
                STRICT_SOURCE_AFTER_RE,
                rules.source_before,
            )
        )
        owners: list[Mention] = []
        appositive_end = -1
        modifier: Mention | None = None
        modifier_is_source = False
        previous: Mention | None = None
        for m in mentions:
            after = text[m.end : min(sentence.end, m.end + 60)]
            before = text[max(sentence.start, m.start - 60) : m.start]
            owned = (
                (owner_of and OWNER_OF_RE.search(before) is not None)
                or (unit_of and UNIT_OF_RE.match(text, sentence.start, m.start) is not None)
                or (after.startswith(("'s", "’s")) and PREPOSITION_RE.search(before) is not None)
                or (built_by and BUILT_BY_AFTER_RE.match(after))
            )
            if previous is not None and BRACKET_GAP_RE.fullmatch(text, previous.end, m.start):
                # "Cục Đầu tư nước ngoài (Bộ Tài chính)": a bracket names the same party
                if previous in owners:
                    owners.append(m)
                else:
                    modifier = m
                previous = m
                continue
            previous = m
            source = source_before and rules.source_before.search(before) is not None
            is_modifier = (
                m.start < appositive_end
                or rules.modifier_after.match(after) is not None
                or (rules.modifier_before.search(before) is not None and not owned)
                or source
                or (strict_source and STRICT_SOURCE_AFTER_RE.match(after) is not None)
                or (
                    modifier is not None
                    and LISTED_AFTER_RE.match(text, modifier.end, m.start) is not None
                    # "According to Counterpoint, SK Hynix held 57%": the comma ends the source
                    and not (
                        modifier_is_source
                        and SOURCE_END_RE.fullmatch(text, modifier.end, m.start)
                        and LIST_GOES_ON_RE.match(text, m.end) is None  # "Google, Temasek và Bain"
                    )
                )
            )
            if is_modifier and self._reports(m, before):
                owners.append(m)
                sentence.sources.add(m.start)
                modifier = None
                continue
            if is_modifier:
                modifier, modifier_is_source = m, source
                continue
            modifier = None
            owners.append(m)
            apposition = APPOSITIVE_RE.match(text, m.end, sentence.end)
            if apposition is not None:
                appositive_end = apposition.end()
            if SOURCE_AFTER_RE.match(text, m.end, sentence.end):
                sentence.sources.add(m.start)
        for a, b in itertools.pairwise(owners):
            if a.organisation != b.organisation and LIST_GAP_RE.match(text[a.end : b.start]):
                sentence.listed.update((a.start, b.start))
        sentence.owners = owners

    def _add_glossed(self, sentence: _Sentence) -> None:
        """A Chinese name glossed once ("雲啟智能（CloudLaunch AI）") is that name wherever
        the article writes it again without the gloss."""
        if "glossed" not in self._scans:
            glossed: dict[str, str] = {}
            for g in CJK_GLOSS_RE.finditer(self.text):
                english = g.group(2).strip()
                canon = self.finder.canonical(english) or self.finder.canonical(g.group(1))
                if canon is None and ORG_SUFFIX_RE.search(" " + english) is None:
                    continue  # "夸娥（KUAE）": a product's name, not a company's
                run = g.group(1)  # "服务商星启云（StarLaunch Cloud）" ... "星启云2024年"
                name = next(
                    (
                        run[k:]
                        for k in range(len(run) - 1)
                        if self.text.count(run[k:]) > self.text.count(g.group(0))
                    ),
                    run,
                )
                glossed.setdefault(name, canon or english)
            self._scans["glossed"] = glossed
        glossed = self._scans["glossed"]
        if not glossed:
            return
        # a name found by its form that the article glosses elsewhere takes the gloss
        sentence.mentions = [
            Mention(m.start, m.end, m.text, glossed[m.text], True)
            if not m.known and m.text in glossed
            else m
            for m in sentence.mentions
        ]
        self._add_names(sentence, glossed, known=True)

    def _full_name(self, owner: Mention) -> Mention:
        """ "Kestrel" after "Kestrel Data Centres": a short form of the article's longer name."""
        names = self._scans.setdefault("full", {})
        if owner.text not in names:
            shortest = (
                None  # "Brightline Capital", not a heading's "Brightline Capital Swallows ..."
            )
            pattern = rf"(?<![\w-]){re.escape(owner.text)}(?: [A-Z][\w&-]*)+"
            for m in re.finditer(pattern, self.text):
                if ORG_SUFFIX_RE.search(" " + m.group(0)) and (
                    shortest is None or len(m.group(0)) < len(shortest)
                ):
                    shortest = m.group(0)
            names[owner.text] = shortest
        full = names[owner.text]
        if full is None:
            return owner
        return Mention(owner.start, owner.end, owner.text, strip_legal(full), False)

    def _add_short_forms(self, sentence: _Sentence) -> None:
        """ "Phương Bắc dự kiến ..." after "Công ty TNHH Dữ liệu Phương Bắc (Northern Data
        Vietnam)": the last two words of a glossed Vietnamese name are that company."""
        shorts = self._scans.get("shorts")
        if shorts is None:
            shorts = self._scans["shorts"] = {}
            for long_text, organisation in self._forms():
                words = VI_LEGAL_PREFIX_RE.sub("", long_text).split()
                if len(words) > 2 and organisation != long_text:
                    shorts.setdefault(" ".join(words[-2:]), organisation)
        if not shorts:
            return
        self._add_names(sentence, shorts, known=False)

    def _add_names(self, sentence: _Sentence, names: dict[str, str], known: bool) -> None:
        """Each of ``names`` (name -> organisation) where the sentence writes it, unless a
        name found already stands there."""
        added = []
        for name, organisation in names.items():
            at = self.text.find(name, sentence.start, sentence.end)
            while at >= 0:
                end = at + len(name)
                if not any(m.start < end and at < m.end for m in sentence.mentions + added):
                    added.append(Mention(at, end, name, organisation, known))
                at = self.text.find(name, end, sentence.end)
        if added:
            sentence.mentions = sorted(sentence.mentions + added, key=lambda m: m.start)

    def _forms(self) -> list[tuple[str, str]]:
        """The article's Vietnamese companies named with their legal form and their
        organisations (a gloss, or the name without the form), found once."""
        forms = self._scans.get("forms")
        if forms is None:
            forms = self._scans["forms"] = [
                (x.text, x.organisation)
                for x in self.finder.vi_legal(self.text)
                if not x.known and x.organisation != x.text and " " in x.text
            ]
        return forms

    def _long_form(self, m: Mention) -> Mention:
        """ "Sao Việt" after "Công ty Cổ phần Công nghệ Trí tuệ Nhân tạo Sao Việt (SaoViet AI)":
        the last words of a longer name the article writes are that organisation."""
        for text, organisation in self._forms():
            if text.endswith(" " + m.text) and organisation != m.organisation:
                return Mention(m.start, m.end, m.text, organisation, False)
        return m

    def _reports(self, m: Mention, before: str) -> bool:
        """True for "Theo FPT, ...": a known company the sentence reports, not a research firm."""
        if REPORTED_BEFORE_RE.search(before) is None:
            return False
        if not m.known:  # a company's form the table lacks: "Theo SaoLa Cloud"
            suffixed = ORG_SUFFIX_RE.search(" " + m.text) is not None
            return suffixed and RESEARCH_NAME_RE.search(m.text) is None
        org = self.table.organisations.get(m.organisation)
        return org is not None and org.kind in REPORTING_KINDS

    def _name_not_place(self, m: Mention, places: list) -> Mention | None:
        """An unknown name without the place it starts with, or None when it is a place."""
        over = [p for p in places if p.start < m.end and m.start < p.end]
        if not over:
            return m
        place = over[0]
        if is_cjk(m.text[0]) and m.start <= place.start and place.end < m.end:
            return m  # "深圳市工业和信息化局", "上海云栈科技": a body or company of the place
        rest = POSSESSIVE_RE.match(self.text, place.end, m.end)
        if place.start <= m.start and rest is not None and rest.end() < m.end:
            name = self.text[rest.end() : m.end]
            canon = self.table.canonical(name)
            if canon is None and name.casefold() in NOT_NAMES:
                return None  # "India's AI market": a word, not a name
            return Mention(rest.end(), m.end, name, canon or name, canon is not None)
        return None

    def _is_person_or_word(self, m: Mention, sentence: _Sentence) -> bool:
        words = m.text.casefold().split()
        if any(w.strip(".,") in TITLE_WORDS for w in words):
            return True
        if self._may(TITLE_BEFORE_RE, sentence) and TITLE_BEFORE_RE.search(
            self.text, max(sentence.start, m.start - 25), m.start
        ):
            return True
        if self._may(PLACE_BEFORE_RE, sentence) and PLACE_BEFORE_RE.search(
            self.text, max(sentence.start, m.start - 20), m.start
        ):
            return True  # "the campus near Stavanger": a place
        if (
            len(words) == 1
            and not is_cjk(m.text[0])  # Chinese has no capitals to judge by
            and not self.text[sentence.start : m.start].strip(" \"“‘'(*•■-")
        ):
            word = m.text
            seen = self._capitalised.get(word)
            if seen is None:
                seen = bool(re.search(rf"(?<=[a-z0-9,;:] ){re.escape(word)}\b", self.text))
                self._capitalised[word] = seen
            # "Brightwater runs ..." after "Brightwater Data Centres": a short form, not a word
            return not seen and self._full_name(m) is m
        return False

    def paragraph_of(self, fact: Fact) -> Paragraph | None:
        i = bisect.bisect_right(self.starts, fact.start) - 1
        if i < 0:
            return None
        p = self.paragraphs[i]
        return p if fact.start < p.end else None

    # ------------------------------------------------------------------ labelling

    def label(self, facts: list[Fact]) -> list[Fact]:
        by_sentence: dict[tuple[int, int], list[int]] = {}
        located: list[_Sentence | None] = []
        for i, fact in enumerate(facts):
            check_time()
            sentence = self._sentence_of(fact)
            located.append(sentence)
            if sentence is not None:
                by_sentence.setdefault((sentence.start, sentence.end), []).append(i)
        labelled = list(facts)
        starts = {f.start: i for i, f in enumerate(facts)}
        carried: dict[int, Mention | None] = {}  # sentence start -> the subject it carries in
        order = sorted(range(len(facts)), key=lambda i: facts[i].start)
        for i in order:
            check_time()
            fact = facts[i]
            sentence = located[i]
            if sentence is None:
                continue

            def carry(sentence: _Sentence = sentence) -> Mention | None:
                # read only when a rule needs it: the sentence before is scanned on demand
                if sentence.start not in carried:
                    carried[sentence.start] = self._subject_before(sentence)
                return carried[sentence.start]

            siblings = [facts[j] for j in by_sentence[(sentence.start, sentence.end)]]
            earlier = [
                labelled[j]
                for j in by_sentence[(sentence.start, sentence.end)]
                if facts[j].start < fact.start
            ]
            if fact.conversion_of is not None and fact.conversion_of in starts:
                labelled[i] = self._copy_claim(fact, labelled[starts[fact.conversion_of]], sentence)
            else:
                labelled[i] = self._label_one(fact, sentence, siblings, earlier, carry)
            done = labelled[i]
            if done.subject_start is not None and done.subject_end is not None:
                sentence.subject = sentence.subject or Mention(
                    done.subject_start,
                    done.subject_end,
                    done.subject_text or "",
                    done.organisation or "",
                    True,
                )
            if labelled[i].kind == "money" and labelled[i].measure not in (None, "other"):
                self._previous_money[sentence.paragraph.section] = labelled[i].measure or "other"
        return _mark_repeats(labelled)

    def _sentence_of(self, fact: Fact) -> _Sentence | None:
        paragraph = self.paragraph_of(fact)
        if paragraph is None:
            return None
        sentences = self.sentences_of(paragraph)  # by start: found by bisection, as the
        i = bisect.bisect_right(sentences, fact.start, key=_start) - 1  # facts are many
        if i >= 0 and fact.start < sentences[i].end:
            return self.ready(sentences[i])
        return None

    def _subject_before(self, sentence: _Sentence) -> Mention | None:
        """The subject carried into ``sentence``: the one of the sentence right before it.

        That is the sentence before in the paragraph, or the last one of the paragraph
        before in the same story; its subject is the owner of its first number, else its
        first name that is not in a list. A sentence naming nobody carries nothing on.
        """
        paragraph = sentence.paragraph
        sentences = self.sentences_of(paragraph)  # by start, none overlapping
        before = sentences[: bisect.bisect_left(sentences, sentence.start, key=_start)]
        # a sentence naming nobody in between ("Biên lợi nhuận ... được cải thiện") passes
        # on the subject of the one before it, in the same paragraph or the one before; a
        # paragraph that names nobody before the sentence continues the one before it, and a
        # paragraph naming nobody at all ("Key figures for the quarter:") passes it through
        continued = len(before) <= 2 and all(map(self._continues, before))  # one language
        groups = [before]
        i = self.paragraphs.index(paragraph)
        while continued and i > 0 and len(groups) <= MAX_PARAGRAPHS_BACK:
            prev = self.paragraphs[i - 1]
            if prev.section != paragraph.section or prev.role not in ("body", "title", "heading"):
                break
            groups.append(self.sentences_of(prev))
            i -= 1
            if any(self.ready(s).mentions for s in groups[-1]):
                break  # it names someone: the subject is there or nowhere
        for group in groups:
            for last in map(self.ready, reversed(group[-2:])):
                if last.subject is not None:
                    return last.subject
                first = next((m for m in last.owners if m.start not in last.listed), None)
                if first is not None or last.mentions:
                    return first
        return None

    def _continues(self, sentence: _Sentence) -> bool:
        """True when ``sentence`` opens on a measure or holds an anaphor: it goes on with
        the story of the one before (read once per sentence)."""
        if sentence.continues is None:
            rules = rules_for(sentence.lang)
            text = self.text[sentence.start : sentence.end]
            sentence.continues = bool(
                (self._may(rules.carry_opening, sentence) and rules.carry_opening.search(text))
                or (self._may(rules.anaphora, sentence) and rules.anaphora.search(text))
            )
        return sentence.continues

    def _copy_claim(self, fact: Fact, original: Fact, sentence: _Sentence) -> Fact:
        return _replace(
            fact,
            measure=original.measure,
            measure_evidence="conversion of the amount before it",
            organisation=original.organisation,
            subject_text=original.subject_text,
            subject_start=original.subject_start,
            subject_end=original.subject_end,
            organisation_evidence=original.organisation_evidence
            and "conversion of the amount before it",
            country=original.country,
            country_evidence=original.country_evidence and "conversion of the amount before it",
            period=original.period,
            period_evidence=original.period_evidence and "conversion of the amount before it",
            market=original.market,
            sentence=self.text[sentence.start : sentence.end],
            sentence_start=sentence.start,
            sentence_end=sentence.end,
        )

    def _label_one(
        self,
        fact: Fact,
        sentence: _Sentence,
        siblings: list[Fact],
        earlier: list[Fact],
        carried: Callable[[], Mention | None],
    ) -> Fact:
        measure, measure_evidence = self._measure(fact, sentence, siblings, earlier)
        owner, owner_evidence = self._owner(fact, measure, sentence, earlier, carried)
        if owner is not None and not owner.known and " " not in owner.text:
            owner = self._full_name(owner)
        country, country_evidence = self._country(fact, sentence, owner)
        period, period_evidence = self._period(fact, sentence)
        return _replace(
            fact,
            measure=measure,
            measure_evidence=measure_evidence,
            organisation=owner.organisation if owner else None,
            subject_text=owner.text if owner else None,
            subject_start=owner.start if owner else None,
            subject_end=owner.end if owner else None,
            organisation_evidence=owner_evidence,
            country=country,
            country_evidence=country_evidence,
            period=period,
            period_evidence=period_evidence,
            sentence=self.text[sentence.start : sentence.end],
            sentence_start=sentence.start,
            sentence_end=sentence.end,
        )

    # ------------------------------------------------------------------ measure

    def _measure(
        self, fact: Fact, sentence: _Sentence, siblings: list[Fact], earlier: list[Fact]
    ) -> tuple[str, str]:
        if fact.kind == "compute":
            return "computing_power", "a FLOPS figure"
        rules = rules_for(sentence.lang)
        text = self.text
        before = text[max(sentence.start, fact.start - 40) : fact.start]
        prior = [f for f in earlier if f.kind == fact.kind and f.measure]
        header = self._table_header(fact, sentence)
        if header is not None:
            found = self._nearest_trigger(fact, header[0], header[1], [], self._table(fact), 0)
            if found is not None:
                return found[0], f"'{found[1]}' in the table's header"
        if prior and (
            (self._may(COMPARED_BEFORE_RE, sentence) and COMPARED_BEFORE_RE.search(before))
            or OR_BEFORE_RE.search(before)
        ):
            return prior[-1].measure or "other", "compared with the number before it"
        without = None
        if fact.kind == "percent":
            strong = self._may(STRONG_GROWTH_RE, sentence)
            if strong and STRONG_GROWTH_RE.search(before[-25:]):
                return "growth", "a growth rate before the percentage"
            level = LEVEL_BEFORE_RE.search(before) is not None
            m = (
                rules.growth_after.search(before)
                if self._may(rules.growth_after, sentence)
                else None
            )
            if m and not level:
                return "growth", f"'{m.group(0).strip()}' before the percentage"
            table = rules.percent
            if level and not (
                strong and STRONG_GROWTH_RE.search(text[sentence.start : fact.start])
            ):
                without = "growth"
        else:
            m = rules.loss_before.search(before) if self._may(rules.loss_before, sentence) else None
            if m:
                return "loss", f"'{m.group(0).strip()}' before the amount"
            table = rules.money
            of = ZH_OF_MONEY_NOUN_RE.match(text, fact.end) if sentence.lang == "zh" else None
            if of is not None:
                found = self._nearest_trigger(fact, fact.end, of.end(), [], table, 0)
                if found is not None:
                    return found[0], f"'{found[1]}' the amount is of (的)"
        same_kind = [f for f in siblings if f.kind == fact.kind]
        best = self._nearest_trigger(
            fact,
            sentence.start,
            sentence.end,
            same_kind,
            table,
            without=without,
            names=sentence.mentions,
            present=self._present(sentence),
        )
        if best is not None:
            measure, word = best
            if (
                fact.kind == "money"
                and measure in ("market_size", "investment")
                and self._may(REVENUE_FROM_MARKET_RE, sentence)
                and REVENUE_FROM_MARKET_RE.search(text, sentence.start, fact.start)
            ):
                # "Doanh thu từ phân khúc trung tâm dữ liệu ... 4,3 tỷ đô la"
                return "revenue", "revenue from a market or a segment"
            if (
                measure == "ratio"
                and SHARE_WORD_RE.fullmatch(word)
                and self._may(MARKET_NAMED_RE, sentence)
                and MARKET_NAMED_RE.search(text, sentence.start, sentence.end)
                and PART_OF_REVENUE_AFTER_RE.match(text, fact.end) is None
                and not PART_OF_REVENUE_BEFORE_RE.search(
                    text, max(sentence.start, fact.start - 15), fact.start
                )
            ):
                return "market_share", f"'{word}' in a sentence about a market"
            if (
                measure == "profit"
                and self.article.is_translated
                and word.lower() == "operating income"
            ):
                return "revenue", "'operating income' in a translation (营业收入)"
            return measure, f"'{word}'"
        if prior:
            return prior[-1].measure or "other", "the number before it in the sentence"
        if fact.kind == "money":
            carried = self._previous_money.get(sentence.paragraph.section)
            if carried is not None:
                return carried, "the amount before it in the story"
            return "other", "no trigger in the sentence"
        return "ratio", "a percentage with no trigger"

    def _triggers(
        self,
        table: TriggerTable,
        start: int,
        end: int,
        present: tuple[set[int], int] | None = None,
    ) -> list[tuple[int, int, int]]:
        """``table``'s triggers in ``text[start:end]``, found once per sentence
        (``present``: the needles of a range holding it, ``Gate.may``)."""
        key = (id(table), start, end)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = table.find(
                self.text, self.folded, start, end, self._words(), self.gated, present
            )
        return found

    # the article scanned once for its words, names and places

    def _words(self) -> Scans | None:
        if "words" not in self._scans:
            self._scans["words"] = (
                Scans(self.folded, self._family(), with_needles=self.gated is not None)
                if self.folded is not None
                else None
            )
        return self._scans["words"]

    def _family(self) -> tuple[PhraseIndex, ...]:
        """The indexes an article is read against: one pass finds all their phrases.

        The trigger words of the languages its sentences are read in (and its own, for
        a table's header): another language's are never read. The rules of every
        language are made first, so that their gates are.
        """
        for lang in LANGS:
            rules_for(lang)
        article = self.article.lang or "en"
        read = {article if article in LANGS else "en"}
        for p in self.paragraphs:
            lang = p.lang or article
            read.add(lang if lang in LANGS else "en")
        triggers = [
            table.phrases
            for lang in LANGS
            if lang in read
            for table in (rules_for(lang).money, rules_for(lang).percent)
        ]
        return (self.finder.phrases, PLACE_PHRASES, *triggers)

    def _known(self) -> list[Mention]:
        if "known" not in self._scans:
            self._scans["known"] = self.finder.known(self.text, self.folded, self._words())
        return self._scans["known"]

    def _places(self) -> list[Place]:
        if "places" not in self._scans:
            self._scans["places"] = find_places(
                self.text, 0, len(self.text), self.folded, self._words()
            )
        return self._scans["places"]

    def _breaks(self, start: int, end: int) -> list[int]:
        key = (0, start, end)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = clause_breaks(self.text, start, end)  # type: ignore[assignment]
        return found  # type: ignore[return-value]

    def _nearest_trigger(
        self,
        fact: Fact,
        start: int,
        end: int,
        siblings: list[Fact],
        table: TriggerTable,
        clause_cost: int = CLAUSE_COST,
        without: str | None = None,
        names: Sequence[Mention] = (),
        present: tuple[set[int], int] | None = None,
    ) -> tuple[str, str] | None:
        """The measure of the trigger word nearest ``fact`` in ``text[start:end]``, and
        the word; a word inside a name ("Kestrel Data Centres", "Brightline Capital")
        is the name's, not a trigger. ``present``: the needles of a range holding it."""
        text = self.text
        breaks = self._breaks(start, end) if clause_cost else []
        others = [(f.start, f.end) for f in siblings if f.start != fact.start]
        best: tuple[float, int, int, str, int, int] | None = None
        entries = table.entries
        for s, e, rank in self._triggers(table, start, end, present):
            measure, _, weak = entries[rank]
            if measure == without or any(m.start <= s and e <= m.end for m in names):
                continue
            if s <= fact.start and fact.end <= e:
                lo = hi = fact.start
                cost = 0.0  # a trigger around the number: "accounted for 23% of shipments"
            elif s < fact.end and fact.start < e:
                continue
            elif e <= fact.start:
                lo, hi, cost = e, fact.start, float(fact.start - e)
            else:
                gap = text[fact.end : s]
                lo, hi = fact.end, s
                cost = 0.5 if not gap.strip() and len(gap) <= 2 else len(gap) * AFTER_COST + 5
                if AND_RE.search(gap):
                    cost += clause_cost  # "revenue of X and profit of": profit is not X's
            if clause_cost:
                crossed = bisect.bisect_left(breaks, hi) - bisect.bisect_left(breaks, lo)
                cost += crossed * clause_cost
            if any(lo <= a and b <= hi for a, b in others):
                cost += FACT_BETWEEN_COST
            if weak:
                cost += WEAK_COST
            if cost > MAX_TRIGGER_DISTANCE:
                continue
            key = (cost, -(e - s), rank, measure, s, e)
            if best is None or key[:3] < best[:3]:
                best = key
        return None if best is None else (best[3], text[best[4] : best[5]])

    # ------------------------------------------------------------------ tables

    def _table(self, fact: Fact) -> TriggerTable:
        rules = rules_for(self.article.lang or "en")
        return rules.percent if fact.kind == "percent" else rules.money

    def _table_rows(self, sentence: _Sentence) -> tuple[Paragraph, Paragraph] | None:
        """The header row of the table ``sentence`` is a row of, and the row."""
        row = sentence.paragraph
        if not self.text.startswith("|", row.start):
            return None
        i = self.paragraphs.index(row)
        j = i
        while j > 0 and self.text.startswith("|", self.paragraphs[j - 1].start):
            j -= 1
        if j == i:
            return None
        return self.paragraphs[j], row

    def _table_header(self, fact: Fact, sentence: _Sentence) -> tuple[int, int] | None:
        """The span of the header cell above ``fact``'s cell, when it stands in a table."""
        rows = self._table_rows(sentence)
        if rows is None:
            return None
        header, row = rows
        column = self.text.count("|", row.start, fact.start)
        bars = [k for k in range(header.start, header.end) if self.text[k] == "|"]
        if column >= len(bars):
            return None
        return bars[column - 1] + 1, bars[column]

    # ------------------------------------------------------------------ organisation

    def _owner(
        self,
        fact: Fact,
        measure: str,
        sentence: _Sentence,
        earlier: list[Fact],
        carry: Callable[[], Mention | None],
    ) -> tuple[Mention | None, str | None]:
        if measure in MARKET_MEASURES:
            return None, "a market's figure belongs to no organisation"
        text = self.text
        rules = rules_for(sentence.lang)
        since = earlier[-1].end if earlier else sentence.start
        # "Micron at 21%", "Nvidia's 38%": the name right before the number
        near = [m for m in sentence.mentions if since <= m.start and m.end <= fact.start]
        if near and ADJACENT_RE.fullmatch(text, near[-1].end, fact.start):
            return near[-1], "the name right before it"
        # "compared with 66% for Nvidia", "30% is held by PensionDanmark": the name after
        follows = next((m for m in sentence.mentions if m.start >= fact.end), None)
        if follows is not None and (
            (
                self._may(HELD_BY_AFTER_RE, sentence)
                and HELD_BY_AFTER_RE.fullmatch(text, fact.end, follows.start)
            )
            or (
                self._may(COMPARED_BEFORE_RE, sentence)
                and COMPARED_BEFORE_RE.search(text, max(since, fact.start - 30), fact.start)
                and COMPARED_GAP_RE.fullmatch(text, fact.end, follows.start)
            )
        ):
            return follows, "the name after it owns the number compared or held"
        if sentence.lang == "vi":
            after = next((m for m in sentence.owners if m.start >= fact.end), None)
            if after is not None and VI_OF_AFTER_RE.fullmatch(text, fact.end, after.start):
                return after, "the name after it ('của')"
        respective = self._respectively(fact, sentence, earlier)
        if respective is not None:
            return respective, "listed names own listed numbers, respectively"
        if fact.kind == "percent":
            after = [m for m in sentence.mentions if m.start >= fact.end]
            if (
                after
                and OF_NAME_AFTER_RE.search(text, fact.end, after[0].start)
                and (text.startswith(("'s", "’s"), after[0].end))
            ):
                return after[0], "a part of the total of the name after it"
            if (
                OF_ITS_RE.match(text, fact.end)
                and (carried := carry()) is not None
                and not (  # "The United States has ... 48.4% of its total": the place's
                    sentence.places
                    and not self.text[sentence.start : sentence.places[0].start]
                    .strip(' "“')
                    .casefold()
                    .removeprefix("the")
                    .strip()
                )
            ):
                return carried, "a part of the total of the subject before"
        stretch = [m for m in sentence.owners if since <= m.start and m.end <= fact.start]
        if (
            not stretch
            and self._may(OTHERS_RE, sentence)
            and OTHERS_RE.search(text, since, fact.start)
        ):
            return None, "the others' number belongs to no one organisation"
        if len(stretch) > 1:
            stretch = [m for m in stretch if m.start not in sentence.sources] or stretch
        if (
            not stretch
            and measure == "growth"
            and self._may(MARKET_SUBJECT_RE, sentence)
            and MARKET_SUBJECT_RE.search(text, since, fact.start)
            and not (
                self._may(REVENUE_FROM_MARKET_RE, sentence)
                and REVENUE_FROM_MARKET_RE.search(text, since, fact.start)
            )
        ):
            return None, "a market's growth belongs to no organisation"
        if (
            not stretch
            and self._may(PARENT_RE, sentence)
            and PARENT_RE.search(text, since, fact.start)
        ):
            return None, "a parent the sentence does not name"
        if measure in ("investment", "funding", "ratio"):
            # "海光信息发布三季报，江苏省设立30亿元基金": the province after the names
            local = self._local_government(fact, sentence, max([since] + [m.end for m in stretch]))
            if local is not None:
                return local, LOCAL_EVIDENCE
        if stretch:
            pick = stretch[0] if measure in SUBJECT_MEASURES else stretch[-1]
            if pick.start in sentence.listed:
                return None, "names in a list own no single number"
            rule = "the subject before it" if measure in SUBJECT_MEASURES else "the name before it"
            return pick, rule
        if earlier:
            prior = earlier[-1]
            if prior.subject_start is None:
                return None, prior.organisation_evidence
            owner = next((m for m in sentence.mentions if m.start == prior.subject_start), None)
            if owner is None and prior.organisation_evidence == LOCAL_EVIDENCE:
                owner = Mention(
                    prior.subject_start,
                    prior.subject_end or prior.subject_start,
                    prior.subject_text or "",
                    prior.organisation or "",
                    True,
                )
            if owner is not None:
                return owner, "the owner of the number before it in the sentence"
        before = [m for m in sentence.owners if m.end <= fact.start]
        if before:
            pick = before[0] if measure in SUBJECT_MEASURES else before[-1]
            if pick.start in sentence.listed:
                return None, "names in a list own no single number"
            return pick, "the sentence's name before it"
        # a name right after the number: "a $2 billion round for Mistral", "raised by X"
        after = [m for m in sentence.mentions if m.start >= fact.end]
        if after:
            first = after[0]
            gap = text[fact.end : first.start]
            if (
                AFTER_GAP_RE.fullmatch(gap)
                and STAKE_GAP_RE.match(gap) is None
                and first.start not in sentence.listed
                and (first in sentence.owners or OWNER_AFTER_RE.search(gap))
            ):
                return first, "the name after it"
        if measure == "computing_power":
            at = [
                m
                for m in sentence.mentions
                if m.end <= fact.start
                and AT_BEFORE_RE.search(text, max(sentence.start, m.start - 15), m.start)
            ]
            if at:
                return at[0], "the site the machine is at"
        government = self._government(fact, measure, sentence)
        if government is not None:
            return government, "a country's government spends"
        head = text[sentence.start : fact.start]
        if (
            (
                (self._may(rules.carry_opening, sentence) and rules.carry_opening.search(head))
                or (self._may(rules.anaphora, sentence) and rules.anaphora.search(head))
            )
            and not self._place_is_subject(sentence, fact)
            and (carried := carry()) is not None
        ):
            return carried, "the subject of the sentence before"
        heading = self._heading_owner(sentence) if measure in HEADING_MEASURES else None
        if heading is not None:
            return heading, "the story's heading"
        return None, "no organisation in the sentence"

    def _place_is_subject(self, sentence: _Sentence, fact: Fact) -> bool:
        """True for "目前，深圳已建成...", "In 2025, Vietnam attracted ...": a place leads the
        sentence before its number and no name comes first, so the number is the place's."""
        place = next((p for p in sentence.places if p.end <= fact.start), None)
        if place is None or place.start - sentence.start > PLACE_LEAD_CHARS:
            return False
        if self.text.startswith("-", place.end):
            return False  # "The Shenzhen-based chipmaker": the place describes the subject
        return not any(m.start < place.start for m in sentence.mentions)

    def _respectively(self, fact: Fact, sentence: _Sentence, earlier: list[Fact]) -> Mention | None:
        """The k-th of k listed names for the k-th of the numbers after "respectively"."""
        if sentence.respectively is False:
            sentence.respectively = (
                RESPECTIVELY_RE.search(self.text, sentence.start, sentence.end)
                if self._may(RESPECTIVELY_RE, sentence)
                else None
            )
        cue = sentence.respectively
        if not isinstance(cue, re.Match) or fact.start < cue.start():
            return None
        listed = [m for m in sentence.owners if m.start in sentence.listed and m.end <= cue.start()]
        if not listed:
            return None
        k = len([f for f in earlier if f.start >= cue.start() and f.kind == fact.kind])
        return listed[k] if k < len(listed) else None

    def _government(self, fact: Fact, measure: str, sentence: _Sentence) -> Mention | None:
        """ "UK to spend £2 billion": a country as the subject of public money is its government.

        So is "the government" of an article about one country ("Chính phủ").
        """
        if measure not in ("investment", "funding", "ratio", "price", "computing_power"):
            return None
        said = (
            GOVERNMENT_RE.search(self.text, sentence.start, fact.start)
            if self._may(GOVERNMENT_RE, sentence)
            else None
        )
        if said is not None:
            country = self._main_country()
            name = self._governments().get(country or "")
            if name is not None:
                return Mention(said.start(), said.end(), said.group(0), name, True)
        if measure not in ("investment", "funding", "ratio") or not sentence.places:
            return None
        place = sentence.places[0]
        # the table is asked (``finder.canonical``: remembered) only where a place acts
        if place.end <= fact.start and LOCAL_ACTION_RE.match(self.text, place.end):
            for suffix in LOCAL_GOVERNMENT_SUFFIXES:
                local = self.finder.canonical(place.text + suffix)
                if local is not None:
                    return Mention(place.start, place.end, place.text, local, True)
        if place.end <= fact.start and VI_LOCAL_ACTION_RE.match(self.text, place.end):
            for prefix in LOCAL_GOVERNMENT_PREFIXES:
                local = self.finder.canonical(prefix + place.text)
                if local is not None:
                    return Mention(place.start, place.end, place.text, local, True)
        if place.end > fact.start or not GROUP_SUBJECT_RE.match(self.text, place.end):
            return None
        name = self._governments().get(place.country)
        if name is None:
            return None
        return Mention(place.start, place.end, place.text, name, True)

    def _local_government(self, fact: Fact, sentence: _Sentence, since: int) -> Mention | None:
        """ "江苏省设立规模50亿元的基金": a province or city setting up, funding or granting
        between the number before and this one is its government."""
        for place in sentence.places:
            if place.start < since or place.end > fact.start:
                continue
            end = place.end + (self.text[place.end : place.end + 1] in ("省", "市"))
            if not LOCAL_ACTION_RE.match(self.text, end):
                continue
            for suffix in LOCAL_GOVERNMENT_SUFFIXES:
                local = self.finder.canonical(place.text + suffix)
                if local is not None:
                    return Mention(place.start, end, self.text[place.start : end], local, True)
        return None

    def _main_country(self) -> str | None:
        """The country the article names most, or None when it names none."""
        if self._main is None:
            counts: dict[str, int] = {}
            for place in self._places():
                counts[place.country] = counts.get(place.country, 0) + 1
            self._main = max(counts, key=lambda c: counts[c]) if counts else ""
        return self._main or None

    def _governments(self) -> dict[str, str]:
        """Country code -> the table's "Government of ..." organisation, per table version."""
        found = _GOVERNMENTS.get(self.table.version)
        if found is None:
            found = {}
            for org in self.table.organisations.values():
                if (
                    org.kind == "government"
                    and org.country
                    and org.name.startswith("Government of")
                ):
                    found.setdefault(org.country, org.name)
            _GOVERNMENTS[self.table.version] = found
        return found

    def _heading_owner(self, sentence: _Sentence) -> Mention | None:
        if not self.is_newsletter or not sentence.paragraph.section:
            return None
        for p in self.paragraphs:
            if (
                p.role == "heading"
                and self.text[p.start : p.end].strip() == sentence.paragraph.section
            ):
                for s in map(self.ready, self.sentences_of(p)):
                    first = next((m for m in s.owners if m.start not in s.listed), None)
                    if first is not None:
                        return first
        return None

    # ------------------------------------------------------------------ where and when

    def _country(
        self, fact: Fact, sentence: _Sentence, owner: Mention | None
    ) -> tuple[str | None, str | None]:
        places = sentence.places
        if fact.unit == "HKD":
            return "HK", "an amount in Hong Kong dollars"  # a Hong Kong listing, not the mainland
        if places:
            near = min(places, key=lambda p: abs(p.start - fact.start))
            return near.country, f"'{near.text}' in the sentence"
        main = self._main_country()
        org = self.table.organisations.get(owner.organisation) if owner is not None else None
        home = org.country if org is not None else None
        if main is not None and (home == main or (sentence.lang != "en" and home in (None, "HK"))):
            # a story about one country: its home companies' numbers are in it
            return main, f"the article is about {main}"
        if sentence.lang != "en" and home is not None:
            return home, f"{owner.organisation if owner else ''}'s country"
        return None, None

    def _period(self, fact: Fact, sentence: _Sentence) -> tuple[str | None, str | None]:
        if sentence.periods is None:
            sentence.periods = find_periods(
                self.text, sentence.start, sentence.end, self.gated, self._present(sentence)
            )
        periods = sentence.periods
        if not periods:
            return None, None
        near = min(periods, key=lambda p: (abs(p.start - fact.start), p.start))
        return near.period, f"'{self.text[near.start : near.end]}' ({near.rule})"


def _mark_repeats(facts: list[Fact]) -> list[Fact]:
    """Facts, in the same order, with ``repeat_of`` set where an earlier one states the claim."""
    seen: dict[tuple, int] = {}
    repeats: dict[int, int] = {}
    for fact in sorted(facts, key=lambda f: f.start):
        if fact.value is None or fact.conversion_of is not None:
            continue
        key = (fact.kind, fact.value, fact.value_high, fact.unit, fact.measure, fact.organisation)
        if key in seen:
            repeats[fact.start] = seen[key]
        else:
            seen[key] = fact.start
    return [_replace(f, repeat_of=repeats[f.start]) if f.start in repeats else f for f in facts]
