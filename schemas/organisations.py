"""Contract for ``organisations``: the reference list of organisation names (a seed)."""

from __future__ import annotations

import pandera.polars as pa

from schemas.tables import table_of


class OrganisationSchema(pa.DataFrameModel):
    """Grain: one row per spelling of an organisation; key ``alias``.

    A seed: ``warehouse/sql/raw/organisations.sql`` holds the rows, and the meta-test
    holds its columns to this model.
    """

    organisation: str = pa.Field(description="Canonical organisation name.")
    alias: str = pa.Field(
        description="A spelling, brand or product name that stands for the organisation."
    )
    pattern: str = pa.Field(
        description="RE2 pattern that finds the alias (whole words for latin names)."
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "organisations",
            "grain": "one row per spelling of an organisation",
            "key": ["alias"],
            "comment": "One row per spelling of an organisation (grain: alias). Reference list"
            " the marts attribute facts with; edit warehouse/sql/raw/organisations.sql to extend"
            " it.",
            "audited": False,
            "seed": True,
        }


ORGANISATIONS = table_of(OrganisationSchema)
