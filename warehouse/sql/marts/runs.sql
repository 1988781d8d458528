-- runs: one row per pipeline run (grain: run_id).
create or replace view main.runs as
select
    run_id,
    flow_run_id,
    started_at,
    finished_at,
    date_diff('millisecond', started_at, finished_at) / 1000.0 as duration_seconds,
    status,
    sources,
    extractor_version,
    count_documents,
    count_articles_new,
    count_paragraphs_new,
    count_facts_new,
    count_quarantined_new,
    count_errors
from staging.stg_runs;

comment on view main.runs is 'One row per pipeline run (grain: run_id).';
comment on column main.runs.run_id is 'Run key (raw.runs.run_id).';
comment on column main.runs.flow_run_id is 'The Prefect flow run id of the run, to find it in the Prefect UI.';
comment on column main.runs.started_at is 'When the run started (UTC).';
comment on column main.runs.finished_at is 'When the run finished (UTC); null while running or if the process died.';
comment on column main.runs.duration_seconds is 'Wall time of the run in seconds; null until it finishes.';
comment on column main.runs.status is 'running, completed, failed, or abandoned (killed before it finished; marked by the next run).';
comment on column main.runs.sources is 'The paths, URLs or source names the run was given.';
comment on column main.runs.extractor_version is 'Extractor version the run used.';
comment on column main.runs.count_documents is 'Documents the run considered.';
comment on column main.runs.count_articles_new is 'Articles the run added (0 on a rerun of the same input).';
comment on column main.runs.count_paragraphs_new is 'Paragraphs the run added.';
comment on column main.runs.count_facts_new is 'Valid facts the run added.';
comment on column main.runs.count_quarantined_new is 'Quarantined facts the run added.';
comment on column main.runs.count_errors is 'Documents the run recorded in ingest_errors.';
