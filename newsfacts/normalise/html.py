"""The main text and metadata of an HTML page, through trafilatura.

Deterministic: the publication date search is bounded by a reference date and
trafilatura's extraction timeout (which uses signals) is off. No network: pages
arrive as text, fetched (if at all) by ``newsfacts.fetch``.
"""

from __future__ import annotations

import re
from configparser import ConfigParser
from dataclasses import dataclass
from datetime import date
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    text: str
    title: str | None
    author: str | None
    publisher: str | None
    published: str | None  # ISO date as trafilatura gives it
    repairs: tuple[str, ...] = ()


# A tag with thousands of attributes makes trafilatura's fallbacks (justext, htmldate)
# take time that grows faster than the page: 20,000 attributes cost 4 s, 100,000 over a
# minute. No real page has such a tag; its attributes are dropped before extraction
# (its text stays). Only tags this long are looked at, so clean pages cost one scan.
MAX_TAG_ATTRIBUTES = 1000
_LONG_TAG = re.compile(r"<([A-Za-z][\w:.-]*)(\s[^<>]{4000,})>")
_ATTRIBUTE = re.compile(r"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def strip_attribute_floods(html: str) -> tuple[str, tuple[str, ...]]:
    """``html`` with the attributes of any tag holding over ``MAX_TAG_ATTRIBUTES``
    removed, and a note for each such tag."""
    notes: list[str] = []

    def replace(match: re.Match[str]) -> str:
        count = len(_ATTRIBUTE.findall(match.group(2)))
        if count <= MAX_TAG_ATTRIBUTES:
            return match.group(0)
        notes.append(f"dropped the {count} attributes of a <{match.group(1)}> tag")
        return f"<{match.group(1)}>"

    return _LONG_TAG.sub(replace, html), tuple(notes)


@lru_cache(maxsize=1)
def _trafilatura_config() -> ConfigParser:
    """trafilatura's settings, read once: its default timeout off (it uses signals)."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def extract_html(html: str, reference_date: date, url: str | None = None) -> HtmlExtract:
    """Main text and metadata of an HTML page through trafilatura (deterministic)."""
    import trafilatura

    config = _trafilatura_config()
    html, repairs = strip_attribute_floods(html)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        deduplicate=False,
        config=config,
        date_extraction_params={
            "extensive_search": True,
            "original_date": True,
            "max_date": reference_date.isoformat(),
        },
    )
    if doc is None:
        return HtmlExtract("", None, None, None, None, repairs)
    return HtmlExtract(
        text=doc.text or "",
        title=doc.title,
        author=doc.author,
        publisher=doc.sitename or doc.hostname,
        published=doc.date,
        repairs=repairs,
    )
