"""One settings object, built once by the entry point and passed down.

Nothing here reads the environment at import time: ``Settings.from_env`` is
called explicitly by the CLI, and tests build ``Settings(...)`` directly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from newsfacts.dq_config import DQConfig, DQConfigError, check_as_of, load_dq_config
from newsfacts.organisations import COLUMNS, OrganisationTable, load_organisations
from newsfacts.relevance import Relevance
from newsfacts.version import extractor_version

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_CORPUS = PROJECT_ROOT / "samples" / "articles"
DEFAULT_WAREHOUSE = PROJECT_ROOT / "warehouse" / "newsfacts.duckdb"


# where a command-line run finds its Prefect API without PREFECT_API_URL (flows.prefect_api)
PREFECT_SERVERS: tuple[str, ...] = ("local", "ephemeral")


class SettingsError(ValueError):
    """A setting that cannot be used: the message names it and what it must be."""


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a run needs to know that is not its input."""

    # a DuckDB file, or ``ducklake:sqlite:<file>`` / ``ducklake:postgres:<dsn>[?data_path=...]``
    warehouse: str = str(DEFAULT_WAREHOUSE)
    # documents per task; 1,000 keeps Prefect's per-task cost near 1 % of a run, memory flat
    batch_size: int = 1000
    # trafilatura's date extraction is pinned to this date so reruns are deterministic
    reference_date: date = date(2026, 1, 1)
    languages: tuple[str, ...] = ("en", "zh", "vi")
    max_document_bytes: int = 20 * 1024 * 1024
    # seconds to normalise, extract and label one document; a slower one is an
    # ingest_errors row, not loaded (0: no limit)
    max_document_seconds: float = 60.0
    # the rules' own version (newsfacts.version): facts an older one made are a check's warning
    extractor_version: str = field(default_factory=extractor_version)
    full_refresh: bool = False
    extra: dict[str, str] = field(default_factory=dict)
    # data-quality rules, severities and thresholds; None: the repository's dq.toml
    dq_config: str | None = None
    # ``dq_config`` parsed, once a run (``with_dq``); None: not read yet
    dq: DQConfig | None = None
    # sources, scheduling and scale (docs/operations.md)
    sources_file: str | None = None  # a newsfacts.toml; None: the paths given to the run
    # switches trafilatura's SSRF protection off: intranet crawls and loopback tests only
    allow_private_hosts: bool = False
    task_runner: str = "threads"  # "threads" | "dask"
    workers: int = 1  # threads of the thread runner, or local Dask workers without an address
    dask_address: str | None = None  # e.g. "tcp://scheduler:8786"; None starts a local cluster
    # analysts read this snapshot, republished atomically after each run; None:
    # ``<warehouse folder>/published/<warehouse file>``; "" turns publishing off
    publish_path: str | None = None
    # how long a writer (a run, a check) waits for another to finish with the warehouse
    # file, or for an analyst's shell on it to close, before it gives up in one line
    lock_wait_seconds: float = 120.0
    # the Prefect API of a command-line run without PREFECT_API_URL (flows.prefect_api):
    # "local", one local server started once and reused, or "ephemeral", Prefect's
    # temporary server in every process; the local one stops after this many idle seconds
    # the moment the age checks (freshness_days, ecb_rates_age_days) are measured at:
    # "now", "reference_date" (a fixed corpus: the bundled samples) or YYYY-MM-DD;
    # None: each check's own as_of in dq.toml (default now)
    dq_as_of: str | None = None
    prefect_server: str = "local"
    prefect_idle_seconds: float = 900.0
    prefect_startup_seconds: float = 90.0  # how long to wait for a local server to start
    # users' organisation files (newsfacts.organisations), read after the packaged csv:
    # NEWSFACTS_ORGANISATIONS (os.pathsep-separated), then the sources file's [organisations]
    organisation_files: tuple[str, ...] = ()
    # the rows analysts added to raw.organisations, in the csv's columns (``with_organisations``)
    organisation_rows: tuple[tuple[str, ...], ...] = ()
    # web archives: HTML pages naming no keyword of the relevance prefilter are skipped before
    # extraction (counted in raw.runs.count_skipped_offtopic); True keeps them all
    keep_offtopic: bool = False
    # a TOML file of keyword lists (en = [...], zh, vi) replacing newsfacts.relevance's
    keywords_file: str | None = None

    @property
    def relevance(self) -> Relevance | None:
        """The prefilter web archives are read with; None when off-topic pages are kept."""
        if self.keep_offtopic:
            return None
        return _relevance(self.keywords_file)

    @property
    def published_warehouse(self) -> Path | None:
        """Where the read-only analyst snapshot is published, or None (DuckLake, off)."""
        if self.publish_path == "" or self.warehouse.startswith("ducklake:"):
            return None
        if self.warehouse == ":memory:":
            return None
        if self.publish_path:
            return Path(self.publish_path)
        working = Path(self.warehouse)
        return working.parent / "published" / working.name

    def with_dq(self) -> Settings:
        """These settings carrying ``dq_config`` parsed (read once: kept when already read).

        Raises ``DQConfigError`` for a file that cannot be read or parsed.
        """
        if self.dq is not None:
            return self
        return replace(self, dq=load_dq_config(self.dq_config))

    @property
    def quality(self) -> DQConfig:
        """The parsed dq.toml; ``with_dq`` must have read it."""
        if self.dq is None:
            raise RuntimeError("dq.toml was not read: call Settings.with_dq() first")
        return self.dq

    def with_organisation_files(self, files: Iterable[str | Path]) -> Settings:
        """These settings with ``files`` read after the organisation files they name."""
        added = tuple(str(f) for f in files if str(f) not in self.organisation_files)
        if not added:
            return self
        return replace(self, organisation_files=(*self.organisation_files, *added))

    def with_organisations(self, manual_rows: Iterable[Mapping[str, object]] = ()) -> Settings:
        """These settings carrying ``manual_rows`` for the organisation table, checked now.

        ``manual_rows`` are the rows analysts added to the warehouse
        (``warehouse.organisations.manual_organisation_rows``), in the csv's columns.
        Raises ``newsfacts.organisations.OrganisationError`` naming every bad row of
        the files or of ``manual_rows``.
        """
        rows = tuple(tuple(str(row.get(c) or "") for c in COLUMNS) for row in manual_rows)
        carried = replace(self, organisation_rows=rows)
        _ = carried.organisation_table  # read, and so checked, here
        return carried

    @property
    def organisation_table(self) -> OrganisationTable:
        """The organisation table claims are attributed with: the packaged csv, then
        ``organisation_files``, then ``organisation_rows``.

        Read once a process for the same files (and file versions) and rows, so every
        batch of a run, on threads or Dask workers, gets it for the price of a lookup.
        """
        versions = tuple(
            (f, Path(f).stat().st_mtime_ns if Path(f).is_file() else -1)
            for f in self.organisation_files
        )
        return _organisation_table(versions, self.organisation_rows)

    def __post_init__(self) -> None:
        for name in ("batch_size", "workers"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise SettingsError(f"{name.replace('_', ' ')} must be at least 1, not {value!r}")
        if self.dq_as_of is not None:
            try:
                check_as_of(self.dq_as_of, "NEWSFACTS_DQ_AS_OF")
            except DQConfigError as exc:
                raise SettingsError(str(exc)) from None
        if self.prefect_server not in PREFECT_SERVERS:
            raise SettingsError(
                f"NEWSFACTS_PREFECT_SERVER must be one of {', '.join(PREFECT_SERVERS)},"
                f" not {self.prefect_server!r}"
            )

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from ``NEWSFACTS_*`` environment variables, then ``overrides``."""
        env: dict[str, object] = {}
        if "NEWSFACTS_WAREHOUSE" in os.environ:
            env["warehouse"] = os.environ["NEWSFACTS_WAREHOUSE"]
        for key, name, kind, what in (
            ("batch_size", "NEWSFACTS_BATCH_SIZE", int, "a whole number"),
            ("lock_wait_seconds", "NEWSFACTS_LOCK_WAIT", float, "a number of seconds"),
            ("prefect_idle_seconds", "NEWSFACTS_PREFECT_IDLE", float, "a number of seconds"),
            ("prefect_startup_seconds", "NEWSFACTS_PREFECT_STARTUP", float, "a number of seconds"),
            (
                "max_document_seconds",
                "NEWSFACTS_MAX_DOCUMENT_SECONDS",
                float,
                "a number of seconds",
            ),
        ):
            if name in os.environ:
                try:
                    env[key] = kind(os.environ[name])
                except ValueError:
                    raise SettingsError(
                        f"{name} must be {what}, not {os.environ[name]!r}"
                    ) from None
        if "NEWSFACTS_REFERENCE_DATE" in os.environ:
            try:
                env["reference_date"] = date.fromisoformat(os.environ["NEWSFACTS_REFERENCE_DATE"])
            except ValueError:
                raise SettingsError(
                    "NEWSFACTS_REFERENCE_DATE must be a date (YYYY-MM-DD), not"
                    f" {os.environ['NEWSFACTS_REFERENCE_DATE']!r}"
                ) from None
        if "NEWSFACTS_LANGUAGES" in os.environ:
            env["languages"] = tuple(os.environ["NEWSFACTS_LANGUAGES"].split(","))
        if "NEWSFACTS_ORGANISATIONS" in os.environ:
            files = os.environ["NEWSFACTS_ORGANISATIONS"].split(os.pathsep)
            env["organisation_files"] = tuple(f for f in files if f)
        for key, name in (
            ("dask_address", "NEWSFACTS_DASK_ADDRESS"),
            ("publish_path", "NEWSFACTS_PUBLISH_PATH"),
            ("sources_file", "NEWSFACTS_SOURCES"),
            ("keywords_file", "NEWSFACTS_KEYWORDS"),
            ("prefect_server", "NEWSFACTS_PREFECT_SERVER"),
            ("dq_as_of", "NEWSFACTS_DQ_AS_OF"),
        ):
            if name in os.environ:
                env[key] = os.environ[name]
        env.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **env)


@lru_cache(maxsize=8)
def _relevance(keywords_file: str | None) -> Relevance:
    """The prefilter of ``keywords_file`` (the packaged lists without one), read once."""
    return Relevance.from_toml(keywords_file) if keywords_file else Relevance()


@lru_cache(maxsize=8)
def _organisation_table(
    files: tuple[tuple[str, int], ...], rows: tuple[tuple[str, ...], ...]
) -> OrganisationTable:
    """The table of ``files`` (each with the version it was read at) and ``rows``."""
    return load_organisations(
        [f for f, _ in files], extra_rows=[dict(zip(COLUMNS, r, strict=True)) for r in rows]
    )
