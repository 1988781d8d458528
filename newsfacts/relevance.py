"""A relevance prefilter on a page's raw bytes: is it about AI computing at all?

A month of news web archives is millions of pages, nearly all of them about other
things (sport, politics, recipes). Extracting an HTML page costs milliseconds; looking
for a few keywords in its bytes costs microseconds. ``Relevance`` keeps a page that
names at least one keyword of its lists (English, Chinese, Vietnamese: GPU, data
centre, 算力, 智算, trung tâm dữ liệu, ...) and lets the reader skip the rest before
any HTML is parsed.

The test is on bytes, so it must not throw relevant pages away:

* Latin keywords match case-insensitively (ASCII letters) and as whole words
  (``gpu`` is not found in ``gpus``, so plurals are listed); CJK keywords anywhere.
* Keywords are looked for in UTF-8. A page that is not UTF-8 (GB18030, Big5,
  Windows-1258, ...) cannot be judged this way and is always kept.

The lists are data: ``Relevance.from_toml`` reads a file of ``en = [...]``, ``zh``,
``vi`` (any language names) lists that replace the defaults (``NEWSFACTS_KEYWORDS``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KEYWORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "gpu", "gpus", "tpu", "tpus", "npu", "data center", "data centers", "data centre",
        "data centres", "datacenter", "datacenters", "supercomputer", "supercomputers",
        "supercomputing", "flops", "petaflops", "exaflops", "teraflops", "zettaflops",
        "ai chip", "ai chips", "ai accelerator", "ai accelerators", "ai computing",
        "ai infrastructure", "ai cluster", "compute capacity", "computing power",
        "hyperscaler", "hyperscalers", "semiconductor", "semiconductors", "chipmaker",
        "chipmakers", "nvidia", "artificial intelligence", "generative ai", "large language model",
        "cloud computing", "ai model", "ai models", "accelerator", "accelerators", "silicon",
        "foundry", "foundries", "wafer", "wafers", "hbm",
    ),
    "zh": (
        "算力", "智算", "数据中心", "數據中心", "資料中心", "人工智能", "人工智慧", "芯片",
        "晶片", "半导体", "半導體", "超算", "超级计算", "超級計算", "服务器", "伺服器",
        "大模型", "英伟达", "輝達", "云计算", "雲端運算", "智能计算", "万卡", "萬卡",
        "加速卡", "加速器", "晶圆", "晶圓", "代工",
    ),
    "vi": (
        "trung tâm dữ liệu", "siêu máy tính", "trí tuệ nhân tạo", "bán dẫn", "vi mạch",
        "điện toán đám mây", "năng lực tính toán", "sức mạnh tính toán", "máy chủ",
        "hạ tầng ai", "chip ai", "chip bán dẫn",
    ),
}  # fmt: skip

_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0123456789")


@dataclass(frozen=True, slots=True)
class Relevance:
    """Keywords per language, searched for as UTF-8 bytes.

    Each keyword is one ``bytes.find`` over the lower-cased page (C speed, a few
    microseconds on a news page) rather than one regular expression of alternatives,
    which Python's engine tries at every position (milliseconds a page).
    """

    keywords: dict[str, tuple[str, ...]] = field(default_factory=lambda: dict(KEYWORDS))
    _needles: tuple[tuple[bytes, bool], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        words = sorted(
            {w.strip().lower() for ws in self.keywords.values() for w in ws if w.strip()}
        )
        if not words:
            raise ValueError("the relevance prefilter needs at least one keyword")
        # (the keyword's bytes, whether it is Latin script and must be a whole word)
        needles = tuple((w.encode("utf-8"), w[0].isascii() and w[-1].isascii()) for w in words)
        object.__setattr__(self, "_needles", needles)

    def _names_a_keyword(self, page: bytes) -> bool:
        for needle, whole_word in self._needles:
            at = page.find(needle)
            while at >= 0:
                if not whole_word:
                    return True
                end = at + len(needle)
                before = page[at - 1] if at else 32
                after = page[end] if end < len(page) else 32
                if before not in _WORD_BYTES and after not in _WORD_BYTES:
                    return True
                at = page.find(needle, at + 1)
        return False

    def is_relevant(self, content: bytes) -> bool:
        """Whether the page names a keyword, or cannot be judged (not UTF-8): keep it."""
        if self._names_a_keyword(content.lower()):
            return True
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return True  # another encoding: its keywords would not be found as UTF-8 bytes
        return False

    @classmethod
    def from_toml(cls, path: Path | str) -> Relevance:
        """Keyword lists from a TOML file (``en = ["gpu", ...]``, one list per language)."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"cannot read the keyword file {path}: {exc}") from exc
        lists: dict[str, tuple[str, ...]] = {}
        for lang, words in data.items():
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise ValueError(f"{path}: {lang} must be a list of strings")
            lists[lang] = tuple(words)
        return cls(lists)
