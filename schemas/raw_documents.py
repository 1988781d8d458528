"""Contract for ``raw_documents``: the bytes of every distinct document, as fetched."""

from __future__ import annotations

from collections.abc import Sequence

import pandera.polars as pa
import polars as pl

from newsfacts.model import RawDocument
from schemas.articles import CONTENT_HASH, MEDIA_TYPE, SOURCE_URI
from schemas.tables import frame_of, table_of


class RawDocumentSchema(pa.DataFrameModel):
    """Grain: one row per distinct document content; key ``content_hash``."""

    content_hash: str = pa.Field(str_matches=r"^[0-9a-f]{64}$", description=CONTENT_HASH)
    source_uri: str = pa.Field(description=SOURCE_URI)
    media_type: str = pa.Field(description=MEDIA_TYPE)
    provenance: str = pa.Field(
        nullable=True,
        description="Where inside the source the document was: e.g. the WARC-Record-ID.",
    )
    fetched_at: pl.Datetime("us", "UTC") = pa.Field(
        description="When the bytes were read or downloaded (UTC)."
    )
    content: bytes = pa.Field(description="The document's bytes, untouched.")

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "raw_documents",
            "grain": "one row per distinct document content",
            "key": ["content_hash"],
            "comment": "One row per distinct document content (grain: content_hash). The bytes"
            " exactly as fetched, for reprocessing without refetching.",
        }


RAW_DOCUMENTS = table_of(RawDocumentSchema)


def raw_documents_frame(raws: Sequence[RawDocument]) -> pl.DataFrame:
    """One ``raw_documents`` row per document."""
    return frame_of(RAW_DOCUMENTS, raws)
