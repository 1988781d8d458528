"""Contract for ``ingest_errors``: documents a run could not read or process."""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from newsfacts.pipeline import IngestError
from schemas.articles import SOURCE_URI
from schemas.tables import frame_of, table_of

STAGES = (
    "source (a configured path or WARC file is missing), discover (a feed or sitemap could not"
    " be listed), fetch (a download failed), robots (robots.txt forbids the URL: recorded, never"
    " fetched, not counted as a failure), warc (a damaged archive), read, decode (a warning:"
    " loaded with U+FFFD), normalise or extract"
)


class IngestErrorSchema(pa.DataFrameModel):
    """Grain: one row per document, run and stage; key ``(run_id, source_uri, stage)``.

    The batch's frame has no ``run_id`` nor ``recorded_at``: the loader sets them.
    """

    run_id: str = pa.Field(description="Run key (raw.runs.run_id).")
    source_uri: str = pa.Field(description=SOURCE_URI)
    stage: str = pa.Field(description=f"Where it went wrong: {STAGES}.")
    error: str = pa.Field(description="The error, in words (exception type and message).")
    content_hash: str = pa.Field(
        nullable=True, description="SHA-256 of the bytes when they could be read; null otherwise."
    )
    recorded_at: pl.Datetime("us", "UTC") = pa.Field(
        description="When the error was recorded (UTC)."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "ingest_errors",
            "grain": "one row per document a run could not read or process, per stage",
            "key": ["run_id", "source_uri", "stage"],
            "comment": "One row per document a run could not read or process (grain: run_id,"
            " source_uri, stage). The batch goes on without it.",
            "set_by_load": ["run_id", "recorded_at"],
            "audited": False,
        }


INGEST_ERRORS = table_of(IngestErrorSchema)


def ingest_errors_frame(errors: Sequence[IngestError]) -> pl.DataFrame:
    """One ``ingest_errors`` row per error (the loader adds ``run_id`` and ``recorded_at``)."""
    return frame_of(INGEST_ERRORS, errors)
