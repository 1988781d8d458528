"""Each table declared once: what a pandera model says of its table.

A table's model (one module per table in ``schemas/``) carries everything about it:
its grain in the docstring and in ``Config.metadata``, its key, and each column's
type, nullability and description. Everything else is derived from the model here:

* the frame a batch builds for it (``Table.frame_schema``);
* the raw table's columns, types and ``not null`` constraints, which
  ``warehouse.ddl`` renders as DDL and ``COMMENT ON`` statements;
* the columns the loads insert and the key they keep unique;
* the quarantine twin (``quarantined_facts`` of ``facts``): the same columns, all
  nullable but the key, with ``failed_checks`` and ``reason``.

``Config.metadata`` keys: ``table`` (the raw table), ``grain`` (in words), ``key``
(the columns that make a row unique), ``comment`` (the table's comment),
optionally ``not_stored`` (frame columns the table does not keep), ``set_by_load``
(table columns the loader fills, not the batch), ``audited`` (false for tables the
loads do not append to, so no ``loaded_run_id``) and ``primary_key`` (declare the
key as a primary key: only for tables the loads do not append to, see
``warehouse.db.RAW_KEYS``). A column's ``pa.Field(metadata={"default": ...})`` is
the text the table gives a row inserted without it (string columns only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import TypeVar

import pandera.polars as pa
import polars as pl

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: name, polars type, whether it may be null, and what it is."""

    name: str
    dtype: pl.DataType
    nullable: bool
    description: str
    default: str | None = None  # the value a row inserted without this column gets


@dataclass(frozen=True, slots=True)
class Table:
    """A raw table as its model declares it."""

    name: str
    grain: str
    comment: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]  # the stored columns, in table order
    frame_columns: tuple[Column, ...]  # the columns of the batch's frame, in model order
    primary_key: bool = False
    quarantine_of: str | None = None  # for a twin: the table whose failed rows it keeps

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def loaded_columns(self) -> list[str]:
        """The stored columns a batch's frame provides (the loader adds the rest)."""
        provided = {c.name for c in self.frame_columns}
        return [c.name for c in self.columns if c.name in provided]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(f"{self.name} has no column {name!r}")

    def frame_schema(self) -> dict[str, pl.DataType]:
        """The polars schema of the batch frame for this table."""
        return {c.name: c.dtype for c in self.frame_columns}


LOADED_RUN_ID = Column(
    "loaded_run_id", pl.String(), False, "The run (raw.runs.run_id) that first loaded this row."
)
FAILED_CHECKS = Column(
    "failed_checks", pl.List(pl.String()), True, "Names of the contract checks the row failed."
)
REASON = Column("reason", pl.String(), False, "Why the row was quarantined, in words.")


def _dtype(column: object) -> pl.DataType:
    dtype = column.dtype.type  # type: ignore[attr-defined]
    return dtype() if isinstance(dtype, type) else dtype


def model_columns(model: type[pa.DataFrameModel]) -> tuple[Column, ...]:
    """Every column of ``model`` with its type, nullability and description."""
    schema = model.to_schema()
    missing = [name for name, c in schema.columns.items() if not c.description]
    if missing:
        raise ValueError(f"{model.__name__}: no description for {', '.join(missing)}")
    return tuple(
        Column(name, _dtype(c), bool(c.nullable), c.description, (c.metadata or {}).get("default"))
        for name, c in schema.columns.items()
    )


def metadata(model: type[pa.DataFrameModel]) -> Mapping[str, object]:
    found = model.__config__.metadata or {}
    for needed in ("table", "grain", "key", "comment"):
        if needed not in found:
            raise ValueError(f"{model.__name__}: Config.metadata has no {needed!r}")
    return found


def table_of(model: type[pa.DataFrameModel]) -> Table:
    """The raw table ``model`` declares."""
    meta = metadata(model)
    frame = model_columns(model)
    not_stored = set(meta.get("not_stored", ()))
    set_by_load = set(meta.get("set_by_load", ()))
    stored = [c for c in frame if c.name not in not_stored]
    audited = meta.get("audited", True)
    return Table(
        name=str(meta["table"]),
        grain=str(meta["grain"]),
        comment=str(meta["comment"]),
        key=tuple(meta["key"]),
        columns=(*stored, LOADED_RUN_ID) if audited else tuple(stored),
        frame_columns=tuple(c for c in frame if c.name not in set_by_load),
        primary_key=bool(meta.get("primary_key", False)),
    )


def quarantine_twin(
    of: Table,
    name: str,
    comment: str,
    keep: Iterable[str] | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> Table:
    """The table keeping the rows of ``of`` that failed a check, and why.

    The same columns (or those in ``keep``), all nullable but the key, then
    ``failed_checks`` and ``reason``; ``descriptions`` overrides a column's
    description where it means something else for a failed row.
    """
    kept = set(keep) if keep is not None else None
    descriptions = descriptions or {}

    def relaxed(c: Column) -> Column:
        return replace(
            c,
            nullable=c.name not in of.key,
            description=descriptions.get(c.name, c.description),
        )

    frame = [
        relaxed(c)
        for c in of.frame_columns
        if c.name != REASON.name and (kept is None or c.name in kept)
    ]
    return Table(
        name=name,
        grain=of.grain,
        comment=comment,
        key=of.key,
        columns=(*frame, FAILED_CHECKS, REASON, LOADED_RUN_ID),
        frame_columns=(*frame, FAILED_CHECKS, REASON),
        quarantine_of=of.name,
    )


def frame_of(
    table: Table,
    items: Sequence[T],
    computed: Mapping[str, Callable[[T], object]] | None = None,
    source: Callable[[T], object] | None = None,
) -> pl.DataFrame:
    """The batch frame of ``table`` for ``items``, built column by column.

    A column takes the same-named attribute of ``source(item)`` (the item itself by
    default) unless ``computed`` gives a function for it; tuples become lists. So a
    field added to a model's dataclass and to its contract reaches the frame without
    a builder to edit.
    """
    computed = computed or {}
    sources = items if source is None else [source(item) for item in items]
    columns: dict[str, list[object]] = {}
    for c in table.frame_columns:
        get = computed.get(c.name)
        values = list(map(attrgetter(c.name), sources) if get is None else map(get, items))
        if isinstance(c.dtype, pl.List):
            values = [None if v is None else list(v) for v in values]  # type: ignore[call-overload]
        columns[c.name] = values
    return pl.DataFrame(columns, schema=table.frame_schema())
