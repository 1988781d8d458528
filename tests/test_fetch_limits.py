"""Downloads that end: a total deadline against servers that trickle, and redirects that
cannot lead anywhere (loops, ``file://``) failing at once instead of being retried.

The servers are real, on loopback, in a thread: one trickles a byte at a time, well
inside any per-read timeout, so only a deadline on the whole download stops it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsfacts.fetch import Fetcher, FetchError
from newsfacts.sources import FetchPolicy

PAGE = b"<html><body><p>The cluster reaches 5 exaFLOPS.</p></body></html>"
REDIRECTS = {
    "/loop": "/loop",
    "/ping": "/pong",
    "/pong": "/ping",
    "/to-file": "file:///etc/passwd",
    "/hop": "/page",
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path not in ("/page", "/trickle"):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if self.path == "/page":
            self.send_header("Content-Length", str(len(PAGE)))
            self.end_headers()
            self.wfile.write(PAGE)
            return
        # /trickle: one byte every 0.2 s for a minute, each well inside the read timeout
        body = PAGE.ljust(300, b" ")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for i in range(len(body)):
                self.wfile.write(body[i : i + 1])
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass  # the client gave up: what a deadline is for

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def fetcher(timeout: int = 2) -> Fetcher:
    policy = FetchPolicy(
        delay_seconds=0.0, timeout_seconds=timeout, respect_robots=False, allow_private_hosts=True
    )
    return Fetcher(policy)


@pytest.mark.timeout(30)
def test_a_trickling_server_meets_the_total_deadline(base: str) -> None:
    """1 byte per 0.2 s for 300 bytes: on the old main the fetch took the whole minute."""
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetcher(timeout=2).fetch(base + "/trickle")
    elapsed = time.monotonic() - started
    assert elapsed < 5, elapsed
    assert "took longer than the 2-second deadline" in info.value.reason
    assert info.value.transient  # a slow server may be quicker on the retry


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/loop", "redirect loop"),
        ("/ping", "redirect loop"),
        ("/to-file", "redirect to a non-http(s) URL: file:///etc/passwd"),
    ],
)
def test_redirects_that_lead_nowhere_are_permanent(base: str, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetcher().fetch(base + path)
    assert reason in info.value.reason
    assert not info.value.transient


def test_too_many_redirects_are_permanent(base: str) -> None:
    policy = FetchPolicy(
        delay_seconds=0.0, max_redirects=0, respect_robots=False, allow_private_hosts=True
    )
    with pytest.raises(FetchError) as info:
        Fetcher(policy).fetch(base + "/hop")
    assert "more than 0 redirects" in info.value.reason
    assert not info.value.transient


def test_a_redirect_within_the_limit_is_followed(base: str) -> None:
    raw = fetcher().fetch(base + "/hop")
    assert raw.content == PAGE
    assert raw.source_uri == base + "/hop"
