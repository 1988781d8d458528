"""Dates, datelines, names and credits read from plain text."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts.normalise import normalise_text, split_paragraphs
from newsfacts.normalise.metadata import (
    DATE_PATTERNS,
    TextMetadata,
    author_in,
    dateline_date,
    find_date,
    is_name_like,
    is_organisation,
    parse_date,
    source_credit_in,
    text_metadata,
)
from newsfacts.normalise.roles import assign_roles


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published: Jan 24, 2022 06:06 PM", datetime(2022, 1, 24, 18, 6)),
        ("Published: Jul 07, 2020 09:33 AM", datetime(2020, 7, 7, 9, 33)),
        ("Posted 12:30 AM", None),
        ("5 min readJan 31, 2022", datetime(2022, 1, 31)),
        ("2025/11/26", datetime(2025, 11, 26)),
        ("2025/11/26 10:32", datetime(2025, 11, 26, 10, 32)),
        ("2025-11-26T08:15:30", datetime(2025, 11, 26, 8, 15, 30)),
        ("November 26, 2025", datetime(2025, 11, 26)),
        ("Sept. 3rd, 2024", datetime(2024, 9, 3)),
        ("26 November 2025", datetime(2025, 11, 26)),
        ("24/1/2022", datetime(2022, 1, 24)),
        ("Thứ Hai, 24/11/2025 - 08:30", datetime(2025, 11, 24)),
        ("1/24/2022", datetime(2022, 1, 24)),
        ("2025年11月26日 10:30", datetime(2025, 11, 26, 10, 30)),
        ("ngày 24 tháng 1 năm 2022", datetime(2022, 1, 24)),
        ("12:00 PM, Feb 29, 2023", None),  # no such day
        ("version 3.2.1 of the model", None),
    ],
)
def test_parse_date(text: str, expected: datetime | None) -> None:
    assert parse_date(text) == expected


def test_iso_with_zone_becomes_naive() -> None:
    assert parse_date("2025-10-14T09:00:00+02:00") == datetime(2025, 10, 14, 9)


def test_earliest_date_in_a_line_wins() -> None:
    match = find_date("Updated 2025-03-04, first published March 1, 2025")
    assert match is not None and match.value == datetime(2025, 3, 4)
    assert (match.start, match.end) == (8, 18)


@pytest.mark.parametrize(
    ("line", "is_dateline"),
    [
        ("Published: Jan 24, 2022 06:06 PM", True),
        ("6 min readFeb 7, 2022", True),
        ("Tuesday, 23/04/2024 10:15 (GMT+7)", True),
        ("2025年11月26日 来源:科技前沿网", True),
        ("Asia Tech Daily staff — Nov 26, 2025", True),
        ("China's AI news in the week of January 30, 2022", False),
        ("The center opened on May 31, 2021, the first of its kind in the region.", False),
    ],
)
def test_dateline_date(line: str, is_dateline: bool) -> None:
    assert (dateline_date(line) is not None) is is_dateline


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Written by Example Weekly", "Example Weekly"),
        ("By Kenji Watanabe | November 26, 2025", "Kenji Watanabe"),
        ("(Reporting by Kenji Watanabe; Editing by Sarah Lin)", "Kenji Watanabe"),
        ("(记者 王芳)", "王芳"),
        ("作者:李明", "李明"),
        ("By 2025, China will add more capacity", None),
        ("Tác giả: Nguyễn Văn An", "Nguyễn Văn An"),
    ],
)
def test_author_in(line: str, name: str | None) -> None:
    assert author_in(normalise_text(line)) == name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Source : Trí Thức Trẻ", "Trí Thức Trẻ"),
        ("Nguồn: VnExpress", "VnExpress"),
        ("2025/11/26 10:32 来源:黔南科技报", "黔南科技报"),
        ("来源:科技前沿网(附英文摘要)", "科技前沿网"),
        ("Theo VnExpress", "VnExpress"),
        ("Theo các chuyên gia, thị trường sẽ tăng", None),
        ("The source of the figures is unclear.", None),
    ],
)
def test_source_credit_in(line: str, name: str | None) -> None:
    assert source_credit_in(normalise_text(line)) == name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tram Ho", True),
        ("Global Times", True),
        ("Recode China AI", True),
        ("Hoàng Anh", True),
        ("Asia Tech Daily staff", True),
        ("Investment News:", False),
        ("the quick brown fox", False),
        ("Top 10 Chips", False),
        ("One Two Three Four Five Six", False),
    ],
)
def test_is_name_like(line: str, expected: bool) -> None:
    assert is_name_like(line) is expected


@pytest.mark.parametrize(
    ("name", "organisation"),
    [
        ("Global Times", True),
        ("Recode China AI", True),
        ("Bloomberg", True),
        ("Tram Ho", False),
        ("Hoàng Anh", False),
    ],
)
def test_is_organisation(name: str, organisation: bool) -> None:
    assert is_organisation(name) is organisation


def metadata(lines: list[str]) -> TextMetadata:
    text = normalise_text("\n".join(lines))
    return text_metadata(text, assign_roles(text, split_paragraphs(text)))


BODY = (
    "The operator said the new cluster will deliver about 2 exaflops of AI compute when it is "
    "fully installed next year, making it the largest in the region."
)


def test_metadata_person_byline_and_trailing_publication() -> None:
    meta = metadata(
        ["A Title", "Jane Doe", "Published: Mar 3, 2025 10:00 AM", BODY, "Example Times"]
    )
    assert meta.title == "A Title"
    assert meta.author == "Jane Doe"
    assert meta.publisher == "Example Times"
    assert meta.published_at == datetime(2025, 3, 3, 10)
    assert meta.published_at_source == "Mar 3, 2025 10:00 AM"


def test_metadata_ignores_dates_in_the_body() -> None:
    meta = metadata(["A Title", BODY + " It opened on May 31, 2021."])
    assert meta.published_at is None
    assert meta.author is None and meta.publisher is None


def test_metadata_source_credit_beats_names() -> None:
    meta = metadata(["A Title", "Minh Khang", BODY, "Share the news now", "Source : Báo Đầu Tư"])
    assert (meta.author, meta.publisher) == ("Minh Khang", "Báo Đầu Tư")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_date_parsing_never_raises(text: str) -> None:
    match = find_date(text)
    if match is not None:
        assert 0 <= match.start < match.end <= len(text)
    parse_date(text)
    dateline_date(text)
    author_in(text)
    source_credit_in(text)


DATE_CHARACTERS = "0123456789/-.: 年月日JanuryFebMchApilMyJunJlyAugSeptOctNovDc,thngàytháng"


@given(st.text(alphabet=st.sampled_from(DATE_CHARACTERS), max_size=30))
@settings(max_examples=500, deadline=None)
def test_a_line_without_19_or_20_holds_no_date(line: str) -> None:
    """find_date skips lines without a year's first two digits: no format matches them."""
    if "19" not in line and "20" not in line:
        assert not any(pattern.search(line) for pattern in DATE_PATTERNS)
        assert find_date(line) is None


@pytest.mark.parametrize(
    "line", ["Jan 24, 2022 06:06 PM", "24/1/1999", "2025年11月26日", "ngày 24 tháng 1 năm 2022"]
)
def test_dates_with_a_year_are_still_found(line: str) -> None:
    assert find_date(line) is not None
