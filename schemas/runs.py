"""Contract for ``runs``: the run log, one row per pipeline run."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.tables import table_of


class RunSchema(pa.DataFrameModel):
    """Grain: one row per pipeline run; key ``run_id``."""

    run_id: str = pa.Field(description="Run key (raw.runs.run_id).")
    flow_run_id: str = pa.Field(
        nullable=True,
        description="The Prefect flow run id of the run, to find it in the Prefect UI.",
    )
    started_at: pl.Datetime("us", "UTC") = pa.Field(description="When the run started (UTC).")
    finished_at: pl.Datetime("us", "UTC") = pa.Field(
        nullable=True,
        description="When the run finished (UTC); null while running or if the process died.",
    )
    status: str = pa.Field(
        description="running, completed, failed, or abandoned (killed before it finished;"
        " marked by the next run)."
    )
    sources: pl.List(pl.String) = pa.Field(
        nullable=True, description="The paths, URLs or source names the run was given."
    )
    extractor_version: str = pa.Field(nullable=True, description="Extractor version the run used.")
    count_documents: pl.Int32 = pa.Field(nullable=True, description="Documents the run considered.")
    count_articles_new: pl.Int32 = pa.Field(
        nullable=True, description="Articles the run added (0 on a rerun of the same input)."
    )
    count_paragraphs_new: pl.Int32 = pa.Field(
        nullable=True, description="Paragraphs the run added."
    )
    count_facts_new: pl.Int32 = pa.Field(nullable=True, description="Valid facts the run added.")
    count_quarantined_new: pl.Int32 = pa.Field(
        nullable=True, description="Quarantined facts the run added."
    )
    count_errors: pl.Int32 = pa.Field(
        nullable=True, description="Documents the run recorded in ingest_errors."
    )
    count_skipped_offtopic: pl.Int32 = pa.Field(
        nullable=True,
        description="Web-archive HTML pages the run skipped before extraction because they"
        " name no keyword of the relevance prefilter (off-topic); 0 with --keep-offtopic.",
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "runs",
            "grain": "one row per pipeline run",
            "key": ["run_id"],
            "comment": "One row per pipeline run (grain: run_id).",
            "audited": False,
            "primary_key": True,
        }


RUNS = table_of(RunSchema)
