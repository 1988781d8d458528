"""A newcomer's ``uv run newsfacts run``, first and second time, under each Prefect API option.

Rerun it with::

    uv run python benchmarks/bench_prefect_api.py                     # every option, ~6 min
    uv run python benchmarks/bench_prefect_api.py --options local ephemeral --json out.json

For each option it makes a fresh clone of a repository (default: this checkout's
``main``) beside this checkout (so ``../shared`` is beside it too), with a Prefect
home of its own and nothing from this environment's Prefect or newsfacts settings,
then times ``uv run newsfacts run`` twice there, wall clock, as a newcomer types it:
the first run builds the virtual environment (from uv's cache) and the warehouse, the
second finds both. Options:

* ``local``: the default: the first run starts a local Prefect server, detached, and
  the second reuses it (``flows.prefect_api``);
* ``ephemeral``: Prefect's temporary server in every process (the old default);
* ``ephemeral-memory-db``: the same with Prefect's database in memory (SQLite
  ``:memory:``), so no database file is opened or migrated on disk;
* ``ephemeral-no-setup``: the same with the server's start-up database migration and
  block registration switched off (``PREFECT_API_DATABASE_MIGRATE_ON_START``,
  ``PREFECT_API_BLOCKS_REGISTER_ON_START``) on a home whose database already exists.

``PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS`` is only how long Prefect waits
for its temporary server, never faster; it is not an option here.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OPTIONS: dict[str, dict[str, str]] = {
    "local": {},
    "ephemeral": {"NEWSFACTS_PREFECT_SERVER": "ephemeral"},
    "ephemeral-memory-db": {
        "NEWSFACTS_PREFECT_SERVER": "ephemeral",
        "PREFECT_API_DATABASE_CONNECTION_URL": "sqlite+aiosqlite:///:memory:",
    },
    "ephemeral-no-setup": {
        "NEWSFACTS_PREFECT_SERVER": "ephemeral",
        "PREFECT_API_DATABASE_MIGRATE_ON_START": "false",
        "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
    },
}


def clean_env(home: Path, option: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PREFECT_", "NEWSFACTS_", "VIRTUAL_ENV", "UV_PROJECT"))
    }
    return {**env, "PREFECT_HOME": str(home), **OPTIONS[option]}


def timed_run(clone: Path, env: dict[str, str]) -> float:
    start = time.monotonic()
    done = subprocess.run(
        ["uv", "run", "newsfacts", "run"], cwd=clone, env=env, capture_output=True, text=True
    )
    seconds = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"uv run newsfacts run failed ({done.returncode}):\n{done.stderr}")
    return seconds


def measure(option: str, source: str, where: Path) -> dict[str, float]:
    """First- and second-run seconds of ``uv run newsfacts run`` in a fresh clone."""
    work = Path(tempfile.mkdtemp(prefix=f".bench-prefect-{option}-", dir=where))
    clone, home = work / "newsfacts", work / "prefect-home"
    try:
        subprocess.run(["git", "clone", "--quiet", source, str(clone)], check=True)
        env = clean_env(home, option)
        if option == "ephemeral-no-setup":  # the database must exist before it can be skipped
            setup = {**env, "PREFECT_API_DATABASE_MIGRATE_ON_START": "true"}
            subprocess.run(
                ["uv", "run", "prefect", "server", "database", "upgrade", "-y"],
                cwd=clone,
                env=setup,
                capture_output=True,
                check=True,
            )
        first = timed_run(clone, env)
        second = timed_run(clone, env)
        return {"first_run_seconds": round(first, 1), "second_run_seconds": round(second, 1)}
    finally:
        if option == "local":
            subprocess.run(
                [
                    "uv",
                    "run",
                    "python",
                    "-c",
                    "import sys; from pathlib import Path;"
                    " from flows.prefect_api import stop_server; stop_server(Path(sys.argv[1]))",
                    str(home),
                ],
                cwd=clone,
                env=clean_env(home, option),
                capture_output=True,
            )
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", default=str(REPO), help="repository to clone (default: here)")
    parser.add_argument("--options", nargs="+", choices=list(OPTIONS), default=list(OPTIONS))
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    results = {}
    print(f"{'option':<22} {'first run':>10} {'second run':>11}  (seconds, wall clock)")
    for option in args.options:
        results[option] = measure(option, args.repo, REPO.parent)
        r = results[option]
        print(f"{option:<22} {r['first_run_seconds']:>10} {r['second_run_seconds']:>11}")
        sys.stdout.flush()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
