"""Turning raw bytes into clean text with paragraphs (the spine's version).

Deepened by the normalisation issue: roles, languages, metadata, translation.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import ftfy

from newsfacts.ids import article_id_for
from newsfacts.model import Article, Paragraph, RawDocument
from newsfacts.read import extract_html
from newsfacts.settings import Settings

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


def normalise_document(raw: RawDocument, settings: Settings) -> Article:
    """The article a raw document holds: decoded, repaired, split, with metadata."""
    decoded = decode_bytes(raw.content)
    title = author = publisher = None
    published_at = None
    if raw.media_type == "text/html":
        html = extract_html(decoded, settings.reference_date, url=raw.source_uri)
        decoded = html.text
        title, author, publisher = html.title, html.author, html.publisher
        if html.published:
            published_at = datetime.fromisoformat(html.published)
    text = normalise_text(decoded)
    if not text:
        raise ValueError("document has no text after normalisation")
    paragraphs = tuple(split_paragraphs(text))
    if title is None and paragraphs:
        title = text[paragraphs[0].start : paragraphs[0].end]
    return Article(
        article_id=article_id_for(raw.content_hash),
        source_uri=raw.source_uri,
        content_hash=raw.content_hash,
        text=text,
        paragraphs=paragraphs,
        title=title,
        published_at=published_at,
        publisher=publisher,
        author=author,
        lang=None,
        media_type=raw.media_type,
    )
