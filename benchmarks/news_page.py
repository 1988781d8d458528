"""A sample article page dressed as a news site serves it: the benchmark's HTML corpus.

The sample pages in ``samples/articles`` are 3–5 KB: an article with a small
header and footer. Pages as news sites serve them are 15–30 times larger: a
head with inline CSS, configuration scripts and JSON-LD, a menu of a hundred
links, a ticker, related stories, comments, a sidebar, ad slots, a long footer
and the page state serialised again for the scripts. Text extraction costs grow
with that chrome, while the work after extraction (facts, validation, loading)
depends only on the article. ``news_page`` adds such chrome, seeded and varied
per page, around the unchanged article, so that the facts are the sample's own.
"""

from __future__ import annotations

import json
import random
import re

_WORDS = (
    "chip",
    "data",
    "centre",
    "cloud",
    "compute",
    "model",
    "training",
    "inference",
    "startup",
    "funding",
    "round",
    "grid",
    "power",
    "cooling",
    "rack",
    "server",
    "GPU",
    "accelerator",
    "exascale",
    "sovereign",
    "policy",
    "export",
    "rules",
    "market",
    "share",
    "supply",
    "chain",
    "foundry",
    "memory",
    "bandwidth",
    "network",
    "fibre",
    "subsea",
    "cable",
    "region",
    "investment",
    "fund",
    "partnership",
    "contract",
    "tender",
    "capacity",
    "megawatt",
    "campus",
    "expansion",
    "regulator",
    "minister",
    "ministry",
    "budget",
    "earnings",
    "quarter",
    "revenue",
    "forecast",
    "analyst",
    "outlook",
)
_SECTIONS = ("World", "Business", "Tech", "Markets", "Policy", "Science", "Opinion", "Video")
_NAMES = ("Ana Ruiz", "Tran Minh", "Li Wei", "Sam Okafor", "Priya Nair", "Jonas Berg")


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize()


def _link_list(rng: random.Random, count: int, css_class: str, words: int = 5) -> str:
    items = "".join(
        f'<li><a href="/{rng.choice(_SECTIONS).lower()}/{rng.randrange(10**7)}">'
        f"{_sentence(rng, words)}</a></li>"
        for _ in range(count)
    )
    return f'<ul class="{css_class}">{items}</ul>'


def _head(rng: random.Random, i: int) -> str:
    css = "".join(
        f".c{n}-{rng.randrange(999)}{{margin:{n % 7}px {n % 3}px;padding:{n % 5}px;"
        f"color:#{rng.randrange(16**6):06x};font:{12 + n % 6}px/1.4 sans-serif}}"
        for n in range(300)
    )
    config = {
        "site": "example-news",
        "page": i,
        "ads": [{"slot": f"slot-{n}", "sizes": [[300, 250], [728, 90]]} for n in range(20)],
        "experiments": {f"exp_{n}": rng.random() < 0.5 for n in range(60)},
        "strings": {f"label_{n}": _sentence(rng, 4) for n in range(80)},
    }
    ld = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n + 1, "name": s, "item": f"/{s.lower()}"}
            for n, s in enumerate(_SECTIONS[:3])
        ],
    }
    metas = "".join(
        f'<meta name="twitter:{key}" content="{_sentence(rng, 6)}">'
        for key in ("title", "description", "site", "creator", "image:alt")
    )
    scripts = "".join(f'<script async src="/static/js/chunk-{n}.js"></script>' for n in range(8))
    return (
        f'<link rel="preconnect" href="https://cdn.example">{metas}'
        f"<style>{css}</style>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        f"<script>window.__CONFIG__={json.dumps(config)};</script>{scripts}"
    )


def _top(rng: random.Random) -> str:
    menu = "".join(
        f'<li class="menu-section"><a href="/{s.lower()}">{s}</a>'
        f"{_link_list(rng, 12, 'submenu', 3)}</li>"
        for s in _SECTIONS
    )
    return (
        '<a class="skip" href="#main">Skip to content</a>'
        '<div class="topbar"><span>Edition: International</span> <a href="/login">Sign in</a>'
        ' <a href="/subscribe">Subscribe</a></div>'
        '<form class="search" action="/search"><input name="q" placeholder="Search">'
        "<button>Search</button></form>"
        f'<nav class="mega-menu"><ul>{menu}</ul></nav>'
        f'<div class="ticker"><strong>Breaking</strong>{_link_list(rng, 5, "ticker", 7)}</div>'
    )


def _bottom(rng: random.Random) -> str:
    cards = "".join(
        f'<div class="card"><img src="/img/{rng.randrange(10**6)}.jpg" alt="">'
        f'<h3><a href="/tech/{rng.randrange(10**7)}">{_sentence(rng, 9)}</a></h3>'
        f"<p>{_sentence(rng, 22)}.</p></div>"
        for _ in range(8)
    )
    comments = "".join(
        f'<div class="comment"><p class="who">{rng.choice(_NAMES)}'
        f" · {rng.randrange(1, 23)} hours ago</p><p>{_sentence(rng, 30)}.</p>"
        "<button>Reply</button> <button>Report</button></div>"
        for _ in range(8)
    )
    ads = "".join(
        f'<div class="ad-slot" data-slot="side-{n}" data-sizes="300x250,300x600">'
        f'<iframe title="advertisement" src="about:blank"></iframe></div>'
        for n in range(4)
    )
    footer = "".join(
        f"<div class='col'><h4>{s}</h4>{_link_list(rng, 10, 'footer-links', 2)}</div>"
        for s in _SECTIONS[:6]
    )
    state = {"props": {"stories": [_sentence(rng, 25) for _ in range(40)]}}
    return (
        '<div class="tags">Topics: <a href="/t/ai">AI</a> <a href="/t/chips">Chips</a></div>'
        '<div class="newsletter"><h3>Get the morning briefing</h3><form><input type="email">'
        "<button>Sign up</button></form></div>"
        f'<section class="related"><h2>Related stories</h2>{cards}</section>'
        f'<section class="more"><h2>More from Tech</h2>{_link_list(rng, 10, "more", 8)}</section>'
        f'<section id="comments"><h2>Comments (8)</h2>{comments}</section>'
        f'<aside class="sidebar"><h2>Most read</h2>{_link_list(rng, 10, "most-read", 8)}'
        f"{ads}</aside>"
        f'<footer class="site-footer">{footer}<p class="legal">© 2025 Example News Ltd.'
        " All rights reserved. Terms · Privacy · Cookie settings</p></footer>"
        f'<script id="__STATE__" type="application/json">{json.dumps(state)}</script>'
    )


def news_page(sample: bytes, i: int) -> bytes:
    """``sample`` (an HTML page) with page ``i``'s site chrome around its article."""
    html = sample.decode("utf-8")
    rng = random.Random(i)
    head = re.search(r"</head\s*>", html, re.IGNORECASE)
    body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
    end = re.search(r"</body\s*>", html, re.IGNORECASE)
    if head is None or body is None or end is None:
        raise ValueError("the sample page needs <head>, <body> and </body>")
    return (
        html[: head.start()]
        + _head(rng, i)
        + html[head.start() : body.end()]
        + _top(rng)
        + html[body.end() : end.start()]
        + _bottom(rng)
        + html[end.start() :]
    ).encode("utf-8")
