"""``newsfacts report --html``: a self-contained page whose charts really render in Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from flows.quality_page import (
    KIND_COLOURS,
    ORGANISATION_COLOUR,
    QUARANTINE_COLOUR,
    render_quality_page,
)
from newsfacts.settings import Settings
from tests.conftest import SAMPLES
from tests.loading import load_paths
from tests.png import count_colour, read_png
from warehouse.quality_page import QualityPageData

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--force-color-profile=srgb",
    "--hide-scrollbars",
]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        message = "Chromium is needed: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("report")
    settings = Settings(warehouse=str(root / "report.duckdb"))
    load_paths([SAMPLES], settings)
    page = root / "report.html"
    result = CliRunner().invoke(
        app, ["report", "--html", str(page), "--warehouse", settings.warehouse]
    )
    assert result.exit_code == 0, result.output
    return page, settings.warehouse


def run_chromium(page: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_page_is_self_contained(report: tuple[Path, str]) -> None:
    html = report[0].read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html) is None
    assert "@import" not in html and "url(" not in html


@pytest.mark.slow
def test_charts_render_in_headless_chromium(report: tuple[Path, str], tmp_path: Path) -> None:
    page, _ = report
    shot = tmp_path / "report.png"
    result = run_chromium(
        page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,2000"
    )
    assert shot.exists(), result.stderr[-2000:]
    image = read_png(shot.read_bytes())
    assert (image.width, image.height) == (1200, 2000)
    # Each chart paints its own colour: a chart that failed to render leaves none.
    for kind, colour in KIND_COLOURS.items():
        assert count_colour(image, colour) > 300, f"no {kind} bars painted"
    assert count_colour(image, ORGANISATION_COLOUR) > 2000, "no organisation bars painted"
    assert count_colour(image, QUARANTINE_COLOUR) > 300, "no quarantine bars painted"


@pytest.mark.slow
def test_rendered_charts_carry_the_warehouse_numbers(
    report: tuple[Path, str], tmp_path: Path
) -> None:
    page, warehouse = report
    dom = run_chromium(page, tmp_path / "profile", "--dump-dom").stdout
    charts = set(re.findall(r'<svg[^>]*data-chart="([^"]+)"', dom))
    assert charts == {"facts-per-kind", "compute-by-organisation", "quarantine-reasons"}
    con = duckdb.connect(warehouse, read_only=True)
    try:
        dated, compute, quarantined = con.execute(
            "select (select count(*) from facts where published_at is not null),"
            " (select count(*) from compute_capacity), (select count(*) from quarantined_facts)"
        ).fetchone()
    finally:
        con.close()
    kind_values = re.findall(r'data-kind="[^"]+" data-value="(\d+)"', dom)
    assert sum(int(v) for v in kind_values) == dated > 0
    org_chart = dom.split('data-chart="compute-by-organisation"')[1].split("</svg>")[0]
    assert sum(int(v) for v in re.findall(r'data-value="(\d+)"', org_chart)) == compute > 0
    reasons = dom.split('data-chart="quarantine-reasons"')[1].split("</svg>")[0]
    assert sum(int(v) for v in re.findall(r'data-value="(\d+)"', reasons)) == quarantined > 0


def empty_report(**changes: object) -> QualityPageData:
    fields = {
        "title": "t",
        "source": "s",
        "generated_at": datetime(2026, 1, 1, tzinfo=UTC),
        "totals": {"articles": 0},
        "facts_by_month": {},
        "count_undated_facts": 0,
        "compute_by_organisation": {},
        "quarantine_reasons": {},
        "ingest_errors": {},
    }
    return QualityPageData(**{**fields, **changes})


def test_an_empty_warehouse_renders_empty_charts() -> None:
    html = render_quality_page(empty_report())
    assert html.count('data-empty="true"') == 3
    assert "No dated facts yet." in html


def test_text_from_articles_is_escaped() -> None:
    html = render_quality_page(
        empty_report(
            compute_by_organisation={"<script>alert(1)</script>": (1, 2.0)},
            quarantine_reasons={'"><img src=x>': 2},
        )
    )
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


def test_report_needs_an_existing_warehouse(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["report", "--html", str(tmp_path / "r.html"), "--warehouse", str(tmp_path / "no.duckdb")],
    )
    assert result.exit_code == 2
    assert not (tmp_path / "r.html").exists()
