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

import ftfy
import ftfy.chardata
import ftfy.fixes

from newsfacts.normalise.mojibake import looks_like_mojibake

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
_BLANK_LINES = re.compile(r"\n{3,}")
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# 10¹⁸: NFKC would make it 1018, so the exponent is written 10^18 first.
_SUPERSCRIPT_EXPONENT = re.compile("(?<![0-9])10([⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def _caret_exponent(m: re.Match[str]) -> str:
    return "10^" + m.group(1).translate(_SUPERSCRIPT_DIGITS)


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


def ftfy_would_change(text: str) -> bool:
    """Whether ftfy with ``_FTFY_CONFIG`` could change ``text``; when not, it is skipped.

    Exact, step by step: HTML entities (unescaped only when there is no ``<``),
    mojibake (ftfy's own test, on non-ASCII text), the characters its fixers act
    on, and text that is not in NFC.
    """
    return bool(
        (not text.isascii() and looks_like_mojibake(text))
        or _FTFY_CHARACTERS.search(text)
        or ("<" not in text and ftfy.chardata.HTML_ENTITY_RE.search(text))
        or not unicodedata.is_normalized("NFC", text)
    )


def fix_mojibake(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` through ftfy (mojibake, HTML entities, curly quotes) and what it repaired.

    Run on HTML before extraction too: an HTML parser drops the C1 control
    characters that mojibake such as ``â€\x9d`` needs to be undone.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as ftfy would
    if not ftfy_would_change(text):
        return ftfy.fixes.uncurl_quotes(text), ()
    fixed = ftfy.fix_and_explain(text, _FTFY_CONFIG)
    steps = sorted({name for _, name in fixed.explanation or ()} & _FTFY_REPAIRS)
    if any(action in {"encode", "decode", "transcode"} for action, _ in fixed.explanation or ()):
        steps.insert(0, "mojibake")
    return ftfy.fixes.uncurl_quotes(fixed.text), (("ftfy: " + ", ".join(steps),) if steps else ())


def fix_mojibake_by_line(text: str) -> tuple[str, tuple[str, ...]]:
    """``fix_mojibake`` line by line, as ``ftfy.fix_text`` does, on the lines it would change.

    For whole HTML pages: a page of clean lines costs one scan, and a page with a
    few broken lines costs ftfy on those lines only.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not ftfy_would_change(text):
        return ftfy.fixes.uncurl_quotes(text), ()
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
    text = _LINE_BREAKS.sub("\n", text)
    text, ftfy_repairs = fix_mojibake(text)
    repairs = list(ftfy_repairs)
    if count := len(_ODD_SPACES.findall(text)):
        repairs.append(f"replaced {count} non-breaking or wide spaces")
        text = _ODD_SPACES.sub(" ", text)
    if count := len(_ZERO_WIDTH.findall(text)):
        repairs.append(f"removed {count} zero-width characters")
        text = _ZERO_WIDTH.sub("", text)
    if count := len(_CONTROL.findall(text)):
        repairs.append(f"removed {count} control characters")
        text = _CONTROL.sub("", text)
    if _SUPERSCRIPT_EXPONENT.search(text):
        repairs.append("superscript exponents written with ^")
        text = _SUPERSCRIPT_EXPONENT.sub(_caret_exponent, text)
    nfkc = unicodedata.normalize("NFKC", text)
    if nfkc != text:
        repairs.append("nfkc: compatibility characters normalised")
        text = nfkc
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip(), tuple(repairs)


def normalise_text(text: str) -> str:
    """Repaired text (see ``repair_text``) without the repair record."""
    return repair_text(text)[0]
