"""The design card: pure logic never imports orchestration or storage; imports go one way."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

# package -> top-level modules it must never import
FORBIDDEN = {
    "newsfacts": {"prefect", "prefect_dask", "duckdb", "flows", "schemas", "warehouse"},
    "schemas": {"prefect", "duckdb", "flows", "warehouse"},
    "warehouse": {"prefect", "flows"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_go_one_way(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_modules(path) & FORBIDDEN[package])
        for path in (REPO / package).rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_newsfacts_loads_neither_prefect_nor_duckdb() -> None:
    modules = sorted(
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        for p in (REPO / "newsfacts").rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'prefect', 'duckdb'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_every_relation_is_one_sql_file_named_after_it() -> None:
    for path in (REPO / "warehouse" / "sql").rglob("*.sql"):
        text = path.read_text(encoding="utf-8").lower()
        name = path.stem.split("__")[-1]
        assert f".{name} " in text or f".{name}\n" in text or f" {name} " in text, path
        assert "grain" in text, f"{path} does not state its grain"
