"""Documents from WARC files (CC-NEWS style) through warcio.

Only HTTP ``response`` records with status 200 and an HTML content type become
documents; their ``source_uri`` is the record's target URI and their
``provenance`` its ``WARC-Record-ID``. Reading is chunked by record offset, so a
multi-gigabyte archive is processed a batch at a time and a batch can be retried
on its own. A truncated or corrupt archive ends the file with a recorded error;
the documents read before the damage are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from newsfacts.ids import sha256_hex
from newsfacts.model import IngestError, RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")


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
        record.content_stream().read()  # consume, so a truncated body still surfaces
        _require_complete(record)
        return
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    status = http.get_statuscode()
    if status != "200" or content_type not in HTML_TYPES:
        chunk.count_skipped += 1
        record.content_stream().read()
        _require_complete(record)
        return
    content = record.content_stream().read()
    _require_complete(record)
    uri = headers.get_header("WARC-Target-URI") or record_uri(path, record_id, offset)
    if max_bytes is not None and len(content) > max_bytes:
        chunk.errors.append(
            IngestError(uri, "warc", f"record is {len(content)} bytes, over {max_bytes}")
        )
        return
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
