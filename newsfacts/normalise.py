"""Turning raw bytes into clean text with paragraphs (the spine's version).

Deepened by the normalisation issue: roles, languages, metadata, translation.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from newsfacts.model import Paragraph

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def decode_bytes(content: bytes) -> str:
    """Text from bytes of unknown encoding: UTF-8 first, then charset detection."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(content).best()
    if best is not None:
        return str(best)
    return content.decode("utf-8", errors="replace")


def normalise_text(text: str) -> str:
    """Repaired, NFKC-normalised text with tidy whitespace and paragraph breaks."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines as paragraphs, with spans into ``text``."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        if line:
            paragraphs.append(Paragraph(index=len(paragraphs), start=pos, end=pos + len(line)))
        pos += len(line) + 1
    return paragraphs
