"""Content fingerprints of articles and near-duplicate detection (pure Python).

A fingerprint is a MinHash signature of the article's running text (body and
heading paragraphs) over word 3-shingles: ``NUM_HASHES`` 32-bit minima written
as one hex string. The share of equal minima between two fingerprints
estimates the Jaccard similarity of their shingle sets, so the same story from
two sites (different titles, bylines, captions and footers) stays close while
two stories on the same event do not. Everything is seeded and deterministic.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from newsfacts.model import Article, Paragraph

NUM_HASHES = 64
SHINGLE_WORDS = 3
# Locality-sensitive hashing: 32 bands of 2 minima find pairs above ~0.3
# similarity as candidates with near certainty; each candidate is then checked.
BANDS = 32
DEFAULT_THRESHOLD = 0.5
FINGERPRINT_ROLES = frozenset({"body", "heading"})

_HEX_PER_HASH = 8
_PRIME = (1 << 61) - 1
_rng = random.Random(20260101)
_PERMUTATIONS: tuple[tuple[int, int], ...] = tuple(
    (_rng.randrange(1, _PRIME), _rng.randrange(0, _PRIME)) for _ in range(NUM_HASHES)
)
# words, and each Han/kana/hangul character as a word of its own
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """64-bit hashes of the ``size``-token shingles of ``text`` (case-folded)."""
    tokens = _TOKEN.findall(text.casefold())
    if not tokens:
        return set()
    grams = (
        [" ".join(tokens)]
        if len(tokens) < size
        else [" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
    )
    return {
        int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big") for g in grams
    }


def minhash(hashes: Iterable[int]) -> str | None:
    """The MinHash signature of a set of shingle hashes, or ``None`` for an empty set."""
    values = tuple(hashes)
    if not values:
        return None
    minima = (min((a * h + b) % _PRIME for h in values) & 0xFFFFFFFF for a, b in _PERMUTATIONS)
    return "".join(f"{m:08x}" for m in minima)


def content_fingerprint(text: str, paragraphs: Sequence[Paragraph]) -> str | None:
    """Fingerprint of an article's body and heading paragraphs (all of it if none)."""
    chosen = [p for p in paragraphs if p.role in FINGERPRINT_ROLES] or list(paragraphs)
    body = "\n".join(text[p.start : p.end] for p in chosen)
    return minhash(shingles(body))


def _minima(fingerprint: str) -> list[str]:
    if len(fingerprint) != NUM_HASHES * _HEX_PER_HASH:
        raise ValueError(f"not a {NUM_HASHES}-hash fingerprint: {fingerprint[:20]!r}…")
    return [fingerprint[i : i + _HEX_PER_HASH] for i in range(0, len(fingerprint), _HEX_PER_HASH)]


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity (0..1) of the texts behind two fingerprints."""
    return sum(x == y for x, y in zip(_minima(a), _minima(b), strict=True)) / NUM_HASHES


def _bands(fingerprint: str) -> list[tuple[int, str]]:
    width = len(fingerprint) // BANDS
    return [(i, fingerprint[i * width : (i + 1) * width]) for i in range(BANDS)]


def find_near_duplicates(
    new: Mapping[str, str | None],
    known: Mapping[str, str | None],
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, str]:
    """For each new article that repeats another, the id of the one it repeats.

    ``new`` and ``known`` map article ids to fingerprints (``None`` is never a
    duplicate). New articles are compared with the known ones and with the new
    ones before them in id order, so the first of two new near-duplicates stays
    and the second links to it; a link always names an article that is itself
    not a duplicate. The most similar match wins, ties going to the smaller id.
    Returns ``{new_id: original_id}``; ids absent from it are not duplicates.
    """
    buckets: defaultdict[tuple[int, str], list[str]] = defaultdict(list)
    originals: dict[str, str] = {}

    def index(article_id: str, fingerprint: str) -> None:
        originals[article_id] = fingerprint
        for band in _bands(fingerprint):
            buckets[band].append(article_id)

    for article_id, fingerprint in sorted(known.items()):
        if fingerprint is not None:
            index(article_id, fingerprint)
    links: dict[str, str] = {}
    for article_id, fingerprint in sorted(new.items()):
        if fingerprint is None:
            continue
        candidates = {c for band in _bands(fingerprint) for c in buckets.get(band, ())}
        candidates.discard(article_id)
        scores = ((similarity(fingerprint, originals[c]), c) for c in candidates)
        matches = sorted((-score, c) for score, c in scores if score >= threshold)
        if matches:
            links[article_id] = matches[0][1]
        elif article_id not in originals:
            index(article_id, fingerprint)
    return links


def mark_near_duplicates(
    articles: Sequence[Article],
    known: Mapping[str, str | None],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Article]:
    """``articles`` with ``duplicate_of`` set where ``find_near_duplicates`` links them.

    ``known`` maps the ids of articles already loaded to their fingerprints.
    """
    links = find_near_duplicates({a.article_id: a.fingerprint for a in articles}, known, threshold)
    return [replace(a, duplicate_of=links.get(a.article_id)) for a in articles]
