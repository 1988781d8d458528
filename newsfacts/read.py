"""Reading raw documents from disk: the bytes of each file, untouched, or why not.

Decoding, repair and the main text of HTML (``newsfacts.normalise.html``) belong
to ``newsfacts.normalise``; network fetching lives apart in ``newsfacts.fetch``,
so normalisation stays testable offline.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote_from_bytes

from newsfacts.ids import sha256_hex
from newsfacts.model import RawDocument

TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain"}
HTML_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html"}
MEDIA_TYPES = {**TEXT_SUFFIXES, **HTML_SUFFIXES}


class ReadError(Exception):
    """A document that cannot be read; the batch records it and goes on."""


def entry_uri(path: Path) -> str:
    """``file://`` URI of ``path`` itself: its folders resolved, not a symlink it may be.

    A symlink loop cannot be resolved, and a dangling or looping link is best named
    where it stands, not by the target it fails to reach.
    """
    absolute = path.absolute()
    try:
        return (absolute.parent.resolve() / absolute.name).as_uri()
    except (OSError, RuntimeError):
        return absolute.as_uri()


def _walk(folder: Path) -> Iterator[Path]:
    """Article files under ``folder`` in path order, and every entry that cannot be walked.

    Those (a folder that cannot be listed, a symlink loop or a dangling symlink, a FIFO,
    socket or device, a symlink to a folder, which is not followed) are yielded too, so
    that ``read_file`` refuses each with its reason and the batch records a row: no entry
    is skipped without a trace. Files of other suffixes are not articles and are passed over.
    """
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        yield folder
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = os.stat(entry.path).st_mode  # through a symlink
            is_link = entry.is_symlink()
        except OSError:  # a symlink loop, a dangling symlink, an entry gone meanwhile
            yield path
            continue
        if stat.S_ISDIR(mode) and not is_link:
            yield from _walk(path)
        elif stat.S_ISDIR(mode) or not stat.S_ISREG(mode) or path.suffix.lower() in MEDIA_TYPES:
            yield path


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Every article file under ``paths`` (files or folders), sorted, and what cannot be read.

    A path that is not a folder is yielded as it is; inside a folder, every entry that
    cannot be walked is yielded too (see ``_walk``): ``read_file`` turns each into a
    ``ReadError`` with its reason. Symlinks to files are followed, symlinks to folders not.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return kind
    return "a special file"


def _directory_reason(path: Path) -> str:
    """Why a folder met as a document cannot be read as one."""
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if Path(os.path.realpath(path.parent)).is_relative_to(target):
            return f"symlink loop: a link to {target}, a folder holding it"
        return f"symlink to the folder {target}: not followed (list it as a source to read it)"
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        return f"cannot list the folder: {exc.strerror or type(exc).__name__}"
    return "path is a directory"


def _stat_reason(path: Path, exc: OSError) -> str:
    """Why ``path`` could not be stat-ed: a symlink loop, a dangling symlink, or gone."""
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link never reaches a file"
    if path.is_symlink():
        return f"dangling symlink to {os.readlink(path)}: its target does not exist"
    if isinstance(exc, FileNotFoundError):
        return f"file vanished before it could be read: {exc.filename}"
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename}"
    return f"cannot read the file: {type(exc).__name__}: {exc}"


def media_type_for(path: Path, content: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in MEDIA_TYPES:
        return MEDIA_TYPES[suffix]
    head = content[:512].lstrip().lower()
    return "text/html" if head.startswith((b"<!doctype html", b"<html")) else "text/plain"


# Signatures of common binary formats that sometimes arrive with a text suffix.
BINARY_SIGNATURES: dict[bytes, str] = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or docx/xlsx)",
    b"\x1f\x8b": "gzip-compressed data",
    b"\xfd7zXZ\x00": "xz-compressed data",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"\x7fELF": "an ELF executable",
    b"SQLite format 3\x00": "an SQLite database",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an OLE document (doc/xls)",
}
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# C0 controls other than tab, line feed, vertical tab, form feed, carriage return and escape
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 27), *range(28, 32)])
BINARY_SAMPLE_BYTES = 65536
MAX_CONTROL_SHARE = 0.10


def _looks_utf16(sample: bytes) -> bool:
    """Every other byte mostly NUL: UTF-16 text without a byte order mark."""
    half = len(sample) // 2
    if half < 2:
        return False
    even, odd = sample[0 : 2 * half : 2], sample[1 : 2 * half : 2]
    return (odd.count(0) > 0.4 * half and even.count(0) < 0.1 * half) or (
        even.count(0) > 0.4 * half and odd.count(0) < 0.1 * half
    )


def binary_reason(content: bytes) -> str | None:
    """Why ``content`` is not text (a known signature, NUL or control bytes), or None."""
    for signature, what in BINARY_SIGNATURES.items():
        if content.startswith(signature):
            return f"binary content: {what}"
    sample = content[:BINARY_SAMPLE_BYTES]
    has_nul = b"\x00" in sample  # UTF-16 without a mark has them in every other byte
    if sample.startswith(_TEXT_BOMS) or (has_nul and _looks_utf16(sample)):
        return None
    if has_nul:
        return f"binary content: {sample.count(0)} NUL bytes in the first {len(sample)} bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # one pass
    if sample and controls > MAX_CONTROL_SHARE * len(sample):
        return f"binary content: {controls / len(sample):.0%} control bytes"
    return None


def _source_uri(path: Path, is_link: bool, folders: dict[Path, str] | None) -> str:
    """``path.resolve().as_uri()``; with ``folders``, each folder is resolved once.

    A file that is not a symlink resolves to its resolved folder and its own name, so
    ``folders`` (a batch's: folder as given -> its resolved URI, ending in ``/``) saves
    the system call per folder level that ``Path.resolve`` makes for every file.
    """
    if folders is None or is_link:
        return path.resolve().as_uri()
    folder = folders.get(path.parent)
    if folder is None:
        folder = path.parent.resolve().as_uri()
        folder = folders[path.parent] = folder if folder.endswith("/") else folder + "/"
    return folder + quote_from_bytes(os.fsencode(path.name))  # as Path.as_uri quotes


def read_file(
    path: Path, max_bytes: int | None = None, folders: dict[Path, str] | None = None
) -> RawDocument:
    """The file's bytes as a ``RawDocument``; raises ``ReadError`` with a reason.

    ``folders``: a cache of resolved folders for ``source_uri`` that the caller keeps
    for a batch of files (see ``_source_uri``).
    """
    try:
        info = os.lstat(path)
        is_link = stat.S_ISLNK(info.st_mode)
        if is_link:
            info = path.stat()  # through the symlink
    except OSError as exc:
        raise ReadError(_stat_reason(path, exc)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(_directory_reason(path))
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"not a regular file: {_file_kind(info.st_mode)}")
    size = info.st_size
    if max_bytes is not None and size > max_bytes:
        raise ReadError(f"file is {size} bytes, over the {max_bytes}-byte limit")
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(f"file vanished before it could be read: {exc.filename}") from exc
    except IsADirectoryError as exc:
        raise ReadError("path is a directory") from exc
    except PermissionError as exc:
        raise ReadError(f"permission denied: {exc.filename}") from exc
    except OSError as exc:
        raise ReadError(f"cannot read the file: {type(exc).__name__}: {exc}") from exc
    if max_bytes is not None and len(content) > max_bytes:  # it grew after stat
        raise ReadError(f"file is {len(content)} bytes, over the {max_bytes}-byte limit")
    if not content.strip():
        raise ReadError("file is empty")
    if (reason := binary_reason(content)) is not None:
        raise ReadError(reason)
    return RawDocument(
        source_uri=_source_uri(path, is_link, folders),
        content=content,
        media_type=media_type_for(path, content),
        content_hash=sha256_hex(content),
        fetched_at=datetime.now(UTC),
    )
