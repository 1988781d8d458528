"""Polite fetching through trafilatura against a loopback news site."""

from __future__ import annotations

import pytest

from newsfacts.fetch import Fetcher, FetchError, HostThrottle
from newsfacts.sources import FetchPolicy
from tests.sitekit import ARTICLE_BODIES, PRIVATE_PATH, serve_site

# SSRF protection off: only this test module's policy, for the loopback server.
LOOPBACK = FetchPolicy(delay_seconds=0.0, timeout_seconds=5, allow_private_hosts=True)


@pytest.fixture(scope="module")
def site():
    with serve_site() as served:
        yield served


def test_ssrf_protection_is_on_by_default_and_blocks_loopback(site) -> None:
    base, requests = site
    before = len(requests)
    with pytest.raises(FetchError) as info:
        Fetcher(FetchPolicy(delay_seconds=0.0, respect_robots=False)).fetch(
            base + "/news/chip-sales.html"
        )
    assert "SSRF" in info.value.reason
    assert not info.value.transient
    assert len(requests) == before


def test_fetch_returns_the_page_bytes_as_a_raw_document(site) -> None:
    base, _ = site
    url = base + "/news/chip-sales.html"
    raw = Fetcher(LOOPBACK).fetch(url)
    assert raw.source_uri == url
    assert raw.media_type == "text/html"
    assert b"Lumen Silicon" in raw.content
    assert len(raw.content_hash) == 64


def test_robots_txt_disallow_is_respected_without_a_request(site) -> None:
    base, requests = site
    fetcher = Fetcher(LOOPBACK)
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.fetch(base + PRIVATE_PATH)
    assert PRIVATE_PATH not in requests
    assert fetcher.is_allowed(base + "/news/chip-sales.html")


def test_http_errors_and_limits_are_clear(site) -> None:
    base, _ = site
    with pytest.raises(FetchError, match="HTTP 404") as info:
        Fetcher(LOOPBACK).fetch(base + "/news/missing.html")
    assert not info.value.transient
    small = FetchPolicy(delay_seconds=0.0, max_bytes=200, allow_private_hosts=True)
    with pytest.raises(FetchError, match="200-byte limit"):
        Fetcher(small).fetch(base + "/news/chip-sales.html")
    with pytest.raises(FetchError, match="content type"):
        Fetcher(LOOPBACK).fetch(base + "/sitemap.xml")


def test_unreachable_host_is_transient() -> None:
    with pytest.raises(FetchError) as info:
        Fetcher(LOOPBACK).fetch("http://127.0.0.1:9/news.html")
    assert info.value.transient


def test_feed_discovery_from_the_homepage(site) -> None:
    base, _ = site
    urls = Fetcher(LOOPBACK).feed_urls(base + "/")
    assert sorted(urls) == sorted(base + p for p in [*ARTICLE_BODIES, PRIVATE_PATH])
    assert Fetcher(LOOPBACK).feed_urls(base + "/feed.xml", max_urls=2) == urls[:2]


def test_sitemap_discovery_through_robots_txt(site) -> None:
    base, _ = site
    urls = Fetcher(LOOPBACK).sitemap_urls(base + "/")
    assert sorted(urls) == sorted(base + p for p in [*ARTICLE_BODIES, PRIVATE_PATH])


def test_throttle_spaces_requests_per_host() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    assert throttle.wait("https://a.example/1") == 0
    assert throttle.wait("https://b.example/1") == 0
    assert throttle.wait("https://a.example/2") == 2.0
    now[0] += 5
    assert throttle.wait("https://A.example/3") == 0
    assert slept == [2.0]


def test_feed_and_sitemap_parsers_cover_atom_rdf_and_indexes() -> None:
    from newsfacts.fetch import feed_links, feeds_announced, same_site, sitemap_links

    atom = (
        "<feed xmlns='http://www.w3.org/2005/Atom'><entry>"
        "<link rel='self' href='/self'/><link href='/a.html'/></entry>"
        "<entry><link rel='alternate' href='https://x.example/b.html'/></entry></feed>"
    )
    assert feed_links(atom, "https://x.example/feed") == [
        "https://x.example/a.html",
        "https://x.example/b.html",
    ]
    rdf = (
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#' "
        "xmlns='http://purl.org/rss/1.0/'><item rdf:about='https://x.example/c'/></rdf:RDF>"
    )
    assert feed_links(rdf, "https://x.example/") == ["https://x.example/c"]
    assert feed_links("<html><body>hi</body></html>", "https://x.example/") is None
    html = "<link rel='alternate' type='application/atom+xml' href='/atom.xml'>"
    assert feeds_announced(html, "https://x.example/") == ["https://x.example/atom.xml"]
    index = (
        "<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        "<sitemap><loc>https://x.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert sitemap_links(index) == ([], ["https://x.example/s1.xml"])
    assert sitemap_links("https://x.example/a\nnot a url\n") == (["https://x.example/a"], [])
    assert same_site(
        ["https://www.x.example/1", "https://y.example/2", "ftp://x.example/3"],
        "https://x.example/",
    ) == ["https://www.x.example/1"]
