"""Content fingerprints of articles and near-duplicate detection.

A fingerprint is a MinHash signature of the article's running text (body and
heading paragraphs) over word 3-shingles: ``NUM_HASHES`` 32-bit minima written
as one hex string. The share of equal minima between two fingerprints
estimates the Jaccard similarity of their shingle sets, so the same story from
two sites (different titles, bylines, captions and footers) stays close while
two stories on the same event do not. Everything is seeded and deterministic.

Each shingle is hashed once (CRC-32); the ``NUM_HASHES`` permutations
are multiply-add-shift hashes ``((a·x + b) mod 2**64) >> 32`` with seeded odd
64-bit ``a`` and 64-bit ``b``, a 2-universal family for 32-bit ``x``, computed
for every shingle at once with numpy.

``NearDuplicateIndex`` keeps the originals' minima and their LSH bands for a
whole run: loaded once, grown batch by batch, so looking a batch up costs about
the same at the millionth article as at the first.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

import numpy as np

from newsfacts.model import Article, Paragraph

NUM_HASHES = 64
SHINGLE_WORDS = 3
# Locality-sensitive hashing: 32 bands of 2 minima find pairs above ~0.3
# similarity as candidates with near certainty; each candidate is then checked.
BANDS = 32
DEFAULT_THRESHOLD = 0.5
FINGERPRINT_ROLES = frozenset({"body", "heading"})

_HEX_PER_HASH = 8
_rng = random.Random(20260101)
_A = np.array([_rng.getrandbits(64) | 1 for _ in range(NUM_HASHES)], dtype=np.uint64)
_B = np.array([_rng.getrandbits(64) for _ in range(NUM_HASHES)], dtype=np.uint64)
# one salt per band, so equal minima pairs in two different bands are different keys
_BAND_SALT = np.array([_rng.getrandbits(64) for _ in range(BANDS)], dtype=np.uint64)
_BAND_MIX = np.array([_rng.getrandbits(64) | 1 for _ in range(BANDS)], dtype=np.uint64)
_SHIFT = np.uint64(32)
# words, and each Han/kana/hangul character as a word of its own
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|[^\W_]+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[int]:
    """32-bit hashes of the ``size``-token shingles of ``text`` (case-folded)."""
    return set(_shingle_hashes(text, size).tolist())


def _shingle_hashes(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """``shingles`` as an array, one hash per shingle in text order (repeats kept: the
    MinHash's minima do not change with them)."""
    tokens = _TOKEN.findall(text.casefold())
    if len(tokens) < size:
        hashes = [zlib.crc32(" ".join(tokens).encode())] if tokens else []
        return np.array(hashes, dtype=np.uint64)
    encoded = [token.encode() for token in tokens]  # once, not once per shingle
    grams = zip(*(encoded[i:] for i in range(size)), strict=False)  # the last ones stop short
    hashes = map(zlib.crc32, map(b" ".join, grams))  # no Python-level loop
    return np.fromiter(hashes, dtype=np.uint64, count=len(tokens) - size + 1)


def _signature(values: np.ndarray) -> np.ndarray | None:
    if not values.size:
        return None
    # uint64 arithmetic wraps: mod 2**64 comes free; the shift keeps the order, so it
    # is taken of the 64 minima rather than of every value
    products = np.multiply.outer(values, _A)
    products += _B
    return (products.min(axis=0) >> _SHIFT).astype(np.uint32)


def minhash(hashes: Iterable[int] | np.ndarray) -> str | None:
    """The MinHash signature of a set of 32-bit shingle hashes, or ``None`` for an empty set."""
    values = hashes if isinstance(hashes, np.ndarray) else np.fromiter(hashes, dtype=np.uint64)
    minima = _signature(values.astype(np.uint64, copy=False))
    return None if minima is None else minima.astype(">u4").tobytes().hex()


def content_fingerprint(text: str, paragraphs: Sequence[Paragraph]) -> str | None:
    """Fingerprint of an article's body and heading paragraphs (all of it if none)."""
    chosen = [p for p in paragraphs if p.role in FINGERPRINT_ROLES] or list(paragraphs)
    body = "\n".join(text[p.start : p.end] for p in chosen)
    return minhash(_shingle_hashes(body))


def _minima(fingerprint: str) -> np.ndarray:
    if len(fingerprint) != NUM_HASHES * _HEX_PER_HASH:
        raise ValueError(f"not a {NUM_HASHES}-hash fingerprint: {fingerprint[:20]!r}…")
    try:
        return np.frombuffer(bytes.fromhex(fingerprint), dtype=">u4").astype(np.uint32)
    except ValueError as exc:
        raise ValueError(f"not a hex fingerprint: {fingerprint[:20]!r}…") from exc


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity (0..1) of the texts behind two fingerprints."""
    return int((_minima(a) == _minima(b)).sum()) / NUM_HASHES


def _band_keys(minima: np.ndarray) -> np.ndarray:
    """One 32-bit key per band (rows: articles) hashing its two minima, salted by band.

    32 bits keep the index small; a key shared by chance only adds a candidate
    that the similarity check then drops.
    """
    pairs = minima.astype(np.uint64).reshape(len(minima), BANDS, NUM_HASHES // BANDS)
    mixed = (((pairs[:, :, 0] << _SHIFT) | pairs[:, :, 1]) ^ _BAND_SALT) * _BAND_MIX
    return (mixed >> _SHIFT).astype(np.uint32)


class NearDuplicateIndex:
    """Original articles' fingerprints, banded for LSH, to find near-duplicates of new ones.

    Meant to live for a run: built once from the articles already loaded, then
    ``add``-ed to as batches load. Memory per article: its 64 minima (256 bytes,
    and their low bytes: 64) and 32 band keys with their rows (256), plus its id. Band keys sit in
    sorted runs that merge as they double (a log-structured merge), so adding
    and finding both stay near constant per article as the index grows.
    """

    def __init__(
        self,
        fingerprints: Mapping[str, str | None] | None = None,
        threshold: float = DEFAULT_THRESHOLD,
    ) -> None:
        self.threshold = threshold
        self._ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._minima = np.empty((1024, NUM_HASHES), dtype=np.uint32)
        # their low bytes: a quarter of the memory to read when screening candidates
        self._low_bytes = np.empty((1024, NUM_HASHES), dtype=np.uint8)
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, their rows)
        if fingerprints:
            self.update(fingerprints)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._rows

    def add(self, article_id: str, fingerprint: str | None) -> None:
        """Index ``article_id`` as an original (nothing for ``None`` or an id already in)."""
        self.update({article_id: fingerprint})

    def update(self, fingerprints: Mapping[str, str | None]) -> None:
        """``add`` every item of ``fingerprints``, in id order."""
        fresh = [
            (article_id, fingerprint)
            for article_id, fingerprint in sorted(fingerprints.items())
            if fingerprint is not None and article_id not in self._rows
        ]
        if not fresh:
            return
        minima = np.stack([_minima(fingerprint) for _, fingerprint in fresh])
        first = len(self._ids)
        if first + len(fresh) > len(self._minima):
            grown = np.empty((2 * (first + len(fresh)), NUM_HASHES), dtype=np.uint32)
            grown[:first] = self._minima[:first]
            self._minima = grown
            grown_low = np.empty((len(grown), NUM_HASHES), dtype=np.uint8)
            grown_low[:first] = self._low_bytes[:first]
            self._low_bytes = grown_low
        self._minima[first : first + len(fresh)] = minima
        self._low_bytes[first : first + len(fresh)] = minima.astype(np.uint8)
        for offset, (article_id, _) in enumerate(fresh):
            self._rows[article_id] = first + offset
            self._ids.append(article_id)
        keys = _band_keys(minima).ravel()
        rows = np.repeat(np.arange(first, first + len(fresh), dtype=np.int32), BANDS)
        order = np.argsort(keys, kind="stable")
        self._runs.append((keys[order], rows[order]))
        while len(self._runs) >= 2 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            (k1, r1), (k2, r2) = self._runs.pop(), self._runs.pop()
            keys, rows = np.concatenate([k2, k1]), np.concatenate([r2, r1])
            order = np.argsort(keys, kind="stable")
            self._runs.append((keys[order], rows[order]))

    def _known_matches(
        self, minima: np.ndarray, keys: np.ndarray, threshold: float
    ) -> list[list[tuple[float, str]]]:
        """Per query row, the ``(similarity, id)`` of indexed articles at ``threshold`` or above.

        ``minima`` and ``keys`` hold one query per row; every query is looked up at
        once (a few numpy calls per batch, not per article).
        """
        matches: list[list[tuple[float, str]]] = [[] for _ in range(len(minima))]
        count = len(self._ids)
        flat = keys.ravel()
        queries, rows = [], []
        for sorted_keys, sorted_rows in self._runs:
            lo = np.searchsorted(sorted_keys, flat, side="left")
            hi = np.searchsorted(sorted_keys, flat, side="right")
            hit = np.flatnonzero(hi > lo)
            if not hit.size:
                continue
            sizes, starts = (hi - lo)[hit], lo[hit]
            # the positions starts[i] .. starts[i] + sizes[i] - 1 for every hit, flattened
            within = np.arange(sizes.sum()) - np.repeat(np.cumsum(sizes) - sizes, sizes)
            rows.append(sorted_rows[np.repeat(starts, sizes) + within])
            queries.append(np.repeat(hit // BANDS, sizes))
        if not rows:
            return matches
        pairs = np.sort(np.concatenate(queries) * count + np.concatenate(rows))
        pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]  # np.unique, 20× faster
        query, row = pairs // count, pairs % count
        # equal minima have equal low bytes: screen on those, then count exactly
        low = (self._low_bytes[row] == minima.astype(np.uint8)[query]).sum(axis=1)
        screened = low >= threshold * NUM_HASHES
        query, row = query[screened], row[screened]
        scores = (self._minima[row] == minima[query]).sum(axis=1) / NUM_HASHES
        keep = scores >= threshold
        for q, r, score in zip(
            query[keep].tolist(), row[keep].tolist(), scores[keep].tolist(), strict=True
        ):
            matches[q].append((score, self._ids[r]))
        return matches

    def find(self, fingerprint: str | None, threshold: float | None = None) -> str | None:
        """The indexed article ``fingerprint`` repeats (most similar, then smallest id), or None."""
        if fingerprint is None:
            return None
        threshold = self.threshold if threshold is None else threshold
        minima = _minima(fingerprint)[None, :]
        matches = self._known_matches(minima, _band_keys(minima), threshold)[0]
        return min(matches, key=lambda m: (-m[0], m[1]))[1] if matches else None

    def links(
        self, new: Mapping[str, str | None], threshold: float | None = None
    ) -> dict[str, str]:
        """``{new_id: original_id}`` for the new articles that repeat an indexed or earlier one.

        New articles are taken in id order and matched against the index and the new
        originals before them; the index itself is left as it was (``add`` the batch
        once it is loaded).
        """
        threshold = self.threshold if threshold is None else threshold
        items = sorted((i, f) for i, f in new.items() if f is not None)
        if not items:
            return {}
        minima = np.stack([_minima(fingerprint) for _, fingerprint in items])
        keys = _band_keys(minima)
        known = self._known_matches(minima, keys, threshold)
        buckets: dict[int, list[int]] = {}  # band key → positions of this batch's originals
        links: dict[str, str] = {}
        for q, (article_id, _) in enumerate(items):
            matches = [m for m in known[q] if m[1] != article_id]
            band_keys = keys[q].tolist()
            earlier = sorted({p for key in band_keys for p in buckets.get(key, ())})
            if earlier:
                scores = (minima[earlier] == minima[q]).sum(axis=1) / NUM_HASHES
                matches += [
                    (score, items[p][0])
                    for p, score in zip(earlier, scores.tolist(), strict=True)
                    if score >= threshold
                ]
            if matches:
                links[article_id] = min(matches, key=lambda m: (-m[0], m[1]))[1]
            elif article_id not in self:
                for key in band_keys:
                    buckets.setdefault(key, []).append(q)
        return links


def find_near_duplicates(
    new: Mapping[str, str | None],
    known: Mapping[str, str | None] | NearDuplicateIndex,
    threshold: float = DEFAULT_THRESHOLD,
) -> dict[str, str]:
    """For each new article that repeats another, the id of the one it repeats.

    ``new`` maps article ids to fingerprints and ``known`` does the same for the
    originals already loaded, or is their ``NearDuplicateIndex`` (``None`` is never
    a duplicate). New articles are compared with the known ones and with the new
    ones before them in id order, so the first of two new near-duplicates stays
    and the second links to it; a link always names an article that is itself
    not a duplicate. The most similar match wins, ties going to the smaller id.
    Returns ``{new_id: original_id}``; ids absent from it are not duplicates.
    """
    index = known if isinstance(known, NearDuplicateIndex) else NearDuplicateIndex(known)
    return index.links(new, threshold)


def mark_near_duplicates(
    articles: Sequence[Article],
    known: Mapping[str, str | None] | NearDuplicateIndex,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Article]:
    """``articles`` with ``duplicate_of`` set where ``find_near_duplicates`` links them.

    ``known`` maps the ids of articles already loaded to their fingerprints, or is
    their ``NearDuplicateIndex``.
    """
    links = find_near_duplicates({a.article_id: a.fingerprint for a in articles}, known, threshold)
    return [replace(a, duplicate_of=links.get(a.article_id)) for a in articles]
