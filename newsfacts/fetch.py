"""Fetching news over the network through trafilatura, politely.

Kept apart from reading and extraction so those stay testable offline. A
``Fetcher`` holds one run's politeness state: a trafilatura connection pool
(``create_pool``: its SSRF protection vets the address of every hop, and its
proxy setting applies) used as the ``FetchPolicy`` says (a total deadline per
download, size limit, user agent, redirects followed by hand so loops and
non-http(s) targets fail for good), a per-host throttle and a robots.txt cache.
It never retries by itself: a ``FetchError``
says whether the failure is ``transient`` and the orchestrator decides (the
Prefect download task is the only retrying network task).

Discovery (RSS/Atom feeds, feeds announced on a homepage, sitemaps and sitemap
indexes, sitemaps declared in robots.txt) fetches through the same client, so
it is throttled and robots-aware too. Its parsers are small and stdlib-only
because trafilatura's own helpers (``find_feed_urls``, ``sitemap_search``) drop
every link whose host courlan cannot parse: IP addresses and intranet names.
"""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser
from xml.etree import ElementTree

import certifi
from trafilatura.downloads import DEFAULT_HEADERS, create_pool

from newsfacts.ids import sha256_hex
from newsfacts.model import RawDocument
from newsfacts.sources import FetchPolicy

TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504, 509, 520, 521, 522, 523, 524})
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class FetchError(Exception):
    """A URL that could not be fetched; ``transient`` failures are worth retrying, and
    ``by_policy`` ones (robots.txt said no) were never attempted: not a failure of the source."""

    def __init__(
        self, url: str, reason: str, transient: bool = False, by_policy: bool = False
    ) -> None:
        super().__init__(f"{reason} ({url})")
        self.url = url
        self.reason = reason
        self.transient = transient
        self.by_policy = by_policy


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class HostThrottle:
    """At least ``delay`` seconds between two requests to the same host (thread-safe)."""

    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> float:
        """Block until ``url``'s host may be contacted; returns the seconds waited."""
        host = host_of(url)
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay
        waited = start - now
        if waited > 0:
            self._sleep(waited)
        return waited


class Fetcher:
    """One run's polite HTTP client: throttled, robots-aware, size- and time-limited."""

    def __init__(self, policy: FetchPolicy, throttle: HostThrottle | None = None) -> None:
        self.policy = policy
        self._pool = create_pool(
            ssrf_protection=not policy.allow_private_hosts,
            ca_certs=certifi.where(),
            cert_reqs="CERT_REQUIRED",
        )
        self._headers = {**DEFAULT_HEADERS, "User-Agent": policy.user_agent}
        self.throttle = throttle or HostThrottle(policy.delay_seconds)
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    # ------------------------------------------------------------ raw requests

    def _get(self, url: str) -> tuple[int, bytes, str, str]:
        """(status, body, content type, final URL); raises ``FetchError`` if no answer.

        The whole download, redirects included, has ``timeout_seconds``: a server that
        trickles a byte at a time never holds a fetch longer (a per-read timeout would
        let it). Redirects are followed here, at most ``max_redirects``, to http(s)
        URLs only; a loop, a redirect elsewhere or one too many fails for good.
        """
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError(url, "not an http(s) URL")
        self.throttle.wait(url)
        deadline = time.monotonic() + self.policy.timeout_seconds
        seen = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            status, body, headers = self._request(url, current, deadline)
            location = headers.get("location") if 300 <= status < 400 else None
            if not location:
                return status, body, headers.get("content-type", ""), current
            target = urljoin(current, location.strip())
            if urlsplit(target).scheme not in ("http", "https"):
                raise FetchError(url, f"redirect to a non-http(s) URL: {target}")
            if target in seen:
                raise FetchError(url, f"redirect loop: {current} leads back to {target}")
            seen.add(target)
            current = target
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects")

    def _request(
        self, url: str, current: str, deadline: float
    ) -> tuple[int, bytes, dict[str, str]]:
        """One GET of ``current`` (no redirects followed), its body read by ``deadline``."""
        import urllib3

        def remaining() -> float:
            left = deadline - time.monotonic()
            if left <= 0:
                raise FetchError(
                    url,
                    f"download took longer than the {self.policy.timeout_seconds}-second deadline",
                    transient=True,
                )
            return left

        try:
            response = self._pool.request(
                "GET",
                current,
                headers=self._headers,
                retries=False,
                redirect=False,
                timeout=urllib3.Timeout(total=remaining()),
                preload_content=False,
            )
        except urllib3.exceptions.HTTPError as exc:
            cause = str(exc)
            if "SSRF" in cause:
                raise FetchError(
                    url, "blocked by SSRF protection (private or loopback address)"
                ) from exc
            raise FetchError(url, f"no response: {cause}", transient=True) from exc
        try:
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining()
                try:
                    chunk = response.read1(2**16)  # what one read gives: never waits to fill
                except urllib3.exceptions.HTTPError as exc:
                    raise FetchError(url, f"no response: {exc}", transient=True) from exc
                if not chunk:
                    break
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(
                        url, f"response exceeds the {self.policy.max_bytes}-byte limit"
                    )
                chunks.append(chunk)
        finally:
            response.release_conn()
        headers = {k.lower(): v for k, v in response.headers.items()}
        return int(response.status), b"".join(chunks), headers

    # ------------------------------------------------------------ robots.txt

    def robots_for(self, url: str) -> RobotFileParser:
        """The parsed robots.txt of ``url``'s host, fetched once per run."""
        host = host_of(url)
        with self._lock:
            cached = self._robots.get(host)
        if cached is not None:
            return cached
        parser = RobotFileParser(f"{host}/robots.txt")
        # no answer at all raises (transient): the page fetch is retried, robots with it
        status, body, _, _ = self._get(f"{host}/robots.txt")
        if status in (401, 403) or status >= 500:
            parser.disallow_all = True  # unreachable or forbidden robots.txt: stay away
        elif status >= 400:
            parser.allow_all = True  # no robots.txt: everything is allowed
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
        parser.modified()
        with self._lock:
            self._robots[host] = parser
        return parser

    def is_allowed(self, url: str) -> bool:
        """Whether robots.txt lets our user agent fetch ``url`` (always, if not respected)."""
        if not self.policy.respect_robots:
            return True
        return self.robots_for(url).can_fetch(self.policy.user_agent, url)

    # ------------------------------------------------------------ documents

    def fetch(self, url: str) -> RawDocument:
        """The page at ``url`` as a ``RawDocument``; raises ``FetchError`` with a reason."""
        if not self.is_allowed(url):
            raise FetchError(url, "disallowed by robots.txt", by_policy=True)
        status, body, content_type, _ = self._get(url)
        if status != 200:
            raise FetchError(url, f"HTTP {status}", transient=status in TRANSIENT_STATUS)
        if len(body) >= self.policy.max_bytes:
            raise FetchError(url, f"response exceeds the {self.policy.max_bytes}-byte limit")
        if not body.strip():
            raise FetchError(url, "empty response")
        media = content_type.split(";")[0].strip().lower()
        if media in HTML_TYPES or (not media and body.lstrip()[:1] == b"<"):
            media_type = "text/html"
        elif media in TEXT_TYPES:
            media_type = "text/plain"
        else:
            raise FetchError(url, f"not an article page (content type {media or 'unknown'})")
        return RawDocument(
            source_uri=url,
            content=body,
            media_type=media_type,
            content_hash=sha256_hex(body),
            fetched_at=datetime.now(UTC),
        )

    # ------------------------------------------------------------ discovery

    def _text(self, url: str) -> str:
        """A discovery resource (feed, sitemap, homepage) as text, robots and throttle applied."""
        if not self.is_allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        status, body, _, _ = self._get(url)
        if status != 200:
            raise FetchError(url, f"HTTP {status}", transient=status in TRANSIENT_STATUS)
        if body[:2] == b"\x1f\x8b":
            body = _gunzip(body, self.policy.max_bytes)
        return body.decode("utf-8", errors="replace")

    def feed_urls(self, url: str, max_urls: int | None = None) -> list[str]:
        """Article URLs from the RSS/Atom feed at ``url``, or from feeds that page links to."""
        text = self._text(url)
        links = feed_links(text, url)
        if links is None:  # not a feed: a web page announcing its feeds
            links = []
            for feed in feeds_announced(text, url)[:MAX_FEEDS]:
                links.extend(feed_links(self._text(feed), feed) or [])
        return _limit(same_site(links, url), max_urls)

    def sitemap_urls(self, url: str, max_urls: int | None = None) -> list[str]:
        """Article URLs from the sitemap at ``url``, or from sitemaps the site's robots.txt
        declares (else ``/sitemap.xml``); sitemap indexes are followed."""
        parts = urlsplit(url)
        if parts.path.endswith((".xml", ".xml.gz", ".txt")) or "sitemap" in parts.path:
            queue = [url]
        else:
            queue = list(self.robots_for(url).site_maps() or [host_of(url) + "/sitemap.xml"])
        pages: list[str] = []
        seen: set[str] = set()
        while queue and len(seen) < MAX_SITEMAPS:
            current = queue.pop(0)
            if current in seen:
                continue
            seen.add(current)
            found_pages, nested = sitemap_links(self._text(current))
            pages.extend(found_pages)
            queue.extend(same_site(nested, url))
            if max_urls is not None and len(set(pages)) >= max_urls:
                break
        return _limit(same_site(pages, url), max_urls)


# ---------------------------------------------------------------- discovery parsing
# trafilatura's own feed/sitemap helpers validate links with courlan, which rejects
# IP-address and intranet hosts; these stdlib parsers accept any http(s) host.

MAX_FEEDS = 3
MAX_SITEMAPS = 50
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _parse_xml(text: str) -> ElementTree.Element | None:
    try:
        return ElementTree.fromstring(text.strip().encode("utf-8"))
    except ElementTree.ParseError:
        return None


def feed_links(text: str, base: str) -> list[str] | None:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed; ``None`` if it is not a feed."""
    root = _parse_xml(text)
    if root is None or _local(root.tag) not in ("rss", "feed", "rdf"):
        return None
    links: list[str] = []
    for item in root.iter():
        name = _local(item.tag)
        if name == "item":
            link = next((c.text for c in item if _local(c.tag) == "link" and c.text), None)
            about = next((v for k, v in item.attrib.items() if _local(k) == "about"), None)
            if link or about:
                links.append(urljoin(base, (link or about or "").strip()))
        elif name == "entry":
            hrefs = [
                c.attrib["href"]
                for c in item
                if _local(c.tag) == "link"
                and "href" in c.attrib
                and c.attrib.get("rel", "alternate") == "alternate"
            ]
            if hrefs:
                links.append(urljoin(base, hrefs[0].strip()))
    return links


class _FeedLinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        rel = values.get("rel", "").lower().split()
        is_feed = values.get("type", "").lower() in FEED_TYPES
        if tag == "link" and "alternate" in rel and is_feed and values.get("href"):
            self.hrefs.append(values["href"])


def feeds_announced(html: str, base: str) -> list[str]:
    """Feed URLs a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    parser = _FeedLinkParser()
    parser.feed(html)
    return list(dict.fromkeys(urljoin(base, h.strip()) for h in parser.hrefs))


def sitemap_links(text: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap, sitemap index or plain-text sitemap."""
    root = _parse_xml(text)
    if root is None:
        lines = [line.strip() for line in text.splitlines()]
        return [u for u in lines if u.startswith(("http://", "https://"))], []
    kind = _local(root.tag)
    locs = [
        (loc.text or "").strip()
        for entry in root
        for loc in entry
        if _local(loc.tag) == "loc" and (loc.text or "").strip()
    ]
    if kind == "sitemapindex":
        return [], locs
    if kind == "urlset":
        return locs, []
    return [], []


def same_site(urls: list[str], origin: str) -> list[str]:
    """The http(s) URLs on ``origin``'s host (``www.`` ignored): no wandering off-site."""

    def host(u: str) -> str:
        return (urlsplit(u).hostname or "").removeprefix("www.")

    wanted = host(origin)
    return [u for u in urls if urlsplit(u).scheme in ("http", "https") and host(u) == wanted]


def _gunzip(body: bytes, max_bytes: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"compressed sitemap expands beyond {max_bytes} bytes")
    return data


def _limit(urls: list[str], max_urls: int | None) -> list[str]:
    unique = list(dict.fromkeys(urls))
    return unique if max_urls is None else unique[:max_urls]
