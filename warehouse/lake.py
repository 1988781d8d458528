"""Writers that run at once on one DuckLake cataloged in PostgreSQL, and which are alive.

With a file warehouse one writer holds the writer's lock (``warehouse.lock``), so a
run still marked running in ``raw.runs`` is a dead one. On a DuckLake on PostgreSQL
many runs write at once (each with a part of the sources; the loads' conflicts are
handled by ``warehouse.db.write_transaction``), so a run must tell the others it is
alive: it holds a PostgreSQL advisory lock named after its run id, in the catalog's
database, for as long as it runs (``RunLease``). The lock is the server's, held by the
run's own database session, so it goes when the run's process dies (SIGKILL, a crash,
the machine), and ``live_runs`` finds dead runs on any machine by trying their locks.

DuckDB's ``postgres`` extension keeps a PostgreSQL connection to itself only inside a
transaction: the lease holds one open for the run's life.
"""

from __future__ import annotations

import zlib

import duckdb

from warehouse.db import DUCKLAKE_PREFIX, ducklake_attach_sql, load_extension

LOCK_SPACE = 0x6E66  # "nf": the first key of our advisory locks, the second is the run's


def catalog_dsn(target: str) -> str | None:
    """The PostgreSQL connection string of a ``ducklake:postgres:`` warehouse, else None."""
    if not target.startswith(f"{DUCKLAKE_PREFIX}postgres:"):
        return None
    catalog, _ = ducklake_attach_sql(target)
    return catalog.removeprefix(f"{DUCKLAKE_PREFIX}postgres:")


def run_key(run_id: str) -> int:
    """The advisory lock's second key (a signed 32-bit integer) for a run id (hex)."""
    try:
        value = int(run_id[:8], 16)
    except ValueError:
        value = zlib.crc32(run_id.encode())
    return (value & 0xFFFFFFFF) - (1 << 32 if value & 0x80000000 else 0)


def _session(dsn: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    load_extension(con, "postgres")
    escaped = dsn.replace("'", "''")
    con.execute(f"attach '{escaped}' as catalog (type postgres)")
    return con


def _query(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    escaped = sql.replace("'", "''")
    return con.execute(f"select * from postgres_query('catalog', '{escaped}')").fetchone()[0]


class RunLease:
    """A run's advisory lock in the catalog's PostgreSQL, held until ``close``."""

    def __init__(self, target: str, run_id: str) -> None:
        dsn = catalog_dsn(target)
        if dsn is None:
            raise ValueError(f"{target} is not a DuckLake on PostgreSQL")
        self.run_id = run_id
        self._con = _session(dsn)
        self._con.execute("begin transaction")  # keeps the one PostgreSQL session
        _query(self._con, f"select pg_advisory_lock({LOCK_SPACE}, {run_key(run_id)})")

    def close(self) -> None:
        """Release the lock (closing the session releases it)."""
        self._con.close()

    def __enter__(self) -> RunLease:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def live_runs(target: str, run_ids: list[str]) -> set[str]:
    """Which of ``run_ids`` a live writer still holds the lease of."""
    dsn = catalog_dsn(target)
    if dsn is None or not run_ids:
        return set()
    con = _session(dsn)
    try:
        con.execute("begin transaction")
        alive = set()
        for run_id in run_ids:
            key = run_key(run_id)
            if _query(con, f"select pg_try_advisory_lock({LOCK_SPACE}, {key})"):
                _query(con, f"select pg_advisory_unlock({LOCK_SPACE}, {key})")
            else:
                alive.add(run_id)
        con.execute("rollback")
    finally:
        con.close()
    return alive
