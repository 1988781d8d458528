"""Reading raw documents from disk, and the main text of HTML.

Reading keeps the bytes untouched; decoding and repair belong to
``newsfacts.normalise``. Network fetching lives apart so extraction stays
testable offline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from newsfacts.ids import sha256_hex
from newsfacts.model import RawDocument

TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain"}
HTML_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html"}
MEDIA_TYPES = {**TEXT_SUFFIXES, **HTML_SUFFIXES}


class ReadError(Exception):
    """A document that cannot be read; the batch records it and goes on."""


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every readable article file under ``paths`` (files or folders), sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in MEDIA_TYPES
            )
        else:
            yield path


def media_type_for(path: Path, content: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    head = content[:512].lstrip().lower()
    return "text/html" if head.startswith((b"<!doctype html", b"<html")) else "text/plain"


def read_file(path: Path, max_bytes: int | None = None) -> RawDocument:
    """The file's bytes as a ``RawDocument``; raises ``ReadError`` with a reason."""
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ReadError(f"file is {size} bytes, over the {max_bytes}-byte limit")
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(f"file vanished before it could be read: {exc.filename}") from exc
    except IsADirectoryError as exc:
        raise ReadError("path is a directory") from exc
    except PermissionError as exc:
        raise ReadError(f"permission denied: {exc.filename}") from exc
    if not content.strip():
        raise ReadError("file is empty")
    return RawDocument(
        source_uri=path.resolve().as_uri(),
        content=content,
        media_type=media_type_for(path, content),
        content_hash=sha256_hex(content),
        fetched_at=datetime.now(UTC),
    )


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None  # ISO date as trafilatura gives it


def extract_html(html: str, reference_date: date, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page through trafilatura (deterministic)."""
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        deduplicate=False,
        config=config,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "max_date": reference_date.isoformat(),
        },
    )
    if doc is None:
        return HtmlExtract("", None, None, None, None)
    return HtmlExtract(
        text=doc.text or "",
        title=doc.title,
        author=doc.author,
        publisher=doc.sitename or doc.hostname,
        published=doc.date,
    )
