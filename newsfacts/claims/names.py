"""Finding organisation names in text: the reference table's aliases, and names it lacks.

``NameFinder`` looks every alias of the table up at once in a ``PhraseIndex``
(so the scan costs about the same for 2,000 aliases as for 20) and returns
``Mention``s: the span, the name as written and, for a known alias, the
canonical name. Names the table lacks are found by their form: capitalised
words with a company suffix or in a company's place in the sentence (English and
Vietnamese), a Chinese name glossed with its English name in brackets.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from newsfacts.claims.lexicon import NOT_NAMES
from newsfacts.claims.literals import Gate, PhraseIndex, Scans, gate_text
from newsfacts.extract.lexicon import trie_alt
from newsfacts.organisations import OrganisationTable, alias_key


@dataclass(frozen=True, slots=True)
class Mention:
    """An organisation named in the text: where, as written, and its canonical name."""

    start: int
    end: int
    text: str
    organisation: str
    known: bool  # True: an alias of the reference table; False: found by its form


def _mention_start(mention: Mention) -> int:
    return mention.start


def is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


# Company words that make a capitalised phrase a name even when the table lacks it.
ORG_SUFFIX_RE = re.compile(
    r"(?:\s(?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|Limited|LLC|plc|PLC|AG|SE|SA|NV|JSC|PJSC|"
    r"Group|Holdings?|Technologies|Technology|Tech|Systems|Labs?|AI|Capital|Partners|Ventures|"
    r"Semiconductors?|Compute|Computing|Micro|Securities|Cloud|Networks?|Robotics|Intelligence|Bank|Fund|Investments?|"
    r"Energy|Power|Electronics|Electric|Software|Solutions|Data|Digital|Telecom|Communications|"
    r"Microelectronics|Devices|Industries|Dynamics|Research|Institute|University|Foundation|"
    r"Authority|Agency|Council|Commission|Ministry|Department|Committee|Centre|Center|"
    r"Platforms|Interactive|Media|Motors|Aerospace|Infrastructure|Data Centres|Data Centers|"
    r"Oyj?|ASA|GmbH|Bhd\.?|Berhad|Sdn\.? Bhd\.?|Pte\.? Ltd\.?|Pty\.? Ltd\.?|Tbk\.?|S\.A\.?|"
    r"N\.V\.?|B\.V\.?|S\.p\.A\.?))+$"
)
# A capitalised phrase: words starting with a capital (or a digit after the first), joined
# by spaces, "&", "of", "de"; possessive and trailing punctuation are not part of it. (The
# capital comes first and the look behind it after, so that the search skips to capitals.)
CAPITALISED_RE = re.compile(
    r"[A-Z](?<![\w&.-][A-Z])(?:[\w&.'’-]*[\w&])?(?:(?:\s+|\s+(?:of|de|for|&)\s+)"
    r"(?:[A-Z0-9][\w&.'’-]*[\w&]|[A-Z]))*"
    # a legal form written with stops is part of the name: "Arcadia Compute Sdn. Bhd."
    r"(?:(?:(?<=\bSdn)|(?<=\bPte)|(?<=\bPty)|(?<=\bCo))\.?,?\s+(?:Bhd|Ltd)\.?"
    r"|,?\s+(?:S\.A|N\.V|B\.V|S\.p\.A)\.?)?"
)
# In a company's place: the phrase is followed by a verb of owning or doing, or an appositive.
AFTER_NAME_RE = re.compile(
    r"^(?:'s|’s|,\s+(?:a|an|the|which|whose|who|đơn vị|công ty|startup|nhà|hãng|tập đoàn|một)\b|"
    r"(?:\s+(?:already|also|now|still|recently|previously|currently|then|later))?"
    r"\s+(?:raised|raises|closed|closes|said|says|"
    r"reported|reports|posted|posts|agreed|agrees|plans|planned|will|would|is|was|has|had|"
    r"expects|announced|announces|secured|secures|landed|won|signed|invested|invests|spent|"
    r"spends|bought|buys|acquired|acquires|took|takes|holds|held|controls|earned|earns|lost|"
    r"booked|books|priced|prices|runs|operates|owns|fell|rose|jumped|slid|dropped|gained|climbed|"
    r"surged|plunged|tumbled|delivers|builds|sells|employs|cut|cuts|"
    r"vừa|đã|sẽ|đạt|ghi nhận|công bố|cho biết|gọi|huy động|"
    r"được|chi|đầu tư|nâng|mua|ký|(?:\([^)]{2,30}\))))"
)
BEFORE_NAME_RE = re.compile(
    r"(?:start-?up|startup|company|firm|maker|designer|provider|operator|platform|developer|"
    r"lab|rival|unit|subsidiary|investor|fund|shares of|stock of|"
    r"nền tảng|công ty|doanh nghiệp|hãng|tập đoàn|"
    r"quỹ|startup|nhà cung cấp|nhà phát triển|đơn vị)\s+$",
    re.IGNORECASE,
)
BEFORE_NAME_GATE = Gate(BEFORE_NAME_RE)
# a Vietnamese company's legal form, written before its name
VI_LEGAL_FORM = r"(?:Tổng [Cc]ông ty|Công ty (?:Cổ phần|TNHH|cổ phần|CP)|Công ty|Tập đoàn)"
VI_LEGAL_RE = re.compile(rf"{VI_LEGAL_FORM}\s+([\w&.-]+(?:[ \t]+[\w&.-]+){{0,9}})")
VI_LEGAL_PREFIX_RE = re.compile(rf"^{VI_LEGAL_FORM}\s+")
VI_NAME_WORD_RE = re.compile(r"[\w&.-]+")
# a Latin name in brackets right after a name: its English form ("Sao Việt (SaoViet AI)")
LATIN_GLOSS_RE = re.compile(r"\s*[(（]\s*([A-Z][A-Za-z0-9&.' -]{1,40}?)\s*[)）]")
GENERIC_AFTER_RE = re.compile(
    r"\s+(?:companies|firms|start-?ups|makers|players|providers|vendors|operators|investors)\b"
)
LEADING_DESCRIPTOR_RE = re.compile(r"[A-Z][a-z]+-[a-z]+(?:-[a-z]+)*")
# "GreenNode", "NeuroViet": one word with a capital inside is a brand's name wherever it stands.
CAMEL_RE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+")
HYPHENED_MODIFIER_RE = re.compile(
    r"\S+-(?:backed|based|led|owned|controlled|listed|funded|supported|born|headquartered)\s+"
)
# 壁仞科技（Biren Technology）: a Chinese name with its English name in brackets.
CJK_GLOSS_RE = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]\s*([A-Z][A-Za-z0-9&.'\- ]{1,60}?)\s*[)）]")


def _words(text: str) -> list[str]:
    return text.split()


# A Chinese company's or government body's name the table lacks, by its form: a run of
# characters ending in a company word (星曜智能, 星曜智能科技有限公司, 广达集团) or a
# government body's (深圳市工业和信息化局). Chinese has no spaces, so where the name
# starts is read from the words that stand before names ("AI推理晶片公司星曜智能": a
# description, then the name) and from punctuation.
ZH_COMPANY_TAIL = (
    "股份有限公司|有限责任公司|有限責任公司|有限公司|控股集团|控股集團|集团|集團|控股|"
    "科技|智能|电子|電子|半导体|半導體|微电子|微電子|基金|银行|銀行|证券|證券|"
    "研究院|实验室|實驗室|大学|大學"
)
ZH_GOVERNMENT_TAIL = "管委会|管委會|委员会|委員會|办公室|辦公室|局|厅|廳"
ZH_TAIL_RE = re.compile(rf"(?:{ZH_COMPANY_TAIL})+|(?:{ZH_GOVERNMENT_TAIL})")
ZH_NOT_TAIL_END_RE = re.compile(
    # "智能算力", "科技创新", "基金会": the word begins another word, not a name's end
    r"[\u4e00-\u9fff]*?(?:公司|集团|集團)"
    r"|算力|计算|計算|化|制造|製造|终端|終端|手机|手機|汽车|汽車|驾驶|駕駛|体|體|芯片|晶片|"
    r"产业|產業|设备|設備|硬件|硬體|服务|服務|创新|創新|部|会|會|园|園|城|股|板块|板塊|应用|應用"
)
ZH_GOVERNMENT_TAILS = frozenset(ZH_GOVERNMENT_TAIL.split("|"))
# how many characters before its company word a name may run
ZH_NAME_RUN = 12
# words after which a name starts: descriptions, conjunctions, verbs, time words
ZH_BEFORE_NAME_RE = re.compile(
    "(?:的|公司|企业|企業|厂商|廠商|大厂|大廠|服务商|服務商|运营商|運營商|供应商|供應商|"
    "芯片商|晶片商|初创|初創|独角兽|獨角獸|旗下|子公司|与|與|及|同|由|据|據|获|獲|向|对|對|"
    "在|将|將|把|被|为|為|是|称|稱|表示|宣布|宣佈|今日|日前|近日|昨日|此前|此外|其中|以及|"
    "包括|而|但|于|於|从|從|给|給|让|讓|投资|投資|领投|領投|跟投|参与|參與|认购|認購|合作|"
    "联合|聯合|携手|攜手|和|并|並|也|还|還|均|都|则|則|仅|僅|即)"
)
# "深圳市工业和信息化局": a government body's name may hold "和" after its place
ZH_GOVERNMENT_BEFORE_RE = re.compile("(?:的|据|據|由|与|與|及|是|为|為|获|獲|今日|日前|近日)")
ZH_GENERIC_NAMES = frozenset(
    _words(
        "人工智能 智能 科技 集团 集團 公司 银行 銀行 基金 大学 大學 实验室 實驗室 研究院 控股 "
        "资本 資本 证券 證券 电子 電子 半导体 半導體 微电子 微電子 有限公司 股份有限公司 局 厅 "
        "廳 委员会 委員會 办公室 辦公室 管委会 管委會 生成式人工智能 通用人工智能 产业基金 "
        "產業基金 投资基金 投資基金 引导基金 引導基金 政府引导基金 国家 國家 地方 该局 該局 "
        "当局 當局 本局 结局 結局 格局 布局 佈局 开局 開局 大局 全局 僵局 邮局 郵局 出局 终局 "
        "終局 电子科技 金融科技 前沿科技 黑科技 高科技 中国科技 中國科技 全球科技 国产半导体 "
        "國產半導體"
    )
)
ZH_PLACE_PREFIXES = tuple(
    _words(
        "中国 中國 全球 国内 國內 国产 國產 美国 美國 亚洲 亞洲 欧洲 歐洲 本地 海外 香港 台湾 "
        "臺灣 台灣"
    )
)
ZH_FIELD_ENDS = tuple(
    _words(
        "产业 產業 相关 相關 领域 領域 投资 投資 注册 註冊 总 總 引导 引導 专项 專項 算力 智算 "
        "人工智能 数字经济 數字經濟 数据 數據 芯片 晶片 半导体 半導體 集成电路 積體電路 科创 "
        "科創 创投 創投 天使 母 新兴 新興 基础设施 基礎設施 发展 發展 创新 創新"
    )
)
ZH_NOT_NAME_START = tuple("这這该該本其各此某多每全一二三两兩数數")
ZH_LEGAL_TAIL_RE = re.compile("(?:股份有限公司|有限责任公司|有限責任公司|有限公司)$")
# "星曜智能科技有限公司（下稱「星曜智能」）": the name the article uses from then on
ZH_ALIAS_RE = re.compile(
    r"[（(]\s*(?:以下|下文)?(?:简称|簡稱|下称|下稱|称|稱)\s*[「“\"『]?([^」”\"』）)]{2,12})[」”\"』]?\s*[)）]"
)


def zh_names(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of the Chinese organisation names ``text`` writes by form."""
    found: list[tuple[int, int, str]] = []
    reached = 0
    for m in ZH_TAIL_RE.finditer(text):
        if ZH_NOT_TAIL_END_RE.match(text, m.end()):
            continue
        tail = m.group(0)
        # the run of characters before the company word: the name and what precedes it
        run_start = m.start()
        while run_start > max(reached, m.start() - ZH_NAME_RUN) and _is_han(text[run_start - 1]):
            run_start -= 1
        core = text[run_start : m.start()]
        if not core:
            continue
        government = tail in ZH_GOVERNMENT_TAILS
        # the name starts after the last word that stands before names in the run
        before = ZH_GOVERNMENT_BEFORE_RE if government else ZH_BEFORE_NAME_RE
        cut = 0
        for b in before.finditer(core):
            if b.end() < len(core):  # a name of its own needs a character past the word
                cut = b.end()
        core = core[cut:]
        start = run_start + cut
        name = core + tail
        bare = next((name[len(p) :] for p in ZH_PLACE_PREFIXES if name.startswith(p)), name)
        if not core or {name, core, bare} & ZH_GENERIC_NAMES:
            continue  # "人工智能", "中国人工智能": a field, not a company
        if core.endswith(ZH_FIELD_ENDS):
            continue  # "人工智能相关产业基金", "算力产业基金": a kind of fund, not one
        if (
            core.startswith(ZH_NOT_NAME_START)
            or len(core) < 2
            or len(core) > (10 if government else 6)
        ):
            continue
        reached = m.end()
        found.append((start, m.end(), name))
    return found


class NameFinder:
    """Every organisation name in a text, known or by its form."""

    def __init__(self, table: OrganisationTable) -> None:
        self.table = table
        keys = {alias_key(a.alias) for a in table.aliases}
        self._index = {alias_key(a.alias): a.organisation for a in table.aliases}
        # keys whose every alias is written in capitals (AMD, FPT, CMC)
        self._upper: dict[str, bool] = {}
        for a in table.aliases:
            key = alias_key(a.alias)
            self._upper[key] = self._upper.get(key, True) and a.alias.isupper()
        for key in list(keys):  # "Nvidia's" is found as "Nvidia" + possessive
            if key.endswith("'s"):
                keys.discard(key)
        self._keys = sorted(keys)
        self.phrases = PhraseIndex((key, None) for key in self._keys)  # keys are casefolded
        self._re: re.Pattern[str] | None = None  # for a text whose casefolding changes length
        self._canonical: dict[str, str | None] = {}

    def find(
        self,
        text: str,
        start: int = 0,
        end: int | None = None,
        known: list[Mention] | None = None,
        may: Callable[[re.Pattern[str]], bool] | None = None,
    ) -> list[Mention]:
        """The names in ``text[start:end]``, by position, spans into ``text``: the known
        ones, then the unknown names that do not overlap them.

        ``known`` is ``self.known(text)`` when the caller reads many ranges of one text;
        ``may(pattern)``, when given, is False where ``pattern`` cannot match in the range
        (the caller's gates, ``literals.Gate``).
        """
        end = len(text) if end is None else end
        if known is None:
            known = self.known(text)
        # ``known`` is by position: the range's part found by bisection (a huge one-line
        # text has a name per sentence, and a range per sentence asks)
        first = bisect.bisect_left(known, start, key=_mention_start)
        last = bisect.bisect_left(known, end, key=_mention_start)
        known = [k for k in known[first:last] if k.end <= end]
        found = self._unknown(text[start:end], may)
        if start:
            found = [
                Mention(m.start + start, m.end + start, m.text, m.organisation, m.known)
                for m in found
            ]
        # "Samsung SDS", "Viettel IDC", "CMC Cloud": a longer name that starts with a known
        # one and adds a unit's word is that unit, not its parent
        units = [
            u
            for u in found
            if any(k.start == u.start and k.end < u.end for k in known)
            and (
                u.known
                or _is_unit_tail(text[max(k.end for k in known if k.start == u.start) : u.end])
            )
        ]
        known = [k for k in known if not any(u.start <= k.start and k.end <= u.end for u in units)]
        taken = [(m.start, m.end) for m in known]
        unknown = [m for m in found if not any(s < m.end and m.start < e for s, e in taken)]
        return sorted(known + unknown, key=lambda m: m.start)

    def known(
        self, text: str, folded: str | None = None, scans: Scans | None = None
    ) -> list[Mention]:
        """The table's aliases in ``text``, by position; ``folded`` is ``text.casefold()``
        and ``scans`` its ``Scans``, when the caller has them already."""
        found = []
        if folded is None:
            folded = text.casefold()
        if len(folded) == len(text):
            hits = [(s, e) for s, e, _ in self.phrases.find(folded, scans=scans)]
        else:
            if self._re is None:
                self._re = re.compile(trie_alt(self._keys), re.IGNORECASE)
            hits = [(m.start(), m.end()) for m in self._re.finditer(text)]
        reached = 0
        for s, e in hits:  # by start, longest first: the longest alias that reads as a name
            if s < reached:
                continue
            written = text[s:e]
            first = written[0]
            if not is_cjk(first):
                if (s and (_latin_word_char(text[s - 1]) or text[s - 1] == "-")) or (
                    e < len(text) and _latin_word_char(text[e])
                ):
                    continue  # inside a longer word; a Chinese character next to it is a boundary
                if first.isalpha() and not first.isupper():
                    continue  # "arm", "meta": a word, not the company
                key = alias_key(written)
                canon = self._index.get(key)
                if canon is None:
                    continue
                # all-capital short aliases (AMD, FPT) must be written in capitals
                if len(key) <= 4 and not written.isupper() and self._upper.get(key, False):
                    continue
            else:
                canon = self._index.get(alias_key(written))
                if canon is None:
                    continue
            found.append(Mention(s, e, written, canon, True))
            reached = e
        return found

    def canonical(self, name: str) -> str | None:
        """``table.canonical(name)``, remembered (the same unknown names recur)."""
        try:
            return self._canonical[name]
        except KeyError:
            if len(self._canonical) > 100_000:  # a long run meets ever new names
                self._canonical.clear()
            canon = self._canonical[name] = self.table.canonical(name)
            return canon

    def vi_legal(self, text: str) -> list[Mention]:
        """Vietnamese companies named with their legal form ("Công ty Cổ phần ..."), with
        the English name in brackets after one as its organisation."""
        found: list[Mention] = []
        if "ông ty" not in text and "Tập đoàn" not in text:
            return found
        for m in VI_LEGAL_RE.finditer(text):
            end = _vi_name_end(text, m.start(1), m.end(1))
            if end is None:
                continue
            name = text[m.start(1) : end]
            canon = self.canonical(name)
            if canon is None and not _plausible(name):
                continue
            gloss = LATIN_GLOSS_RE.match(text, end)  # "... Sao Việt (SaoViet AI)"
            english = gloss.group(1).strip() if gloss is not None else None
            if canon is None and english is not None:
                canon = self.canonical(english)
            found.append(
                Mention(
                    m.start(),
                    end,
                    text[m.start() : end],
                    canon or english or name,
                    canon is not None,
                )
            )
        return found

    def _unknown(
        self, text: str, may: Callable[[re.Pattern[str]], bool] | None = None
    ) -> list[Mention]:
        found: list[Mention] = []
        before_name: bool | None = None  # a word that stands before names is in ``text``
        # each form's cheap sign first: most sentences have no bracket, no "Công ty"
        glosses = CJK_GLOSS_RE.finditer(text) if "(" in text or "（" in text else ()
        for m in glosses:
            english = m.group(2).strip()
            canon = self.canonical(english) or self.canonical(m.group(1))
            found.append(
                Mention(m.start(1), m.end(1), m.group(1), canon or english, canon is not None)
            )
        if _has_han(text):
            aliases = {
                a.start(): a.group(1) for a in ZH_ALIAS_RE.finditer(text)
            }  # by the bracket's start
            glossed = [(m.start, m.end) for m in found]
            for s, e, name in zh_names(text):
                if any(a < e and s < b for a, b in glossed):
                    continue  # its English gloss named it already
                short = aliases.get(e)
                canon = self.canonical(name) or (self.canonical(short) if short else None)
                plain = short or ZH_LEGAL_TAIL_RE.sub("", name)
                found.append(Mention(s, e, name, canon or plain, canon is not None))
        found.extend(self.vi_legal(text))
        for m in CAPITALISED_RE.finditer(text):
            s, e = m.start(), m.end()
            hyphened = (
                [h.end() for h in HYPHENED_MODIFIER_RE.finditer(text, s, e)]
                if text.find("-", s, e) != -1
                else None
            )
            if hyphened:  # "SoftBank-backed Kestrel Robotics": the name follows the modifier
                s = hyphened[-1]
            words = text[s:e].split()
            if len(words) > 1 and LEADING_DESCRIPTOR_RE.fullmatch(words[0]):
                # "Little-known Arcadia Compute", "Loss-making Kestrel": a description first
                s += len(words[0])
                s += len(text[s:]) - len(text[s:].lstrip())
                words.pop(0)
            # leading sentence words and descriptors are not part of the name
            while words and words[0].casefold().strip("'’") in NOT_NAMES:
                s += text[s:].index(words[0]) + len(words[0])
                s += len(text[s:]) - len(text[s:].lstrip())
                words.pop(0)
            if not words:
                continue
            while (
                len(words) > 1
                and words[-1].casefold().rstrip("'’") in NOT_NAMES
                # "Kestrel Data Centres": a company's suffix of two words stays
                and ORG_SUFFIX_RE.search(" " + " ".join(words[-2:]).rstrip("'’")) is None
            ):
                words.pop()
                e = s + text[s:e].rindex(words[-1]) + len(words[-1])
            name = text[s:e].rstrip(".,'’")
            e = s + len(name)
            if name.endswith(("'s", "’s")):
                name, e = name[:-2], e - 2
            if not _plausible(name):
                continue
            canon = self.canonical(name)
            if canon is None and GENERIC_AFTER_RE.match(text, e):
                continue  # "European AI companies": a kind of company, not one
            if canon is not None:
                found.append(Mention(s, e, name, canon, True))
                continue
            if CAMEL_RE.fullmatch(name) is None and (
                len(name.split()) < 2 or ORG_SUFFIX_RE.search(" " + name) is None
            ):
                after = text[e : e + 40]
                before = text[max(0, s - 30) : s]
                if AFTER_NAME_RE.match(after) is None:
                    if before_name is None:
                        before_name = (
                            may(BEFORE_NAME_RE)
                            if may is not None
                            else BEFORE_NAME_GATE.possible(
                                text, gate_text(text, text.casefold()), 0, len(text)
                            )
                        )
                    if not before_name or BEFORE_NAME_RE.search(before) is None:
                        continue
                if len(name) < 3:
                    continue
            found.append(Mention(s, e, name, strip_legal(name), False))
        if len(found) > 1:  # a name inside a longer one found by another form is part of it
            found = [
                m
                for m in found
                if not any(
                    o is not m
                    and o.start <= m.start
                    and m.end <= o.end
                    and o.end - o.start > m.end - m.start
                    for o in found
                )
            ]
        return found


def _vi_name_end(text: str, start: int, end: int) -> int | None:
    """Where a Vietnamese company's name after its legal form ends, or None for none.

    Each word of the name starts with a capital ("Hạ tầng Số Bình Minh": a word of
    two syllables capitalises its first only), so a lowercase syllable belongs to
    the name only before a capitalised one at most two syllables on ("tầng" before
    "Số", "tầng số" before "Kinh"; not "vừa" after "Minh"). A digit may start a word
    ("Công ty 3C").
    """
    words = list(VI_NAME_WORD_RE.finditer(text, start, end))
    last = None
    for k, w in enumerate(words):
        first = w.group(0)[0]
        if first.isupper() or first.isdigit():
            last = w.end()
            continue
        # a capitalised syllable within the next two: "Hạ tầng số Kinh Bắc" writes "số" small
        follows = any(w.group(0)[0].isupper() for w in words[k + 1 : k + 3])
        if last is None or not follows:
            break
    return last


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def _latin_word_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and not is_cjk(ch)


UNIT_TAIL_RE = re.compile(
    r"\s+(?:[A-Z]{2,4}|Cloud|Telecom|Electro-Mechanics|Electronics|Securities|Capital|Ventures|"
    r"Semiconductor|Research|Labs?|Energy|Digital|Data|Networks|Bank|Life|Insurance|"
    r"[A-Z][a-z]+-[A-Z][a-z]+)(?:\s+(?:[A-Z]{2,4}|Cloud|Services))?"
)


def _is_unit_tail(tail: str) -> bool:
    """True for the words that make a unit of a known name: "SDS", "Cloud", "IDC"."""
    return UNIT_TAIL_RE.fullmatch(tail) is not None and not any(
        w.casefold() in NOT_NAME_TAILS for w in tail.split()
    )


NOT_NAME_TAILS = frozenset(
    {"gpu", "cpu", "tpu", "npu", "hbm", "dgx", "hgx", "ai", "ipo", "ceo", "usd"}
)


@functools.lru_cache(maxsize=65536)
def _plausible(name: str) -> bool:
    """A capitalised phrase that can be a name: letters, not only common or short capitals."""
    words = name.split()
    if not words or not any(ch.isalpha() for ch in name):
        return False
    if all(w.casefold().strip("'’.,") in NOT_NAMES for w in words):
        return False
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 3:
        return False
    if words[0][0].isdigit():
        return False
    return len(words) > 1 or not any(ch.isdigit() for ch in words[0])


LEGAL_TAIL_RE = re.compile(
    r",?\s+(?:Inc\.?|Corp\.?|Co\.,? Ltd\.?|Ltd\.?|LLC|plc|PLC|JSC|PJSC|Sdn\.? Bhd\.?|Bhd\.?|Berhad|"
    r"Pte\.? Ltd\.?|Pty\.? Ltd\.?|Oyj?|AB|ASA|A/S|GmbH|AG|S\.?A\.?|S\.?p\.?A\.?|N\.?V\.?|B\.?V\.?|"
    r"K\.?K\.?|SAS|Tbk\.?)$"
)


def strip_legal(name: str) -> str:
    return LEGAL_TAIL_RE.sub("", name).strip()


_FINDERS: dict[str, NameFinder] = {}


def finder_for(table: OrganisationTable) -> NameFinder:
    """One ``NameFinder`` per table version (building the trie costs tens of milliseconds)."""
    finder = _FINDERS.get(table.version)
    if finder is None:
        finder = _FINDERS[table.version] = NameFinder(table)
    return finder
