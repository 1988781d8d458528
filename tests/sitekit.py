"""A small synthetic news site for fetch, WARC and flow tests (invented text, no seeds).

``ARTICLES`` maps a path to an article page; the site also has an index, an RSS
feed, a sitemap and a robots.txt that disallows ``/private/``.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ARTICLE_BODIES: dict[str, tuple[str, str]] = {
    "/news/cluster-expansion.html": (
        "Harbor Compute doubles its training cluster",
        "Harbor Compute said on Monday it would spend $2.5 billion on a new training "
        "cluster rated at 40 exaflops. The company expects utilisation to rise by 12% "
        "over the next year as customers move inference workloads onto the new halls.",
    ),
    "/news/chip-sales.html": (
        "Quarterly accelerator revenue climbs",
        "Accelerator revenue at Lumen Silicon rose 35% to €1.2 billion in the quarter, "
        "the firm reported, while its gross margin slipped 3 percentage points as "
        "packaging costs climbed for the third quarter in a row.",
    ),
    "/news/power-deal.html": (
        "Data center operator signs long power contract",
        "Northgate Data Centers signed a ¥30 billion power purchase agreement to supply "
        "its campus, which will host systems delivering 5 petaflops of compute for "
        "research groups. Officials said the deal cuts energy costs by about 8%.",
    ),
}
PRIVATE_PATH = "/private/draft.html"
# drops the connection on its first request, answers afterwards: a transient failure
FLAKY_PATH = "/news/flaky.html"
FLAKY_BODY = (
    "Grid upgrade lets campus add capacity",
    "The utility approved a $400 million grid upgrade, letting the campus add 20% more "
    "accelerator capacity next year, according to the filing.",
)


def article_html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{s.strip()}.</p>" for s in body.split(". ") if s.strip())
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='author' content='Staff Writer'>"
        "<meta property='article:published_time' content='2025-11-03'></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}"
        "</article><footer>Example News</footer></body></html>"
    )


def site_pages(base: str) -> dict[str, tuple[str, bytes]]:
    """Path → (content type, body) for the whole site served at ``base``."""
    pages: dict[str, tuple[str, bytes]] = {}
    for path, (title, body) in ARTICLE_BODIES.items():
        pages[path] = ("text/html; charset=utf-8", article_html(title, body).encode())
    pages[FLAKY_PATH] = ("text/html; charset=utf-8", article_html(*FLAKY_BODY).encode())
    pages[PRIVATE_PATH] = (
        "text/html; charset=utf-8",
        article_html("Unpublished draft", "A draft that costs $9 billion. " * 5).encode(),
    )
    links = "".join(f"<li><a href='{p}'>{t}</a></li>" for p, (t, _) in ARTICLE_BODIES.items())
    pages["/"] = (
        "text/html; charset=utf-8",
        (
            "<!doctype html><html><head><title>Example News</title>"
            f"<link rel='alternate' type='application/rss+xml' href='{base}/feed.xml'>"
            f"</head><body><ul>{links}</ul></body></html>"
        ).encode(),
    )
    items = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link></item>"
        for p, (t, _) in ARTICLE_BODIES.items()
    )
    pages["/feed.xml"] = (
        "application/rss+xml",
        (
            "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel>"
            f"<title>Example News</title><link>{base}/</link>{items}"
            f"<item><title>Draft</title><link>{base}{PRIVATE_PATH}</link></item>"
            "</channel></rss>"
        ).encode(),
    )
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in [*ARTICLE_BODIES, PRIVATE_PATH])
    pages["/sitemap.xml"] = (
        "application/xml",
        (
            "<?xml version='1.0' encoding='UTF-8'?>"
            f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
        ).encode(),
    )
    pages["/robots.txt"] = (
        "text/plain",
        f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap.xml\n".encode(),
    )
    return pages


@contextmanager
def serve_site() -> Iterator[tuple[str, list[str]]]:
    """Serve the site on a free loopback port; yields (base URL, request log)."""
    requests: list[str] = []
    pages: dict[str, tuple[str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            if self.path == FLAKY_PATH and requests.count(FLAKY_PATH) == 1:
                self.close_connection = True  # no answer at all: the client sees a reset
                return
            found = pages.get(self.path.split("?")[0])
            if found is None:
                self.send_response(404)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"not found")
                return
            content_type, body = found
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self) -> None:
            requests.append(f"HEAD {self.path}")
            found = pages.get(self.path.split("?")[0])
            self.send_response(200 if found else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages.update(site_pages(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base, requests
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def baseline_run() -> tuple[Path, str]:
    """(corpus folder, warehouse) of one default-runner run over three sample articles.

    Shared by the Dask and DuckLake tests, which compare their fact rows with it;
    call it only from a test that uses the ``prefect_harness`` fixture.
    """
    from flows.etl import etl
    from newsfacts.settings import Settings
    from tests.conftest import SAMPLES

    root = Path(tempfile.mkdtemp(prefix="newsfacts-baseline-"))
    corpus = root / "corpus"
    corpus.mkdir()
    for f in sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))[:3]:
        shutil.copy(f, corpus / f.name)
    settings = Settings(warehouse=str(root / "default.duckdb"), batch_size=1, publish_path="")
    summary = etl([str(corpus)], settings)
    assert summary.status == "completed" and summary.counts.facts > 0
    return corpus, settings.warehouse
