"""The quality gate inside the real `etl` flow: history, artifacts, a failed state on errors."""

from __future__ import annotations

import duckdb
import pytest

from flows.etl import etl
from flows.quality import ARTIFACT_KEY, DataQualityError
from newsfacts.settings import Settings
from tests.test_dq import BAD_CORPUS, BAD_ROWS


def artifacts_of(flow_run_id: str) -> dict[str, object]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


@pytest.mark.slow
def test_an_error_severity_failure_fails_the_flow_run_but_keeps_the_record(
    prefect_harness, settings: Settings
) -> None:
    state = etl([str(BAD_CORPUS)], settings, return_state=True)
    assert state.is_failed()
    with pytest.raises(DataQualityError, match="quarantined_facts_share"):
        state.result()

    with duckdb.connect(settings.warehouse, read_only=True) as con:
        runs = con.execute("select run_id, status, count_documents from raw.runs").fetchall()
        quarantined = con.execute("select text from raw.quarantined_facts").fetchall()
        results = con.execute(
            "select run_id, invoked_by, check_name, status from raw.dq_check_results"
        ).fetchall()
    assert len(runs) == 1 and runs[0][1:] == ("failed", 4)  # it loaded, then failed its gate
    assert sorted(t for (t,) in quarantined) == sorted(BAD_ROWS)
    assert {r[0] for r in results} == {runs[0][0]}
    assert {r[1] for r in results} == {"flow"}
    assert {r[2] for r in results if r[3] == "error"} == {
        "quarantined_facts_share",
        "conversion_agreement",
    }

    artifacts = artifacts_of(str(state.state_details.flow_run_id))
    assert {ARTIFACT_KEY, f"{ARTIFACT_KEY}-summary"} <= set(artifacts)
    assert artifacts[f"{ARTIFACT_KEY}-summary"].type == "markdown"
    assert "❌ error" in artifacts[f"{ARTIFACT_KEY}-summary"].data
    assert artifacts[ARTIFACT_KEY].type == "table"
