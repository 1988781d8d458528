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
from dataclasses import dataclass

from newsfacts.claims.lexicon import NOT_NAMES
from newsfacts.claims.literals import PhraseIndex, Scans
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


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


# Company words that make a capitalised phrase a name even when the table lacks it.
ORG_SUFFIX_RE = re.compile(
    r"(?:\s(?:Inc\.?|Corp\.?|Corporation|Co\.|Ltd\.?|Limited|LLC|plc|PLC|AG|SE|SA|NV|JSC|PJSC|"
    r"Group|Holdings?|Technologies|Technology|Tech|Systems|Labs?|AI|Capital|Partners|Ventures|"
    r"Semiconductors?|Compute|Computing|Micro|Securities|Cloud|Networks?|Robotics|Intelligence|Bank|Fund|Investments?|"
    r"Energy|Power|Electronics|Electric|Software|Solutions|Data|Digital|Telecom|Communications|"
    r"Microelectronics|Devices|Industries|Dynamics|Research|Institute|University|Foundation|"
    r"Authority|Agency|Council|Commission|Ministry|Department|Committee|Centre|Center|"
    r"Platforms|Interactive|Media|Motors|Aerospace|Infrastructure|Data Centres|Data Centers))+$"
)
# A capitalised phrase: words starting with a capital (or a digit after the first), joined
# by spaces, "&", "of", "de"; possessive and trailing punctuation are not part of it.
CAPITALISED_RE = re.compile(
    r"(?<![\w&.-])(?:[A-Z][\w&.'’-]*[\w&]|[A-Z])(?:(?:\s+|\s+(?:of|de|for|&)\s+)"
    r"(?:[A-Z0-9][\w&.'’-]*[\w&]|[A-Z]))*"
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
VI_LEGAL_RE = re.compile(
    r"(?:Tổng [Cc]ông ty|Công ty (?:Cổ phần|TNHH|cổ phần|CP)|Công ty|Tập đoàn)\s+"
    r"([\w&.-]+(?:[ \t]+[\w&.-]+){0,9})"
)
VI_NAME_WORD_RE = re.compile(r"[\w&.-]+")
GENERIC_AFTER_RE = re.compile(
    r"\s+(?:companies|firms|start-?ups|makers|players|providers|vendors|operators|investors)\b"
)
# "GreenNode", "NeuroViet": one word with a capital inside is a brand's name wherever it stands.
CAMEL_RE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+")
HYPHENED_MODIFIER_RE = re.compile(
    r"\S+-(?:backed|based|led|owned|controlled|listed|funded|supported|born|headquartered)\s+"
)
# 壁仞科技（Biren Technology）: a Chinese name with its English name in brackets.
CJK_GLOSS_RE = re.compile(r"([\u4e00-\u9fff]{2,12})[（(]\s*([A-Z][A-Za-z0-9&.'\- ]{1,60}?)\s*[)）]")


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
    ) -> list[Mention]:
        """The names in ``text[start:end]``, by position, spans into ``text``: the known
        ones, then the unknown names that do not overlap them.

        ``known`` is ``self.known(text)`` when the caller reads many ranges of one text.
        """
        end = len(text) if end is None else end
        if known is None:
            known = self.known(text)
        # ``known`` is by position: the range's part found by bisection (a huge one-line
        # text has a name per sentence, and a range per sentence asks)
        first = bisect.bisect_left(known, start, key=_mention_start)
        last = bisect.bisect_left(known, end, key=_mention_start)
        known = [k for k in known[first:last] if k.end <= end]
        found = self._unknown(text[start:end])
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
            if not _is_cjk(first):
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

    def _unknown(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        # each form's cheap sign first: most sentences have no bracket, no "Công ty"
        glosses = CJK_GLOSS_RE.finditer(text) if "(" in text or "（" in text else ()
        for m in glosses:
            english = m.group(2).strip()
            canon = self.canonical(english) or self.canonical(m.group(1))
            found.append(
                Mention(m.start(1), m.end(1), m.group(1), canon or english, canon is not None)
            )
        legal = VI_LEGAL_RE.finditer(text) if "ông ty" in text or "Tập đoàn" in text else ()
        for m in legal:
            end = _vi_name_end(text, m.start(1), m.end(1))
            if end is None:
                continue
            name = text[m.start(1) : end]
            canon = self.canonical(name)
            if canon is None and not _plausible(name):
                continue
            found.append(
                Mention(m.start(), end, text[m.start() : end], canon or name, canon is not None)
            )
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
                if not (AFTER_NAME_RE.match(after) or BEFORE_NAME_RE.search(before)):
                    continue
                if len(name) < 3:
                    continue
            found.append(Mention(s, e, name, _strip_legal(name), False))
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
    the name only between capitalised ones ("tầng" before "Số", not "vừa" after
    "Minh"). A digit may start a word ("Công ty 3C").
    """
    words = list(VI_NAME_WORD_RE.finditer(text, start, end))
    last = None
    for k, w in enumerate(words):
        first = w.group(0)[0]
        if first.isupper() or first.isdigit():
            last = w.end()
            continue
        follows = k + 1 < len(words) and words[k + 1].group(0)[0].isupper()
        if last is None or not follows:
            break
    return last


def _latin_word_char(ch: str) -> bool:
    return (ch.isalnum() or ch == "_") and not _is_cjk(ch)


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


LEGAL_TAIL_RE = re.compile(r",?\s+(?:Inc\.?|Corp\.?|Co\.,? Ltd\.?|Ltd\.?|LLC|plc|PLC|JSC|PJSC)$")


def _strip_legal(name: str) -> str:
    return LEGAL_TAIL_RE.sub("", name).strip()


_FINDERS: dict[str, NameFinder] = {}


def finder_for(table: OrganisationTable) -> NameFinder:
    """One ``NameFinder`` per table version (building the trie costs tens of milliseconds)."""
    finder = _FINDERS.get(table.version)
    if finder is None:
        finder = _FINDERS[table.version] = NameFinder(table)
    return finder
