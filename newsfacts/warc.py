"""Documents from WARC files (CC-NEWS style) through warcio.

Only HTTP ``response`` records with status 200 and an HTML content type become
documents; their ``source_uri`` is the record's target URI and their
``provenance`` its ``WARC-Record-ID``. Reading is chunked by record offset, so a
multi-gigabyte archive is processed a batch at a time and a batch can be retried
on its own. A truncated or corrupt archive ends the file with a recorded error;
the documents read before the damage are kept.

Bodies are de-chunked and decoded (``Content-Encoding`` gzip, x-gzip, deflate) here,
with a streaming decompressor that stops one byte past ``max_bytes``: a record that
would decode past the cap (a gzip bomb: gigabytes behind a few kilobytes) is a
recorded error and the rest of the archive is read. Records that are not documents
are skipped without being decoded at all.
"""

from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader

from newsfacts.ids import sha256_hex
from newsfacts.model import IngestError, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
BLOCK = 64 * 1024
# zlib's window bits: 47 reads a gzip or a zlib header, -15 raw deflate (some servers)
DECODED = {"gzip": 47, "x-gzip": 47, "deflate": 47}


class BodyError(ValueError):
    """A record's body that cannot be a document: over the cap once decoded, or undecodable."""


@dataclass(slots=True)
class WarcChunk:
    """Up to ``limit`` documents of one archive, and where to resume (``None``: done)."""

    raws: list[RawDocument] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)
    next_offset: int | None = None
    count_skipped: int = 0  # records that are not HTML responses (requests, metadata, images)


def _warc_date(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def record_uri(path: Path, record_id: str | None, offset: int) -> str:
    """Where a WARC record lives, for error rows: the file plus the record id or offset."""
    return f"{path.resolve().as_uri()}#{record_id or f'offset={offset}'}"


def read_warc(
    path: Path, start: int = 0, limit: int | None = None, max_bytes: int | None = None
) -> WarcChunk:
    """HTML response documents of ``path`` from byte ``start``, at most ``limit`` of them."""
    chunk = WarcChunk()
    resume = start  # where the record after the last complete one begins
    try:
        with path.open("rb") as stream:
            stream.seek(start)
            records = ArchiveIterator(stream)
            for record in records:
                # warcio reads a record to its end to report its offset: ask after using it
                # (offsets are positions in the file, whatever ``start`` was)
                if limit is not None and len(chunk.raws) >= limit:
                    chunk.next_offset = records.get_record_offset()
                    return chunk
                _read_record(record, path, resume, max_bytes, chunk)
                resume = records.get_record_offset() + records.get_record_length()
            stream.seek(resume)
            tail = stream.read(64)
            if tail.strip():
                raise EOFError("the archive ends inside a record")
    except Exception as exc:
        # ArchiveLoadFailed, EOFError, zlib.error, and assorted errors on mangled headers:
        # the file ends here for this run, with a recorded error and what was read kept
        chunk.errors.append(_damaged(path, resume, exc))
    return chunk


def _damaged(path: Path, resume: int, exc: BaseException) -> IngestError:
    return IngestError(
        record_uri(path, None, resume),
        "warc",
        f"archive is truncated or corrupt after byte {resume}: {type(exc).__name__}: {exc}",
    )


def _require_complete(record: object) -> None:
    """Raise when the archive ended before the record's declared Content-Length."""
    missing = getattr(record.raw_stream, "limit", 0)
    if missing:
        raise EOFError(f"the archive ends inside a record ({missing} bytes missing)")


def _read_record(
    record: object, path: Path, offset: int, max_bytes: int | None, chunk: WarcChunk
) -> None:
    if record.format != "warc":
        raise ValueError(f"not a WARC record (warcio read it as {record.format!r})")
    headers = record.rec_headers
    record_id = headers.get_header("WARC-Record-ID")
    http = record.http_headers
    if record.rec_type != "response" or http is None:
        chunk.count_skipped += 1
        _drain(record.raw_stream)  # consume, so a truncated body still surfaces
        _require_complete(record)
        return
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    status = http.get_statuscode()
    if status != "200" or content_type not in HTML_TYPES:
        chunk.count_skipped += 1
        _drain(record.raw_stream)  # never decoded: an image may be a gzip bomb too
        _require_complete(record)
        return
    uri = headers.get_header("WARC-Target-URI") or record_uri(path, record_id, offset)
    try:
        content = read_body(record, max_bytes)
    except BodyError as exc:
        _drain(record.raw_stream)
        _require_complete(record)
        chunk.errors.append(IngestError(uri, "warc", str(exc)))
        return
    _require_complete(record)
    if not content.strip():
        chunk.errors.append(IngestError(uri, "warc", "record has an empty body"))
        return
    chunk.raws.append(
        RawDocument(
            source_uri=uri,
            content=content,
            media_type="text/html",
            content_hash=sha256_hex(content),
            fetched_at=_warc_date(headers.get_header("WARC-Date")),
            provenance=record_id,
        )
    )


def _drain(stream: BinaryIO) -> None:
    while stream.read(BLOCK):
        pass


def read_body(record: object, max_bytes: int | None) -> bytes:
    """The HTTP body of ``record``, de-chunked and decoded, never more than ``max_bytes``.

    Raises ``BodyError`` as soon as the decoded body passes ``max_bytes``, for an
    encoding that is not decoded here (``br``, ``compress``) and for a corrupt stream.
    """
    http = record.http_headers
    limit = sys.maxsize - 1 if max_bytes is None else max_bytes
    encoding = (http.get_header("Content-Encoding") or "identity").strip().lower()
    stream: BinaryIO = record.raw_stream
    if (http.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        stream = ChunkedDataReader(stream, decomp_type=None)
    if encoding in ("identity", ""):
        body = stream.read(limit + 1)
        if len(body) > limit:
            raise BodyError(f"record is over {limit} bytes")
        return body
    if encoding not in DECODED:
        raise BodyError(f"record has Content-Encoding {encoding!r}, which is not decoded")
    return _inflate(stream, DECODED[encoding], limit, encoding)


def _inflate(stream: BinaryIO, wbits: int, limit: int, encoding: str) -> bytes:
    """``stream`` decompressed a block at a time, each step asked for no more than the
    bytes left under ``limit`` (plus one, to tell a body of exactly ``limit`` bytes)."""
    first = stream.read(BLOCK)
    inflater = zlib.decompressobj(wbits)
    try:
        out = bytearray(inflater.decompress(first, limit + 1))
    except zlib.error:
        inflater = zlib.decompressobj(-15)  # "deflate" sent without its zlib header
        try:
            out = bytearray(inflater.decompress(first, limit + 1))
        except zlib.error:  # not compressed at all: stored decoded, its header kept (as warcio)
            body = first + stream.read(limit + 1 - len(first))
            if len(body) > limit:
                raise BodyError(f"record is over {limit} bytes") from None
            return body
    try:
        while len(out) <= limit and not inflater.eof:
            data = inflater.unconsumed_tail or stream.read(BLOCK)
            if not data:
                break
            out += inflater.decompress(data, limit + 1 - len(out))
    except zlib.error as exc:
        raise BodyError(f"record's {encoding} body is corrupt: {exc}") from exc
    if len(out) > limit:
        raise BodyError(f"record is over {limit} bytes once decoded ({encoding})")
    return bytes(out)
