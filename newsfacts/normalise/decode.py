"""Bytes of unknown encoding to clean text, with a record of every repair.

Decoding never raises: a byte order mark wins, then strict UTF-8, then UTF-16
without a mark, then an HTML ``<meta charset>``, then charset detection, and
last UTF-8 with replacement characters. The text is then repaired (mojibake,
compatibility characters, invisible characters, odd spaces) so that every span
a later stage records indexes this final text.

Quotes are normalised to ASCII (``’`` → ``'``, ``“”`` → ``"``): one spelling of
each quote keeps patterns downstream simple.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import ftfy
import ftfy.chardata
import ftfy.fixes

from newsfacts.normalise.mojibake import looks_like_mojibake
from newsfacts.normalise.offsets import SourceMap, realign, sub

# Longest marks first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Detected Chinese encodings are all subsets of GB18030; decoding with the
# superset keeps characters a narrower guess would lose.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936", "euc_cn", "iso2022_cn"}
# Short Latin-alphabet texts fit many single-byte code pages equally well; of
# those, Windows-1252 is by far the likeliest for news text, so it wins when
# the detector guesses one of its siblings and the bytes are valid cp1252.
_LATIN_SINGLE_BYTE = {
    "cp1250",
    "cp1252",
    "cp1254",
    "cp1257",
    "latin_1",
    "iso8859_2",
    "iso8859_3",
    "iso8859_4",
    "iso8859_9",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_15",
    "iso8859_16",
    "mac_latin2",
    "mac_roman",
    "mac_iceland",
    "mac_turkish",
}

# Up to this many broken sequences beside valid multi-byte characters is damaged UTF-8,
# however few the multi-byte characters (see ``_damaged_utf8``).
FEW_BROKEN_SEQUENCES = 5

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u200e\u200f\u2060\u2061-\u2064\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")
_SPACES = re.compile(r"[^\S\n]+")
# The runs _SPACES changes (more than one plain space), for the source map's pass, which
# so skips the ordinary spaces between words; _OTHER_SPACE finds whether there is one.
_SPACE_RUNS = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
_OTHER_SPACE = re.compile(r"[^\S\n ]")
_LINE_BREAK_CHAR = re.compile("[\r\u2028\u2029\x85]")
_BLANK_LINES = re.compile(r"\n{3,}")
# Spaces at the start or end of a line (after _SPACES, the only whitespace but line
# breaks): what stripping each line removes, for the source map's pass.
_LINE_EDGE_SPACES = re.compile(r"(?m)^ +| +$")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# 10¹⁸: NFKC would make it 1018, so the exponent is written 10^18 first.
_SUPERSCRIPT_EXPONENT = re.compile("(?<![0-9])10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_BMP = "".join(map(chr, range(0x10000)))
# Whitespace but the line feed and the space (all of it is in the BMP).
_OTHER_WHITESPACE = "".join(_OTHER_SPACE.findall(_BMP))
# ftfy's curly quotes, each with the straight quote uncurl_quotes writes for it: replaced
# one by one (str.replace, a C-speed pass each, five times faster than its two regexes)
_CURLY_QUOTES = tuple(
    (quote, straight)
    for pattern, straight in (
        (ftfy.fixes.DOUBLE_QUOTE_RE, '"'),
        (ftfy.fixes.SINGLE_QUOTE_RE, "'"),
    )
    for quote in pattern.findall(_BMP)
)


def uncurl_quotes(text: str) -> str:
    """``ftfy.fixes.uncurl_quotes(text)``: ’ and ‘ become ', “ and ” become "."""
    for quote, straight in _CURLY_QUOTES:
        text = text.replace(quote, straight)
    return text


def _caret_exponent(m: re.Match[str]) -> str:
    return "10^" + m.group(1).translate(_SUPERSCRIPT_DIGITS)


@cache
def _nfkc_scan() -> tuple[list[int], dict[int, str]]:
    """The combining characters, and each character NFKC changes with what it becomes.

    A scan of the planes that hold such characters: the BMP, the mathematical letters
    and enclosed signs, the CJK compatibility ideographs.
    """
    planes = (
        range(0xD800),
        range(0xE000, 0x10000),
        range(0x1D400, 0x1F300),
        range(0x2F800, 0x2FA20),
    )
    chars = [chr(c) for plane in planes for c in plane]
    combining = [ord(ch) for ch in chars if unicodedata.combining(ch)]
    # a character NFKC changes has a decomposition: the test rules out almost all at C speed
    decomposable = [ch for ch in chars if unicodedata.decomposition(ch)]
    folded = {ord(ch): unicodedata.normalize("NFKC", ch) for ch in decomposable}
    return combining, {c: f for c, f in folded.items() if f != chr(c)}


@cache
def nfkc_changes() -> re.Pattern[str]:
    """A character NFKC changes, or one followed by combining marks (which may compose).

    Built on first use, for the source maps only.
    """
    combining, changing = _nfkc_scan()
    return re.compile(f"(?s).{_char_class(combining)}+|{_char_class(list(changing))}")


@cache
def _nfkc_stops() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The characters after which NFKC of a text may not be that of each of its characters,
    as two classes: those of the BMP (searched as a bitmap, some twenty times faster than
    one class with the other planes') and the others.

    In a text without them NFKC acts character by character, one character for one, so
    ``sub(nfkc_changes(), ...)`` changes no span and gives ``normalize("NFKC", text)``:
    every character's full decomposition opens with a starter that composes with nothing
    before it, so no reordering or composition crosses from one character to the next.
    They are the characters NFKC makes longer or deletes, those whose decomposition
    opens with a combining mark or with the second starter of a composition (Hangul
    vowel and final jamo: what makes compatibility jamo compose), and everything outside
    the planes ``_nfkc_scan`` reads.
    """
    combining, changing = _nfkc_scan()
    seconds = {chr(c) for c in [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]}
    for c in range(0x30000):
        parts = unicodedata.decomposition(chr(c)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            second = chr(int(parts[1], 16))
            if not unicodedata.combining(second):
                seconds.add(second)
    planes = (range(0xD800), range(0xE000, 0x10000), range(0x1D400, 0x1F300))
    opening = [
        c
        for c in (c for plane in (*planes, range(0x2F800, 0x2FA20)) for c in plane)
        if unicodedata.decomposition(chr(c))
        and (first := unicodedata.normalize("NFKD", chr(c))[:1])
        and (unicodedata.combining(first) or first in seconds)
    ]
    others = [c for c, folded in changing.items() if len(folded) != 1]
    stops = sorted(set(combining + others + opening + [ord(ch) for ch in seconds]))
    outside = "\U00010000-\U0001d3ff\U0001f300-\U0002f7ff\U0002fa20-\U0010ffff"
    astral = _char_class([c for c in stops if c > 0xFFFF])[:-1] + outside + "]"
    return re.compile(_char_class([c for c in stops if c <= 0xFFFF])), re.compile(astral)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def nfkc_stop_in(text: str) -> bool:
    """Whether ``text`` holds one of the characters of ``_nfkc_stops``."""
    bmp, astral = _nfkc_stops()
    return bool(bmp.search(text) or (_ASTRAL.search(text) and astral.search(text)))


# Characters frequent in clean text that a coalesced class must not take in.
_COMMON_RANGES = ((0x00, 0x7F), (0xC0, 0x24F), (0x1EA0, 0x1EFF), (0x3040, 0x30FF))
_COMMON_RANGES += ((0x4E00, 0x9FFF), (0xAC00, 0xD7A3))


def _char_class(codes: list[int], gap: int = 1) -> str:
    """A regex character class holding ``codes``, as few ranges (cheap to compile).

    Ranges closer than ``gap`` are merged unless a common block lies between: the class
    may hold a few more characters (``_nfkc_of`` leaves them as they are), never common ones.
    """
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code - ranges[-1][1] <= gap:
            low, high = ranges[-1][1] + 1, code - 1
            if not any(a <= high and low <= b for a, b in _COMMON_RANGES):
                ranges[-1][1] = code
                continue
        ranges.append([code, code])
    body = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    return f"[{body}]"


def _nfkc_of(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group(0))


# ftfy steps worth recording (quote uncurling, applied everywhere, is not).
_FTFY_REPAIRS = {
    "decode_inconsistent_utf8",
    "restore_byte_a0",
    "replace_lossy_sequences",
    "fix_c1_controls",
    "fix_surrogates",
    "unescape_html",
    "remove_terminal_escapes",
    "fix_character_width",
    "fix_latin_ligatures",
    "remove_control_chars",
}
# Quotes are uncurled after ftfy, not by it: ftfy repeats its whole pass until the text
# stops changing, so uncurling inside it costs a second pass on almost every article.
# Full-width characters and Latin ligatures are left to the NFKC step of ``repair_text``,
# which maps them the same way, so that ftfy has nothing to do on clean Chinese text.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    normalization="NFC",
    uncurl_quotes=False,
    fix_character_width=False,
    fix_latin_ligatures=False,
    explain=True,
)
# Characters one of ftfy's character fixers acts on: its control characters (terminal
# escapes start with one), C1 controls, surrogates and the line breaks it rewrites.
_FTFY_CHARACTERS = re.compile(
    "["
    + "".join(re.escape(chr(c)) for c in sorted(ftfy.chardata.CONTROL_CHARS))
    + "\x80-\x9f\ud800-\udfff\r\u2028\u2029]"
)


# Every character the repair steps before NFKC act on, but quotes: ftfy's character
# fixers, the line breaks, odd spaces, zero-width and control characters, superscripts,
# and whitespace other than spaces and line feeds. Most texts have none of them, and so
# skip those steps' scans.
_RARE = re.compile(
    "["
    + "".join(
        re.escape(ch)
        for ch in sorted(
            set(_OTHER_WHITESPACE)
            | set("\r\u2028\u2029\x85⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
            | {chr(c) for c in ftfy.chardata.CONTROL_CHARS}
        )
    )
    + "\x80-\x9f\ud800-\udfff"
    + _CONTROL.pattern[1:-1]
    + _ODD_SPACES.pattern[1:-1]
    + _ZERO_WIDTH.pattern[1:-1]
    + "]"
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding used and what had to be repaired."""

    text: str
    encoding: str
    repairs: tuple[str, ...] = ()


def _utf16_without_bom(content: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is mostly NUL, else ``None``."""
    if len(content) < 4 or len(content) % 2:
        return None
    even, odd = content[0::2], content[1::2]
    half = len(content) // 2
    if odd.count(0) > 0.4 * half and even.count(0) < 0.1 * half:
        return "utf-16-le"
    if even.count(0) > 0.4 * half and odd.count(0) < 0.1 * half:
        return "utf-16-be"
    return None


def _strict(content: bytes, encoding: str) -> str | None:
    try:
        return content.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _damaged_utf8(content: bytes) -> Decoded | None:
    """UTF-8 with a few broken sequences: decoded with U+FFFD, and a warning saying so.

    Valid multi-byte characters must outnumber the broken sequences, or there must be
    some and at most ``FEW_BROKEN_SEQUENCES`` broken ones (a mostly ASCII article with a
    ``¥`` and three bad bytes): a Latin-1 or cp1252 file (its accented letters are
    single bytes, never valid multi-byte sequences) still goes to charset detection.
    """
    text = content.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    if not broken:
        return None
    multibyte = sum(1 for ch in text if ch > "\x7f") - broken
    few = broken <= FEW_BROKEN_SEQUENCES
    if (multibyte >= broken or (few and multibyte >= 1)) and (few or broken <= 0.01 * len(text)):
        return Decoded(text, "utf-8", (f"undecodable bytes replaced: {broken} invalid UTF-8",))
    return None


def _detected(content: bytes) -> tuple[str, str] | None:
    """Text and encoding by charset detection, or ``None`` when nothing fits."""
    from charset_normalizer import from_bytes

    try:
        best = from_bytes(content).best()
    except Exception:  # the detector must never fail a document
        return None
    if best is None:
        return None
    encoding = best.encoding
    for family, preferred in ((_GB_FAMILY, "gb18030"), (_LATIN_SINGLE_BYTE, "cp1252")):
        if encoding in family and (text := _strict(content, preferred)) is not None:
            return text, preferred
    return str(best), encoding


def decode_document(content: bytes) -> Decoded:
    """Decode bytes of unknown encoding; never raises."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            text = content[len(bom) :].decode(encoding, errors="replace")
            repairs = ("undecodable bytes replaced",) if "\ufffd" in text else ()
            return Decoded(text, encoding, repairs)
    text = _strict(content, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    utf16 = _utf16_without_bom(content)
    if utf16 is not None and (text := _strict(content, utf16)) is not None:
        return Decoded(text, utf16, (f"decoded as {utf16} without a byte order mark",))
    meta = _META_CHARSET.search(content[:4096])
    if meta is not None:
        declared = meta.group(1).decode("ascii", errors="replace").lower()
        encoding = "gb18030" if declared.replace("-", "") in {"gb2312", "gbk"} else declared
        if (text := _strict(content, encoding)) is not None:
            return Decoded(text, encoding, (f"decoded as {encoding} (declared in <meta>)",))
    damaged = _damaged_utf8(content)
    if damaged is not None:
        return damaged
    detected = _detected(content)
    if detected is not None:
        text, encoding = detected
        return Decoded(text, encoding, (f"decoded as {encoding} (detected)",))
    text = content.decode("utf-8", errors="replace")
    return Decoded(text, "utf-8", ("undecodable bytes replaced",))


def decode_bytes(content: bytes) -> str:
    """Text from bytes of unknown encoding (see ``decode_document``)."""
    return decode_document(content).text


def ftfy_would_change(text: str, characters: bool = True) -> bool:
    """Whether ftfy with ``_FTFY_CONFIG`` could change ``text``; when not, it is skipped.

    Exact, step by step: HTML entities (unescaped only when there is no ``<``),
    mojibake (ftfy's own test, on non-ASCII text), the characters its fixers act
    on (not looked for when ``characters`` is False: the caller knows there are
    none), and text that is not in NFC.
    """
    return bool(
        (not text.isascii() and looks_like_mojibake(text))
        or (characters and _FTFY_CHARACTERS.search(text))
        or ("<" not in text and ftfy.chardata.HTML_ENTITY_RE.search(text))
        or not unicodedata.is_normalized("NFC", text)
    )


def fix_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` through ftfy (mojibake, HTML entities, curly quotes) and what it repaired.

    Run on HTML before extraction too: an HTML parser drops the C1 control
    characters that mojibake such as ``â€\x9d`` needs to be undone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as ftfy would
    return _ftfy_fixed(text, ftfy_would_change(text))


def _ftfy_fixed(text: str, would_change: bool) -> tuple[str, tuple[str, ...]]:
    """``fix_mojibake`` of a text without carriage returns, told ``ftfy_would_change``."""
    if not would_change:
        return uncurl_quotes(text), ()
    fixed = ftfy.fix_and_explain(text, _FTFY_CONFIG)
    steps = sorted({name for _, name in fixed.explanation or ()} & _FTFY_REPAIRS)
    if any(action in {"encode", "decode", "transcode"} for action, _ in fixed.explanation or ()):
        steps.insert(0, "mojibake")
    return uncurl_quotes(fixed.text), (("ftfy: " + ", ".join(steps),) if steps else ())


def fix_mojibake_by_line(text: str) -> tuple[str, tuple[str, ...]]:
    """``fix_mojibake`` line by line, as ``ftfy.fix_text`` does, on the lines it would change.

    For whole HTML pages: a page of clean lines costs one scan, and a page with a
    few broken lines costs ftfy on those lines only.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not ftfy_would_change(text):
        return uncurl_quotes(text), ()
    lines = text.split("\n")
    repairs: dict[str, None] = {}
    for i, line in enumerate(lines):
        lines[i], line_repairs = fix_mojibake(line)  # which skips the lines ftfy would not change
        repairs.update(dict.fromkeys(line_repairs))
    return "\n".join(lines), tuple(repairs)


def repair_text(text: str) -> tuple[str, tuple[str, ...]]:
    """Repaired, NFKC-normalised text with tidy whitespace, and the repairs applied.

    Lines become paragraphs downstream, so line breaks are kept (runs of blank
    lines shrink to one) while every other run of whitespace becomes one space.
    """
    text, repairs, _ = _repair(text, None)
    return text, repairs


def repair_text_mapped(text: str) -> tuple[str, tuple[str, ...], SourceMap | None]:
    """``repair_text`` and the ``SourceMap`` from the repaired text back to ``text``.

    The map is None only when an opaque repair of a very long text could not be aligned.
    """
    return _repair(text, SourceMap.identity(len(text)))


def _repair(text: str, smap: SourceMap | None) -> tuple[str, tuple[str, ...], SourceMap | None]:
    """``repair_text``'s steps, each carrying ``smap`` (when one is kept) through."""
    # none of the characters the steps up to NFKC act on (but quotes): they are skipped
    plain = not _RARE.search(text)
    if not plain and _LINE_BREAK_CHAR.search(text):
        text, smap = sub(_LINE_BREAKS, "\n", text, smap)
    before = text
    would_change = ftfy_would_change(text, characters=not plain)
    text, ftfy_repairs = _ftfy_fixed(text, would_change)  # no carriage returns are left
    # a change of the same length where ftfy had nothing to do is uncurled quotes, one for one
    if smap is not None and text != before and (len(text) != len(before) or would_change):
        smap = realign(before, text, smap)
    repairs = list(ftfy_repairs)
    plain = plain and not would_change  # else ftfy may have written any character
    if not plain:
        if count := len(_ODD_SPACES.findall(text)):
            repairs.append(f"replaced {count} non-breaking or wide spaces")
            text = _ODD_SPACES.sub(" ", text)  # one for one: the map stands
        if count := len(_ZERO_WIDTH.findall(text)):
            repairs.append(f"removed {count} zero-width characters")
            text, smap = sub(_ZERO_WIDTH, "", text, smap)
        if count := len(_CONTROL.findall(text)):
            repairs.append(f"removed {count} control characters")
            text, smap = sub(_CONTROL, "", text, smap)
        if _SUPERSCRIPT_EXPONENT.search(text):
            repairs.append("superscript exponents written with ^")
            text, smap = sub(_SUPERSCRIPT_EXPONENT, _caret_exponent, text, smap)
    if not unicodedata.is_normalized("NFKC", text):  # exact, and mostly a quick check
        nfkc = unicodedata.normalize("NFKC", text)
        repairs.append("nfkc: compatibility characters normalised")
        # without an nfkc stop, one character for one as that sub would find: the map stands
        if smap is not None and nfkc_stop_in(text):
            mapped, folded = sub(nfkc_changes(), _nfkc_of, text, smap)
            # a composition across characters (Hangul jamo): align instead
            smap = folded if mapped == nfkc else realign(text, nfkc, smap)
        text = nfkc
        plain = False  # NFKC may have written spaces
    if smap is None:
        text = _SPACES.sub(" ", text)
        text = "\n".join(line.strip() for line in text.split("\n"))
    else:  # the same, through the map, and only where there is something to do
        if "  " in text or (not plain and _OTHER_SPACE.search(text)):
            text, smap = sub(_SPACE_RUNS, " ", text, smap)
        if " \n" in text or "\n " in text:
            text, smap = sub(_LINE_EDGE_SPACES, "", text, smap)
    if "\n\n\n" in text:
        text, smap = sub(_BLANK_LINES, "\n\n", text, smap)
    stripped = text.strip()
    if smap is not None and stripped != text:
        lead = len(text) - len(text.lstrip())
        smap = smap.sliced(lead, lead + len(stripped))
    return stripped, tuple(repairs), smap


def normalise_text(text: str) -> str:
    """Repaired text (see ``repair_text``) without the repair record."""
    return repair_text(text)[0]
