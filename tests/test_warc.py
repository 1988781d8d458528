"""WARC ingestion: HTML responses become documents with their record id as provenance."""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsfacts.warc import read_warc
from tests.sitekit import ARTICLE_BODIES, article_html

BASE = "https://news.example.org"


def write_warc(path: Path, gzip: bool = True) -> list[str]:
    """A CC-NEWS-like WARC: a warcinfo, per article a request + response, an image, a 404.

    Returns the record ids of the HTML 200 responses, in order.
    """
    ids: list[str] = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "newsfacts-tests"})
        )
        for url_path, (title, body) in ARTICLE_BODIES.items():
            url = BASE + url_path
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {url_path} HTTP/1.1", [], is_http_request=True),
            )
            writer.write_record(request)
            html = article_html(title, body).encode()
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                ),
            )
            writer.write_record(response)
            ids.append(response.rec_headers.get_header("WARC-Record-ID"))
        writer.write_record(
            writer.create_warc_record(
                BASE + "/logo.png",
                "response",
                payload=io.BytesIO(b"\x89PNG fake"),
                http_headers=StatusAndHeaders(
                    "200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1"
                ),
            )
        )
        writer.write_record(
            writer.create_warc_record(
                BASE + "/missing.html",
                "response",
                payload=io.BytesIO(b"<html>gone</html>"),
                http_headers=StatusAndHeaders(
                    "404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1"
                ),
            )
        )
    return ids


@pytest.mark.parametrize("gzip", [True, False])
def test_html_responses_become_documents_with_record_ids(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    ids = write_warc(path, gzip=gzip)
    chunk = read_warc(path)

    assert chunk.errors == []
    assert chunk.next_offset is None
    assert [r.provenance for r in chunk.raws] == ids
    assert [r.source_uri for r in chunk.raws] == [BASE + p for p in ARTICLE_BODIES]
    assert all(r.media_type == "text/html" for r in chunk.raws)
    assert all(b"<article>" in r.content for r in chunk.raws)
    assert chunk.raws[0].fetched_at.tzinfo is not None
    # warcinfo, 3 requests, the image and the 404 are skipped, not errors
    assert chunk.count_skipped == 6


def test_chunks_resume_at_the_next_record(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(path)
    seen: list[str | None] = []
    offset: int | None = 0
    calls = 0
    while offset is not None:
        chunk = read_warc(path, start=offset, limit=2)
        assert chunk.errors == []
        assert len(chunk.raws) <= 2
        seen.extend(r.provenance for r in chunk.raws)
        offset = chunk.next_offset
        calls += 1
    assert seen == ids
    assert calls == 2


def test_truncated_archive_keeps_what_was_read_and_records_an_error(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    ids = write_warc(whole)
    data = whole.read_bytes()
    with whole.open("rb") as stream:
        records = ArchiveIterator(stream)
        offsets = [
            records.get_record_offset()
            for r in records
            if r.rec_headers.get_header("WARC-Record-ID") == ids[-1]
        ]
    truncated = tmp_path / "truncated.warc.gz"
    # cut inside the last article's response record
    truncated.write_bytes(data[: offsets[0] + 120])

    chunk = read_warc(truncated)

    assert len(chunk.errors) == 1
    assert chunk.errors[0].stage == "warc"
    assert "truncated or corrupt" in chunk.errors[0].error
    assert chunk.errors[0].source_uri.startswith(truncated.resolve().as_uri())
    assert [r.provenance for r in chunk.raws] == ids[: len(chunk.raws)]
    assert len(chunk.raws) == 2

    # resuming mid-file notices the damage too
    first = read_warc(truncated, limit=1)
    rest = read_warc(truncated, start=first.next_offset)
    assert [r.provenance for r in first.raws + rest.raws] == ids[:2]
    assert len(rest.errors) == 1 and first.errors == []


@pytest.mark.parametrize("cut", [1, 30, 300, 700])
def test_an_archive_cut_near_its_end_records_an_error(tmp_path: Path, cut: int) -> None:
    """FastWARC ends quietly at a gzip member the file cuts short: the tail is checked."""
    whole = tmp_path / "whole.warc.gz"
    ids = write_warc(whole)
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(whole.read_bytes()[:-cut])

    chunk = read_warc(damaged)

    assert len(chunk.errors) == 1, chunk.errors
    assert "truncated or corrupt" in chunk.errors[0].error
    assert [r.provenance for r in chunk.raws] == ids[: len(chunk.raws)]
    assert read_warc(whole).errors == []


def test_not_a_warc_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"these are not warc records\n" * 10)
    chunk = read_warc(path)
    assert chunk.raws == []
    assert len(chunk.errors) == 1 and chunk.errors[0].stage == "warc"


def test_oversized_record_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    chunk = read_warc(path, max_bytes=100)
    assert chunk.raws == []
    assert len(chunk.errors) == 3
    assert all("over 100" in e.error for e in chunk.errors)


def gzip_bomb(size: int) -> bytes:
    """``size`` bytes of HTML-looking padding, gzip-compressed to about a thousandth."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: a gzip header and trailer
    block = b"<p>" + b" " * (1024 * 1024 - 3)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + packer.flush()


def write_ok_response(
    writer: WARCWriter, url_path: str, payload: bytes, headers: list[tuple[str, str]]
) -> None:
    writer.write_record(
        writer.create_warc_record(
            BASE + url_path,
            "response",
            payload=io.BytesIO(payload),
            http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
        )
    )


def write_bomb_warc(path: Path, expanded: int) -> None:
    """An article, a gzip-encoded HTML response of ``expanded`` bytes, an image of the same
    bomb, another article: the bomb records must not take ``expanded`` bytes of memory."""
    bomb = gzip_bomb(expanded)
    (first_title, first), (second_title, second) = list(ARTICLE_BODIES.values())[:2]
    records = [
        ("/a.html", article_html(first_title, first).encode(), "text/html", None),
        ("/bomb.html", bomb, "text/html", "gzip"),
        ("/bomb.png", bomb, "image/png", "gzip"),
        ("/b.html", article_html(second_title, second).encode(), "text/html", None),
    ]
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url_path, payload, media, encoding in records:
            headers = [("Content-Type", media)]
            if encoding:
                headers.append(("Content-Encoding", encoding))
            write_ok_response(writer, url_path, payload, headers)


def test_a_gzip_bomb_record_is_an_error_read_in_bounded_memory(tmp_path: Path) -> None:
    """256 MiB behind 260 KB of gzip, under a 1 MiB cap: on the old main the whole
    record was decompressed before the size check (a 2.1 GiB one was lost to a memory
    cap with the rest of its archive); now the read stops past the cap."""
    path = tmp_path / "bomb.warc.gz"
    write_bomb_warc(path, 256 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024

    tracemalloc.start()
    try:
        chunk = read_warc(path, max_bytes=1024 * 1024)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 32 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"
    assert [r.source_uri for r in chunk.raws] == [BASE + "/a.html", BASE + "/b.html"]
    assert [(e.source_uri, e.stage, e.error) for e in chunk.errors] == [
        (BASE + "/bomb.html", "warc", "record is over 1048576 bytes once decoded (gzip)")
    ]
    assert chunk.count_skipped == 1  # the image, never decompressed


def test_gzip_and_deflate_bodies_are_decoded_and_a_mislabelled_one_read_as_is(
    tmp_path: Path,
) -> None:
    html = article_html(*next(iter(ARTICLE_BODIES.values()))).encode()
    bodies = {
        "/gzip.html": ("gzip", gzip.compress(html)),
        "/deflate.html": ("deflate", zlib.compress(html)),
        "/raw-deflate.html": ("deflate", zlib.compress(html, wbits=-15)),
        "/stored-decoded.html": ("gzip", html),
        "/chunked.html": ("gzip", None),
    }
    path = tmp_path / "encoded.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for url_path, (encoding, body) in bodies.items():
            headers = [("Content-Type", "text/html"), ("Content-Encoding", encoding)]
            if body is None:  # chunked transfer of a gzip body, in two chunks
                packed = gzip.compress(html)
                half = len(packed) // 2
                body = (
                    b"".join(
                        b"%x\r\n%s\r\n" % (len(part), part)
                        for part in (packed[:half], packed[half:])
                    )
                    + b"0\r\n\r\n"
                )
                headers.append(("Transfer-Encoding", "chunked"))
            write_ok_response(writer, url_path, body, headers)
    chunk = read_warc(path, max_bytes=len(html))
    assert chunk.errors == []
    assert {r.source_uri: r.content for r in chunk.raws} == {BASE + p: html for p in bodies}
    assert read_warc(path, max_bytes=len(html) - 1).raws == []
