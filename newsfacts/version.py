"""Which rules made a fact: the extractor's version, read from the rules themselves.

Every fact row carries ``extractor_version``. A constant bumped by hand is
forgotten, and then facts loaded before an upgrade look as current as new ones.
So the version is the package's version and a digest of everything in this
package that decides what a fact is: its modules (normalising, extracting,
labelling) and its data (the organisations table). The same code gives the same
version on every machine; any change to the rules gives another. The users'
own organisation files are not in it: the table's version is kept per run.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from newsfacts import __version__

PACKAGE = Path(__file__).resolve().parent
# what the digest reads: code and shipped data, not caches or this file's neighbours' bytecode
_SUFFIXES = (".py", ".csv", ".json", ".toml", ".txt")


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """``<package version>+<12 hex digits>``, e.g. ``0.1.0+3f9a1c2b7d40``."""
    return f"{__version__}+{rules_digest(PACKAGE)}"


def rules_digest(package: Path) -> str:
    """12 hex digits of SHA-256 over the code and data files under ``package``, by path."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix not in _SUFFIXES or "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]
