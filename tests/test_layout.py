"""The design card: pure logic never imports orchestration or storage; imports go one way."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsfacts.dq_config import load_dq_config
from tests.conftest import REPO
from warehouse.db import (
    LAYERS,
    VIEW_LAYERS,
    SqlLayoutError,
    build_order,
    references,
    relation_name,
    render,
    sql_files,
    view_files,
)

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


# The relation a file creates: ``create [or replace] table|view [if not exists] <name>``.
_CREATE = re.compile(
    r"\bcreate\s+(?:or\s+replace\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?([\w.]+)",
    re.IGNORECASE,
)


def test_every_relation_is_one_sql_file_named_after_it() -> None:
    files = [path for layer in LAYERS for path in sql_files(layer)]
    assert len(files) > 25
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _CREATE.findall(text) == [relation_name(path)], path
        assert "grain" in text.lower(), f"{path} does not state its grain"
    assert {p.parent.name for p in (REPO / "warehouse" / "sql").rglob("*.sql")} <= set(LAYERS)


def test_views_are_built_after_what_they_read_and_otherwise_by_name() -> None:
    views = {
        "main.b": "create or replace view main.b as select * from main.a join staging.s using (k)",
        "main.a": "create or replace view main.a as select * from staging.s -- not main.c",
        "main.c": "create or replace view main.c as select 'main.b' as raw_text from raw.t",
        "staging.s": "create or replace view staging.s as select * from raw.t",
    }
    assert build_order(views, {"raw.t"}) == ["main.c", "staging.s", "main.a", "main.b"]
    assert build_order(views, {"raw.t", "raw.unused"}) == build_order(
        dict(reversed(views.items())), {"raw.t"}
    )


def test_a_cycle_or_an_unknown_relation_is_a_clear_error() -> None:
    cycle = {
        "main.a": "create or replace view main.a as select * from main.b",
        "main.b": "create or replace view main.b as select * from main.a",
        "main.c": "create or replace view main.c as select 1",
    }
    with pytest.raises(SqlLayoutError, match=r"cycle: main\.a, main\.b$"):
        build_order(cycle, set())
    unknown = {"main.a": "create or replace view main.a as select * from main.typo join raw.t"}
    with pytest.raises(SqlLayoutError, match=r"main\.a reads main\.typo: no \.sql file"):
        build_order(unknown, {"raw.t"})


def test_the_project_views_have_a_build_order() -> None:
    from schemas import TABLES

    raw = {f"raw.{name}" for name in TABLES}
    order = [relation_name(path) for path in view_files(raw)]
    assert sorted(order) == sorted(
        relation_name(path) for layer in VIEW_LAYERS for path in sql_files(layer)
    )
    assert order.index("main.usd_rates") < order.index("main.facts")
    assert order.index("main.facts") < order.index("main.investments")
    assert max(i for i, n in enumerate(order) if n.startswith("staging.")) < min(
        i for i, n in enumerate(order) if n.startswith("main.")
    )


VIEW_FILES = [path for layer in VIEW_LAYERS for path in sql_files(layer)]
# what a view of each layer may read
MAY_READ = {"staging": ("raw.", "staging."), "marts": ("staging.", "main.")}


def view_query(path: Path) -> dict:
    """DuckDB's own parse (``json_serialize_sql``) of the query a view file creates."""
    sql = render(path.read_text(encoding="utf-8"), load_dq_config().rows)
    statements = duckdb.extract_statements(sql)
    (create,) = [s for s in statements if s.type == duckdb.StatementType.CREATE]
    query = re.split(r"\bview\s+\S+\s+as\b", create.query, maxsplit=1, flags=re.IGNORECASE)[1]
    tree = json.loads(duckdb.execute("select json_serialize_sql(?)", [query]).fetchone()[0])
    assert not tree["error"], (path, tree)
    return tree


def nodes(tree: object) -> Iterator[dict]:
    if isinstance(tree, dict):
        yield tree
        tree = list(tree.values())
    if isinstance(tree, list):
        for item in tree:
            yield from nodes(item)


@pytest.mark.parametrize("path", VIEW_FILES, ids=relation_name)
def test_a_view_reads_only_what_its_layer_may(path: Path) -> None:
    tree = view_query(path)
    read = {
        f"{n['schema_name']}.{n['table_name']}"
        for n in nodes(tree)
        if n.get("type") == "BASE_TABLE" and n["schema_name"]
    }
    assert sorted(r for r in read if not r.startswith(MAY_READ[path.parent.name])) == []
    # the build order sees exactly what DuckDB parses
    assert references(path.read_text(encoding="utf-8")) - {relation_name(path)} == read


@pytest.mark.parametrize("path", VIEW_FILES, ids=relation_name)
def test_a_view_leaves_ordering_to_its_queries(path: Path) -> None:
    # a query's (or subquery's) order by is a modifier; an ordered window (``over (order
    # by ...)``) or aggregate (``list(x order by y)``) keeps its order elsewhere in the tree
    ordered = [
        modifier
        for n in nodes(view_query(path))
        for modifier in n.get("modifiers", [])
        if modifier["type"] == "ORDER_MODIFIER"
    ]
    assert ordered == []
