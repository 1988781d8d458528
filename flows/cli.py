"""The ``newsfacts`` command line: parses options, calls the Python API, prints.

Each command turns its options into ``Settings`` and calls one function of the
API (the flow, the extractor, the checks, search, the quality page); what it
prints is rendered by ``flows.render``. Heavy imports (Prefect, DuckDB, the
extractor) happen inside the commands that need them, so ``--help`` and the
light commands start fast. The analysts' commands (``search``, ``sql``,
``report``) read the published snapshot unless ``--working`` is given.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsfacts.settings import DEFAULT_WAREHOUSE, SAMPLE_CORPUS, Settings

if TYPE_CHECKING:
    from prefect.task_runners import TaskRunner

app = typer.Typer(
    help="Numeric facts (FLOPS, money, percentages) from news about AI computing.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)

WarehouseOption = Annotated[
    str | None,
    typer.Option(
        "--warehouse",
        "-w",
        help=f"DuckDB file (default {DEFAULT_WAREHOUSE}) or ducklake:sqlite:<catalog file>.",
    ),
]


def _quiet_prefect() -> None:
    """Prefect defaults for a command-line run; the user's own settings win."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")


SourcesOption = Annotated[
    Path | None,
    typer.Option("--sources", help="A sources file (newsfacts.toml): folders, URLs, feeds, ..."),
]
TaskRunnerOption = Annotated[
    str | None,
    typer.Option(help="Where extraction batches run: threads (default) or dask."),
]
DaskAddressOption = Annotated[
    str | None,
    typer.Option(help="Dask scheduler (tcp://host:8786); without it dask starts a local cluster."),
]
WorkersOption = Annotated[
    int | None, typer.Option(help="Threads, or local Dask worker processes (default 1).")
]


def _task_runner(settings: Settings) -> TaskRunner:
    """The run's task runner, built once; a bad choice is a usage error before anything runs."""
    from flows.runners import task_runner_for

    try:
        return task_runner_for(settings)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--task-runner") from exc


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
    sources_file: SourcesOption = None,
    full_refresh: Annotated[
        bool,
        typer.Option(
            "--full-refresh",
            help="Rebuild every derived row from the stored raw documents (no refetching).",
        ),
    ] = False,
    task_runner: TaskRunnerOption = None,
    dask_address: DaskAddressOption = None,
    workers: WorkersOption = None,
    keep_offtopic: Annotated[
        bool,
        typer.Option(
            "--keep-offtopic",
            help="Extract every web-archive page, also those the relevance prefilter skips.",
        ),
    ] = False,
) -> None:
    """Run the ETL flow over PATHS and the sources file into the warehouse (incremental).

    With neither, the sample corpus is read; --full-refresh alone rebuilds from
    the stored raw documents. Exit 1 when the run did not complete, 2 when a
    data-quality check failed with an error.
    """
    _quiet_prefect()
    from flows.etl import resolve_sources
    from flows.etl import run_etl as etl
    from newsfacts.settings import SettingsError
    from newsfacts.sources import SourcesError

    try:
        settings = Settings.from_env(
            warehouse=warehouse,
            batch_size=batch_size,
            sources_file=str(sources_file) if sources_file else None,
            full_refresh=full_refresh or None,
            task_runner=task_runner,
            dask_address=dask_address,
            workers=workers,
            keep_offtopic=keep_offtopic or None,
        )
    except SettingsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    runner = _task_runner(settings)
    for path in paths or ():
        if not path.exists() and not path.is_symlink():  # a dangling link is the run's to record
            raise typer.BadParameter(f"{path} does not exist", param_hint="PATHS")
    if paths:
        sources = [str(p) for p in paths]
    else:
        sources = [] if settings.sources_file or full_refresh else [str(SAMPLE_CORPUS)]
        if sources and settings.dq_as_of is None:  # the bundled corpus is a fixed one
            settings = replace(settings, dq_as_of="reference_date")
    try:
        resolved = resolve_sources(sources, settings)  # read once; the flow is handed it
    except SourcesError as exc:
        raise typer.BadParameter(str(exc), param_hint="--sources") from exc
    from newsfacts.organisations import OrganisationError

    try:  # organisation files that cannot be used stop the run before it starts
        _ = settings.with_organisation_files(resolved.organisation_files).organisation_table
    except OrganisationError as exc:
        raise typer.BadParameter(str(exc), param_hint="organisation files") from exc
    from flows.prefect_api import PrefectApiError
    from flows.progress import progress_listener
    from newsfacts.sources import WarcSource

    # the bar has a total when every source says how many documents it brings
    countable = not full_refresh and not any(isinstance(s, WarcSource) for s in resolved.sources)
    from flows.quality import DataQualityError
    from warehouse.db import WarehouseLockedError, WarehouseUnusableError
    from warehouse.publish import PublishError

    try:
        # SIGTERM is one line from here on, while waiting for the lock or the server too;
        # one writer: wait (bounded) for another run or check before Prefect starts
        with (
            _stop_on_sigterm(),
            _writing(settings, "newsfacts run"),
            _prefect_api(settings),
            _run_progress(countable) as bar,
            progress_listener(bar.advance, bar.expect),
        ):
            summary = etl(sources, settings, resolved, runner)
    except DataQualityError as exc:  # an expected outcome: its table, then one line
        from flows.render import dq_table

        Console().print(dq_table(exc.report))
        _say(f"{exc}: see `newsfacts check --warehouse {settings.warehouse}`", "red")
        raise typer.Exit(2) from exc
    except WarehouseUnusableError as exc:
        _say(f"the run did not complete: {exc}", "red")
        raise typer.Exit(2) from exc
    except (WarehouseLockedError, PublishError, PrefectApiError) as exc:
        _say(f"the run did not complete: {exc}", "red")
        raise typer.Exit(1) from exc
    c = summary.counts
    err.print(
        f"[bold]run {summary.run_id}[/] {summary.status}: {summary.count_documents} documents "
        f"({summary.count_skipped} already loaded"
        + (f", {summary.count_offtopic} off-topic pages skipped" if summary.count_offtopic else "")
        + f"), {c.articles} new articles, "
        f"{c.facts} new facts, {c.quarantined_facts} quarantined, "
        f"{c.ingest_errors} ingest errors → {settings.warehouse}"
    )
    if summary.status != "completed":
        raise typer.Exit(1)


@contextmanager
def _prefect_api(settings: Settings) -> Iterator[None]:
    """The run's Prefect API: ``PREFECT_API_URL`` if set, else the local server, reused
    across commands (``flows.prefect_api``), or Prefect's temporary one (``ephemeral``)."""
    from flows.prefect_api import prefect_api

    s = settings
    with prefect_api(s.prefect_server, s.prefect_idle_seconds, s.prefect_startup_seconds):
        yield


def _say(line: str, style: str = "yellow") -> None:
    """One line on stderr, never wrapped (a scheduler's log keeps it whole)."""
    err.print(line, style=style, markup=False, highlight=False, soft_wrap=True)


@contextmanager
def _writing(settings: Settings, holder: str) -> Iterator[None]:
    """Hold the warehouse's writer lock, waiting for another writer and for any process
    with the file open (an analyst's duckdb shell) up to ``settings.lock_wait_seconds``.

    Either that cannot have is one line and exit 1, before anything has started; a
    warehouse that cannot be opened at all (corrupt, not DuckDB, ...) is exit 2.
    """
    from warehouse.db import WarehouseLockedError, WarehouseUnusableError, connect, is_ducklake
    from warehouse.lock import writer_lock

    try:
        with ExitStack() as stack:
            stack.enter_context(
                writer_lock(settings.warehouse, settings.lock_wait_seconds, holder, _say)
            )
            if not is_ducklake(settings.warehouse):
                wait = settings.lock_wait_seconds
                connect(settings.warehouse, wait_seconds=wait, on_wait=_say).close()
            held = stack.pop_all()
    except WarehouseUnusableError as exc:
        _say(str(exc), "red")
        raise typer.Exit(2) from exc
    except WarehouseLockedError as exc:
        _say(str(exc), "red")
        raise typer.Exit(1) from exc
    with held:
        yield


@contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends the run in seconds: workers leave their documents, exit 143, one line.

    During the flow Prefect's own handler runs first (the flow is marked crashed and
    ``etl`` stops the workers); it then hands the signal on to this one.
    """
    import signal

    from newsfacts.limits import request_stop

    def stop(signum: int, frame: object) -> None:
        request_stop()
        err.print(
            "[red]stopped by SIGTERM[/]: the run was left unfinished; "
            "the next run reprocesses what it had not loaded"
        )
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Progress:
    """What the run's progress bar is fed: batches loaded, and documents announced."""

    def __init__(self, progress: Progress, countable: bool) -> None:
        self.progress, self.countable = progress, countable
        self.task = progress.add_task("starting Prefect…", total=None, facts=0)

    def advance(self, documents: int, added: object) -> None:
        facts = self.progress.tasks[0].fields["facts"] + getattr(added, "facts", 0)
        self.progress.update(self.task, advance=documents, description="etl", facts=facts)

    def expect(self, documents: int) -> None:
        """A source will bring ``documents``: the total grows, while every source is counted."""
        if self.countable:
            total = (self.progress.tasks[0].total or 0) + documents
            self.progress.update(self.task, total=total)


class _RateColumn(ProgressColumn):
    """Documents a second, once there is a rate to show."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "– docs/s", style="progress.data.speed")


class _AboveTheBar:
    """Stands for a log handler's console: prints each log line above the live bar."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def print(self, message: object, **kwargs: object) -> None:
        self.console.print(Text(str(message)), soft_wrap=True)


@contextmanager
def _logs_above(console: Console) -> Iterator[None]:
    """Send Prefect's console log lines through ``console`` while its bar is live.

    Prefect's handler prints through a console of its own, straight to the stream, and
    so would write into the middle of the bar; through the bar's console each line is
    printed above it.
    """
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    handlers = {h for lg in loggers for h in lg.handlers if isinstance(h, PrefectConsoleHandler)}
    saved = {handler: handler.console for handler in handlers}
    for handler in handlers:
        handler.console = _AboveTheBar(console)  # type: ignore[assignment]
    try:
        yield
    finally:
        for handler, previous in saved.items():
            handler.console = previous


@contextmanager
def _run_progress(countable: bool) -> Iterator[_Progress]:
    """A rich progress bar fed by the flow's progress reports: documents of the total when
    every source says how many it brings (folders, URL lists, feeds; not WARC files), a
    rate and the time left; Prefect's log lines are printed above it."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        _RateColumn(),
        TextColumn("· ETA"),
        TimeRemainingColumn(),
        TextColumn("· {task.fields[facts]} new facts ·"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as progress, _logs_above(err):
        bar = _Progress(progress, countable)
        yield bar
        progress.update(bar.task, description="etl done")


# The stable contract of ``newsfacts extract``: the mention, then its claim (null when
# the claim engine gave no label).
FACT_FIELDS: tuple[str, ...] = (
    "kind",
    "text",
    "start",
    "end",
    "source_start",
    "source_end",
    "value",
    "value_high",
    "unit",
    "status",
    "reason",
)
CLAIM_FIELDS: tuple[str, ...] = (
    "measure",
    "organisation",
    "subject_text",
    "country",
    "period",
    "sentence",
)


def _fact_json(doc: str, fact: object) -> str:
    fields = {name: getattr(fact, name) for name in (*FACT_FIELDS, *CLAIM_FIELDS)}
    return json.dumps({"doc": doc, **fields}, ensure_ascii=False)


def _read_cases(path: Path, lang: str) -> list[tuple[str, str, str]]:
    """(id, input, lang) of every case of a ``--cases`` file, all checked before any runs.

    A line that is not a JSON object with a string ``input`` and an ``id`` is named
    (one line each, ``cases.jsonl line 2: ...``) and nothing is extracted: exit 2.
    """
    from newsfacts.sources import read_utf8

    try:
        text = read_utf8(path)
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(str(exc), param_hint="--cases") from exc
    cases, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name} line {number}"
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg})")
            continue
        if not isinstance(case, dict):
            problems.append(f'{where}: not a JSON object {{"id", "input"[, "lang"]}}')
        elif "input" not in case:
            problems.append(f'{where}: no "input"')
        elif not isinstance(case["input"], str):
            problems.append(f'{where}: "input" must be a string')
        elif case.get("id") is None:
            problems.append(f'{where}: no "id"')
        elif not isinstance(case.get("lang") or lang, str):
            problems.append(f'{where}: "lang" must be a string')
        else:
            cases.append((str(case["id"]), case["input"], case.get("lang") or lang))
    for problem in problems:
        _say(problem, "red")
    if problems:
        raise typer.Exit(2)
    return cases


@app.command()
def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="Article files to read.")] = None,
    cases: Annotated[
        Path | None,
        typer.Option(
            help='JSONL of {"id", "input"[, "lang"]}: extract from each input.',
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    lang: Annotated[str, typer.Option(help="Language of --cases inputs without a lang.")] = "en",
) -> None:
    """Print one JSON object per fact found (doc, kind, text, start, end, value, ..., measure,
    organisation, subject_text, country, period, sentence).

    FILES go through the pipeline's reading and normalisation; --cases inputs go
    to the extractor as they are. Exit 1 when a file could not be read or processed.
    """
    from newsfacts.extract import extract_facts
    from newsfacts.pipeline import process_documents

    out = sys.stdout
    if cases is not None:
        for case_id, text, case_lang in _read_cases(cases, lang):
            for fact in extract_facts(text, case_lang):
                out.write(_fact_json(case_id, fact) + "\n")
    if files:
        settings = Settings.from_env()
        batch = process_documents(files, settings)
        for error in batch.errors:
            err.print(f"[red]error[/] {error.source_uri} ({error.stage}): {error.error}")
        names = {r.content_hash: Path(r.source_uri).name for r in batch.raws}
        for article in batch.articles:
            for fact in batch.facts[article.article_id]:
                out.write(_fact_json(names[article.content_hash], fact) + "\n")
        if batch.errors:
            raise typer.Exit(1)
    if cases is None and not files:
        raise typer.BadParameter("give FILES or --cases")


def _existing_warehouse(warehouse: str | None) -> str:
    path = Settings.from_env(warehouse=warehouse).warehouse
    if not Path(path).exists():
        err.print(f"[red]no warehouse at {path}[/]: run `newsfacts run` first, or pass --warehouse")
        raise typer.Exit(2)
    return path


WorkingOption = Annotated[
    bool,
    typer.Option(
        "--working", help="Read the working warehouse, not the published analysts' snapshot."
    ),
]


@contextmanager
def _analyst_warehouse(warehouse: str | None, working: bool) -> Iterator[tuple[str, bool]]:
    """What analysts read, and whether it is the published snapshot: the snapshot when
    there is one, else (or with ``--working``) a private copy of the working warehouse.

    Neither is the working file, which only runs and checks open: a reader never
    makes a run wait or fail. The copy is taken between runs (waiting for one that
    is writing), migrated and indexed, and deleted when the block ends.
    """
    from warehouse.db import WarehouseLockedError, WarehouseUnusableError
    from warehouse.publish import snapshot_run, working_copy
    from warehouse.shell import prepare_warehouse

    settings = Settings.from_env(warehouse=warehouse)
    if settings.warehouse.startswith("ducklake:"):
        # a DuckLake reader sees one committed snapshot for its whole session: no copy
        yield settings.warehouse, True
        return
    snapshot = None if working else settings.published_warehouse
    if snapshot is not None and snapshot.exists():
        try:
            published = snapshot_run(snapshot)
        except WarehouseUnusableError as exc:
            _say(f"cannot read the published snapshot: {exc}", "red")
            raise typer.Exit(2) from exc
        if published and published[1] != "completed":
            _say(
                f"the published snapshot {snapshot}: run {published[0]} failed its quality"
                " gate, so this data is unchecked (see `uv run newsfacts check`)"
            )
        yield str(snapshot), True
        return
    path = _existing_warehouse(warehouse)
    try:
        with working_copy(path, settings.lock_wait_seconds, _say) as copy:
            prepare_warehouse(copy)
            yield str(copy), False
    except (WarehouseLockedError, WarehouseUnusableError) as exc:
        _say(f"cannot read the working warehouse: {exc}", "red")
        raise typer.Exit(2) from exc


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to find (any language).")],
    warehouse: WarehouseOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most articles to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per hit.")] = False,
    working: WorkingOption = False,
) -> None:
    """Full-text search over the loaded articles (BM25; substring for Chinese/Japanese)."""
    from warehouse.db import connect, is_ducklake
    from warehouse.search import index_private_copy, search_articles

    with _analyst_warehouse(warehouse, working) as (path, _):
        con = connect(path, read_only=True)
        try:
            if is_ducklake(path):  # a DuckLake holds no fts index: index a private copy
                index_private_copy(con)
            hits = search_articles(con, query, limit)
        finally:
            con.close()
    if as_json:
        for hit in hits:
            row = {f: getattr(hit, f) for f in hit.__dataclass_fields__}
            sys.stdout.write(json.dumps(row, default=str, ensure_ascii=False) + "\n")
        return
    if not hits:
        err.print(f"no article matches {query!r}")
        raise typer.Exit(1)
    out = Console()
    for hit in hits:
        when = hit.published_at.date().isoformat() if hit.published_at else "undated"
        title, publisher = escape(hit.title or "(untitled)"), escape(hit.publisher or "")
        out.print(f"[bold]{title}[/]  [dim]{publisher} {when}[/]")
        out.print(f"  {hit.score:.3f} {hit.matched_by}  {hit.article_id}")
        out.print(f"  …{hit.snippet}…", highlight=False, markup=False)


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def sql(
    ctx: typer.Context,
    warehouse: WarehouseOption = None,
    command: Annotated[
        list[str] | None,
        typer.Option("--command", "-c", help="Run this SQL and exit (repeatable)."),
    ] = None,
    mode: Annotated[
        str | None, typer.Option(help="Output mode: box, csv, json, jsonlines, markdown, ...")
    ] = None,
    working: WorkingOption = False,
) -> None:
    """Open the real duckdb shell, read-only, on the published snapshot; with --working
    (or before any run has published) on a private copy of the working warehouse."""
    from warehouse.shell import install_extensions, shell_argv

    with _analyst_warehouse(warehouse, working) as (path, is_snapshot):
        if path.startswith("ducklake:"):
            _say(f"the DuckLake {path} (one snapshot for the session)", "dim")
        elif is_snapshot:
            _say(f"the published snapshot {path} (as of the last run)", "dim")
        else:
            _say(f"a private copy of the working warehouse, as of now: {path}", "dim")
        install_extensions(path)
        argv = shell_argv(path, command, mode, banner=sys.stdin.isatty()) + list(ctx.args)
        sys.stdout.flush()
        sys.stderr.flush()
        if is_snapshot:
            os.execv(argv[0], argv)
        # the copy is deleted once the shell exits: wait for it, Ctrl-C being the shell's
        previous = signal.signal(signal.SIGINT, lambda *_: None)
        try:
            code = subprocess.call(argv)
        finally:
            signal.signal(signal.SIGINT, previous)
    raise typer.Exit(code)


@app.command()
def check(
    warehouse: WarehouseOption = None,
    junit: Annotated[
        Path | None, typer.Option(help="Also write JUnit XML here (one testcase per check).")
    ] = None,
    markdown: Annotated[
        Path | None, typer.Option(help="Also write the report here as a markdown table.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option(help="The dq.toml to grade with (default: the repository's).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="Measure the age checks at: now, reference_date (a fixed corpus) or"
            " YYYY-MM-DD (default: NEWSFACTS_DQ_AS_OF, else dq.toml's as_of).",
        ),
    ] = None,
) -> None:
    """Run the data-quality checks on the warehouse: exit 0 ok, 1 warnings only, 2 errors.

    Results are appended to dq_check_results. Under GitHub Actions the markdown
    goes to the step summary and failed checks become ::error/::warning annotations.
    """
    from functools import partial

    import duckdb

    from flows.render import dq_table, github_annotations, render_junit, render_markdown
    from newsfacts.dq_config import DQConfigError
    from newsfacts.settings import SettingsError
    from warehouse.db import WarehouseLockedError, WarehouseUnusableError, unusable
    from warehouse.dq import open_for_checks, record_results, run_checks
    from warehouse.lake import catalog_dsn, live_runs
    from warehouse.load import abandon_dead_runs
    from warehouse.lock import writer_lock

    try:
        settings = Settings.from_env(
            warehouse=warehouse, dq_config=str(config) if config else None, dq_as_of=as_of
        )
    except SettingsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    is_lake = settings.warehouse.startswith("ducklake:")
    if not is_lake and not Path(settings.warehouse).exists():
        err.print(f"[red]no warehouse at {settings.warehouse}[/]: run `newsfacts run` first")
        raise typer.Exit(2)
    try:
        dq_config = settings.with_dq().quality
        wait = settings.lock_wait_seconds
        # a writer: it waits for a run to finish rather than break it
        with (
            writer_lock(settings.warehouse, wait, "newsfacts check", _say),
            open_for_checks(settings.warehouse, dq_config.rows, wait_seconds=wait) as (
                con,
                schema_problems,
            ),
        ):
            # no run is alive while we hold the lock; on a DuckLake on PostgreSQL runs
            # write at once and the live ones hold leases (warehouse.lake)
            lake = settings.warehouse
            alive = partial(live_runs, lake) if catalog_dsn(lake) else None
            abandon_dead_runs(con, alive)
            report = run_checks(
                con,
                dq_config,
                "cli",
                schema_problems=schema_problems,
                reference_date=settings.reference_date,
                as_of=settings.dq_as_of,
            )
            record_results(con, report)
    except (DQConfigError, WarehouseLockedError, WarehouseUnusableError) as exc:
        _say(f"cannot check: {exc}", "red")
        raise typer.Exit(2) from exc  # never 1, which CI gates take for "warnings only"
    except duckdb.Error as exc:  # e.g. a corrupt block met while checking
        _say(f"cannot check: {unusable(settings.warehouse, exc)}", "red")
        raise typer.Exit(2) from exc

    Console().print(dq_table(report))
    text = render_markdown(report)
    if markdown is not None:
        markdown.write_text(text, encoding="utf-8")
    if junit is not None:
        junit.write_text(render_junit(report), encoding="utf-8")
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        with open(os.environ["GITHUB_STEP_SUMMARY"], "a", encoding="utf-8") as summary:
            summary.write(text + "\n")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(report):
            print(line)
    raise typer.Exit(report.exit_code)


@app.command()
def report(
    html: Annotated[Path, typer.Option("--html", help="Write the report to this HTML file.")],
    warehouse: WarehouseOption = None,
    working: WorkingOption = False,
) -> None:
    """Write the quality page: one self-contained HTML page with charts (works offline)."""
    from flows.quality_page import write_quality_page

    if html.is_dir():
        raise typer.BadParameter(
            f"{html} is a folder: give a file name, e.g. {html / 'quality.html'}",
            param_hint="--html",
        )
    with _analyst_warehouse(warehouse, working) as (path, _):
        try:
            data = write_quality_page(path, html)
        except OSError as exc:  # a folder that cannot be made, a full disk, no permission
            _say(f"cannot write {html}: {exc.strerror or exc}", "red")
            raise typer.Exit(2) from exc
    t = data.totals
    err.print(
        f"wrote {html}: {int(t['articles'])} articles, {int(t['valid facts'])} facts, "
        f"{int(t['quarantined facts'])} quarantined, {len(data.checks)} checks"
    )


@app.command()
def serve(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders to read on every run.")
    ] = None,
    cron: Annotated[
        str | None, typer.Option(help='Schedule as a cron expression, e.g. "0 */6 * * *".')
    ] = None,
    interval: Annotated[
        float | None, typer.Option(help="Schedule as an interval in seconds (instead of --cron).")
    ] = None,
    sources_file: SourcesOption = None,
    warehouse: WarehouseOption = None,
    name: Annotated[str, typer.Option(help="Deployment name.")] = "newsfacts-etl",
    task_runner: TaskRunnerOption = None,
    dask_address: DaskAddressOption = None,
    workers: WorkersOption = None,
) -> None:
    """Register a scheduled deployment of the ETL flow and serve its runs (Ctrl-C stops).

    Needs PREFECT_API_URL pointing at a `prefect server start` (which schedules the
    runs and shows them in its UI): without it, one line and exit 2.
    """
    from flows.serve import serve_etl
    from newsfacts.settings import SettingsError

    if (cron is None) == (interval is None):
        raise typer.BadParameter("give exactly one of --cron or --interval")
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule
        from pydantic import ValidationError

        try:
            CronSchedule(cron=cron)
        except ValidationError:
            raise typer.BadParameter(
                f'{cron!r} is not a cron expression (five fields, e.g. "0 */6 * * *")',
                param_hint="--cron",
            ) from None
    if interval is not None and interval <= 0:
        raise typer.BadParameter("must be more than 0 seconds", param_hint="--interval")
    try:
        settings = Settings.from_env(
            warehouse=warehouse,
            sources_file=str(sources_file.resolve()) if sources_file else None,
            task_runner=task_runner,
            dask_address=dask_address,
            workers=workers,
        )
    except SettingsError as exc:
        raise typer.BadParameter(str(exc)) from exc
    runner = _task_runner(settings)
    sources = [str(p.resolve()) for p in paths or []]
    if not sources and not settings.sources_file:
        sources = [str(SAMPLE_CORPUS)]
    from flows.prefect_api import configured_api_url

    if configured_api_url() is None:  # a temporary server schedules nothing: it would idle
        _say(
            "newsfacts serve needs a Prefect server to schedule its runs: start one with"
            " `uv run prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api",
            "red",
        )
        raise typer.Exit(2)
    serve_etl(
        settings, sources, cron=cron, interval_seconds=interval, name=name, task_runner=runner
    )


@app.command("eval")
def eval_(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="GOLD.jsonl, then the documents it names (default: found next to it)."),
    ] = None,
    suite: Annotated[
        list[Path] | None,
        typer.Option("--suite", help="Peer-suite JSONL to score (repeatable)."),
    ] = None,
    claims: Annotated[
        bool,
        typer.Option(
            "--claims",
            help="Score the claim labels on samples/claims: measure accuracy, organisation "
            "P/R/F1, country and period accuracy per language.",
        ),
    ] = False,
    claim_gold: Annotated[
        Path | None,
        typer.Option(
            "--claim-gold",
            help="With --claims: another claim gold folder (claims_<lang>.jsonl and articles/), "
            "e.g. samples/claims_blind.",
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the scores (and failing cases) here.")
    ] = None,
    min_f1: Annotated[
        float | None,
        typer.Option(
            "--min-f1",
            help="Exit 1 if any overall F1 (or, with --claims, organisation F1) is below this.",
        ),
    ] = None,
    errors: Annotated[int, typer.Option(help="Failing cases to list per file.")] = 0,
    predictions: Annotated[
        Path | None,
        typer.Option(help="Folder to write each suite's predictions to (score_suite.py format)."),
    ] = None,
) -> None:
    """Score the extractor: precision/recall/F1 per kind on gold facts or peer suites, and
    with --claims the claim labels per language."""
    from flows.render import claim_scores_table, scores_table
    from newsfacts.evaluate import (
        CLAIM_GOLD,
        CLAIM_LANGS,
        evaluate_claims,
        evaluate_gold,
        evaluate_suite,
    )

    if not paths and not suite and not claims:
        raise typer.BadParameter("give GOLD.jsonl [DOCS...], --suite SUITE.jsonl or --claims")
    evaluations = []
    if paths:
        evaluations.append(evaluate_gold(paths[0], paths[1:]))
    for p in suite or []:
        out = predictions / f"{p.stem}.pred.jsonl" if predictions else None
        evaluations.append(evaluate_suite(p, predictions_out=out))
    if claim_gold is not None and not (claim_gold / "articles").is_dir():
        raise typer.BadParameter(f"{claim_gold} has no articles/ folder", param_hint="--claim-gold")
    gold_folder = claim_gold if claim_gold is not None else CLAIM_GOLD
    claim_scores = [evaluate_claims(lang, gold_folder) for lang in CLAIM_LANGS] if claims else []
    console = Console(width=max(100, Console().width))
    if evaluations:
        console.print(scores_table(evaluations))
    if claim_scores:
        console.print(claim_scores_table(claim_scores))
    for ev in evaluations:
        for e in ev.errors[:errors]:
            failing = {"file": ev.name, "id": e.case_id, "missed": e.missed, "spurious": e.spurious}
            typer.echo(json.dumps(failing, ensure_ascii=False), err=True)
    for scores in claim_scores:
        for wrong in scores.errors[:errors]:
            typer.echo(json.dumps({"claims": scores.lang, **wrong}, ensure_ascii=False), err=True)
    if json_out is not None:
        written = [ev.as_dict() for ev in evaluations]
        written += [
            {"name": f"claims/{s.lang}", **s.as_dict(), "errors": s.errors[:errors]}
            for s in claim_scores
        ]
        json_out.write_text(
            json.dumps(written, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    if min_f1 is not None and (
        any(ev.f1 < min_f1 for ev in evaluations)
        or any(float(s.as_dict()["organisation_f1"]) < min_f1 for s in claim_scores)
    ):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
