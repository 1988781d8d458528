"""Parsing the sources file into typed specs: every mistake is a clear error."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.sources import (
    FeedSource,
    FetchPolicy,
    FolderSource,
    SitemapSource,
    SourcesError,
    UrlListSource,
    WarcSource,
    load_sources,
    parse_source,
    parse_sources,
    sources_for_paths,
)
from tests.conftest import REPO


def test_example_sources_file_points_at_the_bundled_samples() -> None:
    parsed = load_sources(REPO / "newsfacts.toml")
    assert parsed.sources == (FolderSource(REPO / "samples" / "articles", "samples"),)
    assert parsed.fetch.respect_robots is True
    assert parsed.fetch.allow_private_hosts is False
    assert parsed.describe() == [f"samples: {REPO / 'samples' / 'articles'}"]


def test_every_source_type_parses_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text(
        "# watched pages\nhttps://a.example/1.html\n\nhttps://a.example/2.html  # second\n"
        "https://a.example/1.html\n",
        encoding="utf-8",
    )
    (tmp_path / "crawl").mkdir()
    for name in ("b.warc.gz", "a.warc.gz", "notes.txt"):
        (tmp_path / "crawl" / name).write_bytes(b"")
    text = """
    [fetch]
    delay_seconds = 2
    user_agent = "tester/1"

    [[sources]]
    type = "folder"
    path = "articles"

    [[sources]]
    type = "urls"
    urls = ["https://a.example/0.html"]
    file = "urls.txt"

    [[sources]]
    type = "feed"
    url = "https://a.example/feed.xml"
    max_urls = 5

    [[sources]]
    type = "sitemap"
    name = "a-sitemap"
    url = "https://a.example/"

    [[sources]]
    type = "warc"
    paths = ["crawl/*.warc.gz", "/abs/one.warc"]
    """
    parsed = parse_sources(text, tmp_path)
    assert parsed.sources == (
        FolderSource(tmp_path / "articles"),
        UrlListSource(
            ("https://a.example/0.html", "https://a.example/1.html", "https://a.example/2.html")
        ),
        FeedSource("https://a.example/feed.xml", 5),
        SitemapSource("https://a.example/", None, "a-sitemap"),
        WarcSource(
            (
                tmp_path / "crawl" / "a.warc.gz",
                tmp_path / "crawl" / "b.warc.gz",
                Path("/abs/one.warc"),
            )
        ),
    )
    assert parsed.fetch == FetchPolicy(delay_seconds=2.0, user_agent="tester/1")
    assert parsed.describe()[3] == "a-sitemap: https://a.example/"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no sources"),
        ("[[sources]]\ntype = 'ftp'\n", "type must be one of"),
        ("[[sources]]\ntype = 'folder'\n", "needs path"),
        ("[[sources]]\ntype = 'folder'\npath = 'x'\nurl = 'y'\n", "unknown keys ['url']"),
        ("[[sources]]\ntype = 'feed'\nurl = 'file:///etc/passwd'\n", "not an http(s) URL"),
        ("[[sources]]\ntype = 'feed'\nurl = 'https://a.b/'\nmax_urls = 0\n", "positive integer"),
        ("[[sources]]\ntype = 'urls'\n", "needs urls"),
        ("[[sources]]\ntype = 'urls'\nfile = 'missing.txt'\n", "cannot read url file"),
        ("[[sources]]\ntype = 'warc'\n", "needs path"),
        ("[fetch]\nspeed = 3\n[[sources]]\ntype = 'folder'\npath = 'x'\n", "unknown key 'speed'"),
        ("[fetch]\ntimeout_seconds = 'x'\n[[sources]]\ntype='folder'\npath='x'\n", "expected int"),
        ("[fetch]\nallow_private_hosts = true\n[[sources]]\ntype='folder'\npath='x'\n", "SSRF"),
        ("[[sources]\n", "not valid TOML"),
        ("[[source]]\ntype = 'folder'\n", "unknown top-level keys"),
    ],
)
def test_mistakes_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourcesError) as info:
        parse_sources(text, tmp_path)
    assert message in str(info.value)


def test_second_source_error_names_its_position(tmp_path: Path) -> None:
    text = "[[sources]]\ntype='folder'\npath='x'\n[[sources]]\ntype='sitemap'\n"
    with pytest.raises(SourcesError, match=r"sources\[1\]"):
        parse_sources(text, tmp_path)


def test_missing_sources_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="cannot read sources file"):
        load_sources(tmp_path / "nope.toml")


def test_plain_paths_become_folder_and_warc_sources() -> None:
    parsed = sources_for_paths([Path("articles"), Path("x/CC-NEWS-1.warc.gz"), Path("a.txt")])
    assert parsed.sources == (
        FolderSource(Path("articles")),
        WarcSource((Path("x/CC-NEWS-1.warc.gz"),)),
        FolderSource(Path("a.txt")),
    )


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_is_a_sources_error(text: str) -> None:
    with contextlib.suppress(SourcesError):
        parse_sources(text, Path("/nonexistent"))


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["type", "path", "paths", "url", "urls", "file", "max_urls", "name"]),
        st.one_of(
            st.text(max_size=20), st.integers(), st.booleans(), st.lists(st.text(max_size=5))
        ),
    )
)
def test_any_source_table_parses_or_is_a_sources_error(entry: dict) -> None:
    with contextlib.suppress(SourcesError):
        parse_source(entry, Path("/nonexistent"), 0)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_discovery_parsers_never_raise(text: str) -> None:
    from newsfacts.fetch import feed_links, feeds_announced, sitemap_links

    links = feed_links(text, "https://x.example/")
    assert links is None or all(isinstance(u, str) for u in links)
    feeds_announced(text, "https://x.example/")
    pages, nested = sitemap_links(text)
    assert all(isinstance(u, str) and u for u in [*pages, *nested])
