"""Contract for ``dq_check_results``: every data-quality check of every check run."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.tables import table_of


class DQCheckResultSchema(pa.DataFrameModel):
    """Grain: one row per check per check run; key ``(check_run_id, check_name)``."""

    check_run_id: str = pa.Field(
        description="Key of one run of the checks (a pipeline run's quality step or one"
        " `newsfacts check`)."
    )
    run_id: str = pa.Field(
        nullable=True,
        description="The pipeline run that was checked (raw.runs.run_id): the newest run at"
        " check time.",
    )
    invoked_by: str = pa.Field(
        description="Who ran the checks: flow (the etl flow's quality gate) or cli"
        " (`newsfacts check`)."
    )
    checked_at: pl.Datetime("us", "UTC") = pa.Field(description="When the checks ran (UTC).")
    check_name: str = pa.Field(description="The check, as named under [checks.<name>] in dq.toml.")
    check_kind: str = pa.Field(
        description="validity, completeness, freshness, volume, schema or consistency."
    )
    status: str = pa.Field(
        description="pass, warn or error: the metric graded against the thresholds in force."
    )
    metric: float = pa.Field(
        nullable=True,
        description="The measured value (a share, a ratio, days, a count); null when there was"
        " nothing to measure.",
    )
    count_observed: pl.Int64 = pa.Field(
        nullable=True, description="The count behind the metric (e.g. quarantined facts)."
    )
    count_total: pl.Int64 = pa.Field(
        nullable=True,
        description="The count it is a share of, or the previous value it is compared with.",
    )
    warn_threshold: str = pa.Field(
        nullable=True, description="When the check warns, e.g. '> 0.02'; null for none."
    )
    error_threshold: str = pa.Field(
        nullable=True,
        description="When the check fails at severity error, e.g. '> 0.1'; null for none.",
    )
    message: str = pa.Field(description="What was found, in words.")
    config_source: str = pa.Field(
        nullable=True, description="The dq.toml the thresholds came from."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "dq_check_results",
            "grain": "one row per data-quality check per check run",
            "key": ["check_run_id", "check_name"],
            "comment": "One row per data-quality check per check run (grain: check_run_id,"
            " check_name).",
            "audited": False,
            "primary_key": True,
        }


DQ_CHECK_RESULTS = table_of(DQCheckResultSchema)
