"""Documents from WARC files (CC-NEWS style) through FastWARC.

Only HTTP ``response`` records with status 200 and an HTML content type become
documents; their ``source_uri`` is the record's target URI and their
``provenance`` its ``WARC-Record-ID``. Reading is chunked by record offset, so a
multi-gigabyte archive is processed a batch at a time and a batch can be retried
on its own. A truncated or corrupt archive ends the file with a recorded error;
the documents read before the damage are kept. A record whose body is shorter than
its ``Content-Length`` (or that has none) is the damage.

Bodies are de-chunked and decoded (``Content-Encoding`` gzip, x-gzip, deflate) here,
with a streaming decompressor that stops one byte past ``max_bytes``: a record that
would decode past the cap (a gzip bomb: gigabytes behind a few kilobytes) is a
recorded error and the rest of the archive is read. Records that are not documents
are skipped without being decoded at all.

A ``Relevance`` prefilter (``newsfacts.relevance``) looks at each decoded HTML body
before it becomes a document: a page that names none of its keywords is counted in
``WarcChunk.skipped_offtopic`` and never reaches HTML extraction.

FastWARC (a C++/Rust reader) replaced warcio here: it reads CC-NEWS archives
several times faster (``benchmarks/bench_scale.py``); warcio stays for writing
archives in the tests and the benchmark (a development dependency now).
"""

from __future__ import annotations

import io
import sys
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from newsfacts.ids import sha256_hex
from newsfacts.model import IngestError, RawDocument
from newsfacts.relevance import Relevance

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
    skipped_offtopic: int = 0  # HTML pages the relevance prefilter kept from extraction


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
    path: Path,
    start: int = 0,
    limit: int | None = None,
    max_bytes: int | None = None,
    relevance: Relevance | None = None,
) -> WarcChunk:
    """HTML response documents of ``path`` from byte ``start``, at most ``limit`` of them.

    With ``relevance``, an HTML page it finds off-topic is counted, not returned.
    """
    chunk = WarcChunk()
    resume = start  # where the record being read begins
    try:
        with path.open("rb") as stream:
            stream.seek(start)
            for record in ArchiveIterator(stream, record_types=WarcRecordType.any_type):
                resume = record.stream_pos  # positions in the file, whatever ``start`` was
                if limit is not None and len(chunk.raws) >= limit:
                    chunk.next_offset = resume
                    return chunk
                _read_record(record, path, max_bytes, relevance, chunk)
            cut = _cut_gzip_member(stream, resume)
    except Exception as exc:
        # OSError (a header FastWARC cannot parse, a broken gzip member), EOFError (a
        # record cut short): the file ends here for this run, with what was read kept
        chunk.errors.append(_damaged(path, resume, exc))
        return chunk
    if cut is not None:
        chunk.errors.append(_damaged(path, cut, EOFError("the last gzip member is cut short")))
    return chunk


def _cut_gzip_member(stream: BinaryIO, last: int) -> int | None:
    """Where a gzip member cut short begins, at or after the member at ``last``, or None.

    FastWARC ends its iteration quietly at a gzip member the file cuts short (a
    download stopped early), so the archive's tail is checked: each member from the
    last record read must end where the next one or the file does.
    """
    stream.seek(last)
    if stream.read(2) != b"\x1f\x8b":
        return None  # not gzip-compressed: FastWARC raises on a cut record itself
    at = last
    while True:
        stream.seek(at)
        head = stream.read(2)
        if not head:
            return None  # the file ends where a member does
        if head != b"\x1f\x8b":
            return at  # bytes after the last member that are no member
        try:
            end = _member_end(stream, at)
        except zlib.error:
            return at
        if end is None:
            return at
        at = end


def _member_end(stream: BinaryIO, at: int) -> int | None:
    """Where the gzip member at ``at`` ends, or None when the file ends inside it (its
    output is read and dropped a piece at a time: a record may inflate to gigabytes)."""
    stream.seek(at)
    inflate = zlib.decompressobj(wbits=31)
    while not inflate.eof:
        data = stream.read(CUT_CHECK_BYTES)
        if not data:
            return None
        inflate.decompress(data, CUT_CHECK_BYTES)
        while inflate.unconsumed_tail and not inflate.eof:
            inflate.decompress(inflate.unconsumed_tail, CUT_CHECK_BYTES)
    return stream.tell() - len(inflate.unused_data)


# how much of the archive's tail is read at a time to check its last gzip member
CUT_CHECK_BYTES = 1 << 16


def _damaged(path: Path, resume: int, exc: BaseException) -> IngestError:
    return IngestError(
        record_uri(path, None, resume),
        "warc",
        f"archive is truncated or corrupt after byte {resume}: {type(exc).__name__}: {exc}",
    )


def _declared_length(record: object) -> int:
    """The record's ``Content-Length``; a record cut inside its headers has none."""
    declared = record.headers.get("Content-Length")
    if declared is None or not declared.strip().isdigit():
        raise EOFError("the archive ends inside a record (no Content-Length)")
    return int(declared)


def _consume(record: object, expected: int) -> None:
    """Read the rest of the record; raise when it ends before ``expected`` more bytes."""
    got = record.reader.consume()
    if got < expected:
        raise EOFError(f"the archive ends inside a record ({expected - got} bytes missing)")


def _read_record(
    record: object,
    path: Path,
    max_bytes: int | None,
    relevance: Relevance | None,
    chunk: WarcChunk,
) -> None:
    _declared_length(record)
    record_id = record.record_id
    # the block's length, or the HTTP body's once FastWARC has read the HTTP headers
    expected = record.content_length
    if record.record_type != WarcRecordType.response or not record.is_http:
        chunk.count_skipped += 1
        _consume(record, expected)  # consume, so a truncated body still surfaces
        return
    http = record.http_headers
    content_type = (record.http_content_type or "").strip().lower()
    if http.status_code != 200 or content_type not in HTML_TYPES:
        chunk.count_skipped += 1
        _consume(record, expected)  # never decoded: an image may be a gzip bomb too
        return
    uri = record.headers.get("WARC-Target-URI") or record_uri(path, record_id, record.stream_pos)
    limit = sys.maxsize - 1 if max_bytes is None else max_bytes
    raw = record.reader.read(min(expected, limit + 1))
    if len(raw) > limit:
        _consume(record, expected - len(raw))
        chunk.errors.append(IngestError(uri, "warc", f"record is over {limit} bytes"))
        return
    if len(raw) < expected:
        raise EOFError(f"the archive ends inside a record ({expected - len(raw)} bytes missing)")
    try:
        content = decode_body(raw, http, max_bytes)
    except BodyError as exc:
        chunk.errors.append(IngestError(uri, "warc", str(exc)))
        return
    if not content.strip():
        chunk.errors.append(IngestError(uri, "warc", "record has an empty body"))
        return
    if relevance is not None and not relevance.is_relevant(content):
        chunk.skipped_offtopic += 1
        return
    chunk.raws.append(
        RawDocument(
            source_uri=uri,
            content=content,
            media_type="text/html",
            content_hash=sha256_hex(content),
            fetched_at=_warc_date(record.headers.get("WARC-Date")),
            provenance=record_id,
        )
    )


def dechunk(body: bytes) -> bytes:
    """An HTTP body sent with ``Transfer-Encoding: chunked``, its chunks joined.

    A malformed chunk header ends the body there (as browsers do); the bytes so far are kept.
    """
    out = bytearray()
    position = 0
    while position < len(body):
        line_end = body.find(b"\r\n", position)
        if line_end < 0:
            break
        size_text = body[position:line_end].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            break
        if size == 0:
            break
        out += body[line_end + 2 : line_end + 2 + size]
        position = line_end + 2 + size + 2
    return bytes(out)


def decode_body(raw: bytes, http: object, max_bytes: int | None) -> bytes:
    """The HTTP body ``raw``, de-chunked and decoded, never more than ``max_bytes``.

    Raises ``BodyError`` as soon as the decoded body passes ``max_bytes``, for an
    encoding that is not decoded here (``br``, ``compress``) and for a corrupt stream.
    """
    limit = sys.maxsize - 1 if max_bytes is None else max_bytes
    encoding = (http.get("Content-Encoding") or "identity").strip().lower()
    if (http.get("Transfer-Encoding") or "").strip().lower() == "chunked":
        raw = dechunk(raw)
    if encoding in ("identity", ""):
        if len(raw) > limit:
            raise BodyError(f"record is over {limit} bytes")
        return raw
    if encoding not in DECODED:
        raise BodyError(f"record has Content-Encoding {encoding!r}, which is not decoded")
    return _inflate(io.BytesIO(raw), DECODED[encoding], limit, encoding)


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
