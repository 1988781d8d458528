"""The age checks (freshness_days, ecb_rates_age_days) measured at a moment that means something.

A fixed corpus (the bundled samples) is judged at the run's reference date, so it does
not warn on freshness forever as the calendar moves on, while a corpus that really is
stale still warns; live sources are judged at the clock. The ECB rates the money facts
are priced with warn once the newest is older than the configured age, and every fact
keeps the day and the basis of its rate.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.dq_config import DQConfigError, parse_dq_config
from newsfacts.fx import newest_file_date
from newsfacts.settings import Settings, SettingsError
from tests.conftest import SAMPLES
from tests.loading import load_paths
from warehouse.dq import open_for_checks, run_checks

# a warehouse built from the samples per test, or a timing: the slow set (.ci/run)
pytestmark = pytest.mark.slow

TODAY = datetime(2026, 12, 3, tzinfo=UTC)  # a year after the samples' reference date
REFERENCE = Settings().reference_date


def grade(warehouse: str, **kwargs) -> dict[str, tuple[str, str]]:
    """(status, message) of each age check on ``warehouse``, with the repository's dq.toml."""
    config = Settings().with_dq().quality
    with open_for_checks(warehouse) as (con, problems):
        report = run_checks(con, config, "test", schema_problems=problems, **kwargs)
    return {
        r.check_name: (r.status, r.message)
        for r in report.results
        if r.check_name in ("freshness_days", "ecb_rates_age_days")
    }


@pytest.fixture(scope="module")
def samples_warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    settings = Settings(warehouse=str(tmp_path_factory.mktemp("samples") / "s.duckdb"))
    load_paths([SAMPLES], settings)
    return settings.warehouse


@pytest.fixture(scope="module")
def stale_warehouse(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fixed corpus whose newest article is from June 2024: stale at its reference date."""
    folder = tmp_path_factory.mktemp("stale")
    for name in ("01_recode_weekly_newsletter.txt", "04_industries_tencent_idc.txt"):
        shutil.copy(SAMPLES / name, folder / name)
    settings = Settings(warehouse=str(folder / "stale.duckdb"))
    load_paths([folder], settings)
    return settings.warehouse


def test_the_samples_are_fresh_at_their_reference_date_not_a_year_on(samples_warehouse) -> None:
    at_clock = grade(samples_warehouse, now=TODAY)
    assert at_clock["freshness_days"][0] == "warn"  # what CI said on every run so far
    fixed = grade(samples_warehouse, now=TODAY, reference_date=REFERENCE, as_of="reference_date")
    status, message = fixed["freshness_days"]
    assert status == "pass", message
    assert "before 2026-01-01 (as_of reference_date)" in message
    # the same moment named by its date, as dq.toml or --as-of may name it
    assert grade(samples_warehouse, now=TODAY, as_of="2026-01-01")["freshness_days"][0] == "pass"


def test_a_really_stale_fixed_corpus_still_warns(stale_warehouse) -> None:
    fixed = grade(stale_warehouse, now=TODAY, reference_date=REFERENCE, as_of="reference_date")
    status, message = fixed["freshness_days"]
    assert status == "warn"
    assert "newest article published 2024-06-18" in message
    assert "561 days before 2026-01-01" in message  # from 2024-06-18 21:33


def test_old_ecb_rates_warn_and_every_fact_keeps_its_rate_day(tmp_path: Path) -> None:
    newest = newest_file_date()
    folder = tmp_path / "after"
    folder.mkdir()
    # published 4 and 40 days after the newest ECB rate, in three languages
    early, late = (
        date.fromordinal(newest.toordinal() + 4),
        date.fromordinal(newest.toordinal() + 40),
    )
    (folder / "early_en.txt").write_text(
        "Nordhavn Compute books EUR 2.4 billion for a Danish GPU hall\n"
        f"Published: {early:%Y-%m-%d}\n\n"
        "Nordhavn Compute said on Tuesday it had raised €2.4 billion to build a GPU hall near"
        " Aarhus, with room for 40,000 accelerators by 2028.\n",
        encoding="utf-8",
    )
    (folder / "late_vi.txt").write_text(
        f"Quỹ Nhật đầu tư vào trung tâm dữ liệu\nNgày đăng: {late:%d/%m/%Y}\n\n"
        "Một quỹ của Nhật Bản cho biết sẽ rót 90 tỷ yên vào ba trung tâm dữ liệu AI"
        " tại Bắc Ninh trong năm năm tới.\n",
        encoding="utf-8",
    )
    # articles dated after the default reference date must keep their dates
    settings = Settings(warehouse=str(tmp_path / "w.duckdb"), reference_date=date(2030, 1, 1))
    load_paths([folder], settings)
    with duckdb.connect(settings.warehouse) as con:
        priced = con.execute(
            "select unit, cast(published_at as date), usd_rate_date, usd_rate_basis,"
            " value_usd is not null from main.facts where kind = 'money' order by unit"
        ).fetchall()
    assert ("EUR", early, newest, "published_at", True) in priced
    # 40 days past the last rate is past conversion_max_gap_days: no rate, no guess
    assert ("JPY", late, None, None, False) in priced

    later = datetime.combine(date.fromordinal(newest.toordinal() + 45), datetime.min.time(), UTC)
    status, message = grade(settings.warehouse, now=later)["ecb_rates_age_days"]
    assert status == "warn", message
    assert f"newest ECB rate of {newest:%Y-%m-%d}, 45 days ago" in message
    assert f"{len(priced)} of {len(priced)} money facts are of articles published after it" in (
        message
    )
    soon = datetime.combine(date.fromordinal(newest.toordinal() + 3), datetime.min.time(), UTC)
    assert grade(settings.warehouse, now=soon)["ecb_rates_age_days"][0] == "pass"


def test_the_ecb_age_is_configurable(samples_warehouse) -> None:
    text = "[checks.ecb_rates_age_days]\nwarn_above = 400\n"
    config = parse_dq_config(text)
    later = datetime(2027, 6, 1, tzinfo=UTC)
    with open_for_checks(samples_warehouse) as (con, problems):
        loose = run_checks(con, config, "test", now=later, schema_problems=problems)
        strict = run_checks(con, Settings().with_dq().quality, "test", now=later)
    assert loose.result("ecb_rates_age_days").status == "pass"
    assert strict.result("ecb_rates_age_days").status == "warn"


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "", "1 Jan 2026"])
def test_an_as_of_that_is_no_moment_is_one_clear_error(value: str) -> None:
    with pytest.raises(DQConfigError, match="as_of must be now, reference_date or a date"):
        parse_dq_config(f"[checks.freshness_days]\nas_of = {value!r}\n")
    with pytest.raises(SettingsError, match="NEWSFACTS_DQ_AS_OF must be"):
        Settings(dq_as_of=value)


def test_check_as_of_reference_date_passes_the_samples(samples_warehouse, tmp_path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(samples_warehouse, copy)
    args = ["check", "--warehouse", str(copy), "--markdown", str(tmp_path / "dq.md")]
    fixed = CliRunner().invoke(app, [*args, "--as-of", "reference_date"])
    table = (tmp_path / "dq.md").read_text(encoding="utf-8")
    freshness = next(line for line in table.splitlines() if "freshness_days" in line)
    assert "pass" in freshness and "as_of reference_date" in freshness, fixed.output
    bad = CliRunner().invoke(app, [*args, "--as-of", "soon"])
    assert bad.exit_code == 2 and "NEWSFACTS_DQ_AS_OF must be" in bad.output
