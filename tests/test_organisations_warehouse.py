"""raw.organisations: the seed each run reloads, and the rows analysts add, which stay."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from newsfacts.organisations import COLUMNS, load_organisations
from newsfacts.settings import Settings
from tests.loading import load_paths
from warehouse.db import open_warehouse
from warehouse.ddl import declaration_mismatches
from warehouse.organisations import manual_organisation_rows

ARTICLE = "Acme Compute opens a cluster\n\nAcme Compute said the cluster delivers 5 exaflops.\n"
# What an analyst types: no origin, so the row is manual.
MANUAL_INSERT = (
    "insert into raw.organisations (organisation, alias, lang, kind, country)"
    " values ('Acme Compute', 'Acme Compute', 'en', 'data_centre_operator', 'VN')"
)
MANUAL_ROW = {
    "organisation": "Acme Compute",
    "alias": "Acme Compute",
    "lang": "en",
    "kind": "data_centre_operator",
    "country": "VN",
    "parent": "",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def origins(warehouse: str) -> dict[str, int]:
    with duckdb.connect(warehouse, read_only=True) as con:
        return dict(
            con.execute("select origin, count(*) from raw.organisations group by all").fetchall()
        )


def test_a_run_loads_the_packaged_seed(corpus: Path, settings: Settings) -> None:
    load_paths([corpus], settings)
    packaged = load_organisations()
    assert origins(settings.warehouse) == {"seed": len(packaged.aliases)}
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        nvidia = con.execute(
            "select kind, country, parent, origin from raw.organisations where alias = '英伟达'"
        ).fetchall()
    assert nvidia == [("chip_maker", "US", None, "seed")]


def test_a_manual_row_survives_runs_checks_and_migrations_and_joins_attribution(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    load_paths([corpus], settings)
    with duckdb.connect(settings.warehouse) as con:
        con.execute(MANUAL_INSERT)
        con.execute("delete from raw.migrations")  # the next open migrates again
    seeded = origins(settings.warehouse)
    assert seeded["manual"] == 1

    load_paths([corpus], settings)  # a run
    result = CliRunner().invoke(app, ["check", "--warehouse", settings.warehouse])  # a check
    assert result.exit_code in (0, 1), result.output
    with open_warehouse(settings.warehouse) as con:  # and a migration
        assert manual_organisation_rows(con) == [MANUAL_ROW]
        listed = con.execute(
            "select organisation, kind, country, aliases, origins from main.organisations"
            " where organisation = 'Acme Compute'"
        ).fetchall()
    assert origins(settings.warehouse) == seeded
    assert listed == [("Acme Compute", "data_centre_operator", "VN", ["Acme Compute"], ["manual"])]
    # the next run's attribution reads it, as an alias the packaged table lacks
    assert settings.organisation_table.canonical("Acme Compute") is None
    carried = settings.with_organisations([MANUAL_ROW])
    assert carried.organisation_table.canonical("acme compute") == "Acme Compute"
    assert carried.organisation_table.organisations["Acme Compute"].country == "VN"


def test_reloading_replaces_the_rows_from_files_only(
    corpus: Path, settings: Settings, tmp_path: Path
) -> None:
    config = tmp_path / "orgs.csv"
    config.write_text(
        ",".join(COLUMNS) + "\nBeta Cloud,Beta Cloud,en,cloud,SG,\nNvidia,Nvidia SG,en,,,\n",
        encoding="utf-8",
    )
    configured = Settings(warehouse=settings.warehouse, organisation_files=(str(config),))
    load_paths([corpus], configured)
    with duckdb.connect(settings.warehouse) as con:
        con.execute(MANUAL_INSERT)
        config_rows = con.execute(
            "select organisation, alias, kind, country from raw.organisations"
            " where origin = 'config' order by all"
        ).fetchall()
    # a config alias of a packaged organisation inherits its kind and country
    assert config_rows == [
        ("Beta Cloud", "Beta Cloud", "cloud", "SG"),
        ("Nvidia", "Nvidia SG", "chip_maker", "US"),
    ]
    load_paths([corpus], configured)
    assert origins(settings.warehouse)["config"] == 2  # replaced, not added again
    load_paths([corpus], settings)  # the file is no longer configured: its rows go
    counts = origins(settings.warehouse)
    assert "config" not in counts and counts["manual"] == 1
    assert counts["seed"] == len(load_organisations().aliases)


def test_a_bad_manual_row_is_named_when_the_run_reads_it(corpus: Path, settings: Settings) -> None:
    from newsfacts.organisations import OrganisationError

    load_paths([corpus], settings)
    with duckdb.connect(settings.warehouse) as con:
        con.execute(
            "insert into raw.organisations (organisation, alias, lang, kind)"
            " values ('Acme', 'Huawei', 'en', 'other')"
        )
    with pytest.raises(OrganisationError, match=r"manual row 1 \('Acme', 'Huawei'\).*Huawei"):
        load_paths([corpus], settings)


def test_the_seed_table_of_earlier_releases_is_replaced_by_the_declared_one(
    corpus: Path, settings: Settings
) -> None:
    load_paths([corpus], settings)
    with duckdb.connect(settings.warehouse) as con:
        facts = con.execute("select count(*) from raw.facts").fetchone()
        con.execute("drop table raw.organisations")
        con.execute(
            "create table raw.organisations as select 'Nvidia' as organisation,"
            " 'Nvidia' as alias, '\\bNvidia\\b' as pattern"
        )
        con.execute("delete from raw.migrations")  # as an earlier release left it
    with open_warehouse(settings.warehouse) as con:
        assert declaration_mismatches(con) == []
        assert con.execute("select count(*) from raw.organisations").fetchone() == (0,)
        assert con.execute("select count(*) from raw.facts").fetchone() == facts
    load_paths([corpus], settings)
    assert set(origins(settings.warehouse)) == {"seed"}


def test_organisation_files_come_from_the_environment_and_the_sources_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import os

    from newsfacts.sources import SourcesError, parse_sources

    monkeypatch.setenv("NEWSFACTS_ORGANISATIONS", os.pathsep.join(["a.csv", "/srv/b.csv"]))
    assert Settings.from_env().organisation_files == ("a.csv", "/srv/b.csv")
    text = (
        '[[sources]]\ntype = "folder"\npath = "articles"\n\n[organisations]\nfiles = ["orgs.csv"]\n'
    )
    parsed = parse_sources(text, tmp_path)
    assert parsed.organisation_files == (tmp_path / "orgs.csv",)
    both = Settings.from_env().with_organisation_files(parsed.organisation_files)
    assert both.organisation_files == ("a.csv", "/srv/b.csv", str(tmp_path / "orgs.csv"))
    with pytest.raises(SourcesError, match="organisations: unknown keys"):
        parse_sources(text.replace("files", "paths"), tmp_path)


def test_a_bad_organisation_file_stops_newsfacts_run_before_it_starts(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bad = tmp_path / "orgs.csv"
    bad.write_text(",".join(COLUMNS) + "\nAcme,华为,zh,other,CN,\n", encoding="utf-8")
    monkeypatch.setenv("NEWSFACTS_ORGANISATIONS", str(bad))
    warehouse = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--warehouse", str(warehouse)])
    assert result.exit_code == 2
    assert "clashes with alias" in result.output and not warehouse.exists()
