"""Number-led facts: a numeral, its scale words, and the unit or currency around it."""

from __future__ import annotations

import re

from newsfacts.currency import SUBUNITS
from newsfacts.extract import lexicon as lx
from newsfacts.extract.context import Candidate, Context, is_latin
from newsfacts.extract.numbers import (
    parse_digits,
    parse_en_words,
    parse_es_words,
    parse_zh_prefix,
)

# What can stand right before a number as its currency: symbols, and words
# (codes, RMB, Rs., 人民币) checked cheaply before the full prefix pattern runs.
_PREFIX_CHARS = frozenset("$€£¥₹₩₫₽₺₱฿₦₪₴₡₾₭₮₲₵₸৳ு")
_PREFIX_WORDS = frozenset(
    set(lx.CODE_ALT.split("|")) | {"RMB", "Rmb", "NTD", "RM", "Rp", "Rs", "Rs."}
)
_PREFIX_LENGTHS = tuple(sorted({len(w) for w in _PREFIX_WORDS}))
_PREFIX_CJK = ("人民币", "港币", "美元", "港元")
# Currency names that are also names of people and things when capitalised.
_PROPER_NOUN_NAMES = frozenset({"rand", "dong", "won", "sen", "naira", "real"})


# Where SCALE_RE matches, one of the first four characters is one of these: the first
# character of a scale word in either case (K, the kelvin sign, reads as k case-blind),
# a scale letter or a Chinese scale. Where none is, read_scales need not run the pattern.
_SCALE_FIRST = frozenset(
    "".join(w[0] + w[0].upper() for w in [*lx.SCALE_WORDS, *lx.SCALE_ABBREV])
    + "".join(lx.SCALE_LETTERS)
    + "".join(lx.SCALE_ZH)
    + "kK\u212a"
)


def read_scales(sh: str, pos: int, allow_zh: bool = True, mil: float = 1e3) -> tuple[float, int]:
    """Multiplier of the scale words starting at ``pos`` and where they end.

    ``mil`` is what the word ``mil`` multiplies by: a thousand in Spanish and
    Portuguese (``5 mil millones``), a million in English (``$2mil``, ``RM4.5mil``).
    """
    mult = 1.0
    if _SCALE_FIRST.isdisjoint(sh[pos : pos + 4]):
        return mult, pos
    for _ in range(4):
        m = lx.SCALE_RE.match(sh, pos)
        if not m:
            break
        if m["w"]:
            word = " ".join(lx.case_blind(m["w"]).split())
            mult *= mil if word == "mil" else lx.SCALE_WORDS[word]
        elif m["a"]:
            mult *= lx.SCALE_ABBREV[lx.case_blind(m["a"])]
        elif m["l"]:
            mult *= lx.SCALE_LETTERS[m["l"]]
        elif m["z"]:
            if not allow_zh:
                break
            mult *= lx.SCALE_ZH[m["z"]]
        elif m["k"]:
            mult *= 1e3
        pos = m.end()
    return mult, pos


def find_minus(sh: str, s: int) -> int | None:
    """Start of a minus sign directly before ``s``, if there is one."""
    if s > 0 and sh[s - 1] in "-负":
        if sh[s - 1] == "负":
            return s - 1
        prev = sh[s - 2] if s >= 2 else " "
        if prev in " \t\n([{:=$€£¥" or (not prev.isalnum() and prev not in "%.,-–"):
            return s - 1
        if "\u4e00" <= prev <= "\u9fff" and prev not in lx.ZH_NUM_CHARS:
            return s - 1  # "净利润-3.2亿元": Chinese writes no hyphen between a word and a number
    if s > 3 and sh[s - 1] in " \t" and sh[s - 2] in "sSeEmM":
        m = lx.MINUS_WORD_RE.search(sh, max(0, s - 12), s)
        if m:
            return m.start()
    return None


def find_prefix(ctx: Context, s: int) -> tuple[str, int] | None:
    """Currency written right before ``s``: its code and where it starts."""
    sh = ctx.sh
    j = s
    while j > 0 and j > s - 3 and sh[j - 1] in " \t":
        j -= 1
    if j == 0:
        return None
    c = sh[j - 1]
    if c == "=":
        # "Y=1.2 billion": the yen as old wire copy wrote it
        if j >= 2 and sh[j - 2] == "Y" and (j < 3 or not sh[j - 3].isalnum()):
            return "JPY", j - 2
        return None
    if c in "币元":
        if not sh[max(0, j - 3) : j].endswith(_PREFIX_CJK):
            return None
    elif c.isalpha() or c == ".":
        if not _currency_word_before(sh, j):
            return None
    elif c not in _PREFIX_CHARS:
        return None
    m = lx.PREFIX_RE.search(sh, max(0, s - 12), s)
    if not m:
        return None
    if m["sym"] == "¥":
        return ctx.yen(), m.start()
    if m["sym"] == "$":
        return ctx.dollar(), m.start()
    return lx.prefix_code(m), m.start()


def _currency_word_before(sh: str, j: int) -> bool:
    """Whether the run of letters and dots ending at ``j`` (its last five at most) is a
    currency word (``RMB``, ``Rs.``) or follows a ``$`` (``$US``).

    Without a ``$`` in reach only the run's last two or three characters can be a word,
    and then only where nothing of the run comes before them: tested by slices, not by
    walking the run back one character at a time (most runs are words such as "in").
    """
    if "$" in sh[max(0, j - 6) : j]:
        k = j
        while k > 0 and j - k < 5 and (sh[k - 1].isalpha() or sh[k - 1] == "."):
            k -= 1
        return sh[k:j] in _PREFIX_WORDS or (k > 0 and sh[k - 1] == "$")
    for n in _PREFIX_LENGTHS:
        if n <= j and sh[j - n : j] in _PREFIX_WORDS:
            before = sh[j - n - 1] if j > n else ""
            if not (before.isalpha() or before == "."):
                return True
    return False


def match_unit(ctx: Context, pos: int) -> re.Match[str] | None:
    """The unit (percent, FLOPS or currency) that starts at ``pos``, if any."""
    return lx.UNIT_RE.match(ctx.sh, pos)


def currency_fits(ctx: Context, um: re.Match[str], scale: float) -> bool:
    """Guards for currency names that are also other things (pounds of weight, 块 of GPUs)."""
    name = (um["ln"] or um["cn"] or "").lower()
    if name in lx.GUARDED_NAMES and (scale <= 1 or lx.OF_RE.match(ctx.sh, um.end())):
        return False
    if name in ("块", "元"):
        nxt = ctx.sh[um.end() : um.end() + 1]
        if name == "块" and nxt != "钱":
            before = ctx.sh[max(0, um.start() - 16) : um.start()]
            if not lx.ZH_MONEY_TALK_RE.search(before):
                return False
        if name == "元" and nxt and nxt in "宇年旦素件器":
            return False
    if um["ln"] and um["ln"].lower() in _PROPER_NOUN_NAMES and not um["ln"].islower():
        return False  # "the 2021 Rand report", "Dong", "Won"
    return not (um["code"] and ctx.sh[um.start("code") - 1 : um.start("code")].isalpha())


# ------------------------------------------------------------------ number-led


def fact_after_number(
    ctx: Context,
    s: int,
    e: int,
    value: float,
    integer: bool,
    allow_zh_scale: bool = True,
    word_scaled: bool = False,
) -> Candidate | None:
    """The fact a number at [s, e) heads, given what follows and precedes it."""
    sh = ctx.sh
    if e + 1 < len(sh) and (sh[e] in "多余" or (sh[e] in " \t" and sh[e + 1] in "多余")):
        mm = lx.ZH_MORE_THAN_RE.match(sh, e)
        if mm is not None:
            # 1000多万, 3200 多亿元: "more than" ten million, 320 billion
            scale, pos = read_scales(sh, mm.end(), allow_zh_scale, ctx.mil)
            c = attach_unit(ctx, s, e, value, integer, scale, pos, word_scaled)
            if c is not None:
                c.qualifier = mm.group(1)
            return c
    scale, pos = read_scales(sh, e, allow_zh_scale, ctx.mil)
    return attach_unit(ctx, s, e, value, integer, scale, pos, word_scaled)


def attach_unit(
    ctx: Context,
    s: int,
    e: int,
    value: float,
    integer: bool,
    scale: float,
    pos: int,
    word_scaled: bool,
) -> Candidate | None:
    """The fact of a number at [s, e) with scale words up to ``pos``, from its unit."""
    sh = ctx.sh
    neg = find_minus(sh, s)
    num_start = neg if neg is not None else s
    um = match_unit(ctx, pos)
    prefix = find_prefix(ctx, num_start) if num_start > 0 else None
    if neg is None and prefix is not None:
        before = find_minus(sh, prefix[1])  # "-$3 billion", "−US$5m"
        if before is not None:
            neg, prefix = before, (prefix[0], before)
    sign = -1.0 if neg is not None else 1.0
    if s > 0 and is_latin(sh[s - 1]) and prefix is None:
        return None
    if s > 1 and sh[s - 1] == "-" and is_latin(sh[s - 2]) and prefix is None:
        return None
    if prefix is None and pos + 1 < len(sh):
        ch = sh[pos + 1] if sh[pos] in " \t" else sh[pos]
        if ch in _SUB_FIRST and (um is None or um["ln"]):
            sub = minor_unit_amount(ctx, num_start, pos, value * scale * sign, scale)
            if sub is not None:
                return sub
    if um is not None:
        if um["pct"] or um["flops"]:
            if um["pct"]:
                sign_text = um["pct"].strip()
                if sign_text == "pc" and um["pct"][0] in " \t":
                    return None  # "3 pc cases": pieces; the British "12pc" is glued to it
                kind, unit, mult = "percent", "%", 0.1 if sign_text == "‰" else 1.0
            else:
                if lx.FLOPS_EXCLUDE_RE.match(sh, um.end()):
                    return None
                if um["fp"]:
                    mult = lx.FLOPS_PREFIX[lx.case_blind(um["fp"])]
                elif um["fl"]:
                    mult = lx.FLOPS_PREFIX[um["fl"]]
                else:
                    mult = 1.0
                kind, unit = "compute", "FLOPS"
            return Candidate(
                kind,
                num_start,
                um.end(),
                value * scale * mult * sign,
                unit,
                num_start,
                scale,
                integer=integer and kind == "percent",
                unit_mult=mult,
            )
        if um["cur"] and currency_fits(ctx, um, scale):
            linked = lx.OF_CURRENCY_RE.match(um["cur"]) is not None  # "millones de dólares"
            if linked and scale == 1 and not word_scaled:
                um = None
            else:
                code = lx.suffix_code(um)
                if um["sym"] == "¥":
                    code = ctx.yen()
                elif um["sym"] == "$":
                    code = ctx.dollar()
                start = num_start
                if prefix is not None and prefix[0] == code:
                    start = prefix[1]
                c = Candidate(
                    "money",
                    start,
                    um.end(),
                    value * scale * sign,
                    code,
                    num_start,
                    scale,
                    integer=integer and scale == 1,
                )
                return add_minor_units(ctx, c)
    if prefix is not None:
        code, pstart = prefix
        end = pos if scale != 1 else e
        c = Candidate(
            "money",
            pstart,
            end,
            value * scale * sign,
            code,
            num_start,
            scale,
            integer=integer and scale == 1,
        )
        # a redundant currency name after the amount: "RMB5.6 billion yuan"
        um2 = match_unit(ctx, end)
        if um2 is not None and um2["cur"] and lx.suffix_code(um2) == code:
            c.end = um2.end()
        return add_minor_units(ctx, c)
    return None


# A sub-unit written alone after the amount: "45 cents", "80p", "50 sen", "500 xu", "50美分".
_SUB_FIRST = frozenset("cpsxeU美")
# Video resolutions, not prices in pence: "1080p", "720p".
_RESOLUTIONS = frozenset({144, 240, 360, 480, 540, 576, 720, 1080, 1440, 2160, 4320})


def minor_unit_amount(
    ctx: Context, start: int, pos: int, value: float, scale: float
) -> Candidate | None:
    """``45 cents`` as 0.45 of the main unit: the sub-unit's currency, from the text around.

    Cents are of the article's dollar (euro cents in a paragraph that talks euros and
    no dollars), pence and ``p`` of sterling (``p`` only glued to the number, in a
    paragraph with a British clue, never a video resolution), ``sen`` of the ringgit
    (not in Vietnamese, where it is a lotus), ``xu`` of the đồng (of the US dollar in a
    paragraph priced in USD), 美分 of the US dollar.
    """
    sh = ctx.sh
    m = lx.SUBUNIT_ALONE_RE.match(sh, pos)
    if m is None:
        return None
    unit = m["u"] or m["z"] or "p"
    code: str | None
    if unit.startswith("cent"):
        if m["q"]:
            code = "EUR" if m["q"] == "euro" else "USD"
        elif ("€" in sh or "euro" in ctx.low) and "$" not in sh:
            code = "EUR"
        else:
            code = ctx.dollar()
    elif unit in ("pence", "penny", "p"):
        if m["q"]:
            return None
        if unit == "p" and (
            ctx.lang in ("zh", "ja", "ko", "vi")
            or value in _RESOLUTIONS
            or not (
                (ctx.currency is not None and ctx.currency.sterling)
                or lx.STERLING_CLUE_RE.search(sh)
            )
        ):
            return None
        code = "GBP"
    elif unit == "sen":
        code = None if ctx.lang == "vi" or m["q"] else "MYR"
    elif unit == "xu":
        code = None if ctx.lang != "vi" or m["q"] else ("USD" if lx.VI_USD_RE.search(sh) else "VND")
    else:  # 美分
        code = "USD"
    if code is None:
        return None
    return Candidate("money", start, m.end(), value / 100, code, start, scale, unit_mult=0.01)


def add_minor_units(ctx: Context, c: Candidate) -> Candidate:
    """Extend a whole amount with its minor units: ``3 dollars 50 cents``, ``五元三毛``."""
    if not c.integer or c.value is None:
        return c
    sh = ctx.sh
    sign = -1.0 if c.value < 0 else 1.0
    parsed = read_number_at(ctx, lx.CONNECTOR_RE.match(sh, c.end).end())
    if parsed is None:
        return c
    minor, q = parsed
    if match_unit(ctx, q) is not None:
        return c  # "50 dollar 40 rmb": the next number has a unit of its own
    sm = lx.SUBUNIT_RE.match(sh, q)
    if sm is None:
        # a bare 1-99 closing the phrase: "15 dolares con 50", "one dollar and one"
        if minor == int(minor) and 0 < minor < 100 and lx.MINOR_END_RE.match(sh, q):
            c.value += sign * minor / 100
            c.end = q
        return c
    factor = SUBUNITS.get(sm["u"].lower(), SUBUNITS.get(sm["u"], 0.01))
    c.value += sign * minor * factor
    c.end = sm.end()
    if factor == 0.1:
        # "五毛五", "five mao five": a bare digit after 毛/角 counts 分
        cents = read_number_at(ctx, lx.CONNECTOR_RE.match(sh, c.end).end())
        if cents and cents[0] < 10 and lx.MINOR_END_RE.match(sh, cents[1]):
            c.value += sign * cents[0] * 0.01
            c.end = cents[1]
    return c


def read_number_at(ctx: Context, pos: int) -> tuple[float, int] | None:
    """A numeral (digits, Chinese or number words) starting exactly at ``pos``."""
    sh = ctx.sh
    if pos >= len(sh):
        return None
    ch = sh[pos]
    if ch.isdigit():
        m = ctx.num_re.match(sh, pos)
        if m:
            v = parse_digits(m.group(0), ctx.comma)
            if v is not None:
                return v, m.end()
        return None
    if ch in lx.ZH_NUM_CHARS:
        m = lx.ZH_NUM_RE.match(sh, pos)
        if m:
            r = parse_zh_prefix(m.group(0))
            if r:
                return r[0].value, pos + r[1]
        return None
    if ch.isalpha():
        es = ctx.lang == "es"
        run_re = lx.ES_RUN_RE if es else lx.EN_RUN_RE
        m = run_re.match(sh if es else ctx.low, pos)
        if m:
            words = [
                (w.group(0).lower(), w.start(), w.end()) for w in lx.WORD_RE.finditer(m.group(0))
            ]
            parse = parse_es_words if ctx.lang == "es" else parse_en_words
            for j in range(len(words), 0, -1):
                v = parse([w for w, _, _ in words[:j]])
                if v is not None:
                    return v, pos + words[j - 1][2]
    return None
