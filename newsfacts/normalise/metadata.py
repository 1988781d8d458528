"""Article metadata from plain text: dates, datelines, names, credits.

Everything here reads one line at a time and is rule-based, so each result can
be explained by the pattern that produced it. Which lines are looked at (the
head, the byline, the footer) is decided by ``newsfacts.normalise.roles``; the
article-level choice happens in ``text_metadata``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from newsfacts.model import Paragraph

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_TIME = (
    r"(?:,?\s*(?:at\s+)?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
# A month name may be glued to the word before it ("5 min readJan 31, 2022").
_NOT_IN_WORD = r"(?:(?<![A-Za-z])|(?<=read))"
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # Jan 24, 2022 06:06 PM / January 30, 2022
    re.compile(_NOT_IN_WORD + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + _TIME),
    # 24 January 2022
    re.compile(r"(?<!\d)(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR + _TIME),
    # 2025/11/26, 2025-11-26T10:30, 2025.11.26
    re.compile(
        r"(?<!\d)" + _YEAR + r"(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    ),
    # 24/1/2022 10:30 (day first, as in Vietnamese and most of Europe)
    re.compile(
        r"(?<![\d/.-])(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)" + _YEAR + r"(?!\d)"
        r"(?:\s*,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2}))?"
    ),
    # 2025年11月26日 10:30
    re.compile(
        _YEAR + r"\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
        r"(?:\s*(?P<hour>\d{1,2})[:：时](?P<minute>\d{2}))?"
    ),
    # ngày 24 tháng 1 năm 2022
    re.compile(
        r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s*(?:năm|,)\s*" + _YEAR,
        re.IGNORECASE,
    ),
)
DATE_LABEL = re.compile(
    r"^(?:published|updated|posted|last updated|date|first published|đăng(?: ngày)?|cập nhật"
    r"|发布时间|发布日期|发表于|发表时间|更新时间|时间)\s*(?:on|at|lúc)?\s*[:：]?"
    r"|\bmin(?:ute)?s?\s*read",  # "5 min readJan 31, 2022"
    re.IGNORECASE,
)
# Words a dateline may hold besides its date: weekdays, zones, "at".
_DATELINE_FILLER = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b(?:GMT|UTC|ICT|CST|EST|EDT|PST|PDT|BST|CET)"
    r"(?:\s*[+-]\s*\d{1,2})?\b|\b(?:at|on|lúc)\b|thứ\s+\w+|chủ nhật|星期.|周.|[()|,·•-]",
    re.IGNORECASE,
)

AUTHOR_PREFIX = re.compile(
    r"^(?:by|written by|words by|reporting by|authors?|reporter|tác giả|phóng viên"
    r"|作者|记者|撰文|文)(?:\s*[:：|]\s*|\s+)",
    re.IGNORECASE,
)
# "Source : Trí Thức Trẻ", "Nguồn: …", "来源：…" anywhere in a line, or "Theo VnExpress" alone
SOURCE_CREDIT = re.compile(
    r"(?:^|\s)(?:sources?|nguồn|来源|出处|稿源)\s*[:：]\s*(?P<name>[^(（|,，;；]{1,80})"
    r"|^theo\s+(?P<theo>\S.{0,60})$",
    re.IGNORECASE,
)
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,6}$")
_NAME_TOKEN = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ\u0100-\u024f\u1e00-\u1eff][\w.'’&-]*|&|of|de|van|von|la|and|staff)$"
)
# Words that make a name an organisation's rather than a person's.
ORGANISATION_WORDS = frozenset(
    {
        "ai",
        "times",
        "news",
        "daily",
        "post",
        "journal",
        "review",
        "press",
        "media",
        "weekly",
        "herald",
        "tribune",
        "report",
        "online",
        "network",
        "magazine",
        "gazette",
        "digest",
        "wire",
        "agency",
        "tech",
        "newsletter",
        "insider",
        "observer",
        "monitor",
        "chronicle",
        "today",
        "express",
        "channel",
        "tv",
        "radio",
        "group",
        "global",
        "world",
        "asia",
        "china",
        "báo",
        "tạp",
        "chí",
        "tin",
        "tức",
    }
)
_HAS_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞĐ\u1ea0-\u1ef8]")


def _month(match: re.Match[str]) -> int:
    groups = match.groupdict()
    if groups.get("mon"):
        return _MONTHS[groups["mon"][:3].lower()]
    return int(groups["month"])


def _datetime(match: re.Match[str]) -> datetime | None:
    groups = match.groupdict()
    try:
        year, month, day = int(groups["year"]), _month(match), int(groups["day"])
        if match.re is DATE_PATTERNS[3] and month > 12 >= day:
            day, month = month, day  # day first, unless only month first fits (1/24/2022)
        hour = int(groups.get("hour") or 0)
        minute = int(groups.get("minute") or 0)
        second = int(groups.get("second") or 0)
        ampm = (groups.get("ampm") or "").replace(".", "").lower()
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        return datetime(year, month, day, hour, minute, second)
    except (ValueError, KeyError):
        return None


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in a line: the value and the span it was read from."""

    value: datetime
    start: int
    end: int


def find_date(line: str) -> DateMatch | None:
    """The earliest valid date written in ``line``, in any supported format."""
    if "20" not in line and "19" not in line:  # every format has a year (_YEAR): 19xx, 20xx
        return None
    found: list[DateMatch] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            value = _datetime(match)
            if value is not None:
                found.append(DateMatch(value, match.start(), match.end()))
                break
    return min(found, key=lambda m: (m.start, -m.end)) if found else None


def parse_date(text: str) -> datetime | None:
    """A date written in ``text`` (ISO, ``Jan 24, 2022 06:06 PM``, ``24/1/2022``, …)."""
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        match = find_date(text)
        return match.value if match else None
    return parsed.replace(tzinfo=None) if parsed.tzinfo else parsed


def dateline_date(line: str) -> DateMatch | None:
    """The date of a dateline such as ``Published: Jan 24, 2022 06:06 PM``.

    A line is a dateline when it is short and its date is labelled
    (``Published``, ``min read``, ``发布时间``…), opens the line, or shares it
    only with a name.
    """
    if len(line) > 100:
        return None
    match = find_date(line)
    if match is None:
        return None
    if DATE_LABEL.search(line) or (match.start == 0 and len(line) <= 60):
        return match
    rest = _DATELINE_FILLER.sub(" ", line[: match.start] + " " + line[match.end :])
    return match if len(rest.split()) <= 1 or dateline_name(line, match) else None


def is_name_like(line: str, max_words: int = 5) -> bool:
    """True for a short capitalised name: ``Tram Ho``, ``Global Times``, ``Recode China AI``."""
    line = line.strip()
    if not line or len(line) > 50 or any(map(str.isdigit, line)):
        return False
    if line[-1] in ".,;:!?\"'":
        return False
    words = line.split()
    if not 1 <= len(words) <= max_words or not _HAS_UPPER.match(words[0]):
        return False
    return all(_NAME_TOKEN.match(word) for word in words)


def is_organisation(name: str) -> bool:
    """A name that reads as a publication's: one word, or an organisation word in it."""
    words = name.casefold().split()
    return len(words) == 1 or any(word in ORGANISATION_WORDS for word in words)


def author_in(line: str) -> str | None:
    """The name in an author line (``By …``, ``Written by …``, ``(记者 王芳)``)."""
    line = line.strip().strip("()（）").strip()
    match = AUTHOR_PREFIX.match(line)
    if match is None:
        return None
    name = re.split(r"\s*[,|;，；]\s*|\s+[-–—]\s+", line[match.end() :])[0].strip()
    return name if is_name_like(name) or _CJK_NAME.match(name) else None


def source_credit_in(line: str) -> str | None:
    """The credited source of ``Source : Trí Thức Trẻ``, ``Nguồn: …``, ``… 来源:黔南科技报``."""
    match = SOURCE_CREDIT.search(line.strip())
    if match is None:
        return None
    if match.group("theo") is not None:
        name = match.group("theo").strip()
        return name if is_name_like(name) else None
    name = match.group("name").strip().rstrip(".")
    if re.match(r"[\u4e00-\u9fff]", name):
        name = name.split()[0]  # a Chinese name ends at the first space
    return name or None


def dateline_name(line: str, match: DateMatch) -> str | None:
    """The name beside the date of a dateline (``Asia Tech Daily staff — Nov 26, 2025``)."""
    rest = DATE_LABEL.sub(" ", line[: match.start] + " " + line[match.end :])
    rest = re.sub(r"[—–:：]", " ", _DATELINE_FILLER.sub(" ", rest)).strip()
    return rest if is_name_like(rest) else None


@dataclass(frozen=True, slots=True)
class TextMetadata:
    """What the text itself says about the article."""

    title: str | None = None
    published_at: datetime | None = None
    published_at_source: str | None = None
    publisher: str | None = None
    author: str | None = None


def text_metadata(text: str, paragraphs: Sequence[Paragraph]) -> TextMetadata:
    """Title, date, publisher and author read from an article with roles assigned.

    - title: the first ``title`` paragraph;
    - date: the first dateline among the byline paragraphs, else the first date
      any byline holds (``By Kenji Watanabe | November 26, 2025``);
    - publisher: a source credit (``Source : …``, ``来源：…``), else an
      organisation's name among the bylines and footer lines, the one repeated
      or ending the article first;
    - author: an author line (``By …``, ``Written by …``), else a person's name
      among the bylines and footer lines.
    """
    lines = [text[p.start : p.end] for p in paragraphs]
    title = next((lines[i] for i, p in enumerate(paragraphs) if p.role == "title"), None)
    bylines = [lines[i] for i, p in enumerate(paragraphs) if p.role == "byline"]
    footer = [lines[i] for i, p in enumerate(paragraphs) if p.role == "boilerplate"]
    datelines = {line: dateline_date(line) for line in bylines + footer}  # bylines: asked twice
    dated = next(
        ((m, line) for find in (datelines.get, find_date) for line in bylines if (m := find(line))),
        None,
    )
    names: list[str] = []
    for line in bylines + footer[::-1]:
        match = datelines[line]
        name = dateline_name(line, match) if match else line if is_name_like(line) else None
        if name:
            names.append(name)
    counts = Counter(names)
    names.sort(key=lambda name: -counts[name])  # stable: repeated names first
    author = next((a for line in bylines + footer if (a := author_in(line))), None)
    credit = next((c for line in footer[::-1] + bylines if (c := source_credit_in(line))), None)
    publisher = credit or next((name for name in names if is_organisation(name)), None)
    if author is None:
        author = next((name for name in names if not is_organisation(name)), None)
    return TextMetadata(
        title=title,
        published_at=dated[0].value if dated else None,
        published_at_source=dated[1][dated[0].start : dated[0].end] if dated else None,
        publisher=publisher,
        author=author,
    )
