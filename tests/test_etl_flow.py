"""The real `etl` flow end to end, under one session-scoped Prefect server."""

from __future__ import annotations

import duckdb
import pytest

from flows.etl import etl
from flows.progress import progress_listener
from newsfacts.settings import Settings
from tests.conftest import SEEDS, needs_shared

TABLES = ("raw_documents", "articles", "paragraphs", "facts", "quarantined_facts")


def table_counts(path: str) -> dict[str, int]:
    with duckdb.connect(path, read_only=True) as con:
        return {t: con.execute(f"select count(*) from raw.{t}").fetchone()[0] for t in TABLES}


@pytest.mark.slow
@needs_shared(SEEDS)
def test_flow_loads_seeds_and_a_rerun_adds_nothing(prefect_harness, tmp_path) -> None:
    settings = Settings(warehouse=str(tmp_path / "wh.duckdb"), batch_size=2)
    reports: list[tuple[int, int]] = []
    with progress_listener(lambda documents, added: reports.append((documents, added.facts))):
        first = etl([str(SEEDS)], settings)
    after_first = table_counts(settings.warehouse)
    second = etl([str(SEEDS)], settings)
    after_second = table_counts(settings.warehouse)

    assert first.status == "completed"
    assert first.count_documents == 5
    assert after_first["articles"] == 5
    assert after_first["facts"] > 0
    assert first.counts.facts == after_first["facts"]
    assert after_second == after_first
    # one progress report per batch of two, adding up to the run's totals
    assert [d for d, _ in reports] == [2, 2, 1]
    assert sum(f for _, f in reports) == first.counts.facts
    assert (second.counts.articles, second.counts.facts, second.counts.quarantined_facts) == (
        0,
        0,
        0,
    )

    with duckdb.connect(settings.warehouse, read_only=True) as con:
        runs = con.execute("select run_id, status from main.runs order by started_at").fetchall()
        broken = con.execute(
            "select text, reason from main.quarantined_facts where text = 'US $ billion'"
        ).fetchall()
        views = con.execute("select count(*) from main.facts").fetchone()[0]
    assert [r[1] for r in runs] == ["completed", "completed"]
    assert [r[0] for r in runs] == [first.run_id, second.run_id]
    assert len(broken) == 1 and broken[0][1]
    assert views == after_first["facts"]


@pytest.mark.slow
def test_the_same_story_from_two_sites_is_linked_not_loaded_twice(
    prefect_harness, tmp_path
) -> None:
    from tests.conftest import SAMPLES

    wire = SAMPLES / "10_wire_softbank_japan_ai_datacenters.txt"
    reprint = SAMPLES / "11_asiatech_softbank_japan_ai_datacenters.html"
    settings = Settings(warehouse=str(tmp_path / "wh.duckdb"), publish_path="")
    first = etl([str(wire)], settings)
    second = etl([str(reprint)], settings)

    assert first.counts.facts > 0
    assert (second.counts.articles, second.counts.facts) == (1, 0)
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        rows = con.execute(
            "select a.article_id, a.duplicate_of, count(f.fact_id) from raw.articles a"
            " left join raw.facts f using (article_id)"
            " group by a.article_id, a.duplicate_of, a.source_uri order by a.source_uri"
        ).fetchall()
    (wire_id, wire_dup, wire_facts), (_reprint_id, reprint_dup, reprint_facts) = rows
    assert (wire_dup, wire_facts) == (None, first.counts.facts)
    assert (reprint_dup, reprint_facts) == (wire_id, 0)


@pytest.mark.slow
@needs_shared(SEEDS)
def test_a_run_reads_fingerprints_once_and_links_across_its_batches(
    prefect_harness, tmp_path
) -> None:
    from collections import Counter

    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    from tests.conftest import SAMPLES

    wire = SAMPLES / "10_wire_softbank_japan_ai_datacenters.txt"
    reprint = SAMPLES / "11_asiatech_softbank_japan_ai_datacenters.html"
    settings = Settings(warehouse=str(tmp_path / "wh.duckdb"), publish_path="", batch_size=1)
    state = etl([str(wire), str(reprint), str(SEEDS)], settings, return_state=True)
    summary = state.result()

    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(
            flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[state.state_details.flow_run_id])
            )
        )
    calls = Counter(run.name.rsplit("-", 1)[0] for run in task_runs)
    assert calls["validate_and_load"] == 7  # one batch per document
    assert calls["read_fingerprints"] == 1  # once per run, not once per batch
    # the reprint links to the wire story loaded by an earlier batch of the same run
    assert summary.counts.articles == 7
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        linked = con.execute(
            "select count(*), count(f.fact_id) from raw.articles a"
            " left join raw.facts f using (article_id) where a.duplicate_of is not null"
        ).fetchone()
    assert linked == (1, 0)


@pytest.mark.slow
def test_a_manual_organisation_survives_runs_and_checks_and_is_read_by_the_next_run(
    prefect_harness, tmp_path
) -> None:
    from typer.testing import CliRunner

    from flows.cli import app
    from flows.etl import seed_organisations
    from tests.test_organisations_warehouse import ARTICLE, MANUAL_INSERT, MANUAL_ROW

    article = tmp_path / "acme.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    settings = Settings(warehouse=str(tmp_path / "wh.duckdb"), publish_path="")
    assert etl([str(article)], settings).status == "completed"
    with duckdb.connect(settings.warehouse) as con:
        con.execute(MANUAL_INSERT)
    assert etl([str(article)], settings).status == "completed"
    result = CliRunner().invoke(app, ["check", "--warehouse", settings.warehouse])
    assert result.exit_code in (0, 1), result.output
    with duckdb.connect(settings.warehouse, read_only=True) as con:
        manual = con.execute(
            "select organisation, alias, origin from raw.organisations where origin = 'manual'"
        ).fetchall()
    assert manual == [("Acme Compute", "Acme Compute", "manual")]
    carried = seed_organisations.fn(settings)
    assert carried.organisation_rows == (tuple(MANUAL_ROW.values()),)
    assert carried.organisation_table.canonical("Acme Compute") == "Acme Compute"
