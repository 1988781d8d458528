"""The wheel works outside the checkout: built, installed in a fresh venv, run from elsewhere.

``uv build --wheel`` builds the package, a fresh virtual environment gets the locked
dependencies and that wheel (offline: after ``uv sync`` the cache holds them all), and
the venv's own ``newsfacts run`` loads a copy of a few sample articles from a folder
that is not the checkout. Everything the run reads besides its input (the SQL files,
``shell_init.sql``, the default ``dq.toml``) must therefore come from the wheel.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.prefect_api import stop_server
from newsfacts.settings import Settings
from tests.conftest import REPO, SAMPLES
from tests.loading import load_paths

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

ARTICLES = (
    "02_vn_translated_fpt_ai_factory.txt",
    "06_zh_gb18030_guian_zhisuan_center.txt",
    "08_eu_ai_gigafactories.html",
)

FACTS = (
    'select kind, unit, text, start, "end", value, value_high, value_usd, lang, null as reason'
    " from facts union all"
    ' select kind, unit, text, start, "end", value, value_high, null, lang, reason'
    " from quarantined_facts order by all"
)


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"{args[:3]} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def rows(python: Path, warehouse: Path, cwd: Path, env: dict[str, str]) -> list[list]:
    """The facts of ``warehouse``, read with the venv's own python and duckdb."""
    code = (
        "import duckdb, json, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(json.dumps(con.execute(sys.argv[2]).fetchall()))\n"
    )
    return json.loads(run([str(python), "-c", code, str(warehouse), FACTS], cwd, env))


def test_the_installed_wheel_runs_the_pipeline_from_another_folder(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("uv is needed to build and install the wheel: python3 -m pip install uv")
    dist, venv, elsewhere = tmp_path / "dist", tmp_path / "venv", tmp_path / "elsewhere"
    run([uv, "build", "--wheel", "--offline", "--quiet", "--out-dir", str(dist)], REPO)
    (wheel,) = dist.glob("newsfacts-*.whl")
    run([uv, "venv", "--offline", "--quiet", "--python", sys.executable, str(venv)], REPO)
    # the locked dependencies only, then the wheel itself (not the checkout, not editable)
    sync_env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv)}
    sync_env.pop("VIRTUAL_ENV", None)
    sync = [uv, "sync", "--frozen", "--offline", "--no-dev", "--no-install-project", "--quiet"]
    run(sync, REPO, sync_env)
    python = venv / "bin" / "python"
    install = [uv, "pip", "install", "--offline", "--no-deps", "--quiet"]
    run([*install, "--python", str(python), str(wheel)], REPO)

    corpus = elsewhere / "corpus"
    corpus.mkdir(parents=True)
    for name in ARTICLES:
        shutil.copy(SAMPLES / name, corpus / name)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PREFECT_API_URL", "PREFECT_API_KEY")
        and not key.startswith("NEWSFACTS_")
    }
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    # the code and the default dq.toml the venv imports are the wheel's, not the checkout's
    where = run(
        [str(python), "-c", "import newsfacts.dq_config as c; print(c.__file__)"], elsewhere, env
    )
    assert Path(where.strip()).is_relative_to(venv)
    newsfacts = venv / "bin" / "newsfacts"
    try:  # the run starts the wheel's local Prefect server in that home: stopped after
        run([str(newsfacts), "run", "corpus", "--warehouse", "wh.duckdb"], elsewhere, env)
    finally:
        stop_server(Path(env["PREFECT_HOME"]))

    installed = rows(python, elsewhere / "wh.duckdb", elsewhere, env)
    # the same articles through the checkout's pipeline functions give the same facts
    settings = Settings(warehouse=str(tmp_path / "checkout.duckdb"))
    load_paths([corpus], settings)
    expected = rows(python, Path(settings.warehouse), elsewhere, env)
    facts = [row for row in installed if row[-1] is None]
    assert len(facts) > 10
    assert {row[0] for row in facts} == {"compute", "money", "percent"}
    assert installed == expected
