"""Deterministic content-hash identifiers."""

from __future__ import annotations

import hashlib


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id derived from ``parts``; the same parts give the same id."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def article_id_for(content_hash: str) -> str:
    return content_hash[:16]


def fact_id_for(article_id: str, kind: str, start: int, end: int) -> str:
    # ``stable_id(article_id, kind, start, end)``, written out: called for every fact
    joined = f"{article_id}\x1f{kind}\x1f{start}\x1f{end}"
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]
