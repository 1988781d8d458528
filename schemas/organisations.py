"""Contract for ``organisations``: the reference table of organisation names, in the warehouse."""

from __future__ import annotations

import pandera.polars as pa

from newsfacts.organisations import KINDS, LANGS, ORIGINS
from schemas.tables import table_of


class OrganisationSchema(pa.DataFrameModel):
    """Grain: one row per alias of an organisation and origin; key ``origin, alias``.

    The rows of ``newsfacts.organisations.load_organisations`` (the packaged
    ``newsfacts/data/organisations.csv`` and the users' files,
    ``Settings.organisation_files``), replaced at the start of every run
    (``origin`` seed or config), and the rows an analyst inserts by hand (``origin``
    manual, the default), which no run, check or migration removes and which the
    next run's attribution reads.
    """

    organisation: str = pa.Field(description="Canonical English name of the organisation.")
    alias: str = pa.Field(
        description="One spelling of it: the canonical name, a legal name, a Chinese or"
        " Vietnamese form (never a ticker or a product name)."
    )
    lang: str = pa.Field(
        isin=sorted(LANGS),
        description="Script of the alias: en (Latin names used in every language), zh or vi.",
    )
    kind: str = pa.Field(
        nullable=True,
        isin=sorted(KINDS),
        description="What the organisation is: chip_maker, cloud, ai_company,"
        " data_centre_operator, telecom, government, ...; null on a manual alias of a known"
        " organisation (inherited).",
    )
    country: str = pa.Field(
        nullable=True,
        str_matches=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 code of its headquarters; null for supranational"
        " bodies (or inherited, on a manual alias).",
    )
    parent: str = pa.Field(
        nullable=True,
        description="Canonical name of the organisation that controls it (Alibaba Cloud ->"
        " Alibaba); null when none.",
    )
    origin: str = pa.Field(
        isin=list(ORIGINS),
        metadata={"default": "manual"},
        description="Where the row comes from: seed (the packaged csv) or config (a user's"
        " file), both replaced by each run; manual (the default: a row an analyst inserted),"
        " never removed by a run, a check or a migration.",
    )

    class Config:
        strict = True
        coerce = False
        metadata = {
            "table": "organisations",
            "grain": "one row per alias of an organisation and origin",
            "key": ["origin", "alias"],
            "comment": "One row per alias of an organisation and origin (grain: origin, alias):"
            " the reference table claims are attributed with. Each run replaces the seed and"
            " config rows; insert a row (origin manual) to add a name, and the next run reads it.",
            "audited": False,
        }


ORGANISATIONS = table_of(OrganisationSchema)
