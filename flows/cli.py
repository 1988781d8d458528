"""The ``newsfacts`` command line: parses options and calls the Python API, nothing more.

Heavy imports (Prefect, DuckDB) happen inside the commands that need them, so
``newsfacts extract`` starts fast.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsfacts.settings import DEFAULT_WAREHOUSE, SAMPLE_CORPUS, Settings

app = typer.Typer(
    help="Numeric facts (FLOPS, money, percentages) from news about AI computing.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

WarehouseOption = Annotated[
    str | None,
    typer.Option("--warehouse", "-w", help=f"DuckDB file (default {DEFAULT_WAREHOUSE})."),
]


def _quiet_prefect() -> None:
    """Prefect defaults for a command-line run; the user's own settings win."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


@app.command()
def run(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders of .txt/.html articles (default: the sample corpus)."
        ),
    ] = None,
    warehouse: WarehouseOption = None,
    batch_size: Annotated[int | None, typer.Option(help="Documents per task.")] = None,
) -> None:
    """Run the ETL flow over PATHS into the warehouse."""
    _quiet_prefect()
    from flows.etl import etl

    settings = Settings.from_env(warehouse=warehouse, batch_size=batch_size)
    sources = [str(p) for p in (paths or [SAMPLE_CORPUS])]
    with err.status("running the etl flow (Prefect starts a local server first)…"):
        summary = etl(sources, settings)
    c = summary.counts
    err.print(
        f"[bold]run {summary.run_id}[/] {summary.status}: {summary.count_documents} documents, "
        f"{c.articles} new articles, {c.facts} new facts, {c.quarantined_facts} quarantined, "
        f"{c.ingest_errors} ingest errors → {settings.warehouse}"
    )
    if summary.status != "completed":
        raise typer.Exit(1)


def _fact_json(doc: str, fact: object) -> str:
    return json.dumps(
        {
            "doc": doc,
            "kind": fact.kind,
            "text": fact.text,
            "start": fact.start,
            "end": fact.end,
            "value": fact.value,
            "value_high": fact.value_high,
            "unit": fact.unit,
            "status": fact.status,
            "reason": fact.reason,
        },
        ensure_ascii=False,
    )


@app.command()
def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="Article files to read.")] = None,
    cases: Annotated[
        Path | None,
        typer.Option(help='JSONL of {"id", "input"[, "lang"]}: extract from each input.'),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of --cases inputs without a lang.")] = "en",
) -> None:
    """Print one JSON object per fact found (doc, kind, text, start, end, value, ...)."""
    from newsfacts.extract import extract_facts
    from newsfacts.pipeline import extract_article_facts, process_documents, read_files

    out = sys.stdout
    if cases is not None:
        for line in cases.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            for fact in extract_facts(case["input"], case.get("lang") or lang):
                out.write(_fact_json(str(case["id"]), fact) + "\n")
    if files:
        settings = Settings.from_env()
        raws, errors = read_files(files, settings)
        batch = process_documents(raws, settings)
        for error in [*errors, *batch.errors]:
            err.print(f"[red]error[/] {error.source_uri} ({error.stage}): {error.error}")
        names = {r.content_hash: Path(r.source_uri).name for r in raws}
        for article in batch.articles:
            for fact in extract_article_facts(article):
                out.write(_fact_json(names[article.content_hash], fact) + "\n")
        if errors or batch.errors:
            raise typer.Exit(1)
    if cases is None and not files:
        raise typer.BadParameter("give FILES or --cases")


if __name__ == "__main__":
    app()
