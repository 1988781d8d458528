"""Broken mentions the text itself gives away: quarantined with a reason, never a number.

* **Cut off** (``find_cut_off_numbers``): a number followed by part of a scale or unit
  word, where the text was truncated (``about $420 billi``, ``3.5 exaflo``, ``5 tỷ đồn``,
  ``1200亿美`` at the end of a paragraph). Read as it stands it would be $420.
* **A unit with no number** (``find_unit_without_number``): a scale and a currency, or a
  FLOPS unit, after a word that expects an amount, with the amount lost (``投资亿元``,
  ``vốn nghìn tỷ đồng``, ``reaching EFLOPS``). Vague amounts (``数亿元``, ``超亿元``,
  ``hàng nghìn tỷ đồng``) and unit labels (``单位：亿元``, ``(tỷ đồng)``, ``in EFLOPS``)
  are not broken and are left alone.
* **A lost superscript** (``mark_lost_exponents``): ``每秒1016次浮点运算`` or ``1018 FLOPS``,
  where 10¹⁶ or 10¹⁸ lost its superscript on the way: a bare 10nn FLOPS is far too small
  for any computer, so it is quarantined rather than loaded as 1,016 FLOPS.
"""

from __future__ import annotations

import re

from newsfacts.extract.context import Candidate, Context
from newsfacts.extract.units import find_prefix

_CUT_WORDS = (
    "billio|billi|millio|milli|trillio|trilli|thousan|thousa|percen|perce"
    "|zettaflo|zettafl|exaflo|exafl|petaflo|petafl|teraflo|terafl"
)
# the digit first, the character before it tested after it: sre then skips to digits
_NUMBER = r"\d(?<![0-9A-Za-z.,]\d)[\d.,]*"
CUT_OFF_RE = re.compile(
    rf"{_NUMBER}[ \t]?(?:(?P<latin>{_CUT_WORDS})"
    r"|(?:(?:nghìn|ngàn|triệu|tỷ|tỉ)[ \t])?(?P<vi>đồn|triệ|nghì)"
    r"|(?P<zh>[万亿]+(?:美|人民|港|欧|日)))"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)
# The cut words' tails in lower case, each after a literal it holds: the test before
# CUT_OFF_RE, which runs only where one of them ends a word.
_CUT_TAILS = tuple(
    (literal, re.compile(rf"{tail}(?![^\W\d_])"))
    for literal, tail in (
        ("illi", "illio?"),
        ("thousa", "thousan?"),
        ("perce", "percen?"),
        ("fl", "flo?"),
        ("đồn", "đồn"),
        ("triệ", "triệ"),
        ("nghì", "nghì"),
        ("万", "万(?:美|人民|港|欧|日)"),
        ("亿", "亿(?:美|人民|港|欧|日)"),
    )
)


def _may_be_cut(ctx: Context) -> bool:
    """Whether a cut word can end a word in the paragraph (see ``Context.blind_low``)."""
    low = ctx.blind_low
    if low is None:
        return True
    for literal, tail in _CUT_TAILS:
        if literal in low and tail.search(low):
            break
    else:
        return False
    return True


_CUT_UNITS = {"đồn": ("money", "VND"), "美": ("money", "USD"), "人民": ("money", "CNY")}
_CUT_UNITS.update({"港": ("money", "HKD"), "欧": ("money", "EUR"), "日": ("money", "JPY")})

# Words that expect an amount right after them.
_EXPECTING_EN = (
    r"(?:reach(?:es|ed|ing)?|deliver(?:s|ed|ing)?|hit(?:s|ting)?|at|about|nearly|over|than|to)"
)
_EXPECTING_ZH = (
    r"(?:投资|投資|资金|資金|总额|總額|金额|金額|达到|達到|达|達|为|為|约|約|计|計|共|值"
    r"|超过|超過|突破|提升至|增至|至|到)"
)
_EXPECTING_VI = r"(?:vốn|trị giá|giá trị|đầu tư|khoảng|đạt|tới|lên|hơn|là|chi|khoản|tổng)"
# (a word expecting an amount)(the unit with no number): the second group is the mention
NO_NUMBER_RES = (
    re.compile(
        rf"{_EXPECTING_ZH}[ \t]?"
        r"(?P<u>(?:千亿|百亿|万亿|亿|万)(?:元|美元|人民币|港元|日元|欧元))(?![级級])"
    ),
    re.compile(
        rf"(?<![^\W\d_]){_EXPECTING_VI}[ \t]+"
        r"(?P<u>(?:nghìn tỷ|ngàn tỷ|tỷ|tỉ|triệu)[ \t]+(?:đồng|USD|VND|đô la))(?![^\W\d_])",
        re.IGNORECASE,
    ),
)
# A FLOPS unit, found first (it is rare; the words before it are not), and the words that
# expect an amount as they end right before it, after blanks (one at most after Chinese).
NO_NUMBER_FLOPS_RE = re.compile(
    r"(?:zetta|exa|peta|tera)flops(?![^\W\d_])|[ZEPT]FLOPS(?![^\W\d_])", re.IGNORECASE
)
_EXPECTING_WORD_RE = re.compile(
    rf"(?<![^\W\d_])(?:{_EXPECTING_EN}|{_EXPECTING_VI})\Z", re.IGNORECASE
)
_EXPECTING_ZH_RE = re.compile(rf"{_EXPECTING_ZH}\Z")
_FLOP_GATE = re.compile("flop")
_NO_NUMBER_UNITS = {"đồng": "VND", "vnd": "VND", "usd": "USD", "đô la": "USD", "美元": "USD"}
_NO_NUMBER_UNITS.update({"元": "CNY", "人民币": "CNY", "港元": "HKD", "日元": "JPY", "欧元": "EUR"})

_TEN_TO_THE = re.compile(r"10(?:0[9]|1\d|2\d)")


def find_cut_off_numbers(ctx: Context, out: list[Candidate]) -> None:
    """``about $420 billi``: a number whose scale or unit word was cut off."""
    sh = ctx.sh
    if not _may_be_cut(ctx):
        return
    for m in CUT_OFF_RE.finditer(sh):
        start = m.start()
        cut = m["latin"] or m["vi"] or m["zh"]
        frag = cut.lower()
        if "fl" in frag:
            kind, unit = "compute", "FLOPS"
        elif frag.startswith("perc"):
            kind, unit = "percent", "%"
        else:
            kind, unit = _CUT_UNITS.get(frag.lstrip("万亿"), ("money", None))
        prefix = find_prefix(ctx, start) if kind == "money" else None
        if prefix is not None:
            unit, start = prefix
        reason = (
            f"number cut off: {sh[start : m.end()]!r} ends in {cut!r}, part of a word;"
            " the value cannot be read"
        )
        out.append(
            Candidate(kind, start, m.end(), None, unit, start, status="quarantined", reason=reason)
        )


def find_unit_without_number(ctx: Context, out: list[Candidate], has_cjk: bool) -> None:
    """``投资亿元``, ``vốn nghìn tỷ đồng``, ``reaching EFLOPS``: a unit whose number was lost."""
    sh = ctx.sh
    zh, vi = NO_NUMBER_RES
    patterns = [zh] if has_cjk else []
    if ctx.lang == "vi":
        patterns.append(vi)
    for pattern in patterns:
        for m in pattern.finditer(sh):
            out.append(_unit_without_number(m["u"], m.start("u")))
    if not ctx.may_match(_FLOP_GATE):
        return
    # every match holds "flops", "flop" in ``low`` (at the same offsets unless İ changed them)
    low = ctx.low
    first, last = low.find("flop"), low.rfind("flop")
    lo, hi = (max(0, first - 5), last + 6) if first >= 0 and low is not sh else (0, len(sh))
    for m in NO_NUMBER_FLOPS_RE.finditer(sh, lo, hi):
        if _expects_amount(sh, m.start()):
            out.append(_unit_without_number(m.group(0), m.start()))


def _expects_amount(sh: str, at: int) -> bool:
    """Whether a word that expects an amount ends right before ``at``, past blanks."""
    j = at
    while j > 0 and sh[j - 1] in " \t":
        j -= 1
    if j < at and _EXPECTING_WORD_RE.search(sh, max(0, j - 16), j):
        return True
    return at - j <= 1 and _EXPECTING_ZH_RE.search(sh, max(0, j - 4), j) is not None


def _unit_without_number(found: str, start: int) -> Candidate:
    """The quarantined candidate of a unit ``found`` at ``start`` with its number lost."""
    if "flops" in found.lower():
        kind, unit = "compute", "FLOPS"
    else:  # "EFLOPſ" too: the long s reads as s to the pattern, not to lower()
        tail = re.split(r"[ \t]+|(?<=[万亿])", found)[-1].lower()
        kind, unit = "money", _NO_NUMBER_UNITS.get(tail)
    reason = f"{found!r} with no number before it (lost in translation or editing?)"
    end = start + len(found)
    return Candidate(kind, start, end, None, unit, start, status="quarantined", reason=reason)


def mark_lost_exponents(ctx: Context, facts: list[Candidate]) -> None:
    """``1016次浮点运算``: a bare 10nn FLOPS is 10^nn with its superscript lost."""
    sh = ctx.sh
    for c in facts:
        if c.kind != "compute" or c.status != "valid" or c.value is None:
            continue
        digits = sh[c.num_start : c.num_start + 4]
        if not digits.isdigit() or c.value != float(digits):
            continue  # a scale or a prefix was read: "1016 petaFLOPS" is no lost exponent
        if _TEN_TO_THE.fullmatch(digits) and not sh[c.num_start + 4 : c.num_start + 5].isdigit():
            c.status, c.value, c.value_high = "quarantined", None, None
            c.reason = (
                f"{sh[c.start : c.end]!r} reads as {digits} FLOPS, far too few for any computer:"
                f" 10^{digits[2:]} with its superscript lost?"
            )
