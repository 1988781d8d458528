"""Bad input never loses a batch: every unreadable document becomes an ``ingest_errors`` row.

The corpus is generated here: binary files, empty files, invalid UTF-8, a 50 MB
text file, deeply nested and malformed HTML, a truncated WARC, and a file that
vanishes between listing and reading.
"""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import duckdb
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from flows.batch import settle
from newsfacts.pipeline import process_documents, read_files
from newsfacts.read import ReadError, binary_reason, iter_source_files, read_file
from newsfacts.settings import Settings
from newsfacts.warc import read_warc
from warehouse.db import open_warehouse
from warehouse.load import finish_run, start_run

GOOD = "Chip plant opens\n\nNvidia said the new cluster delivers 5 exaflops for $2 billion.\n"
GOOD_HTML = (
    "<html><head><title>Grid upgrade</title></head><body><article><h1>Grid upgrade</h1>"
    "<p>Huawei said the Guizhou site reached 300 petaflops after a HK$1.5 billion upgrade.</p>"
    "</article></body></html>"
)


def html_page(body: str) -> bytes:
    return f"<html><head><title>t</title></head><body>{body}</body></html>".encode()


def warc_record(writer: WARCWriter, uri: str, html: bytes) -> None:
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=headers)
    )


def write_truncated_warc(path: Path) -> None:
    """Two HTML responses, cut in the middle of the second."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    # a story of its own: a copy of GOOD_HTML with one figure changed would be linked to
    # it as a near-duplicate (a revision, which keeps no facts of its own yet)
    warc_record(
        writer,
        "https://example.test/one",
        html_page(
            "<h1>Cluster online</h1><p>Alibaba Cloud said its Zhangbei cluster now runs"
            " at 400 petaflops, and more racks arrive next spring.</p>"
        ),
    )
    first_end = buffer.tell()
    warc_record(writer, "https://example.test/two", html_page("<p>" + "x " * 4000 + "</p>"))
    data = buffer.getvalue()
    path.write_bytes(data[: first_end + (len(data) - first_end) // 2])


# name -> (bytes, the stage of its ingest_errors row, a fragment of the error)
def bad_files() -> dict[str, tuple[bytes, str, str]]:
    rng = random.Random(7)
    nested = "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000
    return {
        "image.txt": (b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000), "read", "PNG image"),
        "noise.html": (rng.randbytes(8000), "read", "binary content"),
        "empty.txt": (b"", "read", "empty"),
        "blank.txt": (b" \n\t\n  ", "read", "empty"),
        "huge.txt": (b"All work and no play. " * (50 * 1024 * 1024 // 22), "read", "limit"),
        "nested.html": (html_page(nested), "normalise", "no text"),
        "symbols.html": (
            html_page("<p>&lt;&lt;&lt;&gt;&gt;&gt;</p><p>* * *</p>"),
            "normalise",
            "no letters or digits",
        ),
        "invalid_utf8.txt": (
            "Trung tâm dữ liệu mới\n\nViettel đầu tư 5.000 tỷ đồng, tăng 12%.\n".encode() * 5
            + b"\xff\xfe\x80 broken tail\n",
            "decode",
            "undecodable bytes replaced",
        ),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, (content, _, _) in bad_files().items():
        (folder / name).write_bytes(content)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good.html").write_text(GOOD_HTML, encoding="utf-8")
    (folder / "unclosed.html").write_bytes(
        b"<html><body><div><p>Tencent will spend 500 billion yuan on data centers<b><i>"
    )
    (folder / "vanishing.txt").write_text(GOOD.replace("5", "7"), encoding="utf-8")
    write_truncated_warc(tmp_path / "cut.warc")
    return folder


def test_binary_detection_keeps_text_in_any_encoding() -> None:
    assert binary_reason("Giá trị 5% 数据中心".encode("utf-16")) is None
    assert binary_reason("plain text".encode("utf-16-le") * 20) is None
    assert binary_reason("数据中心".encode("gb18030") * 20) is None
    assert binary_reason(b"text with a form feed\x0c and an escape\x1b[0m") is None
    assert binary_reason(b"%PDF-1.7 ...") == "binary content: a PDF document"
    assert "control bytes" in binary_reason(bytes(range(1, 9)) * 100 + b"text")


def test_a_tag_flooded_with_attributes_keeps_its_text_and_costs_no_minute() -> None:
    import time

    from newsfacts.model import RawDocument
    from newsfacts.normalise import normalise_document

    attributes = " ".join(f'data-a{i}="{i}"' for i in range(100_000))  # over a minute before
    page = html_page(f"<div {attributes}><p>Tencent will spend 500 billion yuan.</p></div>")
    raw = RawDocument("file:///flood.html", page, "text/html", "flood", None)
    started = time.perf_counter()
    article = normalise_document(raw, Settings())
    assert time.perf_counter() - started < 15
    assert "Tencent will spend 500 billion yuan." in article.text
    assert "dropped the 100000 attributes of a <div> tag" in article.warnings


def test_special_files_are_refused_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    with pytest.raises(ReadError, match="not a regular file"):
        read_file(fifo)
    with pytest.raises(ReadError, match="directory"):
        read_file(tmp_path)


def odd_entries(folder: Path) -> dict[str, str]:
    """Entries a folder walk cannot read, made in ``folder``: name -> a fragment of the reason."""
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(GOOD, encoding="utf-8")
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "sub" / "up").symlink_to(folder)  # a folder link back to its own ancestor
    (folder.parent / "other").mkdir()
    (folder / "elsewhere").symlink_to(folder.parent / "other")  # not followed, but noted
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "pipe")  # no article suffix: a FIFO is never an article, but noted
    return {
        "loop_a.txt": "symlink loop",
        "loop_b.txt": "symlink loop",
        "dangling.txt": "dangling symlink",
        "up": "symlink loop",
        "elsewhere": "not followed",
        "pipe.txt": "FIFO",
        "pipe": "FIFO",
    }


def test_odd_folder_entries_become_rows_and_the_rest_is_read(tmp_path: Path) -> None:
    """Symlink loops, dangling symlinks and FIFOs inside a folder each leave a read row."""
    folder = tmp_path / "odd"
    folder.mkdir()
    expected = odd_entries(folder)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    raws, errors = read_files(list(iter_source_files([folder])), Settings())
    assert sorted(raw.source_uri.rsplit("/", 1)[-1] for raw in raws) == ["good.txt", "inner.txt"]
    by_name = {e.source_uri.rsplit("/", 1)[-1]: e for e in errors}
    assert sorted(by_name) == sorted(expected)
    for name, fragment in expected.items():
        assert by_name[name].stage == "read", name
        assert fragment in by_name[name].error, (name, by_name[name].error)


def test_a_symlink_loop_given_as_a_path_is_a_row_not_a_crash(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(tmp_path / "loop")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    raws, errors = read_files(list(iter_source_files([loop, good])), Settings())
    assert [raw.source_uri for raw in raws] == [good.resolve().as_uri()]
    assert [(e.source_uri.rsplit("/", 1)[-1], e.stage) for e in errors] == [("loop", "read")]
    assert "symlink loop" in errors[0].error


# The reading step of a run, as another user: root lists every folder whatever its mode,
# so the process imports as root, then reads the folder source with the effective uid of
# ``nobody`` (the kernel checks file access by it), then loads as root again.
AS_ANOTHER_USER = """
import json, os, sys
from pathlib import Path
from flows.batch import settle
from newsfacts.pipeline import process_documents, read_files
from newsfacts.read import iter_source_files
from newsfacts.settings import Settings
from warehouse.db import open_warehouse
from warehouse.load import finish_run, start_run

folder, warehouse, uid = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
settings = Settings(warehouse=warehouse)
os.setegid(uid)
os.seteuid(uid)
try:
    raws, errors = read_files(list(iter_source_files([folder])), settings)
finally:
    os.seteuid(0)
    os.setegid(0)
batch = process_documents(raws, settings)
batch.errors[:0] = errors
with open_warehouse(warehouse) as con:
    start_run(con, "locked", [str(folder)], settings.extractor_version)
    counts = settle(batch, settings, con, "locked").counts
    finish_run(con, "locked", "completed", len(raws) + len(errors))
print(json.dumps({"articles": counts.articles, "errors": counts.ingest_errors}))
"""


def test_an_unreadable_subfolder_is_a_row_and_the_run_goes_on(tmp_path: Path) -> None:
    import shutil
    import subprocess
    import sys
    import tempfile

    if not hasattr(os, "seteuid") or os.geteuid() != 0:
        pytest.skip("reads as another user through seteuid, which needs root")
    nobody = 65534
    # every folder above the corpus must be searchable by that user: not pytest's tmp_path
    top = Path(tempfile.mkdtemp(prefix="newsfacts-locked-"))
    try:
        top.chmod(0o755)
        folder = top / "corpus"
        for name in ("a_visible", "locked", "z_visible"):
            (folder / name).mkdir(parents=True)
        (folder / "a_visible" / "first.txt").write_text(GOOD, encoding="utf-8")
        (folder / "z_visible" / "last.html").write_text(GOOD_HTML, encoding="utf-8")
        (folder / "locked" / "hidden.txt").write_text(GOOD, encoding="utf-8")
        for path in folder.rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        folder.chmod(0o755)
        (folder / "locked").chmod(0o700)  # its owner, root, only
        warehouse = tmp_path / "w.duckdb"
        done = subprocess.run(
            [sys.executable, "-c", AS_ANOTHER_USER, str(folder), str(warehouse), str(nobody)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
    finally:
        shutil.rmtree(top, ignore_errors=True)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("select source_uri, stage, error from main.ingest_errors").fetchall()
        read = sorted(
            r[0].rsplit("/", 1)[-1]
            for r in con.execute("select source_uri from raw.raw_documents").fetchall()
        )
        status = con.execute("select status from main.runs").fetchone()[0]
    # the folders on either side were read and loaded; the locked one is a row, the run goes on
    assert read == ["first.txt", "last.html"]
    assert [(uri.rsplit("/", 1)[-1], stage) for uri, stage, _ in rows] == [("locked", "read")]
    assert "cannot list the folder: Permission denied" in rows[0][2]
    assert status == "completed"


def test_every_bad_document_becomes_a_row_and_the_batch_loads(corpus: Path, tmp_path: Path) -> None:
    settings = Settings(warehouse=str(tmp_path / "bad.duckdb"), batch_size=100)
    files = list(iter_source_files([corpus]))
    (corpus / "vanishing.txt").unlink()  # listed, then gone before it is read

    chunk = read_warc(tmp_path / "cut.warc", max_bytes=settings.max_document_bytes)
    batch = process_documents([*files, *chunk.raws], settings)
    batch.errors.extend(chunk.errors)
    with open_warehouse(settings.warehouse) as con:
        start_run(con, "bad", [str(corpus)], settings.extractor_version)
        counts = settle(batch, settings, con, "bad").counts
        finish_run(con, "bad", "completed", len(files))

    with duckdb.connect(settings.warehouse, read_only=True) as con:
        rows = con.execute("select source_uri, stage, error from main.ingest_errors").fetchall()
        titles = {r[0] for r in con.execute("select title from main.articles").fetchall()}
        facts = {r[0] for r in con.execute("select text from main.facts").fetchall()}
        status = con.execute("select status from main.runs").fetchone()[0]

    by_name = {uri.rsplit("/", 1)[-1].split("#")[0]: (stage, error) for uri, stage, error in rows}
    for name, (_, stage, fragment) in bad_files().items():
        assert name in by_name, f"{name} left no ingest_errors row"
        assert by_name[name][0] == stage, (name, by_name[name])
        assert fragment in by_name[name][1], (name, by_name[name])
    assert by_name["vanishing.txt"] == ("read", by_name["vanishing.txt"][1])
    assert "vanished" in by_name["vanishing.txt"][1]
    assert by_name["cut.warc"][0] == "warc" and "truncated" in by_name["cut.warc"][1]
    assert len(rows) == len(bad_files()) + 2

    # the good documents, the readable part of the WARC, and the damaged-but-decodable text load
    assert status == "completed"
    assert {"Chip plant opens", "Grid upgrade", "Trung tâm dữ liệu mới"} <= titles
    assert {"5 exaflops", "$2 billion", "300 petaflops", "400 petaflops"} <= facts
    assert "500 billion yuan" in facts
    assert counts.articles == 5  # good.txt, good.html, unclosed.html, invalid_utf8.txt, WARC one


def write_good_files(folder: Path) -> None:
    """Enough good documents that the quality gate's ingest-error share (25%) is not crossed."""
    for i in range(30):
        (folder / f"ok_{i:02d}.txt").write_text(
            f"Site {i} opens\n\nThe operator said site {i} delivers {i + 1} petaflops.\n",
            encoding="utf-8",
        )


def errors_by_name(settings: Settings, column: str) -> dict[str, str]:
    """``{file name: stage or error}`` of the warehouse's ingest_errors rows."""
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        sql = f"select regexp_extract(source_uri, '[^/]+$'), {column} from main.ingest_errors"
        return dict(con.execute(sql).fetchall())


def count_rows(settings: Settings, relation: str) -> int:
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        return con.execute(f"select count(*) from {relation}").fetchone()[0]


@pytest.mark.slow
def test_the_flow_completes_over_a_bad_corpus(prefect_harness, corpus: Path, tmp_path) -> None:
    from flows.etl import etl

    (corpus / "vanishing.txt").unlink()
    write_good_files(corpus)
    settings = Settings(warehouse=str(tmp_path / "flow.duckdb"), batch_size=25)
    summary = etl([str(corpus)], settings)
    assert summary.status == "completed"
    stages = errors_by_name(settings, "stage")
    articles = count_rows(settings, "main.articles")
    assert stages == {name: stage for name, (_, stage, _) in bad_files().items()}
    assert articles == 4 + 30


@pytest.mark.slow
def test_the_flow_records_odd_entries_and_a_looping_path(prefect_harness, tmp_path) -> None:
    """A symlink loop on the command line and odd entries in a folder: rows, and the run goes on."""
    from flows.etl import etl

    folder = tmp_path / "odd"
    folder.mkdir()
    expected = odd_entries(folder)
    write_good_files(folder)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    settings = Settings(warehouse=str(tmp_path / "flow.duckdb"), batch_size=25)
    summary = etl([str(loop), str(folder)], settings)
    assert summary.status == "completed"
    errors = errors_by_name(settings, "error")
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        count_errors = con.execute("select count_errors from main.runs").fetchone()[0]
    articles = count_rows(settings, "main.articles")
    assert sorted(errors) == sorted([*expected, "loop"])
    assert "symlink loop" in errors["loop"]
    assert count_errors == len(errors)
    assert articles == 30 + 1  # the good files and sub/inner.txt


def test_a_batch_names_each_file_by_its_resolved_uri(tmp_path: Path, monkeypatch) -> None:
    """read_files resolves each folder once: the URIs are still ``Path.resolve().as_uri()``,
    through symlinked folders and files, for relative paths and names needing quoting."""
    real = tmp_path / "real dir"
    (real / "子目录").mkdir(parents=True)
    names = ["plain.txt", "with space.txt", "100% #1?.txt", "số liệu 数据.txt"]
    for name in names:
        (real / name).write_text(GOOD, encoding="utf-8")
        (real / "子目录" / name).write_text(GOOD + name, encoding="utf-8")
    (tmp_path / "linked").symlink_to(real)  # a symlinked folder
    (real / "link.txt").symlink_to(real / "子目录" / "plain.txt")  # a symlinked file
    monkeypatch.chdir(tmp_path)
    paths = [
        *(tmp_path / "linked" / name for name in names),
        *(Path("real dir") / "子目录" / name for name in names),  # relative
        Path("linked") / ".." / "real dir" / "plain.txt",
        real / "link.txt",
    ]
    raws, errors = read_files(paths, Settings())
    assert not errors
    assert [raw.source_uri for raw in raws] == [path.resolve().as_uri() for path in paths]
    assert raws[-1].source_uri.endswith("/%E5%AD%90%E7%9B%AE%E5%BD%95/plain.txt")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00" * 10 + b"text", "binary content: 10 NUL bytes in the first 14 bytes"),
        ("UTF-16 text".encode("utf-16-be") * 5, None),
        (bytes(range(1, 9)) * 10 + b"mostly text " * 20, "binary content: 25% control bytes"),
        (bytes(range(1, 9)) * 4 + b"mostly text " * 20, "binary content: 12% control bytes"),
        (bytes(range(1, 9)) * 2 + b"mostly text " * 20, None),  # 6%: under 10%
        (b"\x1b[0m escape and form feed \x0c " * 40, None),
        (b"", None),
    ],
)
def test_binary_reason_counts_nul_and_control_bytes(content: bytes, reason: str | None) -> None:
    assert binary_reason(content) == reason
