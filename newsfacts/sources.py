"""The sources file (``newsfacts.toml``): what a run reads, parsed into typed specs.

Parsing reads only the sources file and what it names on disk (a ``file`` of
URLs, the WARC globs), never the network or the warehouse. Relative paths are
resolved against the folder holding the sources file, so a sources file can be
committed beside the data it points at. Example::

    [fetch]
    user_agent = "newsfacts/0.1 (+https://example.org/newsfacts)"
    delay_seconds = 1.0          # per host, between requests
    timeout_seconds = 30
    max_bytes = 20_000_000
    respect_robots = true
    retries = 2                  # the download task retries timeouts and 429/5xx answers

    [[sources]]
    type = "folder"
    path = "samples/articles"

    [[sources]]
    type = "urls"
    urls = ["https://example.org/news/1.html"]
    # or: file = "urls.txt"   (one URL a line, # comments)

    [[sources]]
    type = "feed"                # RSS/Atom URL, or a homepage to discover feeds on
    url = "https://example.org/"
    max_urls = 50

    [[sources]]
    type = "sitemap"
    url = "https://example.org/" # sitemap.xml URL, or a homepage (robots.txt is read)

    [[sources]]
    type = "warc"
    paths = ["crawl/*.warc.gz"]  # CC-NEWS style WARC files, globs allowed

    [organisations]
    files = ["organisations.csv"]  # more names, the packaged csv's columns
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SOURCE_TYPES: tuple[str, ...] = ("folder", "urls", "feed", "sitemap", "warc")


class SourcesError(ValueError):
    """A sources file that cannot be used, with where and why."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how far the network sources are fetched.

    ``allow_private_hosts`` switches trafilatura's SSRF protection off; it is for
    intranet crawls and loopback tests only, never on by default and never set
    from a sources file (only ``Settings(allow_private_hosts=True)`` sets it).
    """

    user_agent: str = "newsfacts/0.1 (+https://github.com/newsfacts/newsfacts)"
    delay_seconds: float = 1.0
    timeout_seconds: int = 30
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 2
    respect_robots: bool = True
    allow_private_hosts: bool = False
    retries: int = 2
    retry_delay_seconds: float = 5.0


@dataclass(frozen=True, slots=True)
class FolderSource:
    """Article files (.txt, .html, ...) under a folder or a single file."""

    path: Path
    name: str = ""


@dataclass(frozen=True, slots=True)
class UrlListSource:
    """Article URLs given inline and/or in a text file, one a line."""

    urls: tuple[str, ...]
    name: str = ""


@dataclass(frozen=True, slots=True)
class FeedSource:
    """An RSS/Atom feed, or a page whose announced feeds are read (``Fetcher.feed_urls``)."""

    url: str
    max_urls: int | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class SitemapSource:
    """A sitemap, or a site whose sitemaps robots.txt declares, else ``/sitemap.xml``
    (``Fetcher.sitemap_urls``)."""

    url: str
    max_urls: int | None = None
    name: str = ""


@dataclass(frozen=True, slots=True)
class WarcSource:
    """WARC files (CC-NEWS style); HTML responses become documents."""

    paths: tuple[Path, ...]
    name: str = ""


SourceSpec = FolderSource | UrlListSource | FeedSource | SitemapSource | WarcSource


@dataclass(frozen=True, slots=True)
class SourcesFile:
    """A parsed sources file."""

    sources: tuple[SourceSpec, ...]
    fetch: FetchPolicy = field(default_factory=FetchPolicy)
    path: Path | None = None
    # ``[organisations] files``: organisation files read after the packaged csv
    organisation_files: tuple[Path, ...] = ()

    def describe(self) -> list[str]:
        """One human-readable line per source, as recorded in ``runs.sources``."""
        return [describe_source(s) for s in self.sources]


SOURCE_LABELS: dict[type, str] = {
    FolderSource: "folder",
    UrlListSource: "urls",
    FeedSource: "feed",
    SitemapSource: "sitemap",
    WarcSource: "warc",
}


def describe_source(source: SourceSpec) -> str:
    """A short label for a source: its type (or name) and where it points."""
    match source:
        case FolderSource(path=path):
            where = str(path)
        case UrlListSource(urls=urls):
            where = f"{len(urls)} urls"
        case FeedSource(url=url) | SitemapSource(url=url):
            where = url
        case WarcSource(paths=paths):
            where = ", ".join(str(p) for p in paths)
    return f"{source.name or SOURCE_LABELS[type(source)]}: {where}"


def _check_url(url: object, where: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise SourcesError(f"{where}: url must be a non-empty string")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourcesError(f"{where}: {url!r} is not an http(s) URL")
    return url.strip()


def _positive_int(value: object, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise SourcesError(f"{where}: must be a positive integer, got {value!r}")
    return value


def read_utf8(path: Path) -> str:
    """A text file that must be UTF-8; a byte that is not says where, as a ``ValueError``."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(
            f"{path} is not UTF-8: byte 0x{data[exc.start]:02x} on line {line} (save it as UTF-8)"
        ) from None


def _read_url_file(path: Path, where: str) -> list[str]:
    try:
        lines = read_utf8(path).splitlines()
    except OSError as exc:
        raise SourcesError(f"{where}: cannot read url file {path}: {exc}") from exc
    except ValueError as exc:
        raise SourcesError(f"{where}: {exc}") from exc
    urls = [line.split("#", 1)[0].strip() for line in lines]
    return [_check_url(u, f"{where} ({path.name})") for u in urls if u]


def _expand_paths(patterns: list[str], base: Path) -> tuple[Path, ...]:
    found: list[Path] = []
    for pattern in patterns:
        path = Path(pattern)
        if not path.is_absolute():
            path = base / path
        if any(ch in pattern for ch in "*?["):
            anchor = Path(path.anchor)
            found.extend(sorted(anchor.glob(str(path.relative_to(anchor)))))
        else:
            found.append(path)
    return tuple(found)


def parse_source(entry: dict[str, Any], base: Path, index: int) -> SourceSpec:
    """One ``[[sources]]`` table as a typed spec; raises ``SourcesError`` with its position."""
    where = f"sources[{index}]"
    if not isinstance(entry, dict):
        raise SourcesError(f"{where}: must be a table")
    kind = entry.get("type")
    if kind not in SOURCE_TYPES:
        raise SourcesError(f"{where}: type must be one of {', '.join(SOURCE_TYPES)}, got {kind!r}")
    name = str(entry.get("name", ""))
    allowed = {"type", "name"} | {
        "folder": {"path"},
        "urls": {"urls", "file"},
        "feed": {"url", "max_urls"},
        "sitemap": {"url", "max_urls"},
        "warc": {"path", "paths"},
    }[kind]
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise SourcesError(f"{where} ({kind}): unknown keys {unknown}")
    if kind == "folder":
        if not isinstance(entry.get("path"), str):
            raise SourcesError(f'{where} (folder): needs path = "..."')
        path = Path(entry["path"])
        return FolderSource(path if path.is_absolute() else base / path, name)
    if kind == "urls":
        inline = entry.get("urls", [])
        if not isinstance(inline, list):
            raise SourcesError(f"{where} (urls): urls must be a list of strings")
        urls = [_check_url(u, where) for u in inline]
        if "file" in entry:
            file = Path(str(entry["file"]))
            urls.extend(_read_url_file(file if file.is_absolute() else base / file, where))
        if not urls:
            raise SourcesError(f'{where} (urls): needs urls = [...] or file = "..."')
        return UrlListSource(tuple(dict.fromkeys(urls)), name)
    if kind in ("feed", "sitemap"):
        url = _check_url(entry.get("url"), where)
        max_urls = _positive_int(entry.get("max_urls"), f"{where}.max_urls")
        cls = FeedSource if kind == "feed" else SitemapSource
        return cls(url, max_urls, name)
    patterns = entry.get("paths", [])
    if "path" in entry:
        patterns = [entry["path"], *patterns]
    if not patterns or not all(isinstance(p, str) for p in patterns):
        raise SourcesError(f'{where} (warc): needs path = "..." or paths = [...]')
    return WarcSource(_expand_paths(patterns, base), name)


def parse_fetch_policy(table: dict[str, Any]) -> FetchPolicy:
    """The ``[fetch]`` table; unknown keys and wrong types are errors."""
    defaults = FetchPolicy()
    fields = {f: type(getattr(defaults, f)) for f in FetchPolicy.__dataclass_fields__}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "allow_private_hosts":
            raise SourcesError(
                "fetch.allow_private_hosts cannot be set in a sources file: SSRF protection "
                "is switched off only through Settings(allow_private_hosts=True)"
            )
        if key not in fields:
            raise SourcesError(f"fetch: unknown key {key!r} (known: {', '.join(fields)})")
        expected = fields[key]
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise SourcesError(f"fetch.{key}: expected {expected.__name__}, got {value!r}")
        if expected in (int, float) and value < 0:
            raise SourcesError(f"fetch.{key}: must not be negative")
        values[key] = value
    return FetchPolicy(**values)


def parse_organisations(table: object, base: Path) -> tuple[Path, ...]:
    """The ``[organisations]`` table: ``files``, relative to ``base``; nothing else."""
    if not isinstance(table, dict):
        raise SourcesError("organisations must be a table")
    unknown = sorted(set(table) - {"files"})
    if unknown:
        raise SourcesError(f"organisations: unknown keys {unknown} (known: files)")
    files = table.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, str) and f for f in files):
        raise SourcesError('organisations.files must be a list of paths, e.g. ["orgs.csv"]')
    return tuple(Path(f) if Path(f).is_absolute() else base / f for f in files)


def parse_sources(text: str, base: Path, path: Path | None = None) -> SourcesFile:
    """A sources file's text as a ``SourcesFile``; ``base`` anchors relative paths."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path or 'sources file'} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"sources", "fetch", "organisations"})
    if unknown:
        raise SourcesError(
            f"unknown top-level keys {unknown} (expected [[sources]], [fetch], [organisations])"
        )
    entries = data.get("sources", [])
    if not isinstance(entries, list) or not entries:
        raise SourcesError("no sources: add at least one [[sources]] table")
    fetch = data.get("fetch", {})
    if not isinstance(fetch, dict):
        raise SourcesError("fetch must be a table")
    return SourcesFile(
        sources=tuple(parse_source(e, base, i) for i, e in enumerate(entries)),
        fetch=parse_fetch_policy(fetch),
        path=path,
        organisation_files=parse_organisations(data.get("organisations", {}), base),
    )


def load_sources(path: Path) -> SourcesFile:
    """Read and parse a sources file; paths in it are relative to its folder."""
    try:
        text = read_utf8(path)
    except OSError as exc:
        raise SourcesError(f"cannot read sources file {path}: {exc}") from exc
    except ValueError as exc:
        raise SourcesError(f"sources file {exc}") from exc
    return parse_sources(text, path.resolve().parent, path)


def sources_for_paths(paths: list[Path]) -> SourcesFile:
    """Plain file/folder arguments as a sources file (``.warc``, ``.warc.gz`` and
    ``.arc.gz`` files as WARC, anything else as a folder source)."""
    specs: list[SourceSpec] = []
    for path in paths:
        name = path.name.lower()
        if name.endswith((".warc", ".warc.gz", ".arc.gz")):
            specs.append(WarcSource((path,)))
        else:
            specs.append(FolderSource(path))
    return SourcesFile(tuple(specs))
