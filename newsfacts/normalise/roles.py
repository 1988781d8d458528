"""Paragraphs and their roles: title, byline, heading, body, caption, boilerplate.

Every non-empty line is a paragraph. Roles come from a few explainable rules,
applied in three zones:

- the **head** (from the top to the first body paragraph): a kicker, the title,
  a standfirst, datelines, author and publisher lines;
- the **footer** (a trailing run of short lines such as share buttons,
  ``Source :`` credits, ``Written by``, separators and repeated names);
- the **body** in between: captions (``… Photo: …``, ``… - Ảnh 3.`` and the
  description after such an image marker), headings (a short unpunctuated line
  followed by a longer paragraph) that open a section, boilerplate lines, body.

Each paragraph records the rule that gave its role in ``role_reason``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache

from newsfacts.model import Paragraph, ParagraphRole
from newsfacts.normalise.metadata import (
    author_in,
    dateline_date,
    is_name_like,
)

BOILERPLATE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("separator", re.compile(r"^[-_*=~—–·•.]{2,}$")),
    (
        "share or follow button",
        re.compile(
            r"^(?:share|tweet|email|print|copy link|save|like|follow|comment|reply)"
            r"(?: (?:this|the news|the article|on \w+|us))?(?: now)?[!.]?$"
            r"|^(?:share|follow us) on\b|^(?:chia sẻ|分享到?|转发|点赞|收藏)\b",
            re.IGNORECASE,
        ),
    ),
    ("reading time", re.compile(r"^\d+\s*min(?:ute)?s?\s*read$", re.IGNORECASE)),
    ("author credit", re.compile(r"^written by\b", re.IGNORECASE)),
    (
        "comments",
        re.compile(
            r"^(?:no responses yet|\d+ (?:responses?|comments?)|responses?|comments?"
            r"|leave a (?:reply|comment)|bình luận|评论)$",
            re.IGNORECASE,
        ),
    ),
    ("reference credit", re.compile(r"^(?:refer to|tham khảo|参考|via)\b", re.IGNORECASE)),
    ("source credit", re.compile(r"^(?:sources?|nguồn|来源|出处|稿源)\s*[:：]", re.IGNORECASE)),
    (
        "subscription or cookie notice",
        re.compile(
            r"^(?:subscribe|sign up|sign in|log in|register|newsletter sign|get the newsletter"
            r"|we use cookies|this (?:site|website) uses cookies|accept(?: all)? cookies"
            r"|cookie (?:policy|settings)|advertisement|sponsored|read more|read next"
            r"|related(?: articles| stories| news)?:?$|recommended(?: for you| from \w+)?$"
            r"|click here|back to top|all rights reserved|copyright\b|©|tags?\s*:|keywords\s*:"
            r"|đăng ký|责任编辑|版权所有|扫码|关注我们|点击)",
            re.IGNORECASE,
        ),
    ),
    # "SOURCE / INDUSTRIES": an upper-case breadcrumb above the title
    ("breadcrumb", re.compile(r"^[A-Z][^a-z]{1,39}\s*[/|>»·•]\s*[A-Z][^a-z]{1,39}$")),
    (
        "credit line",
        re.compile(
            r"^[(（](?:记者|责任编辑|编辑|通讯员|Reporting by|Editing by|Writing by|Additional"
            r" reporting)[^)）]*[)）]$",
            re.IGNORECASE,
        ),
    ),
)
CAPTION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "… - Ảnh 3.", "… Photo 2", "… 图1": a numbered image placeholder
    (
        "image marker",
        re.compile(
            r"(?:^|[\s\-–—(])(?:Ảnh|Hình|Photo|Image|Picture|Figure|图|图片)\s*\d+\s*[.)]?$"
        ),
    ),
    (
        "photo credit",
        re.compile(
            r"\b(?:Photos?|Images?|Pictures?|Ảnh|Hình|Credit|Photo credit|Image credit)\s*[:：]"
            r"|\bPhotos?(?:graph)? by\b|\((?:Photo|Image|Ảnh)[^)]{0,40}\)"
            r"|(?:图|图片|图源|图片来源|摄影)\s*[:：]|[(（](?:图|摄)[^)）]{0,20}[)）]"
            r"|\b(?:Getty Images|Shutterstock|AFP|AP Photo|VCG)\s*$",
        ),
    ),
)
# Every caption pattern needs one of these words: looking for them first costs under a
# tenth of searching the patterns themselves, which most lines do not match.
_CAPTION_WORDS = re.compile("Photo|Image|Picture|Figure|Credit|Ảnh|Hình|图|摄|Shutterstock|AFP|VCG")
_SENTENCE_END = tuple(".!;,。！；，…")
_BULLET = re.compile(r"^[•·▪●◦‣*-]\s")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A heading is at most this many words; a body paragraph at least this many.
HEADING_MAX_WORDS = 15
BODY_MIN_WORDS = 18
CAPTION_MAX_WORDS = 30
# The English description a translation leaves after a source-language image marker.
DESCRIPTION_MAX_WORDS = 20
FOOTER_MAX_WORDS = 15
# A first line longer than this is running text, not a headline.
TITLE_MAX_WORDS = 40
# The document title (HTML) is looked for among this many first lines.
TITLE_SEARCH_LINES = 5


def split_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines as paragraphs, with spans into ``text`` (role ``body``)."""
    paragraphs: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            paragraphs.append(
                Paragraph(index=len(paragraphs), start=start, end=start + len(stripped))
            )
        pos += len(line) + 1
    return paragraphs


def word_count(line: str) -> int:
    """Words of a line; a Han character counts as half a word."""
    if not _HAN.search(line):
        return len(_WORD.findall(line))
    han = len(_HAN.findall(line))
    return len(_WORD.findall(_HAN.sub(" ", line))) + (han + 1) // 2


def _anchored(pattern: re.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` starts at the start of the text (``^``, no
    ``re.MULTILINE``): each branch of the pattern opens with ``^``."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    def opens_with_start(items: list[tuple[object, object]]) -> bool:
        if not items:
            return False
        op, av = items[0]
        if op is c.AT:
            return av is c.AT_BEGINNING
        if op is c.BRANCH:
            return all(opens_with_start(list(branch)) for branch in av[1])  # type: ignore[index]
        if op is c.SUBPATTERN:
            return opens_with_start(list(av[-1]))  # type: ignore[index]
        return False

    if pattern.flags & re.MULTILINE:
        return False
    try:
        return opens_with_start(list(_parser.parse(pattern.pattern, pattern.flags)))
    except Exception:  # a private module changed shape: keep the pattern-by-pattern loop
        return False


def _first_of(patterns: Sequence[tuple[str, re.Pattern[str]]]) -> re.Pattern[str] | None:
    """One regex whose match names (``lastgroup``: ``p<i>``) the first of ``patterns`` that
    matches, or None unless every one is anchored at the start.

    Anchored patterns can only match at position 0, where an alternation tries its
    branches in order: so the first branch that matches is the first pattern that does.
    """
    if not all(_anchored(pattern) for _, pattern in patterns):
        return None
    branches = []
    for i, (_, pattern) in enumerate(patterns):
        flags = "i" if pattern.flags & re.IGNORECASE else "-i"
        branches.append(f"(?P<p{i}>(?{flags}:{pattern.pattern}))")
    return re.compile("|".join(branches))


# every line is asked: one search instead of one per pattern
_BOILERPLATE_FIRST = _first_of(BOILERPLATE_PATTERNS)


def boilerplate_reason(line: str) -> str | None:
    if _BOILERPLATE_FIRST is not None:
        match = _BOILERPLATE_FIRST.match(line)  # anchored: a match can only start at 0
        return None if match is None else BOILERPLATE_PATTERNS[int(match.lastgroup[1:])][0]  # type: ignore[index]
    for name, pattern in BOILERPLATE_PATTERNS:
        if pattern.search(line):
            return name
    return None


def caption_reason(line: str) -> str | None:
    if not _CAPTION_WORDS.search(line) or word_count(line) > 2 * CAPTION_MAX_WORDS:
        return None
    for name, pattern in CAPTION_PATTERNS:
        if pattern.search(line):
            return name
    return None


def is_body_like(line: str, count: Callable[[str], int] = word_count) -> bool:
    """A paragraph of running text: long enough, or a full sentence of some length.

    ``count`` counts words (``assign_roles`` passes one that remembers its lines').
    """
    words = count(line)
    return words >= BODY_MIN_WORDS or (words >= 8 and line.endswith(_SENTENCE_END))


def is_heading_like(
    line: str, following: str | None, count: Callable[[str], int] = word_count
) -> bool:
    """A short line without closing punctuation, followed by a longer paragraph.

    ``count`` counts words, as for ``is_body_like``.
    """
    if following is None or _BULLET.match(line) or _TABLE_ROW.match(line):
        return False
    if line.endswith(_SENTENCE_END):
        return False
    words = count(line)
    if not 1 <= words <= HEADING_MAX_WORDS:
        return False
    first = line[0]
    if not (first.isupper() or first.isdigit() or _HAN.match(first) or first in "\"'“‘«"):
        return False
    if _TABLE_ROW.match(following):
        return True  # a table's heading
    return is_body_like(following, count) and count(following) > words


def _footer_start(lines: Sequence[str], count: Callable[[str], int]) -> int:
    """Index of the first paragraph of the trailing footer (``len(lines)`` if none)."""
    start = len(lines)
    for i in range(len(lines) - 1, 0, -1):
        line = lines[i]
        if boilerplate_reason(line) or is_name_like(line):
            start = i
        elif not line.endswith(_SENTENCE_END) and count(line) <= FOOTER_MAX_WORDS:
            # a tagline between footer lines ("A weekly newsletter on …")
            if start < len(lines):
                start = i
            else:
                break
        else:
            break
    return start


def _footer_reason(line: str) -> str:
    reason = boilerplate_reason(line)
    if reason:
        return f"footer: {reason}"
    return "footer: name" if is_name_like(line) else "footer: tagline"


def assign_roles(
    text: str, paragraphs: Sequence[Paragraph], title_hint: str | None = None
) -> list[Paragraph]:
    """``paragraphs`` with role, role_reason and section set (see the module docstring)."""
    lines = [text[p.start : p.end] for p in paragraphs]
    captions = [caption_reason(line) for line in lines]  # asked of most lines more than once
    count = cache(word_count)  # the same: the rules ask most lines' words several times
    n = len(lines)
    roles: list[ParagraphRole] = ["body"] * n
    reasons: list[str] = ["running text"] * n
    sections: list[str | None] = [None] * n

    def set_role(i: int, role: ParagraphRole, reason: str) -> None:
        roles[i], reasons[i] = role, reason

    footer = _footer_start(lines, count)
    # -- head: kicker, title, standfirst, bylines and datelines
    i = 0
    while i < footer and boilerplate_reason(lines[i]):
        set_role(i, "boilerplate", f"head: {boilerplate_reason(lines[i])}")
        i += 1
    if title_hint is not None:
        window = range(i, min(footer, i + TITLE_SEARCH_LINES))
        hinted = next((j for j in window if lines[j] == title_hint), i)
        for j in range(i, hinted):
            set_role(j, "boilerplate", "head: kicker above the title")
        i = hinted
    has_title = i < footer and (title_hint is not None or count(lines[i]) <= TITLE_MAX_WORDS)
    if has_title:
        set_role(i, "title", "first line" if title_hint is None else "document title")
        i += 1
    while has_title and i < footer and not is_body_like(lines[i], count):
        line = lines[i]
        following = lines[i + 1] if i + 1 < footer else None
        if dateline_date(line) is not None:
            set_role(i, "byline", "dateline")
        elif author_in(line) is not None:
            set_role(i, "byline", "author line")
        elif captions[i]:
            break  # captions belong to the body
        elif reason := boilerplate_reason(line):
            set_role(i, "boilerplate", f"head: {reason}")
        elif is_name_like(line, max_words=4):
            set_role(i, "byline", "name under the title")
        elif is_heading_like(line, following, count) and i > 1 and roles[i - 1] == "byline":
            break  # a section heading opens the body
        else:
            set_role(i, "title", "standfirst")
        i += 1
    # -- body: captions, headings and sections, stray boilerplate
    section: str | None = None
    seen: dict[str, int] = {}
    previous_marker = False
    for j in range(i, footer):
        line = lines[j]
        marker = False
        if reason := captions[j]:
            set_role(j, "caption", reason)
            marker = reason == "image marker"
        elif previous_marker and count(line) <= DESCRIPTION_MAX_WORDS:
            set_role(j, "caption", "description after an image marker")
        elif reason := boilerplate_reason(line):
            set_role(j, "boilerplate", reason)
        elif is_heading_like(line, _next_text(lines, captions, j, footer), count):
            set_role(j, "heading", "short line before running text")
            section = line.rstrip(" :：")
        if line in seen and roles[j] != "caption":
            set_role(j, "boilerplate", f"repeats paragraph {seen[line]}")
        elif line in seen:
            reasons[j] += f"; repeats paragraph {seen[line]}"
        seen.setdefault(line, j)
        sections[j] = section if roles[j] != "boilerplate" else None
        previous_marker = marker
    for j in range(footer, n):
        set_role(j, "boilerplate", _footer_reason(lines[j]))
    # built directly: dataclasses.replace costs five times as much per paragraph
    return [
        Paragraph(
            index=p.index,
            start=p.start,
            end=p.end,
            role=roles[k],
            lang=p.lang,
            section=sections[k],
            role_reason=reasons[k],
            lang_confidence=p.lang_confidence,
        )
        for k, p in enumerate(paragraphs)
    ]


def _next_text(
    lines: Sequence[str], captions: Sequence[str | None], j: int, end: int
) -> str | None:
    """The next paragraph after ``j`` that is not a caption (``captions``: their reasons)."""
    for k in range(j + 1, end):
        if captions[k] is None:
            return lines[k]
    return None
