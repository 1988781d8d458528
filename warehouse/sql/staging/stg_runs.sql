-- staging.stg_runs: one row per pipeline run (grain: run_id).
create or replace view staging.stg_runs as
select
    run_id,
    flow_run_id,
    cast(started_at as timestamptz) as started_at,
    cast(finished_at as timestamptz) as finished_at,
    cast(started_at as date) as started_on,
    status,
    sources,
    extractor_version,
    count_documents,
    count_articles_new,
    count_paragraphs_new,
    count_facts_new,
    count_quarantined_new,
    count_errors
from raw.runs;

comment on view staging.stg_runs is 'One row per run (grain: run_id). raw.runs renamed and cast.';
comment on column staging.stg_runs.run_id is 'Run key (raw.runs.run_id).';
comment on column staging.stg_runs.flow_run_id is 'The Prefect flow run id of the run, to find it in the Prefect UI.';
comment on column staging.stg_runs.started_at is 'When the run started (UTC).';
comment on column staging.stg_runs.finished_at is 'When the run finished (UTC); null while running or if the process died.';
comment on column staging.stg_runs.started_on is 'Date the run started (UTC).';
comment on column staging.stg_runs.status is 'running, completed, failed, or abandoned (killed before it finished; marked by the next run).';
comment on column staging.stg_runs.sources is 'The paths, URLs or source names the run was given.';
comment on column staging.stg_runs.extractor_version is 'Extractor version the run used.';
comment on column staging.stg_runs.count_documents is 'Documents the run considered.';
comment on column staging.stg_runs.count_articles_new is 'Articles the run added (0 on a rerun of the same input).';
comment on column staging.stg_runs.count_paragraphs_new is 'Paragraphs the run added.';
comment on column staging.stg_runs.count_facts_new is 'Valid facts the run added.';
comment on column staging.stg_runs.count_quarantined_new is 'Quarantined facts the run added.';
comment on column staging.stg_runs.count_errors is 'Documents the run recorded in ingest_errors.';
